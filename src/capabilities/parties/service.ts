import { z } from 'zod';
import type { Context } from '../../platform/context.js';
import { newId, nowIso } from '../../platform/db/helpers.js';
import { ConflictError, NotFoundError, ValidationError } from '../../platform/errors.js';
import { clearAttempts, keyOf, limitFailures } from '../../platform/rate-limit.js';
import { forgetSubject } from '../../platform/audit.js';
import { createPendingSession, createSession, endSessionsOf, hashToken, newToken } from '../../platform/http/sessions.js';
import { translator } from '../../platform/i18n/index.js';
import { composeMail } from '../../platform/mail-template.js';
import { queueMail } from '../../platform/outbox.js';
import { erasePersonalData } from '../../platform/privacy.js';
import { notifyPerson, publishEvent } from '../../platform/notifications/index.js';
import { MEMBERSHIP_ADDED, ORGANISATION_UPDATED } from './notifications.js';
import { roles, scopeTypes, type Resource } from '../../platform/policy.js';
import { defineUseCase, execute, type Tx } from '../../platform/service.js';
import { choice, email, optionalLongText, optionalText, parseInput, password, text } from '../../platform/validation.js';
import { DUMMY_HASH, duties, hashPassword, organisationKinds, verifyPassword } from './model.js';
import { SIGN_IN_PURPOSES, failedWith, signInLimits } from './throttle.js';
import { findOrganisation, findPerson, findPersonByEmail, organisationPath } from './store.js';
import { hasSecondFactor } from './auth-store.js';
import { areaPathOf } from '../areas/index.js';
import { indexOrganisation } from './search.js';

const PERSONAL = ['email', 'display_name'] as const;
const TOKEN_HOURS = { verify: 72, reset: 2 } as const;

function personSnapshot(p: { email: string; display_name: string; locale: string; email_verified_at: string | null }) {
  return { email: p.email, display_name: p.display_name, locale: p.locale, email_verified: p.email_verified_at !== null };
}

async function issueEmailToken(tx: Tx, personId: string, purpose: 'verify' | 'reset'): Promise<string> {
  const token = newToken();
  await tx.insertInto('email_tokens').values({
    id: hashToken(token), person_id: personId, purpose,
    expires_at: new Date(Date.now() + TOKEN_HOURS[purpose] * 3600_000).toISOString(), used_at: null,
  }).execute();
  return token;
}

async function consumeEmailToken(tx: Tx, token: string, purpose: 'verify' | 'reset'): Promise<string> {
  const row = await tx.selectFrom('email_tokens').select(['id', 'person_id', 'expires_at', 'used_at'])
    .where('id', '=', hashToken(token)).where('purpose', '=', purpose).executeTakeFirst();
  if (!row || row.used_at || row.expires_at < nowIso()) throw ValidationError.field('token', 'parties.tokenInvalid');
  await tx.updateTable('email_tokens').set({ used_at: nowIso() }).where('id', '=', row.id).execute();
  return row.person_id;
}

function linkBase(ctx: Context): string {
  return `${ctx.platform.config.publicUrl}${ctx.tenant ? `/${ctx.tenant.slug}` : ''}`;
}

/** Queue the mail with a verification or reset link in the caller's transaction (the outbox sends it after the commit). */
async function queueTokenMail(tx: Tx, ctx: Context, to: string, locale: string, purpose: 'verify' | 'reset', token: string) {
  const lang = locale === 'en' ? 'en' : 'nl';
  const t = translator(lang);
  const url = `${linkBase(ctx)}/${purpose === 'verify' ? 'email-bevestigen' : 'wachtwoord-herstellen'}?token=${token}`;
  const mail = composeMail(t, {
    locale: lang,
    subject: t(`parties.mail.${purpose}.subject`),
    paragraphs: [t(`parties.mail.${purpose}.intro`)],
    action: { label: t(`parties.mail.${purpose}.action`), url },
    after: [t(`parties.mail.${purpose}.after`, { hours: TOKEN_HOURS[purpose] })],
  });
  await queueMail(tx, { to, ...mail, municipalityId: ctx.tenant?.id ?? null });
}

// ---- accounts -------------------------------------------------------------

export const registerPerson = defineUseCase({
  action: 'person.register',
  input: z.object({ email: email(), displayName: text(80), password: password(), locale: choice(['nl', 'en']).optional() }),
  async resource(_tx, _input, ctx) {
    return { type: 'person', municipalityId: ctx.tenant?.id ?? null };
  },
  async run(tx, input, ctx) {
    if (await findPersonByEmail(tx, input.email)) throw ValidationError.field('email', 'parties.emailTaken');
    const now = nowIso();
    const person = { id: newId(), email: input.email, display_name: input.displayName, password_hash: await hashPassword(input.password), email_verified_at: null, locale: input.locale ?? ctx.locale, created_at: now, updated_at: now };
    await tx.insertInto('people').values(person).execute();
    await queueTokenMail(tx, ctx, person.email, person.locale, 'verify', await issueEmailToken(tx, person.id, 'verify'));
    return {
      result: { id: person.id },
      audit: [{ action: 'person.register', entityType: 'person', entityId: person.id, municipalityId: ctx.tenant?.id ?? null, after: personSnapshot(person), personal: { subjectId: person.id, fields: PERSONAL } }],
    };
  },
});

export async function register(ctx: Context, input: unknown) {
  return execute(ctx, registerPerson, input);
}

export const verifyEmail = defineUseCase({
  action: 'person.verifyEmail',
  input: z.object({ token: z.string().min(10).max(100) }),
  async resource() {
    return { type: 'person' };
  },
  async run(tx, input, ctx) {
    const personId = await consumeEmailToken(tx, input.token, 'verify');
    await tx.updateTable('people').set({ email_verified_at: nowIso(), updated_at: nowIso() }).where('id', '=', personId).execute();
    return { result: { personId }, audit: [{ action: 'person.verifyEmail', entityType: 'person', entityId: personId, municipalityId: ctx.tenant?.id ?? null, after: { email_verified: true }, personal: { subjectId: personId, fields: PERSONAL } }] };
  },
});

/**
 * Sign in. Failures are throttled per account and per address, in the database, so the limit
 * holds across server processes. The answer never says whether the e-mail address exists.
 */
export async function login(ctx: Context, rawInput: unknown, address: string): Promise<{ token: string; personId: string; secondFactorRequired: boolean }> {
  const input = { data: parseInput(z.object({ email: email(), password: z.string({ error: 'validation.required' }).min(1, 'validation.required').max(200, 'validation.tooLong') }), rawInput) };
  const db = ctx.platform.db;
  // Keyed hashes, so the attempts table holds no e-mail or IP address in the clear.
  const [account, fromAddress] = signInLimits(ctx.platform, 'password', input.data.email, address);
  const person = await limitFailures(db, [account, fromAddress], async () => {
    const found = await findPersonByEmail(db, input.data.email);
    const ok = await verifyPassword(input.data.password, found?.password_hash ?? DUMMY_HASH);
    if (!found || !ok) throw ValidationError.field('email', 'parties.loginFailed');
    return found;
  }, { failed: failedWith('parties.loginFailed'), clearOnSuccess: [account.key] });
  // With a second factor the password opens only a pending session: the code comes next.
  if (await hasSecondFactor(db, person.id)) return { token: await createPendingSession(db, person.id), personId: person.id, secondFactorRequired: true };
  return { token: await createSession(db, person.id), personId: person.id, secondFactorRequired: false };
}

/** Always answers the same, whether or not the address has an account. */
export async function requestPasswordReset(ctx: Context, rawInput: unknown): Promise<void> {
  const input = parseInput(z.object({ email: email() }), rawInput);
  const person = await findPersonByEmail(ctx.platform.db, input.email);
  if (!person) return;
  await ctx.platform.db.transaction().execute(async (tx) => {
    await queueTokenMail(tx, ctx, person.email, person.locale, 'reset', await issueEmailToken(tx, person.id, 'reset'));
  });
}

export const resetPassword = defineUseCase({
  action: 'person.resetPassword',
  input: z.object({ token: z.string().min(10).max(100), password: password() }),
  async resource() {
    return { type: 'person' };
  },
  async run(tx, input, ctx) {
    const personId = await consumeEmailToken(tx, input.token, 'reset');
    // A reset link proves control of the mailbox, so it also verifies the address.
    await tx.updateTable('people').set({ password_hash: await hashPassword(input.password), email_verified_at: nowIso(), updated_at: nowIso() }).where('id', '=', personId).execute();
    await endSessionsOf(tx, personId);
    return { result: { personId }, audit: [{ action: 'person.resetPassword', entityType: 'person', entityId: personId, municipalityId: ctx.tenant?.id ?? null, after: { password: 'changed' }, personal: { subjectId: personId, fields: PERSONAL } }] };
  },
});

async function selfResource(ctx: Context, personId: string): Promise<Resource> {
  return { type: 'person', ownerId: personId, municipalityId: ctx.tenant?.id ?? null };
}

export const updateProfile = defineUseCase({
  action: 'person.update',
  input: z.object({ personId: z.string().max(64), displayName: text(80), locale: choice(['nl', 'en']) }),
  async resource(tx, input, ctx) {
    if (!(await findPerson(tx, input.personId))) throw new NotFoundError();
    return selfResource(ctx, input.personId);
  },
  async run(tx, input, ctx) {
    const before = (await findPerson(tx, input.personId))!;
    await tx.updateTable('people').set({ display_name: input.displayName, locale: input.locale, updated_at: nowIso() }).where('id', '=', input.personId).execute();
    return {
      result: { id: input.personId },
      audit: [{ action: 'person.update', entityType: 'person', entityId: input.personId, municipalityId: ctx.tenant?.id ?? null, before: { display_name: before.display_name, locale: before.locale }, after: { display_name: input.displayName, locale: input.locale }, personal: { subjectId: input.personId, fields: PERSONAL } }],
    };
  },
});

/**
 * Erase a person (AVG/GDPR art. 17): the account, memberships, roles and sessions go; the audit
 * log keeps its entries, but the person's pseudonym key is deleted so nothing links back to them.
 */
export const erasePerson = defineUseCase({
  action: 'person.erase',
  input: z.object({ personId: z.string().max(64) }),
  async resource(tx, input, ctx) {
    if (!(await findPerson(tx, input.personId))) throw new NotFoundError();
    return selfResource(ctx, input.personId);
  },
  async run(tx, input, ctx) {
    const person = (await findPerson(tx, input.personId))!;
    // Every module that holds personal data forgets this person (registered in platform/privacy.ts).
    await erasePersonalData(tx, { personId: person.id, email: person.email, name: person.display_name });
    await endSessionsOf(tx, input.personId);
    // Their failed sign-ins go too (the keys are keyed hashes; only here is the secret at hand).
    await clearAttempts(tx, keyOf(ctx.platform, SIGN_IN_PURPOSES.password, person.email));
    await clearAttempts(tx, keyOf(ctx.platform, SIGN_IN_PURPOSES.secondFactor, person.id));
    await tx.deleteFrom('people').where('id', '=', input.personId).execute();
    return {
      result: { erased: true },
      audit: [{ action: 'person.erase', entityType: 'person', entityId: input.personId, municipalityId: ctx.tenant?.id ?? null, before: { erased: false }, after: { erased: true }, personal: { subjectId: input.personId, fields: PERSONAL } }],
    };
  },
  // The key goes last, in the same transaction: the erasure entry itself is sealed and unlinkable too.
  async finish(tx, input) {
    await forgetSubject(tx, input.personId);
  },
});

export async function erase(ctx: Context, personId: string) {
  await execute(ctx, erasePerson, { personId });
}

// ---- organisations ---------------------------------------------------------

const organisationFields = {
  kind: choice(organisationKinds),
  name: text(120),
  description: optionalLongText(2000),
  areaCode: optionalText(12).pipe(z.string().regex(/^(GM|WK|BU)[0-9A-Z]{4,8}$/, 'validation.areaCode').optional()),
  parentId: optionalText(64),
  email: z.preprocess((v) => (typeof v === 'string' && v.trim() === '' ? undefined : v), email().optional()),
  website: z.preprocess((v) => (typeof v === 'string' && v.trim() === '' ? undefined : v), z.url({ protocol: /^https?$/, error: 'parties.websiteInvalid' }).max(300, 'validation.tooLong').optional()),
};

function tenantId(ctx: Context): string {
  if (!ctx.tenant) throw new NotFoundError('error.unknownMunicipality');
  return ctx.tenant.id;
}

async function checkParent(tx: Tx, municipalityId: string, parentId: string | undefined) {
  if (parentId && !(await findOrganisation(tx, municipalityId, parentId))) throw ValidationError.field('parentId', 'validation.unknownId');
}

function orgSnapshot(o: { kind: string; name: string; description: string | null; area_code: string | null; parent_id: string | null; email: string | null; website: string | null }) {
  return { kind: o.kind, name: o.name, description: o.description, area_code: o.area_code, parent_id: o.parent_id, email: o.email, website: o.website };
}

export const createOrganisation = defineUseCase({
  action: 'organisation.create',
  input: z.object(organisationFields),
  async resource(_tx, input, ctx) {
    return { type: 'organisation', municipalityId: tenantId(ctx), kind: input.kind };
  },
  async run(tx, input, ctx) {
    const municipalityId = tenantId(ctx);
    await checkParent(tx, municipalityId, input.parentId);
    const now = nowIso();
    const row = { id: newId(), municipality_id: municipalityId, kind: input.kind, name: input.name, description: input.description ?? null, area_code: input.areaCode ?? null, parent_id: input.parentId ?? null, email: input.email ?? null, website: input.website ?? null, created_at: now, updated_at: now };
    await tx.insertInto('organisations').values(row).execute();
    await indexOrganisation(tx, row);
    const audit = [{ action: 'organisation.create', entityType: 'organisation', entityId: row.id, municipalityId, after: orgSnapshot(row) }];
    // Whoever founds a resident organisation is its first chair, so it can be managed at once.
    if (ctx.actor.kind === 'person') {
      const membership = { id: newId(), organisation_id: row.id, person_id: ctx.actor.personId, duty: 'chair' as const, created_at: now };
      await tx.insertInto('memberships').values(membership).execute();
      audit.push({ action: 'membership.add', entityType: 'membership', entityId: membership.id, municipalityId, after: { organisation_id: row.id, duty: 'chair' } as never });
    }
    return { result: { id: row.id }, audit };
  },
});

/** What the policy decides on for an organisation of the request's municipality (NotFound for another's). */
export async function organisationResource(tx: Tx, ctx: Context, id: string) {
  const municipalityId = tenantId(ctx);
  const org = await findOrganisation(tx, municipalityId, id);
  if (!org) throw new NotFoundError();
  const resource: Resource = { type: 'organisation', municipalityId, kind: org.kind, organisationPath: await organisationPath(tx, municipalityId, id), areaPath: areaPathOf(org.area_code) };
  return { org, resource };
}

async function organisationResourceOnly(tx: Tx, ctx: Context, id: string): Promise<Resource> {
  return (await organisationResource(tx, ctx, id)).resource;
}

export const updateOrganisation = defineUseCase({
  action: 'organisation.update',
  input: z.object({ id: z.string().max(64), ...organisationFields }),
  resource: (tx, input, ctx) => organisationResourceOnly(tx, ctx, input.id),
  async run(tx, input, ctx) {
    const municipalityId = tenantId(ctx);
    const before = (await findOrganisation(tx, municipalityId, input.id))!;
    if (input.parentId === input.id) throw ValidationError.field('parentId', 'parties.parentSelf');
    await checkParent(tx, municipalityId, input.parentId);
    if (input.parentId && (await organisationPath(tx, municipalityId, input.parentId)).includes(input.id)) throw ValidationError.field('parentId', 'parties.parentSelf');
    const changes = { kind: input.kind, name: input.name, description: input.description ?? null, area_code: input.areaCode ?? null, parent_id: input.parentId ?? null, email: input.email ?? null, website: input.website ?? null };
    await tx.updateTable('organisations').set({ ...changes, updated_at: nowIso() }).where('id', '=', input.id).where('municipality_id', '=', municipalityId).execute();
    await indexOrganisation(tx, { id: input.id, municipality_id: municipalityId, ...changes });
    const t = translator('nl');
    await publishEvent(tx, {
      municipalityId, kind: ORGANISATION_UPDATED, target: { type: 'organisation', id: input.id }, url: `/${ctx.tenant!.slug}/organisaties/${input.id}`,
      title: t('parties.notify.updatedTitle', { name: input.name }), body: t('parties.notify.updatedBody', { name: input.name }),
      actorId: ctx.actor.kind === 'person' ? ctx.actor.personId : null,
    });
    return { result: { id: input.id }, audit: [{ action: 'organisation.update', entityType: 'organisation', entityId: input.id, municipalityId, before: orgSnapshot(before), after: changes }] };
  },
});

export const addMember = defineUseCase({
  action: 'membership.manage',
  input: z.object({ organisationId: z.string().max(64), email: email(), duty: choice(duties) }),
  resource: (tx, input, ctx) => organisationResourceOnly(tx, ctx, input.organisationId),
  async run(tx, input, ctx) {
    const municipalityId = tenantId(ctx);
    const person = await findPersonByEmail(tx, input.email);
    if (!person) throw ValidationError.field('email', 'parties.noAccount');
    const existing = await tx.selectFrom('memberships').select('id').where('organisation_id', '=', input.organisationId).where('person_id', '=', person.id).where('duty', '=', input.duty).executeTakeFirst();
    if (existing) throw ValidationError.field('duty', 'parties.alreadyMember');
    const row = { id: newId(), organisation_id: input.organisationId, person_id: person.id, duty: input.duty, created_at: nowIso() };
    await tx.insertInto('memberships').values(row).execute();
    const org = (await findOrganisation(tx, municipalityId, input.organisationId))!;
    const t = translator(person.locale === 'en' ? 'en' : 'nl');
    await notifyPerson(ctx.platform, tx, person.id, {
      municipalityId, kind: MEMBERSHIP_ADDED, url: `/${ctx.tenant!.slug}/organisaties/${org.id}`,
      title: t('parties.notify.addedTitle', { duty: t(`parties.duty.${input.duty}`).toLowerCase(), name: org.name }), body: t('parties.notify.addedBody'),
    });
    return { result: { id: row.id }, audit: [{ action: 'membership.add', entityType: 'membership', entityId: row.id, municipalityId, after: { organisation_id: row.organisation_id, person: person.display_name, duty: row.duty }, personal: { subjectId: person.id, fields: ['person'] } }] };
  },
});

export const removeMember = defineUseCase({
  action: 'membership.manage',
  input: z.object({ organisationId: z.string().max(64), membershipId: z.string().max(64) }),
  resource: (tx, input, ctx) => organisationResourceOnly(tx, ctx, input.organisationId),
  async run(tx, input, ctx) {
    const municipalityId = tenantId(ctx);
    const row = await tx.selectFrom('memberships').innerJoin('people', 'people.id', 'memberships.person_id')
      .select(['memberships.id', 'memberships.duty', 'memberships.person_id', 'people.display_name'])
      .where('memberships.id', '=', input.membershipId).where('memberships.organisation_id', '=', input.organisationId).executeTakeFirst();
    if (!row) throw new NotFoundError();
    await tx.deleteFrom('memberships').where('id', '=', row.id).execute();
    return { result: { removed: true }, audit: [{ action: 'membership.remove', entityType: 'membership', entityId: row.id, municipalityId, before: { organisation_id: input.organisationId, person: row.display_name, duty: row.duty }, personal: { subjectId: row.person_id, fields: ['person'] } }] };
  },
});

// ---- roles -----------------------------------------------------------------

export const grantRole = defineUseCase({
  action: 'role.grant',
  input: z.object({ email: email(), role: choice(roles), scopeType: choice(scopeTypes), scopeId: optionalText(64) }),
  async resource(tx, input, ctx) {
    if (input.scopeType === 'installation') return { type: 'role', municipalityId: null, role: input.role };
    return { type: 'role', municipalityId: tenantId(ctx), role: input.role };
  },
  async run(tx, input, ctx) {
    const person = await findPersonByEmail(tx, input.email);
    if (!person) throw ValidationError.field('email', 'parties.noAccount');
    const municipalityId = input.scopeType === 'installation' ? null : tenantId(ctx);
    let scopeId = '';
    if (input.scopeType === 'municipality') scopeId = municipalityId!;
    if (input.scopeType === 'organisation') {
      if (!input.scopeId || !(await findOrganisation(tx, municipalityId!, input.scopeId))) throw ValidationError.field('scopeId', 'validation.unknownId');
      scopeId = input.scopeId;
    }
    if (input.scopeType === 'area') {
      const code = (input.scopeId ?? '').toUpperCase();
      if (!/^(GM|WK|BU)[0-9A-Z]{4,8}$/.test(code) || !code.slice(2, 6).startsWith(ctx.tenant!.cbsCode.slice(2))) throw ValidationError.field('scopeId', 'parties.areaNotInMunicipality');
      scopeId = code;
    }
    const exists = await tx.selectFrom('role_grants').select('id').where('person_id', '=', person.id).where('role', '=', input.role).where('scope_type', '=', input.scopeType).where('scope_id', '=', scopeId).executeTakeFirst();
    if (exists) throw new ConflictError('parties.roleExists');
    const row = { id: newId(), person_id: person.id, role: input.role, scope_type: input.scopeType, scope_id: scopeId, municipality_id: municipalityId, granted_at: nowIso() };
    await tx.insertInto('role_grants').values(row).execute();
    return { result: { id: row.id }, audit: [{ action: 'role.grant', entityType: 'role_grant', entityId: row.id, municipalityId, after: { person: person.display_name, role: row.role, scope_type: row.scope_type, scope_id: row.scope_id }, personal: { subjectId: person.id, fields: ['person'] } }] };
  },
});

export const revokeRole = defineUseCase({
  action: 'role.grant',
  input: z.object({ grantId: z.string().max(64) }),
  async resource(tx, input, ctx) {
    const grant = await tx.selectFrom('role_grants').select(['municipality_id']).where('id', '=', input.grantId).executeTakeFirst();
    if (!grant || (ctx.tenant && grant.municipality_id !== ctx.tenant.id)) throw new NotFoundError();
    return { type: 'role', municipalityId: grant.municipality_id };
  },
  async run(tx, input) {
    const grant = (await tx.selectFrom('role_grants').innerJoin('people', 'people.id', 'role_grants.person_id').select(['role_grants.id', 'role_grants.role', 'role_grants.scope_type', 'role_grants.scope_id', 'role_grants.municipality_id', 'role_grants.person_id', 'people.display_name']).where('role_grants.id', '=', input.grantId).executeTakeFirst())!;
    await tx.deleteFrom('role_grants').where('id', '=', input.grantId).execute();
    return { result: { revoked: true }, audit: [{ action: 'role.revoke', entityType: 'role_grant', entityId: grant.id, municipalityId: grant.municipality_id, before: { person: grant.display_name, role: grant.role, scope_type: grant.scope_type, scope_id: grant.scope_id }, personal: { subjectId: grant.person_id, fields: ['person'] } }] };
  },
});

/** For the CLI (`buurtarena user add`): an account that is verified at once. */
export const addUser = defineUseCase({
  action: 'person.add',
  input: z.object({ email: email(), displayName: text(80), password: password() }),
  async resource() {
    return { type: 'person', municipalityId: null };
  },
  async run(tx, input) {
    if (await findPersonByEmail(tx, input.email)) throw ValidationError.field('email', 'parties.emailTaken');
    const now = nowIso();
    const person = { id: newId(), email: input.email, display_name: input.displayName, password_hash: await hashPassword(input.password), email_verified_at: now, locale: 'nl', created_at: now, updated_at: now };
    await tx.insertInto('people').values(person).execute();
    return { result: { id: person.id }, audit: [{ action: 'person.add', entityType: 'person', entityId: person.id, municipalityId: null, after: personSnapshot(person), personal: { subjectId: person.id, fields: PERSONAL } }] };
  },
});
