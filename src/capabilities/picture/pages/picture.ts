import { html, type SafeHtml } from '../../../platform/html.js';
import { formatDate, type Translate } from '../../../platform/i18n/index.js';
import { actionButton, errorSummary, form, heading1, link, paragraph, selectField, textArea, textField, type FormErrors } from '../../../platform/ui/components.js';
import { renderDiff, renderVersionHistory, type DocumentDiff, type DocumentVersion, type VersionSummary } from '../../../platform/versions/index.js';
import { isStandardKey, type FreeSectionInput } from '../model.js';
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
    <nav aria-labelledby="wijkbeeld-inhoud"><h2 class="utrecht-heading-2" id="wijkbeeld-inhoud">${t('picture.page.contents')}</h2>
      <ol class="utrecht-ordered-list">${sections.map((s) => html`<li>${link(`#${anchor(s.key)}`, s.heading)}</li>`)}</ol>
    </nav>
    ${sections.map((s) => html`<section class="ba-picture-section" aria-labelledby="${anchor(s.key)}">
      <h2 class="utrecht-heading-2" id="${anchor(s.key)}">${s.heading}</h2>
      ${s.body}
    </section>`)}`;
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
  const options = input.versions.map((v) => ({ value: String(v.number), label: t('versions.version', { number: v.number }) }));
  return html`${heading1(t('picture.compare.title', { from, to }))}
    ${paragraph(t('picture.compare.intro', { from, to }))}
    ${paragraph(html`${link(versionPath(paths, from), t('versions.version', { number: from }))} · ${link(versionPath(paths, to), t('versions.version', { number: to }))} · ${link(`${paths.base}/versies`, t('picture.page.history'))}`)}
    ${renderDiff(t, input.diff, { headingLevel: 2 })}
    <h2 class="utrecht-heading-2">${t('picture.compare.choose')}</h2>
    ${form({ action: `${paths.base}/vergelijken`, csrf: '', method: 'get', submit: t('picture.compare.submit'), body: html`
      ${selectField(t, { name: 'van', label: t('picture.compare.from'), value: String(from), options, errors: {}, required: true })}
      ${selectField(t, { name: 'naar', label: t('picture.compare.to'), value: String(to), options, errors: {}, required: true })}` })}`;
}

export function compareNeedsTwoPage(t: Translate, paths: PicturePaths): SafeHtml {
  return html`${heading1(t('picture.compare.choose'))}
    ${paragraph(t('picture.compare.needsTwo'))}
    ${paragraph(link(paths.base, t('picture.page.toCurrent')))}`;
}

// ---- editors -------------------------------------------------------------------------------------

export interface DraftFormValues {
  title: string;
  sections: FreeSectionInput[];
  /** The document's revision when the editor opened the form (0: no document yet). */
  revision: number;
}

export function pictureLabels(t: Translate, sectionCount: number): Record<string, string> {
  const labels: Record<string, string> = {
    title: t('picture.edit.field.title'), sections: t('picture.edit.field.sections'), summary: t('picture.edit.field.summary'), areaCode: t('picture.title'),
  };
  for (let number = 1; number <= sectionCount + 1; number++) {
    const isNew = number > sectionCount;
    labels[`sections.${number}.heading`] = isNew ? t('picture.edit.field.newHeading') : t('picture.edit.field.heading', { number });
    labels[`sections.${number}.body`] = isNew ? t('picture.edit.field.newBody') : t('picture.edit.field.body', { number });
    labels[`sections.${number}.key`] = t('picture.edit.section', { number });
  }
  return labels;
}

function sectionFieldset(t: Translate, input: { number: number; section: FreeSectionInput; isNew: boolean; labels: Record<string, string>; errors: FormErrors }): SafeHtml {
  const { number, section, labels, errors } = input;
  const name = (field: string) => `sections.${number}.${field}`;
  const standard = isStandardKey(section.key);
  return html`<fieldset class="utrecht-form-fieldset utrecht-form-fieldset--html-fieldset ba-fieldset">
    <legend class="utrecht-form-fieldset__legend utrecht-form-fieldset__legend--html-legend">${input.isNew ? t('picture.edit.newSection') : t('picture.edit.section', { number })}</legend>
    ${input.isNew ? paragraph(html`<span class="ba-small">${t('picture.edit.newSectionHint')}</span>`) : standard ? paragraph(html`<span class="ba-small">${t('picture.edit.standardHint')}</span>`) : ''}
    ${section.key ? html`<input type="hidden" name="${name('key')}" value="${section.key}">` : ''}
    ${textField(t, { name: name('heading'), label: labels[name('heading')]!, value: section.heading, errors, maxLength: 200 })}
    ${textArea(t, { name: name('body'), label: labels[name('body')]!, value: section.body, errors, rows: 6 })}
  </fieldset>`;
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
    ${form({ action: `${paths.base}/bewerken`, csrf: input.csrf, submit: t('picture.edit.save'), body: html`
      <input type="hidden" name="expectedRevision" value="${values.revision}">
      ${textField(t, { name: 'title', label: labels.title!, value: values.title, errors, required: true, maxLength: 200 })}
      ${values.sections.map((section, i) => sectionFieldset(t, { number: i + 1, section, isNew: false, labels, errors }))}
      ${sectionFieldset(t, { number: values.sections.length + 1, section: { heading: '', body: '' }, isNew: true, labels, errors })}` })}`;
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
