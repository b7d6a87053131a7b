import { createHash, randomBytes } from 'node:crypto';
import { z } from 'zod';
import type { Context } from '../../platform/context.js';
import { newId, nowIso } from '../../platform/db/helpers.js';
import { ConflictError, NotFoundError, ValidationError, type FieldIssue } from '../../platform/errors.js';
import { checkLimit, keyOf, recordAttempt } from '../../platform/rate-limit.js';
import type { AuditEntry } from '../../platform/audit.js';
import { defineUseCase, execute, type Tx } from '../../platform/service.js';
import type { Tenant } from '../../platform/tenancy.js';
import { email, flag, optionalLongText, optionalText, text } from '../../platform/validation.js';
import { summitActions } from './policy.js';
import {
  CONFIRM_HOURS, MAX_CHILDREN, MAX_LANGUAGE, MAX_NAME, MAX_NEEDS, isPhoneNumber, organisersMayRegister, placeFor, placesFree, registrationIsOpen,
} from './registration-model.js';
import { queueCancelledMail, queueChangeMail, queueConfirmLink, queuePlaceMail, type Addressee, type SummitChange } from './registration-mail.js';
import { countWithStatus, registrationByToken, type SummitRegistrationTable } from './registration-store.js';
import { resourceOfSummitId, summitPath } from './service.js';
import { findSummit, groupsOf, type Summit } from './store.js';

/**
 * Use cases of registering for a summit. Residents register without an account (a confirmation
 * link by mail), confirm (a place, or the waiting list when the places are taken), and cancel
 * (the first waiting moves up); organisers register someone by hand and cancel a registration.
 *
 * No overbooking: every use case that places people first locks the summit — `SELECT … FOR
 * UPDATE` on PostgreSQL; on SQLite every write transaction is serialised on the one connection —
 * and only then counts the confirmed places, so two confirmations at once cannot both take the last.
 *
 * The audit log gets the registration's id and status, never its name, address or needs.
 */
export const REGISTRATION_ENTITY = 'summit_registration';

/** Per (IP) address: at most this many registrations an hour, so nobody uses the form to mail strangers. */
export const REGISTRATIONS_PER_ADDRESS = { max: 10, windowMinutes: 60 } as const;

const newToken = () => randomBytes(24).toString('base64url');
export const registrationTokenHash = (token: string) => createHash('sha256').update(token).digest('base64url');

const blankToUndefined = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);
const idField = z.string({ error: 'validation.required' }).trim().min(1, 'validation.required').max(64, { message: 'validation.tooLong' });
const tokenField = z.string({ error: 'validation.required' }).trim().min(1, 'validation.required').max(100, { message: 'validation.tooLong' });

const detailFields = {
  summitId: idField,
  name: text(MAX_NAME),
  phone: optionalText(24),
  themes: z.array(idField).max(50, { message: 'validation.tooBig' }).default([]),
  accessNeeds: optionalLongText(MAX_NEEDS),
  languageHelp: optionalText(MAX_LANGUAGE),
  children: z.preprocess(blankToUndefined, z.coerce.number({ error: 'validation.type' }).int({ message: 'validation.type' })
    .min(0, { message: 'validation.tooSmall' }).max(MAX_CHILDREN, { message: 'validation.tooBig' }).optional()),
};
/** The fields with the address right after the name (the order in which a form names its errors). */
const { summitId: summitIdField, name: nameField, ...otherDetails } = detailFields;
const withEmail = <E extends z.ZodType>(address: E) => ({ summitId: summitIdField, name: nameField, email: address, ...otherDetails });
type Details = { summitId: string; name: string; phone?: string; themes: string[]; accessNeeds?: string; languageHelp?: string; children?: number };

/** A summit of the request's municipality, locked against other placing transactions, read after the lock. */
async function lockedSummit(tx: Tx, ctx: Context, id: string): Promise<Summit> {
  if (ctx.platform.engine === 'postgres') await tx.selectFrom('summits').select('id').where('id', '=', id).forUpdate().execute();
  const summit = ctx.tenant ? await findSummit(tx, ctx.tenant.id, id) : null;
  if (!summit) throw new NotFoundError();
  return summit;
}

/** A use case on a summit's registrations: judged on the summit, run with the summit locked (see above). */
function registrationUseCase<S extends z.ZodObject<{ summitId: typeof idField }>, R>(
  action: string, schema: S, run: (tx: Tx, input: z.output<S>, ctx: Context, summit: Summit) => Promise<{ result: R; audit: AuditEntry[] }>,
) {
  return defineUseCase({
    action,
    input: schema,
    resource: (tx, input, ctx) => resourceOfSummitId(tx, ctx, input.summitId),
    async run(tx, input, ctx) {
      return run(tx, input, ctx, await lockedSummit(tx, ctx, input.summitId));
    },
  });
}

/** What zod cannot check: the phone number's form and that every theme is a working group of this summit. */
async function detailIssues(tx: Tx, summit: Summit, input: Details): Promise<FieldIssue[]> {
  const issues: FieldIssue[] = [];
  if (input.phone && !isPhoneNumber(input.phone)) issues.push({ field: 'phone', key: 'summit.registration.error.phone' });
  const groups = new Set((await groupsOf(tx, summit.id)).map((g) => g.id));
  if (input.themes.some((id) => !groups.has(id))) issues.push({ field: 'themes', key: 'summit.registration.error.themes' });
  return issues;
}

const detailValues = (input: Details) => ({
  name: input.name, phone: input.phone ?? null, themes: JSON.stringify([...new Set(input.themes)]), access_needs: input.accessNeeds ?? null,
  language_help: input.languageHelp ?? null, children: input.children ?? null,
});

const addressee = (row: Pick<SummitRegistrationTable, 'id' | 'name' | 'email' | 'locale' | 'calendar_sequence'>): Addressee =>
  ({ id: row.id, name: row.name, email: row.email!, locale: row.locale, calendarSequence: Number(row.calendar_sequence) });

const audited = (action: string, summit: Summit, id: string, after: Record<string, unknown>, before?: Record<string, unknown>) =>
  ({ action, entityType: REGISTRATION_ENTITY, entityId: id, municipalityId: summit.municipalityId, before: before ?? null, after: { summit: summit.id, ...after } });

/**
 * Give a registration its status (a place or the waiting list) with a fresh cancel link in the mail
 * (when it has an address): `placedNow` starts its turn on the waiting list; moving up keeps it.
 */
async function place(tx: Tx, ctx: Context, summit: Summit, row: SummitRegistrationTable, status: 'confirmed' | 'waiting', mail: 'confirmed' | 'waiting' | 'movedUp', placedNow: boolean): Promise<void> {
  const cancelToken = newToken();
  // Someone on the waiting list may hold a tentative calendar file from a change of the summit (tellRegistrants): the confirmed one outranks it.
  const sequence = Number(row.calendar_sequence) + (mail === 'movedUp' ? 1 : 0);
  await tx.updateTable('summit_registrations').set({ status, cancel_token_hash: registrationTokenHash(cancelToken), calendar_sequence: sequence, ...(placedNow ? { placed_at: nowIso() } : {}) })
    .where('id', '=', row.id).execute();
  if (row.email) await queuePlaceMail(tx, ctx.platform, ctx.tenant!, summit, addressee({ ...row, calendar_sequence: sequence }), mail, cancelToken);
}

/**
 * Tell everyone with a place or on the waiting list (and an address) that the summit moved, was
 * cancelled or was taken up again, with the updated calendar file (see queueChangeMail). `summit`
 * is as it is now, its calendar revision already raised. Unless it was cancelled, each gets a
 * fresh cancel link (the old one stops working: only the newest mail needs one). Gives how many were told.
 */
export async function tellRegistrants(tx: Tx, ctx: Context, summit: Summit, change: SummitChange, detail: { before?: Pick<Summit, 'startsAt' | 'endsAt' | 'placeName'>; note?: string | null }): Promise<number> {
  const rows = await tx.selectFrom('summit_registrations').selectAll().where('summit_id', '=', summit.id).where('status', 'in', ['confirmed', 'waiting'])
    .where('email', 'is not', null).orderBy('placed_at').orderBy('id').execute();
  for (const row of rows) {
    let cancelToken: string | undefined;
    if (change !== 'cancelled') {
      cancelToken = newToken();
      await tx.updateTable('summit_registrations').set({ cancel_token_hash: registrationTokenHash(cancelToken) }).where('id', '=', row.id).execute();
    }
    await queueChangeMail(tx, ctx.platform, ctx.tenant!, summit, { ...addressee(row), status: row.status as 'confirmed' | 'waiting' }, change, { ...detail, cancelToken });
  }
  return rows.length;
}

/**
 * Move the first on the waiting list up into the places that are free (after a cancellation, or
 * when organisers raised the capacity), each mailed with the calendar file. Call with the summit locked.
 */
export async function fillPlaces(tx: Tx, ctx: Context, summitId: string): Promise<string[]> {
  const summit = await lockedSummit(tx, ctx, summitId);
  const confirmed = await countWithStatus(tx, summit.id, 'confirmed');
  const waiting = await tx.selectFrom('summit_registrations').selectAll().where('summit_id', '=', summit.id).where('status', '=', 'waiting').orderBy('placed_at').orderBy('id').execute();
  const moving = waiting.slice(0, placesFree(confirmed, summit.capacity, waiting.length));
  for (const row of moving) await place(tx, ctx, summit, row, 'confirmed', 'movedUp', false);
  return moving.map((r) => r.id);
}

// ---- residents -------------------------------------------------------------------------------------

export type RegisterOutcome = 'sent' | 'resent' | 'already';

/**
 * Register without an account. The same address registering again for this summit is recognised:
 * a pending registration gets a fresh link (and the newest details), a placed one its place mail
 * again with a fresh cancel link — never a second registration. What the page says afterwards is
 * the same in every case (it must not tell anyone whether an address registered).
 */
export const register = registrationUseCase(summitActions.view, z.object({ ...withEmail(email()), consent: flag(), addressKey: z.string().max(100).optional() }), async (tx, input, ctx, summit) => {
  if (!registrationIsOpen(summit.status)) throw new ConflictError('summit.registration.closed');
  const issues = await detailIssues(tx, summit, input);
  if (!input.consent) issues.push({ field: 'consent', key: 'summit.registration.error.consent' });
  if (issues.length) throw new ValidationError(issues);
  const tenant = ctx.tenant!;
  const existing = await tx.selectFrom('summit_registrations').selectAll().where('summit_id', '=', summit.id).where('email_key', '=', input.email.toLowerCase())
    .where('status', '!=', 'cancelled').executeTakeFirst();
  if (input.addressKey) await recordAttempt(tx, input.addressKey);
  const path = `${summitPath(tenant.slug, summit.id)}#aanmelden`;
  if (existing && existing.status !== 'pending') {
    const status = existing.status === 'waiting' ? 'waiting' : 'confirmed';
    await place(tx, ctx, summit, existing, status, status, false);
    return { result: { id: existing.id, path, outcome: 'already' as RegisterOutcome }, audit: [audited('summit.registration.again', summit, existing.id, { status: existing.status })] };
  }
  const token = newToken();
  const values = {
    ...detailValues(input), email: input.email, email_key: input.email.toLowerCase(), locale: ctx.locale,
    confirm_token_hash: registrationTokenHash(token), confirm_expires_at: new Date(Date.now() + CONFIRM_HOURS * 3_600_000).toISOString(),
  };
  const id = existing?.id ?? newId();
  if (existing) await tx.updateTable('summit_registrations').set(values).where('id', '=', id).execute();
  else {
    await tx.insertInto('summit_registrations').values({
      id, summit_id: summit.id, municipality_id: summit.municipalityId, status: 'pending', ...values, by_hand: 0, cancel_token_hash: null, calendar_sequence: 0,
      created_at: nowIso(), placed_at: null, cancelled_at: null,
    }).execute();
  }
  await queueConfirmLink(tx, ctx.platform, tenant, summit, { id, name: input.name, email: input.email, locale: ctx.locale, calendarSequence: 0 }, token);
  return { result: { id, path, outcome: (existing ? 'resent' : 'sent') as RegisterOutcome }, audit: [audited('summit.registration.register', summit, id, { status: 'pending', outcome: existing ? 'resent' : 'sent' })] };
});

/** Register from an address, within its limit (the 429 page says why). The registration's transaction counts the attempt. */
export async function registerFrom(ctx: Context, rawInput: Record<string, unknown>, address: string) {
  const addressKey = keyOf(ctx.platform, 'summit.registration', address);
  await checkLimit(ctx.platform.db, { key: addressKey, ...REGISTRATIONS_PER_ADDRESS, messageKey: 'summit.registration.tooMany' });
  return execute(ctx, register, { ...rawInput, addressKey });
}

/** Follow the confirmation link: a place while there is one, else the waiting list. */
export const confirmRegistration = registrationUseCase(summitActions.view, z.object({ summitId: idField, token: tokenField }), async (tx, input, ctx, summit) => {
  const row = await registrationByToken(tx, summit.id, 'confirm_token_hash', registrationTokenHash(input.token));
  if (!row || row.status === 'cancelled') throw new ConflictError('summit.registration.unknownLink');
  if (row.status !== 'pending') throw new ConflictError('summit.registration.alreadyConfirmed');
  if (Date.parse(row.confirm_expires_at ?? '') < Date.now()) throw new ConflictError('summit.registration.expiredLink');
  if (!registrationIsOpen(summit.status)) throw new ConflictError('summit.registration.closed');
  const status = placeFor(await countWithStatus(tx, summit.id, 'confirmed'), summit.capacity);
  await place(tx, ctx, summit, row, status, status, true);
  return { result: { id: row.id, status, path: `${summitPath(ctx.tenant!.slug, summit.id)}#aanmelden` }, audit: [audited('summit.registration.confirm', summit, row.id, { status })] };
});

async function cancelRow(tx: Tx, ctx: Context, summit: Summit, row: SummitRegistrationTable, actionName: string) {
  const hadPlace = row.status === 'confirmed';
  const sequence = Number(row.calendar_sequence) + (hadPlace ? 1 : 0);
  await tx.updateTable('summit_registrations').set({ status: 'cancelled', cancelled_at: nowIso(), cancel_token_hash: null, confirm_token_hash: null, calendar_sequence: sequence })
    .where('id', '=', row.id).execute();
  if (row.email && row.status !== 'pending') await queueCancelledMail(tx, ctx.platform, ctx.tenant!, summit, addressee({ ...row, calendar_sequence: sequence }), hadPlace);
  const movedUp = hadPlace ? await fillPlaces(tx, ctx, summit.id) : [];
  return { result: { id: row.id, path: `${summitPath(ctx.tenant!.slug, summit.id)}#aanmelden` }, audit: [audited(actionName, summit, row.id, { status: 'cancelled', movedUp }, { status: row.status })] };
}

/** Follow the cancel link: the place is freed (the first waiting moves up) and a cancelling calendar file is sent. */
export const cancelRegistration = registrationUseCase(summitActions.view, z.object({ summitId: idField, token: tokenField }), async (tx, input, ctx, summit) => {
  const row = await registrationByToken(tx, summit.id, 'cancel_token_hash', registrationTokenHash(input.token));
  if (!row) throw new ConflictError('summit.registration.unknownCancelLink');
  return cancelRow(tx, ctx, summit, row, 'summit.registration.cancel');
});

// ---- organisers ------------------------------------------------------------------------------------

/**
 * An organiser registers someone who called or was met at the door: placed at once (or on the
 * waiting list), with a confirmation mail when an address is given; a phone number or nothing otherwise.
 */
export const registerByHand = registrationUseCase(summitActions.organise, z.object(withEmail(z.preprocess(blankToUndefined, email().optional()))), async (tx, input, ctx, summit) => {
  if (!organisersMayRegister(summit.status)) throw new ConflictError('summit.registration.closedForOrganisers');
  const issues = await detailIssues(tx, summit, input);
  const emailKey = input.email?.toLowerCase() ?? null;
  if (emailKey && await tx.selectFrom('summit_registrations').select('id').where('summit_id', '=', summit.id).where('email_key', '=', emailKey).where('status', '!=', 'cancelled').executeTakeFirst()) {
    issues.push({ field: 'email', key: 'summit.registration.error.duplicate' });
  }
  if (issues.length) throw new ValidationError(issues);
  const row: SummitRegistrationTable = {
    id: newId(), summit_id: summit.id, municipality_id: summit.municipalityId, status: 'pending', ...detailValues(input), email: input.email ?? null, email_key: emailKey,
    locale: ctx.locale, by_hand: 1, confirm_token_hash: null, confirm_expires_at: null, cancel_token_hash: null, calendar_sequence: 0, attended: null, created_at: nowIso(), placed_at: null, cancelled_at: null,
  };
  await tx.insertInto('summit_registrations').values(row).execute();
  const status = placeFor(await countWithStatus(tx, summit.id, 'confirmed'), summit.capacity);
  await place(tx, ctx, summit, row, status, status, true);
  return { result: { id: row.id, status, path: registrationsPath(ctx.tenant!, summit.id) }, audit: [audited('summit.registration.byHand', summit, row.id, { status })] };
});

export const cancelByOrganiser = registrationUseCase(summitActions.organise, z.object({ summitId: idField, id: idField }), async (tx, input, ctx, summit) => {
  const row = await tx.selectFrom('summit_registrations').selectAll().where('summit_id', '=', summit.id).where('id', '=', input.id).executeTakeFirst();
  if (!row) throw new NotFoundError();
  if (row.status === 'cancelled') throw new ConflictError('summit.registration.alreadyCancelled');
  const done = await cancelRow(tx, ctx, summit, row, 'summit.registration.cancelByOrganiser');
  return { ...done, result: { ...done.result, path: registrationsPath(ctx.tenant!, summit.id) } };
});

export const registrationsPath = (tenant: Tenant, summitId: string) => `${summitPath(tenant.slug, summitId)}/aanmeldingen`;

/** A registration's details as the use cases take them from a form: the themes from their checkboxes (`theme-{groupId}`). */
export function registrationInput(values: Record<string, string>): Record<string, unknown> {
  const themes = Object.keys(values).filter((k) => k.startsWith('theme-') && values[k] === 'on').map((k) => k.slice('theme-'.length));
  return { ...values, themes };
}

