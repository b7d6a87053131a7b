import type { Context } from '../../../platform/context.js';
import { html, type SafeHtml } from '../../../platform/html.js';
import { translator, type Translate } from '../../../platform/i18n/index.js';
import { form, heading1, link, paragraph, selectField, table, textField, type FormErrors } from '../../../platform/ui/components.js';
import type { OrganiserChoice } from '../../summit/service.js';
import { phaseOf } from '../model.js';
import { agendaPath, agendasPath, areaAgendaPath } from '../paths.js';
import type { Agenda } from '../store.js';
import { phaseText as phaseLabel } from './agenda.js';

/**
 * The lists of agendas (the municipality's, an area's) and the short form that starts one: first
 * the area, then — for that area — who organises it, the BuurtTop it comes from and the agenda it
 * follows on.
 */
export const newAgendaPath = (slug: string) => `${agendasPath(slug)}/nieuw`;

/** The phase of an agenda in words, with the date that goes with it (the public page's words). */
export { phaseLabel };

export const yearsText = (agenda: Pick<Agenda, 'firstYear' | 'lastYear'>) => `${agenda.firstYear}–${agenda.lastYear}`;

function agendasTable(ctx: Context, input: { caption: string; agendas: Agenda[]; areaNames?: Map<string, string>; today: string; empty: string }): SafeHtml {
  const t = translator(ctx.locale);
  const slug = ctx.tenant!.slug;
  return table<Agenda>({
    caption: input.caption, captionHidden: true, rows: input.agendas, empty: input.empty,
    columns: [
      { header: t('agenda.list.column.title'), cell: (a) => link(agendaPath(slug, a.id), a.title) },
      ...(input.areaNames ? [{ header: t('agenda.list.column.area'), cell: (a: Agenda) => link(areaAgendaPath(slug, a.areaCode), input.areaNames!.get(a.areaCode) ?? a.areaCode) }] : []),
      { header: t('agenda.list.column.years'), cell: (a) => yearsText(a) },
      { header: t('agenda.list.column.phase'), cell: (a) => phaseLabel(t, ctx.locale, a, phaseOf(a, input.today)) },
      { header: t('agenda.list.column.organiser'), cell: (a) => a.organiserName },
    ],
  });
}

/** Every agenda of the municipality, by district or neighbourhood (by name), newest cycle first within an area. */
export function agendasPage(ctx: Context, input: { agendas: Agenda[]; areaNames: Map<string, string>; today: string; canCreate: boolean }): SafeHtml {
  const t = translator(ctx.locale);
  const name = (a: Agenda) => input.areaNames.get(a.areaCode) ?? a.areaCode;
  const sorted = [...input.agendas].sort((a, b) => name(a).localeCompare(name(b), ctx.locale) || b.firstYear - a.firstYear);
  return html`${heading1(t('agenda.list.title'))}
    ${paragraph(t('agenda.list.intro'))}
    ${input.canCreate ? paragraph(link(newAgendaPath(ctx.tenant!.slug), t('agenda.list.create'))) : ''}
    ${agendasTable(ctx, { caption: t('agenda.list.title'), agendas: sorted, areaNames: input.areaNames, today: input.today, empty: t('agenda.list.none') })}`;
}

/** An area's agendas, the current one first (the newest cycle), with the way to start one for those who may. */
export function areaAgendasPage(ctx: Context, input: { area: { code: string; title: string }; agendas: Agenda[]; today: string; canCreate: boolean }): SafeHtml {
  const t = translator(ctx.locale);
  const [current, ...earlier] = input.agendas;
  return html`${heading1(t('agenda.area.title', { area: input.area.title }))}
    ${paragraph(t('agenda.area.intro'))}
    ${current
      ? html`<h2 class="utrecht-heading-2" id="huidige">${t('agenda.area.current')}</h2>
        ${paragraph(html`${link(agendaPath(ctx.tenant!.slug, current.id), current.title)} (${yearsText(current)}): ${phaseLabel(t, ctx.locale, current, phaseOf(current, input.today))}`)}`
      : paragraph(t('agenda.area.none'))}
    ${earlier.length ? html`<h2 class="utrecht-heading-2" id="eerder">${t('agenda.area.earlier')}</h2>
      ${agendasTable(ctx, { caption: t('agenda.area.earlier'), agendas: earlier, today: input.today, empty: '' })}` : ''}
    ${input.canCreate ? paragraph(link(`${newAgendaPath(ctx.tenant!.slug)}?gebied=${encodeURIComponent(input.area.code)}`, t('agenda.area.create'))) : ''}`;
}

export function newAgendaLabels(t: Translate): Record<string, string> {
  return Object.fromEntries(['areaCode', 'organiserId', 'summitId', 'previousAgendaId', 'title', 'firstYear'].map((f) => [f, t(`agenda.new.field.${f}`)]));
}

/** Step one: the area (a GET form, so it works without script and the choice stays in the address). */
export function chooseAreaForm(t: Translate, input: { action: string; areas: Array<{ code: string; title: string }> }): SafeHtml {
  return form({
    action: input.action, csrf: '', method: 'get', submit: t('agenda.new.next'),
    body: selectField(t, { name: 'gebied', label: t('agenda.new.field.areaCode'), hint: t('agenda.new.hint.areaCode'), value: '', errors: {}, required: true, placeholder: t('agenda.form.choose'), options: input.areas.map((a) => ({ value: a.code, label: a.title })) }),
  });
}

export interface NewAgendaChoices {
  organisers: OrganiserChoice[];
  summits: Array<{ id: string; title: string }>;
  previous: Array<{ id: string; title: string }>;
}

/** Step two: for the chosen area, who organises, from which BuurtTop and after which agenda (both optional), and the first year. */
export function newAgendaFields(t: Translate, choices: NewAgendaChoices, values: Record<string, string>, errors: FormErrors): SafeHtml {
  const labels = newAgendaLabels(t);
  return html`<input type="hidden" name="areaCode" value="${values.areaCode ?? ''}">
    ${selectField(t, { name: 'organiserId', label: labels.organiserId!, hint: t('agenda.new.hint.organiserId'), value: values.organiserId ?? '', errors, required: true, placeholder: t('agenda.form.choose'), options: choices.organisers.map((o) => ({ value: o.id, label: o.name })) })}
    ${selectField(t, { name: 'summitId', label: labels.summitId!, hint: t('agenda.new.hint.summitId'), value: values.summitId ?? '', errors, placeholder: t('agenda.new.noSummit'), options: choices.summits.map((s) => ({ value: s.id, label: s.title })) })}
    ${choices.previous.length ? selectField(t, { name: 'previousAgendaId', label: labels.previousAgendaId!, hint: t('agenda.new.hint.previousAgendaId'), value: values.previousAgendaId ?? '', errors, placeholder: t('agenda.new.noPrevious'), options: choices.previous.map((p) => ({ value: p.id, label: p.title })) }) : ''}
    ${textField(t, { name: 'firstYear', label: labels.firstYear!, hint: t('agenda.new.hint.firstYear'), type: 'number', value: values.firstYear, errors, maxLength: 4 })}
    ${textField(t, { name: 'title', label: labels.title!, hint: t('agenda.new.hint.title'), value: values.title, errors, maxLength: 160 })}`;
}
