import { html, unsafeRaw, type SafeHtml } from '../../platform/html.js';
import type { PrintSection } from '../../platform/documents/print.js';
import { renderBody, type DocumentContent, type Section, type ShownSection } from '../../platform/versions/index.js';
import { formatDate, type Locale, type Translate } from '../../platform/i18n/index.js';
import { themeDataOf, type AgendaValue, type ContentLabels, type ProgressStatus, type ThemeSectionData } from './model.js';

/**
 * A frozen version of an agenda as HTML, the same for the page, print and the PDF: the
 * introduction as paragraphs, and per theme its ambitions — a heading (a link to the ambition's
 * page on screen when asked), how far ahead and whether it is the neighbourhood's own goal (as
 * words, never colour alone), what we want, why, the public values it serves, and its first steps
 * with who could carry them. Sections without theme data (the introduction, or a version from
 * before the structure) are shown as their plain body.
 */
export interface AgendaSectionOptions {
  /** Link each ambition's heading to its page (leave out for print: paper has no links). */
  ambitionHref?: (ambitionId: string) => string;
  /** The level of the ambitions' headings (the section's own heading is the caller's): 3 by default. */
  headingLevel?: 3 | 4;
  /** Prefix of the ambitions' ids, when a page shows a version twice (default "ambitie-"). */
  idPrefix?: string;
  /** Where an adopted ambition stands now (its last progress update), shown as a tag in words beside the others. */
  progress?: (ambitionId: string) => { status: ProgressStatus; since: string | null } | undefined;
}

/** A public value's name in the page's language. */
export const valueName = (locale: Locale, value: AgendaValue) => (locale === 'en' ? value.nameEn : value.nameNl);

type ShownAmbition = ThemeSectionData['ambitions'][number];

/** "Stand: Onderweg (sinds 20 september 2026)" — the status in words, so never by colour alone. */
function progressTag(t: Translate, locale: Locale, progress: { status: ProgressStatus; since: string | null } | undefined): SafeHtml | string {
  if (!progress) return '';
  const status = t(`agenda.progress.${progress.status}`);
  return html` <span class="ba-tag ba-tag--progress">${progress.since ? t('agenda.render.progressSince', { status, date: formatDate(locale, progress.since) }) : t('agenda.render.progress', { status })}</span>`;
}

function ambitionHtml(t: Translate, locale: Locale, a: ShownAmbition, options: AgendaSectionOptions): SafeHtml {
  const level = options.headingLevel ?? 3;
  const id = `${options.idPrefix ?? 'ambitie-'}${a.id}`;
  const open = unsafeRaw(`<h${level} class="utrecht-heading-${level} ba-ambition__title" id="`);
  const close = unsafeRaw(`</h${level}>`);
  const title = options.ambitionHref ? html`<a class="utrecht-link" href="${options.ambitionHref(a.id)}">${a.title}</a>` : a.title;
  return html`<article class="ba-ambition" aria-labelledby="${id}">
    ${open}${id}">${title}${close}
    <p class="utrecht-paragraph ba-ambition__tags"><span class="ba-tag">${t('agenda.content.horizon', { years: a.horizon })}</span>${a.ownGoal ? html` <span class="ba-tag ba-tag--own">${t('agenda.render.ownGoal')}</span>` : ''}${progressTag(t, locale, options.progress?.(a.id))}</p>
    <div class="ba-ambition__want"><p class="utrecht-paragraph ba-ambition__label"><strong>${t('agenda.render.want')}</strong></p>${renderBody(a.body)}</div>
    ${a.why ? html`<div class="ba-ambition__why"><p class="utrecht-paragraph ba-ambition__label"><strong>${t('agenda.content.why')}</strong></p>${renderBody(a.why)}</div>` : ''}
    ${a.values.length ? html`<p class="utrecht-paragraph ba-ambition__values"><strong>${t('agenda.content.values')}:</strong> ${a.values.map((v) => valueName(locale, v)).join(', ')}</p>` : ''}
    ${a.steps.length ? html`<p class="utrecht-paragraph ba-ambition__label"><strong>${t('agenda.render.steps')}</strong></p>
      <ul class="utrecht-unordered-list ba-ambition__steps">${a.steps.map((s) => html`<li>${s.step}${s.carrier ? html` <span class="ba-ambition__carrier">— ${t('agenda.render.carriedBy', { carrier: s.carrier })}</span>` : ''}</li>`)}</ul>` : ''}
  </article>`;
}

/** One section of a frozen version: a theme's ambitions, or the plain body of the introduction. */
export function renderAgendaSection(t: Translate, locale: Locale, section: Pick<Section, 'body' | 'data'>, options: AgendaSectionOptions = {}): SafeHtml {
  const data = themeDataOf(section);
  if (!data) return renderBody(section.body);
  if (data.ambitions.length === 0) return html`<p class="utrecht-paragraph ba-empty">${t('agenda.render.noAmbitions')}</p>`;
  return html`<div class="ba-ambitions">${data.ambitions.map((a) => ambitionHtml(t, locale, a, options))}</div>`;
}

/** A version's sections for platform/versions' `versionBody` (anchors prefixed, so they never clash with the page's own ids). */
export function agendaShownSections(t: Translate, locale: Locale, content: DocumentContent, options: AgendaSectionOptions & { anchorPrefix?: string } = {}): ShownSection[] {
  return content.sections.map((s) => ({ anchor: `${options.anchorPrefix ?? 'deel-'}${s.key}`, heading: s.heading, body: renderAgendaSection(t, locale, s, options) }));
}

/** A version's sections for platform/documents' `printDocument`: no links, ambitions at <h3>. */
export function agendaPrintSections(t: Translate, locale: Locale, content: DocumentContent): PrintSection[] {
  return content.sections.map((s) => ({ id: s.key, heading: s.heading, body: renderAgendaSection(t, locale, s) }));
}

/** The ambitions of a version, per theme (theme sections only), e.g. for a summary. */
export function themesOfVersion(content: DocumentContent): Array<{ key: string; heading: string; ambitions: ShownAmbition[] }> {
  return content.sections.flatMap((s) => {
    const data = themeDataOf(s);
    return data ? [{ key: s.key, heading: s.heading, ambitions: data.ambitions }] : [];
  });
}

/** The labels of a version's plain text (model.ts `agendaContent`), in the catalogue's words. */
export function contentLabels(t: Translate): ContentLabels {
  return {
    why: t('agenda.content.why'),
    horizon: (years) => t('agenda.content.horizon', { years }),
    ownGoal: t('agenda.content.ownGoal'),
    values: t('agenda.content.values'),
    steps: t('agenda.content.step'),
    carrier: t('agenda.content.carrier'),
  };
}
