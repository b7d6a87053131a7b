import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Platform } from '../context.js';
import type { ApiRegistry } from '../http/api.js';
import { ForbiddenError, NotFoundError } from '../errors.js';
import { contentDisposition, downloadName } from './names.js';
import { findFilePurpose } from './purposes.js';
import { fileTypes, imageTypes, textTypes } from './sniff.js';
import { findFile, readBytes, type FileRecord } from './store.js';

/**
 * Downloads. Every file is sent with the type found in its content, `nosniff`, and as an
 * attachment unless it is an image or a PDF; caches may keep it only for the one person who
 * asked, and must ask again (cheaply, with the ETag) before reusing it, so that access that was
 * taken away is really gone. Only a purpose that everyone may always read (`publicMaxAge`) lets
 * shared caches keep it for a while.
 */
const SANDBOX_CSP = "default-src 'none'; style-src 'unsafe-inline'; sandbox";

export function sendFile(reply: FastifyReply, record: FileRecord, bytes: Uint8Array, options: { publicMaxAge?: number } = {}): FastifyReply {
  const inline = imageTypes.includes(record.mediaType) || record.mediaType === 'application/pdf';
  const type = textTypes.includes(record.mediaType) ? `${record.mediaType}; charset=utf-8` : record.mediaType;
  const etag = `"${record.sha256}"`;
  reply
    .header('content-type', type)
    .header('content-disposition', contentDisposition(inline ? 'inline' : 'attachment', downloadName(record.name, record.mediaType)))
    .header('x-content-type-options', 'nosniff')
    .header('cache-control', options.publicMaxAge ? `public, max-age=${options.publicMaxAge}` : 'private, no-cache')
    .header('etag', etag)
    .header('cross-origin-resource-policy', 'same-origin');
  // Even opened directly, a file runs nothing: no scripts, no requests, a unique origin.
  // (Not for PDF: browsers' PDF viewers refuse to run in a sandbox.)
  if (record.mediaType !== 'application/pdf') reply.header('content-security-policy', SANDBOX_CSP);
  const ifNoneMatch = reply.request.headers['if-none-match'];
  if (typeof ifNoneMatch === 'string' && ifNoneMatch.split(',').some((tag) => tag.trim().replace(/^W\//, '') === etag)) {
    return reply.code(304).send();
  }
  return reply.code(200).send(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
}

const FILE_ID = /^[a-z0-9]{1,64}$/;

/**
 * Look a file up within the request's municipality (another municipality's id is "not found",
 * exactly like an unknown one), ask the purpose for the policy resource, check `can` and send it.
 */
export async function serveFile(request: FastifyRequest, reply: FastifyReply, platform: Platform, id: string): Promise<FastifyReply> {
  const { ctx } = request;
  if (!ctx.tenant || !FILE_ID.test(id)) throw new NotFoundError();
  const record = await findFile(platform.db, id, { municipalityId: ctx.tenant.id });
  const purpose = record ? findFilePurpose(record.purpose) : null;
  if (!record || !purpose) throw new NotFoundError();
  const resource = await purpose.resource(record, platform.db);
  if (!platform.policy.can(ctx.actor, purpose.readAction, resource)) throw new ForbiddenError(ctx.actor.kind !== 'anonymous');
  return sendFile(reply, record, await readBytes(platform.db, platform, record), { publicMaxAge: purpose.publicMaxAge });
}

const registered = new WeakSet<FastifyInstance>();

/** Links to a file, for pages and API answers. */
export const filePaths = {
  page: (slug: string, id: string) => `/${slug}/bestanden/${id}`,
  api: (slug: string, id: string) => `/api/v1/${slug}/files/${id}`,
};

/** GET /:municipality/bestanden/:id, the address pages link to (idempotent per app). */
export function registerFileRoutes(app: FastifyInstance, platform: Platform): void {
  if (registered.has(app)) return;
  registered.add(app);
  app.get('/:municipality/bestanden/:id', (request, reply) => serveFile(request, reply, platform, (request.params as { id: string }).id));
}

/** GET /api/v1/:municipality/files/:id: the same download, documented in the OpenAPI description. */
export function registerFileApi(api: ApiRegistry, platform: Platform): void {
  api.route({
    method: 'GET',
    path: '/:municipality/files/:id',
    summary: 'Download a file (a receipt, photo or attachment) that you may see; sent with the type found in its content, with an ETag',
    tag: 'files',
    params: z.object({ municipality: z.string(), id: z.string() }),
    binary: fileTypes,
    handler: async ({ params }, _ctx, request, reply) => serveFile(request, reply, platform, params.id),
  });
}

// ---- uploads -----------------------------------------------------------------------------

export interface UploadedFile {
  /** The name the browser sent (not yet sanitised; saveFile does that). */
  name: string;
  bytes: Uint8Array;
}

interface MultipartFilePart {
  type: 'file';
  filename: string;
  toBuffer(): Promise<Buffer>;
}

function isFilePart(value: unknown): value is MultipartFilePart {
  return typeof value === 'object' && value !== null && (value as { type?: unknown }).type === 'file'
    && typeof (value as { toBuffer?: unknown }).toBuffer === 'function';
}

/**
 * The file of a form field (multipart/form-data, as the server parses it with
 * attachFieldsToBody), or undefined when the field has no file. A browser sends an empty part
 * when no file was chosen; that comes back as zero bytes, which saveFile refuses as files.empty.
 */
export async function uploadedFile(request: FastifyRequest, field: string): Promise<UploadedFile | undefined> {
  const value = (request.body as Record<string, unknown> | undefined)?.[field];
  const first = Array.isArray(value) ? value[0] : value;
  if (!isFilePart(first)) return undefined;
  return { name: first.filename ?? '', bytes: new Uint8Array(await first.toBuffer()) };
}
