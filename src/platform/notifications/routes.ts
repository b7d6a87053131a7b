import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Context, Platform } from '../context.js';
import { html, type SafeHtml } from '../html.js';
import type { ApiRegistry } from '../http/api.js';
import { formBody, handleForm } from '../http/forms.js';
import { safeLocalPath } from '../http/server.js';
import { formatDateTime, translator, type Translate } from '../i18n/index.js';
import { authorize, execute } from '../service.js';
import { errorSummary, form, formErrors, heading1, link, paragraph, table } from '../ui/components.js';
import type { FieldIssue } from '../errors.js';
import {
  DIGEST_KIND, follow, followTargets, followsOf, isFollowing, markAllRead, notificationKinds, notificationsOf, preferencesOf, setPreferences, unfollow, unsubscribe,
} from './service.js';
import { channels } from './store.js';

const tr = (ctx: Context) => translator(ctx.locale);

function personId(ctx: Context): string {
  authorize(ctx, 'notifications.own', { type: 'notifications' });
  return (ctx.actor as { personId: string }).personId;
}

/** A follow/unfollow button for any public item, for capabilities' pages. Works without JavaScript. */
export async function followButton(ctx: Context, csrf: string, target: { type: string; id: string; name: string }, back: string): Promise<SafeHtml> {
  const t = tr(ctx);
  if (!ctx.tenant) return html``;
  if (ctx.actor.kind !== 'person') {
    return paragraph(link(`/${ctx.tenant.slug}/inloggen?terug=${encodeURIComponent(back)}`, t('notifications.follow.signIn', { name: target.name })));
  }
  const following = await isFollowing(ctx.platform.db, ctx.actor.personId, target.type, target.id);
  return html`<form method="post" action="/${ctx.tenant.slug}/${following ? 'ontvolgen' : 'volgen'}" class="ba-inline-form ba-follow">
    <input type="hidden" name="_csrf" value="${csrf}">
    <input type="hidden" name="targetType" value="${target.type}">
    <input type="hidden" name="targetId" value="${target.id}">
    <input type="hidden" name="terug" value="${back}">
    <button type="submit" class="utrecht-button utrecht-button--secondary-action">${following ? t('notifications.follow.stop', { name: target.name }) : t('notifications.follow.start', { name: target.name })}</button>
  </form>`;
}

function preferencesForm(t: Translate, base: string, csrf: string, values: Record<string, string>, errors: Record<string, string>): SafeHtml {
  const kinds = notificationKinds();
  const labels = Object.fromEntries(kinds.map((k) => [k.kind, t(k.labelKey)]));
  return html`${errorSummary(t, errors, labels)}
    ${form({ action: `${base}/mijn-account/meldingen`, csrf, submit: t('form.save'), body: kinds.map((k) => html`
      <fieldset class="utrecht-form-fieldset ba-fieldset">
        <legend class="utrecht-form-fieldset__legend">${t(k.labelKey)}</legend>
        ${channels.map((c) => html`<div class="utrecht-form-field utrecht-form-field--radio">
          <input class="utrecht-radio-button utrecht-radio-button--html-input" type="radio" id="field-${k.kind}-${c}" name="${k.kind}" value="${c}"${values[k.kind] === c ? html` checked` : ''}>
          <label class="utrecht-form-label utrecht-form-label--radio" for="field-${k.kind}-${c}">${t(`notifications.channel.${c}`)}</label>
        </div>`)}
      </fieldset>`) })}`;
}

export function registerNotificationPages(app: FastifyInstance, platform: Platform): void {
  app.get('/:municipality/meldingen', async (request, reply) => {
    const { ctx } = request;
    const t = tr(ctx);
    const person = personId(ctx);
    const items = await notificationsOf(platform.db, person, ctx.tenant!.id);
    const base = `/${ctx.tenant!.slug}`;
    return reply.page({
      title: t('notifications.title'),
      body: html`${heading1(t('notifications.title'))}
        ${paragraph(html`${link(`${base}/mijn-account/meldingen`, t('notifications.settings'))}`)}
        ${items.some((n) => !n.read_at) ? html`<form method="post" action="${base}/meldingen/gelezen" class="ba-inline-form"><input type="hidden" name="_csrf" value="${request.csrf}"><button type="submit" class="utrecht-button utrecht-button--secondary-action">${t('notifications.markRead')}</button></form>` : ''}
        ${table({
          caption: t('notifications.caption', { count: items.length }), empty: t('notifications.empty'), rows: items,
          columns: [
            { header: t('notifications.when'), cell: (n) => formatDateTime(ctx.locale, n.created_at) },
            { header: t('notifications.what'), cell: (n) => html`${n.read_at ? '' : html`<strong class="ba-tag">${t('notifications.new')}</strong> `}${link(safeLocalPath(n.url, base), n.title)}<br>${n.body}` },
          ],
        })}`,
    });
  });

  app.post('/:municipality/meldingen/gelezen', async (request, reply) => {
    await markAllRead(platform.db, personId(request.ctx));
    return reply.flashRedirect(`/${request.ctx.tenant!.slug}/meldingen`, 'notifications.flash.read');
  });

  const settingsView = async (request: FastifyRequest, reply: FastifyReply, values: Record<string, string> | null, issues: FieldIssue[]) => {
    const { ctx } = request;
    const t = tr(ctx);
    const person = personId(ctx);
    const base = `/${ctx.tenant!.slug}`;
    const current = values ?? await preferencesOf(platform.db, person);
    const follows = await followsOf(platform.db, person);
    const labels = Object.fromEntries(notificationKinds().map((k) => [k.kind, t(k.labelKey)]));
    return reply.page({
      title: t('notifications.settings'),
      breadcrumbs: [{ href: `${base}/mijn-account`, label: t('parties.account.title') }, { href: `${base}/mijn-account/meldingen`, label: t('notifications.settings') }],
      body: html`${heading1(t('notifications.settings'))}
        ${paragraph(t('notifications.settingsIntro'))}
        ${preferencesForm(t, base, request.csrf, current, formErrors(t, issues, labels))}
        <h2 class="utrecht-heading-2">${t('notifications.following')}</h2>
        ${table({
          caption: t('notifications.following'), captionHidden: true, empty: t('notifications.followingNone'), rows: follows,
          columns: [
            { header: t('notifications.followType'), cell: (f) => t(followTargets().find((x) => x.type === f.target_type)?.labelKey ?? 'notifications.title') },
            { header: t('notifications.followItem'), cell: (f) => f.target_id },
            { header: t('parties.organisations.actions'), cell: (f) => html`<form method="post" action="${base}/ontvolgen" class="ba-inline-form"><input type="hidden" name="_csrf" value="${request.csrf}"><input type="hidden" name="targetType" value="${f.target_type}"><input type="hidden" name="targetId" value="${f.target_id}"><input type="hidden" name="terug" value="${base}/mijn-account/meldingen"><button type="submit" class="utrecht-button utrecht-button--secondary-action">${t('notifications.follow.stopShort')}</button></form>` },
          ],
        })}`,
    });
  };

  app.get('/:municipality/mijn-account/meldingen', (request, reply) => settingsView(request, reply, null, []));

  app.post('/:municipality/mijn-account/meldingen', async (request, reply) => {
    const { ctx } = request;
    personId(ctx);
    const values = formBody(request);
    return handleForm(reply, {
      run: () => execute(ctx, setPreferences, values),
      success: () => reply.flashRedirect(`/${ctx.tenant!.slug}/mijn-account/meldingen`, 'parties.flash.saved'),
      invalid: (issues) => settingsView(request, reply, values, issues),
    });
  });

  for (const [path, useCase, flash] of [['volgen', follow, 'notifications.flash.following'], ['ontvolgen', unfollow, 'notifications.flash.unfollowed']] as const) {
    app.post(`/:municipality/${path}`, async (request, reply) => {
      const { ctx } = request;
      personId(ctx);
      const values = formBody(request);
      await execute(ctx, useCase, { targetType: values.targetType, targetId: values.targetId });
      return reply.flashRedirect(safeLocalPath(values.terug, `/${ctx.tenant!.slug}`), flash);
    });
  }

  // One-click unsubscribe (RFC 8058): the mail client POSTs without cookies; the signed link is the authority.
  const unsubscribeInput = (request: FastifyRequest) => {
    const q = request.query as Record<string, unknown>;
    return { personId: String(q.p ?? '').slice(0, 64), kind: String(q.k ?? '').slice(0, 60), token: String(q.t ?? '').slice(0, 100) };
  };
  app.get('/afmelden', async (request, reply) => {
    const t = tr(request.ctx);
    const input = unsubscribeInput(request);
    const query = new URLSearchParams({ p: input.personId, k: input.kind, t: input.token }).toString();
    return reply.page({
      title: t('notifications.unsubscribe.title'),
      body: html`${heading1(t('notifications.unsubscribe.title'))}
        ${paragraph(input.kind === DIGEST_KIND ? t('notifications.unsubscribe.digest') : t('notifications.unsubscribe.kind'))}
        <form method="post" action="/afmelden?${query}"><button type="submit" class="utrecht-button utrecht-button--primary-action">${t('notifications.unsubscribe.confirm')}</button></form>`,
    });
  });
  app.post('/afmelden', { config: { csrf: false } }, async (request, reply) => {
    const t = tr(request.ctx);
    const ok = await unsubscribe(platform, unsubscribeInput(request));
    return reply.code(ok ? 200 : 400).page({ title: t('notifications.unsubscribe.title'), body: html`${heading1(t('notifications.unsubscribe.title'))}${paragraph(t(ok ? 'notifications.unsubscribe.done' : 'notifications.unsubscribe.invalid'))}` });
  });
}

const itemOut = z.object({ id: z.string(), kind: z.string(), title: z.string(), body: z.string(), url: z.string(), createdAt: z.string(), read: z.boolean() });

export function registerNotificationApi(api: ApiRegistry, platform: Platform): void {
  const m = z.object({ municipality: z.string().max(60) });
  api.route({
    method: 'GET', path: '/:municipality/notifications', tag: 'Notifications', summary: 'My notifications (signed in).', params: m,
    response: z.object({ items: z.array(itemOut) }),
    async handler(_input, ctx) {
      const rows = await notificationsOf(platform.db, personId(ctx), ctx.tenant!.id);
      return { items: rows.map((n) => ({ id: n.id, kind: n.kind, title: n.title, body: n.body, url: n.url, createdAt: n.created_at, read: n.read_at !== null })) };
    },
  });
  api.route({
    method: 'GET', path: '/:municipality/notification-preferences', tag: 'Notifications', summary: 'My mail preferences per kind: immediately, daily or never.', params: m,
    async handler(_input, ctx) { return preferencesOf(platform.db, personId(ctx)); },
  });
  api.route({
    method: 'PUT', path: '/:municipality/notification-preferences', tag: 'Notifications', summary: 'Change my mail preferences.', params: m, body: z.record(z.string(), z.unknown()), status: 200,
    async handler({ body }, ctx) { personId(ctx); await execute(ctx, setPreferences, body); return preferencesOf(platform.db, personId(ctx)); },
  });
  const followBody = z.object({ targetType: z.string(), targetId: z.string() });
  api.route({
    method: 'POST', path: '/:municipality/follows', tag: 'Notifications', summary: 'Follow a public item (an area, an organisation, …).', params: m, body: followBody,
    async handler({ body }, ctx) { personId(ctx); return execute(ctx, follow, body); },
  });
  api.route({
    method: 'DELETE', path: '/:municipality/follows/:targetType/:targetId', tag: 'Notifications', summary: 'Stop following an item.',
    params: m.extend({ targetType: z.string().max(40), targetId: z.string().max(64) }),
    async handler({ params }, ctx) { personId(ctx); await execute(ctx, unfollow, { targetType: params.targetType, targetId: params.targetId }); return undefined; },
  });
}
