import { html, type HtmlValue, type SafeHtml } from '../html.js';
import type { Translate, Locale } from '../i18n/index.js';
import type { Actor } from '../policy.js';
import type { Tenant } from '../tenancy.js';

/**
 * The page shell: skip link, header with the municipality's name and logo, navigation,
 * language switch, main landmark, footer. NL Design System (Utrecht) components; the
 * municipality's colours arrive through its own theme stylesheet.
 */
export interface NavItem {
  href: string;
  label: string;
}

export interface ShellInput {
  title: string;
  body: HtmlValue;
  t: Translate;
  locale: Locale;
  tenant: Tenant | null;
  actor: Actor;
  csrf: string;
  path: string;
  nav: NavItem[];
  breadcrumbs?: NavItem[];
  /** An alert shown at the top of the main content (after a successful action). */
  flash?: string | null;
}

function languageSwitch(input: ShellInput): SafeHtml {
  const other: Locale = input.locale === 'nl' ? 'en' : 'nl';
  const label = other === 'nl' ? 'Nederlands' : 'English';
  return html`<a class="utrecht-link ba-lang" href="/taal/${other}?terug=${encodeURIComponent(input.path)}" lang="${other}" hreflang="${other}">${label}</a>`;
}

function account(input: ShellInput): SafeHtml {
  const base = input.tenant ? `/${input.tenant.slug}` : '';
  if (!input.tenant) return html``;
  if (input.actor.kind !== 'person') {
    return html`<a class="utrecht-link" href="${base}/inloggen">${input.t('nav.login')}</a>`;
  }
  return html`<a class="utrecht-link" href="${base}/mijn-account">${input.t('nav.account', { name: input.actor.displayName })}</a>
    <form method="post" action="${base}/uitloggen" class="ba-inline-form">
      <input type="hidden" name="_csrf" value="${input.csrf}">
      <button type="submit" class="utrecht-button utrecht-button--subtle">${input.t('nav.logout')}</button>
    </form>`;
}

export function breadcrumbNav(t: Translate, items: NavItem[]): SafeHtml {
  if (items.length === 0) return html``;
  return html`<nav class="utrecht-breadcrumb-nav" aria-label="${t('nav.breadcrumbs')}">
    <ol class="ba-breadcrumbs">${items.map((item, i) => i === items.length - 1
      ? html`<li><a class="utrecht-link" href="${item.href}" aria-current="page">${item.label}</a></li>`
      : html`<li><a class="utrecht-link" href="${item.href}">${item.label}</a></li>`)}</ol>
  </nav>`;
}

export function shell(input: ShellInput): string {
  const { t, tenant } = input;
  const siteName = tenant ? tenant.name : 'Buurtarena';
  const home = tenant ? `/${tenant.slug}` : '/';
  const themeCss = tenant ? html`<link rel="stylesheet" href="/${tenant.slug}/thema.css?v=${encodeURIComponent(tenant.updatedAt)}">` : '';
  const logo = tenant?.hasLogo ? html`<img class="ba-logo" src="/${tenant.slug}/logo?v=${encodeURIComponent(tenant.updatedAt)}" alt="">` : '';
  return html`<!doctype html>
<html lang="${input.locale}" class="utrecht-theme">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${input.title} · ${siteName}</title>
<link rel="stylesheet" href="/static/utrecht/tokens.css">
<link rel="stylesheet" href="/static/utrecht/components.css">
<link rel="stylesheet" href="/static/app.css">
${themeCss}
<script src="/static/app.js" defer></script>
</head>
<body class="utrecht-body ba-body">
<a class="utrecht-skip-link utrecht-skip-link--visible-on-focus" href="#main">${t('nav.skipToContent')}</a>
<header class="utrecht-page-header ba-header">
  <div class="ba-header-inner">
    <a class="ba-brand" href="${home}">${logo}<span>${siteName}</span></a>
    <div class="ba-header-tools">${languageSwitch(input)} ${account(input)}</div>
  </div>
  ${input.nav.length ? html`<nav class="ba-nav" aria-label="${t('nav.main')}"><ul class="utrecht-nav-list ba-nav-list">${input.nav.map((item) =>
    html`<li><a class="utrecht-link ba-nav-link" href="${item.href}"${input.path === item.href || input.path.startsWith(item.href + '/') && item.href !== home ? html` aria-current="page"` : ''}>${item.label}</a></li>`)}</ul></nav>` : ''}
</header>
<main id="main" class="utrecht-page-content ba-main" tabindex="-1">
${breadcrumbNav(t, input.breadcrumbs ?? [])}
${input.flash ? html`<div class="utrecht-alert utrecht-alert--ok" role="status"><p class="utrecht-paragraph">${input.flash}</p></div>` : ''}
${input.body}
</main>
<footer class="utrecht-page-footer ba-footer">
  <ul class="ba-footer-links">
    <li><a class="utrecht-link" href="${tenant ? `/${tenant.slug}` : ''}/privacy">${t('footer.privacy')}</a></li>
    <li><a class="utrecht-link" href="${tenant ? `/${tenant.slug}` : ''}/toegankelijkheid">${t('footer.accessibility')}</a></li>
    <li><a class="utrecht-link" href="/api/v1/docs">${t('footer.api')}</a></li>
    <li><a class="utrecht-link" href="/">${t('footer.allMunicipalities')}</a></li>
  </ul>
  <p class="utrecht-paragraph ba-small">${t('footer.licence')}</p>
</footer>
</body>
</html>`.value;
}
