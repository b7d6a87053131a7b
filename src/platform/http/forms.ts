import type { FastifyReply, FastifyRequest } from 'fastify';
import { ValidationError, type FieldIssue } from '../errors.js';

/**
 * The post/redirect/get cycle of an HTML form: run the use case; on success redirect (303) with a
 * flash message; on invalid input show the same form again (422) with the values and the errors.
 */
export async function handleForm<T>(reply: FastifyReply, steps: {
  run(): Promise<T>;
  success(result: T): FastifyReply | Promise<FastifyReply>;
  invalid(issues: FieldIssue[]): FastifyReply | Promise<FastifyReply>;
}): Promise<FastifyReply> {
  let result: T;
  try {
    result = await steps.run();
  } catch (error) {
    if (error instanceof ValidationError) {
      reply.code(422);
      return steps.invalid(error.issues);
    }
    throw error;
  }
  return steps.success(result);
}

/** Form fields as strings (the first value where a field repeats). */
export function formBody(request: FastifyRequest): Record<string, string> {
  const body = (request.body ?? {}) as Record<string, unknown>;
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(body)) {
    if (key === '_csrf') continue;
    const first = Array.isArray(value) ? value[0] : value;
    if (typeof first === 'string') out[key] = first;
    else if (first && typeof first === 'object' && 'value' in first && typeof (first as { value: unknown }).value === 'string') out[key] = (first as { value: string }).value;
  }
  return out;
}

export function clientAddress(request: FastifyRequest): string {
  return request.ip;
}
