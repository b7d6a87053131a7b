import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { appendAudit } from '../../platform/audit.js';
import type { Context, Platform } from '../../platform/context.js';
import { csvFile } from '../../platform/csv.js';
import { ConflictError, NotFoundError, type FieldIssue } from '../../platform/errors.js';
import { contentDisposition } from '../../platform/files/index.js';
import { clientAddress, formBody, handleForm } from '../../platform/http/forms.js';
import { html } from '../../platform/html.js';
import { translator } from '../../platform/i18n/index.js';
import { authorize, execute } from '../../platform/service.js';
import { errorSummary, form, formErrors, heading1, link, paragraph } from '../../platform/ui/components.js';
import type { NavItem } from '../../platform/ui/layout.js';
import { registrationFields, registrationLabels, registrationSection, registrationsPage, tokenPage } from './pages/registration.js';
import { summitActions } from './policy.js';
import { attendanceProblem, attendanceTotals, registrationCounts } from './registration-model.js';
import { attendancePage, attendanceLabels, attendanceSection } from './pages/attendance.js';
import { attendanceInput, recordAttendance } from './attendance-service.js';
import { cancelByOrganiser, cancelRegistration, confirmRegistration, REGISTRATION_ENTITY, registerByHand, registerFrom, registrationInput, registrationsPath } from './registration-service.js';
import { attendanceOf, countWithStatus, registrationRecordOf, registrationsOf } from './registration-store.js';
import { amsterdamParts, amsterdamToday, resourceOfSummit, summitPath, summitsPath } from './service.js';
import { findSummit, groupsOf, type Summit } from './store.js';

/**
 * Pages of registering: /{slug}/buurttops/{id}/aanmelden (the form, also on the summit's page),
 * …/aanmelding/bevestigen and …/aanmelding/annuleren (the mail's links: a page with one button),
 * and for organisers …/aanmeldingen (the list, counts and needs; viewing is audited),
 * …/aanmeldingen.csv, …/aanmeldingen/nieuw (by hand) and …/aanmeldingen/{r}/annuleren.
 */
type Params = Record<string, string>;
const tr = (ctx: Context) => translator(ctx.locale);

/** The registration section of a summit's page (routes.ts puts it there). */
export async function registrationSectionFor(platform: Platform, ctx: Context, csrf: string, summit: Summit, canOrganise: boolean) {
  const [groups, confirmed, waiting] = await Promise.all([groupsOf(platform.db, summit.id), countWithStatus(platform.db, summit.id, 'confirmed'), countWithStatus(platform.db, summit.id, 'waiting')]);
  return registrationSection(ctx, { summit, groups, confirmed, waiting, canOrganise, csrf });
}

/** Registrations are personal data: who looked at them, or downloaded them, is in the audit log. */
export async function auditAccess(ctx: Context, summit: Summit, action: string): Promise<void> {
  await ctx.platform.db.transaction().execute((tx) => appendAudit(tx, ctx.actor, { action, entityType: REGISTRATION_ENTITY, entityId: summit.id, municipalityId: summit.municipalityId, after: { summit: summit.id } }));
}

export function registerRegistrationPages(app: FastifyInstance, platform: Platform): void {
  const { db } = platform;

  const load = async (request: FastifyRequest, action: string) => {
    const summit = request.ctx.tenant ? await findSummit(db, request.ctx.tenant.id, (request.params as Params).id!) : null;
    if (!summit) throw new NotFoundError();
    authorize(request.ctx, action, await resourceOfSummit(db, summit));
    return summit;
  };
  const crumbs = (ctx: Context, summit: Summit): NavItem[] => [
    { href: summitsPath(ctx.tenant!.slug), label: tr(ctx)('summit.overview.title') }, { href: summitPath(ctx.tenant!.slug, summit.id), label: summit.title },
  ];

  /** A registration form page (residents' or organisers'), with the errors named. */
  const formView = async (request: FastifyRequest, reply: FastifyReply, summit: Summit, byHand: boolean, values: Record<string, string>, issues: FieldIssue[]) => {
    const { ctx } = request;
    const t = tr(ctx);
    const errors = formErrors(t, issues, registrationLabels(t));
    const title = t(byHand ? 'summit.registrations.addTitle' : 'summit.registration.title', { title: summit.title });
    const back = byHand ? registrationsPath(ctx.tenant!, summit.id) : summitPath(ctx.tenant!.slug, summit.id);
    return reply.page({
      title, breadcrumbs: crumbs(ctx, summit),
      body: html`${heading1(title)}${paragraph(t(byHand ? 'summit.registrations.addIntro' : 'summit.registration.intro'))}${errorSummary(t, errors, registrationLabels(t))}
        ${form({ action: request.url.split('?')[0]!, csrf: request.csrf, submit: t(byHand ? 'summit.registrations.addSubmit' : 'summit.registration.submit'),
          secondary: link(back, t('summit.cancel')), body: registrationFields(t, await groupsOf(db, summit.id), values, errors, byHand) })}`,
    });
  };

  // ---- residents ----------------------------------------------------------------------------------

  app.get('/:municipality/buurttops/:id/aanmelden', async (request, reply) => {
    const summit = await load(request, summitActions.view);
    return formView(request, reply, summit, false, {}, []);
  });

  app.post('/:municipality/buurttops/:id/aanmelden', async (request, reply) => {
    const summit = await load(request, summitActions.view);
    const values = formBody(request);
    return handleForm(reply, {
      run: () => registerFrom(request.ctx, { ...registrationInput(values), summitId: summit.id }, clientAddress(request)),
      success: (result) => reply.flashRedirect(result.path, 'summit.registration.flash.sent'),
      invalid: (issues) => formView(request, reply, summit, false, values, issues),
    });
  });

  for (const kind of ['confirm', 'cancel'] as const) {
    const path = `/:municipality/buurttops/:id/aanmelding/${kind === 'confirm' ? 'bevestigen' : 'annuleren'}`;
    app.get(path, async (request, reply) => {
      const summit = await load(request, summitActions.view);
      const token = String((request.query as Params).sleutel ?? '').slice(0, 100);
      const t = tr(request.ctx);
      return reply.page({ title: t(`summit.registration.${kind}.title`), breadcrumbs: crumbs(request.ctx, summit), body: tokenPage(request.ctx, { summit, kind, token, csrf: request.csrf }) });
    });
    app.post(path, async (request, reply) => {
      const summit = await load(request, summitActions.view);
      const input = { summitId: summit.id, token: formBody(request).sleutel ?? '' };
      if (kind === 'cancel') {
        const result = await execute(request.ctx, cancelRegistration, input);
        return reply.flashRedirect(result.path, 'summit.registration.flash.cancelled');
      }
      const result = await execute(request.ctx, confirmRegistration, input);
      return reply.flashRedirect(result.path, `summit.registration.flash.${result.status}`);
    });
  }

  // ---- organisers ---------------------------------------------------------------------------------

  app.get('/:municipality/buurttops/:id/aanmeldingen', async (request, reply) => {
    const { ctx } = request;
    const summit = await load(request, summitActions.organise);
    const [groups, registrations, record, attendance] = await Promise.all([groupsOf(db, summit.id), registrationsOf(db, summit.id), registrationRecordOf(db, summit.id), attendanceOf(db, summit.id)]);
    await auditAccess(ctx, summit, 'summit.registrations.view');
    const counts = registrationCounts(registrations);
    const totals = attendanceTotals(record?.counts ?? counts, attendance?.walkIns ?? 0);
    const problem = attendanceProblem(summit.status, amsterdamParts(summit.startsAt).date, amsterdamToday());
    return reply.page({
      title: tr(ctx)('summit.registrations.title', { title: summit.title }), breadcrumbs: crumbs(ctx, summit),
      body: registrationsPage(ctx, {
        summit, groups, registrations, counts, record, csrf: request.csrf,
        attendance: attendanceSection(ctx, { summit, totals, recordedAt: attendance?.recordedAt ?? null, mayRecord: true, problem }),
      }),
    });
  });

  /** Who came: on or after the day; the names are personal data, so looking is audited as the list is. */
  const attendanceView = async (request: FastifyRequest, reply: FastifyReply, summit: Summit, values: Record<string, string> | undefined, issues: FieldIssue[]) => {
    const { ctx } = request;
    const t = tr(ctx);
    const problem = attendanceProblem(summit.status, amsterdamParts(summit.startsAt).date, amsterdamToday());
    if (problem) throw new ConflictError(`summit.attendance.${problem}`);
    const [registrations, attendance] = await Promise.all([registrationsOf(db, summit.id), attendanceOf(db, summit.id)]);
    if (!values) await auditAccess(ctx, summit, 'summit.attendance.view');
    return reply.page({
      title: t('summit.attendance.title', { title: summit.title }),
      breadcrumbs: [...crumbs(ctx, summit), { href: registrationsPath(ctx.tenant!, summit.id), label: t('summit.registrations.crumb') }],
      body: attendancePage(ctx, { summit, registrations, walkIns: attendance?.walkIns ?? null, csrf: request.csrf, values, errors: formErrors(t, issues, attendanceLabels(t)) }),
    });
  };

  app.get('/:municipality/buurttops/:id/aanwezigheid', async (request, reply) => attendanceView(request, reply, await load(request, summitActions.organise), undefined, []));

  app.post('/:municipality/buurttops/:id/aanwezigheid', async (request, reply) => {
    const summit = await load(request, summitActions.organise);
    const values = formBody(request);
    return handleForm(reply, {
      run: () => execute(request.ctx, recordAttendance, { ...attendanceInput(values), summitId: summit.id }),
      success: (result) => reply.flashRedirect(result.path, 'summit.attendance.flash.saved'),
      invalid: (issues) => attendanceView(request, reply, summit, values, issues),
    });
  });

  app.get('/:municipality/buurttops/:id/aanmeldingen.csv', async (request, reply) => {
    const { ctx } = request;
    const t = tr(ctx);
    const summit = await load(request, summitActions.organise);
    const [groups, registrations] = await Promise.all([groupsOf(db, summit.id), registrationsOf(db, summit.id)]);
    const groupName = new Map(groups.map((g) => [g.id, g.name]));
    await auditAccess(ctx, summit, 'summit.registrations.download');
    const label = (f: string) => t(`summit.registration.field.${f}`);
    const rows = [
      [label('name'), label('email'), label('phone'), t('summit.registrations.status'), label('themes'), label('accessNeeds'), label('languageHelp'), label('children'), t('summit.registrations.byHand')],
      ...registrations.map((r) => [r.name, r.email, r.phone, t(`summit.registration.status.${r.status}`), r.themes.map((id) => groupName.get(id) ?? '').filter(Boolean).join(', '),
        r.accessNeeds, r.languageHelp, r.children, r.byHand ? '1' : '']),
    ];
    return reply.code(200).header('cache-control', 'no-store').type('text/csv; charset=utf-8').header('content-disposition', contentDisposition('attachment', 'aanmeldingen.csv')).send(csvFile(rows));
  });

  app.get('/:municipality/buurttops/:id/aanmeldingen/nieuw', async (request, reply) => {
    const summit = await load(request, summitActions.organise);
    return formView(request, reply, summit, true, {}, []);
  });

  app.post('/:municipality/buurttops/:id/aanmeldingen/nieuw', async (request, reply) => {
    const summit = await load(request, summitActions.organise);
    const values = formBody(request);
    return handleForm(reply, {
      run: () => execute(request.ctx, registerByHand, { ...registrationInput(values), summitId: summit.id }),
      success: (result) => reply.flashRedirect(result.path, 'summit.registration.flash.byHand'),
      invalid: (issues) => formView(request, reply, summit, true, values, issues),
    });
  });

  app.post('/:municipality/buurttops/:id/aanmeldingen/:registration/annuleren', async (request, reply) => {
    const summit = await load(request, summitActions.organise);
    const result = await execute(request.ctx, cancelByOrganiser, { summitId: summit.id, id: (request.params as Params).registration! });
    return reply.flashRedirect(result.path, 'summit.registration.flash.cancelledByOrganiser');
  });
}
