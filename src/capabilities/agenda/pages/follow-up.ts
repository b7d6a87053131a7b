import type { Context } from '../../../platform/context.js';
import { html, type SafeHtml } from '../../../platform/html.js';
import { formatDate, formatDateTime, formatNumber, translator, type Translate } from '../../../platform/i18n/index.js';
import { actionButton, dataList, errorSummary, form, heading1, link, paragraph, selectField, table, textArea, textField, type FormErrors } from '../../../platform/ui/components.js';
import { renderBody } from '../../../platform/versions/index.js';
import type { AgendaProgress, AmbitionProgress, ProgressCorrection } from '../follow-up-store.js';
import { PROGRESS_STATUSES, type AgendaAmbition, type ProgressStatus, type ThemeSectionData } from '../model.js';
import { agendaAmbitionPath, agendaPath, agendaProgressPath } from '../paths.js';
import { renderAgendaSection } from '../render.js';
import type { Agenda, Member, ProgressUpdate } from '../store.js';

/**
 * Pages of the follow-up: one ambition (as adopted, its working group, its progress as a
 * timeline, the editors' short form), the agenda's progress over time (status now per theme, per
 * year, totals — tables, never colour alone; printable as any page), carrying over open
 * ambitions into the next agenda, and the summit's section on the previous agenda.
 */

/** A calendar day (YYYY-MM-DD) in words. */
export const dayText = (ctx: Context, day: string) => formatDate(ctx.locale, `${day}T12:00:00Z`);

/** A status in words, in a tag (the words carry the meaning; the tag is only a frame). */
export const progressTag = (t: Translate, status: ProgressStatus) => html`<span class="ba-tag">${t(`agenda.progress.${status}`)}</span>`;

/** A translated sentence with a link in the place of its `{link}`. */
export function withLink(t: Translate, key: string, params: Record<string, string>, linked: SafeHtml): SafeHtml {
  const [before, after] = t(key, { ...params, link: '\u0001' }).split('\u0001');
  return html`${before}${linked}${after ?? ''}`;
}

/** Labels of the progress form's fields, for the error summary. */
export const progressLabels = (t: Translate): Record<string, string> => ({
  status: t('agenda.followUp.field.status'), happened: t('agenda.followUp.field.happened'), next: t('agenda.followUp.field.next'),
  reason: t('agenda.followUp.field.reason'), reportedOn: t('agenda.followUp.field.reportedOn'),
  name: t('agenda.followUp.field.name'), role: t('agenda.followUp.field.role'),
});

/** The few fields of a progress update. */
export function progressFields(t: Translate, values: Record<string, string>, errors: FormErrors): SafeHtml {
  return html`${selectField(t, {
    name: 'status', label: t('agenda.followUp.field.status'), errors, required: true, value: values.status ?? '',
    options: PROGRESS_STATUSES.map((s) => ({ value: s, label: t(`agenda.progress.${s}`) })),
  })}
    ${textArea(t, { name: 'happened', label: t('agenda.followUp.field.happened'), errors, required: true, value: values.happened, rows: 4 })}
    ${textArea(t, { name: 'next', label: t('agenda.followUp.field.next'), errors, value: values.next, rows: 3 })}
    ${textArea(t, { name: 'reason', label: t('agenda.followUp.field.reason'), hint: t('agenda.followUp.field.reasonHint'), errors, value: values.reason, rows: 3 })}
    ${textField(t, { name: 'reportedOn', label: t('agenda.followUp.field.reportedOn'), hint: t('agenda.followUp.field.reportedOnHint'), errors, required: true, type: 'date', value: values.reportedOn })}`;
}

/** An ambition as the adopted version froze it, or (for an agenda without that version) its rows. */
export type FrozenAmbition = ThemeSectionData['ambitions'][number];
export const frozenFromRows = (a: AgendaAmbition): FrozenAmbition => ({
  id: a.id, title: a.title, body: a.body, why: a.why, horizon: a.horizon, ownGoal: a.ownGoal, values: a.values, steps: a.steps.map((s) => ({ step: s.step, carrier: s.carrier })),
});

export interface AmbitionPageInput {
  agenda: Agenda;
  themeName: string;
  ambition: FrozenAmbition;
  updates: ProgressUpdate[];
  corrections: ProgressCorrection[];
  memberCount: number;
  /** The names: for editors only (null for everyone else). */
  members: Member[] | null;
  continues: { href: string; title: string } | null;
  continuedIn: { href: string; title: string } | null;
  canEdit: boolean;
  csrf: string;
  /** The editors' forms as shown again after bad input. */
  progressForm: { values: Record<string, string>; errors: FormErrors };
  memberForm: { values: Record<string, string>; errors: FormErrors };
}

function correctionText(ctx: Context, t: Translate, c: ProgressCorrection): SafeHtml {
  return html`<p class="utrecht-paragraph ba-small">${t('agenda.followUp.corrected', {
    date: formatDateTime(ctx.locale, c.correctedAt), status: t(`agenda.progress.${c.before.status}`), reported: dayText(ctx, c.before.reportedOn), happened: c.before.happened,
  })}</p>`;
}

function timelineEntry(ctx: Context, t: Translate, input: AmbitionPageInput, u: ProgressUpdate): SafeHtml {
  const here = agendaAmbitionPath(ctx.tenant!.slug, input.agenda.id, input.ambition.id);
  const items: Array<[string, SafeHtml | string]> = [[t('agenda.followUp.field.happened'), renderBody(u.happened)]];
  if (u.next) items.push([t('agenda.followUp.field.next'), renderBody(u.next)]);
  if (u.reason) items.push([t('agenda.followUp.field.reason'), renderBody(u.reason)]);
  return html`<li id="voortgang-${u.id}" class="ba-progress-entry">
    <h3 class="utrecht-heading-3">${t('agenda.followUp.reportedOn', { date: dayText(ctx, u.reportedOn) })}: ${progressTag(t, u.status)}</h3>
    ${dataList(items)}
    ${input.corrections.filter((c) => c.progressId === u.id).map((c) => correctionText(ctx, t, c))}
    ${input.canEdit ? paragraph(html`<a class="utrecht-link" href="${here}/voortgang/${u.id}/corrigeren" aria-label="${t('agenda.followUp.correctLabel', { date: dayText(ctx, u.reportedOn) })}">${t('agenda.followUp.correct')}</a>`) : ''}
  </li>`;
}

/** One ambition of an adopted agenda: as adopted, its working group, its progress over time, and the editors' forms. */
export function ambitionPage(ctx: Context, input: AmbitionPageInput): SafeHtml {
  const t = translator(ctx.locale);
  const slug = ctx.tenant!.slug;
  const { agenda, ambition, canEdit, csrf } = input;
  const here = agendaAmbitionPath(slug, agenda.id, ambition.id);
  const last = input.updates.at(-1);
  const now = last
    ? t('agenda.followUp.statusSince', { status: t(`agenda.progress.${last.status}`), date: dayText(ctx, last.reportedOn) })
    : t('agenda.followUp.statusNoUpdate', { status: t('agenda.progress.notStarted') });
  const count = input.memberCount === 0 ? t('agenda.followUp.groupNone') : input.memberCount === 1 ? t('agenda.followUp.groupCountOne') : t('agenda.followUp.groupCount', { count: formatNumber(ctx.locale, input.memberCount) });
  const labels = progressLabels(t);
  const shown = { body: '', data: { kind: 'agenda.theme', themeId: '', ambitions: [ambition] } satisfies ThemeSectionData };
  return html`${heading1(ambition.title)}
    ${paragraph(withLink(t, 'agenda.followUp.ofAgenda', {}, link(agendaPath(slug, agenda.id), agenda.title)))}
    ${dataList([
      [t('agenda.followUp.statusNow'), html`<strong>${now}</strong>`],
      [t('agenda.followUp.csv.theme'), input.themeName],
    ])}
    ${input.continues ? paragraph(withLink(t, 'agenda.followUp.continues', {}, link(input.continues.href, input.continues.title))) : ''}
    ${input.continuedIn ? paragraph(withLink(t, 'agenda.followUp.continuedIn', {}, link(input.continuedIn.href, input.continuedIn.title))) : ''}
    ${paragraph(link(agendaProgressPath(slug, agenda.id), t('agenda.followUp.toOverview')))}

    <section aria-labelledby="de-ambitie"><h2 class="utrecht-heading-2" id="de-ambitie">${t('agenda.followUp.ambitionHeading')}</h2>
      ${renderAgendaSection(t, ctx.locale, shown, { headingLevel: 3, idPrefix: 'vastgesteld-' })}
    </section>

    <section aria-labelledby="werkgroep"><h2 class="utrecht-heading-2" id="werkgroep">${t('agenda.followUp.group')}</h2>
      ${paragraph(count)}
      ${paragraph(t('agenda.followUp.join', { organiser: agenda.organiserName }))}
      ${canEdit && input.members ? html`${paragraph(html`<span class="ba-small">${t('agenda.followUp.membersHidden')}</span>`)}
        ${input.members.length ? html`<ul class="utrecht-unordered-list">${input.members.map((m) => html`<li>${m.name}${m.role ? html` — ${m.role}` : ''}
          ${actionButton({ action: `${here}/werkgroep/${m.id}/verwijderen`, csrf, danger: true, label: t('agenda.followUp.memberRemove', { name: m.name }) })}</li>`)}</ul>` : ''}
        <h3 class="utrecht-heading-3" id="werkgroep-nieuw">${t('agenda.followUp.memberAddHeading')}</h3>
        ${errorSummary(t, input.memberForm.errors, labels)}
        ${form({
          action: `${here}/werkgroep`, csrf, submit: t('agenda.followUp.memberAdd'),
          body: html`${textField(t, { name: 'name', label: t('agenda.followUp.field.name'), errors: input.memberForm.errors, required: true, value: input.memberForm.values.name, autocomplete: 'off', maxLength: 120 })}
            ${textField(t, { name: 'role', label: t('agenda.followUp.field.role'), hint: t('agenda.followUp.field.roleHint'), errors: input.memberForm.errors, value: input.memberForm.values.role, maxLength: 120 })}`,
        })}` : ''}
    </section>

    <section aria-labelledby="voortgang"><h2 class="utrecht-heading-2" id="voortgang">${t('agenda.followUp.timeline')}</h2>
      ${input.updates.length
        ? html`<ol class="utrecht-ordered-list ba-progress" reversed>${[...input.updates].reverse().map((u) => timelineEntry(ctx, t, input, u))}</ol>`
        : paragraph(t('agenda.followUp.timelineNone'))}
    </section>

    ${canEdit ? html`<section aria-labelledby="nieuw"><h2 class="utrecht-heading-2" id="nieuw">${t('agenda.followUp.addHeading')}</h2>
      ${paragraph(t('agenda.followUp.addIntro'))}
      ${errorSummary(t, input.progressForm.errors, labels)}
      ${form({ action: `${here}/voortgang`, csrf, submit: t('agenda.followUp.add'), body: progressFields(t, input.progressForm.values, input.progressForm.errors) })}
    </section>` : ''}`;
}

/** The correction form of one update. */
export function correctionPage(ctx: Context, input: { agenda: Agenda; ambition: { id: string; title: string }; values: Record<string, string>; errors: FormErrors; csrf: string; action: string }): SafeHtml {
  const t = translator(ctx.locale);
  const back = agendaAmbitionPath(ctx.tenant!.slug, input.agenda.id, input.ambition.id);
  return html`${heading1(t('agenda.followUp.correctTitle', { title: input.ambition.title }))}
    ${paragraph(t('agenda.followUp.correctIntro'))}
    ${errorSummary(t, input.errors, progressLabels(t))}
    ${form({ action: input.action, csrf: input.csrf, submit: t('agenda.followUp.correctSubmit'), body: progressFields(t, input.values, input.errors), secondary: link(`${back}#voortgang`, t('agenda.followUp.cancel')) })}`;
}

// ---- the overview ------------------------------------------------------------------------------

const yearCell = (t: Translate, status: ProgressStatus | null) => (status ? t(`agenda.progress.${status}`) : html`<span aria-hidden="true">—</span><span class="ba-visually-hidden">${t('agenda.followUp.overview.notYet')}</span>`);

/** An agenda's progress over time: per theme the status now, per year the status at its end, and totals per status. */
export function progressPage(ctx: Context, input: { agenda: Agenda & { adoptedOn: string }; progress: AgendaProgress; csvHref: string }): SafeHtml {
  const t = translator(ctx.locale);
  const slug = ctx.tenant!.slug;
  const { agenda, progress } = input;
  const ambitionLink = (v: AmbitionProgress) => link(agendaAmbitionPath(slug, agenda.id, v.ambition.id), v.ambition.title);
  const all = progress.themes.flatMap((th) => th.ambitions.map((v) => ({ ...v, themeName: th.theme.name })));
  if (all.length === 0) return html`${heading1(t('agenda.followUp.overview.title', { agenda: agenda.title }))}${paragraph(t('agenda.followUp.overview.none'))}`;
  return html`${heading1(t('agenda.followUp.overview.title', { agenda: agenda.title }))}
    ${paragraph(t('agenda.followUp.overview.intro', { date: dayText(ctx, agenda.adoptedOn) }))}
    <div class="utrecht-button-group ba-actions">${link(agendaPath(slug, agenda.id), agenda.title)} ${link(input.csvHref, t('agenda.followUp.overview.csv'))}</div>

    <h2 class="utrecht-heading-2" id="nu">${t('agenda.followUp.overview.now')}</h2>
    ${progress.themes.map(({ theme, ambitions }, i) => html`<h3 class="utrecht-heading-3" id="thema-${i + 1}">${theme.name}</h3>
      ${table({
        caption: t('agenda.followUp.overview.nowCaption', { theme: theme.name }), captionHidden: true, rows: ambitions, empty: '',
        columns: [
          { header: t('agenda.followUp.overview.ambition'), cell: ambitionLink },
          { header: t('agenda.followUp.overview.now'), cell: (v) => progressTag(t, v.status) },
          { header: t('agenda.followUp.overview.lastUpdate'), cell: (v) => (v.lastUpdate ? dayText(ctx, v.lastUpdate.reportedOn) : t('agenda.followUp.overview.noUpdate')) },
          { header: t('agenda.followUp.overview.group'), cell: (v) => formatNumber(ctx.locale, v.members), numeric: true },
        ],
      })}`)}

    <h2 class="utrecht-heading-2" id="per-jaar">${t('agenda.followUp.overview.years')}</h2>
    ${paragraph(t('agenda.followUp.overview.yearsIntro'))}
    ${table({
      caption: t('agenda.followUp.overview.yearsCaption'), rows: all, empty: '',
      columns: [
        { header: t('agenda.followUp.overview.ambition'), cell: ambitionLink },
        { header: t('agenda.followUp.csv.theme'), cell: (v) => v.themeName },
        ...progress.years.map((year, i) => ({ header: String(year), cell: (v: (typeof all)[number]) => yearCell(t, v.byYear[i] ?? null) })),
      ],
    })}

    <h2 class="utrecht-heading-2" id="totalen">${t('agenda.followUp.overview.totals')}</h2>
    ${table({
      caption: t('agenda.followUp.overview.totalsCaption'), rows: [...PROGRESS_STATUSES], empty: '',
      columns: [
        { header: t('agenda.followUp.overview.status'), cell: (s) => t(`agenda.progress.${s}`) },
        ...progress.years.map((year, i) => ({ header: String(year), numeric: true, cell: (s: ProgressStatus) => { const totals = progress.totals.byYear[i]; return totals ? formatNumber(ctx.locale, totals[s]) : yearCell(t, null); } })),
        { header: t('agenda.followUp.overview.now'), numeric: true, cell: (s) => formatNumber(ctx.locale, progress.totals.now[s]) },
      ],
    })}`;
}

/** The rows of the overview's CSV: per ambition its theme, own goal, status now, last update, group size, and status per year. */
export function progressCsvRows(t: Translate, progress: AgendaProgress): Array<Array<string | number | null>> {
  return [
    [t('agenda.followUp.csv.theme'), t('agenda.followUp.csv.ambition'), t('agenda.followUp.csv.ownGoal'), t('agenda.followUp.csv.now'), t('agenda.followUp.csv.lastUpdate'), t('agenda.followUp.csv.members'),
      ...progress.years.map((year) => t('agenda.followUp.csv.year', { year }))],
    ...progress.themes.flatMap(({ theme, ambitions }) => ambitions.map((v) => [
      theme.name, v.ambition.title, v.ambition.ownGoal ? '1' : '', t(`agenda.progress.${v.status}`), v.lastUpdate?.reportedOn ?? null, v.members,
      ...v.byYear.map((s) => (s ? t(`agenda.progress.${s}`) : null)),
    ])),
  ];
}

// ---- carrying over -----------------------------------------------------------------------------

export interface CarryOverInput {
  agenda: Agenda;
  previous: Agenda | null;
  open: AgendaAmbition[];
  done: AgendaAmbition[];
  left: Array<{ ambition: AgendaAmbition; status: ProgressStatus }>;
  errors: FormErrors;
  csrf: string;
  action: string;
}

/** The body of carrying over: what goes over, what went already, what stays behind, and the one button. */
export function carryOverBody(ctx: Context, input: CarryOverInput): SafeHtml {
  const t = translator(ctx.locale);
  const slug = ctx.tenant!.slug;
  if (input.agenda.status === 'adopted') return paragraph(t('agenda.followUp.carry.adopted'));
  if (!input.previous) return paragraph(t('agenda.followUp.carry.none'));
  const previous = input.previous;
  const list = (items: AgendaAmbition[]) => html`<ul class="utrecht-unordered-list">${items.map((a) => html`<li>${link(agendaAmbitionPath(slug, previous.id, a.id), a.title)}</li>`)}</ul>`;
  return html`${paragraph(withLink(t, 'agenda.followUp.carry.intro', {}, link(agendaProgressPath(slug, previous.id), previous.title)))}
    ${errorSummary(t, input.errors, {})}
    ${input.open.length
      ? html`<h2 class="utrecht-heading-2" id="over">${t('agenda.followUp.carry.list')}</h2>${list(input.open)}
        ${form({ action: input.action, csrf: input.csrf, submit: t('agenda.followUp.carry.submit'), body: '' })}`
      : paragraph(t('agenda.followUp.carry.nothing'))}
    ${input.done.length ? html`<h2 class="utrecht-heading-2" id="al-over">${t('agenda.followUp.carry.done')}</h2>${list(input.done)}` : ''}
    ${input.left.length ? html`<h2 class="utrecht-heading-2" id="niet-over">${t('agenda.followUp.carry.left')}</h2>
      <ul class="utrecht-unordered-list">${input.left.map((l) => html`<li>${link(agendaAmbitionPath(slug, previous.id, l.ambition.id), l.ambition.title)}: ${t(`agenda.progress.${l.status}`)}</li>`)}</ul>` : ''}`;
}

// ---- the summit's section ----------------------------------------------------------------------

/** "Where we stand with the previous agenda": every ambition's status now, with the way to the overview. */
export function previousAgendaSection(ctx: Context, input: { agenda: Agenda; progress: AgendaProgress }): SafeHtml {
  const t = translator(ctx.locale);
  const slug = ctx.tenant!.slug;
  const rows = input.progress.themes.flatMap((th) => th.ambitions.map((v) => ({ ...v, themeName: th.theme.name })));
  return html`<section aria-labelledby="vorige-agenda"><h2 class="utrecht-heading-2" id="vorige-agenda">${t('agenda.followUp.summit.heading')}</h2>
    ${paragraph(withLink(t, 'agenda.followUp.summit.intro', {}, link(agendaPath(slug, input.agenda.id), input.agenda.title)))}
    ${table({
      caption: t('agenda.followUp.summit.caption'), captionHidden: true, rows, empty: t('agenda.followUp.overview.none'),
      columns: [
        { header: t('agenda.followUp.overview.ambition'), cell: (v) => link(agendaAmbitionPath(slug, input.agenda.id, v.ambition.id), v.ambition.title) },
        { header: t('agenda.followUp.csv.theme'), cell: (v) => v.themeName },
        { header: t('agenda.followUp.overview.now'), cell: (v) => progressTag(t, v.status) },
      ],
    })}
    ${paragraph(link(agendaProgressPath(slug, input.agenda.id), t('agenda.followUp.summit.link')))}
  </section>`;
}
