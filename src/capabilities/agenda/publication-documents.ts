import type { Context } from '../../platform/context.js';
import { qrSvg } from '../../platform/auth/qr.js';
import type { PrintDocumentInput, PrintSection } from '../../platform/documents/index.js';
import { html } from '../../platform/html.js';
import { formatDate, translator } from '../../platform/i18n/index.js';
import type { DocumentVersion, VersionSummary } from '../../platform/versions/index.js';
import { adoptionLine } from './pages/agenda.js';
import { agendaPrintSections, themesOfVersion } from './render.js';
import type { Agenda } from './store.js';

/**
 * The agenda on paper: the whole document of a version (print page and PDF, with a cover and
 * contents from platform/documents), and the A4 folder — a two-sided summary to hand out in the
 * whole neighbourhood: one line per ambition by theme, how to join in, where to read the whole
 * agenda (the address and a QR code of it) and who adopted it when.
 */
export interface PaperInput {
  agenda: Agenda;
  areaTitle: string;
  version: DocumentVersion;
  /** The agenda page's full address (the platform's public address). */
  pageUrl: string;
  /** The organiser's e-mail address, when the register has one. */
  organiserEmail: string | null;
}

const isAdopted = (input: PaperInput) => input.agenda.status === 'adopted' && input.version.number === input.agenda.adoptedVersion;

function subtitle(ctx: Context, input: PaperInput): string {
  const t = translator(ctx.locale);
  const years = t('agenda.page.yearsValue', { first: input.agenda.firstYear, last: input.agenda.lastYear });
  const state = isAdopted(input)
    ? t('agenda.phase.adopted', { date: formatDate(ctx.locale, input.agenda.adoptedOn!) })
    : t('agenda.page.versionConcept', { number: input.version.number });
  return `${input.areaTitle} · ${years} · ${state}`;
}

/** What the document and the folder of a version share: title, subtitle, source and date. */
function paperBase(ctx: Context, input: PaperInput) {
  return {
    title: input.agenda.title,
    subtitle: subtitle(ctx, input),
    municipalityName: ctx.tenant!.name,
    source: input.pageUrl,
    date: isAdopted(input) ? input.agenda.adoptedOn! : input.version.publishedAt,
    locale: ctx.locale,
  };
}

/** The printable agenda of one version; `chooser`: the other versions to choose from on screen. */
export function agendaDocument(ctx: Context, input: PaperInput & { versions: readonly VersionSummary[]; action: string }): PrintDocumentInput {
  const t = translator(ctx.locale);
  const { agenda, version } = input;
  const adoption = isAdopted(input) ? adoptionLine(t, ctx.locale, agenda) : null;
  const about: PrintSection = {
    id: 'over-deze-agenda', heading: t('agenda.paper.about'),
    body: html`<p>${t('agenda.paper.aboutBody', { organiser: agenda.organiserName, area: input.areaTitle, first: agenda.firstYear, last: agenda.lastYear })}</p>
      ${adoption ? html`<p>${adoption}${version.decisionReference ? ` ${t('agenda.paper.reference', { reference: version.decisionReference })}` : ''}</p>` : ''}
      ${!isAdopted(input) && agenda.commentsOpenOn && agenda.commentsCloseOn ? html`<p>${t('agenda.paper.concept', { from: formatDate(ctx.locale, agenda.commentsOpenOn), until: formatDate(ctx.locale, agenda.commentsCloseOn) })}</p>` : ''}
      <p>${t('agenda.paper.online')} <a class="ba-print-url" href="${input.pageUrl}">${input.pageUrl}</a></p>
      ${input.versions.length > 1 ? html`<form class="ba-print-no-print" method="get" action="${input.action}">
        <label for="versie">${t('agenda.paper.chooseVersion')}</label>
        <select id="versie" name="versie">${input.versions.map((v) => html`<option value="${v.number}"${v.number === version.number ? html` selected` : ''}>${t('versions.version', { number: v.number })} — ${formatDate(ctx.locale, v.publishedAt)}</option>`)}</select>
        <button type="submit">${t('agenda.paper.show')}</button>
      </form>` : ''}`,
  };
  return { ...paperBase(ctx, input), sections: [about, ...agendaPrintSections(t, ctx.locale, version.content)] };
}

/** The A4 folder: the ambitions in one line each by theme, joining in, the address and QR code, the adoption. */
export function agendaFolder(ctx: Context, input: PaperInput): PrintDocumentInput {
  const t = translator(ctx.locale);
  const { agenda, version } = input;
  const themes = themesOfVersion(version.content);
  const adoption = isAdopted(input) ? adoptionLine(t, ctx.locale, agenda) : null;
  return {
    ...paperBase(ctx, input),
    layout: 'leaflet',
    sections: [
      {
        id: 'ambities', heading: t('agenda.folder.ambitions'),
        body: html`<p>${t('agenda.folder.intro', { organiser: agenda.organiserName, first: agenda.firstYear, last: agenda.lastYear })}</p>
          ${themes.map((theme) => html`<div class="ba-print-leaflet__group"><h3>${theme.heading}</h3>
          <ul>${theme.ambitions.map((a) => html`<li>${a.title}${a.ownGoal ? html` <span class="ba-print-leaflet__own">(${t('agenda.folder.ownGoal')})</span>` : ''}</li>`)}</ul></div>`)}`,
      },
      {
        id: 'meedoen', heading: t('agenda.folder.join'),
        body: html`<p>${t('agenda.folder.joinBody', { organiser: agenda.organiserName })}</p>
          ${input.organiserEmail ? html`<p>${t('agenda.folder.contact')} <a class="ba-print-url" href="mailto:${input.organiserEmail}">${input.organiserEmail}</a></p>` : ''}
          <h3>${t('agenda.folder.read')}</h3>
          <div class="ba-print-leaflet__qr">${qrSvg(input.pageUrl, t('agenda.folder.qr', { url: input.pageUrl }), 120)}
            <p>${t('agenda.folder.readBody')}<br><a class="ba-print-url" href="${input.pageUrl}">${input.pageUrl}</a></p></div>
          ${adoption ? html`<p><strong>${adoption}</strong></p>` : ''}`,
      },
    ],
  };
}
