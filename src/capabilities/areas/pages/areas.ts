import { html, type HtmlValue, type SafeHtml } from '../../../platform/html.js';
import { formatNumber, type Locale, type Translate } from '../../../platform/i18n/index.js';
import { dataList, heading1, link, paragraph } from '../../../platform/ui/components.js';
import type { AreaKind } from '../codes.js';
import { areaLabel, squareKilometres, type Area, type AreaSummary } from '../model.js';
import { areaMap, type MapShape } from './map.js';

/** Where an area's page is, for a code and a year (tenant pages and national pages differ). */
export type AreaHref = (code: string, year: number) => string;

export function kindName(t: Translate, kind: AreaKind): string {
  return t(`areas.kind.${kind}`);
}

/** "Buurt Lindenhof", or "Wijk WK032705" for a placeholder. */
export function areaTitle(t: Translate, area: Pick<AreaSummary, 'kind' | 'code' | 'name'>): string {
  return t('areas.title', { kind: kindName(t, area.kind), name: areaLabel(area) });
}

function km2(t: Translate, locale: Locale, areaM2: number | null): string {
  const value = squareKilometres(areaM2);
  return value === null ? t('areas.unknown') : t('areas.km2', { value: formatNumber(locale, value) });
}

function yearLinks(t: Translate, years: number[], current: number, href: (year: number) => string): SafeHtml {
  return html`<ul class="utrecht-unordered-list ba-year-list">${years.map((y) => y === current
    ? html`<li><a class="utrecht-link" href="${href(y)}" aria-current="page">${t('areas.yearCurrent', { year: y })}</a></li>`
    : html`<li>${link(href(y), String(y))}</li>`)}</ul>`;
}

// ---- the municipality's districts and neighbourhoods -------------------------------------------

export interface MunicipalityAreasInput {
  municipalityName: string;
  year: number;
  years: number[];
  /** The municipality's own area (for the outline), if known in this year. */
  municipality: Area | null;
  districts: Area[];
  neighbourhoods: AreaSummary[];
  href: AreaHref;
  listHref: (year: number) => string;
  budgetAreasHref: string;
}

export function municipalityAreasPage(t: Translate, locale: Locale, input: MunicipalityAreasInput): SafeHtml {
  const { districts, neighbourhoods, year } = input;
  const title = t('areas.list.title');
  const byDistrict = new Map<string, AreaSummary[]>();
  for (const n of neighbourhoods) {
    const list = byDistrict.get(n.parentCode ?? '') ?? [];
    list.push(n);
    byDistrict.set(n.parentCode ?? '', list);
  }
  // The municipality's own outline underneath, its districts (linked) on top.
  const shapes: MapShape[] = input.municipality?.geometry ? [{ geometry: input.municipality.geometry, label: input.municipalityName, self: true }] : [];
  shapes.push(...districts.filter((d) => d.geometry).map((d) => ({
    geometry: d.geometry!, href: input.href(d.code, year), label: t('areas.map.linkLabel', { title: areaTitle(t, d), code: d.code }), caption: d.name ?? undefined,
  })));
  const map = shapes.length ? areaMap({ id: 'municipality', title: t('areas.map.municipalityTitle', { name: input.municipalityName, year }), shapes }) : null;

  const otherYears = input.years.length > 1
    ? html`<h2 class="utrecht-heading-2">${t('areas.list.years')}</h2>${paragraph(t('areas.list.yearsIntro'))}${yearLinks(t, input.years, year, input.listHref)}`
    : '';

  if (districts.length === 0 && neighbourhoods.length === 0) {
    return html`${heading1(title)}
      ${paragraph(t('areas.list.empty', { name: input.municipalityName, year }))}
      ${input.years.length ? html`<h2 class="utrecht-heading-2">${t('areas.list.years')}</h2>${yearLinks(t, input.years, year, input.listHref)}` : ''}`;
  }

  const districtItem = (d: AreaSummary): SafeHtml => {
    const children = byDistrict.get(d.code) ?? [];
    return html`<li>${link(input.href(d.code, year), areaTitle(t, d))} <span class="ba-small">(${d.code}${d.areaM2 !== null ? html`, ${km2(t, locale, d.areaM2)}` : ''})</span>
      ${children.length ? html`<ul class="utrecht-unordered-list">${children.map((n) => html`<li>${link(input.href(n.code, year), areaLabel(n))} <span class="ba-small">(${n.code})</span></li>`)}</ul>` : ''}</li>`;
  };
  const knownDistricts = new Set(districts.map((d) => d.code));
  const orphans = neighbourhoods.filter((n) => !knownDistricts.has(n.parentCode ?? ''));

  return html`${heading1(title)}
    ${paragraph(t('areas.list.intro', { name: input.municipalityName, districts: districts.length, neighbourhoods: neighbourhoods.length, year }))}
    ${map ? html`<h2 class="utrecht-heading-2">${t('areas.map.heading')}</h2>
      ${paragraph(t('areas.map.municipalityHelp'))}
      ${map}` : ''}
    <h2 class="utrecht-heading-2" id="lijst">${t('areas.list.heading')}</h2>
    <ul class="utrecht-unordered-list ba-area-tree">${districts.map(districtItem)}</ul>
    ${orphans.length ? html`<h3 class="utrecht-heading-3">${t('areas.list.withoutDistrict')}</h3>
      <ul class="utrecht-unordered-list">${orphans.map((n) => html`<li>${link(input.href(n.code, year), areaLabel(n))} <span class="ba-small">(${n.code})</span></li>`)}</ul>` : ''}
    ${paragraph(html`${t('areas.list.budgetAreas')} ${link(input.budgetAreasHref, t('areas.budget.title'))}.`)}
    ${otherYears}`;
}

// ---- one area --------------------------------------------------------------------------------

export interface AreaPageInput {
  area: Area;
  /** From the municipality down to the direct parent. */
  ancestors: AreaSummary[];
  /** Direct children, with their boundaries (drawn and linked on the map). */
  children: Area[];
  /** The parent's other children (drawn as context for an area without children). */
  siblings: Area[];
  /** The parent with its boundary, to frame a neighbourhood among its siblings. */
  parent: Area | null;
  years: number[];
  href: AreaHref;
  /** Actions beside the title (e.g. the follow button on a municipality's own pages). */
  actions?: SafeHtml;
  /** Sections other capabilities add (on a municipality's own pages; see sections.ts). */
  sections?: SafeHtml;
  /** Residents' comments (on a municipality's own pages). */
  comments?: SafeHtml;
  /** Pages for which the ancestors are linked (a tenant does not link outside itself). */
  linkable: (code: string) => boolean;
}

export function areaPage(t: Translate, locale: Locale, input: AreaPageInput): SafeHtml {
  const { area, children } = input;
  const title = areaTitle(t, area);
  const label = areaLabel(area);
  const year = area.divisionYear;

  let map: SafeHtml | null = null;
  if (children.some((c) => c.geometry)) {
    // Its own boundary underneath (it shows where children leave gaps), its children (linked) on
    // top. A placeholder has no boundary of its own, but its children still show where it is.
    const shapes: MapShape[] = area.geometry ? [{ geometry: area.geometry, label, self: true }] : [];
    shapes.push(...children.filter((c) => c.geometry).map((c) => ({
      geometry: c.geometry!, href: input.href(c.code, year), label: t('areas.map.linkLabel', { title: areaTitle(t, c), code: c.code }), caption: c.name ?? undefined,
    })));
    // Framed on the area and all its children: simplified files do not always nest exactly.
    map = areaMap({ id: area.code, title: t('areas.map.childrenTitle', { title, year }), shapes });
  } else if (area.geometry) {
    // No children: show where it lies among its neighbours (or on its own).
    const shapes: MapShape[] = input.siblings.filter((s) => s.geometry && s.code !== area.code).map((s) => ({
      geometry: s.geometry!, href: input.href(s.code, year), label: t('areas.map.linkLabel', { title: areaTitle(t, s), code: s.code }), caption: s.name ?? undefined,
    }));
    shapes.push({ geometry: area.geometry, label, self: true, caption: area.name ?? undefined });
    const frame = shapes.length > 1 ? input.parent?.bbox ?? undefined : area.bbox ?? undefined;
    map = areaMap({ id: area.code, title: t('areas.map.locationTitle', { title, year }), frame, shapes });
  }

  const notes: HtmlValue[] = [];
  if (area.placeholder) notes.push(paragraph(t('areas.note.placeholder', { code: area.code })));
  if (area.zeroArea) notes.push(paragraph(t('areas.note.zeroArea')));
  if (area.geometry && !map && !area.zeroArea) notes.push(paragraph(t('areas.note.tooSmall')));

  const above = input.ancestors.length
    ? html`${input.ancestors.map((a, i) => html`${i > 0 ? ', ' : ''}${input.linkable(a.code) ? link(input.href(a.code, year), areaTitle(t, a)) : areaTitle(t, a)}`)}`
    : area.kind === 'municipality' ? t('areas.country') : t('areas.unknown');
  const childKind: AreaKind | null = area.kind === 'municipality' ? 'district' : area.kind === 'district' ? 'neighbourhood' : null;
  const facts: Array<[string, HtmlValue]> = [
    [t('areas.fact.kind'), kindName(t, area.kind)],
    [t('areas.fact.code'), area.code],
    [t('areas.fact.year'), String(year)],
    [t('areas.fact.above'), above],
    [t('areas.fact.size'), area.placeholder ? t('areas.unknown') : km2(t, locale, area.areaM2)],
  ];
  if (childKind) facts.push([t(`areas.fact.count.${childKind}`), String(children.length)]);

  return html`${heading1(title)}${input.actions ?? ''}
    ${paragraph(t(`areas.intro.${area.kind}`, { name: label, year }))}
    ${notes.length ? html`<div class="utrecht-alert utrecht-alert--info" role="note">${notes}</div>` : ''}
    ${dataList(facts)}
    ${map ? html`<h2 class="utrecht-heading-2">${t('areas.map.heading')}</h2>${paragraph(t(children.length ? 'areas.map.childrenHelp' : 'areas.map.locationHelp'))}${map}` : ''}
    ${childKind ? html`<h2 class="utrecht-heading-2">${t(`areas.children.${childKind}`, { name: label })}</h2>
      ${children.length
        ? html`<ul class="utrecht-unordered-list">${children.map((c) => html`<li>${link(input.href(c.code, year), areaLabel(c))} <span class="ba-small">(${c.code}${c.placeholder ? html`, ${t('areas.placeholderShort')}` : ''})</span></li>`)}</ul>`
        : paragraph(t('areas.children.none'))}` : ''}
    <h2 class="utrecht-heading-2">${t('areas.years.heading')}</h2>
    ${input.years.length > 1
      ? html`${paragraph(t('areas.years.intro', { code: area.code }))}${yearLinks(t, input.years, year, (y) => input.href(area.code, y))}`
      : paragraph(t('areas.years.only', { year }))}
    ${input.sections ?? ''}
    ${input.comments ?? ''}`;
}

// ---- the national register -----------------------------------------------------------------

export function nationalIndexPage(t: Translate, input: { year: number | null; years: number[]; municipalities: AreaSummary[]; href: AreaHref; listHref: (year: number) => string }): SafeHtml {
  if (input.year === null) return html`${heading1(t('areas.national.title'))}${paragraph(t('areas.national.empty'))}`;
  const year = input.year;
  return html`${heading1(t('areas.national.title'))}
    ${paragraph(t('areas.national.intro', { count: input.municipalities.length, year }))}
    ${input.years.length > 1 ? html`<h2 class="utrecht-heading-2">${t('areas.list.years')}</h2>${yearLinks(t, input.years, year, input.listHref)}` : ''}
    <h2 class="utrecht-heading-2">${t('areas.national.municipalities', { year })}</h2>
    <ul class="utrecht-unordered-list ba-columns">${input.municipalities.map((m) => html`<li>${link(input.href(m.code, year), areaLabel(m))} <span class="ba-small">(${m.code}${m.placeholder ? html`, ${t('areas.placeholderShort')}` : ''})</span></li>`)}</ul>`;
}
