import { createHmac, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import type { Context, Platform } from '../../platform/context.js';
import { newId, nowIso } from '../../platform/db/helpers.js';
import { ConflictError, NotFoundError, ValidationError } from '../../platform/errors.js';
import {
  derivedKey, groupedSecret, hashRecoveryCode, isTotpSecret, matchTotp, newRecoveryCodes, newTotpSecret, open, otpauthUri, seal,
} from '../../platform/auth/index.js';
import { createSession, findPendingSession, endSession, weakenSessionsOf, type SessionMethod } from '../../platform/http/sessions.js';
import { defineUseCase, execute, type Tx } from '../../platform/service.js';
import { limitFailures } from '../../platform/rate-limit.js';
import { failedWith, signInLimits } from './throttle.js';
import { findSecondFactor } from './auth-store.js';
import { findPerson, loadActor } from './store.js';

/**
 * Two-factor authentication with TOTP: enrolment (confirmed with a first code), ten single-use
 * recovery codes, turning it off and new recovery codes (each needs a current code), and the
 * second step of signing in. Wrong codes are throttled in the database like wrong passwords.
 */
export const TOTP_ISSUER = 'Buurtarena';
const SECRET_PURPOSE = 'totp-secret';
const PERSONAL = ['email', 'display_name'] as const;

export const secondFactorActions = {
  manage: 'person.secondFactor',
  /** The command line's escape hatch for someone who lost both the app and the recovery codes. */
  reset: 'person.secondFactor.reset',
} as const;

// ---- enrolment -----------------------------------------------------------------------------

/** Binds a proposed secret to the person it was shown to, so a form cannot carry another one. */
function enrolmentMac(platform: Platform, personId: string, secret: string): string {
  return createHmac('sha256', derivedKey(platform.secret, 'totp-enrolment')).update(`${personId}:${secret}`).digest('base64url');
}

function macMatches(platform: Platform, personId: string, secret: string, mac: string): boolean {
  const expected = Buffer.from(enrolmentMac(platform, personId, secret));
  const given = Buffer.from(mac);
  return expected.length === given.length && timingSafeEqual(expected, given);
}

export interface Enrolment {
  secret: string;
  grouped: string;
  mac: string;
  uri: string;
}

/**
 * A new secret to show (nothing is stored until the person confirms it with a code), or the one
 * the form carried back after a wrong code, if it is the one we proposed.
 */
export function enrolmentFor(platform: Platform, person: { id: string; email: string }, posted?: { secret?: string; mac?: string }): Enrolment {
  const reuse = posted?.secret && posted.mac && isTotpSecret(posted.secret) && macMatches(platform, person.id, posted.secret, posted.mac);
  const secret = reuse ? posted.secret! : newTotpSecret();
  return { secret, grouped: groupedSecret(secret), mac: enrolmentMac(platform, person.id, secret), uri: otpauthUri({ secret, issuer: TOTP_ISSUER, account: person.email }) };
}

/** For the demo and tests: the enrolment form for a given secret, as if the page had proposed it. */
export function enrolmentWithSecret(platform: Platform, person: { id: string; email: string }, secret: string): Enrolment {
  return enrolmentFor(platform, person, { secret, mac: enrolmentMac(platform, person.id, secret) });
}

const personId = z.string().min(1).max(64);
const code = z.string({ error: (iss) => (iss.input === undefined ? 'validation.required' : 'validation.type') }).trim().min(1, 'validation.required').max(40, 'validation.tooLong');

async function selfResource(tx: Tx, id: string, ctx: Context) {
  if (!(await findPerson(tx, id))) throw new NotFoundError();
  return { type: 'person', ownerId: id, municipalityId: ctx.tenant?.id ?? null };
}

async function replaceRecoveryCodes(tx: Tx, platform: Platform, id: string): Promise<string[]> {
  const codes = newRecoveryCodes();
  await tx.deleteFrom('recovery_codes').where('person_id', '=', id).execute();
  const now = nowIso();
  await tx.insertInto('recovery_codes').values(codes.map((c) => ({ id: newId(), person_id: id, code_hash: hashRecoveryCode(platform.secret, id, c)!, created_at: now, used_at: null }))).execute();
  return codes;
}

export const enableTotp = defineUseCase({
  action: secondFactorActions.manage,
  input: z.object({ personId, secret: z.string().max(64), enrolment: z.string().max(100), code }),
  resource: (tx, input, ctx) => selfResource(tx, input.personId, ctx),
  async run(tx, input, ctx) {
    const platform = ctx.platform;
    if (await findSecondFactor(tx, input.personId)) throw new ConflictError('parties.secondFactor.alreadyOn');
    if (!isTotpSecret(input.secret) || !macMatches(platform, input.personId, input.secret, input.enrolment)) throw ValidationError.field('code', 'parties.secondFactor.enrolmentChanged');
    const step = matchTotp(input.secret, input.code);
    if (step === null) throw ValidationError.field('code', 'parties.secondFactor.wrongCode');
    const now = nowIso();
    await tx.insertInto('second_factors').values({
      person_id: input.personId, kind: 'totp', secret_sealed: seal(platform.secret, SECRET_PURPOSE, input.secret, input.personId), last_used_step: step, enabled_at: now,
    }).execute();
    const recoveryCodes = await replaceRecoveryCodes(tx, platform, input.personId);
    return {
      result: { recoveryCodes },
      audit: [{ action: 'person.secondFactor.enable', entityType: 'person', entityId: input.personId, municipalityId: ctx.tenant?.id ?? null, after: { second_factor: 'totp', recovery_codes: recoveryCodes.length }, personal: { subjectId: input.personId, fields: PERSONAL } }],
    };
  },
});

/**
 * Checks a current code of the person (from the app, or an unused recovery code) and uses it up:
 * a TOTP step is remembered so the same code never works twice, a recovery code is marked used.
 * Atomic (conditional updates), so two processes cannot both accept one code.
 */
export async function consumeCode(tx: Tx, platform: Platform, id: string, input: string): Promise<'totp' | 'recovery' | null> {
  const factor = await findSecondFactor(tx, id);
  if (!factor) return null;
  let secret: string | null = null;
  try {
    secret = open(platform.secret, SECRET_PURPOSE, factor.secret_sealed, id);
  } catch {
    secret = null; // sealed under another installation secret: only a recovery code (or a reset) helps
  }
  const last = factor.last_used_step === null ? null : Number(factor.last_used_step);
  const step = secret ? matchTotp(secret, input, { after: last }) : null;
  if (step !== null) {
    const updated = await tx.updateTable('second_factors').set({ last_used_step: step }).where('person_id', '=', id)
      .where((eb) => eb.or([eb('last_used_step', 'is', null), eb('last_used_step', '<', step)])).executeTakeFirst();
    return Number(updated.numUpdatedRows) === 1 ? 'totp' : null;
  }
  const hash = hashRecoveryCode(platform.secret, id, input);
  if (!hash) return null;
  const used = await tx.updateTable('recovery_codes').set({ used_at: nowIso() }).where('person_id', '=', id).where('code_hash', '=', hash).where('used_at', 'is', null).executeTakeFirst();
  return Number(used.numUpdatedRows) === 1 ? 'recovery' : null;
}

async function requireCode(tx: Tx, platform: Platform, id: string, input: string): Promise<'totp' | 'recovery'> {
  const used = await consumeCode(tx, platform, id, input);
  if (!used) throw ValidationError.field('code', 'parties.secondFactor.wrongCode');
  return used;
}

export const disableTotp = defineUseCase({
  action: secondFactorActions.manage,
  input: z.object({ personId, code }),
  resource: (tx, input, ctx) => selfResource(tx, input.personId, ctx),
  async run(tx, input, ctx) {
    if (!(await findSecondFactor(tx, input.personId))) throw new ConflictError('parties.secondFactor.alreadyOff');
    const used = await requireCode(tx, ctx.platform, input.personId, input.code);
    await tx.deleteFrom('recovery_codes').where('person_id', '=', input.personId).execute();
    await tx.deleteFrom('second_factors').where('person_id', '=', input.personId).execute();
    // Without a second factor no session of this person counts as strong any more.
    await weakenSessionsOf(tx, input.personId);
    return { result: { disabled: true }, audit: [{ action: 'person.secondFactor.disable', entityType: 'person', entityId: input.personId, municipalityId: ctx.tenant?.id ?? null, before: { second_factor: 'totp' }, after: { second_factor: null, confirmed_with: used }, personal: { subjectId: input.personId, fields: PERSONAL } }] };
  },
});

export const regenerateRecoveryCodes = defineUseCase({
  action: secondFactorActions.manage,
  input: z.object({ personId, code }),
  resource: (tx, input, ctx) => selfResource(tx, input.personId, ctx),
  async run(tx, input, ctx) {
    if (!(await findSecondFactor(tx, input.personId))) throw new ConflictError('parties.secondFactor.alreadyOff');
    const used = await requireCode(tx, ctx.platform, input.personId, input.code);
    const recoveryCodes = await replaceRecoveryCodes(tx, ctx.platform, input.personId);
    return { result: { recoveryCodes }, audit: [{ action: 'person.recoveryCodes.regenerate', entityType: 'person', entityId: input.personId, municipalityId: ctx.tenant?.id ?? null, after: { recovery_codes: recoveryCodes.length, confirmed_with: used }, personal: { subjectId: input.personId, fields: PERSONAL } }] };
  },
});

/** For `buurtarena user reset-second-factor`: the operator removes a lost factor after checking who asks. */
export const resetSecondFactor = defineUseCase({
  action: secondFactorActions.reset,
  input: z.object({ personId }),
  resource: (tx, input, ctx) => selfResource(tx, input.personId, ctx),
  async run(tx, input) {
    if (!(await findSecondFactor(tx, input.personId))) throw new ConflictError('parties.secondFactor.alreadyOff');
    await tx.deleteFrom('recovery_codes').where('person_id', '=', input.personId).execute();
    await tx.deleteFrom('second_factors').where('person_id', '=', input.personId).execute();
    await weakenSessionsOf(tx, input.personId);
    return { result: { reset: true }, audit: [{ action: 'person.secondFactor.reset', entityType: 'person', entityId: input.personId, municipalityId: null, before: { second_factor: 'totp' }, after: { second_factor: null }, personal: { subjectId: input.personId, fields: PERSONAL } }] };
  },
});

/** Signing in with a recovery code uses it up; that is worth a line in the log. */
const signInWithCode = defineUseCase({
  action: secondFactorActions.manage,
  input: z.object({ personId, code }),
  resource: (tx, input, ctx) => selfResource(tx, input.personId, ctx),
  async run(tx, input, ctx) {
    const used = await requireCode(tx, ctx.platform, input.personId, input.code);
    const left = used === 'recovery'
      ? Number((await tx.selectFrom('recovery_codes').select((eb) => eb.fn.countAll<number>().as('n')).where('person_id', '=', input.personId).where('used_at', 'is', null).executeTakeFirst())?.n ?? 0)
      : null;
    return { result: { used, recoveryCodesLeft: left }, audit: [{ action: used === 'recovery' ? 'person.signIn.recoveryCode' : 'person.signIn.secondFactor', entityType: 'person', entityId: input.personId, municipalityId: ctx.tenant?.id ?? null, after: { method: used, ...(left === null ? {} : { recovery_codes_left: left }) }, personal: { subjectId: input.personId, fields: PERSONAL } }] };
  },
});

// ---- throttling ----------------------------------------------------------------------------

/**
 * Wrong codes count like wrong passwords: per account and per address, in the database (so the
 * limit holds across processes). A wrong code is recorded after the use case's transaction
 * rolled back, so the failure stays recorded.
 */
export async function withCodeThrottle<T>(platform: Platform, id: string, address: string, run: () => Promise<T>): Promise<T> {
  const [account, fromAddress] = signInLimits(platform, 'secondFactor', id, address);
  return limitFailures(platform.db, [account, fromAddress], run, { failed: failedWith('parties.secondFactor.wrongCode'), clearOnSuccess: [account.key] });
}

// ---- signing in: the second step -----------------------------------------------------------

export class PendingSignInExpired extends Error {}

/**
 * The code after the password (or after an identity provider that is not trusted for a second
 * factor): a current code from the app or a recovery code. On success the pending session is
 * replaced by a full, strong one (a new token, so nothing from before the code carries over).
 */
export async function completeSecondFactor(ctx: Context, pendingToken: string, rawInput: unknown, address: string): Promise<{ token: string; personId: string; used: 'totp' | 'recovery'; recoveryCodesLeft: number | null }> {
  const db = ctx.platform.db;
  const pending = await findPendingSession(db, pendingToken);
  if (!pending) throw new PendingSignInExpired();
  const actor = await loadActor(db, pending.personId, { strong: false });
  if (!actor) throw new PendingSignInExpired();
  const input = rawInput as Record<string, unknown>;
  const { used, recoveryCodesLeft } = await withCodeThrottle(ctx.platform, pending.personId, address,
    () => execute({ ...ctx, actor }, signInWithCode, { personId: pending.personId, code: input.code }));
  await endSession(db, pendingToken);
  const token = await createSession(db, pending.personId, { strong: true, method: pending.method as SessionMethod });
  return { token, personId: pending.personId, used, recoveryCodesLeft };
}

export { findSecondFactor };
