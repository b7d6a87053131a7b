import { html, type SafeHtml } from '../../../platform/html.js';
import { formatDate, type Translate } from '../../../platform/i18n/index.js';
import { actionButton, errorSummary, form, heading1, link, paragraph, textArea, type FormErrors } from '../../../platform/ui/components.js';
import {
  comparisonBody, draftForm, draftLabels, renderDiff, renderVersionHistory, versionBody, type DocumentDiff, type DocumentVersion, type DraftFields, type VersionSummary,
} from '../../../platform/versions/index.js';
import { isStandardKey } from '../model.js';
import { renderSection, type PartContext } from '../parts.js';

/**
 * Pages of an area's neighbourhood picture: the published version (public), the history, one
 * version, the comparison of two versions, and for editors the draft's free sections and the
 * review page that shows what publishing would change.
 */
export interface PicturePaths {
  /** /{slug}/gebieden/{code}/wijkbeeld */
  base: string;
  area: string;
  api: string;
}

export const picturePaths = (slug: string, code: string): PicturePaths => ({
  base: `/${slug}/gebieden/${code}/wijkbeeld`, area: `/${slug}/gebieden/${code}`, api: `/api/v1/${slug}/areas/${code}/picture`,
});
export const versionPath = (paths: PicturePaths, number: number) => `${paths.base}/versies/${number}`;
export const comparePath = (paths: PicturePaths, from: number, to: number) => `${paths.base}/vergelijken?van=${from}&naar=${to}`;

/** Section anchors on the page carry a prefix, so a section's key never clashes with the page's own ids. */
const anchor = (key: string) => `wijkbeeld-${key}`;

/** The sections of a version, each with its heading, in the reader's language. */
export function versionSections(c: PartContext, version: Pick<DocumentVersion, 'content'>): Array<{ key: string; heading: string; body: SafeHtml }> {
  return version.content.sections.map((s) => ({ key: s.key, ...renderSection(s, c) }));
}

export interface VersionPageInput {
  paths: PicturePaths;
  areaTitle: string;
  version: DocumentVersion;
  year: number | null;
  latest: number;
  canEdit: boolean;
}

export function pictureVersionPage(c: PartContext, input: VersionPageInput): SafeHtml {
  const { t } = c;
  const { paths, version } = input;
  const isLatest = version.number === input.latest;
  const printBase = isLatest ? `${paths.base}/document` : `${versionPath(paths, version.number)}/document`;
  const sections = versionSections(c, version);
  const links = [
    link(`${paths.base}/versies`, t('picture.page.history')),
    version.number > 1 ? link(comparePath(paths, version.number - 1, version.number), t('picture.page.compareWithPrevious', { number: version.number - 1 })) : null,
    link(printBase, t('picture.page.print')),
    link(`${printBase}.pdf`, t('picture.page.pdf')),
    link(isLatest ? paths.api : `${paths.api}?version=${version.number}`, t('picture.page.api')),
    input.canEdit ? link(`${paths.base}/bewerken`, t('picture.page.edit')) : null,
  ].filter((l): l is SafeHtml => l !== null);
  return html`${heading1(version.title)}
    <p class="utrecht-paragraph utrecht-paragraph--lead">${t('picture.page.versionLine', { number: version.number })} <time datetime="${version.publishedAt}">${formatDate(c.locale, version.publishedAt)}</time>. ${input.year ? t('picture.page.figuresOf', { year: input.year }) : ''}</p>
    ${isLatest
      ? paragraph(t('picture.page.frozen'))
      : html`<div class="utrecht-alert utrecht-alert--warning"><p class="utrecht-paragraph">${t('picture.page.older', { number: input.latest })} ${link(paths.base, t('picture.page.toCurrent'))}</p></div>`}
    <p class="utrecht-paragraph"><strong>${t('picture.page.changeSummary')}:</strong> ${version.summary}</p>
    <nav aria-label="${t('picture.page.more')}"><ul class="utrecht-unordered-list">${links.map((l) => html`<li>${l}</li>`)}</ul></nav>
    ${versionBody(t, { id: 'wijkbeeld-inhoud', sections: sections.map((s) => ({ ...s, anchor: anchor(s.key) })), sectionClass: 'ba-picture-section' })}`;
}

export function noPicturePage(t: Translate, input: { paths: PicturePaths; areaTitle: string; canEdit: boolean }): SafeHtml {
  return html`${heading1(t('picture.defaultTitle', { area: input.areaTitle }))}
    ${paragraph(t('picture.page.none', { area: input.areaTitle }))}
    ${input.canEdit ? paragraph(link(`${input.paths.base}/bewerken`, t('picture.page.noneEditor'))) : ''}
    ${paragraph(link(input.paths.area, t('picture.page.toArea', { area: input.areaTitle })))}`;
}

export function pictureHistoryPage(c: PartContext, input: { paths: PicturePaths; areaTitle: string; versions: VersionSummary[] }): SafeHtml {
  const { paths } = input;
  return html`${heading1(c.t('picture.history.title', { area: input.areaTitle }))}
    ${paragraph(c.t('picture.history.intro'))}
    ${renderVersionHistory(c.t, c.locale, input.versions, { versionHref: (n) => versionPath(paths, n), compareHref: (from, to) => comparePath(paths, from, to) })}
    ${paragraph(link(paths.base, c.t('picture.page.toCurrent')))}`;
}

export function pictureComparePage(t: Translate, input: { paths: PicturePaths; from: number; to: number; diff: DocumentDiff; versions: VersionSummary[] }): SafeHtml {
  const { paths, from, to } = input;
  return html`${heading1(t('picture.compare.title', { from, to }))}
    ${paragraph(t('picture.compare.intro', { from, to }))}
    ${comparisonBody(t, { base: paths.base, from, to, diff: input.diff, versions: input.versions, historyLabel: t('picture.page.history') })}`;
}

// ---- editors -------------------------------------------------------------------------------------

export type DraftFormValues = DraftFields;

export function pictureLabels(t: Translate, sectionCount: number): Record<string, string> {
  return draftLabels(t, sectionCount, { title: t('picture.edit.field.title'), summary: t('picture.edit.field.summary'), areaCode: t('picture.title') });
}

export interface EditPageInput {
  paths: PicturePaths;
  areaTitle: string;
  csrf: string;
  values: DraftFormValues;
  errors: FormErrors;
  publishedVersion: number | null;
  hasDraft: boolean;
}

export function editPicturePage(t: Translate, input: EditPageInput): SafeHtml {
  const { values, errors, paths } = input;
  const labels = pictureLabels(t, values.sections.length);
  const status = [
    input.publishedVersion ? t('picture.edit.status.published', { number: input.publishedVersion }) : t('picture.edit.status.none'),
    input.hasDraft ? t('picture.edit.status.draft') : '',
  ].filter(Boolean).join(' ');
  return html`${heading1(t('picture.edit.title', { area: input.areaTitle }))}
    ${paragraph(status)}
    ${input.hasDraft ? paragraph(link(`${paths.base}/publiceren`, t('picture.edit.toReview'))) : ''}
    ${input.publishedVersion ? paragraph(link(paths.base, t('picture.page.toCurrent'))) : ''}
    ${paragraph(t('picture.edit.intro'))}
    ${errorSummary(t, errors, labels)}
    ${draftForm(t, {
      action: `${paths.base}/bewerken`, csrf: input.csrf, submit: t('picture.edit.save'), values, labels, errors, sectionsRequired: false,
      sectionHint: (section) => (isStandardKey(section.key) ? t('picture.edit.standardHint') : null),
    })}`;
}

export interface ReviewPageInput {
  paths: PicturePaths;
  areaTitle: string;
  csrf: string;
  /** Null: there is no draft. */
  diff: DocumentDiff | null;
  nextNumber: number;
  revision: number;
  summary: string;
  errors: FormErrors;
}

export function reviewPicturePage(t: Translate, input: ReviewPageInput): SafeHtml {
  const { paths, errors } = input;
  const labels = pictureLabels(t, 0);
  const title = heading1(t('picture.review.title', { area: input.areaTitle }));
  if (!input.diff) {
    return html`${title}${errorSummary(t, errors, labels)}
      ${paragraph(t('picture.review.noDraft'))}
      ${paragraph(link(`${paths.base}/bewerken`, t('picture.review.backToEdit')))}`;
  }
  return html`${title}
    ${paragraph(t(input.nextNumber === 1 ? 'picture.review.introFirst' : 'picture.review.intro'))}
    ${paragraph(link(`${paths.base}/bewerken`, t('picture.review.backToEdit')))}
    ${errorSummary(t, errors, labels)}
    ${form({ action: `${paths.base}/publiceren`, csrf: input.csrf, submit: t('picture.review.publish', { number: input.nextNumber }), body: html`
      <input type="hidden" name="expectedRevision" value="${input.revision}">
      ${textArea(t, { name: 'summary', label: labels.summary!, value: input.summary, errors, required: true, rows: 3, hint: t('picture.review.summaryHint') })}` })}
    ${actionButton({ action: `${paths.base}/concept-weggooien`, csrf: input.csrf, label: t('picture.review.discard'), danger: true, fields: { expectedRevision: String(input.revision) } })}
    ${renderDiff(t, input.diff, { headingLevel: 2, expandUnchanged: false })}`;
}
