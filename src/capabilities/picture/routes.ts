import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Context, Platform } from '../../platform/context.js';
import { sendDocument } from '../../platform/documents/index.js';
import { NotFoundError, type FieldIssue } from '../../platform/errors.js';
import { formBody, handleForm } from '../../platform/http/forms.js';
import { translator } from '../../platform/i18n/index.js';
import { allowed, authorize, execute } from '../../platform/service.js';
import { formErrors } from '../../platform/ui/components.js';
import type { NavItem } from '../../platform/ui/layout.js';
import {
  compareNeedsTwoPage, conflictStatus, conflictsOnForm, diffVersions, emptyContent, draftFromForm, getVersion, versionNumber, versionsOf, type DocumentContent, type DocumentVersion,
} from '../../platform/versions/index.js';
import { areaCrumbs } from '../areas/index.js';
import { editorSections, MAX_EXTRA_SECTIONS, splitContent, STANDARD_FREE_SECTIONS, yearOf } from './model.js';
import { liveContent, localizedContent, partContext, type PartContext, type PictureArea } from './parts.js';
import {
  comparePath, editPicturePage, noPicturePage, pictureComparePage, pictureHistoryPage, pictureLabels, picturePaths, pictureVersionPage,
  reviewPicturePage, versionPath, versionSections, type DraftFormValues,
} from './pages/picture.js';
import { pictureActions as actions } from './policy.js';
import { assembledDraft, discardPictureDraft, pictureArea, pictureOf, pictureResourceOf, publishPicture, refOf, savePictureDraft } from './service.js';

/**
 * Pages of an area's neighbourhood picture. Public: /{slug}/gebieden/{code}/wijkbeeld (the latest
 * published version), …/versies, …/versies/{n}, …/vergelijken?van=&naar=, and the print page and
 * PDF of a version (…/document, …/document.pdf). Editors (signed in, see policy.ts):
 * …/wijkbeeld/bewerken (the free sections of the draft), …/publiceren (what publishing would
 * change, and publish), …/concept-weggooien.
 */
const tr = (ctx: Context) => translator(ctx.locale);

/** Two versions (or the latest and the assembled draft) compared in the reader's language. */
export function localizedDiff(c: PartContext, before: { title: string; content: DocumentContent }, after: { title: string; content: DocumentContent }) {
  return diffVersions({ title: before.title, content: localizedContent(before.content, c) }, { title: after.title, content: localizedContent(after.content, c) });
}

export function registerPicturePages(app: FastifyInstance, platform: Platform): void {
  const db = platform.db;

  const areaOf = async (request: FastifyRequest): Promise<PictureArea> => {
    const { ctx } = request;
    const area = await pictureArea(db, ctx.tenant!, (request.params as { code: string }).code, tr(ctx));
    if (!area) throw new NotFoundError();
    return area;
  };
  const contextOf = (ctx: Context, area: PictureArea) => partContext(ctx.locale, ctx.tenant!.slug, area.code);
  const canEdit = async (ctx: Context, area: PictureArea) => ctx.actor.kind === 'person' && allowed(ctx, actions.edit, await pictureResourceOf(db, ctx.tenant!, area));
  const crumbs = (ctx: Context, area: PictureArea, ...rest: NavItem[]) =>
    areaCrumbs(ctx, area, { href: picturePaths(ctx.tenant!.slug, area.code).base, label: tr(ctx)('picture.title') }, ...rest);

  /** A published version of the area's picture as it may be shown now (see liveContent), or 404. */
  const publishedVersion = async (ctx: Context, area: PictureArea, number: number | 'latest'): Promise<{ version: DocumentVersion; latest: number }> => {
    const document = await pictureOf(db, ctx.tenant!.id, area.code);
    const latest = document?.publishedVersion ?? null;
    const version = document && latest ? await getVersion(db, refOf(document), number === 'latest' ? latest : number) : null;
    if (!version || !latest) throw new NotFoundError();
    return { version: { ...version, content: await liveContent(db, ctx.tenant!, area.code, version.content) }, latest };
  };

  const showVersion = async (request: FastifyRequest, reply: FastifyReply, number: number | 'latest') => {
    const { ctx } = request;
    const area = await areaOf(request);
    authorize(ctx, actions.view, { type: 'picture', municipalityId: ctx.tenant!.id, areaPath: area.path });
    const t = tr(ctx);
    const paths = picturePaths(ctx.tenant!.slug, area.code);
    if (number === 'latest' && !(await pictureOf(db, ctx.tenant!.id, area.code))?.publishedVersion) {
      return reply.page({ title: t('picture.defaultTitle', { area: area.title }), breadcrumbs: crumbs(ctx, area), body: noPicturePage(t, { paths, areaTitle: area.title, canEdit: await canEdit(ctx, area) }) });
    }
    const { version, latest } = await publishedVersion(ctx, area, number);
    return reply.page({
      title: number === 'latest' ? version.title : t('picture.version.title', { title: version.title, number: version.number }),
      breadcrumbs: number === 'latest' ? crumbs(ctx, area) : crumbs(ctx, area, { href: versionPath(paths, version.number), label: t('versions.version', { number: version.number }) }),
      body: pictureVersionPage(contextOf(ctx, area), { paths, areaTitle: area.title, version, year: yearOf(version.content), latest, canEdit: await canEdit(ctx, area) }),
    });
  };

  app.get('/:municipality/gebieden/:code/wijkbeeld', (request, reply) => showVersion(request, reply, 'latest'));
  app.get('/:municipality/gebieden/:code/wijkbeeld/versies/:number', (request, reply) =>
    showVersion(request, reply, versionNumber((request.params as { number: string }).number)));

  app.get('/:municipality/gebieden/:code/wijkbeeld/versies', async (request, reply) => {
    const { ctx } = request;
    const area = await areaOf(request);
    const t = tr(ctx);
    const document = await pictureOf(db, ctx.tenant!.id, area.code);
    const paths = picturePaths(ctx.tenant!.slug, area.code);
    return reply.page({
      title: t('picture.history.title', { area: area.title }),
      breadcrumbs: crumbs(ctx, area, { href: `${paths.base}/versies`, label: t('picture.page.history') }),
      body: pictureHistoryPage(contextOf(ctx, area), { paths, areaTitle: area.title, versions: document ? await versionsOf(db, refOf(document)) : [] }),
    });
  });

  app.get('/:municipality/gebieden/:code/wijkbeeld/vergelijken', async (request, reply) => {
    const { ctx } = request;
    const area = await areaOf(request);
    const t = tr(ctx);
    const { latest } = await publishedVersion(ctx, area, 'latest');
    const query = request.query as Record<string, unknown>;
    const paths = picturePaths(ctx.tenant!.slug, area.code);
    if (query.van === undefined && query.naar === undefined && latest === 1) {
      return reply.page({ title: t('versions.compare.choose'), breadcrumbs: crumbs(ctx, area), body: compareNeedsTwoPage(t, { href: paths.base, label: t('picture.page.toCurrent') }) });
    }
    const first = query.van === undefined ? latest - 1 : versionNumber(query.van);
    const second = query.naar === undefined ? latest : versionNumber(query.naar);
    const [from, to] = first <= second ? [first, second] : [second, first];
    const [before, after] = await Promise.all([publishedVersion(ctx, area, from), publishedVersion(ctx, area, to)]);
    const document = (await pictureOf(db, ctx.tenant!.id, area.code))!;
    return reply.page({
      title: t('picture.compare.title', { from, to }),
      breadcrumbs: crumbs(ctx, area, { href: comparePath(paths, from, to), label: t('picture.compare.title', { from, to }) }),
      body: pictureComparePage(t, { paths, from, to, diff: localizedDiff(contextOf(ctx, area), before.version, after.version), versions: await versionsOf(db, refOf(document)) }),
    });
  });

  // ---- print page and PDF ----------------------------------------------------------------------
  const sendVersion = async (request: FastifyRequest, reply: FastifyReply, format: 'html' | 'pdf', number: number | 'latest') => {
    const { ctx } = request;
    const area = await areaOf(request);
    const t = tr(ctx);
    const { version } = await publishedVersion(ctx, area, number);
    const tenant = ctx.tenant!;
    return sendDocument(reply, {
      format,
      filename: t('picture.print.file', { area: area.title, number: version.number }),
      document: {
        title: version.title,
        subtitle: t('picture.print.subtitle', { area: area.title, number: version.number }),
        municipalityName: tenant.name,
        source: `${platform.config.publicUrl}${versionPath(picturePaths(tenant.slug, area.code), version.number)}`,
        date: version.publishedAt,
        locale: ctx.locale,
        sections: versionSections(partContext(ctx.locale, tenant.slug, area.code, platform.config.publicUrl), version).map((s) => ({ id: s.key, heading: s.heading, body: s.body })),
      },
    });
  };
  for (const format of ['html', 'pdf'] as const) {
    const file = format === 'pdf' ? 'document.pdf' : 'document';
    app.get(`/:municipality/gebieden/:code/wijkbeeld/${file}`, (request, reply) => sendVersion(request, reply, format, 'latest'));
    app.get(`/:municipality/gebieden/:code/wijkbeeld/versies/:number/${file}`, (request, reply) =>
      sendVersion(request, reply, format, versionNumber((request.params as { number: string }).number)));
  }

  // ---- editors: the draft's free sections --------------------------------------------------------
  const requireEditor = async (ctx: Context, area: PictureArea) => authorize(ctx, actions.edit, await pictureResourceOf(db, ctx.tenant!, area));

  const editView = async (request: FastifyRequest, reply: FastifyReply, submitted: DraftFormValues | null, issues: FieldIssue[]) => {
    const { ctx } = request;
    const t = tr(ctx);
    const area = await areaOf(request);
    await requireEditor(ctx, area);
    const document = await pictureOf(db, ctx.tenant!.id, area.code);
    const latest = document?.publishedVersion ? await getVersion(db, refOf(document), document.publishedVersion) : null;
    const start = document?.draft ?? latest ?? { title: t('picture.defaultTitle', { area: area.title }), content: emptyContent };
    const values = submitted ?? {
      title: start.title, sections: editorSections(splitContent(start.content).free, (key) => t(`picture.free.${key}`)), revision: document?.revision ?? 0,
    };
    return reply.page({
      title: t('picture.edit.title', { area: area.title }),
      breadcrumbs: crumbs(ctx, area, { href: `${picturePaths(ctx.tenant!.slug, area.code).base}/bewerken`, label: t('picture.page.edit') }),
      body: editPicturePage(t, {
        paths: picturePaths(ctx.tenant!.slug, area.code), areaTitle: area.title, csrf: request.csrf, values,
        errors: formErrors(t, issues, pictureLabels(t, values.sections.length)), publishedVersion: document?.publishedVersion ?? null, hasDraft: Boolean(document?.draft),
      }),
    });
  };

  app.get('/:municipality/gebieden/:code/wijkbeeld/bewerken', (request, reply) => editView(request, reply, null, []));

  app.post('/:municipality/gebieden/:code/wijkbeeld/bewerken', async (request, reply) => {
    const { ctx } = request;
    const area = await areaOf(request);
    const form = formBody(request);
    const { sections, shownAgain } = draftFromForm(form, STANDARD_FREE_SECTIONS.length + MAX_EXTRA_SECTIONS + 1);
    const input = { areaCode: area.code, title: form.title ?? '', sections, expectedRevision: form.expectedRevision };
    return handleForm(reply, {
      run: () => conflictsOnForm(() => execute(ctx, savePictureDraft, input)),
      success: () => reply.flashRedirect(`${picturePaths(ctx.tenant!.slug, area.code).base}/publiceren`, 'picture.flash.draftSaved'),
      invalid: (issues) => {
        conflictStatus(reply, issues);
        return editView(request, reply, shownAgain, issues);
      },
    });
  });

  // ---- editors: what publishing would change; publish or discard ---------------------------------
  const reviewView = async (request: FastifyRequest, reply: FastifyReply, summary: string, issues: FieldIssue[]) => {
    const { ctx } = request;
    const t = tr(ctx);
    const area = await areaOf(request);
    await requireEditor(ctx, area);
    const document = await pictureOf(db, ctx.tenant!.id, area.code);
    const draft = await assembledDraft(db, ctx.tenant!, area, document);
    const latest = document?.publishedVersion ? (await publishedVersion(ctx, area, 'latest')).version : null;
    const diff = draft ? localizedDiff(contextOf(ctx, area), latest ?? { title: draft.title, content: emptyContent }, draft) : null;
    const paths = picturePaths(ctx.tenant!.slug, area.code);
    return reply.page({
      title: t('picture.review.title', { area: area.title }),
      breadcrumbs: crumbs(ctx, area, { href: `${paths.base}/publiceren`, label: t('picture.review.title', { area: area.title }) }),
      body: reviewPicturePage(t, {
        paths, areaTitle: area.title, csrf: request.csrf, diff, nextNumber: (document?.publishedVersion ?? 0) + 1, revision: document?.revision ?? 0,
        summary, errors: formErrors(t, issues, pictureLabels(t, 0)),
      }),
    });
  };

  app.get('/:municipality/gebieden/:code/wijkbeeld/publiceren', (request, reply) => reviewView(request, reply, '', []));

  app.post('/:municipality/gebieden/:code/wijkbeeld/publiceren', async (request, reply) => {
    const { ctx } = request;
    const area = await areaOf(request);
    const form = formBody(request);
    return handleForm(reply, {
      run: () => conflictsOnForm(() => execute(ctx, publishPicture, { areaCode: area.code, summary: form.summary ?? '', expectedRevision: form.expectedRevision })),
      success: () => reply.flashRedirect(picturePaths(ctx.tenant!.slug, area.code).base, 'picture.flash.published'),
      invalid: (issues) => {
        conflictStatus(reply, issues);
        return reviewView(request, reply, form.summary ?? '', issues);
      },
    });
  });

  app.post('/:municipality/gebieden/:code/wijkbeeld/concept-weggooien', async (request, reply) => {
    const { ctx } = request;
    const area = await areaOf(request);
    const form = formBody(request);
    return handleForm(reply, {
      run: () => conflictsOnForm(() => execute(ctx, discardPictureDraft, { areaCode: area.code, expectedRevision: form.expectedRevision })),
      success: () => reply.flashRedirect(`${picturePaths(ctx.tenant!.slug, area.code).base}/bewerken`, 'picture.flash.draftDiscarded'),
      invalid: (issues) => {
        conflictStatus(reply, issues);
        return reviewView(request, reply, '', issues);
      },
    });
  });
}
