import { html, type SafeHtml } from '../html.js';
import { formatDate, type Locale, type Params } from '../i18n/index.js';
import { documentMessages } from './messages.js';

/**
 * Paper documents (neighbourhood picture, future agenda, annual reports) as one standalone,
 * print-ready HTML page: cover, contents, sections. The same page is the screen version, what
 * the browser prints, and what headless Chromium turns into the PDF (see pdf.ts), styled by
 * public/print.css alone (A4, running header, page numbers, a page per major section, link
 * addresses printed). No inline style or script, so it is served under the strict CSP. In the
 * PDF the contents also show on which page each section starts (numberContents, below).
 */
export interface PrintSection {
  /** The section's anchor (letters, digits, "-" and "_"; not starting with "ba-", the page's own ids); unique in the document. */
  id: string;
  heading: string;
  /** The section's content, built with the `html` tag; headings inside start at <h3>. */
  body: SafeHtml;
}

export interface PrintDocumentInput {
  title: string;
  subtitle?: string | null;
  municipalityName: string;
  /** Where the document comes from: its address, or e.g. "Buurtarena — Gemeente Voorbeeldstad". */
  source: string;
  /** The date the document speaks for (an ISO string or a Date); shown in Europe/Amsterdam. */
  date: string | Date;
  locale: Locale;
  sections: PrintSection[];
  /** A message at the top of the page on screen (not printed), e.g. that the PDF could not be made. */
  notice?: string | null;
  /** Defaults to /static/print.css. */
  stylesheetHref?: string;
  /**
   * "document" (default): a cover page, the contents, each section on a new page. "leaflet": a
   * compact leaflet for handing out door to door — a small masthead instead of the cover, no
   * contents, sections running on in two columns on paper, meant to fit one or two sides of A4.
   */
  layout?: 'document' | 'leaflet';
}

export const PRINT_STYLESHEET_HREF = '/static/print.css';

const SECTION_ID = /^(?!ba-)[A-Za-z0-9][A-Za-z0-9_-]{0,99}$/;

/** The documents module's own texts: a document renders the same whether or not the catalogue was registered. */
export function documentText(locale: Locale, key: string, params?: Params): string {
  const text = documentMessages[locale][key] ?? documentMessages.nl[key];
  if (text === undefined) throw new Error(`Missing message "${key}"`);
  return params ? text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole)) : text;
}

function checkSectionIds(sections: readonly PrintSection[]): void {
  const seen = new Set<string>();
  for (const { id } of sections) {
    if (!SECTION_ID.test(id)) throw new Error(`Section id "${id}" must hold only letters, digits, "-" and "_", and not start with "ba-" (reserved)`);
    for (const used of [id, `${id}-heading`]) {
      if (seen.has(used)) throw new Error(`Section id "${id}" is used twice`);
      seen.add(used);
    }
  }
}

const CONTENTS = /<nav class="ba-print-toc"[^>]*>[\s\S]*?<\/nav>/;
const CONTENTS_ENTRY = /<li><a href="#([A-Za-z0-9_-]+)">([^<]*)<\/a><\/li>/g;

/** The section ids that the contents of a printDocument page link to, in order; none when it has no contents. */
export function contentsTargets(markup: string): string[] {
  const nav = CONTENTS.exec(markup)?.[0];
  return nav ? [...nav.matchAll(CONTENTS_ENTRY)].map((m) => m[1]!) : [];
}

/**
 * A printDocument page with a page number after each contents entry, for the PDF (pdf.ts renders
 * twice: once to learn where each section starts, then with the numbers). `pages` maps section
 * ids to page numbers; null gives the first pass, the same layout without numbers. The numbers
 * stand right-aligned after a dotted leader (public/print.css, .ba-print-toc--paged), preceded by
 * the word "pagina" in transparent ink, so that a screen reader says "pagina 5"; they are out of
 * the flow, so filling them in moves no line and no page. The page on screen has none of this.
 */
export function numberContents(markup: string, pages: ReadonlyMap<string, number> | null): string {
  // The document's own word for a page (on <html>, already escaped), as in "Pagina 3 van 20".
  const label = (/<html\b[^>]*\sdata-page-label="([^"]*)"/.exec(markup)?.[1] ?? '').toLowerCase();
  return markup.replace(CONTENTS, (nav) => nav
    .replace(/^<nav class="ba-print-toc"/, '<nav class="ba-print-toc ba-print-toc--paged"')
    .replace(CONTENTS_ENTRY, (_entry, id: string, heading: string) => {
      const page = pages?.get(id);
      const number = page === undefined ? '' : `${label ? `<span class="ba-print-toc__label">${label} </span>` : ''}${page}`;
      return `<li><a href="#${id}">${heading}</a><span class="ba-print-toc__page">${number}</span></li>`;
    }));
}

function isAddress(source: string): boolean {
  return /^https?:\/\/[^\s]+$/i.test(source);
}

/** The <head> of a print page: the title and print.css (or another stylesheet of ours), light colours only. */
export function printHead(title: string, stylesheetHref = PRINT_STYLESHEET_HREF): SafeHtml {
  return html`<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light">
<title>${title}</title>
<link rel="stylesheet" href="${stylesheetHref}">
</head>`;
}

export function printDocument(input: PrintDocumentInput): string {
  checkSectionIds(input.sections);
  const text = (key: string, params?: Params) => documentText(input.locale, key, params);
  const iso = typeof input.date === 'string' ? input.date : input.date.toISOString();
  const date = formatDate(input.locale, iso);
  const source = isAddress(input.source) ? html`<a class="ba-print-url" href="${input.source}">${input.source}</a>` : input.source;
  const runningHeader = `${input.title} — ${input.source}`;
  const leaflet = input.layout === 'leaflet';
  const titleBlock = html`
  <p class="ba-print-cover__municipality">${input.municipalityName}</p>
  <h1 id="ba-title">${input.title}</h1>
  ${input.subtitle ? html`<p class="ba-print-cover__subtitle">${input.subtitle}</p>` : ''}`;
  return html`<!doctype html>
<html lang="${input.locale}" data-running-header="${runningHeader}" data-page-label="${text('documents.pageLabel')}" data-page-of="${text('documents.pageOf')}">
${printHead(`${input.title} · ${input.municipalityName}`, input.stylesheetHref)}
<body class="ba-print${leaflet ? ' ba-print--leaflet' : ''}">
<a class="ba-print-skip" href="#ba-main">${text('documents.skipToContent')}</a>
${leaflet ? html`<header class="ba-print-masthead" id="ba-cover">${titleBlock}</header>` : html`<header class="ba-print-cover" id="ba-cover">${titleBlock}
  <dl class="ba-print-cover__meta">
    <dt>${text('documents.date')}</dt><dd><time datetime="${iso}">${date}</time></dd>
    <dt>${text('documents.publisher')}</dt><dd>${input.municipalityName}</dd>
    <dt>${text('documents.source')}</dt><dd>${source}</dd>
  </dl>
</header>
${input.sections.length ? html`<nav class="ba-print-toc" id="ba-contents" aria-labelledby="ba-contents-heading">
  <h2 id="ba-contents-heading">${text('documents.contents')}</h2>
  <ol>${input.sections.map((s) => html`<li><a href="#${s.id}">${s.heading}</a></li>`)}</ol>
</nav>` : ''}`}
<main class="ba-print-main" id="ba-main" tabindex="-1">
${input.notice ? html`<div class="ba-print-notice" role="status"><p>${input.notice}</p></div>` : ''}
${input.sections.map((s) => html`<section class="ba-print-section" id="${s.id}" aria-labelledby="${s.id}-heading">
<h2 id="${s.id}-heading">${s.heading}</h2>
${s.body}
</section>`)}
</main>
<footer class="ba-print-footer">
  <p>${text('documents.footer', { title: input.title, municipality: input.municipalityName, date })}</p>
  <p>${text('documents.source')}: ${source}</p>
</footer>
</body>
</html>
`.value;
}
