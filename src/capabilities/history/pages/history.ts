import type { Context } from '../../../platform/context.js';
import { html, type HtmlValue, type SafeHtml } from '../../../platform/html.js';
import { formatDate, formatNumber, translator, type Translate } from '../../../platform/i18n/index.js';
import { renderModerated, reportLink, type ModerationState } from '../../../platform/moderation/index.js';
import { actionButton, dataList, errorSummary, form, heading1, link, paragraph, selectField, textArea, textField, type FormErrors } from '../../../platform/ui/components.js';
import { renderBody } from '../../../platform/versions/render.js';
import type { TenantArea } from '../../areas/index.js';
import { decadeOf, HISTORY_KINDS, isoOf, MAX_STORY, MAX_TITLE, SOURCE_ROWS, EDIT_HOURS, type HistoryKind, type ReferenceType, type Source, type When } from '../model.js';
import type { ResolvedReference } from '../references.js';
import { entryPath, historyPath, HISTORY_KIND } from '../service.js';
import type { HistoryEntry } from '../store.js';

/** One entry as the pages show it: with its author's public name, whether it is hidden, and what the viewer may do. */
export interface EntryView {
  entry: HistoryEntry;
  authorName: string | null;
  hidden: ModerationState | null;
  mine: boolean;
  canEdit: boolean;
  references: ResolvedReference[];
}

const MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'] as const;

/** "12 maart 1968", "maart 1968", "1968", "ca. 1968", "1965–1972". */
export function whenLabel(t: Translate, when: When): string {
  const month = when.month ? t(`history.month.${MONTHS[when.month - 1]}`) : '';
  switch (when.precision) {
    case 'day': return t('history.whenLabel.day', { day: when.day!, month, year: when.year });
    case 'month': return t('history.whenLabel.month', { month, year: when.year });
    case 'year': return String(when.year);
    case 'circa': return t('history.whenLabel.circa', { year: when.year });
    case 'period': return t('history.whenLabel.period', { from: when.year, to: when.yearTo! });
  }
}

export const kindName = (t: Translate, kind: HistoryKind) => t(`history.kind.${kind}`);

function timeOf(t: Translate, when: When): SafeHtml {
  return when.precision === 'circa' || when.precision === 'period'
    ? html`<span>${whenLabel(t, when)}</span>`
    : html`<time datetime="${isoOf(when)}">${whenLabel(t, when)}</time>`;
}

function sourceList(t: Translate, sources: readonly Source[]): SafeHtml {
  return html`<ul class="utrecht-unordered-list">${sources.map((s) => html`<li>${s.citation ?? ''}${s.citation && s.url ? ' — ' : ''}${s.url ? link(s.url, s.citation ? t('history.source.link') : s.url) : ''}</li>`)}</ul>`;
}

function referenceList(t: Translate, references: readonly ResolvedReference[], type: ReferenceType): SafeHtml | '' {
  const ofType = references.filter((r) => r.type === type);
  if (ofType.length === 0) return '';
  return html`<p class="utrecht-paragraph">${t(`history.reference.${type}s`)}: ${ofType.map((r, i) => html`${i ? ', ' : ''}${r.path ? link(r.path, r.title ?? r.id) : r.title ?? t(`history.reference.unresolved.${type}`, { id: r.id })}`)}</p>`;
}

/** The meta line of an entry: when, which kind, who wrote it. */
function metaLine(ctx: Context, view: EntryView): SafeHtml {
  const t = translator(ctx.locale);
  const { entry } = view;
  return html`<p class="utrecht-paragraph"><strong>${timeOf(t, entry.when)}</strong> · <span class="ba-tag">${kindName(t, entry.kind)}</span> · <span class="ba-small">${t('history.writtenBy', { name: view.authorName ?? t('history.unknownAuthor'), date: formatDate(ctx.locale, entry.createdAt) })}${view.mine ? html` (${t('history.you')})` : ''}${entry.editedAt ? html` · ${t('history.edited')}` : ''}</span></p>`;
}

// ---- the timeline -------------------------------------------------------------------------------

export interface TimelineInput {
  area: TenantArea;
  views: EntryView[];
  /** The kind filtered on, or null for all. */
  kind: HistoryKind | null;
  /** How many entries the area has in all. */
  total: number;
  canAdd: boolean;
  back: string;
}

/** The area's timeline: chronological, per decade, filterable by kind; every entry with its sources, so the page prints as a whole. */
export function timelinePage(ctx: Context, input: TimelineInput): SafeHtml {
  const t = translator(ctx.locale);
  const slug = ctx.tenant!.slug;
  const { area } = input;
  const decades = new Map<number, EntryView[]>();
  for (const view of input.views) decades.set(decadeOf(view.entry.when), [...(decades.get(decadeOf(view.entry.when)) ?? []), view]);
  const api = `/api/v1/${slug}/areas/${area.code}/history`;
  return html`${heading1(t('history.page.title', { area: area.title }))}
    ${paragraph(t('history.page.intro'))}
    ${addLink(ctx, input)}
    ${form({ method: 'get', action: historyPath(slug, area.code), csrf: '', submit: t('history.filter.submit'), body: selectField(t, {
      name: 'soort', label: t('history.filter.kind'), errors: {}, placeholder: t('history.filter.all'), value: input.kind ?? '',
      options: HISTORY_KINDS.map((k) => ({ value: k, label: kindName(t, k) })),
    }) })}
    ${paragraph(input.kind
      ? html`${t('history.page.countOf', { count: formatNumber(ctx.locale, input.views.length), total: formatNumber(ctx.locale, input.total), kind: kindName(t, input.kind).toLowerCase() })} ${link(historyPath(slug, area.code), t('history.filter.showAll'))}`
      : t(input.total === 1 ? 'history.page.countOne' : 'history.page.count', { count: formatNumber(ctx.locale, input.total) }))}
    ${input.views.length === 0 ? html`<p class="utrecht-paragraph ba-empty">${t(input.kind ? 'history.page.noneOfKind' : 'history.page.none')}</p>` : ''}
    ${[...decades].map(([decade, views]) => html`<section aria-labelledby="decennium-${decade}">
      <h2 class="utrecht-heading-2" id="decennium-${decade}">${t('history.page.decade', { from: decade, to: decade + 9 })}</h2>
      ${views.map((view) => timelineEntry(ctx, view))}
    </section>`)}
    <h2 class="utrecht-heading-2" id="open-data">${t('history.openData.heading')}</h2>
    ${paragraph(html`${t('history.openData.intro')} ${link(api, t('history.openData.json'))}`)}`;
}

function addLink(ctx: Context, input: { area: TenantArea; canAdd: boolean; back: string }): SafeHtml {
  const t = translator(ctx.locale);
  const slug = ctx.tenant!.slug;
  if (input.canAdd) return paragraph(link(`${historyPath(slug, input.area.code)}/nieuw`, t('history.addLink')));
  return cannotAdd(t, ctx, input.back);
}

/** What someone who may not add sees in place of the link or form. */
export function cannotAdd(t: Translate, ctx: Context, back: string): SafeHtml {
  if (ctx.actor.kind !== 'person') return paragraph(link(`/${ctx.tenant!.slug}/inloggen?terug=${encodeURIComponent(back)}`, t('history.signIn')));
  return paragraph(t('history.verifyFirst'));
}

function timelineEntry(ctx: Context, view: EntryView): SafeHtml {
  const t = translator(ctx.locale);
  const { entry } = view;
  const id = `gebeurtenis-${entry.id}`;
  if (view.hidden && !view.mine) {
    return html`<article class="ba-card" id="${id}">${metaLine(ctx, view)}${renderModerated(t, { kind: HISTORY_KIND, state: view.hidden, isAuthor: false, content: '' })}</article>`;
  }
  return html`<article class="ba-card" id="${id}" aria-labelledby="${id}-titel">
    <h3 class="utrecht-heading-3" id="${id}-titel">${link(entryPath(ctx.tenant!.slug, entry.areaCode, entry.id), entry.title)}</h3>
    ${metaLine(ctx, view)}
    ${renderModerated(t, { kind: HISTORY_KIND, state: view.hidden, isAuthor: view.mine, content: renderBody(entry.story) })}
    <h4 class="utrecht-heading-4">${t(entry.sources.length === 1 ? 'history.sources.one' : 'history.sources.heading')}</h4>
    ${sourceList(t, entry.sources)}
    ${referenceList(t, view.references, 'place')}
    ${referenceList(t, view.references, 'actor')}
  </article>`;
}

// ---- one entry ------------------------------------------------------------------------------------

export function entryPage(ctx: Context, input: { area: TenantArea; view: EntryView; csrf: string; comments: SafeHtml | null }): SafeHtml {
  const t = translator(ctx.locale);
  const slug = ctx.tenant!.slug;
  const { view, area } = input;
  const { entry } = view;
  const hiddenForMe = view.hidden !== null && !view.mine;
  const facts: Array<[string, HtmlValue]> = [
    [t('history.field.when'), timeOf(t, entry.when)],
    [t('history.field.kind'), kindName(t, entry.kind)],
    [t('history.entry.area'), link(historyPath(slug, area.code), t('history.entry.timelineOf', { area: area.title }))],
    [t('history.entry.writtenBy'), html`${view.authorName ?? t('history.unknownAuthor')}${view.mine ? html` (${t('history.you')})` : ''}, ${formatDate(ctx.locale, entry.createdAt)}${entry.editedAt ? html` · ${t('history.edited')}` : ''}`],
  ];
  const base = entryPath(slug, entry.areaCode, entry.id);
  const tools: SafeHtml[] = [];
  if (view.canEdit) {
    tools.push(paragraph(link(`${base}/bewerken`, t('history.editLink'))));
    tools.push(actionButton({ action: `${base}/verwijderen`, csrf: input.csrf, label: t('history.deleteButton'), danger: true }));
  }
  if (!view.mine && !view.hidden) tools.push(paragraph(reportLink(t, `/${slug}`, HISTORY_KIND, entry.id, entry.title)));
  return html`${heading1(hiddenForMe ? t('history.moderation.label') : entry.title)}
    ${dataList(facts)}
    ${renderModerated(t, { kind: HISTORY_KIND, state: view.hidden, isAuthor: view.mine, content: html`
      <h2 class="utrecht-heading-2">${t('history.entry.story')}</h2>
      ${renderBody(entry.story)}
      <h2 class="utrecht-heading-2">${t('history.sources.heading')}</h2>
      ${sourceList(t, entry.sources)}
      ${view.references.length ? html`<h2 class="utrecht-heading-2">${t('history.reference.heading')}</h2>${referenceList(t, view.references, 'place')}${referenceList(t, view.references, 'actor')}` : ''}` })}
    ${tools}
    ${input.comments ?? ''}
    ${paragraph(link(historyPath(slug, area.code), t('history.entry.back', { area: area.title })))}`;
}

// ---- the form -----------------------------------------------------------------------------------

export function entryLabels(t: Translate): Record<string, string> {
  const labels: Record<string, string> = {
    title: t('history.field.title'), kind: t('history.field.kind'), when: t('history.field.when'), story: t('history.field.story'),
    sources: t('history.sources.heading'), references: t('history.reference.heading'),
  };
  for (let i = 1; i <= SOURCE_ROWS; i++) {
    labels[`citation${i}`] = t('history.field.citation', { number: i });
    labels[`url${i}`] = t('history.field.url', { number: i });
  }
  return labels;
}

/** A form field name for a field the service names ("sources.0.url" → "url1"). */
export function formFieldOf(field: string): string {
  const m = /^sources\.(\d+)\.(citation|url)$/.exec(field);
  return m ? `${m[2]}${Number(m[1]) + 1}` : field.startsWith('references') ? 'references' : field;
}

export interface EntryFormInput {
  area: TenantArea;
  action: string;
  submit: string;
  csrf: string;
  values: Record<string, string>;
  /** Ticked references per type. */
  chosen: Record<ReferenceType, string[]>;
  /** What the form offers to refer to (only the kinds whose capability registered). */
  choices: Partial<Record<ReferenceType, Array<{ id: string; title: string }>>>;
  errors: FormErrors;
  cancel: string;
  editing: boolean;
}

export function entryForm(ctx: Context, input: EntryFormInput): SafeHtml {
  const t = translator(ctx.locale);
  const labels = entryLabels(t);
  const { values, errors } = input;
  const sourcesError = errors.sources;
  const rows = [];
  for (let i = 1; i <= SOURCE_ROWS; i++) {
    rows.push(html`<div class="ba-fieldset">
      ${textField(t, { name: `citation${i}`, label: labels[`citation${i}`]!, value: values[`citation${i}`], errors, maxLength: 300 })}
      ${textField(t, { name: `url${i}`, label: labels[`url${i}`]!, type: 'url', value: values[`url${i}`], errors, maxLength: 500 })}
    </div>`);
  }
  const referenceGroups = (['place', 'actor'] as const).filter((type) => (input.choices[type] ?? []).length > 0).map((type) => html`
    <fieldset class="utrecht-form-fieldset ba-fieldset">
      <legend class="utrecht-form-fieldset__legend">${t(`history.reference.${type}s`)} <span class="ba-optional">(${t('form.optional')})</span></legend>
      ${input.choices[type]!.map((c, i) => html`<div class="utrecht-form-field utrecht-form-field--checkbox">
        <input class="utrecht-checkbox utrecht-checkbox--html-input" type="checkbox" id="field-${type}-${i}" name="${type}" value="${c.id}"${input.chosen[type].includes(c.id) ? html` checked` : ''}>
        <label class="utrecht-form-label utrecht-form-label--checkbox" for="field-${type}-${i}">${c.title}</label>
      </div>`)}
    </fieldset>`);
  return html`${errorSummary(t, errors, labels)}
    ${form({ action: input.action, csrf: input.csrf, submit: input.submit, secondary: link(input.cancel, t('history.cancel')), body: html`
      ${textField(t, { name: 'title', label: labels.title!, hint: t('history.field.titleHint'), value: values.title, errors, required: true, maxLength: MAX_TITLE })}
      ${selectField(t, { name: 'kind', label: labels.kind!, errors, required: true, placeholder: t('history.field.kindChoose'), value: values.kind ?? '', options: HISTORY_KINDS.map((k) => ({ value: k, label: kindName(t, k) })) })}
      ${textField(t, { name: 'when', label: labels.when!, hint: t('history.field.whenHint'), value: values.when, errors, required: true, maxLength: 40 })}
      ${textArea(t, { name: 'story', label: labels.story!, hint: t('history.field.storyHint', { maximum: MAX_STORY }), value: values.story, errors, rows: 8, required: true })}
      <fieldset class="utrecht-form-fieldset ba-fieldset${sourcesError ? ' utrecht-form-fieldset--invalid' : ''}" id="field-sources" tabindex="-1" aria-describedby="hint-sources${sourcesError ? ' error-sources' : ''}">
        <legend class="utrecht-form-fieldset__legend">${labels.sources}</legend>
        <div class="utrecht-form-field-description" id="hint-sources">${t('history.field.sourcesHint')}</div>
        ${sourcesError ? html`<div class="utrecht-form-field-error-message" id="error-sources">${sourcesError}</div>` : ''}
        ${rows}
      </fieldset>
      ${errors.references ? html`<div class="utrecht-form-field-error-message" id="field-references" tabindex="-1">${errors.references}</div>` : ''}
      ${referenceGroups}
      ${input.editing ? '' : paragraph(t('history.form.editWindow', { hours: EDIT_HOURS }))}` })}`;
}
