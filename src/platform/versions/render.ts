import { html, unsafeRaw, type SafeHtml } from '../html.js';
import { formatDateTime, type Locale, type Translate } from '../i18n/index.js';
import type { PrintSection } from '../documents/print.js';
import { PARAGRAPH_BREAK, paragraphsOf, type DocumentContent, type DocumentDiff, type SectionDiff, type TextChange } from './model.js';
import type { VersionSummary } from './service.js';

/**
 * HTML for versioned documents: a section body as paragraphs, a difference with <ins>/<del>, and
 * the version history. A change is never told by colour alone: inserted text is underlined,
 * removed text struck through, and both carry visually hidden labels for screen readers.
 */
type HeadingLevel = 2 | 3 | 4;

function lines(text: string): SafeHtml {
  const parts = text.split('\n');
  return html`${parts.map((part, i) => (i === 0 ? part : html`<br>${part}`))}`;
}

/** A plain-text body as paragraphs (blank lines separate paragraphs, a single newline is a line break). */
export function renderBody(body: string): SafeHtml {
  return html`${paragraphsOf(body).map((p) => html`<p class="utrecht-paragraph">${lines(p)}</p>`)}`;
}

/** A version's sections for printDocument (anchors are the section keys). */
export function printSections(content: DocumentContent): PrintSection[] {
  return content.sections.map((s) => ({ id: s.key, heading: s.heading, body: renderBody(s.body) }));
}

function marked(t: Translate, change: TextChange, text: string): SafeHtml {
  if (change.op === 'insert') {
    return html`<ins class="ba-diff-ins"><span class="ba-visually-hidden">${t('versions.diff.inserted')} </span>${lines(text)}<span class="ba-visually-hidden"> (${t('versions.diff.insertedEnd')})</span></ins>`;
  }
  if (change.op === 'delete') {
    return html`<del class="ba-diff-del"><span class="ba-visually-hidden">${t('versions.diff.deleted')} </span>${lines(text)}<span class="ba-visually-hidden"> (${t('versions.diff.deletedEnd')})</span></del>`;
  }
  return lines(text);
}

/** Word-level changes as paragraphs; an insertion or removal that spans paragraphs is marked in each. */
export function renderChanges(t: Translate, changes: readonly TextChange[], options: { inline?: boolean } = {}): SafeHtml {
  const paragraphs: SafeHtml[][] = [[]];
  for (const change of changes) {
    change.text.split(PARAGRAPH_BREAK).forEach((part, i) => {
      if (i > 0) paragraphs.push([]);
      if (part !== '') paragraphs[paragraphs.length - 1]!.push(marked(t, change, part));
    });
  }
  const filled = paragraphs.filter((p) => p.length > 0);
  if (options.inline) return html`${filled.map((p, i) => html`${i > 0 ? ' ' : ''}${p}`)}`;
  return html`${filled.map((p) => html`<p class="utrecht-paragraph">${p}</p>`)}`;
}

function tag(t: Translate, status: SectionDiff['status'] | 'moved'): SafeHtml {
  return html`<span class="ba-tag ba-diff-tag ba-diff-tag--${status}">${t(`versions.status.${status}`)}</span>`;
}

export interface RenderDiffOptions {
  /** Level of the section headings (default 2). */
  headingLevel?: HeadingLevel;
  /** Prefix for the sections' ids, when several differences share a page (default "diff-"). */
  idPrefix?: string;
  /** Show unchanged sections' text openly instead of behind a disclosure (e.g. for print). */
  expandUnchanged?: boolean;
}

function sectionDiff(t: Translate, section: SectionDiff, options: Required<RenderDiffOptions>): SafeHtml {
  const level = options.headingLevel;
  const id = `${options.idPrefix}${section.key}`;
  const open = unsafeRaw(`<h${level} class="utrecht-heading-${level}" id="`);
  const close = unsafeRaw(`</h${level}>`);
  const body = section.bodyChanges.length
    ? renderChanges(t, section.bodyChanges)
    : html`<p class="utrecht-paragraph ba-empty">${t('versions.diff.emptyBody')}</p>`;
  const headingChanged = section.status === 'changed' && section.headingChanges.some((c) => c.op !== 'equal');
  return html`<section class="ba-diff-section ba-diff-section--${section.status}" aria-labelledby="${id}">
    ${open}${id}">${section.heading}${close}
    <p class="ba-diff-status">${tag(t, section.status)}${section.moved ? html` ${tag(t, 'moved')}` : ''}</p>
    ${headingChanged ? html`<p class="utrecht-paragraph ba-diff-heading-change">${t('versions.diff.previousHeading')} ${renderChanges(t, section.headingChanges, { inline: true })}</p>` : ''}
    ${section.status === 'unchanged' && !options.expandUnchanged
      ? (section.bodyChanges.length ? html`<details class="ba-diff-unchanged"><summary>${t('versions.diff.showUnchanged')}</summary>${body}</details>` : '')
      : body}
    ${section.dataChanged && section.status === 'changed' ? html`<p class="utrecht-paragraph ba-diff-data">${t('versions.diff.dataChanged')}</p>` : ''}
  </section>`;
}

/** The difference between two versions as HTML: legend, counts, title change, then every section. */
export function renderDiff(t: Translate, diff: DocumentDiff, options: RenderDiffOptions = {}): SafeHtml {
  const resolved: Required<RenderDiffOptions> = { headingLevel: options.headingLevel ?? 2, idPrefix: options.idPrefix ?? 'diff-', expandUnchanged: options.expandUnchanged ?? false };
  if (diff.identical) return html`<div class="ba-diff"><p class="utrecht-paragraph">${t('versions.diff.identical')}</p></div>`;
  return html`<div class="ba-diff">
    <p class="utrecht-paragraph ba-diff-legend">${t('versions.diff.legend')}</p>
    <p class="utrecht-paragraph ba-diff-counts">${t('versions.diff.counts', diff.counts)}</p>
    ${diff.title.changed ? html`<p class="utrecht-paragraph ba-diff-title"><strong>${t('versions.diff.title')}:</strong> ${renderChanges(t, diff.title.changes, { inline: true })}</p>` : ''}
    ${diff.sections.map((section) => sectionDiff(t, section, resolved))}
  </div>`;
}

export interface VersionHistoryOptions {
  /** Link to a version's page. */
  versionHref?: (number: number) => string;
  /** Link to the difference between a version and the one before it. */
  compareHref?: (from: number, to: number) => string;
}

/** The published versions as a table, newest first. */
export function renderVersionHistory(t: Translate, locale: Locale, versions: readonly VersionSummary[], options: VersionHistoryOptions = {}): SafeHtml {
  if (versions.length === 0) return html`<p class="utrecht-paragraph ba-empty">${t('versions.history.empty')}</p>`;
  return html`<div class="utrecht-table-container ba-table-container"><table class="utrecht-table utrecht-table--html-table ba-version-history">
    <caption class="utrecht-table__caption">${t('versions.history.caption')}</caption>
    <thead class="utrecht-table__header"><tr class="utrecht-table__row">
      <th scope="col" class="utrecht-table__header-cell">${t('versions.history.number')}</th>
      <th scope="col" class="utrecht-table__header-cell">${t('versions.history.publishedAt')}</th>
      <th scope="col" class="utrecht-table__header-cell">${t('versions.history.summary')}</th>
      <th scope="col" class="utrecht-table__header-cell">${t('versions.history.decision')}</th>
    </tr></thead>
    <tbody class="utrecht-table__body">${versions.map((v) => html`<tr class="utrecht-table__row">
      <th scope="row" class="utrecht-table__cell">${options.versionHref ? html`<a class="utrecht-link" href="${options.versionHref(v.number)}">${t('versions.version', { number: v.number })}</a>` : t('versions.version', { number: v.number })}</th>
      <td class="utrecht-table__cell"><time datetime="${v.publishedAt}">${formatDateTime(locale, v.publishedAt)}</time></td>
      <td class="utrecht-table__cell">${lines(v.summary)}${options.compareHref && v.number > 1 ? html`<br><a class="utrecht-link" href="${options.compareHref(v.number - 1, v.number)}">${t('versions.history.compare', { number: v.number - 1 })}</a>` : ''}</td>
      <td class="utrecht-table__cell">${v.decisionReference ?? ''}</td>
    </tr>`)}</tbody>
  </table></div>`;
}
