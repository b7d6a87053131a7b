import { html, type SafeHtml } from '../html.js';
import type { Locale } from '../i18n/index.js';
import { documentText, printHead } from './print.js';

/**
 * Small paper things printed several to a sheet — an invitation letter to deliver door to door, a
 * flyer — as one standalone HTML page (like printDocument: no inline style or script, styled by
 * public/print.css alone, the same page for the screen, the browser's print and the PDF).
 *
 * On paper one A4 sheet holds the copy once (A4), twice (two A5 halves, landscape, one above the
 * other: cut across) or four times (four A6 quarters: cut twice), with dashed cutting lines; the
 * organisers print as many sheets as they need. On screen the copy shows once (the repeats are
 * not displayed, so a screen reader meets it once), under the `controls` (e.g. the choice of
 * layout and the PDF link), which are not printed. `copy(repeat)` gives the first copy and the
 * repeats: a repeat should say the same without headings (the page has one h1 and one outline),
 * and no copy may hold ids.
 */
export const COPIES_PER_SHEET = [1, 2, 4] as const;
export type CopiesPerSheet = (typeof COPIES_PER_SHEET)[number];

/** The number of copies per sheet from a query value; 1 for anything else. */
export function copiesPerSheet(value: unknown): CopiesPerSheet {
  const n = Number(value);
  return (COPIES_PER_SHEET as readonly number[]).includes(n) ? (n as CopiesPerSheet) : 1;
}

export interface PrintSheetsInput {
  title: string;
  municipalityName: string;
  locale: Locale;
  perSheet: CopiesPerSheet;
  /** A copy, built with the `html` tag, without ids: the first (`repeat` false) with its headings, its first an <h1>; the repeats without headings. */
  copy: (repeat: boolean) => SafeHtml;
  /** On screen only, above the copy. */
  controls?: SafeHtml;
  /** A message on screen (not printed), e.g. that the PDF could not be made. */
  notice?: string | null;
  stylesheetHref?: string;
}

export function printSheets(input: PrintSheetsInput): string {
  const copies = Array.from({ length: input.perSheet }, (_, i) => {
    const copy = input.copy(i > 0);
    if (/\sid="/.test(copy.value)) throw new Error('A copy on a sheet is repeated: it may hold no ids');
    if (i > 0 && /<h[1-6][\s>]/.test(copy.value)) throw new Error('A repeated copy on a sheet may hold no headings');
    return html`<div class="ba-sheet__copy${i > 0 ? ' ba-sheet__copy--repeat' : ''}">${copy}</div>`;
  });
  return html`<!doctype html>
<html lang="${input.locale}">
${printHead(`${input.title} · ${input.municipalityName}`, input.stylesheetHref)}
<body class="ba-print ba-sheets ba-sheets--${input.perSheet}">
<a class="ba-print-skip" href="#ba-main">${documentText(input.locale, 'documents.skipToContent')}</a>
${input.controls ? html`<div class="ba-sheets__controls ba-print-no-print">${input.controls}</div>` : ''}
${input.notice ? html`<div class="ba-print-notice ba-sheets__notice" role="status"><p>${input.notice}</p></div>` : ''}
<main class="ba-sheet" id="ba-main" tabindex="-1">
${copies}
</main>
</body>
</html>
`.value;
}
