import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Context, Platform } from '../../platform/context.js';
import { sendDocument } from '../../platform/documents/index.js';
import { ConflictError, NotFoundError, ValidationError, type FieldIssue } from '../../platform/errors.js';
import { clientAddress, formBody, handleForm } from '../../platform/http/forms.js';
import { translator, type Translate } from '../../platform/i18n/index.js';
import { allowed, authorize, execute } from '../../platform/service.js';
import { formErrors } from '../../platform/ui/components.js';
import { neighbourhoodsOf } from '../areas/index.js';
import { adminHomePage, editQuestionPage, letterLabels, letterSections, lettersPage, minimumLabels, periodLabels, questionLabels, questionsPage } from './pages/admin.js';
import { answerLabels, areaResultsPage, linkSentPage, overviewPage, questionnairePage, refusedPage, surveyPaths, takePartPage, thanksPage } from './pages/public.js';
import { surveyActions, surveyResource } from './policy.js';
import { publishPeriod } from './publish.js';
import { areaResults, surveyOverview } from './results.js';
import {
  addQuestion, adoptDefaultQuestions, checkGuard, closePeriod, editQuestion, generateLetterCodes, minimumOf, openPeriod, requestLinkFrom, retireQuestion,
  setMinimum, submitResponse, tenantOf, withLetterCodeLimit, type Guard,
} from './service.js';
import { findPeriod, findQuestion, letterBatchesOf, letterCodesOfBatch, openPeriodOf, periodsOf, questionsOf } from './store.js';

/**
 * Pages of the resident survey. Public: /{slug}/buurtmonitor (about, taking part, results per
 * neighbourhood), …/meedoen (e-mail link or letter code), …/vragenlijst (the questionnaire),
 * …/bedankt, …/{BU code} (a neighbourhood's results). Officials and administrators:
 * /{slug}/beheer/buurtmonitor (periods, the minimum, publishing), …/vragen, …/brieven.
 */
const tr = (ctx: Context) => translator(ctx.locale);
const pathsOf = (ctx: Context) => surveyPaths(tenantOf(ctx).slug);
const resourceOf = (ctx: Context) => surveyResource(tenantOf(ctx).id);

/** The refusal pages of a guard (used, unknown or expired link, used code, no open period). */
const REFUSALS: Record<string, string> = {
  'survey.guard.usedLink': 'survey.refused.used',
  'survey.guard.usedCode': 'survey.refused.used',
  'survey.guard.unknownLink': 'survey.refused.unknownLink',
  'survey.guard.expiredLink': 'survey.refused.expiredLink',
  'survey.closed': 'survey.refused.closed',
};

function refused(request: FastifyRequest, reply: FastifyReply, error: ConflictError): FastifyReply {
  const t = tr(request.ctx);
  const key = REFUSALS[error.key] ?? 'survey.refused.used';
  return reply.page({ status: 409, title: t(`${key}.title`), body: refusedPage(t, pathsOf(request.ctx), key) });
}

/** Runs a step of taking part; a refused guard (used, unknown, expired, closed) becomes its kind page. */
async function orRefused(request: FastifyRequest, reply: FastifyReply, run: () => Promise<FastifyReply>): Promise<FastifyReply> {
  try {
    return await run();
  } catch (error) {
    if (error instanceof ConflictError) return refused(request, reply, error);
    throw error;
  }
}

async function neighbourhoodChoices(platform: Platform, ctx: Context): Promise<Array<{ code: string; name: string }>> {
  const tenant = tenantOf(ctx);
  return (await neighbourhoodsOf(platform.db, tenant.cbsCode, tenant.divisionYear)).map((a) => ({ code: a.code, name: a.name ?? a.code }));
}

/** The guard from the questionnaire's hidden fields (or the letter form). */
function guardOf(form: Record<string, string>): Guard {
  if (form.guard === 'letter') return { kind: 'letter', postalCode: form.postalCode ?? '', code: form.code ?? '' };
  return { kind: 'email', token: form.sleutel ?? '' };
}

const guardFields = (guard: Guard): Record<string, string> =>
  (guard.kind === 'email' ? { guard: 'email', sleutel: guard.token } : { guard: 'letter', postalCode: guard.postalCode, code: guard.code });

export function registerSurveyPages(app: FastifyInstance, platform: Platform): void {
  const db = platform.db;
  const adminCrumbs = (ctx: Context, ...rest: Array<{ href: string; label: string }>) => [
    { href: `/${tenantOf(ctx).slug}/beheer`, label: tr(ctx)('nav.admin') },
    { href: pathsOf(ctx).admin, label: tr(ctx)('survey.admin.title') },
    ...rest,
  ];
  const publicCrumbs = (ctx: Context, ...rest: Array<{ href: string; label: string }>) => [{ href: pathsOf(ctx).base, label: tr(ctx)('survey.title') }, ...rest];

  // ---- public ------------------------------------------------------------------------------------
  app.get('/:municipality/buurtmonitor', async (request, reply) => {
    const { ctx } = request;
    authorize(ctx, surveyActions.view, resourceOf(ctx));
    const t = tr(ctx);
    const periodId = (request.query as Record<string, unknown>).periode;
    const overview = await surveyOverview(db, tenantOf(ctx), typeof periodId === 'string' && periodId ? periodId : undefined);
    if (!overview) throw new NotFoundError();
    return reply.page({
      title: t('survey.title'),
      body: overviewPage(t, { paths: pathsOf(ctx), locale: ctx.locale, overview, open: await openPeriodOf(db, tenantOf(ctx).id), canManage: allowed(ctx, surveyActions.manage, resourceOf(ctx)) }),
    });
  });

  const takePartView = async (request: FastifyRequest, reply: FastifyReply, state: { email?: { values: Record<string, string>; issues: FieldIssue[] }; letter?: { values: Record<string, string>; issues: FieldIssue[] } }) => {
    const { ctx } = request;
    const t = tr(ctx);
    authorize(ctx, surveyActions.view, resourceOf(ctx));
    const period = await openPeriodOf(db, tenantOf(ctx).id);
    if (!period) return refused(request, reply, new ConflictError('survey.closed'));
    const emailLabels = { email: t('survey.takePart.email'), areaCode: t('survey.takePart.neighbourhood') };
    const codeLabels = { postalCode: t('survey.takePart.postalCode'), code: t('survey.takePart.code') };
    return reply.page({
      title: t('survey.takePart.title'),
      breadcrumbs: publicCrumbs(ctx, { href: `${pathsOf(ctx).base}/meedoen`, label: t('survey.takePart.title') }),
      body: takePartPage(t, {
        paths: pathsOf(ctx), csrf: request.csrf, period, locale: ctx.locale, neighbourhoods: await neighbourhoodChoices(platform, ctx),
        email: { values: state.email?.values ?? {}, errors: formErrors(t, state.email?.issues ?? [], emailLabels) },
        letter: { values: state.letter?.values ?? {}, errors: formErrors(t, state.letter?.issues ?? [], codeLabels) },
      }),
    });
  };

  app.get('/:municipality/buurtmonitor/meedoen', (request, reply) => takePartView(request, reply, {}));

  app.post('/:municipality/buurtmonitor/meedoen/email', async (request, reply) => {
    const { ctx } = request;
    const form = formBody(request);
    const values = { email: form.email ?? '', areaCode: form.areaCode ?? '' };
    return orRefused(request, reply, () => handleForm(reply, {
      run: () => requestLinkFrom(ctx, values, clientAddress(request)),
      success: () => reply.flashRedirect(`${pathsOf(ctx).base}/meedoen/verstuurd`),
      invalid: (issues) => takePartView(request, reply, { email: { values, issues } }),
    }));
  });

  // Pages that only say something: the link is on its way, thank you.
  for (const [path, titleKey, body] of [['meedoen/verstuurd', 'survey.linkSent.title', linkSentPage], ['bedankt', 'survey.thanks.title', thanksPage]] as const) {
    app.get(`/:municipality/buurtmonitor/${path}`, async (request, reply) => {
      const t = tr(request.ctx);
      authorize(request.ctx, surveyActions.view, resourceOf(request.ctx));
      return reply.page({ title: t(titleKey), breadcrumbs: publicCrumbs(request.ctx), body: body(t, pathsOf(request.ctx)) });
    });
  }

  const questionnaireView = async (request: FastifyRequest, reply: FastifyReply, guard: Guard, values: Record<string, string>, issues: FieldIssue[]) => {
    const { ctx } = request;
    const t = tr(ctx);
    authorize(ctx, surveyActions.respond, resourceOf(ctx));
    let checked;
    try {
      checked = await checkGuard(db, tenantOf(ctx), guard);
    } catch (error) {
      if (error instanceof ConflictError) return refused(request, reply, error);
      throw error;
    }
    const questions = await questionsOf(db, tenantOf(ctx).id);
    const areaName = (await neighbourhoodChoices(platform, ctx)).find((n) => n.code === checked.areaCode)?.name ?? checked.areaCode;
    return reply.page({
      title: t('survey.form.title', { area: areaName }),
      body: questionnairePage(t, {
        paths: pathsOf(ctx), csrf: request.csrf, locale: ctx.locale, areaName, period: checked.period, questions, guard: guardFields(guard), values,
        errors: formErrors(t, issues, answerLabels(t, ctx.locale, questions)),
      }),
    });
  };

  app.get('/:municipality/buurtmonitor/vragenlijst', async (request, reply) => {
    const token = (request.query as Record<string, unknown>).sleutel;
    return questionnaireView(request, reply, { kind: 'email', token: typeof token === 'string' ? token : '' }, {}, []);
  });

  // The letter code is checked here and the questionnaire shown in the answer: nothing changes yet.
  app.post('/:municipality/buurtmonitor/meedoen/code', async (request, reply) => {
    const { ctx } = request;
    const form = formBody(request);
    const guard: Guard = { kind: 'letter', postalCode: form.postalCode ?? '', code: form.code ?? '' };
    try {
      await withLetterCodeLimit(platform, guard, clientAddress(request), () => checkGuard(db, tenantOf(ctx), guard));
    } catch (error) {
      if (error instanceof ValidationError) {
        reply.code(422);
        return takePartView(request, reply, { letter: { values: { postalCode: guard.postalCode, code: guard.code }, issues: error.issues } });
      }
      if (error instanceof ConflictError) return refused(request, reply, error);
      throw error;
    }
    return questionnaireView(request, reply, guard, {}, []);
  });

  app.post('/:municipality/buurtmonitor/vragenlijst', async (request, reply) => {
    const { ctx } = request;
    const form = formBody(request);
    const guard = guardOf(form);
    const answers: Record<string, string> = {};
    for (const [name, value] of Object.entries(form)) if (name.startsWith('answer-')) answers[name.slice('answer-'.length)] = value;
    return orRefused(request, reply, () => handleForm(reply, {
      run: () => withLetterCodeLimit(platform, guard, clientAddress(request), () => execute(ctx, submitResponse, { guard, ageGroup: form.ageGroup ?? '', answers })),
      success: () => reply.flashRedirect(`${pathsOf(ctx).base}/bedankt`),
      invalid: (issues) => questionnaireView(request, reply, guard, form, issues),
    }));
  });

  app.get('/:municipality/buurtmonitor/:areaCode', async (request, reply) => {
    const { ctx } = request;
    const t = tr(ctx);
    authorize(ctx, surveyActions.view, resourceOf(ctx));
    const code = String((request.params as { areaCode: string }).areaCode).toUpperCase();
    if (!/^BU\d{8}$/.test(code)) throw new NotFoundError();
    const periodId = (request.query as Record<string, unknown>).periode;
    const periods = await periodsOf(db, tenantOf(ctx).id);
    const period = typeof periodId === 'string' && periodId ? periods.find((p) => p.id === periodId) : periods.find((p) => p.status === 'open') ?? periods[0];
    if (!period) throw new NotFoundError();
    const results = await areaResults(db, tenantOf(ctx), period, code);
    if (!results) throw new NotFoundError();
    return reply.page({
      title: t('survey.area.title', { area: results.area.name }),
      breadcrumbs: publicCrumbs(ctx, { href: `${pathsOf(ctx).base}/${code}`, label: results.area.name }),
      body: areaResultsPage(t, { paths: pathsOf(ctx), locale: ctx.locale, results }),
    });
  });

  // ---- administration: periods, minimum, publishing --------------------------------------------
  const adminView = async (request: FastifyRequest, reply: FastifyReply, state: { period?: { values: Record<string, string>; issues: FieldIssue[] }; minimum?: { values: Record<string, string>; issues: FieldIssue[] }; action?: FieldIssue[] } = {}) => {
    const { ctx } = request;
    const t = tr(ctx);
    authorize(ctx, surveyActions.manage, resourceOf(ctx));
    const tenant = tenantOf(ctx);
    return reply.page({
      title: t('survey.admin.title'),
      breadcrumbs: adminCrumbs(ctx),
      body: adminHomePage(t, {
        paths: pathsOf(ctx), csrf: request.csrf, locale: ctx.locale, periods: await periodsOf(db, tenant.id), minimum: await minimumOf(db, tenant.id),
        questionCount: (await questionsOf(db, tenant.id)).length,
        period: { values: state.period?.values ?? {}, errors: formErrors(t, state.period?.issues ?? [], periodLabels(t)) },
        minimumForm: { values: state.minimum?.values ?? {}, errors: formErrors(t, state.minimum?.issues ?? [], minimumLabels(t)) },
        actionErrors: formErrors(t, state.action ?? [], { _form: '' }),
      }),
    });
  };

  app.get('/:municipality/beheer/buurtmonitor', (request, reply) => adminView(request, reply));

  app.post('/:municipality/beheer/buurtmonitor/minimum', async (request, reply) => {
    const { ctx } = request;
    const form = formBody(request);
    return handleForm(reply, {
      run: () => execute(ctx, setMinimum, { minResponses: form.minResponses ?? '' }),
      success: () => reply.flashRedirect(pathsOf(ctx).admin, 'survey.flash.minimumSaved'),
      invalid: (issues) => adminView(request, reply, { minimum: { values: form, issues } }),
    });
  });

  app.post('/:municipality/beheer/buurtmonitor/perioden', async (request, reply) => {
    const { ctx } = request;
    const form = formBody(request);
    return handleForm(reply, {
      run: () => execute(ctx, openPeriod, { name: form.name ?? '', startsOn: form.startsOn ?? '', endsOn: form.endsOn ?? '' }),
      success: () => reply.flashRedirect(pathsOf(ctx).admin, 'survey.flash.periodOpened'),
      invalid: (issues) => adminView(request, reply, { period: { values: form, issues } }),
    });
  });

  /** Closing publishes the scores at once when a neighbourhood reached the minimum; publishing again is a button. */
  const publishAfter = async (ctx: Context, periodId: string): Promise<string> => {
    try {
      await publishPeriod(ctx, periodId);
      return 'survey.flash.published';
    } catch (error) {
      if (error instanceof ValidationError && error.issues.some((i) => i.key === 'survey.publish.nothing')) return 'survey.flash.nothingToPublish';
      throw error;
    }
  };

  app.post('/:municipality/beheer/buurtmonitor/perioden/:id/sluiten', async (request, reply) => {
    const { ctx } = request;
    const id = (request.params as { id: string }).id;
    let flash = 'survey.flash.periodClosed';
    return handleForm(reply, {
      run: async () => {
        await execute(ctx, closePeriod, { id });
        flash = await publishAfter(ctx, id) === 'survey.flash.published' ? 'survey.flash.closedAndPublished' : 'survey.flash.closedNothingPublished';
      },
      success: () => reply.flashRedirect(pathsOf(ctx).admin, flash),
      invalid: (issues) => adminView(request, reply, { action: issues }),
    });
  });

  app.post('/:municipality/beheer/buurtmonitor/perioden/:id/publiceren', async (request, reply) => {
    const { ctx } = request;
    const id = (request.params as { id: string }).id;
    let flash = 'survey.flash.published';
    return handleForm(reply, {
      run: async () => { flash = await publishAfter(ctx, id); },
      success: () => reply.flashRedirect(pathsOf(ctx).admin, flash),
      invalid: (issues) => adminView(request, reply, { action: issues }),
    });
  });

  // ---- administration: questions ----------------------------------------------------------------
  const questionsView = async (request: FastifyRequest, reply: FastifyReply, values: Record<string, string>, issues: FieldIssue[]) => {
    const { ctx } = request;
    const t = tr(ctx);
    authorize(ctx, surveyActions.manage, resourceOf(ctx));
    const questions = await questionsOf(db, tenantOf(ctx).id, { includeRetired: true });
    const next = Math.max(0, ...questions.filter((q) => q.active).map((q) => q.position)) + 1;
    return reply.page({
      title: t('survey.questions.title'),
      breadcrumbs: adminCrumbs(ctx, { href: `${pathsOf(ctx).admin}/vragen`, label: t('survey.questions.title') }),
      body: questionsPage(t, { paths: pathsOf(ctx), csrf: request.csrf, locale: ctx.locale, questions, values: { scale: 'agree', theme: 'quality-of-life', polarity: 'strength', position: String(next), ...values }, errors: formErrors(t, issues, questionLabels(t)) }),
    });
  };

  app.get('/:municipality/beheer/buurtmonitor/vragen', (request, reply) => questionsView(request, reply, {}, []));

  app.post('/:municipality/beheer/buurtmonitor/vragen', async (request, reply) => {
    const { ctx } = request;
    const form = formBody(request);
    return handleForm(reply, {
      run: () => execute(ctx, addQuestion, form),
      success: () => reply.flashRedirect(`${pathsOf(ctx).admin}/vragen`, 'survey.flash.questionAdded'),
      invalid: (issues) => questionsView(request, reply, form, issues),
    });
  });

  app.post('/:municipality/beheer/buurtmonitor/vragen/standaard', async (request, reply) => {
    const { ctx } = request;
    return handleForm(reply, {
      run: () => execute(ctx, adoptDefaultQuestions, {}),
      success: () => reply.flashRedirect(`${pathsOf(ctx).admin}/vragen`, 'survey.flash.defaultsAdopted'),
      invalid: (issues) => questionsView(request, reply, {}, issues),
    });
  });

  const editView = async (request: FastifyRequest, reply: FastifyReply, values: Record<string, string> | null, issues: FieldIssue[]) => {
    const { ctx } = request;
    const t: Translate = tr(ctx);
    authorize(ctx, surveyActions.manage, resourceOf(ctx));
    const question = await findQuestion(db, tenantOf(ctx).id, (request.params as { id: string }).id);
    if (!question || !question.active) throw new NotFoundError();
    const shown = values ?? { textNl: question.textNl, textEn: question.textEn, theme: question.theme, polarity: question.polarity, scale: question.scale, position: String(question.position) };
    return reply.page({
      title: t('survey.question.editTitle', { code: question.code }),
      breadcrumbs: adminCrumbs(ctx, { href: `${pathsOf(ctx).admin}/vragen`, label: t('survey.questions.title') }, { href: `${pathsOf(ctx).admin}/vragen/${question.id}`, label: question.code }),
      body: editQuestionPage(t, { paths: pathsOf(ctx), csrf: request.csrf, question, values: shown, errors: formErrors(t, issues, questionLabels(t)) }),
    });
  };

  app.get('/:municipality/beheer/buurtmonitor/vragen/:id', (request, reply) => editView(request, reply, null, []));

  app.post('/:municipality/beheer/buurtmonitor/vragen/:id', async (request, reply) => {
    const { ctx } = request;
    const form = formBody(request);
    let flash = 'survey.flash.questionSaved';
    return handleForm(reply, {
      run: async () => {
        const { newVersion } = await execute(ctx, editQuestion, { ...form, id: (request.params as { id: string }).id });
        if (newVersion) flash = 'survey.flash.questionNewVersion';
      },
      success: () => reply.flashRedirect(`${pathsOf(ctx).admin}/vragen`, flash),
      invalid: (issues) => editView(request, reply, form, issues),
    });
  });

  app.post('/:municipality/beheer/buurtmonitor/vragen/:id/intrekken', async (request, reply) => {
    const { ctx } = request;
    return handleForm(reply, {
      run: () => execute(ctx, retireQuestion, { id: (request.params as { id: string }).id }),
      success: () => reply.flashRedirect(`${pathsOf(ctx).admin}/vragen`, 'survey.flash.questionRetired'),
      invalid: (issues) => questionsView(request, reply, {}, issues),
    });
  });

  /** What residents see, for officials: the questionnaire with no guard; a submission is only checked, never stored. */
  const previewView = async (request: FastifyRequest, reply: FastifyReply, values: Record<string, string>, issues: FieldIssue[], checked: boolean) => {
    const { ctx } = request;
    const t = tr(ctx);
    authorize(ctx, surveyActions.manage, resourceOf(ctx));
    const questions = await questionsOf(db, tenantOf(ctx).id);
    const period = await openPeriodOf(db, tenantOf(ctx).id) ?? (await periodsOf(db, tenantOf(ctx).id))[0] ?? null;
    return reply.page({
      title: t('survey.preview.title'),
      breadcrumbs: adminCrumbs(ctx, { href: `${pathsOf(ctx).admin}/vragen`, label: t('survey.questions.title') }, { href: `${pathsOf(ctx).admin}/vragen/voorbeeld`, label: t('survey.preview.title') }),
      body: questionnairePage(t, {
        paths: pathsOf(ctx), csrf: request.csrf, locale: ctx.locale, areaName: t('survey.preview.area'), questions, guard: {}, values,
        period: period ?? { id: '', municipalityId: '', name: '–', startsOn: '', endsOn: '', status: 'open', openedAt: '', closedAt: null, publishedAt: null },
        errors: formErrors(t, issues, answerLabels(t, ctx.locale, questions)), action: `${pathsOf(ctx).admin}/vragen/voorbeeld`,
        notice: checked && issues.length === 0 ? t('survey.preview.checked') : t('survey.preview.notice'),
      }),
    });
  };

  app.get('/:municipality/beheer/buurtmonitor/vragen/voorbeeld', (request, reply) => previewView(request, reply, {}, [], false));

  app.post('/:municipality/beheer/buurtmonitor/vragen/voorbeeld', async (request, reply) => {
    const form = formBody(request);
    const questions = await questionsOf(db, tenantOf(request.ctx).id);
    const issues: FieldIssue[] = questions.filter((q) => !/^[0-5]$/.test(form[`answer-${q.id}`] ?? '')).map((q) => ({ field: `answer-${q.id}`, key: 'survey.validation.answerRequired' }));
    if (issues.length) reply.code(422);
    return previewView(request, reply, form, issues, true);
  });

  // ---- administration: letter codes -------------------------------------------------------------
  const lettersView = async (request: FastifyRequest, reply: FastifyReply, values: Record<string, string>, issues: FieldIssue[]) => {
    const { ctx } = request;
    const t = tr(ctx);
    authorize(ctx, surveyActions.manage, resourceOf(ctx));
    const tenant = tenantOf(ctx);
    const period = await openPeriodOf(db, tenant.id);
    const neighbourhoods = await neighbourhoodChoices(platform, ctx);
    return reply.page({
      title: t('survey.letters.title'),
      breadcrumbs: adminCrumbs(ctx, { href: `${pathsOf(ctx).admin}/brieven`, label: t('survey.letters.title') }),
      body: lettersPage(t, {
        paths: pathsOf(ctx), csrf: request.csrf, locale: ctx.locale, period, batches: period ? await letterBatchesOf(db, tenant.id, period.id) : [],
        names: new Map(neighbourhoods.map((n) => [n.code, n.name])), neighbourhoods, values, errors: formErrors(t, issues, letterLabels(t)),
      }),
    });
  };

  app.get('/:municipality/beheer/buurtmonitor/brieven', (request, reply) => lettersView(request, reply, {}, []));

  app.post('/:municipality/beheer/buurtmonitor/brieven', async (request, reply) => {
    const { ctx } = request;
    const form = formBody(request);
    return handleForm(reply, {
      run: async () => {
        const period = await openPeriodOf(db, tenantOf(ctx).id);
        if (!period) throw ValidationError.field('_form', 'survey.period.notOpen');
        return execute(ctx, generateLetterCodes, { periodId: period.id, areaCode: form.areaCode ?? '', postalCodes: form.postalCodes ?? '' });
      },
      success: () => reply.flashRedirect(`${pathsOf(ctx).admin}/brieven`, 'survey.flash.lettersMade'),
      invalid: (issues) => lettersView(request, reply, form, issues),
    });
  });

  for (const format of ['html', 'pdf'] as const) {
    app.get(`/:municipality/beheer/buurtmonitor/brieven/:batch/${format === 'pdf' ? 'document.pdf' : 'document'}`, async (request, reply) => {
      const { ctx } = request;
      const t = tr(ctx);
      authorize(ctx, surveyActions.manage, resourceOf(ctx));
      const tenant = tenantOf(ctx);
      const period = await openPeriodOf(db, tenant.id) ?? null;
      const batch = (request.params as { batch: string }).batch;
      // The batch of any period of this municipality.
      const periods = period ? [period] : [];
      for (const p of await periodsOf(db, tenant.id)) if (!periods.some((q) => q.id === p.id)) periods.push(p);
      for (const p of periods) {
        const codes = await letterCodesOfBatch(db, tenant.id, p.id, batch);
        if (codes.length === 0) continue;
        const areaName = (await neighbourhoodChoices(platform, ctx)).find((n) => n.code === codes[0]!.area_code)?.name ?? codes[0]!.area_code;
        const found = await findPeriod(db, tenant.id, p.id);
        return sendDocument(reply, {
          format,
          filename: t('survey.letters.file', { area: areaName, period: p.name }),
          document: {
            title: t('survey.letters.documentTitle', { area: areaName }), subtitle: p.name, municipalityName: tenant.name,
            source: `${platform.config.publicUrl}${pathsOf(ctx).base}`, date: codes[0]!.created_at, locale: ctx.locale,
            sections: letterSections(t, { municipalityName: tenant.name, areaName, period: found!, url: `${platform.config.publicUrl}${pathsOf(ctx).base}/meedoen`, codes }),
          },
        });
      }
      throw new NotFoundError();
    });
  }
}
