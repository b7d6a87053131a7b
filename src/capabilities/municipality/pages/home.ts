import { html, type SafeHtml } from '../../../platform/html.js';
import type { Locale, Translate } from '../../../platform/i18n/index.js';
import type { Tenant } from '../../../platform/tenancy.js';
import { heading1, link, paragraph } from '../../../platform/ui/components.js';
import type { PublicValueRow } from '../store.js';

/**
 * A decorative street of houses in the municipality's own colours. SVG presentation attributes
 * (not inline styles) keep the Content-Security-Policy strict; the colours are validated #rrggbb.
 */
export function streetIllustration(primary: string, accent: string): SafeHtml {
  const houses = [
    { x: 10, w: 70, h: 60, roof: 28, c: primary }, { x: 90, w: 55, h: 80, roof: 24, c: accent },
    { x: 155, w: 80, h: 50, roof: 30, c: primary }, { x: 300, w: 60, h: 70, roof: 26, c: accent },
    { x: 370, w: 90, h: 55, roof: 32, c: primary }, { x: 470, w: 55, h: 85, roof: 22, c: accent }, { x: 535, w: 55, h: 60, roof: 26, c: primary },
  ];
  const ground = 112;
  return html`<svg class="ba-map" viewBox="0 0 600 120" width="600" height="120" role="presentation" aria-hidden="true" focusable="false">
    <rect x="0" y="0" width="600" height="120" fill="#eef3f7"></rect>
    ${houses.map((h) => html`<polygon points="${h.x},${ground - h.h} ${h.x + h.w / 2},${ground - h.h - h.roof} ${h.x + h.w},${ground - h.h}" fill="${h.c}" fill-opacity="0.75"></polygon>
      <rect x="${h.x}" y="${ground - h.h}" width="${h.w}" height="${h.h}" fill="${h.c}"></rect>
      <rect x="${h.x + h.w / 2 - 7}" y="${ground - 22}" width="14" height="22" fill="#ffffff" fill-opacity="0.85"></rect>
      <rect x="${h.x + 8}" y="${ground - h.h + 10}" width="12" height="12" fill="#ffffff" fill-opacity="0.85"></rect>
      <rect x="${h.x + h.w - 20}" y="${ground - h.h + 10}" width="12" height="12" fill="#ffffff" fill-opacity="0.85"></rect>`)}
    <circle cx="262" cy="70" r="22" fill="#3f7f3a"></circle><rect x="259" y="88" width="6" height="24" fill="#5b4a36"></rect>
    <circle cx="282" cy="82" r="14" fill="#5c9a4f"></circle>
    <rect x="0" y="${ground}" width="600" height="8" fill="#8c8c8c"></rect>
  </svg>`;
}

export interface HomeInput {
  tenant: Tenant;
  locale: Locale;
  values: PublicValueRow[];
  signedIn: boolean;
  canAdminister: boolean;
}

export function valueName(v: PublicValueRow, locale: Locale): string {
  return locale === 'en' ? v.name_en : v.name_nl;
}

export function valueDescription(v: PublicValueRow, locale: Locale): string {
  return locale === 'en' ? v.description_en : v.description_nl;
}

export function homePage(t: Translate, input: HomeInput): SafeHtml {
  const base = `/${input.tenant.slug}`;
  const sections = [
    { href: `${base}/gebieden`, title: t('municipality.home.areas'), text: t('municipality.home.areasText') },
    { href: `${base}/budgetgebieden`, title: t('municipality.home.budgetAreas'), text: t('municipality.home.budgetAreasText') },
    { href: `${base}/organisaties`, title: t('municipality.home.organisations'), text: t('municipality.home.organisationsText') },
  ];
  return html`${heading1(t('municipality.home.title', { name: input.tenant.name }))}
    <p class="utrecht-paragraph utrecht-paragraph--lead">${t('municipality.home.lead', { name: input.tenant.name })}</p>
    ${streetIllustration(input.tenant.primaryColour, input.tenant.accentColour)}
    ${input.canAdminister ? html`<div class="utrecht-alert utrecht-alert--info"><p class="utrecht-paragraph">${t('municipality.home.adminNotice')} ${link(`${base}/beheer`, t('municipality.home.adminLink'))}</p></div>` : ''}
    <h2 class="utrecht-heading-2">${t('municipality.home.whatTitle')}</h2>
    ${paragraph(t('municipality.home.what'))}
    <div class="ba-columns">
      ${sections.map((s) => html`<div class="ba-card">
        <h3 class="utrecht-heading-3">${link(s.href, s.title)}</h3>
        ${paragraph(s.text)}
      </div>`)}
    </div>
    <h2 class="utrecht-heading-2">${t('municipality.home.valuesTitle')}</h2>
    ${paragraph(t('municipality.home.valuesIntro'))}
    ${input.values.length ? html`<div class="ba-columns">
      ${input.values.map((v) => html`<div class="ba-card">
        <h3 class="utrecht-heading-3">${valueName(v, input.locale)}</h3>
        ${paragraph(valueDescription(v, input.locale))}
      </div>`)}
    </div>` : paragraph(t('municipality.home.noValues'))}
    <h2 class="utrecht-heading-2">${t('municipality.home.howTitle')}</h2>
    <ol class="utrecht-ordered-list">
      <li>${t('municipality.home.how1')}</li>
      <li>${t('municipality.home.how2')}</li>
      <li>${t('municipality.home.how3')}</li>
    </ol>
    <h2 class="utrecht-heading-2">${t('municipality.houseRules.homeTitle')}</h2>
    ${paragraph(t('municipality.houseRules.homeText'))}
    ${paragraph(link(`${base}/huisregels`, t('municipality.houseRules.homeLink')))}
    ${input.signedIn ? '' : html`<h2 class="utrecht-heading-2">${t('municipality.home.joinTitle')}</h2>
      ${paragraph(t('municipality.home.join'))}
      <p class="utrecht-paragraph"><a class="utrecht-button-link utrecht-button-link--html-a utrecht-button-link--primary-action" href="${base}/registreren">${t('municipality.home.register')}</a>
      ${link(`${base}/inloggen`, t('municipality.home.login'))}</p>`}`;
}
