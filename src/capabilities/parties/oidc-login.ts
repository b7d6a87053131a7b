import { z } from 'zod';
import type { Context, Platform } from '../../platform/context.js';
import { newId, nowIso } from '../../platform/db/helpers.js';
import { NotFoundError, ValidationError } from '../../platform/errors.js';
import {
  discover, finishAuthorization, idpSignInIsStrong, issuerProblem, mappableRoles, open, rolesFromClaims, seal, startAuthorization,
  verifiedEmail, type MappableRole, type OidcClientSettings, type RoleMapping,
} from '../../platform/auth/index.js';
import { createPendingSession, createSession, hashToken, newToken } from '../../platform/http/sessions.js';
import { defineUseCase, execute, type Tx } from '../../platform/service.js';
import { flag, optionalText, text } from '../../platform/validation.js';
import { findOidcProvider, hasSecondFactor, mappingFieldNames, type OidcProviderConfig } from './auth-store.js';
import { findPersonByEmail } from './store.js';

/**
 * Sign-in for municipal staff through the municipality's own identity provider (OpenID Connect):
 * an administrator configures it; staff are matched (or created) by their verified e-mail address,
 * and their roles in that municipality follow the provider's group claim through the mapping.
 */
const CLIENT_SECRET_PURPOSE = 'oidc-client-secret';
const FLOW_MINUTES = 10;
export const OIDC_COOKIE = 'ba_oidc';

export const oidcActions = {
  configure: 'oidc.configure',
  signIn: 'person.signInWithIdp',
} as const;

export function callbackUrl(platform: Platform, slug: string): string {
  return `${platform.config.publicUrl}/${slug}/inloggen/oidc/callback`;
}

function clientSettings(platform: Platform, provider: OidcProviderConfig): OidcClientSettings {
  return { issuer: provider.issuer, clientId: provider.clientId, clientSecret: open(platform.secret, CLIENT_SECRET_PURPOSE, provider.clientSecretSealed, provider.municipalityId) };
}

function tenantId(ctx: Context): string {
  if (!ctx.tenant) throw new NotFoundError('error.unknownMunicipality');
  return ctx.tenant.id;
}

// ---- configuration (administrators) ----------------------------------------------------------

/** Claim values as typed: separated by commas or new lines. */
const claimValueList = z.preprocess((v) => (typeof v === 'string' ? v : Array.isArray(v) ? v.join(',') : ''), z.string().max(2000, 'validation.tooLong'))
  .transform((v) => [...new Set(v.split(/[,\n]/).map((s) => s.trim()).filter(Boolean))])
  .refine((values) => values.every((value) => value.length <= 200 && !/[\u0000-\u001F]/.test(value)), 'validation.invalid');


export const configureOidc = defineUseCase({
  action: oidcActions.configure,
  input: z.object({
    enabled: flag(),
    issuer: text(300).refine((v) => issuerProblem(v) !== 'invalid', 'parties.oidc.issuerInvalid').refine((v) => issuerProblem(v) !== 'insecure', 'parties.oidc.issuerInsecure'),
    clientId: text(200),
    clientSecret: optionalText(500),
    claim: text(100).pipe(z.string().regex(/^[A-Za-z0-9_:/.-]+$/, 'parties.oidc.claimInvalid')),
    trustIdpMfa: flag(),
    mapOfficial: claimValueList, mapCouncilMember: claimValueList, mapAdministrator: claimValueList, mapModerator: claimValueList, mapProfessional: claimValueList,
  }),
  async resource(_tx, _input, ctx) {
    return { type: 'oidcProvider', municipalityId: tenantId(ctx) };
  },
  async run(tx, input, ctx) {
    const municipalityId = tenantId(ctx);
    const before = await findOidcProvider(tx, municipalityId);
    if (!before && !input.clientSecret) throw ValidationError.field('clientSecret', 'validation.required');
    const mapping = Object.fromEntries(mappableRoles.map((role) => [role, input[mappingFieldNames[role] as 'mapOfficial']])) as RoleMapping;
    const row = {
      enabled: input.enabled ? 1 : 0, issuer: input.issuer.replace(/\/$/, ''), client_id: input.clientId,
      client_secret_sealed: input.clientSecret ? seal(ctx.platform.secret, CLIENT_SECRET_PURPOSE, input.clientSecret, municipalityId) : before!.clientSecretSealed,
      claim: input.claim, role_mapping: JSON.stringify(mapping), trust_idp_mfa: input.trustIdpMfa ? 1 : 0, updated_at: nowIso(),
    };
    if (before) await tx.updateTable('oidc_providers').set(row).where('municipality_id', '=', municipalityId).execute();
    else await tx.insertInto('oidc_providers').values({ municipality_id: municipalityId, ...row }).execute();
    const snapshot = (p: { enabled: boolean; issuer: string; clientId: string; claim: string; mapping: RoleMapping; trustIdpMfa: boolean }) =>
      ({ enabled: p.enabled, issuer: p.issuer, client_id: p.clientId, claim: p.claim, role_mapping: p.mapping, trust_idp_mfa: p.trustIdpMfa });
    return {
      result: { saved: true },
      audit: [{
        action: 'oidc.configure', entityType: 'oidc_provider', entityId: municipalityId, municipalityId,
        before: before ? snapshot(before) : null,
        // The client secret itself never goes into the log.
        after: { ...snapshot({ enabled: row.enabled === 1, issuer: row.issuer, clientId: row.client_id, claim: row.claim, mapping, trustIdpMfa: row.trust_idp_mfa === 1 }), client_secret: input.clientSecret ? 'changed' : 'unchanged' },
      }],
    };
  },
});

/** Is staff sign-in switched on for this municipality? (The login page then offers it.) */
export async function staffSignInAvailable(platform: Platform, municipalityId: string): Promise<boolean> {
  return (await findOidcProvider(platform.db, municipalityId))?.enabled === true;
}

// ---- the flow --------------------------------------------------------------------------------

export class OidcSignInError extends Error {
  constructor(readonly key: string, cause?: unknown) {
    super(key, { cause });
  }
}

/**
 * Step 1: a new flow (state, nonce, PKCE verifier) stored in the database under a random token
 * that only this browser holds (cookie), then the provider's authorization URL.
 */
export async function startStaffSignIn(ctx: Context, back: string): Promise<{ url: string; flowToken: string }> {
  const municipalityId = tenantId(ctx);
  const provider = await findOidcProvider(ctx.platform.db, municipalityId);
  if (!provider?.enabled) throw new NotFoundError();
  let start;
  try {
    const config = await discover(clientSettings(ctx.platform, provider));
    start = await startAuthorization(config, callbackUrl(ctx.platform, ctx.tenant!.slug));
  } catch (error) {
    throw new OidcSignInError('parties.oidc.unavailable', error);
  }
  const flowToken = newToken();
  await ctx.platform.db.deleteFrom('oidc_flows').where('expires_at', '<', nowIso()).execute();
  await ctx.platform.db.insertInto('oidc_flows').values({
    id: hashToken(flowToken), municipality_id: municipalityId, state: start.state, nonce: start.nonce, code_verifier: start.codeVerifier, back,
    expires_at: new Date(Date.now() + FLOW_MINUTES * 60_000).toISOString(),
  }).execute();
  return { url: start.url.href, flowToken };
}

const signInWithIdp = defineUseCase({
  action: oidcActions.signIn,
  input: z.object({ email: z.string().max(254), name: z.string().max(80), roles: z.array(z.enum(mappableRoles)), issuer: z.string().max(300) }),
  async resource(_tx, _input, ctx) {
    return { type: 'person', municipalityId: tenantId(ctx) };
  },
  async run(tx, input, ctx) {
    const municipalityId = tenantId(ctx);
    const now = nowIso();
    const audit = [];
    let person = await findPersonByEmail(tx, input.email);
    if (!person) {
      // No password: this account signs in through the identity provider (or sets one with "forgot password").
      const row = { id: newId(), email: input.email, display_name: input.name, password_hash: 'idp$', email_verified_at: now, locale: ctx.locale, created_at: now, updated_at: now };
      await tx.insertInto('people').values(row).execute();
      person = row;
      audit.push({ action: 'person.addFromIdp', entityType: 'person', entityId: row.id, municipalityId, after: { email: row.email, display_name: row.display_name, issuer: input.issuer }, personal: { subjectId: row.id, fields: ['email', 'display_name'] } });
    } else if (!person.email_verified_at) {
      await tx.updateTable('people').set({ email_verified_at: now, updated_at: now }).where('id', '=', person.id).execute();
    }
    const changes = await syncRoles(tx, municipalityId, person.id, person.display_name, input.roles, input.issuer);
    audit.push(...changes);
    audit.push({ action: 'person.signInWithIdp', entityType: 'person', entityId: person.id, municipalityId, after: { issuer: input.issuer, roles: input.roles }, personal: { subjectId: person.id, fields: [] } });
    return { result: { personId: person.id }, audit };
  },
});

/**
 * The person's municipality-wide grants of the mappable roles follow the provider: missing ones
 * are added (source "oidc"), ones the provider added earlier and no longer gives are removed.
 * Grants given by hand in Buurtarena are left alone.
 */
async function syncRoles(tx: Tx, municipalityId: string, personId: string, name: string, roles: MappableRole[], issuer: string) {
  const existing = await tx.selectFrom('role_grants').select(['id', 'role', 'source']).where('person_id', '=', personId)
    .where('scope_type', '=', 'municipality').where('scope_id', '=', municipalityId).execute();
  const audit = [];
  for (const role of mappableRoles) {
    const has = existing.find((g) => g.role === role);
    if (roles.includes(role) && !has) {
      const row = { id: newId(), person_id: personId, role, scope_type: 'municipality' as const, scope_id: municipalityId, municipality_id: municipalityId, granted_at: nowIso(), source: 'oidc' };
      await tx.insertInto('role_grants').values(row).execute();
      audit.push({ action: 'role.grant', entityType: 'role_grant', entityId: row.id, municipalityId, after: { person: name, role, scope_type: 'municipality', scope_id: municipalityId, source: 'oidc', issuer }, personal: { subjectId: personId, fields: ['person'] } });
    } else if (!roles.includes(role) && has?.source === 'oidc') {
      await tx.deleteFrom('role_grants').where('id', '=', has.id).execute();
      audit.push({ action: 'role.revoke', entityType: 'role_grant', entityId: has.id, municipalityId, before: { person: name, role, scope_type: 'municipality', scope_id: municipalityId, source: 'oidc', issuer }, personal: { subjectId: personId, fields: ['person'] } });
    }
  }
  return audit;
}

export interface StaffSignIn {
  token: string;
  personId: string;
  /** The provider's sign-in did not count as strong and the person has a TOTP factor: ask for a code. */
  secondFactorRequired: boolean;
  /** The session counts as signed in with a second factor. */
  strong: boolean;
  back: string;
}

/**
 * Step 2, the callback: the flow must belong to this browser and municipality and is used once;
 * openid-client checks state, PKCE, the ID token and the nonce. Then the person is matched by
 * verified e-mail, the roles synchronised, and a session started (strong when the municipality
 * trusts the provider's second factor, or the ID token's amr shows one).
 */
export async function finishStaffSignIn(ctx: Context, flowToken: string | undefined, currentUrl: URL): Promise<StaffSignIn> {
  const municipalityId = tenantId(ctx);
  const db = ctx.platform.db;
  const flow = flowToken ? await db.selectFrom('oidc_flows').selectAll().where('id', '=', hashToken(flowToken)).executeTakeFirst() : undefined;
  if (!flow || flow.municipality_id !== municipalityId || flow.expires_at < nowIso()) throw new OidcSignInError('parties.oidc.flowExpired');
  await db.deleteFrom('oidc_flows').where('id', '=', flow.id).execute();
  if (currentUrl.searchParams.get('error')) throw new OidcSignInError('parties.oidc.refused');
  const provider = await findOidcProvider(db, municipalityId);
  if (!provider?.enabled) throw new OidcSignInError('parties.oidc.unavailable');
  let identity;
  try {
    const config = await discover(clientSettings(ctx.platform, provider));
    identity = await finishAuthorization(config, currentUrl, { state: flow.state, nonce: flow.nonce, codeVerifier: flow.code_verifier, redirectUri: callbackUrl(ctx.platform, ctx.tenant!.slug) });
  } catch (error) {
    throw new OidcSignInError('parties.oidc.failed', error);
  }
  const email = verifiedEmail(identity.claims);
  if (!email) throw new OidcSignInError('parties.oidc.noVerifiedEmail');
  const roles = rolesFromClaims(identity.claims, provider.claim, provider.mapping);
  const name = displayNameFrom(identity.claims, email);
  const { personId } = await execute(ctx, signInWithIdp, { email, name, roles, issuer: provider.issuer });
  const strong = idpSignInIsStrong(identity, provider.trustIdpMfa);
  if (!strong && (await hasSecondFactor(db, personId))) {
    return { token: await createPendingSession(db, personId, 'oidc'), personId, secondFactorRequired: true, strong: false, back: flow.back };
  }
  return { token: await createSession(db, personId, { strong, method: 'oidc' }), personId, secondFactorRequired: false, strong, back: flow.back };
}

function displayNameFrom(claims: Record<string, unknown>, email: string): string {
  const pick = (name: string) => (typeof claims[name] === 'string' ? (claims[name] as string).trim() : '');
  const full = pick('name') || [pick('given_name'), pick('family_name')].filter(Boolean).join(' ') || pick('preferred_username') || email.split('@')[0]!;
  return full.replace(/[\u0000-\u001F\u007F]/g, '').slice(0, 80) || email.slice(0, 80);
}

