import type { Context } from '../../../platform/context.js';
import { html, type SafeHtml } from '../../../platform/html.js';
import { formatDate, translator, type Translate } from '../../../platform/i18n/index.js';
import { dataList, heading1, link, paragraph } from '../../../platform/ui/components.js';
import { versionBody, type DocumentVersion } from '../../../platform/versions/index.js';
import type { AgendaPhase } from '../model.js';
import {
  agendaAmbitionPath, agendaDistributionPath, agendaDocumentPath, agendaEditPath, agendaFolderPath, agendaProgressPath, agendaVersionsPath,
} from '../paths.js';
import { agendaShownSections, type AgendaSectionOptions } from '../render.js';
import type { Agenda } from '../store.js';

/**
 * The agenda's public page: what a resident, an official or a council member reads — its title,
 * area, years, organiser and phase; the adoption (who, how, when, reference); the version shown
 * (the adopted one, or the concept during and after its comment period) with its contents and
 * sections; the way to its versions, print, PDF and folder, to whom it was sent and how it goes.
 * Residents' comments on the concept come under it (the platform's comments). Editors also see
 * the way to the editor, and before any public version that readers see nothing yet.
 */
export interface AgendaPageInput {
  agenda: Agenda;
  area: { code: string; title: string };
  phase: AgendaPhase;
  /** The version to show, or null when nothing is public yet (for readers) or nothing is frozen yet (for editors). */
  version: DocumentVersion | null;
  /** The number readers see, or null. */
  publicVersion: number | null;
  canEdit: boolean;
  /** The comments section (under the concept), or null. */
  comments: SafeHtml | null;
  /** Comments on the concept, when the adopted version is shown. */
  conceptComments: { count: number; href: string } | null;
  /** Institutions the agenda was sent to, and how many answered or let the day asked pass. */
  distribution: { sent: number; answered: number; overdue: number } | null;
  /** Where each ambition of an adopted agenda stands now (its last progress update). */
  progress?: AgendaSectionOptions['progress'];
}

const tag = (text: string, extra = '') => html`<span class="ba-tag${extra}">${text}</span>`;

/** The phase in the page's words (the dates that go with it). */
export function phaseText(t: Translate, locale: Context['locale'], agenda: Agenda, phase: AgendaPhase): string {
  const date = phase === 'commentsSoon' ? agenda.commentsOpenOn : phase === 'commentsOpen' ? agenda.commentsCloseOn : phase === 'adopted' ? agenda.adoptedOn : null;
  return t(`agenda.phase.${phase}`, date ? { date: formatDate(locale, date) } : {});
}

/** "Vastgesteld door … op …, in een open bewonersbijeenkomst, bij consent." */
export function adoptionLine(t: Translate, locale: Context['locale'], agenda: Agenda): string | null {
  if (agenda.status !== 'adopted' || !agenda.adoptedOn || !agenda.adoptedBy || !agenda.adoptionMethod) return null;
  return t('agenda.page.adoptionLine', { by: agenda.adoptedBy, date: formatDate(locale, agenda.adoptedOn), how: t(`agenda.adoption.${agenda.adoptionMethod}`) });
}

export function agendaPage(ctx: Context, input: AgendaPageInput): SafeHtml {
  const t = translator(ctx.locale);
  const slug = ctx.tenant!.slug;
  const { agenda, phase, version } = input;
  const years = t('agenda.page.yearsValue', { first: agenda.firstYear, last: agenda.lastYear });
  const isConcept = version !== null && version.number !== agenda.adoptedVersion;
  const facts: Array<[string, SafeHtml | string]> = [
    [t('agenda.page.area'), link(`/${slug}/gebieden/${input.area.code}`, input.area.title)],
    [t('agenda.page.years'), years],
    [t('agenda.page.organiser'), agenda.organiserName],
    [t('agenda.page.phase'), tag(phaseText(t, ctx.locale, agenda, phase))],
  ];
  if (version) facts.push([t('agenda.page.version'), t(isConcept ? 'agenda.page.versionConcept' : 'agenda.page.versionAdopted', { number: version.number })]);

  const editorNotice = input.canEdit ? html`<div class="utrecht-alert utrecht-alert--info" role="note">
      ${input.publicVersion === null ? paragraph(t('agenda.page.editor.notPublic')) : ''}
      ${version && input.publicVersion !== null && version.number > input.publicVersion ? paragraph(t('agenda.page.editor.notYetPublicVersion', { number: version.number })) : ''}
      ${agenda.status === 'adopted' ? '' : paragraph(link(agendaEditPath(slug, agenda.id), t('agenda.page.editor.edit')))}
    </div>` : '';

  const adoption = agenda.status === 'adopted' && agenda.adoptedOn ? html`<section aria-labelledby="vaststelling">
      <h2 class="utrecht-heading-2" id="vaststelling">${t('agenda.page.adoption')}</h2>
      ${dataList([
        [t('agenda.page.adoptedBy'), agenda.adoptedBy ?? ''],
        [t('agenda.page.adoptedHow'), html`${agenda.adoptionMethod ? t(`agenda.adoption.${agenda.adoptionMethod}`) : ''}${agenda.adoptionNote ? html`<br>${agenda.adoptionNote}` : ''}`],
        [t('agenda.page.adoptedOn'), html`<time datetime="${agenda.adoptedOn}">${formatDate(ctx.locale, agenda.adoptedOn)}</time>`],
        ...(version?.decisionReference ? [[t('agenda.page.reference'), version.decisionReference] as [string, string]] : []),
      ])}
    </section>` : '';

  const commentNotice = isConcept && phase === 'commentsOpen'
    ? html`<div class="utrecht-alert utrecht-alert--info" role="note">${paragraph(html`${t('agenda.page.concept.open', { date: formatDate(ctx.locale, agenda.commentsCloseOn!) })} ${link('#reacties', t('agenda.page.concept.toComments'))}`)}</div>`
    : isConcept && phase === 'revision' ? html`<div class="utrecht-alert utrecht-alert--info" role="note">${paragraph(t('agenda.page.concept.revision', { date: formatDate(ctx.locale, agenda.commentsCloseOn!) }))}</div>` : '';

  const v = version?.number;
  const links: SafeHtml[] = version ? [
    link(`${agendaDocumentPath(slug, agenda.id)}${isConcept ? `?versie=${v}` : ''}`, t('agenda.page.links.print')),
    link(`${agendaDocumentPath(slug, agenda.id)}.pdf${isConcept ? `?versie=${v}` : ''}`, t('agenda.page.links.pdf')),
    ...(agenda.status === 'adopted' ? [link(agendaFolderPath(slug, agenda.id), t('agenda.page.links.folder')), link(`${agendaFolderPath(slug, agenda.id)}.pdf`, t('agenda.page.links.folderPdf'))] : []),
    link(agendaVersionsPath(slug, agenda.id), t('agenda.page.links.versions')),
    ...(agenda.status === 'adopted' ? [link(agendaDistributionPath(slug, agenda.id), t('agenda.page.links.distribution')), link(agendaProgressPath(slug, agenda.id), t('agenda.page.links.progress'))] : []),
    ...(input.conceptComments ? [link(input.conceptComments.href, t('agenda.page.links.conceptComments', { count: input.conceptComments.count }))] : []),
  ] : [];

  const sections = version ? agendaShownSections(t, ctx.locale, version.content, {
    anchorPrefix: 'deel-',
    ...(agenda.status === 'adopted' && !isConcept ? { ambitionHref: (id: string) => agendaAmbitionPath(slug, agenda.id, id), progress: input.progress } : {}),
  }) : [];

  const sent = input.distribution && input.distribution.sent > 0 ? input.distribution : null;
  if (sent) facts.push([t('agenda.page.sentTo'), link(agendaDistributionPath(slug, agenda.id), t('agenda.page.sentToValue', { sent: sent.sent, answered: sent.answered, overdue: sent.overdue }))]);

  return html`${heading1(agenda.title)}
    ${dataList(facts)}
    ${editorNotice}
    ${version ? html`${commentNotice}
      ${adoption}
      <nav aria-labelledby="verder"><h2 class="utrecht-heading-2" id="verder">${t('agenda.page.links.heading')}</h2>
        <ul class="utrecht-unordered-list">${links.map((l) => html`<li>${l}</li>`)}</ul></nav>
      ${sections.length ? versionBody(t, { id: 'inhoud', sections, sectionClass: 'ba-agenda-section' }) : paragraph(t('agenda.page.empty'))}
      ${input.comments ?? ''}`
    : input.canEdit ? '' : paragraph(t('agenda.page.notPublic'))}`;
}
