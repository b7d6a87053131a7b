import fs from 'node:fs';
import path from 'node:path';
import type { Browser, BrowserContext } from 'playwright-core';
import { escapeHtml } from '../html.js';
import type { Translate } from '../i18n/index.js';
import { assetPath } from '../paths.js';
import { destinationPages } from './pdf-reader.js';
import { contentsTargets, numberContents } from './print.js';

/**
 * PDF export: headless Chromium (through playwright-core) prints the document's HTML to a
 * tagged, accessible PDF with bookmarks. Chromium is an optional system package: without it
 * `renderPdf` returns null and the caller offers the HTML page with printing instructions.
 *
 * - One browser per process, started on first use and closed after a minute without work (so a
 *   command-line run can end) or by `closePdfRenderer()`; playwright-core also ends it when the
 *   process exits.
 * - Each render gets a fresh browser context with JavaScript off and every network request
 *   refused: the document's stylesheets from public/ are inlined, nothing is fetched, so user
 *   text in a document can never make the server load an address.
 * - At most two renders run at once; a render that takes longer than the timeout is aborted.
 * - A page with printDocument's contents is rendered twice, in the same turn and context: the
 *   first PDF tells on which page each section starts (its named destinations: the targets of
 *   the contents' links, read by pdf-reader.ts), the second shows those numbers in the contents
 *   (numberContents in print.ts). The second is checked the same way; should its numbers not
 *   match (they cannot move anything, so that would be a bug), a third render gets the numbers
 *   it found, and when even that does not agree, or the PDF cannot be read, the first render is
 *   returned: a contents without numbers rather than wrong ones.
 */
export interface PdfOptions {
  /** The PDF's title (document metadata), used when the HTML has no <title>. */
  title: string;
  /**
   * Running header and footer text drawn by Chromium's header/footer templates, with
   * "page N of M" after the footer. Leave both out for HTML that brings its own @page margin
   * boxes (printDocument does: its cover then has no header or number).
   */
  headerText?: string;
  footerText?: string;
  /** Words around the page numbers in the footer template, default "Pagina … van …". */
  pageLabel?: { page: string; of: string };
  timeoutMs?: number;
}

const DEFAULT_TIMEOUT_MS = 30_000;
/** Renders of one document at most: one to learn the pages, one with the numbers, one spare. */
const MAX_RENDERS = 3;
const IDLE_CLOSE_MS = 60_000;
const MAX_PARALLEL = 2;
const LAUNCH_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-dev-shm-usage'];

export function chromiumPath(): string {
  return process.env.CHROMIUM_PATH || '/usr/bin/chromium';
}

/** Whether a PDF can be made here (Chromium installed); the library itself is checked on first use. */
export function pdfAvailable(): boolean {
  return fs.existsSync(chromiumPath());
}

/** What to tell a reader when there is no PDF: how to print the page to PDF from the browser. */
export function pdfUnavailableMessage(t: Translate): string {
  return t('documents.pdfUnavailable');
}

type Playwright = typeof import('playwright-core');
let playwright: Promise<Playwright | null> | null = null;
let browser: Promise<Browser> | null = null;
let browserPath: string | null = null;
let idleTimer: NodeJS.Timeout | null = null;
let active = 0;
const waiting: Array<() => void> = [];

function loadPlaywright(): Promise<Playwright | null> {
  // A production install without playwright-core has no PDF export, like one without Chromium.
  playwright ??= import('playwright-core').catch(() => null);
  return playwright;
}

async function getBrowser(pw: Playwright, executablePath: string): Promise<Browser> {
  if (browser && browserPath !== executablePath) await closePdfRenderer();
  if (!browser) {
    browserPath = executablePath;
    const launching = pw.chromium.launch({ executablePath, args: LAUNCH_ARGS, timeout: DEFAULT_TIMEOUT_MS }).then((b) => {
      b.on('disconnected', () => {
        if (browser === launching) { browser = null; browserPath = null; }
      });
      return b;
    });
    browser = launching;
    launching.catch(() => {
      if (browser === launching) { browser = null; browserPath = null; }
    });
  }
  return browser;
}

/** Close the shared browser (at shutdown, after a command, in tests). */
export async function closePdfRenderer(): Promise<void> {
  if (idleTimer) { clearTimeout(idleTimer); idleTimer = null; }
  const closing = browser;
  browser = null;
  browserPath = null;
  if (closing) await closing.then((b) => b.close()).catch(() => undefined);
}

function scheduleIdleClose(): void {
  if (idleTimer) clearTimeout(idleTimer);
  idleTimer = setTimeout(() => {
    idleTimer = null;
    if (active === 0) void closePdfRenderer();
  }, IDLE_CLOSE_MS);
  idleTimer.unref();
}

async function acquire(deadline: number): Promise<void> {
  if (idleTimer) { clearTimeout(idleTimer); idleTimer = null; }
  if (active < MAX_PARALLEL) { active++; return; }
  await new Promise<void>((resolve, reject) => {
    const turn = () => { clearTimeout(timer); active++; resolve(); };
    const timer = setTimeout(() => {
      const index = waiting.indexOf(turn);
      if (index >= 0) waiting.splice(index, 1);
      reject(new Error('PDF renderer busy: timed out waiting for a turn'));
    }, Math.max(0, deadline - Date.now()));
    waiting.push(turn);
  });
}

function release(): void {
  active--;
  const next = waiting.shift();
  if (next) next();
  else if (active === 0) scheduleIdleClose();
}

const stylesheetCache = new Map<string, string>();

/** Our own stylesheets (public/*.css) inlined, since the renderer fetches nothing; other links are dropped. */
function inlineStylesheets(markup: string): string {
  return markup.replace(/<link\b[^>]*\brel="stylesheet"[^>]*>/gi, (tag) => {
    const href = /\bhref="\/static\/([A-Za-z0-9_-]+\.css)(?:\?[^"]*)?"/.exec(tag)?.[1];
    if (!href) return '';
    let css = stylesheetCache.get(href);
    if (css === undefined) {
      const file = path.join(assetPath(), href);
      css = fs.existsSync(file) ? fs.readFileSync(file, 'utf8').replace(/<\/style/gi, '<\\/style') : '';
      stylesheetCache.set(href, css);
    }
    return `<style>${css}</style>`;
  });
}

function prepare(markup: string, options: PdfOptions, templates: boolean): string {
  let out = inlineStylesheets(markup);
  const head: string[] = [];
  if (!/<title>/i.test(out)) head.push(`<title>${escapeHtml(options.title)}</title>`);
  // Chromium's templates take the place of the page's own margin boxes.
  if (templates) head.push('<style>@page { @top-left { content: none } @top-center { content: none } @top-right { content: none } @bottom-left { content: none } @bottom-center { content: none } @bottom-right { content: none } }</style>');
  if (head.length) out = /<\/head>/i.test(out) ? out.replace(/<\/head>/i, `${head.join('')}</head>`) : `${head.join('')}${out}`;
  return out;
}

const TEMPLATE_STYLE = 'font-family: system-ui, \'Liberation Sans\', Arial, sans-serif; font-size: 8.5pt; color: #4d4d4d; width: 100%; margin: 0 18mm;';

/**
 * Render HTML to PDF (A4, tagged, with an outline from the headings). Returns null when
 * Chromium or playwright-core is not installed; throws when rendering fails or times out.
 */
export async function renderPdf(markup: string, options: PdfOptions): Promise<Buffer | null> {
  const executablePath = chromiumPath();
  if (!fs.existsSync(executablePath)) return null;
  const pw = await loadPlaywright();
  if (!pw) return null;
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const deadline = Date.now() + timeoutMs;
  const templates = options.headerText !== undefined || options.footerText !== undefined;
  await acquire(deadline);
  let context: BrowserContext | null = null;
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    void context?.close().catch(() => undefined);
  }, Math.max(0, deadline - Date.now()));
  try {
    const b = await getBrowser(pw, executablePath);
    context = await b.newContext({ javaScriptEnabled: false });
    if (timedOut) throw new Error('timed out');
    await context.route('**/*', (route) => route.abort());
    const page = await context.newPage();
    page.setDefaultTimeout(Math.max(1, deadline - Date.now()));
    const label = options.pageLabel ?? { page: 'Pagina', of: 'van' };
    const pdfOptions: Parameters<typeof page.pdf>[0] = {
      format: 'A4',
      preferCSSPageSize: true,
      printBackground: true,
      tagged: true,
      outline: true,
      ...(templates ? {
        displayHeaderFooter: true,
        margin: { top: '22mm', bottom: '20mm', left: '18mm', right: '18mm' },
        headerTemplate: `<div style="${TEMPLATE_STYLE}">${escapeHtml(options.headerText ?? '')}</div>`,
        footerTemplate: `<div style="${TEMPLATE_STYLE} text-align: right;">${options.footerText ? `${escapeHtml(options.footerText)} · ` : ''}${escapeHtml(label.page)} <span class="pageNumber"></span> ${escapeHtml(label.of)} <span class="totalPages"></span></div>`,
      } : {}),
    };
    const render = async (content: string): Promise<Buffer> => {
      await page.setContent(content, { waitUntil: 'load' });
      return page.pdf(pdfOptions);
    };
    const prepared = prepare(markup, options, templates);
    const targets = contentsTargets(prepared);
    return targets.length ? await renderWithContentsPages(render, prepared, targets) : await render(prepared);
  } catch (error) {
    if (timedOut) throw new Error(`PDF rendering timed out after ${timeoutMs} ms`);
    throw error;
  } finally {
    clearTimeout(timer);
    await context?.close().catch(() => undefined);
    release();
  }
}

/** On which page each of these sections starts, or null when the PDF does not tell for every one. */
function sectionPages(pdf: Buffer, targets: readonly string[]): Map<string, number> | null {
  let pages: Map<string, number>;
  try {
    pages = destinationPages(pdf);
  } catch {
    return null;
  }
  return targets.every((id) => pages.has(id)) ? pages : null;
}

/**
 * The PDF with page numbers in its contents, whose every number is where that section starts (see
 * the top of this file). `render` makes a PDF of a page; `targets` are the sections the contents
 * link to (contentsTargets). Exported for its test.
 */
export async function renderWithContentsPages(render: (content: string) => Promise<Buffer>, markup: string, targets: readonly string[]): Promise<Buffer> {
  const first = await render(numberContents(markup, null));
  let pages = sectionPages(first, targets);
  for (let renders = 1; pages && renders < MAX_RENDERS; renders++) {
    const shown = pages;
    const pdf = await render(numberContents(markup, shown));
    pages = sectionPages(pdf, targets);
    if (pages && targets.every((id) => pages!.get(id) === shown.get(id))) return pdf;
  }
  return first;
}
