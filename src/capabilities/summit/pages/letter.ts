import type { Context } from '../../../platform/context.js';
import { qrSvg } from '../../../platform/auth/qr.js';
import { COPIES_PER_SHEET, type CopiesPerSheet, type PrintSheetsInput } from '../../../platform/documents/index.js';
import { html, type SafeHtml } from '../../../platform/html.js';
import { translator } from '../../../platform/i18n/index.js';
import { RETENTION_DAYS_AFTER_END } from '../registration-model.js';
import type { Summit, WorkingGroup } from '../store.js';
import { whenText } from './summit.js';

/**
 * The invitation letter for door-to-door distribution, as paper (print page and PDF, printSheets):
 * the summit, the day and the venue, how to register — the address and a QR code of the
 * registration form — and a reply slip for people without internet, to hand in to the organisers
 * (who register them by hand). One letter per A4, two per A4 (A5, cut across: the invitation
 * beside the reply slip) or four (A6, cut twice); the smaller ones leave out the description and
 * the list of themes (the slip still lists them to tick) and ask for needs on one line, and the
 * smallest says things shorter, so that everything fits with the text at 8 points (the fine print
 * at 7) and the QR code at 24 mm or more.
 */
export interface LetterInput {
  summit: Summit;
  groups: WorkingGroup[];
  registerUrl: string;
  pageUrl: string;
  perSheet: CopiesPerSheet;
  /** The letter's address on this site (…/uitnodigingen/brief), for the choice of layout. */
  letterPath: string;
}

/** A copy of the letter; a repeat (the 2nd to 4th on a sheet) has its headings as plain text, styled alike. */
function letterCopy(ctx: Context, input: LetterInput, repeat: boolean): SafeHtml {
  const t = translator(ctx.locale);
  const { summit } = input;
  const full = input.perSheet === 1;
  const compact = input.perSheet === 4;
  const when = whenText(ctx, summit);
  const place = summit.placeName ?? t('summit.noPlace');
  const heading = (level: 1 | 2, text: string) => (repeat ? html`<p class="ba-letter__h${level}">${text}</p>` : level === 1 ? html`<h1 class="ba-letter__h1">${text}</h1>` : html`<h2 class="ba-letter__h2">${text}</h2>`);
  const blank = (label: string) => html`<p class="ba-letter__blank">${label}: <span class="ba-letter__line"></span></p>`;
  return html`<article class="ba-letter">
  <div class="ba-letter__invitation">
    <p class="ba-letter__from">${ctx.tenant!.name} · ${summit.organiserName}</p>
    ${heading(1, t('summit.letter.title', { title: summit.title }))}
    <p class="ba-letter__when"><strong>${when}</strong> · ${place}</p>
    <p>${compact ? t('summit.letter.bodyShort', { organiser: summit.organiserName }) : t('summit.letter.body', { organiser: summit.organiserName, title: summit.title, when, place })}</p>
    ${full && summit.description ? html`<p>${summit.description}</p>` : ''}
    ${full && input.groups.length ? html`<p>${t('summit.letter.themes')}</p><ul>${input.groups.map((g) => html`<li>${g.name}</li>`)}</ul>` : ''}
    ${compact ? '' : heading(2, t('summit.letter.register'))}
    <div class="ba-letter__register">
      ${qrSvg(input.registerUrl, t('summit.letter.qr', { url: input.registerUrl }), 160)}
      <div><p>${t('summit.letter.registerOnline')}</p><p><a class="ba-print-url" href="${input.registerUrl}">${input.registerUrl}</a></p></div>
    </div>
    <p>${t(compact ? 'summit.letter.registerOnPaperShort' : 'summit.letter.registerOnPaper', { organiser: summit.organiserName })}</p>
  </div>
  <div class="ba-letter__slip">
    ${heading(2, t('summit.letter.slip'))}
    <p>${compact ? t('summit.letter.slipIntroShort') : t('summit.letter.slipIntro', { title: summit.title, when })}</p>
    ${blank(t('summit.registration.field.name'))}
    ${blank(t('summit.letter.slipAddress'))}
    ${blank(t('summit.registration.field.phone'))}
    ${input.groups.length ? html`<p>${t('summit.registration.hint.themes')}</p><ul class="ba-letter__ticks">${input.groups.map((g) => html`<li>☐ ${g.name}</li>`)}</ul>` : ''}
    ${full
      ? html`${blank(t('summit.registration.field.accessNeeds'))}${blank(t('summit.registration.field.languageHelp'))}${blank(t('summit.letter.slipChildren'))}`
      : blank(t('summit.letter.slipNeeds'))}
    <p class="ba-letter__small">${t('summit.letter.slipConsent', { days: RETENTION_DAYS_AFTER_END })} ${t('summit.letter.slipReturn', { organiser: summit.organiserName })}</p>
  </div>
</article>`;
}

/** On screen only: how many to a sheet (links, the current one marked) and the PDF of that layout. */
function letterControls(ctx: Context, input: LetterInput): SafeHtml {
  const t = translator(ctx.locale);
  const href = (n: CopiesPerSheet, pdf = false) => `${input.letterPath}${pdf ? '.pdf' : ''}${n === 1 ? '' : `?per=${n}`}`;
  return html`<nav aria-label="${t('summit.letter.perSheet')}">
    <p>${t('summit.letter.perSheet')}</p>
    <ul>${COPIES_PER_SHEET.map((n) => html`<li><a class="utrecht-link" href="${href(n)}"${n === input.perSheet ? html` aria-current="page"` : ''}>${t(`summit.letter.per.${n}`)}</a></li>`)}</ul>
  </nav>
  <p>${t('summit.letter.printHint', { count: input.perSheet })} <a class="utrecht-link" href="${href(input.perSheet, true)}">${t('summit.letter.pdf')}</a></p>`;
}

export function invitationLetter(ctx: Context, input: LetterInput): PrintSheetsInput {
  const t = translator(ctx.locale);
  return {
    title: t('summit.letter.title', { title: input.summit.title }),
    municipalityName: ctx.tenant!.name,
    locale: ctx.locale,
    perSheet: input.perSheet,
    copy: (repeat) => letterCopy(ctx, input, repeat),
    controls: letterControls(ctx, input),
  };
}
