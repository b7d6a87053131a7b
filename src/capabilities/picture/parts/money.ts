import { html } from '../../../platform/html.js';
import { formatNumber } from '../../../platform/i18n/index.js';
import { link, paragraph } from '../../../platform/ui/components.js';
import { areaMoney, euros, moneyFlowsPath, sankeyFigure, totalsBySource, type Certainty, type FundingSource } from '../../money-flows/index.js';
import { capped } from '../model.js';
import { registerPicturePart, type PartContext } from '../parts.js';

/**
 * Part 2d, the public money flowing through the area (money-flows capability): the flows of the
 * latest year with figures (up to the picture's year), as a flow diagram with its table, the
 * total and per resident, and per flow how the figure was made and where it comes from.
 */
export const MAX_FLOWS = 60;

interface Flow {
  source: FundingSource;
  purpose: string;
  cents: number;
  certainty: Certainty;
  method: string;
  figureSource: string | null;
}
export interface MoneyData {
  /** Null: no flows recorded up to the picture's year. */
  year: number | null;
  totalCents: number;
  perResidentCents: number | null;
  residents: number | null;
  flows: Flow[];
  more: number;
}

const eur = (c: PartContext, cents: number) => euros(c.t, c.locale, cents);

function summary(c: PartContext, d: MoneyData): string {
  return c.t(d.perResidentCents === null ? 'picture.money.summaryNoResidents' : 'picture.money.summary', {
    year: d.year ?? '', total: eur(c, d.totalCents), perResident: d.perResidentCents === null ? '' : eur(c, d.perResidentCents),
    residents: d.residents === null ? '' : formatNumber(c.locale, d.residents), flows: formatNumber(c.locale, d.flows.length + d.more),
  });
}

registerPicturePart<MoneyData>({
  name: 'money',
  order: 60,
  titleKey: 'picture.part.money',
  async assemble(db, { tenant, area, year }) {
    const years = (await areaMoney(db, tenant.id, area.code, undefined, year)).years.filter((y) => y <= year);
    const chosen = years[0];
    if (chosen === undefined) return { year: null, totalCents: 0, perResidentCents: null, residents: null, flows: [], more: 0 };
    const money = await areaMoney(db, tenant.id, area.code, chosen, year);
    const sorted = [...money.flows].sort((a, b) => b.amountCents - a.amountCents || a.purpose.localeCompare(b.purpose, 'nl') || a.id.localeCompare(b.id));
    const { items, more } = capped(sorted, MAX_FLOWS);
    return {
      year: money.year, totalCents: money.totalCents, perResidentCents: money.perResidentCents, residents: money.residents?.count ?? null, more,
      flows: items.map((f) => ({ source: f.source, purpose: f.purpose, cents: f.amountCents, certainty: f.certainty, method: f.method, figureSource: f.figureSource })),
    };
  },
  render(data, c) {
    const page = paragraph(link(`${c.origin}${moneyFlowsPath(c.slug, c.areaCode, data.year ?? undefined)}`, c.t('picture.money.link')));
    if (data.year === null) return html`${paragraph(c.t('picture.money.none'))}${page}`;
    const sourceName = (s: FundingSource) => c.t(`moneyFlows.source.${s}`);
    return html`${paragraph(summary(c, data))}
      ${sankeyFigure<Flow>(c, {
        id: 'wijkbeeld-geldstromen', title: c.t('picture.money.diagram', { year: data.year }),
        flows: data.flows.map((f) => ({ source: f.source, purpose: f.purpose, cents: f.cents })), sourceName, otherPurposes: c.t('picture.money.otherPurposes'),
        description: totalsBySource(data.flows.map((f) => ({ source: f.source, amountCents: f.cents }))).map((s) => `${sourceName(s.source)}: ${eur(c, s.cents)}`).join('; '),
        table: {
          rows: data.flows,
          columns: [
            { header: c.t('picture.money.source'), cell: (f) => sourceName(f.source) },
            { header: c.t('picture.money.purpose'), cell: (f) => f.purpose },
            { header: c.t('picture.money.amount'), numeric: true, cell: (f) => eur(c, f.cents) },
            { header: c.t('picture.money.certainty'), cell: (f) => c.t(`moneyFlows.certainty.${f.certainty}`) },
          ],
        },
      })}
      <h3 class="utrecht-heading-3">${c.t('picture.money.figureSource')}</h3>
      <ul class="utrecht-unordered-list">${data.flows.map((f) => html`<li><strong>${f.purpose}</strong> (${sourceName(f.source)}): ${f.method}${f.figureSource ? html` <span class="ba-small">${c.t('picture.money.sourceOf', { source: f.figureSource })}</span>` : ''}</li>`)}</ul>
      ${data.more ? paragraph(c.t('picture.money.more', { count: formatNumber(c.locale, data.more) })) : ''}
      ${page}`;
  },
  text(data, c) {
    if (data.year === null) return c.t('picture.money.none');
    return [summary(c, data), ...data.flows.map((f) => `${c.t(`moneyFlows.source.${f.source}`)}, ${f.purpose}: ${eur(c, f.cents)} (${c.t(`moneyFlows.certainty.${f.certainty}`)})`)].join('\n\n');
  },
});
