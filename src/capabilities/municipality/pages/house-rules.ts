import { FORM_KEY_FIELD, newFormKey } from '../../../platform/http/form-keys.js';
import { html, type SafeHtml } from '../../../platform/html.js';
import { formatDateTime, type Locale, type Translate } from '../../../platform/i18n/index.js';
import { actionButton, errorSummary, form, heading1, link, paragraph, textArea, type FormErrors } from '../../../platform/ui/components.js';
import {
  comparisonBody, draftForm, draftLabels, renderBody, renderDiff, renderVersionHistory, versionBody, type DocumentDiff, type DocumentVersion, type DraftFields, type VersionSummary,
} from '../../../platform/versions/index.js';

/**
 * Pages of the house rules for contributions: the current version, the history, one version, a
 * comparison of two versions (public), and the administrator's draft editor and review page.
 */
export interface HouseRulesPaths {
  /** /{slug}/huisregels */
  base: string;
  /** /{slug}/beheer/huisregels */
  admin: string;
}

export const houseRulesPaths = (slug: string): HouseRulesPaths => ({ base: `/${slug}/huisregels`, admin: `/${slug}/beheer/huisregels` });
export const versionPath = (paths: HouseRulesPaths, number: number) => `${paths.base}/versies/${number}`;
export const comparePath = (paths: HouseRulesPaths, from: number, to: number) => `${paths.base}/vergelijken?van=${from}&naar=${to}`;

/** Section anchors on the page carry a prefix, so a section called "main" never clashes with the page's own ids. */
const anchor = (key: string) => `deel-${key}`;

function published(t: Translate, locale: Locale, version: VersionSummary): SafeHtml {
  return html`${t('municipality.houseRules.versionLine', { number: version.number })} <time datetime="${version.publishedAt}">${formatDateTime(locale, version.publishedAt)}</time>`;
}

export interface VersionPageInput {
  paths: HouseRulesPaths;
  locale: Locale;
  version: DocumentVersion;
  /** The number of the version that applies now. */
  latest: number;
  canEdit: boolean;
}

/** One published version: title, number and date, links (history, comparison, print, PDF), contents, sections. */
export function houseRulesVersionPage(t: Translate, input: VersionPageInput): SafeHtml {
  const { paths, version } = input;
  const isLatest = version.number === input.latest;
  const printBase = isLatest ? `${paths.base}/document` : `${versionPath(paths, version.number)}/document`;
  const links = [
    link(`${paths.base}/versies`, t('municipality.houseRules.history')),
    version.number > 1 ? link(comparePath(paths, version.number - 1, version.number), t('municipality.houseRules.compareWithPrevious', { number: version.number - 1 })) : null,
    link(printBase, t('municipality.houseRules.print')),
    link(`${printBase}.pdf`, t('municipality.houseRules.pdf')),
    input.canEdit ? link(paths.admin, t('municipality.houseRules.edit')) : null,
  ].filter((l): l is SafeHtml => l !== null);
  return html`${heading1(version.title)}
    <p class="utrecht-paragraph utrecht-paragraph--lead">${published(t, input.locale, version)}</p>
    ${isLatest
      ? paragraph(t('municipality.houseRules.currentVersion'))
      : html`<div class="utrecht-alert utrecht-alert--warning"><p class="utrecht-paragraph">${t('municipality.houseRules.olderVersion', { number: input.latest })} ${link(paths.base, t('municipality.houseRules.toCurrent'))}</p></div>`}
    <p class="utrecht-paragraph"><strong>${t('municipality.houseRules.changeSummary')}:</strong> ${version.summary}</p>
    <nav aria-label="${t('municipality.houseRules.more')}"><ul class="utrecht-unordered-list">${links.map((l) => html`<li>${l}</li>`)}</ul></nav>
    ${versionBody(t, { id: 'house-rules-contents', sections: version.content.sections.map((s) => ({ anchor: anchor(s.key), heading: s.heading, body: renderBody(s.body) })) })}`;
}

/** Before the first publication: say so plainly (and point an administrator at the editor). */
export function noHouseRulesPage(t: Translate, input: { paths: HouseRulesPaths; municipalityName: string; canEdit: boolean }): SafeHtml {
  return html`${heading1(t('municipality.houseRules.title'))}
    ${paragraph(t('municipality.houseRules.none', { name: input.municipalityName }))}
    ${input.canEdit ? paragraph(link(input.paths.admin, t('municipality.houseRules.noneAdmin'))) : ''}`;
}

export function houseRulesHistoryPage(t: Translate, input: { paths: HouseRulesPaths; locale: Locale; versions: VersionSummary[] }): SafeHtml {
  const { paths } = input;
  return html`${heading1(t('municipality.houseRules.historyTitle'))}
    ${paragraph(t('municipality.houseRules.historyIntro'))}
    ${renderVersionHistory(t, input.locale, input.versions, { versionHref: (n) => versionPath(paths, n), compareHref: (from, to) => comparePath(paths, from, to) })}
    ${paragraph(link(paths.base, t('municipality.houseRules.toCurrent')))}`;
}

export interface ComparePageInput {
  paths: HouseRulesPaths;
  from: number;
  to: number;
  diff: DocumentDiff;
  versions: VersionSummary[];
}

export function houseRulesComparePage(t: Translate, input: ComparePageInput): SafeHtml {
  const { paths, from, to } = input;
  return html`${heading1(t('municipality.houseRules.compareTitle', { from, to }))}
    ${paragraph(t('municipality.houseRules.compareIntro', { from, to }))}
    ${comparisonBody(t, { base: paths.base, from, to, diff: input.diff, versions: input.versions, historyLabel: t('municipality.houseRules.history') })}`;
}

// ---- administration ----------------------------------------------------------------------------

/** The editor's fields: sections already in the draft, plus one blank section to add at the end. */
export type DraftFormValues = DraftFields;

export function houseRulesLabels(t: Translate, sectionCount: number): Record<string, string> {
  return draftLabels(t, sectionCount, { title: t('municipality.houseRules.field.title'), summary: t('municipality.houseRules.field.summary') });
}

export interface EditPageInput {
  paths: HouseRulesPaths;
  csrf: string;
  values: DraftFormValues;
  errors: FormErrors;
  publishedVersion: number | null;
  hasDraft: boolean;
}

export function editHouseRulesPage(t: Translate, input: EditPageInput): SafeHtml {
  const { values, errors, paths } = input;
  const labels = houseRulesLabels(t, values.sections.length);
  const status = [
    input.publishedVersion ? t('municipality.houseRules.statusPublished', { number: input.publishedVersion }) : t('municipality.houseRules.statusNone'),
    input.hasDraft ? t('municipality.houseRules.statusDraft') : '',
  ].filter(Boolean).join(' ');
  return html`${heading1(t('municipality.houseRules.editTitle'))}
    ${paragraph(status)}
    ${input.hasDraft ? paragraph(link(`${paths.admin}/publiceren`, t('municipality.houseRules.toReview'))) : ''}
    ${input.publishedVersion ? paragraph(link(paths.base, t('municipality.houseRules.toCurrent'))) : ''}
    ${paragraph(t('municipality.houseRules.editIntro'))}
    ${errorSummary(t, errors, labels)}
    ${draftForm(t, { action: paths.admin, csrf: input.csrf, submit: t('municipality.houseRules.saveDraft'), values, labels, errors, sectionsRequired: true })}`;
}

export interface ReviewPageInput {
  paths: HouseRulesPaths;
  csrf: string;
  /** Null: there is no draft. */
  diff: DocumentDiff | null;
  nextNumber: number;
  revision: number;
  summary: string;
  errors: FormErrors;
}

export function reviewHouseRulesPage(t: Translate, input: ReviewPageInput): SafeHtml {
  const { paths, errors } = input;
  const labels = houseRulesLabels(t, 0);
  if (!input.diff) {
    return html`${heading1(t('municipality.houseRules.reviewTitle'))}
      ${errorSummary(t, errors, labels)}
      ${paragraph(t('municipality.houseRules.noDraft'))}
      ${paragraph(link(paths.admin, t('municipality.houseRules.backToEdit')))}`;
  }
  return html`${heading1(t('municipality.houseRules.reviewTitle'))}
    ${paragraph(t(input.nextNumber === 1 ? 'municipality.houseRules.reviewIntroFirst' : 'municipality.houseRules.reviewIntro'))}
    ${paragraph(link(paths.admin, t('municipality.houseRules.backToEdit')))}
    ${renderDiff(t, input.diff, { headingLevel: 2 })}
    <h2 class="utrecht-heading-2">${t('municipality.houseRules.publishTitle')}</h2>
    ${errorSummary(t, errors, labels)}
    ${form({ action: `${paths.admin}/publiceren`, csrf: input.csrf, submit: t('municipality.houseRules.publish', { number: input.nextNumber }), body: html`
      <input type="hidden" name="expectedRevision" value="${input.revision}">
      ${textArea(t, { name: 'summary', label: labels.summary!, value: input.summary, errors, required: true, rows: 3, hint: t('municipality.houseRules.summaryHint') })}` })}
    <h2 class="utrecht-heading-2">${t('municipality.houseRules.discardTitle')}</h2>
    ${paragraph(t('municipality.houseRules.discardText'))}
    ${actionButton({ action: `${paths.admin}/concept-weggooien`, csrf: input.csrf, label: t('municipality.houseRules.discard'), danger: true,
      fields: { expectedRevision: String(input.revision), [FORM_KEY_FIELD]: newFormKey() } })}`;
}
