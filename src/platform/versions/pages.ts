import { html, type SafeHtml } from '../html.js';
import type { Translate } from '../i18n/index.js';
import { form, heading1, link, paragraph, selectField, textArea, textField, type FormErrors } from '../ui/components.js';
import type { EditedSection } from './forms.js';
import { renderDiff } from './render.js';
import type { DocumentDiff } from './model.js';
import type { VersionSummary } from './service.js';

/**
 * The page pieces every versioned document shares (the house rules, a neighbourhood picture, and
 * later the future agenda and the framework): a version's contents and sections, the chooser of
 * two versions to compare, and the draft editor's sections. A capability writes its own page
 * around them (title, links, status), in its own words.
 */

/** A section as a page shows it: its anchor on the page (prefixed by the caller, so it never clashes with the page's ids), heading and body. */
export interface ShownSection {
  anchor: string;
  heading: string;
  body: SafeHtml;
}

/** The contents list (linking to each section) followed by the sections. `id`: the contents heading's id. */
export function versionBody(t: Translate, input: { id: string; sections: readonly ShownSection[]; sectionClass?: string }): SafeHtml {
  const { sections } = input;
  return html`<nav aria-labelledby="${input.id}"><h2 class="utrecht-heading-2" id="${input.id}">${t('versions.page.contents')}</h2>
      <ol class="utrecht-ordered-list">${sections.map((s) => html`<li>${link(`#${s.anchor}`, s.heading)}</li>`)}</ol>
    </nav>
    ${sections.map((s) => html`<section${input.sectionClass ? html` class="${input.sectionClass}"` : ''} aria-labelledby="${s.anchor}">
      <h2 class="utrecht-heading-2" id="${s.anchor}">${s.heading}</h2>
      ${s.body}
    </section>`)}`;
}

/**
 * The comparison of two versions under its title: links to both versions and the history, the
 * difference, and the chooser of two others. A document's versions live at `{base}/versies/{n}`,
 * its history at `{base}/versies`, comparisons at `{base}/vergelijken`.
 */
export function comparisonBody(t: Translate, input: { base: string; from: number; to: number; diff: DocumentDiff; versions: readonly VersionSummary[]; historyLabel: string }): SafeHtml {
  const { base, from, to } = input;
  return html`${paragraph(html`${link(`${base}/versies/${from}`, t('versions.version', { number: from }))} · ${link(`${base}/versies/${to}`, t('versions.version', { number: to }))} · ${link(`${base}/versies`, input.historyLabel)}`)}
    ${renderDiff(t, input.diff, { headingLevel: 2 })}
    ${compareChooser(t, { action: `${base}/vergelijken`, from, to, versions: input.versions })}`;
}

/** Under a comparison: choose two other versions (a GET form to `action` with `van` and `naar`). */
export function compareChooser(t: Translate, input: { action: string; from: number; to: number; versions: readonly VersionSummary[] }): SafeHtml {
  const options = input.versions.map((v) => ({ value: String(v.number), label: t('versions.version', { number: v.number }) }));
  return html`<h2 class="utrecht-heading-2">${t('versions.compare.choose')}</h2>
    ${form({ action: input.action, csrf: '', method: 'get', submit: t('versions.compare.submit'), body: html`
      ${selectField(t, { name: 'van', label: t('versions.compare.from'), value: String(input.from), options, errors: {}, required: true })}
      ${selectField(t, { name: 'naar', label: t('versions.compare.to'), value: String(input.to), options, errors: {}, required: true })}` })}`;
}

/** The comparison page while there is only one version. */
export function compareNeedsTwoPage(t: Translate, back: { href: string; label: string }): SafeHtml {
  return html`${heading1(t('versions.compare.choose'))}
    ${paragraph(t('versions.compare.needsTwo'))}
    ${paragraph(link(back.href, back.label))}`;
}

/**
 * The labels of a draft editor's fields, for its error summary: the document's own (title,
 * summary, …) and those of its sections (`sections.{n}.heading|body|key`, n up to one new section).
 */
export function draftLabels(t: Translate, sectionCount: number, own: Record<string, string>): Record<string, string> {
  const labels: Record<string, string> = { sections: t('versions.edit.sections'), ...own };
  for (let number = 1; number <= sectionCount + 1; number++) {
    const isNew = number > sectionCount;
    labels[`sections.${number}.heading`] = isNew ? t('versions.edit.newHeading') : t('versions.edit.heading', { number });
    labels[`sections.${number}.body`] = isNew ? t('versions.edit.newBody') : t('versions.edit.body', { number });
    labels[`sections.${number}.key`] = t('versions.edit.section', { number });
  }
  return labels;
}

export interface DraftFields {
  title: string;
  sections: EditedSection[];
  /** The document's revision when the editor opened the form (0: no document yet). */
  revision: number;
}

export interface DraftFormInput {
  action: string;
  csrf: string;
  submit: string;
  values: DraftFields;
  labels: Record<string, string>;
  errors: FormErrors;
  /** Existing sections must keep a heading and text (the house rules) or may be emptied to drop them (the picture's free sections). */
  sectionsRequired: boolean;
  /** A hint under an existing section's legend, e.g. that a standard section keeps its place. */
  sectionHint?: (section: EditedSection) => string | null;
}

function sectionFieldset(t: Translate, input: DraftFormInput, number: number, section: EditedSection, isNew: boolean): SafeHtml {
  const { labels, errors } = input;
  const name = (field: string) => `sections.${number}.${field}`;
  const hint = isNew ? t('versions.edit.newSectionHint') : input.sectionHint?.(section) ?? null;
  const required = input.sectionsRequired && !isNew;
  return html`<fieldset class="utrecht-form-fieldset utrecht-form-fieldset--html-fieldset ba-fieldset">
    <legend class="utrecht-form-fieldset__legend utrecht-form-fieldset__legend--html-legend">${isNew ? t('versions.edit.newSection') : t('versions.edit.section', { number })}</legend>
    ${hint ? paragraph(html`<span class="ba-small">${hint}</span>`) : ''}
    ${section.key ? html`<input type="hidden" name="${name('key')}" value="${section.key}">` : ''}
    ${textField(t, { name: name('heading'), label: labels[name('heading')]!, value: section.heading, errors, required, maxLength: 200 })}
    ${textArea(t, { name: name('body'), label: labels[name('body')]!, value: section.body, errors, required, rows: 6 })}
  </fieldset>`;
}

/** The draft editor's form: its revision, the title, each section, and one blank section to add at the end. */
export function draftForm(t: Translate, input: DraftFormInput): SafeHtml {
  const { values, labels, errors } = input;
  return form({ action: input.action, csrf: input.csrf, submit: input.submit, body: html`
      <input type="hidden" name="expectedRevision" value="${values.revision}">
      ${textField(t, { name: 'title', label: labels.title!, value: values.title, errors, required: true, maxLength: 200 })}
      ${values.sections.map((section, i) => sectionFieldset(t, input, i + 1, section, false))}
      ${sectionFieldset(t, input, values.sections.length + 1, { heading: '', body: '' }, true)}` });
}
