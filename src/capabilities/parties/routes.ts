import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Context, Platform } from '../../platform/context.js';
import { NotFoundError } from '../../platform/errors.js';
import { html } from '../../platform/html.js';
import { clientAddress, formBody, handleForm } from '../../platform/http/forms.js';
import type { ApiRegistry } from '../../platform/http/api.js';
import { SESSION_COOKIE, endSession } from '../../platform/http/sessions.js';
import { safeLocalPath } from '../../platform/http/server.js';
import { translator } from '../../platform/i18n/index.js';
import { followButton } from '../../platform/notifications/index.js';
import { renderComments } from '../../platform/comments/index.js';
import { allowed, authorize, execute } from '../../platform/service.js';
import { formErrors, link, paragraph } from '../../platform/ui/components.js';
import { organisationCategories, organisationKinds, residentKinds, duties } from './model.js';
import { accountPage, forgotPage, loginPage, messagePage, registerPage, resetPage } from './pages/account.js';
import { organisationForm, organisationListPage, organisationPage } from './pages/organisations.js';
import { rolesPage } from './pages/roles.js';
import { accountSecondFactorSection, continueSignIn, setPendingCookie, setSessionCookie, staffSignInOffer } from './auth-routes.js';
import {
  addMember, createOrganisation, erase, grantRole, login, register, removeMember, requestPasswordReset, resetPassword,
  organisationResource, revokeRole, updateOrganisation, updateProfile, verifyEmail,
} from './service.js';
import { findOrganisation, findPerson, listGrants, listMembers, listOrganisations } from './store.js';

const base = (ctx: Context) => `/${ctx.tenant!.slug}`;
const tr = (ctx: Context) => translator(ctx.locale);
type Params = { municipality: string; id?: string; membershipId?: string; grantId?: string };


function requirePerson(ctx: Context) {
  if (ctx.actor.kind !== 'person') authorize(ctx, 'person.update', { type: 'person', ownerId: '__nobody__' });
  return ctx.actor as Extract<Context['actor'], { kind: 'person' }>;
}

const orgResource = (ctx: Context, id: string) => organisationResource(ctx.platform.db, ctx, id);

function creatableKinds(ctx: Context): string[] {
  return organisationKinds.filter((kind) => allowed(ctx, 'organisation.create', { type: 'organisation', municipalityId: ctx.tenant!.id, kind }));
}

export function registerPartiesPages(app: FastifyInstance, platform: Platform): void {
  // ---- sign in, register, reset ------------------------------------------------
  app.get('/:municipality/inloggen', async (request, reply) => {
    const { ctx } = request;
    const back = safeLocalPath((request.query as Record<string, unknown>).terug, base(ctx));
    return reply.page({ title: tr(ctx)('parties.login.title'), body: loginPage(tr(ctx), base(ctx), request.csrf, {}, {}, back, await staffSignInOffer(ctx, back)) });
  });

  app.post('/:municipality/inloggen', async (request, reply) => {
    const { ctx } = request;
    const t = tr(ctx);
    const values = formBody(request);
    const back = safeLocalPath((request.query as Record<string, unknown>).terug, base(ctx));
    return handleForm(reply, {
      run: () => login(ctx, values, clientAddress(request)),
      // A second factor, or the need for one, may come first (auth-routes.ts).
      success: (result) => continueSignIn(request, reply, result, back),
      invalid: async (issues) => reply.page({ title: t('parties.login.title'), body: loginPage(t, base(ctx), request.csrf, { email: values.email ?? '' }, formErrors(t, issues, { email: t('parties.field.email'), password: t('parties.field.password') }), back, await staffSignInOffer(ctx, back)) }),
    });
  });

  app.post('/:municipality/uitloggen', async (request, reply) => {
    if (request.sessionToken) await endSession(platform.db, request.sessionToken);
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return reply.flashRedirect(base(request.ctx), 'parties.flash.loggedOut');
  });

  app.get('/:municipality/registreren', async (request, reply) => {
    const t = tr(request.ctx);
    return reply.page({ title: t('parties.register.title'), body: registerPage(t, base(request.ctx), request.csrf, {}, {}) });
  });

  app.post('/:municipality/registreren', async (request, reply) => {
    const { ctx } = request;
    const t = tr(ctx);
    const values = formBody(request);
    return handleForm(reply, {
      run: () => register(ctx, { ...values, locale: ctx.locale }),
      success: () => reply.page({ title: t('parties.register.doneTitle'), body: messagePage(t, 'parties.register.doneTitle', 'parties.register.doneBody') }),
      invalid: (issues) => reply.page({ title: t('parties.register.title'), body: registerPage(t, base(ctx), request.csrf, { displayName: values.displayName ?? '', email: values.email ?? '' }, formErrors(t, issues, { displayName: t('parties.field.displayName'), email: t('parties.field.email'), password: t('parties.field.newPassword') })) }),
    });
  });

  app.get('/:municipality/email-bevestigen', async (request, reply) => {
    const { ctx } = request;
    const t = tr(ctx);
    return handleForm(reply, {
      run: () => execute(ctx, verifyEmail, { token: String((request.query as Record<string, unknown>).token ?? '') }),
      success: () => reply.page({ title: t('parties.verify.doneTitle'), body: messagePage(t, 'parties.verify.doneTitle', 'parties.verify.doneBody', { href: `${base(ctx)}/inloggen`, label: t('nav.login') }) }),
      invalid: () => reply.page({ title: t('parties.tokenInvalidTitle'), body: messagePage(t, 'parties.tokenInvalidTitle', 'parties.tokenInvalid', { href: `${base(ctx)}/wachtwoord-vergeten`, label: t('parties.forgot.title') }) }),
    });
  });

  app.get('/:municipality/wachtwoord-vergeten', async (request, reply) => {
    const t = tr(request.ctx);
    return reply.page({ title: t('parties.forgot.title'), body: forgotPage(t, base(request.ctx), request.csrf, {}, {}) });
  });

  app.post('/:municipality/wachtwoord-vergeten', async (request, reply) => {
    const { ctx } = request;
    const t = tr(ctx);
    const values = formBody(request);
    return handleForm(reply, {
      run: () => requestPasswordReset(ctx, values),
      success: () => reply.page({ title: t('parties.forgot.doneTitle'), body: messagePage(t, 'parties.forgot.doneTitle', 'parties.forgot.doneBody') }),
      invalid: (issues) => reply.page({ title: t('parties.forgot.title'), body: forgotPage(t, base(ctx), request.csrf, values, formErrors(t, issues, { email: t('parties.field.email') })) }),
    });
  });

  app.get('/:municipality/wachtwoord-herstellen', async (request, reply) => {
    const t = tr(request.ctx);
    const token = String((request.query as Record<string, unknown>).token ?? '').slice(0, 100);
    return reply.page({ title: t('parties.reset.title'), body: resetPage(t, base(request.ctx), request.csrf, token, {}) });
  });

  app.post('/:municipality/wachtwoord-herstellen', async (request, reply) => {
    const { ctx } = request;
    const t = tr(ctx);
    const values = formBody(request);
    return handleForm(reply, {
      run: () => execute(ctx, resetPassword, values),
      success: () => reply.flashRedirect(`${base(ctx)}/inloggen`, 'parties.flash.passwordReset'),
      invalid: (issues) => reply.page({ title: t('parties.reset.title'), body: resetPage(t, base(ctx), request.csrf, values.token ?? '', formErrors(t, issues, { password: t('parties.field.newPassword'), token: t('parties.field.token') })) }),
    });
  });

  // ---- my account --------------------------------------------------------------
  const accountView = async (request: FastifyRequest, reply: FastifyReply, values: Record<string, string>, issues: Parameters<typeof formErrors>[1]) => {
    const { ctx } = request;
    const t = tr(ctx);
    const actor = requirePerson(ctx);
    const person = (await findPerson(platform.db, actor.personId))!;
    const memberships = ctx.actor.kind === 'person' ? ctx.actor.memberships.filter((m) => m.municipalityId === ctx.tenant!.id) : [];
    const orgs = await Promise.all(memberships.map(async (m) => ({ m, org: await findOrganisation(platform.db, ctx.tenant!.id, m.organisationId) })));
    const extra = html`${await accountSecondFactorSection(ctx)}
      ${paragraph(link(`${base(ctx)}/mijn-account/meldingen`, t('notifications.settings')))}
      ${paragraph(link(`${base(ctx)}/mijn-account/gegevens`, t('parties.privacy.title')))}
      <h2 class="utrecht-heading-2">${t('parties.account.memberships')}</h2>
      ${orgs.length ? html`<ul class="utrecht-unordered-list">${orgs.map(({ m, org }) => html`<li>${link(`${base(ctx)}/organisaties/${m.organisationId}`, org?.name ?? '?')} — ${t(`parties.duty.${m.duty}`)}</li>`)}</ul>` : paragraph(t('parties.account.noMemberships'))}`;
    return reply.page({ title: t('parties.account.title'), body: accountPage(t, base(ctx), request.csrf, person, values, formErrors(t, issues, { displayName: t('parties.field.displayName'), locale: t('parties.field.locale') }), extra) });
  };

  app.get('/:municipality/mijn-account', (request, reply) => accountView(request, reply, {}, []));

  app.post('/:municipality/mijn-account', async (request, reply) => {
    const { ctx } = request;
    const actor = requirePerson(ctx);
    const values = formBody(request);
    return handleForm(reply, {
      run: () => execute(ctx, updateProfile, { ...values, personId: actor.personId }),
      success: () => { reply.setCookie('ba_lang', values.locale === 'en' ? 'en' : 'nl', { path: '/', httpOnly: true, sameSite: 'lax', maxAge: 365 * 86400 }); return reply.flashRedirect(`${base(ctx)}/mijn-account`, 'parties.flash.saved'); },
      invalid: (issues) => accountView(request, reply, values, issues),
    });
  });

  app.post('/:municipality/mijn-account/verwijderen', async (request, reply) => {
    const { ctx } = request;
    const actor = requirePerson(ctx);
    await erase(ctx, actor.personId);
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return reply.flashRedirect(base(ctx), 'parties.flash.erased');
  });

  // ---- organisations -----------------------------------------------------------
  app.get('/:municipality/organisaties', async (request, reply) => {
    const { ctx } = request;
    const t = tr(ctx);
    const query = request.query as Record<string, unknown>;
    const category = typeof query.soort === 'string' && query.soort in organisationCategories ? query.soort : undefined;
    const q = typeof query.q === 'string' ? query.q.slice(0, 100) : undefined;
    const orgs = await listOrganisations(platform.db, ctx.tenant!.id, { kinds: category ? organisationCategories[category] : undefined, query: q || undefined });
    const canCreate = ctx.actor.kind === 'person' && creatableKinds(ctx).length > 0;
    return reply.page({ title: t('parties.organisations.title'), body: organisationListPage(t, base(ctx), orgs, { category, q }, canCreate) });
  });

  const newOrgView = async (request: FastifyRequest, reply: FastifyReply, values: Record<string, string>, issues: Parameters<typeof formErrors>[1]) => {
    const { ctx } = request;
    const t = tr(ctx);
    const kinds = creatableKinds(ctx);
    if (kinds.length === 0) authorize(ctx, 'organisation.create', { type: 'organisation', municipalityId: ctx.tenant!.id, kind: residentKinds[0] });
    const parents = await listOrganisations(platform.db, ctx.tenant!.id);
    const labels = { kind: t('parties.field.kind'), name: t('parties.field.name'), description: t('parties.field.description'), areaCode: t('parties.field.areaCode'), parentId: t('parties.field.parent'), email: t('parties.field.orgEmail'), website: t('parties.field.website') };
    return reply.page({ title: t('parties.organisations.new'), breadcrumbs: [{ href: `${base(ctx)}/organisaties`, label: t('parties.organisations.title') }, { href: `${base(ctx)}/organisaties/nieuw`, label: t('parties.organisations.new') }],
      body: organisationForm(t, { action: `${base(ctx)}/organisaties/nieuw`, csrf: request.csrf, values, errors: formErrors(t, issues, labels), kinds, parents, title: t('parties.organisations.new'), submit: t('parties.organisations.create') }) });
  };

  app.get('/:municipality/organisaties/nieuw', (request, reply) => {
    if (request.ctx.actor.kind === 'anonymous') authorize(request.ctx, 'organisation.create', { type: 'organisation', municipalityId: request.ctx.tenant!.id, kind: 'municipal_department' });
    return newOrgView(request, reply, {}, []);
  });

  app.post('/:municipality/organisaties/nieuw', async (request, reply) => {
    const { ctx } = request;
    const values = formBody(request);
    return handleForm(reply, {
      run: () => execute(ctx, createOrganisation, values),
      success: ({ id }) => reply.flashRedirect(`${base(ctx)}/organisaties/${id}`, 'parties.flash.organisationCreated'),
      invalid: (issues) => newOrgView(request, reply, values, issues),
    });
  });

  const orgView = async (request: FastifyRequest, reply: FastifyReply, values: Record<string, string>, issues: Parameters<typeof formErrors>[1]) => {
    const { ctx } = request;
    const t = tr(ctx);
    const { id } = request.params as Params;
    const { org, resource } = await orgResource(ctx, id!);
    authorize(ctx, 'organisation.view', resource);
    const [members, parent, children] = await Promise.all([
      listMembers(platform.db, org.id),
      org.parent_id ? findOrganisation(platform.db, ctx.tenant!.id, org.parent_id) : Promise.resolve(undefined),
      platform.db.selectFrom('organisations').selectAll().where('municipality_id', '=', ctx.tenant!.id).where('parent_id', '=', org.id).orderBy('name').execute(),
    ]);
    return reply.page({
      title: org.name,
      breadcrumbs: [{ href: `${base(ctx)}/organisaties`, label: t('parties.organisations.title') }, { href: `${base(ctx)}/organisaties/${org.id}`, label: org.name }],
      body: organisationPage(t, {
        base: base(ctx), csrf: request.csrf, org, parent: parent ?? null, children, members, memberCount: new Set(members.map((m) => m.person_id)).size,
        canEdit: allowed(ctx, 'organisation.update', resource), canManage: allowed(ctx, 'membership.manage', resource), seeAll: allowed(ctx, 'membership.viewAll', resource),
        values, errors: formErrors(t, issues, { email: t('parties.field.memberEmail'), duty: t('parties.field.duty') }),
        follow: await followButton(ctx, request.csrf, { type: 'organisation', id: org.id, name: org.name }, `${base(ctx)}/organisaties/${org.id}`),
        comments: await renderComments(ctx, { type: 'organisation', id: org.id }, { csrf: request.csrf, back: `${base(ctx)}/organisaties/${org.id}` }),
      }),
    });
  };

  app.get('/:municipality/organisaties/:id', (request, reply) => orgView(request, reply, {}, []));

  const editOrgView = async (request: FastifyRequest, reply: FastifyReply, values: Record<string, string> | null, issues: Parameters<typeof formErrors>[1]) => {
    const { ctx } = request;
    const t = tr(ctx);
    const { id } = request.params as Params;
    const { org, resource } = await orgResource(ctx, id!);
    authorize(ctx, 'organisation.update', resource);
    const parents = (await listOrganisations(platform.db, ctx.tenant!.id)).filter((p) => p.id !== org.id);
    const current = values ?? { kind: org.kind, name: org.name, description: org.description ?? '', areaCode: org.area_code ?? '', parentId: org.parent_id ?? '', email: org.email ?? '', website: org.website ?? '' };
    const kinds = allowed(ctx, 'organisation.create', { ...resource, kind: 'municipal_department' }) ? organisationKinds : [...new Set([org.kind, ...creatableKinds(ctx)])];
    const labels = { kind: t('parties.field.kind'), name: t('parties.field.name'), description: t('parties.field.description'), areaCode: t('parties.field.areaCode'), parentId: t('parties.field.parent'), email: t('parties.field.orgEmail'), website: t('parties.field.website') };
    return reply.page({ title: t('parties.organisations.edit'), breadcrumbs: [{ href: `${base(ctx)}/organisaties`, label: t('parties.organisations.title') }, { href: `${base(ctx)}/organisaties/${org.id}`, label: org.name }],
      body: organisationForm(t, { action: `${base(ctx)}/organisaties/${org.id}/bewerken`, csrf: request.csrf, values: current, errors: formErrors(t, issues, labels), kinds, parents, title: t('parties.organisations.editTitle', { name: org.name }), submit: t('form.save') }) });
  };

  app.get('/:municipality/organisaties/:id/bewerken', (request, reply) => editOrgView(request, reply, null, []));

  app.post('/:municipality/organisaties/:id/bewerken', async (request, reply) => {
    const { ctx } = request;
    const { id } = request.params as Params;
    const values = formBody(request);
    return handleForm(reply, {
      run: () => execute(ctx, updateOrganisation, { ...values, id }),
      success: () => reply.flashRedirect(`${base(ctx)}/organisaties/${id}`, 'parties.flash.saved'),
      invalid: (issues) => editOrgView(request, reply, values, issues),
    });
  });

  app.post('/:municipality/organisaties/:id/leden', async (request, reply) => {
    const { ctx } = request;
    const { id } = request.params as Params;
    const values = formBody(request);
    return handleForm(reply, {
      run: () => execute(ctx, addMember, { ...values, organisationId: id }),
      success: () => reply.flashRedirect(`${base(ctx)}/organisaties/${id}`, 'parties.flash.memberAdded'),
      invalid: (issues) => orgView(request, reply, values, issues),
    });
  });

  app.post('/:municipality/organisaties/:id/leden/:membershipId/verwijderen', async (request, reply) => {
    const { ctx } = request;
    const { id, membershipId } = request.params as Params;
    await execute(ctx, removeMember, { organisationId: id, membershipId });
    return reply.flashRedirect(`${base(ctx)}/organisaties/${id}`, 'parties.flash.memberRemoved');
  });

  // ---- roles (administrators) -------------------------------------------------------
  const rolesView = async (request: FastifyRequest, reply: FastifyReply, values: Record<string, string>, issues: Parameters<typeof formErrors>[1]) => {
    const { ctx } = request;
    const t = tr(ctx);
    authorize(ctx, 'role.view', { type: 'role', municipalityId: ctx.tenant!.id });
    const grants = await listGrants(platform.db, ctx.tenant!.id);
    const labels = { email: t('parties.field.email'), role: t('parties.field.role'), scopeType: t('parties.field.scopeType'), scopeId: t('parties.field.scopeId') };
    return reply.page({ title: t('parties.roles.title'), breadcrumbs: [{ href: `${base(ctx)}/beheer`, label: t('nav.admin') }, { href: `${base(ctx)}/beheer/rollen`, label: t('parties.roles.title') }],
      body: rolesPage(t, ctx.locale, { base: base(ctx), csrf: request.csrf, grants, values, errors: formErrors(t, issues, labels), municipalityName: ctx.tenant!.name }) });
  };

  app.get('/:municipality/beheer/rollen', (request, reply) => rolesView(request, reply, {}, []));

  app.post('/:municipality/beheer/rollen', async (request, reply) => {
    const { ctx } = request;
    const values = formBody(request);
    return handleForm(reply, {
      run: () => execute(ctx, grantRole, values),
      success: () => reply.flashRedirect(`${base(ctx)}/beheer/rollen`, 'parties.flash.roleGranted'),
      invalid: (issues) => rolesView(request, reply, values, issues),
    });
  });

  app.post('/:municipality/beheer/rollen/:grantId/intrekken', async (request, reply) => {
    const { ctx } = request;
    const { grantId } = request.params as Params;
    await execute(ctx, revokeRole, { grantId });
    return reply.flashRedirect(`${base(ctx)}/beheer/rollen`, 'parties.flash.roleRevoked');
  });
}

// ---- JSON API -------------------------------------------------------------------------
const municipalityParam = z.object({ municipality: z.string().max(60) });
const orgParams = municipalityParam.extend({ id: z.string().max(64) });
const organisationOut = z.object({ id: z.string(), kind: z.enum(organisationKinds), name: z.string(), description: z.string().nullable(), areaCode: z.string().nullable(), parentId: z.string().nullable(), email: z.string().nullable(), website: z.string().nullable() });

function orgJson(o: { id: string; kind: string; name: string; description: string | null; area_code: string | null; parent_id: string | null; email: string | null; website: string | null }) {
  return { id: o.id, kind: o.kind, name: o.name, description: o.description, areaCode: o.area_code, parentId: o.parent_id, email: o.email, website: o.website };
}

export function registerPartiesApi(api: ApiRegistry, platform: Platform): void {
  api.route({
    method: 'GET', path: '/session', tag: 'Session', summary: 'Who is signed in, and the CSRF token for state-changing requests.',
    response: z.object({ signedIn: z.boolean(), person: z.object({ id: z.string(), displayName: z.string() }).nullable(), strongAuth: z.boolean(), csrfToken: z.string() }),
    async handler(_input, ctx, request) {
      return { signedIn: ctx.actor.kind === 'person', person: ctx.actor.kind === 'person' ? { id: ctx.actor.personId, displayName: ctx.actor.displayName } : null, strongAuth: ctx.actor.kind === 'person' && ctx.actor.strongAuth, csrfToken: request.csrf };
    },
  });
  api.route({
    method: 'POST', path: '/session', tag: 'Session',
    summary: 'Sign in with e-mail and password (sets the session cookie). For an account with a second factor the answer is secondFactorRequired: then POST /session/second-factor with a code.',
    body: z.object({ email: z.string(), password: z.string() }), status: 200,
    async handler({ body }, ctx, request, reply) {
      const { token, personId, secondFactorRequired } = await login(ctx, body, clientAddress(request));
      if (secondFactorRequired) {
        setPendingCookie(platform, reply, token);
        return { signedIn: false, secondFactorRequired: true };
      }
      setSessionCookie(platform, reply, token);
      return { signedIn: true, personId, secondFactorRequired: false };
    },
  });
  api.route({
    method: 'DELETE', path: '/session', tag: 'Session', summary: 'Sign out.',
    async handler(_input, _ctx, request, reply) {
      if (request.sessionToken) await endSession(platform.db, request.sessionToken);
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return undefined;
    },
  });
  api.route({
    method: 'GET', path: '/:municipality/organisations', tag: 'Organisations', summary: 'Organisations of a municipality.',
    params: municipalityParam, query: z.object({ kind: z.enum(organisationKinds).optional(), q: z.string().max(100).optional(), limit: z.coerce.number().int().min(1).max(500).optional(), offset: z.coerce.number().int().min(0).optional() }),
    response: z.object({ items: z.array(organisationOut) }),
    async handler({ query }, ctx) {
      authorize(ctx, 'organisation.view', { type: 'organisation', municipalityId: ctx.tenant!.id });
      const rows = await listOrganisations(platform.db, ctx.tenant!.id, { kinds: query.kind ? [query.kind] : undefined, query: query.q, limit: query.limit, offset: query.offset });
      return { items: rows.map(orgJson) };
    },
  });
  api.route({
    method: 'POST', path: '/:municipality/organisations', tag: 'Organisations', summary: 'Register an organisation.',
    params: municipalityParam, body: z.record(z.string(), z.unknown()), response: organisationOut,
    async handler({ body }, ctx) {
      const { id } = await execute(ctx, createOrganisation, body);
      return orgJson((await findOrganisation(platform.db, ctx.tenant!.id, id))!);
    },
  });
  api.route({
    method: 'GET', path: '/:municipality/organisations/:id', tag: 'Organisations', summary: 'One organisation with its board (and all members for those allowed to see them).',
    params: orgParams,
    async handler({ params }, ctx) {
      const { org, resource } = await orgResource(ctx, params.id);
      authorize(ctx, 'organisation.view', resource);
      const seeAll = allowed(ctx, 'membership.viewAll', resource);
      const members = (await listMembers(platform.db, org.id)).filter((m) => seeAll || ['chair', 'secretary', 'treasurer', 'board_member', 'audit_committee_member'].includes(m.duty));
      return { ...orgJson(org), members: members.map((m) => ({ id: m.id, name: m.display_name, duty: m.duty })) };
    },
  });
  api.route({
    method: 'PUT', path: '/:municipality/organisations/:id', tag: 'Organisations', summary: 'Change an organisation (all fields).',
    params: orgParams, body: z.record(z.string(), z.unknown()), response: organisationOut,
    async handler({ params, body }, ctx) {
      await execute(ctx, updateOrganisation, { ...body, id: params.id });
      return orgJson((await findOrganisation(platform.db, ctx.tenant!.id, params.id))!);
    },
  });
  api.route({
    method: 'POST', path: '/:municipality/organisations/:id/members', tag: 'Organisations', summary: 'Add a member by e-mail address of an existing account.',
    params: orgParams, body: z.object({ email: z.string(), duty: z.enum(duties) }).loose(),
    async handler({ params, body }, ctx) {
      return execute(ctx, addMember, { ...body, organisationId: params.id });
    },
  });
  api.route({
    method: 'DELETE', path: '/:municipality/organisations/:id/members/:membershipId', tag: 'Organisations', summary: 'Remove a membership.',
    params: orgParams.extend({ membershipId: z.string().max(64) }),
    async handler({ params }, ctx) {
      await execute(ctx, removeMember, { organisationId: params.id, membershipId: params.membershipId });
      return undefined;
    },
  });
  api.route({
    method: 'GET', path: '/:municipality/roles', tag: 'Roles', summary: 'Role grants in a municipality (administrators).',
    params: municipalityParam,
    async handler(_input, ctx) {
      authorize(ctx, 'role.view', { type: 'role', municipalityId: ctx.tenant!.id });
      const grants = await listGrants(platform.db, ctx.tenant!.id);
      return { items: grants.map((g) => ({ id: g.id, personId: g.person_id, name: g.display_name, role: g.role, scopeType: g.scope_type, scopeId: g.scope_id, grantedAt: g.granted_at })) };
    },
  });
  api.route({
    method: 'POST', path: '/:municipality/roles', tag: 'Roles', summary: 'Grant a role to the account with this e-mail address.',
    params: municipalityParam, body: z.record(z.string(), z.unknown()),
    async handler({ body }, ctx) {
      return execute(ctx, grantRole, body);
    },
  });
  api.route({
    method: 'DELETE', path: '/:municipality/roles/:grantId', tag: 'Roles', summary: 'Revoke a role grant.',
    params: municipalityParam.extend({ grantId: z.string().max(64) }),
    async handler({ params }, ctx) {
      await execute(ctx, revokeRole, { grantId: params.grantId });
      return undefined;
    },
  });
}
