import type { FastifyReply, FastifyRequest } from 'fastify';
import { ValidationError, type FieldIssue } from '../errors.js';
import { DuplicateSubmission, FORM_KEY_FIELD, isFormKey, previousSubmission, withFormKey } from './form-keys.js';

/**
 * The post/redirect/get cycle of an HTML form: run the use case; on success redirect (303) with a
 * flash message; on invalid input show the same form again (422) with the values and the errors.
 */
export async function handleForm<T>(reply: FastifyReply, steps: {
  run(): Promise<T>;
  success(result: T): FastifyReply | Promise<FastifyReply>;
  invalid(issues: FieldIssue[]): FastifyReply | Promise<FastifyReply>;
}): Promise<FastifyReply> {
  const request = reply.request;
  const db = request.ctx.platform.db;
  const key = (request.body as Record<string, unknown> | undefined)?.[FORM_KEY_FIELD];
  const alreadyDone = async () => {
    const previous = await previousSubmission(db, key as string);
    return reply.flashRedirect(previous?.location ?? request.url, 'form.alreadySubmitted');
  };
  if (isFormKey(key) && (await previousSubmission(db, key))) return alreadyDone();
  let result: T;
  try {
    result = isFormKey(key) ? await withFormKey(key, steps.run) : await steps.run();
  } catch (error) {
    if (error instanceof DuplicateSubmission) return alreadyDone();
    if (error instanceof ValidationError) {
      reply.code(422);
      return steps.invalid(error.issues);
    }
    throw error;
  }
  // The server's onSend hook stores where this submission went before the answer leaves,
  // so a resubmission that arrives right after it is sent to the same place.
  if (isFormKey(key)) request.completedFormKey = key;
  return steps.success(result);
}

/** Form fields as strings (the first value where a field repeats). */
export function formBody(request: FastifyRequest): Record<string, string> {
  const body = (request.body ?? {}) as Record<string, unknown>;
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(body)) {
    if (key === '_csrf' || key === FORM_KEY_FIELD) continue;
    const first = Array.isArray(value) ? value[0] : value;
    if (typeof first === 'string') out[key] = first;
    else if (first && typeof first === 'object' && 'value' in first && typeof (first as { value: unknown }).value === 'string') out[key] = (first as { value: string }).value;
  }
  return out;
}

export function clientAddress(request: FastifyRequest): string {
  return request.ip;
}
