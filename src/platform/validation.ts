import { z } from 'zod';
import { ValidationError, type FieldIssue } from './errors.js';

/**
 * Zod schemas for user input and the translation of zod's issues into field issues with
 * message keys, so that pages and the API can name the field in the reader's language.
 */
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;

/** Is this a real calendar date written YYYY-MM-DD (no 31 April, no 29 February outside leap years)? */
export function isCalendarDate(value: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) return false;
  const [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

/** A required date as a form or the API sends it (YYYY-MM-DD): the use case checks it with `isCalendarDate` and names its own message. */
export function dateText() {
  return z.string({ error: 'validation.required' }).trim().min(1, 'validation.required').max(10, { message: 'validation.tooLong' });
}

/** Required single-line text: trimmed, not empty, limited, no control characters. */
export function text(max = 200) {
  return z.string({ error: (iss) => (iss.input === undefined ? 'validation.required' : 'validation.type') })
    .trim()
    .min(1, 'validation.required')
    .max(max, { message: 'validation.tooLong' })
    .refine((v) => !CONTROL.test(v) && !/[\r\n]/.test(v), 'validation.controlChars');
}

/** Multi-line text (newlines allowed). */
export function longText(max = 5000) {
  return z.string({ error: (iss) => (iss.input === undefined ? 'validation.required' : 'validation.type') })
    .trim()
    .min(1, 'validation.required')
    .max(max, { message: 'validation.tooLong' })
    .refine((v) => !CONTROL.test(v), 'validation.controlChars');
}

/** Optional text: an empty form field means "not given". */
export function optionalText(max = 200) {
  return z.preprocess((v) => (typeof v === 'string' && v.trim() === '' ? undefined : v), text(max).optional());
}

export function optionalLongText(max = 5000) {
  return z.preprocess((v) => (typeof v === 'string' && v.trim() === '' ? undefined : v), longText(max).optional());
}

export function email() {
  return z.preprocess((v) => (typeof v === 'string' ? v.trim().toLowerCase() : v),
    z.string({ error: (iss) => (iss.input === undefined ? 'validation.required' : 'validation.type') })
      .min(1, 'validation.required')
      .max(254, { message: 'validation.tooLong' })
      .pipe(z.email({ error: 'validation.email' })));
}

export function password() {
  return z.string({ error: (iss) => (iss.input === undefined ? 'validation.required' : 'validation.type') })
    .min(12, { message: 'validation.passwordTooShort' })
    .max(200, { message: 'validation.tooLong' });
}

export function choice<const T extends readonly [string, ...string[]]>(values: T) {
  return z.enum(values, { error: (iss) => (iss.input === undefined || iss.input === '' ? 'validation.required' : 'validation.choice') });
}

export function identifier() {
  return z.string({ error: 'validation.required' }).trim().min(1, 'validation.required').max(64, 'validation.tooLong').regex(/^[a-z0-9_-]+$/i, 'validation.invalid');
}

export function slug() {
  return z.string({ error: 'validation.required' }).trim().toLowerCase().min(2, 'validation.tooShort').max(60, 'validation.tooLong')
    .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'validation.slug');
}

/** HTML colour #rrggbb. */
export function colour() {
  return z.string({ error: 'validation.required' }).trim().toLowerCase().regex(/^#[0-9a-f]{6}$/, 'validation.colour');
}

/** Checkbox in a form ("on") or a JSON boolean. */
export function flag() {
  return z.preprocess((v) => v === 'on' || v === 'true' || v === '1' || v === true, z.boolean());
}

function keyOf(issue: z.core.$ZodIssue): FieldIssue['key'] {
  if (issue.message.startsWith('validation.')) return issue.message;
  switch (issue.code) {
    case 'invalid_type': return (issue as { input?: unknown }).input === undefined ? 'validation.required' : 'validation.type';
    case 'too_small': return 'validation.tooSmall';
    case 'too_big': return 'validation.tooBig';
    case 'invalid_value': return 'validation.choice';
    case 'unrecognized_keys': return 'validation.unknownField';
    default: return 'validation.invalid';
  }
}

export function issuesOf(error: z.ZodError): FieldIssue[] {
  return error.issues.map((issue) => {
    const params: Record<string, string | number> = {};
    if ('maximum' in issue) params.maximum = Number(issue.maximum);
    if ('minimum' in issue) params.minimum = Number(issue.minimum);
    if (issue.code === 'unrecognized_keys') params.keys = issue.keys.join(', ');
    return { field: issue.path.join('.') || (issue.code === 'unrecognized_keys' ? issue.keys.join(',') : ''), key: keyOf(issue), params };
  });
}

/** Parse or throw a ValidationError that names every failing field. */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const result = schema.safeParse(input);
  if (!result.success) throw new ValidationError(issuesOf(result.error));
  return result.data;
}
