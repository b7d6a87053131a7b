import type { Context } from '../../../platform/context.js';
import { html, type SafeHtml } from '../../../platform/html.js';
import { formatNumber, translator, type Translate } from '../../../platform/i18n/index.js';
import { actionButton, dataList, errorSummary, form, heading1, link, paragraph, selectField, table, textArea, textField, type FormErrors } from '../../../platform/ui/components.js';
import type { TenantArea } from '../../areas/index.js';
import { CERTAINTIES, FUNDING_SOURCES, MAX_METHOD, perResident, type FundingSource, type MoneyFlow, type Redirection } from '../model.js';
import type { AreaMoney } from '../read.js';
import { exportPath, importPath, moneyFlowsPath } from '../service.js';
import { euros, percent } from './format.js';
import { sankeyFigure } from './sankey.js';

export const sourceName = (t: Translate, source: FundingSource) => t(`moneyFlows.source.${source}`);
const certaintyName = (t: Translate, certainty: string) => t(`moneyFlows.certainty.${certainty}`);

export interface OverviewInput {
  area: TenantArea;
  money: AreaMoney;
  /** The "what if" share asked for (basis points), null when none or not valid; `shareText` as typed. */
  redirection: Redirection | null;
  shareText: string;
  shareError: string | null;
  canEdit: boolean;
  canImport: boolean;
  csrf: string;
}

/** An area's money in a year: totals, per resident, the flow diagram with its table, per source, and "what if". */
export function overviewPage(ctx: Context, input: OverviewInput): SafeHtml {
  const t = translator(ctx.locale);
  const { locale } = ctx;
  const slug = ctx.tenant!.slug;
  const { area, money } = input;
  const eur = (cents: number) => euros(t, locale, cents);
  const api = `/api/v1/${slug}/areas/${area.code}/money-flows`;
  const otherYears = money.years.filter((y) => y !== money.year);
  const residents = money.residents
    ? t(money.residents.own ? 'moneyFlows.residents.own' : 'moneyFlows.residents.cbs', { count: formatNumber(locale, money.residents.count), year: money.residents.year })
    : t('moneyFlows.residents.unknown');
  const staff = [
    ...(input.canEdit ? [link(`${moneyFlowsPath(slug, area.code)}/nieuw?jaar=${money.year}`, t('moneyFlows.addLink'))] : []),
    ...(input.canImport ? [link(importPath(slug), t('moneyFlows.importLink'))] : []),
  ];
  const body = money.flows.length === 0
    ? html`<p class="utrecht-paragraph ba-empty">${t('moneyFlows.page.none', { year: money.year })}</p>`
    : html`${dataList([
      [t('moneyFlows.page.total'), eur(money.totalCents)],
      [t('moneyFlows.page.residents'), residents],
      [t('moneyFlows.page.perResident'), money.perResidentCents === null ? html`<em>${t('moneyFlows.page.perResidentUnknown')}</em>` : t('moneyFlows.page.perResidentValue', { amount: eur(money.perResidentCents) })],
      [t('moneyFlows.page.flows'), formatNumber(locale, money.flows.length)],
    ])}
    ${sankeyFigure<MoneyFlow>({ t, locale }, {
      id: 'geldstromen', title: t('moneyFlows.diagram.title', { area: area.title, year: money.year }), caption: t('moneyFlows.diagram.caption'),
      flows: money.flows.map((f) => ({ source: f.source, purpose: f.purpose, cents: f.amountCents })), sourceName: (s) => sourceName(t, s), otherPurposes: t('moneyFlows.diagram.otherPurposes'),
      description: t('moneyFlows.diagram.description', {
        total: eur(money.totalCents), sources: money.bySource.length, purposes: new Set(money.flows.map((f) => f.purpose)).size,
        list: money.bySource.map((s) => `${sourceName(t, s.source)}: ${eur(s.cents)}`).join('; '),
      }),
      table: {
        rows: money.flows,
        columns: [
          { header: t('moneyFlows.field.source'), cell: (f) => sourceName(t, f.source) },
          { header: t('moneyFlows.field.purpose'), cell: (f) => f.purpose },
          { header: t('moneyFlows.field.amount'), numeric: true, cell: (f) => eur(f.amountCents) },
          { header: t('moneyFlows.field.certainty'), cell: (f) => certaintyName(t, f.certainty) },
          ...(input.canEdit ? [{ header: t('moneyFlows.table.manage'), cell: (f: MoneyFlow) => link(`${moneyFlowsPath(slug, area.code)}/${f.id}/bewerken`, html`${t('moneyFlows.editLink')}<span class="ba-visually-hidden"> ${f.purpose}</span>`) }] : []),
        ],
      },
    })}
    <h2 class="utrecht-heading-2" id="methode">${t('moneyFlows.methods.heading')}</h2>
    <ul class="utrecht-unordered-list">${money.flows.map((f) => html`<li><strong>${f.purpose}</strong> (${sourceName(t, f.source)}, ${certaintyName(t, f.certainty)}): ${f.method}${f.figureSource ? html` <span class="ba-small">${t('moneyFlows.table.figureSource', { source: f.figureSource })}</span>` : ''}</li>`)}</ul>
    <h2 class="utrecht-heading-2" id="per-bron">${t('moneyFlows.bySource.heading')}</h2>
    ${table({
      caption: t('moneyFlows.bySource.heading'), captionHidden: true, empty: '', rows: [...bySourceRows(money), { source: null, cents: money.totalCents }],
      columns: [
        { header: t('moneyFlows.field.source'), cell: (r) => (r.source ? sourceName(t, r.source) : html`<strong>${t('moneyFlows.total')}</strong>`) },
        { header: t('moneyFlows.field.amount'), numeric: true, cell: (r) => (r.source ? eur(r.cents) : html`<strong>${eur(r.cents)}</strong>`) },
        { header: t('moneyFlows.page.perResident'), numeric: true, cell: (r) => (money.residents ? eur(perResident(r.cents, money.residents.count)!) : html`<em>${t('moneyFlows.unknown')}</em>`) },
        ...(money.previous ? [{
          header: t('moneyFlows.bySource.previous', { year: money.previous.year }), numeric: true,
          cell: (r: { source: FundingSource | null }) => {
            const before = r.source ? money.previous!.bySource.find((b) => b.source === r.source)?.cents ?? 0 : money.previous!.totalCents;
            return r.source ? eur(before) : html`<strong>${eur(before)}</strong>`;
          },
        }] : []),
      ],
    })}
    ${paragraph(html`<span class="ba-small">${t('moneyFlows.bySource.rounding')}</span>`)}
    ${whatIf(ctx, input)}`;
  return html`${heading1(t('moneyFlows.page.title', { area: area.title }))}
    ${paragraph(t('moneyFlows.page.intro'))}
    ${paragraph(html`${t('moneyFlows.page.year', { year: money.year })}${otherYears.length ? html` ${t('moneyFlows.page.otherYears')} ${otherYears.map((y, i) => html`${i ? ', ' : ''}${link(moneyFlowsPath(slug, area.code, y), String(y))}`)}` : ''}`)}
    ${staff.length ? paragraph(html`${staff.map((s, i) => html`${i ? ' · ' : ''}${s}`)}`) : ''}
    ${body}
    <h2 class="utrecht-heading-2" id="open-data">${t('moneyFlows.openData.heading')}</h2>
    ${paragraph(t('moneyFlows.openData.intro'))}
    <ul class="utrecht-unordered-list">
      <li>${link(exportPath(slug, area.code), t('moneyFlows.openData.csv'))}: ${t('moneyFlows.openData.csvArea')}</li>
      <li>${link(exportPath(slug), t('moneyFlows.openData.csvMunicipality', { municipality: ctx.tenant!.name }))}</li>
      <li>${link(`${api}?year=${money.year}`, t('moneyFlows.openData.json'))}: ${t('moneyFlows.openData.jsonYear', { year: money.year })}</li>
    </ul>`;
}

/** Every source with money this year or the year before (to compare), in the fixed order. */
function bySourceRows(money: AreaMoney): Array<{ source: FundingSource; cents: number }> {
  const cents = (source: FundingSource) => money.bySource.find((b) => b.source === source)?.cents ?? 0;
  return FUNDING_SOURCES.filter((s) => cents(s) > 0 || (money.previous?.bySource ?? []).some((b) => b.source === s)).map((source) => ({ source, cents: cents(source) }));
}

function whatIf(ctx: Context, input: OverviewInput): SafeHtml {
  const t = translator(ctx.locale);
  const slug = ctx.tenant!.slug;
  const { area, money, redirection } = input;
  const eur = (cents: number) => euros(t, ctx.locale, cents);
  const errors: FormErrors = input.shareError ? { deel: input.shareError } : {};
  return html`<h2 class="utrecht-heading-2" id="wat-als">${t('moneyFlows.whatIf.heading')}</h2>
    ${paragraph(t('moneyFlows.whatIf.intro'))}
    ${errorSummary(t, errors, { deel: t('moneyFlows.whatIf.share') })}
    ${form({ method: 'get', action: `${moneyFlowsPath(slug, area.code)}#wat-als`, csrf: '', submit: t('moneyFlows.whatIf.submit'), body: html`
      <input type="hidden" name="jaar" value="${money.year}">
      ${textField(t, { name: 'deel', label: t('moneyFlows.whatIf.share'), hint: t('moneyFlows.whatIf.shareHint'), value: input.shareText, errors, required: true, maxLength: 8 })}` })}
    ${redirection ? html`
      ${paragraph(html`<strong>${t('moneyFlows.whatIf.result', { share: percent(t, ctx.locale, redirection.basisPoints), amount: eur(redirection.totalCents), year: money.year })}</strong>${money.residents ? html` ${t('moneyFlows.whatIf.perResident', { amount: eur(perResident(redirection.totalCents, money.residents.count)!) })}` : ''}`)}
      ${table({
        caption: t('moneyFlows.whatIf.caption', { share: percent(t, ctx.locale, redirection.basisPoints) }), empty: '',
        rows: [...redirection.perSource, { source: null, fromCents: money.totalCents, cents: redirection.totalCents }],
        columns: [
          { header: t('moneyFlows.field.source'), cell: (r) => (r.source ? sourceName(t, r.source) : html`<strong>${t('moneyFlows.total')}</strong>`) },
          { header: t('moneyFlows.whatIf.now'), numeric: true, cell: (r) => eur(r.fromCents) },
          { header: t('moneyFlows.whatIf.available'), numeric: true, cell: (r) => (r.source ? eur(r.cents) : html`<strong>${eur(r.cents)}</strong>`) },
        ],
      })}
      ${paragraph(html`<span class="ba-small">${t('moneyFlows.whatIf.rounding')}</span>`)}` : ''}`;
}

// ---- entering one flow --------------------------------------------------------------------------

export function flowLabels(t: Translate): Record<string, string> {
  return {
    year: t('moneyFlows.field.year'), source: t('moneyFlows.field.source'), purpose: t('moneyFlows.field.purpose'), amount: t('moneyFlows.field.amount'),
    method: t('moneyFlows.field.method'), certainty: t('moneyFlows.field.certainty'), figureSource: t('moneyFlows.field.figureSource'),
  };
}

export function flowForm(ctx: Context, input: { area: TenantArea; action: string; submit: string; csrf: string; values: Record<string, string>; errors: FormErrors; deleteAction: string | null }): SafeHtml {
  const t = translator(ctx.locale);
  const labels = flowLabels(t);
  const { values, errors } = input;
  const slug = ctx.tenant!.slug;
  return html`${errorSummary(t, errors, labels)}
    ${form({ action: input.action, csrf: input.csrf, submit: input.submit, secondary: link(moneyFlowsPath(slug, input.area.code, Number(values.year) || undefined), t('moneyFlows.cancel')), body: html`
      ${textField(t, { name: 'year', label: labels.year!, type: 'number', value: values.year, errors, required: true })}
      ${selectField(t, { name: 'source', label: labels.source!, errors, required: true, placeholder: t('moneyFlows.field.sourceChoose'), value: values.source ?? '', options: FUNDING_SOURCES.map((s) => ({ value: s, label: sourceName(t, s) })) })}
      ${textField(t, { name: 'purpose', label: labels.purpose!, hint: t('moneyFlows.field.purposeHint'), value: values.purpose, errors, required: true, maxLength: 160 })}
      ${textField(t, { name: 'amount', label: labels.amount!, hint: t('moneyFlows.field.amountHint'), value: values.amount, errors, required: true, maxLength: 40 })}
      ${selectField(t, { name: 'certainty', label: labels.certainty!, errors, required: true, placeholder: t('moneyFlows.field.certaintyChoose'), value: values.certainty ?? '', options: CERTAINTIES.map((c) => ({ value: c, label: certaintyName(t, c) })) })}
      ${textArea(t, { name: 'method', label: labels.method!, hint: t('moneyFlows.field.methodHint', { maximum: MAX_METHOD }), value: values.method, errors, rows: 4, required: true })}
      ${textField(t, { name: 'figureSource', label: labels.figureSource!, hint: t('moneyFlows.field.figureSourceHint'), value: values.figureSource, errors, maxLength: 300 })}` })}
    ${input.deleteAction ? html`<h2 class="utrecht-heading-2">${t('moneyFlows.delete.heading')}</h2>${actionButton({ action: input.deleteAction, csrf: input.csrf, label: t('moneyFlows.delete.button'), danger: true })}` : ''}`;
}

// ---- importing a file -----------------------------------------------------------------------------

export function importPage(ctx: Context, input: { csrf: string; csv: string; problems: string[]; summary: Array<{ areaCode: string; areaTitle: string; year: number; flows: number; cents: number }> }): SafeHtml {
  const t = translator(ctx.locale);
  const slug = ctx.tenant!.slug;
  return html`${heading1(t('moneyFlows.import.title'))}
    ${paragraph(t('moneyFlows.import.intro'))}
    <pre class="ba-card">year;area_code;source;purpose;amount_eur;method;certainty
${t('moneyFlows.import.example')}</pre>
    ${paragraph(t('moneyFlows.import.columns', { sources: FUNDING_SOURCES.join(', '), certainties: CERTAINTIES.join(', ') }))}
    ${paragraph(t('moneyFlows.import.amounts'))}
    ${paragraph(t('moneyFlows.import.replace'))}
    ${paragraph(html`${link(exportPath(slug), t('moneyFlows.import.download'))}. ${t('moneyFlows.import.downloadNote')}`)}
    ${input.problems.length ? html`<div class="utrecht-alert utrecht-alert--error ba-error-summary" role="alert" tabindex="-1" id="error-summary">
      <h2 class="utrecht-heading-2">${t('moneyFlows.import.failed')}</h2>
      <ul class="utrecht-unordered-list">${input.problems.map((p) => html`<li>${p}</li>`)}</ul>
    </div>` : ''}
    ${form({ action: importPath(slug), csrf: input.csrf, enctype: 'multipart/form-data', submit: t('moneyFlows.import.submit'), body: html`
      <div class="utrecht-form-field">
        <div class="utrecht-form-field__label"><label class="utrecht-form-label" for="field-file">${t('moneyFlows.import.file')} <span class="ba-optional">(${t('form.optional')})</span></label></div>
        <div class="utrecht-form-field__input"><input class="utrecht-textbox" type="file" id="field-file" name="file" accept=".csv,text/csv"></div>
      </div>
      ${textArea(t, { name: 'csv', label: t('moneyFlows.import.paste'), hint: t('moneyFlows.import.pasteHint'), value: input.csv, errors: {}, rows: 8 })}` })}
    <h2 class="utrecht-heading-2">${t('moneyFlows.import.now')}</h2>
    ${table({
      caption: t('moneyFlows.import.now'), captionHidden: true, empty: t('moneyFlows.import.nothingYet'), rows: input.summary,
      columns: [
        { header: t('moneyFlows.import.area'), cell: (r) => link(moneyFlowsPath(slug, r.areaCode, r.year), r.areaTitle) },
        { header: t('moneyFlows.field.year'), cell: (r) => String(r.year) },
        { header: t('moneyFlows.page.flows'), numeric: true, cell: (r) => formatNumber(ctx.locale, r.flows) },
        { header: t('moneyFlows.page.total'), numeric: true, cell: (r) => euros(t, ctx.locale, r.cents) },
      ],
    })}`;
}
