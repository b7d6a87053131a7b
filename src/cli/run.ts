import { loadConfig } from '../platform/config.js';
import { AppError, ValidationError } from '../platform/errors.js';
import { translator } from '../platform/i18n/index.js';
import { openPlatform, type OpenedPlatform } from '../app.js';
import type { Context } from '../platform/context.js';
import { system } from '../platform/policy.js';
import { findTenantBySlug } from '../platform/tenancy.js';

/** Exit codes: 0 ok, 1 failure, 2 bad usage or bad input. */
export const EXIT_FAILURE = 1;
export const EXIT_BAD_INPUT = 2;

export class CliError extends Error {
  constructor(message: string, readonly exitCode = EXIT_BAD_INPUT) {
    super(message);
  }
}

/** Open the platform, run the work, close, and turn errors into a clear message and exit code. */
export async function withPlatform(work: (opened: OpenedPlatform) => Promise<void>, options: { migrate?: boolean } = {}): Promise<void> {
  let opened: OpenedPlatform | null = null;
  try {
    opened = await openPlatform(loadConfig(), { migrate: options.migrate });
    await work(opened);
  } catch (error) {
    process.exitCode = reportError(error);
  } finally {
    await opened?.close();
  }
}

export function reportError(error: unknown): number {
  const t = translator('en');
  if (error instanceof ValidationError) {
    for (const issue of error.issues) process.stderr.write(`error: ${issue.field || 'input'}: ${t(issue.key, { ...issue.params, field: issue.field })}\n`);
    return EXIT_BAD_INPUT;
  }
  if (error instanceof AppError) {
    process.stderr.write(`error: ${t(error.key, error.params)}\n`);
    return EXIT_BAD_INPUT;
  }
  if (error instanceof CliError) {
    process.stderr.write(`error: ${error.message}\n`);
    return error.exitCode;
  }
  process.stderr.write(`error: ${error instanceof Error ? error.message : String(error)}\n`);
  return EXIT_FAILURE;
}

/** The CLI acts as the system actor (installation administrator), in a municipality if one is named. */
export async function systemContext(opened: OpenedPlatform, slug?: string): Promise<Context> {
  const tenant = slug ? await findTenantBySlug(opened.platform.db, slug) : null;
  if (slug && !tenant) throw new CliError(`unknown municipality "${slug}"`);
  return { platform: opened.platform, actor: system, tenant, locale: 'en' };
}
