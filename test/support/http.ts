import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import { buildApp } from '../../src/app.js';
import type { Platform } from '../../src/platform/context.js';
import { SESSION_COOKIE, createSession } from '../../src/platform/http/sessions.js';
import { totpCode } from '../../src/platform/auth/totp.js';

/**
 * In-process requests with `app.inject()`: a small cookie-jar agent that handles the CSRF token
 * the way a browser (forms: hidden `_csrf`) or an API client (`x-csrf-token`) would.
 */
export type TestResponse = LightMyRequestResponse;

export async function buildTestApp(platform: Platform): Promise<FastifyInstance> {
  const app = await buildApp(platform);
  await app.ready();
  return app;
}

interface RequestOptions {
  headers?: Record<string, string>;
  /** The CSRF token to send: omitted = the right one, `null` = none at all, a string = that one. */
  csrf?: string | null;
}

export class Agent {
  readonly cookies = new Map<string, string>();
  private csrfCache: { key: string; token: string } | null = null;

  /** `remoteAddress` sets the client's IP address (login throttling counts per address too). */
  constructor(readonly app: FastifyInstance, readonly remoteAddress = '127.0.0.1') {}

  private cookieHeader(): string {
    return [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
  }

  private remember(response: TestResponse): void {
    for (const cookie of response.cookies as Array<{ name: string; value: string; maxAge?: number; expires?: Date }>) {
      const expired = cookie.value === '' || (cookie.maxAge !== undefined && cookie.maxAge <= 0) || (cookie.expires !== undefined && cookie.expires.getTime() <= Date.now());
      if (expired) this.cookies.delete(cookie.name);
      else this.cookies.set(cookie.name, cookie.value);
    }
  }

  async request(options: InjectOptions): Promise<TestResponse> {
    const headers = { ...(options.headers as Record<string, string> | undefined) };
    const jar = this.cookieHeader();
    if (jar && !headers.cookie) headers.cookie = jar;
    const response = await this.app.inject({ remoteAddress: this.remoteAddress, ...options, headers });
    this.remember(response);
    return response;
  }

  get(url: string, headers: Record<string, string> = {}): Promise<TestResponse> {
    return this.request({ method: 'GET', url, headers });
  }

  /** The CSRF token for the current session (or anonymous cookie), as the pages put it in every form. */
  async csrfToken(): Promise<string> {
    const key = `${this.cookies.get(SESSION_COOKIE) ?? ''}|${this.cookies.get('ba_csrf') ?? ''}`;
    if (this.csrfCache?.key === key) return this.csrfCache.token;
    const response = await this.get('/api/v1/session');
    if (response.statusCode !== 200) throw new Error(`GET /api/v1/session answered ${response.statusCode}: ${response.body}`);
    const token = (response.json() as { csrfToken: string }).csrfToken;
    // The request may itself have set the anonymous cookie the token is bound to.
    this.csrfCache = { key: `${this.cookies.get(SESSION_COOKIE) ?? ''}|${this.cookies.get('ba_csrf') ?? ''}`, token };
    return token;
  }

  /** Submit a form (application/x-www-form-urlencoded), with `_csrf` filled in like the page would. */
  async postForm(url: string, fields: Record<string, string | number | boolean>, options: RequestOptions = {}): Promise<TestResponse> {
    const body = new URLSearchParams();
    const token = options.csrf === undefined ? await this.csrfToken() : options.csrf;
    if (token !== null) body.set('_csrf', token);
    for (const [name, value] of Object.entries(fields)) body.set(name, String(value));
    return this.request({ method: 'POST', url, payload: body.toString(), headers: { 'content-type': 'application/x-www-form-urlencoded', ...options.headers } });
  }

  /** A JSON API call; state-changing methods send the `x-csrf-token` header. */
  async api(method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE', url: string, json?: unknown, options: RequestOptions = {}): Promise<TestResponse> {
    const headers: Record<string, string> = { accept: 'application/json', ...options.headers };
    if (method !== 'GET') {
      const token = options.csrf === undefined ? await this.csrfToken() : options.csrf;
      if (token !== null) headers['x-csrf-token'] = token;
    }
    if (json !== undefined) headers['content-type'] = 'application/json';
    return this.request({ method, url, headers, payload: json === undefined ? undefined : JSON.stringify(json) });
  }
}

export function agent(app: FastifyInstance, remoteAddress?: string): Agent {
  return new Agent(app, remoteAddress);
}

/**
 * Sign in through the real login form (pays one password hash check). For an account with a
 * second factor, pass its TOTP secret: the code step is completed too (with the current code, or
 * the next one when the current one was already used).
 */
export async function loginAs(a: Agent, slug: string, email: string, password: string, options: { totpSecret?: string } = {}): Promise<TestResponse> {
  let response = await a.postForm(`/${slug}/inloggen`, { email, password });
  if (response.statusCode === 303 && String(response.headers.location ?? '').startsWith(`/${slug}/inloggen/tweede-stap`)) {
    if (!options.totpSecret) throw new Error(`Login as ${email} needs a second factor: pass totpSecret`);
    const secondStep = String(response.headers.location);
    for (const offset of [0, 1]) {
      response = await a.postForm(secondStep, { code: totpCode(options.totpSecret, Date.now() + offset * 30_000) });
      if (response.statusCode === 303) break;
    }
  }
  if (response.statusCode !== 303 || !a.cookies.has(SESSION_COOKIE)) {
    throw new Error(`Login as ${email} failed with ${response.statusCode}: ${response.body.slice(0, 500)}`);
  }
  return response;
}

/**
 * Give the agent a session for this account without the password check (no scrypt cost), for
 * tests about what a signed-in person may do rather than about signing in. The session counts as
 * signed in with a second factor unless `strong: false` (to test what is refused without one).
 */
export async function signInDirectly(a: Agent, platform: Platform, email: string, options: { strong?: boolean } = {}): Promise<string> {
  const person = await platform.db.selectFrom('people').select('id').where('email', '=', email.toLowerCase()).executeTakeFirst();
  if (!person) throw new Error(`No account for ${email}`);
  a.cookies.set(SESSION_COOKIE, await createSession(platform.db, person.id, { strong: options.strong ?? true, method: 'direct' }));
  return person.id;
}

/** A new agent on the app with a session for this account (`signInDirectly`). */
export async function signedInAgent(app: FastifyInstance, platform: Platform, email: string, options: { strong?: boolean } = {}): Promise<Agent> {
  const a = agent(app);
  await signInDirectly(a, platform, email, options);
  return a;
}

/** The value of a hidden or text input in an HTML page (for one-time form keys and the like). */
export function inputValue(htmlText: string, name: string): string | null {
  const tag = new RegExp(`<input[^>]*name="${name}"[^>]*>`).exec(htmlText)?.[0];
  return tag ? (/value="([^"]*)"/.exec(tag)?.[1] ?? '') : null;
}
