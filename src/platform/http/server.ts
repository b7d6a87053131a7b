import fs from 'node:fs';
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import cookie from '@fastify/cookie';
import formbody from '@fastify/formbody';
import helmet from '@fastify/helmet';
import multipart from '@fastify/multipart';
import fastifyStatic from '@fastify/static';
import type { Context, Platform } from '../context.js';
import { AppError, ForbiddenError, NotFoundError, TooManyRequestsError, ValidationError } from '../errors.js';
import { html, type HtmlValue } from '../html.js';
import { defaultLocale, isLocale, translator, type Locale } from '../i18n/index.js';
import type { CapabilityModule, NavEntry } from '../module.js';
import { anonymous, type Actor } from '../policy.js';
import { findTenantBySlug, listTenants, type Tenant } from '../tenancy.js';
import { shell, type NavItem } from '../ui/layout.js';
import { heading1, link, paragraph } from '../ui/components.js';
import { themeStylesheet } from '../ui/theme.js';
import { assetPath, packageFile } from '../paths.js';
import { ApiRegistry } from './api.js';
import { sendCachedPage, type CachedPageInput } from './page-cache.js';
import { CSRF_COOKIE, SESSION_COOKIE, csrfMatches, csrfToken, findSession, hashToken, newToken } from './sessions.js';
import { docsPage } from './docs.js';
import { serveFile } from '../files/http.js';
import { rememberLocation } from './form-keys.js';

/** Loads the person behind a session; `strong` says whether a second factor was verified in it. */
export type ActorLoader = (platform: Platform, personId: string, session: { strong: boolean }) => Promise<Actor | null>;

declare module 'fastify' {
  interface FastifyRequest {
    ctx: Context;
    csrf: string;
    sessionToken: string | null;
    /** Set by handleForm when a submission with a one-time key committed. */
    completedFormKey: string | null;
  }
  interface FastifyReply {
    page(input: PageInput): FastifyReply;
    /** A public page kept for anonymous visitors (page-cache.ts). */
    cachedPage(input: CachedPageInput): Promise<FastifyReply>;
    flashRedirect(location: string, flashKey?: string): FastifyReply;
  }
}

export interface PageInput {
  title: string;
  body: HtmlValue;
  breadcrumbs?: NavItem[];
  status?: number;
}

const FLASH_COOKIE = 'ba_flash';
const LANG_COOKIE = 'ba_lang';

function localeOf(request: FastifyRequest): Locale {
  const query = (request.query as Record<string, unknown> | undefined)?.lang;
  if (isLocale(query)) return query;
  const cookieLocale = request.cookies[LANG_COOKIE];
  if (isLocale(cookieLocale)) return cookieLocale;
  if (request.url.startsWith('/api/')) {
    return /^nl\b/i.test(String(request.headers['accept-language'] ?? '')) ? 'nl' : 'en';
  }
  return defaultLocale;
}

/** Only local paths may be a redirect target (no open redirects). */
export function safeLocalPath(value: unknown, fallback: string): string {
  return typeof value === 'string' && /^\/(?![/\\])[^\s]*$/.test(value) ? value : fallback;
}

export interface ServerOptions {
  platform: Platform;
  modules: CapabilityModule[];
  loadActor: ActorLoader;
  logger?: boolean;
}

/** TRUST_PROXY as Fastify takes it: a hop count becomes "believe the first n hops" (proxy-addr's function form). */
function trustProxyOption(setting: false | number | string): boolean | string | ((address: string, hop: number) => boolean) {
  return typeof setting === 'number' ? (_address, hop) => hop < setting : setting;
}

export async function buildServer(options: ServerOptions): Promise<FastifyInstance> {
  const { platform, modules } = options;
  const secure = platform.config.publicUrl.startsWith('https://');
  const app = Fastify({
    logger: options.logger ? { level: platform.config.logLevel } : false,
    bodyLimit: 2 * 1024 * 1024,
    routerOptions: { ignoreTrailingSlash: true, maxParamLength: 200 },
    trustProxy: trustProxyOption(platform.config.trustProxy),
  });

  await app.register(cookie);
  await app.register(formbody);
  await app.register(multipart, { attachFieldsToBody: true, limits: { fileSize: 512 * 1024, files: 1, fields: 20 } });
  await app.register(helmet, {
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'none'"], scriptSrc: ["'self'"], styleSrc: ["'self'"], imgSrc: ["'self'", 'data:'],
        fontSrc: ["'self'"], connectSrc: ["'self'"], formAction: ["'self'"], frameAncestors: ["'none'"], baseUri: ["'none'"],
        manifestSrc: ["'self'"],
      },
    },
    strictTransportSecurity: secure ? { maxAge: 31536000 } : false,
    crossOriginEmbedderPolicy: false,
    referrerPolicy: { policy: 'same-origin' },
  });
  await app.register(fastifyStatic, { root: assetPath(), prefix: '/static/', maxAge: 3600_000, index: false });

  const nav: NavEntry[] = modules.flatMap((m) => m.nav ?? []).sort((a, b) => a.order - b.order);
  const cssFiles: Record<string, string> = {
    'tokens.css': packageFile('@utrecht/design-tokens/dist/index.css'),
    'components.css': packageFile('@utrecht/component-library-css/dist/index.css'),
  };
  for (const [name, file] of Object.entries(cssFiles)) {
    const body = fs.readFileSync(file);
    app.get(`/static/utrecht/${name}`, async (_req, reply) => reply.header('cache-control', 'public, max-age=86400').type('text/css; charset=utf-8').send(body));
  }

  app.decorateRequest('ctx', null as unknown as Context);
  app.decorateRequest('csrf', '');
  app.decorateRequest('sessionToken', null);
  app.decorateRequest('completedFormKey', null);
  app.addHook('onSend', async (request, reply) => {
    const location = reply.getHeader('location');
    if (request.completedFormKey && typeof location === 'string') await rememberLocation(platform.db, request.completedFormKey, location);
  });

  app.addHook('onRequest', async (request, reply) => {
    const locale = localeOf(request);
    request.ctx = { platform, actor: anonymous, tenant: null, locale };
    let actor: Actor = anonymous;
    let binding: string;
    const token = request.cookies[SESSION_COOKIE];
    const session = token ? await findSession(platform.db, token) : null;
    if (session) {
      actor = (await options.loadActor(platform, session.personId, { strong: session.strong })) ?? anonymous;
    }
    if (session && actor.kind === 'person') {
      request.sessionToken = token!;
      binding = `session:${session.id}`;
    } else {
      if (token) reply.clearCookie(SESSION_COOKIE, { path: '/' });
      let anon = request.cookies[CSRF_COOKIE];
      if (!anon || anon.length < 20) {
        anon = newToken();
        reply.setCookie(CSRF_COOKIE, anon, { path: '/', httpOnly: true, sameSite: 'lax', secure });
        request.cookies[CSRF_COOKIE] = anon;
      }
      binding = `anon:${anon}`;
    }
    request.csrf = csrfToken(platform.secret, binding);
    let tenant: Tenant | null = null;
    const slug = (request.params as Record<string, string> | undefined)?.municipality;
    if (slug !== undefined) {
      tenant = await findTenantBySlug(platform.db, slug.toLowerCase());
      if (!tenant) {
        request.ctx = { platform, actor, tenant: null, locale };
        throw new NotFoundError('error.unknownMunicipality');
      }
    }
    request.ctx = { platform, actor, tenant, locale };
  });

  // CSRF: every state-changing request made with ambient credentials (cookies) must carry the token.
  app.addHook('preHandler', async (request) => {
    if (['GET', 'HEAD', 'OPTIONS'].includes(request.method)) return;
    // Routes authenticated by a signed link instead of cookies (one-click unsubscribe) opt out.
    if ((request.routeOptions.config as { csrf?: boolean } | undefined)?.csrf === false) return;
    const body = request.body as Record<string, unknown> | undefined;
    let presented: unknown = request.headers['x-csrf-token'] ?? body?._csrf;
    if (presented && typeof presented === 'object' && 'value' in presented) presented = (presented as { value: unknown }).value; // multipart field
    const isApi = request.url.startsWith('/api/');
    // The API takes JSON only: a cross-site HTML form can never post to it.
    if (isApi && request.body !== undefined && !/^application\/(problem\+)?json\b/i.test(String(request.headers['content-type'] ?? ''))) {
      throw new AppError(415, 'error.unsupportedMediaType');
    }
    const hasCookies = Boolean(request.cookies[SESSION_COOKIE] || request.cookies[CSRF_COOKIE]);
    if (isApi && !request.sessionToken && !presented) return; // no ambient session: nothing to forge
    if (!hasCookies && !isApi) throw new AppError(403, 'error.csrf');
    const binding = request.sessionToken ? `session:${hashToken(request.sessionToken)}` : `anon:${request.cookies[CSRF_COOKIE]}`;
    if (!csrfMatches(platform.secret, binding, presented)) throw new AppError(403, 'error.csrf');
  });

  /** The whole page: the body in the shell (navigation, account, language, flash message). */
  function pageHtml(reply: FastifyReply, input: Omit<PageInput, 'status'>): string {
    const request = reply.request;
    const { ctx } = request;
    const t = translator(ctx.locale);
    const path = request.url.split('?')[0] ?? '/';
    const flashKey = request.cookies[FLASH_COOKIE];
    if (flashKey) reply.clearCookie(FLASH_COOKIE, { path: '/' });
    const navItems: NavItem[] = ctx.tenant
      ? [{ href: `/${ctx.tenant.slug}`, label: t('nav.home') }, ...nav.filter((n) => !n.visible || n.visible(ctx)).map((n) => ({ href: `/${ctx.tenant!.slug}${n.path}`, label: t(n.labelKey) }))]
      : [];
    let flash: string | null = null;
    if (flashKey && /^[\w.]+$/.test(flashKey)) {
      try { flash = t(flashKey); } catch { flash = null; }
    }
    return shell({ title: input.title, body: input.body, t, locale: ctx.locale, tenant: ctx.tenant, actor: ctx.actor, csrf: request.csrf, path, nav: navItems, breadcrumbs: input.breadcrumbs, flash });
  }

  app.decorateReply('page', function (this: FastifyReply, input: PageInput) {
    return this.code(input.status ?? this.statusCode)
      .header('cache-control', 'no-store')
      .type('text/html; charset=utf-8')
      .send(pageHtml(this, input));
  });

  app.decorateReply('cachedPage', function (this: FastifyReply, input: CachedPageInput) {
    // A flash message waiting for this visitor makes the shell their own: no shared page then.
    return sendCachedPage(this, input, (body) => pageHtml(this, { title: input.title, breadcrumbs: input.breadcrumbs, body }), !this.request.cookies[FLASH_COOKIE]);
  });

  app.decorateReply('flashRedirect', function (this: FastifyReply, location: string, flashKey?: string) {
    if (flashKey) this.setCookie(FLASH_COOKIE, flashKey, { path: '/', httpOnly: true, sameSite: 'lax', secure, maxAge: 60 });
    return this.redirect(location, 303);
  });

  app.setErrorHandler(async (error, request, reply) => {
    const ctx = request.ctx ?? { platform, actor: anonymous, tenant: null, locale: localeOf(request) };
    const t = translator(ctx.locale);
    const isApi = request.url.startsWith('/api/');
    let status = 500;
    let key = 'error.internal';
    let params: Record<string, string | number> = {};
    const e = error as Error & { statusCode?: number; code?: string };
    if (error instanceof AppError) {
      status = error.status; key = error.key; params = error.params;
    } else if (e.statusCode && e.statusCode >= 400 && e.statusCode < 500) {
      status = e.statusCode;
      key = status === 413 || e.code === 'FST_REQ_FILE_TOO_LARGE' ? 'error.tooLarge' : status === 415 ? 'error.unsupportedMediaType' : 'error.badRequest';
    } else {
      request.log.error(error);
    }
    if (error instanceof TooManyRequestsError) reply.header('retry-after', String(error.retryAfterSeconds));
    if (isApi) {
      const problem: Record<string, unknown> = {
        type: `https://buurtarena.invalid/problems/${key.replace(/^error\./, '')}`,
        title: t(key, params), status, instance: request.url.split('?')[0],
      };
      if (error instanceof ValidationError) {
        problem.errors = error.issues.map((i) => ({ field: i.field, message: t(i.key, { ...i.params, field: i.field }) }));
        problem.detail = error.issues.map((i) => `${i.field || 'body'}: ${t(i.key, { ...i.params, field: i.field })}`).join('; ');
      }
      return reply.code(status).type('application/problem+json; charset=utf-8').send(problem);
    }
    if (error instanceof ForbiddenError && status === 401 && ctx.tenant && request.method === 'GET') {
      return reply.redirect(`/${ctx.tenant.slug}/inloggen?terug=${encodeURIComponent(request.url)}`, 303);
    }
    return reply.page({ status, title: t(key, params), body: html`${heading1(t(key, params))}${paragraph(t(`error.help.${status >= 500 ? 500 : status === 404 || status === 429 ? status : status === 403 || status === 401 ? 403 : 400}`))}${paragraph(link(ctx.tenant ? `/${ctx.tenant.slug}` : '/', t('error.backHome')))}` });
  });

  app.setNotFoundHandler(async () => {
    throw new NotFoundError();
  });

  app.get('/health', async () => ({ status: 'ok' }));

  app.get('/taal/:locale', async (request, reply) => {
    const { locale } = request.params as { locale: string };
    if (!isLocale(locale)) throw new NotFoundError();
    reply.setCookie(LANG_COOKIE, locale, { path: '/', httpOnly: true, sameSite: 'lax', secure, maxAge: 365 * 86400 });
    return reply.redirect(safeLocalPath((request.query as Record<string, unknown>).terug, '/'), 303);
  });

  app.get('/', async (request, reply) => {
    const t = translator(request.ctx.locale);
    const tenants = await listTenants(platform.db);
    return reply.page({
      title: t('home.installationTitle'),
      body: html`${heading1(t('home.installationTitle'))}${paragraph(t('home.installationIntro'))}
        <h2 class="utrecht-heading-2">${t('home.municipalities')}</h2>
        ${tenants.length ? html`<ul class="utrecht-unordered-list">${tenants.map((m) => html`<li>${link(`/${m.slug}`, m.name)}</li>`)}</ul>` : paragraph(t('home.noMunicipalities'))}`,
    });
  });

  app.get('/:municipality/thema.css', async (request, reply) => {
    return reply.header('cache-control', 'public, max-age=3600').type('text/css; charset=utf-8').send(themeStylesheet(request.ctx.tenant!));
  });

  // The logo keeps this stable address (pages add ?v= so a new logo is fetched at once); it is a
  // file in the file store, sent by serveFile with its purpose's policy, ETag and caching.
  app.get('/:municipality/logo', async (request, reply) => {
    const fileId = request.ctx.tenant!.logoFileId;
    if (!fileId) throw new NotFoundError();
    return serveFile(request, reply, platform, fileId);
  });

  for (const [path, key] of [['privacy', 'privacy'], ['toegankelijkheid', 'accessibility']] as const) {
    const handler = async (request: FastifyRequest, reply: FastifyReply) => {
      const t = translator(request.ctx.locale);
      const name = request.ctx.tenant?.name ?? 'Buurtarena';
      const paragraphs = t(`statement.${key}.body`, { name }).split('\n\n');
      return reply.page({ title: t(`statement.${key}.title`), body: html`${heading1(t(`statement.${key}.title`))}${paragraphs.map((p) => p.startsWith('## ') ? html`<h2 class="utrecht-heading-2">${p.slice(3)}</h2>` : paragraph(p))}` });
    };
    app.get(`/${path}`, handler);
    app.get(`/:municipality/${path}`, handler);
  }

  const api = new ApiRegistry(app);
  for (const module of modules) {
    module.registerPages?.(app, platform);
    module.registerApi?.(api, platform);
  }
  app.get('/api/v1/openapi.json', async (_req, reply) => reply.type('application/json; charset=utf-8').send(api.openApi()));
  app.get('/api/v1/docs', async (request, reply) => reply.page(docsPage(translator(request.ctx.locale), api)));

  return app;
}
