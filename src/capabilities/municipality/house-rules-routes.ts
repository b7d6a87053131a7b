import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Context, Platform } from '../../platform/context.js';
import { sendDocument } from '../../platform/documents/index.js';
import { NotFoundError, type FieldIssue } from '../../platform/errors.js';
import { formBody, handleForm } from '../../platform/http/forms.js';
import { translator, type Translate } from '../../platform/i18n/index.js';
import type { Resource } from '../../platform/policy.js';
import { allowed, authorize, execute } from '../../platform/service.js';
import { formErrors } from '../../platform/ui/components.js';
import { compare, compareDraft, compareNeedsTwoPage, conflictStatus, conflictsOnForm, draftFromForm, getVersion, printSections, versionNumber, versionsOf, type DocumentVersion } from '../../platform/versions/index.js';
import { discardHouseRulesDraft, houseRulesRef, publishHouseRules, saveHouseRulesDraft } from './house-rules.js';
import { MAX_HOUSE_RULES_SECTIONS } from './model.js';
import {
  comparePath, editHouseRulesPage, houseRulesComparePage, houseRulesHistoryPage, houseRulesLabels, houseRulesPaths, houseRulesVersionPage,
  noHouseRulesPage, reviewHouseRulesPage, versionPath, type DraftFormValues, type HouseRulesPaths,
} from './pages/house-rules.js';
import { municipalityActions as actions } from './policy.js';

/**
 * Pages of the house rules for contributions. Public: /{slug}/huisregels (the version that
 * applies now), …/versies (history), …/versies/{n}, …/vergelijken?van=&naar= (difference), and
 * the print page and PDF of a version (…/document, …/document.pdf). Administrators:
 * /{slug}/beheer/huisregels (edit the draft), …/publiceren (review the difference and publish).
 */
const tr = (ctx: Context) => translator(ctx.locale);
const tenantResource = (ctx: Context): Resource => ({ type: 'municipality', municipalityId: ctx.tenant!.id });
const pathsOf = (ctx: Context) => houseRulesPaths(ctx.tenant!.slug);

export function registerHouseRulesPages(app: FastifyInstance, platform: Platform): void {
  const db = platform.db;

  const reference = async (ctx: Context) => houseRulesRef(db, ctx.tenant!.id);
  const publicCrumbs = (ctx: Context, ...rest: Array<{ href: string; label: string }>) =>
    [{ href: pathsOf(ctx).base, label: tr(ctx)('municipality.houseRules.title') }, ...rest];
  const adminCrumbs = (ctx: Context, ...rest: Array<{ href: string; label: string }>) => [
    { href: `/${ctx.tenant!.slug}/beheer`, label: tr(ctx)('nav.admin') },
    { href: pathsOf(ctx).admin, label: tr(ctx)('municipality.houseRules.editTitle') },
    ...rest,
  ];

  /** A published version of this municipality's house rules, or 404. */
  const publishedVersion = async (ctx: Context, number: number | 'latest'): Promise<{ version: DocumentVersion; latest: number }> => {
    authorize(ctx, actions.view, tenantResource(ctx));
    const ref = await reference(ctx);
    const latest = ref?.document.publishedVersion ?? null;
    const version = ref && latest ? await getVersion(db, ref, number === 'latest' ? latest : number) : null;
    if (!version || !latest) throw new NotFoundError();
    return { version, latest };
  };

  const showVersion = async (request: FastifyRequest, reply: FastifyReply, number: number | 'latest') => {
    const { ctx } = request;
    const { version, latest } = await publishedVersion(ctx, number);
    const paths = pathsOf(ctx);
    const t = tr(ctx);
    return reply.page({
      title: number === 'latest' ? version.title : t('municipality.houseRules.versionTitle', { number: version.number }),
      breadcrumbs: number === 'latest' ? [] : publicCrumbs(ctx, { href: `${paths.base}/versies`, label: t('municipality.houseRules.history') }, { href: versionPath(paths, version.number), label: t('versions.version', { number: version.number }) }),
      body: houseRulesVersionPage(t, { paths, locale: ctx.locale, version, latest, canEdit: allowed(ctx, actions.houseRules, tenantResource(ctx)) }),
    });
  };

  app.get('/:municipality/huisregels', async (request, reply) => {
    const { ctx } = request;
    authorize(ctx, actions.view, tenantResource(ctx));
    const ref = await reference(ctx);
    if (!ref?.document.publishedVersion) {
      const t = tr(ctx);
      return reply.page({
        title: t('municipality.houseRules.title'),
        body: noHouseRulesPage(t, { paths: pathsOf(ctx), municipalityName: ctx.tenant!.name, canEdit: allowed(ctx, actions.houseRules, tenantResource(ctx)) }),
      });
    }
    return showVersion(request, reply, 'latest');
  });

  app.get('/:municipality/huisregels/versies', async (request, reply) => {
    const { ctx } = request;
    const t = tr(ctx);
    authorize(ctx, actions.view, tenantResource(ctx));
    const ref = await reference(ctx);
    const paths = pathsOf(ctx);
    return reply.page({
      title: t('municipality.houseRules.historyTitle'),
      breadcrumbs: publicCrumbs(ctx, { href: `${paths.base}/versies`, label: t('municipality.houseRules.history') }),
      body: houseRulesHistoryPage(t, { paths, locale: ctx.locale, versions: ref ? await versionsOf(db, ref) : [] }),
    });
  });

  app.get('/:municipality/huisregels/versies/:number', (request, reply) =>
    showVersion(request, reply, versionNumber((request.params as { number: string }).number)));

  app.get('/:municipality/huisregels/vergelijken', async (request, reply) => {
    const { ctx } = request;
    const t = tr(ctx);
    const { latest } = await publishedVersion(ctx, 'latest');
    const query = request.query as Record<string, unknown>;
    const paths = pathsOf(ctx);
    const crumbs = (from: number, to: number) => publicCrumbs(ctx, { href: `${paths.base}/versies`, label: t('municipality.houseRules.history') }, { href: comparePath(paths, from, to), label: t('municipality.houseRules.compareTitle', { from, to }) });
    if (query.van === undefined && query.naar === undefined && latest === 1) {
      return reply.page({ title: t('versions.compare.choose'), breadcrumbs: publicCrumbs(ctx), body: compareNeedsTwoPage(t, { href: paths.base, label: t('municipality.houseRules.toCurrent') }) });
    }
    const first = query.van === undefined ? latest - 1 : versionNumber(query.van);
    const second = query.naar === undefined ? latest : versionNumber(query.naar);
    const [from, to] = first <= second ? [first, second] : [second, first];
    const ref = (await reference(ctx))!;
    const diff = await compare(db, ref, from, to);
    return reply.page({
      title: t('municipality.houseRules.compareTitle', { from, to }),
      breadcrumbs: crumbs(from, to),
      body: houseRulesComparePage(t, { paths, from, to, diff, versions: await versionsOf(db, ref) }),
    });
  });

  // ---- print page and PDF ----------------------------------------------------------------------
  const sendVersion = async (request: FastifyRequest, reply: FastifyReply, format: 'html' | 'pdf', number: number | 'latest') => {
    const { ctx } = request;
    const t: Translate = tr(ctx);
    const { version } = await publishedVersion(ctx, number);
    const tenant = ctx.tenant!;
    return sendDocument(reply, {
      format,
      filename: t('municipality.houseRules.printFile', { name: tenant.name, number: version.number }),
      document: {
        title: version.title,
        subtitle: t('municipality.houseRules.printSubtitle', { number: version.number }),
        municipalityName: tenant.name,
        source: `${platform.config.publicUrl}${versionPath(pathsOf(ctx), version.number)}`,
        date: version.publishedAt,
        locale: ctx.locale,
        sections: printSections(version.content),
      },
    });
  };
  for (const format of ['html', 'pdf'] as const) {
    const file = format === 'pdf' ? 'document.pdf' : 'document';
    app.get(`/:municipality/huisregels/${file}`, (request, reply) => sendVersion(request, reply, format, 'latest'));
    app.get(`/:municipality/huisregels/versies/:number/${file}`, (request, reply) =>
      sendVersion(request, reply, format, versionNumber((request.params as { number: string }).number)));
  }

  // ---- administration: edit the draft ----------------------------------------------------------
  const editView = async (request: FastifyRequest, reply: FastifyReply, submitted: DraftFormValues | null, issues: FieldIssue[]) => {
    const { ctx } = request;
    const t = tr(ctx);
    authorize(ctx, actions.houseRules, tenantResource(ctx));
    const ref = await reference(ctx);
    const document = ref?.document ?? null;
    const latest = ref && document?.publishedVersion ? await getVersion(db, ref, document.publishedVersion) : null;
    const start = document?.draft ?? latest ?? { title: t('municipality.houseRules.title'), content: { sections: [] } };
    const values = submitted ?? { title: start.title, sections: start.content.sections.map(({ key, heading, body }) => ({ key, heading, body })), revision: document?.revision ?? 0 };
    return reply.page({
      title: t('municipality.houseRules.editTitle'),
      breadcrumbs: adminCrumbs(ctx),
      body: editHouseRulesPage(t, {
        paths: pathsOf(ctx), csrf: request.csrf, values, errors: formErrors(t, issues, houseRulesLabels(t, values.sections.length)),
        publishedVersion: document?.publishedVersion ?? null, hasDraft: Boolean(document?.draft),
      }),
    });
  };

  app.get('/:municipality/beheer/huisregels', (request, reply) => editView(request, reply, null, []));

  app.post('/:municipality/beheer/huisregels', async (request, reply) => {
    const { ctx } = request;
    const form = formBody(request);
    const { sections, shownAgain } = draftFromForm(form, MAX_HOUSE_RULES_SECTIONS + 1);
    const input = { title: form.title ?? '', sections, expectedRevision: form.expectedRevision };
    return handleForm(reply, {
      run: () => conflictsOnForm(() => execute(ctx, saveHouseRulesDraft, input)),
      success: () => reply.flashRedirect(`${pathsOf(ctx).admin}/publiceren`, 'municipality.flash.houseRulesDraftSaved'),
      invalid: (issues) => {
        conflictStatus(reply, issues);
        return editView(request, reply, shownAgain, issues);
      },
    });
  });

  // ---- administration: review the difference, publish or discard ---------------------------------
  const reviewView = async (request: FastifyRequest, reply: FastifyReply, summary: string, issues: FieldIssue[]) => {
    const { ctx } = request;
    const t = tr(ctx);
    authorize(ctx, actions.houseRules, tenantResource(ctx));
    const ref = await reference(ctx);
    const diff = ref ? await compareDraft(db, ref) : null;
    return reply.page({
      title: t('municipality.houseRules.reviewTitle'),
      breadcrumbs: adminCrumbs(ctx, { href: `${pathsOf(ctx).admin}/publiceren`, label: t('municipality.houseRules.reviewTitle') }),
      body: reviewHouseRulesPage(t, {
        paths: pathsOf(ctx), csrf: request.csrf, diff, nextNumber: (ref?.document.publishedVersion ?? 0) + 1, revision: ref?.document.revision ?? 0,
        summary, errors: formErrors(t, issues, houseRulesLabels(t, 0)),
      }),
    });
  };

  app.get('/:municipality/beheer/huisregels/publiceren', (request, reply) => reviewView(request, reply, '', []));

  app.post('/:municipality/beheer/huisregels/publiceren', async (request, reply) => {
    const { ctx } = request;
    const form = formBody(request);
    return handleForm(reply, {
      run: () => conflictsOnForm(() => execute(ctx, publishHouseRules, { summary: form.summary ?? '', expectedRevision: form.expectedRevision })),
      success: () => reply.flashRedirect(pathsOf(ctx).base, 'municipality.flash.houseRulesPublished'),
      invalid: (issues) => {
        conflictStatus(reply, issues);
        return reviewView(request, reply, form.summary ?? '', issues);
      },
    });
  });

  app.post('/:municipality/beheer/huisregels/concept-weggooien', async (request, reply) => {
    const { ctx } = request;
    const form = formBody(request);
    return handleForm(reply, {
      run: () => conflictsOnForm(() => execute(ctx, discardHouseRulesDraft, { expectedRevision: form.expectedRevision })),
      success: () => reply.flashRedirect(pathsOf(ctx).admin, 'municipality.flash.houseRulesDraftDiscarded'),
      invalid: (issues) => {
        conflictStatus(reply, issues);
        return reviewView(request, reply, '', issues);
      },
    });
  });
}
