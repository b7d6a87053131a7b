import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { calendarFile, type CalendarEvent, calendarContentType, calendarUid, mailboxAddress } from '../../platform/calendar.js';
import type { Context, Platform } from '../../platform/context.js';
import type { Db } from '../../platform/db/connect.js';
import { NotFoundError, type FieldIssue } from '../../platform/errors.js';
import { contentDisposition } from '../../platform/files/index.js';
import { formBody, handleForm } from '../../platform/http/forms.js';
import { translator } from '../../platform/i18n/index.js';
import { allowed, authorize, execute } from '../../platform/service.js';
import type { Tenant } from '../../platform/tenancy.js';
import { formErrors } from '../../platform/ui/components.js';
import { areasOfMunicipality } from '../areas/index.js';
import { formPage, summitLabels } from './pages/forms.js';
import { yearlyDayFields, yearlyDayPage } from './pages/yearly-day.js';
import { summitActions, summitResource, yearlyDayResource } from './policy.js';
import { summitEvent } from './registration-mail.js';
import { amsterdamParts, summitsPath } from './service.js';
import { listSummits, type Summit } from './store.js';
import { yearOf, yearOverview, type YearOverview } from './yearly-day-model.js';
import { setYearlyDay, yearlyDayPath } from './yearly-day-service.js';
import { findYearlyDay, type YearlyDay } from './yearly-day-store.js';

/**
 * The yearly BuurtTop day across the municipality: /{slug}/buurttops/dag/{year} (public: every
 * neighbourhood's summits of that year by district), …/dag/{year}.ics (all of them as one
 * calendar file) and …/dag/{year}/instellen (officials and administrators set the day).
 */
type Params = Record<string, string>;

/** The municipality's summits whose day falls in `year` (in Amsterdam). */
export async function summitsOfYear(db: Db, tenant: Tenant, year: number): Promise<Summit[]> {
  return (await listSummits(db, tenant.id)).filter((s) => amsterdamParts(s.startsAt).date.startsWith(`${year}-`));
}

/** A year's day, its summits and the overview by district (areas of the municipality's current division). */
export async function yearInView(db: Db, tenant: Tenant, year: number): Promise<{ day: YearlyDay | null; summits: Summit[]; overview: YearOverview<Summit> }> {
  const [day, summits, areas] = await Promise.all([findYearlyDay(db, tenant.id, year), summitsOfYear(db, tenant, year), areasOfMunicipality(db, tenant.cbsCode, tenant.divisionYear)]);
  return { day, summits, overview: yearOverview(areas, summits) };
}

/**
 * The year as one calendar file: the BuurtTop day itself (a whole day, when set) and every summit
 * of that year under the summit's own UID (as in invitations), SEQUENCE its calendar revision,
 * cancelled ones as CANCELLED and those still in preparation as TENTATIVE.
 */
export function yearCalendar(platform: Platform, tenant: Tenant, year: number, day: YearlyDay | null, summits: readonly Summit[], t: ReturnType<typeof translator>): string | null {
  const host = new URL(platform.config.publicUrl).hostname;
  const events: CalendarEvent[] = [];
  if (day) {
    events.push({
      uid: calendarUid(['buurttopdag', tenant.id.replace(/[^A-Za-z0-9_-]/g, '-'), String(year)], host), sequence: day.revision, status: 'CONFIRMED',
      start: { date: day.date }, summary: t('summit.yearlyDay.title', { year }), description: day.note ?? undefined,
      url: `${platform.config.publicUrl}${yearlyDayPath(tenant.slug, year)}`, organizer: { name: tenant.name, email: mailboxAddress(platform.config.mailFrom) },
    });
  }
  for (const s of summits) events.push(summitEvent(platform, tenant, s, null, s.status === 'cancelled' ? 'CANCELLED' : s.status === 'preparation' ? 'TENTATIVE' : 'CONFIRMED'));
  return events.length ? calendarFile(events) : null;
}

export function registerYearlyDayPages(app: FastifyInstance, platform: Platform): void {
  const { db } = platform;
  const tenantOf = (ctx: Context) => {
    if (!ctx.tenant) throw new NotFoundError();
    return ctx.tenant;
  };
  const yearOfRequest = (request: FastifyRequest) => {
    const year = yearOf((request.params as Params).year ?? '');
    if (year === null) throw new NotFoundError();
    return year;
  };
  const crumbs = (ctx: Context) => [{ href: summitsPath(tenantOf(ctx).slug), label: translator(ctx.locale)('summit.overview.title') }];

  app.get('/:municipality/buurttops/dag/:year', async (request, reply) => {
    const { ctx } = request;
    const tenant = tenantOf(ctx);
    const raw = (request.params as Params).year ?? '';
    if (raw.endsWith('.ics')) return sendCalendar(request, reply, raw.slice(0, -4));
    const year = yearOfRequest(request);
    authorize(ctx, summitActions.view, summitResource(tenant.id, [], { boards: [], groups: [] }));
    const { day, overview } = await yearInView(db, tenant, year);
    return reply.page({
      title: translator(ctx.locale)('summit.yearlyDay.title', { year }), breadcrumbs: crumbs(ctx),
      body: yearlyDayPage(ctx, { year, day, overview, canSet: allowed(ctx, summitActions.setYearlyDay, yearlyDayResource(tenant.id, tenant.cbsCode)) }),
    });
  });

  async function sendCalendar(request: FastifyRequest, reply: FastifyReply, raw: string) {
    const { ctx } = request;
    const tenant = tenantOf(ctx);
    const year = yearOf(raw);
    if (year === null) throw new NotFoundError();
    authorize(ctx, summitActions.view, summitResource(tenant.id, [], { boards: [], groups: [] }));
    const { day, summits } = await yearInView(db, tenant, year);
    const file = yearCalendar(platform, tenant, year, day, summits, translator(ctx.locale));
    if (!file) throw new NotFoundError();
    return reply.code(200).header('cache-control', 'no-store').type(calendarContentType()).header('content-disposition', contentDisposition('attachment', `buurttops-${year}.ics`)).send(file);
  }

  const formView = async (request: FastifyRequest, reply: FastifyReply, year: number, values: Record<string, string>, issues: FieldIssue[]) => {
    const { ctx } = request;
    const t = translator(ctx.locale);
    const errors = formErrors(t, issues, summitLabels(t));
    const title = t('summit.yearlyDay.setTitle', { year });
    return reply.page({
      title, breadcrumbs: [...crumbs(ctx), { href: yearlyDayPath(tenantOf(ctx).slug, year), label: t('summit.yearlyDay.title', { year }) }],
      body: formPage(ctx, {
        title, intro: t('summit.yearlyDay.setIntro'), action: request.url.split('?')[0]!, cancel: yearlyDayPath(tenantOf(ctx).slug, year), csrf: request.csrf,
        submit: t('summit.yearlyDay.submit'), errors, body: yearlyDayFields(t, values, errors),
      }),
    });
  };
  const mayYouSet = (ctx: Context) => {
    const tenant = tenantOf(ctx);
    authorize(ctx, summitActions.setYearlyDay, yearlyDayResource(tenant.id, tenant.cbsCode));
  };

  app.get('/:municipality/buurttops/dag/:year/instellen', async (request, reply) => {
    const year = yearOfRequest(request);
    mayYouSet(request.ctx);
    const day = await findYearlyDay(db, tenantOf(request.ctx).id, year);
    return formView(request, reply, year, { date: day?.date ?? '', note: day?.note ?? '' }, []);
  });

  app.post('/:municipality/buurttops/dag/:year/instellen', async (request, reply) => {
    const year = yearOfRequest(request);
    mayYouSet(request.ctx);
    const values = formBody(request);
    return handleForm(reply, {
      run: () => execute(request.ctx, setYearlyDay, { ...values, year }),
      success: (result) => reply.flashRedirect(result.path, 'summit.yearlyDay.flash.set'),
      invalid: (issues) => formView(request, reply, year, values, issues),
    });
  });
}
