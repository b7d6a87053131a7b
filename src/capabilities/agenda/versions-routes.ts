import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Context, Platform } from '../../platform/context.js';
import { NotFoundError } from '../../platform/errors.js';
import { html } from '../../platform/html.js';
import { formatDateTime, translator } from '../../platform/i18n/index.js';
import { authorize } from '../../platform/service.js';
import { dataList, heading1, link, paragraph } from '../../platform/ui/components.js';
import type { NavItem } from '../../platform/ui/layout.js';
import {
  compare, compareNeedsTwoPage, comparisonBody, getVersion, renderVersionHistory, versionBody, versionNumber, versionsOf, type DocumentRef,
} from '../../platform/versions/index.js';
import { agendaAndResource } from './access.js';
import { agendaPath, agendasPath, agendaVersionsPath } from './paths.js';
import { agendaActions } from './policy.js';
import { agendaShownSections } from './render.js';
import type { Agenda } from './store.js';

/**
 * The versions of an agenda, for everyone (a version is what residents read: the concept, the
 * adopted agenda): /{slug}/wijkagendas/{id}/versies (the history), …/versies/{n} (one version,
 * its themes and ambitions as the page shows them) and …/vergelijken?van=&naar= (the difference).
 */
type Params = Record<string, string>;
const tr = (ctx: Context) => translator(ctx.locale);
const refOf = (agenda: Agenda): DocumentRef => ({ municipalityId: agenda.municipalityId, documentId: agenda.documentId });

export function registerVersionPages(app: FastifyInstance, platform: Platform): void {
  const db = platform.db;

  const loaded = async (request: FastifyRequest) => {
    const { agenda, resource } = await agendaAndResource(db, request.ctx, (request.params as Params).id!);
    authorize(request.ctx, agendaActions.view, resource);
    return agenda;
  };
  const crumbs = (ctx: Context, agenda: Agenda, ...rest: NavItem[]): NavItem[] => [
    { href: agendasPath(ctx.tenant!.slug), label: tr(ctx)('agenda.list.title') }, { href: agendaPath(ctx.tenant!.slug, agenda.id), label: agenda.title },
    { href: agendaVersionsPath(ctx.tenant!.slug, agenda.id), label: tr(ctx)('agenda.versions.crumb') }, ...rest,
  ];
  /** What a version was in the agenda's life (the concept, the adopted one), if anything. */
  const roleOf = (ctx: Context, agenda: Agenda, number: number) => {
    const t = tr(ctx);
    return number === agenda.adoptedVersion ? t('agenda.versions.adopted') : number === agenda.conceptVersion ? t('agenda.versions.concept') : null;
  };

  app.get('/:municipality/wijkagendas/:id/versies', async (request, reply) => {
    const { ctx } = request;
    const t = tr(ctx);
    const agenda = await loaded(request);
    const base = agendaVersionsPath(ctx.tenant!.slug, agenda.id);
    const versions = await versionsOf(db, refOf(agenda));
    return reply.page({
      title: t('agenda.versions.title', { title: agenda.title }),
      breadcrumbs: crumbs(ctx, agenda),
      body: html`${heading1(t('agenda.versions.title', { title: agenda.title }))}
        ${paragraph(t('agenda.versions.intro'))}
        ${renderVersionHistory(t, ctx.locale, versions, { versionHref: (n) => `${base}/${n}` })}
        ${versions.length > 1 ? paragraph(link(`${agendaPath(ctx.tenant!.slug, agenda.id)}/vergelijken`, t('agenda.versions.compare'))) : ''}
        ${paragraph(link(agendaPath(ctx.tenant!.slug, agenda.id), t('agenda.versions.toAgenda')))}`,
    });
  });

  app.get('/:municipality/wijkagendas/:id/versies/:number', async (request, reply) => {
    const { ctx } = request;
    const t = tr(ctx);
    const agenda = await loaded(request);
    const version = await getVersion(db, refOf(agenda), versionNumber((request.params as Params).number));
    if (!version) throw new NotFoundError();
    const slug = ctx.tenant!.slug;
    const title = t('agenda.versions.version', { title: version.title, number: version.number });
    const role = roleOf(ctx, agenda, version.number);
    return reply.page({
      title,
      breadcrumbs: crumbs(ctx, agenda, { href: `${agendaVersionsPath(slug, agenda.id)}/${version.number}`, label: t('versions.version', { number: version.number }) }),
      body: html`${heading1(title)}
        ${dataList([
          ...(role ? [[t('agenda.list.column.phase'), role] as [string, string]] : []),
          [t('versions.history.publishedAt'), html`<time datetime="${version.publishedAt}">${formatDateTime(ctx.locale, version.publishedAt)}</time>`],
          [t('versions.history.summary'), version.summary],
          ...(version.decisionReference ? [[t('versions.history.decision'), version.decisionReference] as [string, string]] : []),
        ])}
        ${paragraph(html`${link(agendaVersionsPath(slug, agenda.id), t('agenda.versions.crumb'))}${version.number > 1 ? html` · ${link(`${agendaPath(slug, agenda.id)}/vergelijken?van=${version.number - 1}&naar=${version.number}`, t('agenda.versions.compare'))}` : ''} · ${link(agendaPath(slug, agenda.id), t('agenda.versions.toAgenda'))}`)}
        ${versionBody(t, { id: 'inhoud', sections: agendaShownSections(t, ctx.locale, version.content) })}`,
    });
  });

  app.get('/:municipality/wijkagendas/:id/vergelijken', async (request, reply) => {
    const { ctx } = request;
    const t = tr(ctx);
    const agenda = await loaded(request);
    const versions = await versionsOf(db, refOf(agenda));
    const latest = versions[0]?.number ?? 0;
    const query = request.query as Record<string, unknown>;
    const back = { href: agendaVersionsPath(ctx.tenant!.slug, agenda.id), label: t('agenda.versions.crumb') };
    if (query.van === undefined && query.naar === undefined && latest < 2) {
      return reply.page({ title: t('versions.compare.choose'), breadcrumbs: crumbs(ctx, agenda), body: compareNeedsTwoPage(t, back) });
    }
    const first = query.van === undefined ? latest - 1 : versionNumber(query.van);
    const second = query.naar === undefined ? latest : versionNumber(query.naar);
    const [from, to] = first <= second ? [first, second] : [second, first];
    const diff = await compare(db, refOf(agenda), from, to);
    const title = t('agenda.versions.compareTitle', { from, to });
    return reply.page({
      title,
      breadcrumbs: crumbs(ctx, agenda, { href: `${agendaPath(ctx.tenant!.slug, agenda.id)}/vergelijken?van=${from}&naar=${to}`, label: title }),
      body: html`${heading1(title)}${comparisonBody(t, { base: agendaPath(ctx.tenant!.slug, agenda.id), from, to, diff, versions, historyLabel: t('agenda.versions.crumb') })}`,
    });
  });
}
