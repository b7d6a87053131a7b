import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Context, Platform } from '../../platform/context.js';
import { ValidationError, type FieldIssue } from '../../platform/errors.js';
import type { SafeHtml } from '../../platform/html.js';
import { clientAddress, formBody, handleForm } from '../../platform/http/forms.js';
import type { ApiRegistry } from '../../platform/http/api.js';
import { PENDING_COOKIE, PENDING_MINUTES, SESSION_COOKIE, SESSION_DAYS, findPendingSession, markSessionStrong } from '../../platform/http/sessions.js';
import { safeLocalPath } from '../../platform/http/server.js';
import { translator } from '../../platform/i18n/index.js';
import { mappableRoles } from '../../platform/auth/index.js';
import { needsSecondFactor, type Actor } from '../../platform/policy.js';
import { authorize, execute } from '../../platform/service.js';
import { formErrors } from '../../platform/ui/components.js';
import { findOidcProvider, mappingFieldNames, unusedRecoveryCodeCount } from './auth-store.js';
import { OIDC_COOKIE, OidcSignInError, callbackUrl, configureOidc, finishStaffSignIn, oidcActions, staffSignInAvailable, startStaffSignIn } from './oidc-login.js';
import {
  PendingSignInExpired, completeSecondFactor, disableTotp, enableTotp, enrolmentFor, findSecondFactor, regenerateRecoveryCodes, withCodeThrottle,
} from './strong-login.js';
import {
  enrolmentPage, managePage, manageLabels, oidcErrorPage, oidcLabels, oidcSettingsPage, recoveryCodesPage, secondFactorSection, secondStepLabels, secondStepPage, staffSignInBlock,
} from './pages/strong-login.js';
import { findPerson, loadActor } from './store.js';

/**
 * Pages and API of strong login: the second step of signing in, the second step on "Mijn
 * account", staff sign-in through the municipality's identity provider, and its settings.
 */
const base = (ctx: Context) => `/${ctx.tenant!.slug}`;
const tr = (ctx: Context) => translator(ctx.locale);

function secure(platform: Platform): boolean {
  return platform.config.publicUrl.startsWith('https://');
}

export function setSessionCookie(platform: Platform, reply: FastifyReply, token: string): void {
  reply.setCookie(SESSION_COOKIE, token, { path: '/', httpOnly: true, sameSite: 'lax', secure: secure(platform), maxAge: SESSION_DAYS * 86400 });
  reply.clearCookie(PENDING_COOKIE, { path: '/' });
}

export function setPendingCookie(platform: Platform, reply: FastifyReply, token: string): void {
  reply.setCookie(PENDING_COOKIE, token, { path: '/', httpOnly: true, sameSite: 'lax', secure: secure(platform), maxAge: PENDING_MINUTES * 60 });
}

function signedInPerson(ctx: Context): Extract<Actor, { kind: 'person' }> {
  if (ctx.actor.kind !== 'person') authorize(ctx, 'person.update', { type: 'person', ownerId: '__nobody__' });
  return ctx.actor as Extract<Actor, { kind: 'person' }>;
}

/** Field issues of a use case's `code` input, shown at the form's own field. */
function atField(issues: FieldIssue[], field: string): FieldIssue[] {
  return issues.map((i) => (i.field === 'code' ? { ...i, field } : i));
}

/**
 * Where a sign-in goes next. With a second factor: the pending cookie and the code page. Without
 * one, for someone whose role needs it: the set-up page, with the explanation. Otherwise: back.
 */
export async function continueSignIn(request: FastifyRequest, reply: FastifyReply, result: { token: string; personId: string; secondFactorRequired: boolean; strong?: boolean }, back: string): Promise<FastifyReply> {
  const { ctx } = request;
  const platform = ctx.platform;
  if (result.secondFactorRequired) {
    setPendingCookie(platform, reply, result.token);
    return reply.redirect(`${base(ctx)}/inloggen/tweede-stap?terug=${encodeURIComponent(back)}`, 303);
  }
  setSessionCookie(platform, reply, result.token);
  const actor = await loadActor(platform.db, result.personId, { strong: result.strong ?? false });
  if (actor && needsSecondFactor(actor)) {
    return reply.flashRedirect(`${base(ctx)}/mijn-account/tweede-stap?terug=${encodeURIComponent(back)}`, 'parties.flash.secondFactorNeeded');
  }
  return reply.flashRedirect(back, 'parties.flash.loggedIn');
}

/** The block on the sign-in page for staff, when the municipality has an identity provider. */
export async function staffSignInOffer(ctx: Context, back: string): Promise<SafeHtml | null> {
  if (!ctx.tenant || !(await staffSignInAvailable(ctx.platform, ctx.tenant.id))) return null;
  return staffSignInBlock(tr(ctx), `${base(ctx)}/inloggen/oidc?terug=${encodeURIComponent(back)}`);
}

/** The section on "Mijn account". */
export async function accountSecondFactorSection(ctx: Context): Promise<SafeHtml> {
  const actor = signedInPerson(ctx);
  const factor = await findSecondFactor(ctx.platform.db, actor.personId);
  return secondFactorSection(tr(ctx), ctx.locale, {
    base: base(ctx), enabledAt: factor?.enabled_at ?? null, recoveryLeft: factor ? await unusedRecoveryCodeCount(ctx.platform.db, actor.personId) : 0, required: needsSecondFactor(actor),
  });
}

/** Would this person lose powers without a second factor? */
function powersAtStake(actor: Extract<Actor, { kind: 'person' }>): boolean {
  return needsSecondFactor({ ...actor, strongAuth: false });
}

export function registerStrongLoginPages(app: FastifyInstance, platform: Platform): void {
  // ---- signing in: the second step ---------------------------------------------------------
  const secondStepView = (request: FastifyRequest, reply: FastifyReply, issues: FieldIssue[], recoveryOpen: boolean) => {
    const { ctx } = request;
    const t = tr(ctx);
    const back = safeLocalPath((request.query as Record<string, unknown>).terug, base(ctx));
    return reply.page({ title: t('parties.secondFactor.signInTitle'), body: secondStepPage(t, {
      action: `${base(ctx)}/inloggen/tweede-stap?terug=${encodeURIComponent(back)}`, csrf: request.csrf, errors: formErrors(t, issues, secondStepLabels(t)), recoveryOpen,
    }) });
  };

  app.get('/:municipality/inloggen/tweede-stap', async (request, reply) => {
    const token = request.cookies[PENDING_COOKIE];
    if (!token || !(await findPendingSession(platform.db, token))) return reply.flashRedirect(`${base(request.ctx)}/inloggen`, 'parties.flash.secondStepExpired');
    return secondStepView(request, reply, [], false);
  });

  app.post('/:municipality/inloggen/tweede-stap', async (request, reply) => {
    const { ctx } = request;
    const values = formBody(request);
    const back = safeLocalPath((request.query as Record<string, unknown>).terug, base(ctx));
    const recovery = !values.code && Boolean(values.recoveryCode);
    const token = request.cookies[PENDING_COOKIE] ?? '';
    try {
      return await handleForm(reply, {
        run: () => completeSecondFactor(ctx, token, { code: recovery ? values.recoveryCode : values.code }, clientAddress(request)),
        success: (result) => {
          setSessionCookie(platform, reply, result.token);
          return reply.flashRedirect(back, result.used === 'recovery' ? 'parties.flash.recoveryCodeUsed' : 'parties.flash.loggedIn');
        },
        invalid: (issues) => secondStepView(request, reply, recovery ? atField(issues, 'recoveryCode') : issues, recovery),
      });
    } catch (error) {
      if (!(error instanceof PendingSignInExpired)) throw error;
      reply.clearCookie(PENDING_COOKIE, { path: '/' });
      return reply.flashRedirect(`${base(ctx)}/inloggen`, 'parties.flash.secondStepExpired');
    }
  });

  // ---- "Mijn account": setting up and managing the second step -------------------------------
  const accountPath = (ctx: Context) => `${base(ctx)}/mijn-account`;
  const crumbs = (ctx: Context) => [{ href: accountPath(ctx), label: tr(ctx)('parties.account.title') }, { href: `${accountPath(ctx)}/tweede-stap`, label: tr(ctx)('parties.secondFactor.title') }];

  const secondFactorView = async (request: FastifyRequest, reply: FastifyReply, issues: FieldIssue[], posted?: Record<string, string>) => {
    const { ctx } = request;
    const t = tr(ctx);
    const actor = signedInPerson(ctx);
    const person = (await findPerson(platform.db, actor.personId))!;
    const factor = await findSecondFactor(platform.db, actor.personId);
    if (factor) {
      return reply.page({ title: t('parties.secondFactor.title'), breadcrumbs: crumbs(ctx), body: managePage(t, ctx.locale, {
        base: base(ctx), csrf: request.csrf, enabledAt: factor.enabled_at, recoveryLeft: await unusedRecoveryCodeCount(platform.db, actor.personId),
        powersAtStake: powersAtStake(actor), errors: formErrors(t, issues, manageLabels(t)),
      }) });
    }
    const back = safeLocalPath((request.query as Record<string, unknown>).terug, accountPath(ctx));
    const enrolment = enrolmentFor(platform, { id: person.id, email: person.email }, posted ? { secret: posted.secret, mac: posted.enrolment } : undefined);
    return reply.page({ title: t('parties.secondFactor.enrolTitle'), breadcrumbs: crumbs(ctx), body: enrolmentPage(t, {
      action: `${accountPath(ctx)}/tweede-stap?terug=${encodeURIComponent(back)}`, csrf: request.csrf, enrolment, required: needsSecondFactor(actor),
      errors: formErrors(t, issues, { code: t('parties.secondFactor.field.code') }),
    }) });
  };

  app.get('/:municipality/mijn-account/tweede-stap', (request, reply) => secondFactorView(request, reply, []));

  app.post('/:municipality/mijn-account/tweede-stap', async (request, reply) => {
    const { ctx } = request;
    const t = tr(ctx);
    const actor = signedInPerson(ctx);
    const values = formBody(request);
    const next = safeLocalPath((request.query as Record<string, unknown>).terug, accountPath(ctx));
    return handleForm(reply, {
      run: () => execute(ctx, enableTotp, { personId: actor.personId, secret: values.secret, enrolment: values.enrolment, code: values.code }),
      success: async ({ recoveryCodes }) => {
        // The person just proved the new factor in this session: it now counts as strong.
        if (request.sessionToken) await markSessionStrong(platform.db, request.sessionToken);
        return reply.page({ title: t('parties.secondFactor.recoveryTitle'), body: recoveryCodesPage(t, { codes: recoveryCodes, next, titleKey: 'parties.secondFactor.recoveryTitle' }) });
      },
      invalid: (issues) => secondFactorView(request, reply, issues, values),
    });
  });

  app.post('/:municipality/mijn-account/tweede-stap/herstelcodes', async (request, reply) => {
    const { ctx } = request;
    const t = tr(ctx);
    const actor = signedInPerson(ctx);
    const values = formBody(request);
    return handleForm(reply, {
      run: () => withCodeThrottle(platform, actor.personId, clientAddress(request), () => execute(ctx, regenerateRecoveryCodes, { personId: actor.personId, code: values.regenerateCode })),
      success: ({ recoveryCodes }) => reply.page({ title: t('parties.secondFactor.newRecoveryTitle'), body: recoveryCodesPage(t, { codes: recoveryCodes, next: `${accountPath(ctx)}/tweede-stap`, titleKey: 'parties.secondFactor.newRecoveryTitle' }) }),
      invalid: (issues) => secondFactorView(request, reply, atField(issues, 'regenerateCode')),
    });
  });

  app.post('/:municipality/mijn-account/tweede-stap/uitzetten', async (request, reply) => {
    const { ctx } = request;
    const actor = signedInPerson(ctx);
    const values = formBody(request);
    return handleForm(reply, {
      run: () => withCodeThrottle(platform, actor.personId, clientAddress(request), () => execute(ctx, disableTotp, { personId: actor.personId, code: values.disableCode })),
      success: () => reply.flashRedirect(accountPath(ctx), 'parties.flash.secondFactorOff'),
      invalid: (issues) => secondFactorView(request, reply, atField(issues, 'disableCode')),
    });
  });

  // ---- staff sign-in through the municipality's identity provider ----------------------------
  const oidcCookiePath = (ctx: Context) => `${base(ctx)}/inloggen/oidc`;

  app.get('/:municipality/inloggen/oidc', async (request, reply) => {
    const { ctx } = request;
    const t = tr(ctx);
    const back = safeLocalPath((request.query as Record<string, unknown>).terug, base(ctx));
    try {
      const { url, flowToken } = await startStaffSignIn(ctx, back);
      reply.setCookie(OIDC_COOKIE, flowToken, { path: oidcCookiePath(ctx), httpOnly: true, sameSite: 'lax', secure: secure(platform), maxAge: 600 });
      return reply.redirect(url, 303);
    } catch (error) {
      if (!(error instanceof OidcSignInError)) throw error;
      request.log.warn({ err: error.cause }, 'staff sign-in could not start');
      return reply.page({ status: 503, title: t('parties.oidc.errorTitle'), body: oidcErrorPage(t, { key: error.key, base: base(ctx), retry: null }) });
    }
  });

  app.get('/:municipality/inloggen/oidc/callback', async (request, reply) => {
    const { ctx } = request;
    const t = tr(ctx);
    const flowToken = request.cookies[OIDC_COOKIE];
    reply.clearCookie(OIDC_COOKIE, { path: oidcCookiePath(ctx) });
    const current = new URL(request.url, platform.config.publicUrl);
    try {
      const result = await finishStaffSignIn(ctx, flowToken, current);
      return continueSignIn(request, reply, result, result.back);
    } catch (error) {
      if (!(error instanceof OidcSignInError)) throw error;
      request.log.warn({ err: error.cause }, `staff sign-in failed: ${error.key}`);
      return reply.page({ status: error.key === 'parties.oidc.unavailable' ? 503 : 400, title: t('parties.oidc.errorTitle'), body: oidcErrorPage(t, { key: error.key, base: base(ctx), retry: `${base(ctx)}/inloggen/oidc` }) });
    }
  });

  // ---- settings (administrators) -------------------------------------------------------------
  const settingsPath = (ctx: Context) => `${base(ctx)}/beheer/inlogdienst`;
  const oidcView = async (request: FastifyRequest, reply: FastifyReply, posted: Record<string, string> | null, issues: FieldIssue[]) => {
    const { ctx } = request;
    const t = tr(ctx);
    authorize(ctx, oidcActions.configure, { type: 'oidcProvider', municipalityId: ctx.tenant!.id });
    const provider = await findOidcProvider(platform.db, ctx.tenant!.id);
    const stored: Record<string, string> = provider ? { issuer: provider.issuer, clientId: provider.clientId, claim: provider.claim } : {};
    if (provider) for (const role of mappableRoles) stored[mappingFieldNames[role]] = provider.mapping[role].join(', ');
    const values = posted ?? stored;
    const checked = posted ? { enabled: posted.enabled === 'on', trustIdpMfa: posted.trustIdpMfa === 'on' } : { enabled: provider?.enabled ?? false, trustIdpMfa: provider?.trustIdpMfa ?? true };
    return reply.page({
      title: t('parties.oidc.title'),
      breadcrumbs: [{ href: `${base(ctx)}/beheer`, label: t('nav.admin') }, { href: settingsPath(ctx), label: t('parties.oidc.title') }],
      body: oidcSettingsPage(t, { base: base(ctx), csrf: request.csrf, callback: callbackUrl(platform, ctx.tenant!.slug), hasSecret: Boolean(provider), values, checked, errors: formErrors(t, issues, oidcLabels(t)) }),
    });
  };

  app.get('/:municipality/beheer/inlogdienst', (request, reply) => oidcView(request, reply, null, []));

  app.post('/:municipality/beheer/inlogdienst', async (request, reply) => {
    const { ctx } = request;
    const values = formBody(request);
    return handleForm(reply, {
      run: () => execute(ctx, configureOidc, values),
      success: () => reply.flashRedirect(settingsPath(ctx), 'parties.flash.oidcSaved'),
      invalid: (issues) => oidcView(request, reply, values, issues),
    });
  });
}

export function registerStrongLoginApi(api: ApiRegistry, platform: Platform): void {
  api.route({
    method: 'POST', path: '/session/second-factor', tag: 'Session',
    summary: 'Second step of signing in, after POST /session answered secondFactorRequired: a current code from the app or a recovery code (sets the session cookie).',
    body: z.object({ code: z.string() }), status: 200,
    async handler({ body }, ctx, request, reply) {
      const token = request.cookies[PENDING_COOKIE];
      try {
        const result = await completeSecondFactor(ctx, token ?? '', body, clientAddress(request));
        setSessionCookie(platform, reply, result.token);
        return { signedIn: true, personId: result.personId, strongAuth: true, recoveryCodesLeft: result.recoveryCodesLeft };
      } catch (error) {
        if (error instanceof PendingSignInExpired) throw ValidationError.field('code', 'parties.flash.secondStepExpired');
        throw error;
      }
    },
  });
}

