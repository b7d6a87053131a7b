import { createHash } from 'node:crypto';
import { isIP } from 'node:net';
import * as client from 'openid-client';

/**
 * The relying-party side of OpenID Connect (Authorization Code flow with PKCE, state and nonce),
 * on openid-client. What a municipality configures, and what the parties capability stores, is
 * passed in; this module knows no tables.
 */
export interface OidcClientSettings {
  issuer: string;
  clientId: string;
  clientSecret: string;
}

/** Roles an identity provider may hand out (an installation-wide administrator never comes from a municipality's IdP). */
export const mappableRoles = ['official', 'council_member', 'administrator', 'moderator', 'professional'] as const;
export type MappableRole = (typeof mappableRoles)[number];
export type RoleMapping = Record<MappableRole, string[]>;

export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, '').toLowerCase();
  if (host === 'localhost' || host.endsWith('.localhost')) return true;
  if (isIP(host) === 4) return host.startsWith('127.');
  if (isIP(host) === 6) return host === '::1';
  return false;
}

/**
 * An issuer must be https; plain http only on this machine's loopback address (a local identity
 * provider in tests or development), never across a network.
 */
export function issuerProblem(value: string): 'invalid' | 'insecure' | null {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return 'invalid';
  }
  if (url.username || url.password || url.search || url.hash) return 'invalid';
  if (url.protocol === 'https:') return null;
  if (url.protocol === 'http:') return isLoopbackHost(url.hostname) ? null : 'insecure';
  return 'invalid';
}

const DISCOVERY_TTL_MS = 10 * 60_000;
const discovered = new Map<string, { at: number; config: Promise<client.Configuration> }>();

/**
 * The provider's metadata (discovery), cached per process for a few minutes: only a cache, every
 * process can fetch it again, and a changed configuration has another key.
 */
export function discover(settings: OidcClientSettings): Promise<client.Configuration> {
  const problem = issuerProblem(settings.issuer);
  if (problem) return Promise.reject(new Error(`Issuer URL refused (${problem}): ${settings.issuer}`));
  const key = createHash('sha256').update(JSON.stringify([settings.issuer, settings.clientId, settings.clientSecret])).digest('hex');
  const cached = discovered.get(key);
  if (cached && Date.now() - cached.at < DISCOVERY_TTL_MS) return cached.config;
  const url = new URL(settings.issuer);
  const insecure = url.protocol === 'http:';
  const config = client.discovery(url, settings.clientId, settings.clientSecret, undefined, {
    execute: insecure ? [client.allowInsecureRequests] : [],
    timeout: 10,
  });
  discovered.set(key, { at: Date.now(), config });
  config.catch(() => discovered.delete(key));
  return config;
}

export interface AuthorizationStart {
  url: URL;
  state: string;
  nonce: string;
  codeVerifier: string;
}

export async function startAuthorization(config: client.Configuration, redirectUri: string, scope = 'openid email profile'): Promise<AuthorizationStart> {
  const codeVerifier = client.randomPKCECodeVerifier();
  const state = client.randomState();
  const nonce = client.randomNonce();
  const url = client.buildAuthorizationUrl(config, {
    redirect_uri: redirectUri,
    scope,
    response_type: 'code',
    code_challenge: await client.calculatePKCECodeChallenge(codeVerifier),
    code_challenge_method: 'S256',
    state,
    nonce,
  });
  return { url, state, nonce, codeVerifier };
}

export interface VerifiedIdentity {
  subject: string;
  /** Claims of the ID token, completed with those from the userinfo endpoint. */
  claims: Record<string, unknown>;
  /** Authentication methods and context the provider reports in the ID token (RFC 8176), if any. */
  amr: string[];
  acr: string | null;
}

/**
 * Validates the callback (state, PKCE, the ID token's signature, issuer, audience, expiry and
 * nonce, all by openid-client) and returns the verified claims.
 */
export async function finishAuthorization(config: client.Configuration, callbackUrl: URL, checks: { state: string; nonce: string; codeVerifier: string; redirectUri: string }): Promise<VerifiedIdentity> {
  // The token request must name exactly the redirect_uri that was registered and used.
  const current = new URL(checks.redirectUri);
  current.search = callbackUrl.search;
  const tokens = await client.authorizationCodeGrant(config, current, {
    pkceCodeVerifier: checks.codeVerifier, expectedState: checks.state, expectedNonce: checks.nonce, idTokenExpected: true,
  });
  const idClaims = tokens.claims();
  if (!idClaims) throw new Error('No ID token in the token response');
  const claims: Record<string, unknown> = { ...idClaims };
  // Many providers put e-mail and group claims only in userinfo (the ID token carries the minimum).
  if (config.serverMetadata().userinfo_endpoint) {
    const userinfo = await client.fetchUserInfo(config, tokens.access_token, idClaims.sub);
    for (const [name, value] of Object.entries(userinfo)) if (!(name in claims) || name === 'email' || name === 'email_verified') claims[name] = value;
  }
  const amr = Array.isArray(idClaims.amr) ? idClaims.amr.filter((m): m is string => typeof m === 'string') : [];
  return { subject: idClaims.sub, claims, amr, acr: typeof idClaims.acr === 'string' ? idClaims.acr : null };
}

/** A verified e-mail address from the claims, lower-cased; null when there is none or it is not verified. */
export function verifiedEmail(claims: Record<string, unknown>): string | null {
  const email = claims.email;
  const verified = claims.email_verified === true || claims.email_verified === 'true';
  if (typeof email !== 'string' || !verified || !/^[^\s@]+@[^\s@]+$/.test(email) || email.length > 254) return null;
  return email.trim().toLowerCase();
}

/** The values of a claim by name or dotted path ("realm_access.roles"); a string is split on spaces and commas. */
export function claimValues(claims: Record<string, unknown>, name: string): string[] {
  let value: unknown = claims;
  for (const part of name.split('.')) {
    if (typeof value !== 'object' || value === null) return [];
    value = (value as Record<string, unknown>)[part];
  }
  if (typeof value === 'string') return value.split(/[\s,]+/).filter(Boolean);
  if (Array.isArray(value)) return value.filter((v): v is string => typeof v === 'string');
  return [];
}

/** The roles the mapping gives for these claims. */
export function rolesFromClaims(claims: Record<string, unknown>, claimName: string, mapping: RoleMapping): MappableRole[] {
  const values = new Set(claimValues(claims, claimName));
  return mappableRoles.filter((role) => mapping[role].some((value) => values.has(value)));
}

/** Authentication methods (RFC 8176) that are a second factor or are multi-factor in themselves. */
const STRONG_METHODS = new Set(['mfa', 'otp', 'hwk', 'swk', 'sms', 'tel', 'sc', 'fpt', 'face', 'iris', 'retina', 'vbm', 'pop']);

/**
 * Does the provider's sign-in count as a second factor here? When the municipality trusts its
 * provider to require one (the default), yes; otherwise only when the ID token's `amr` says so.
 */
export function idpSignInIsStrong(identity: Pick<VerifiedIdentity, 'amr'>, trustIdpMfa: boolean): boolean {
  if (trustIdpMfa) return true;
  return identity.amr.some((method) => STRONG_METHODS.has(method));
}

/** For tests: forget cached provider metadata. */
export function forgetDiscoveries(): void {
  discovered.clear();
}
