import type { FastifyInstance, FastifyRequest, FastifyReply } from 'fastify';
import { z } from 'zod';
import type { Context } from '../context.js';
import { parseInput } from '../validation.js';

/**
 * JSON API under /api/v1: each route declares zod schemas for its params, query, body and
 * response; they validate the request and produce the OpenAPI 3 document.
 */
type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface ApiRouteSpec<P extends z.ZodType, Q extends z.ZodType, B extends z.ZodType> {
  method: Method;
  /** Fastify path below /api/v1, e.g. "/:municipality/organisations/:id". */
  path: string;
  summary: string;
  tag: string;
  params?: P;
  query?: Q;
  body?: B;
  response?: z.ZodType;
  /** A response that is not JSON (a download): its possible media types, as documented. The handler sends it through `reply`. */
  binary?: readonly string[];
  status?: number;
  handler(input: { params: z.output<P>; query: z.output<Q>; body: z.output<B> }, ctx: Context, request: FastifyRequest, reply: FastifyReply): Promise<unknown>;
}

interface Documented {
  method: Method;
  path: string;
  summary: string;
  tag: string;
  params?: z.ZodType;
  query?: z.ZodType;
  body?: z.ZodType;
  response?: z.ZodType;
  binary?: readonly string[];
  status: number;
}

export class ApiRegistry {
  readonly routes: Documented[] = [];
  constructor(private readonly app: FastifyInstance) {}

  route<P extends z.ZodType = z.ZodObject<{}>, Q extends z.ZodType = z.ZodObject<{}>, B extends z.ZodType = z.ZodUnknown>(spec: ApiRouteSpec<P, Q, B>): void {
    const status = spec.status ?? (spec.method === 'POST' ? 201 : 200);
    this.routes.push({ method: spec.method, path: spec.path, summary: spec.summary, tag: spec.tag, params: spec.params, query: spec.query, body: spec.body, response: spec.response, binary: spec.binary, status });
    this.app.route({
      method: spec.method,
      url: `/api/v1${spec.path}`,
      handler: async (request, reply) => {
        const params = spec.params ? parseInput(spec.params, request.params) : {};
        const query = spec.query ? parseInput(spec.query, request.query) : {};
        const body = spec.body ? parseInput(spec.body, request.body ?? {}) : undefined;
        const result = await spec.handler({ params, query, body } as never, request.ctx, request, reply);
        if (reply.sent) return reply;
        if (result === undefined) return reply.code(204).send();
        return reply.code(status).type('application/json; charset=utf-8').send(result);
      },
    });
  }

  openApi(): Record<string, unknown> {
    const paths: Record<string, Record<string, unknown>> = {};
    const schema = (s: z.ZodType | undefined) => (s ? z.toJSONSchema(s, { io: 'input', unrepresentable: 'any' }) : undefined);
    const contentOf = (route: Documented) => {
      if (route.binary) return Object.fromEntries(route.binary.map((type) => [type, { schema: { type: 'string', format: 'binary' } }]));
      return route.response ? { 'application/json': { schema: schema(route.response) } } : undefined;
    };
    for (const route of this.routes) {
      const openPath = `/api/v1${route.path.replace(/:(\w+)/g, '{$1}')}`;
      const parameters: unknown[] = [];
      for (const [where, s] of [['path', route.params], ['query', route.query]] as const) {
        const json = schema(s) as { properties?: Record<string, unknown>; required?: string[] } | undefined;
        for (const [name, prop] of Object.entries(json?.properties ?? {})) {
          parameters.push({ name, in: where, required: where === 'path' || (json?.required ?? []).includes(name), schema: prop });
        }
      }
      const operation: Record<string, unknown> = {
        summary: route.summary,
        tags: [route.tag],
        parameters,
        responses: {
          [String(route.status)]: { description: 'OK', content: contentOf(route) },
          '4XX': { description: 'Problem', content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } } },
        },
      };
      if (route.body) operation.requestBody = { required: true, content: { 'application/json': { schema: schema(route.body) } } };
      (paths[openPath] ??= {})[route.method.toLowerCase()] = operation;
    }
    return {
      openapi: '3.1.0',
      info: { title: 'Buurtarena API', version: '1', license: { name: 'EUPL-1.2', identifier: 'EUPL-1.2' },
        description: 'Everything the pages show, as JSON. Errors are RFC 9457 problem details. State-changing requests made with a session cookie need the X-CSRF-Token header (GET /api/v1/session returns it).' },
      paths,
      components: {
        schemas: {
          Problem: {
            type: 'object',
            properties: {
              type: { type: 'string' }, title: { type: 'string' }, status: { type: 'integer' }, detail: { type: 'string' }, instance: { type: 'string' },
              errors: { type: 'array', items: { type: 'object', properties: { field: { type: 'string' }, message: { type: 'string' } } } },
            },
          },
        },
      },
    };
  }
}
