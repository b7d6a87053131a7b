import type { z } from 'zod';
import type { Kysely } from 'kysely';
import type { Database } from './db/schema.js';
import type { Context } from './context.js';
import { appendAudit, type AuditEntry } from './audit.js';
import { ForbiddenError } from './errors.js';
import type { Resource } from './policy.js';
import { parseInput } from './validation.js';
import { recordFormKey } from './http/form-keys.js';

export type Tx = Kysely<Database>;

/**
 * A use case is the only way to change data. `execute` runs it the same way for pages, API and
 * CLI: validate the input → load the resource → check the policy → change data and append the
 * audit entries in one transaction. If anything throws, nothing is written.
 */
export interface UseCase<S extends z.ZodType, R> {
  action: string;
  input: S;
  /** Loads what the policy decides on (and throws NotFoundError for unknown or foreign ids). */
  resource(tx: Tx, input: z.output<S>, ctx: Context): Promise<Resource>;
  run(tx: Tx, input: z.output<S>, ctx: Context, resource: Resource): Promise<{ result: R; audit: AuditEntry[] }>;
  /** Last step inside the same transaction, after the audit entries were appended (e.g. erasing a person's audit key). */
  finish?(tx: Tx, input: z.output<S>, ctx: Context): Promise<void>;
}

export function defineUseCase<S extends z.ZodType, R>(useCase: UseCase<S, R>): UseCase<S, R> {
  return useCase;
}

export async function execute<S extends z.ZodType, R>(ctx: Context, useCase: UseCase<S, R>, rawInput: unknown): Promise<R> {
  const input = parseInput(useCase.input, rawInput);
  return ctx.platform.db.transaction().execute(async (tx) => {
    await recordFormKey(tx);
    const resource = await useCase.resource(tx, input, ctx);
    if (!ctx.platform.policy.can(ctx.actor, useCase.action, resource)) throw new ForbiddenError(ctx.actor.kind !== 'anonymous');
    const { result, audit } = await useCase.run(tx, input, ctx, resource);
    if (audit.length === 0) throw new Error(`Use case ${useCase.action} changed data without an audit entry`);
    for (const entry of audit) await appendAudit(tx, ctx.actor, entry);
    await useCase.finish?.(tx, input, ctx);
    return result;
  });
}

/** For reads: throw the right error when the policy refuses. */
export function authorize(ctx: Context, action: string, resource: Resource): void {
  if (!ctx.platform.policy.can(ctx.actor, action, resource)) throw new ForbiddenError(ctx.actor.kind !== 'anonymous');
}

export function allowed(ctx: Context, action: string, resource: Resource): boolean {
  return ctx.platform.policy.can(ctx.actor, action, resource);
}
