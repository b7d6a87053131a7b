import type { Context } from '../../../platform/context.js';
import { qrSvg } from '../../../platform/auth/qr.js';
import type { PrintDocumentInput } from '../../../platform/documents/index.js';
import { html } from '../../../platform/html.js';
import { translator } from '../../../platform/i18n/index.js';
import { RETENTION_DAYS_AFTER_END } from '../registration-model.js';
import type { Summit, WorkingGroup } from '../store.js';
import { whenText } from './summit.js';

/**
 * The invitation letter for door-to-door distribution, as a paper document (print page and PDF):
 * the summit, the day and the venue, how to register — the address and a QR code of the
 * registration form — and a reply slip for people without internet, to hand in to the organisers
 * (who register them by hand). One letter; the organisers print as many as they need.
 */
export function invitationLetter(ctx: Context, input: { summit: Summit; groups: WorkingGroup[]; registerUrl: string; pageUrl: string }): PrintDocumentInput {
  const t = translator(ctx.locale);
  const { summit } = input;
  const when = whenText(ctx, summit);
  const place = summit.placeName ?? t('summit.noPlace');
  const blank = (label: string) => html`<p>${label}: ______________________________________________</p>`;
  return {
    title: t('summit.letter.title', { title: summit.title }),
    subtitle: `${when} · ${place}`,
    municipalityName: ctx.tenant!.name,
    source: input.pageUrl,
    date: new Date(),
    locale: ctx.locale,
    sections: [
      {
        id: 'uitnodiging', heading: t('summit.letter.invitation'),
        body: html`<p>${t('summit.letter.body', { organiser: summit.organiserName, title: summit.title, when, place })}</p>
          ${summit.description ? html`<p>${summit.description}</p>` : ''}
          <p>${t('summit.letter.themes')}</p><ul>${input.groups.map((g) => html`<li>${g.name}</li>`)}</ul>`,
      },
      {
        id: 'aanmelden', heading: t('summit.letter.register'),
        body: html`<p>${t('summit.letter.registerOnline')}</p>
          <p><a class="ba-print-url" href="${input.registerUrl}">${input.registerUrl}</a></p>
          ${qrSvg(input.registerUrl, t('summit.letter.qr', { url: input.registerUrl }), 160)}
          <p>${t('summit.letter.registerOnPaper', { organiser: summit.organiserName })}</p>`,
      },
      {
        id: 'antwoordstrook', heading: t('summit.letter.slip'),
        body: html`<p>${t('summit.letter.slipIntro', { title: summit.title, when })}</p>
          ${blank(t('summit.registration.field.name'))}
          ${blank(t('summit.letter.slipAddress'))}
          ${blank(t('summit.registration.field.phone'))}
          <p>${t('summit.registration.hint.themes')}</p>
          <ul>${input.groups.map((g) => html`<li>☐ ${g.name}</li>`)}</ul>
          ${blank(t('summit.registration.field.accessNeeds'))}
          ${blank(t('summit.registration.field.languageHelp'))}
          ${blank(t('summit.letter.slipChildren'))}
          <p>${t('summit.letter.slipConsent', { days: RETENTION_DAYS_AFTER_END })}</p>
          <p>${t('summit.letter.slipReturn', { organiser: summit.organiserName })}</p>`,
      },
    ],
  };
}
