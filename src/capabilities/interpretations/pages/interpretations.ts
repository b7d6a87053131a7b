import type { Context } from '../../../platform/context.js';
import { html, type HtmlValue, type SafeHtml } from '../../../platform/html.js';
import { formatDate, translator, type Translate } from '../../../platform/i18n/index.js';
import { errorSummary, form, heading1, link, paragraph, selectField, textArea, type FormErrors } from '../../../platform/ui/components.js';
import { formatQuantity } from '../../../platform/ui/charts.js';
import type { TenantArea } from '../../areas/index.js';
import { statisticsPath, type Figure, type Indicator } from '../../statistics/index.js';
import { INTERPRETATION_KINDS, MAX_INTERPRETATION, totalParticipants, type FigureKey, type WritingRole } from '../model.js';
import type { InterpretationView } from '../read.js';
import { renderInterpretations, roleName } from '../render.js';
import { interpretationsPath, roundPath, roundsPath } from '../service.js';
import type { ConversationRound } from '../store.js';
import { choiceGroup } from './fields.js';

export const figureAnchor = (indicator: FigureKey) => (indicator === null ? 'cijfer-gebied' : `cijfer-${indicator}`);

export function indicatorLabel(ctx: { locale: string }, indicator: Pick<Indicator, 'labelNl' | 'labelEn'>): string {
  return ctx.locale === 'en' ? indicator.labelEn : indicator.labelNl;
}

/** The figure's name: the indicator's label, or "the area as a whole". */
export function figureName(t: Translate, ctx: { locale: string }, catalogue: ReadonlyMap<string, Indicator>, indicator: FigureKey): string {
  if (indicator === null) return t('interpretations.wholeArea');
  const found = catalogue.get(indicator);
  return found ? indicatorLabel(ctx, found) : indicator;
}

function figureValue(ctx: Context, figure: Figure | undefined): string | null {
  if (!figure || figure.value.unknown !== null) return null;
  return formatQuantity({ t: translator(ctx.locale), locale: ctx.locale }, figure.value.value, { unit: figure.indicator.unit });
}

export interface DuidingPageInput {
  area: TenantArea;
  year: number;
  /** Years to offer (with readings, and the one shown), newest first. */
  years: number[];
  catalogue: Indicator[];
  figures: Figure[];
  grouped: Map<FigureKey, InterpretationView[]>;
  rounds: ConversationRound[];
  csrf: string;
  back: string;
  canRecordRound: boolean;
}

/** The readings of an area's figures in a year: the area as a whole first, then every figure that has them. */
export async function duidingPage(ctx: Context, input: DuidingPageInput): Promise<SafeHtml> {
  const t = translator(ctx.locale);
  const slug = ctx.tenant!.slug;
  const { area, year } = input;
  const byId = new Map(input.catalogue.map((i) => [i.id, i]));
  const figureById = new Map(input.figures.map((f) => [f.indicator.id, f]));
  const keys: FigureKey[] = [null, ...input.catalogue.map((i) => i.id).filter((id) => input.grouped.has(id))];
  const unknown = [...input.grouped.keys()].filter((k): k is string => k !== null && !byId.has(k));
  const sections: SafeHtml[] = [];
  for (const key of [...keys, ...unknown]) {
    const name = figureName(t, ctx, byId, key);
    const value = key === null ? null : figureValue(ctx, figureById.get(key));
    sections.push(html`<section class="ba-figure-readings" aria-labelledby="${figureAnchor(key)}">
      <h2 class="utrecht-heading-2" id="${figureAnchor(key)}">${name}${value ? html` <span class="ba-small">(${value})</span>` : ''}</h2>
      ${await renderInterpretations(ctx, { areaCode: area.code, year, indicator: key, csrf: input.csrf, back: input.back, label: name, items: input.grouped.get(key) ?? [], rounds: input.rounds })}
    </section>`);
  }
  const options = input.catalogue.map((i) => ({ value: i.id, label: indicatorLabel(ctx, i) })).sort((a, b) => a.label.localeCompare(b.label, ctx.locale));
  const api = `/api/v1/${slug}/areas/${area.code}/interpretations`;
  return html`${heading1(t('interpretations.page.title', { area: area.title }))}
    ${paragraph(t('interpretations.page.intro'))}
    ${paragraph(link(statisticsPath(slug, area.code), t('interpretations.page.figures')))}
    ${paragraph(html`${t('interpretations.page.year', { year })}${input.years.length > 1 ? html` ${t('interpretations.page.otherYears')} ${input.years.filter((y) => y !== year).map((y, i) => html`${i ? ', ' : ''}${link(interpretationsPath(slug, area.code, y), String(y))}`)}` : ''}`)}
    ${sections}
    <h2 class="utrecht-heading-2" id="ander-cijfer">${t('interpretations.page.otherFigure')}</h2>
    ${form({ method: 'get', action: `/${slug}/gebieden/${area.code}/duiding/nieuw`, csrf: '', submit: t('interpretations.page.choose'), body: html`
      <input type="hidden" name="jaar" value="${year}">
      ${selectField(t, { name: 'indicator', label: t('interpretations.field.indicator'), options, errors: {}, placeholder: t('interpretations.wholeArea'), value: '' })}` })}
    <h2 class="utrecht-heading-2" id="gespreksrondes">${t('interpretations.rounds.heading')}</h2>
    ${roundList(ctx, input.rounds.filter((r) => r.year === year))}
    ${paragraph(html`${link(roundsPath(slug, area.code), t('interpretations.rounds.all'))}${input.canRecordRound ? html` · ${link(`${roundsPath(slug, area.code)}/nieuw?jaar=${year}`, t('interpretations.rounds.record'))}` : ''}`)}
    <h2 class="utrecht-heading-2" id="open-data">${t('interpretations.openData.heading')}</h2>
    ${paragraph(html`${t('interpretations.openData.intro')} ${link(`${api}.csv?year=${year}`, t('interpretations.openData.csv'))} · ${link(`${api}?year=${year}`, t('interpretations.openData.json'))}`)}`;
}

function roundList(ctx: Context, rounds: ConversationRound[]): SafeHtml {
  const t = translator(ctx.locale);
  const slug = ctx.tenant!.slug;
  if (rounds.length === 0) return paragraph(html`<em>${t('interpretations.rounds.none')}</em>`);
  return html`<ul class="utrecht-unordered-list">${rounds.map((r) => html`<li>${link(roundPath(slug, r.areaCode, r.id), r.title)}, ${formatDate(ctx.locale, `${r.heldOn}T12:00:00Z`)} (${t('interpretations.rounds.people', { count: totalParticipants(r.participants) })})</li>`)}</ul>`;
}

// ---- the form ----------------------------------------------------------------------------------

export function interpretationLabels(t: Translate): Record<string, string> {
  return { indicator: t('interpretations.field.indicator'), kind: t('interpretations.field.kind'), body: t('interpretations.field.body'), role: t('interpretations.field.role'), roundId: t('interpretations.field.round') };
}

export interface InterpretationFormInput {
  area: TenantArea;
  year: number;
  /** Null: choose the figure in the form; a key: writing about this figure (editing keeps its figure). */
  figure: { key: FigureKey; name: string; value: string | null } | null;
  catalogue: Indicator[];
  roles: WritingRole[];
  rounds: ConversationRound[];
  action: string;
  submit: string;
  csrf: string;
  values: Record<string, string>;
  errors: FormErrors;
  /** Where "cancel" goes (and, after saving, where to return). */
  back: string;
}

/** The short form: which kind of reading, the text, the role (from the writer's own), and optionally the round. */
export function interpretationForm(ctx: Context, input: InterpretationFormInput): SafeHtml {
  const t = translator(ctx.locale);
  const labels = interpretationLabels(t);
  const { values, errors } = input;
  const kindChoice = choiceGroup({
    type: 'radio', name: 'kind', legend: labels.kind!, errors, checked: (v) => values.kind === v,
    options: INTERPRETATION_KINDS.map((k) => ({ value: k, label: t(`interpretations.kind.${k}`), hint: t(`interpretations.kindHint.${k}`) })),
  });
  const role = input.roles.length === 1
    ? html`<input type="hidden" name="role" value="${input.roles[0]!}">${paragraph(t('interpretations.field.roleOnly', { role: roleName(t, input.roles[0]!) }))}`
    : choiceGroup({ type: 'radio', name: 'role', legend: labels.role!, hint: t('interpretations.field.roleHint'), errors, checked: (v) => values.role === v, options: input.roles.map((r) => ({ value: r, label: roleName(t, r) })) });
  const figureField = input.figure === null
    ? selectField(t, { name: 'indicator', label: labels.indicator!, errors, placeholder: t('interpretations.wholeArea'), value: values.indicator ?? '',
      options: input.catalogue.map((i) => ({ value: i.id, label: indicatorLabel(ctx, i) })).sort((a, b) => a.label.localeCompare(b.label, ctx.locale)) })
    : html`<input type="hidden" name="indicator" value="${input.figure.key ?? ''}">`;
  const roundField = input.rounds.length
    ? selectField(t, { name: 'roundId', label: labels.roundId!, hint: t('interpretations.field.roundHint'), errors, placeholder: t('interpretations.field.noRound'), value: values.roundId ?? '',
      options: input.rounds.map((r) => ({ value: r.id, label: `${r.title} (${formatDate(ctx.locale, `${r.heldOn}T12:00:00Z`)})` })) })
    : '';
  return html`${errorSummary(t, errors, labels)}
    ${form({ action: input.action, csrf: input.csrf, submit: input.submit, secondary: link(input.back, t('interpretations.cancel')), body: html`
      <input type="hidden" name="year" value="${input.year}"><input type="hidden" name="terug" value="${input.back}">
      ${figureField}
      ${kindChoice}
      ${textArea(t, { name: 'body', label: labels.body!, hint: t('interpretations.field.bodyHint', { maximum: MAX_INTERPRETATION }), value: values.body, errors, rows: 5, required: true })}
      ${role}
      ${roundField}` })}`;
}

/** What someone who may not write sees in place of the form. */
export function cannotWrite(t: Translate, ctx: Context, back: string): SafeHtml {
  if (ctx.actor.kind !== 'person') return paragraph(link(`/${ctx.tenant!.slug}/inloggen?terug=${encodeURIComponent(back)}`, t('interpretations.signIn')));
  if (!ctx.actor.emailVerified) return paragraph(t('interpretations.verifyFirst'));
  return paragraph(t('interpretations.noRole'));
}

export function formIntro(t: Translate, input: { area: TenantArea; year: number; figure: { name: string; value: string | null } | null }): HtmlValue {
  return html`${paragraph(t('interpretations.form.intro'))}
    ${input.figure ? paragraph(html`${t('interpretations.form.figure')} <strong>${input.figure.name}</strong>${input.figure.value ? html` (${input.figure.value})` : ''}, ${input.area.title}, ${input.year}`) : paragraph(html`${input.area.title}, ${input.year}`)}`;
}

export { figureValue };
