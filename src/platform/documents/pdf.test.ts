import fs from 'node:fs';
import { AxeBuilder } from '@axe-core/playwright';
import Fastify, { type FastifyInstance } from 'fastify';
import { chromium } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { assetPath } from '../paths.js';
import { sampleDocument } from './fixtures.js';
import { chromiumPath, closePdfRenderer, pdfAvailable, renderPdf } from './pdf.js';
import { printDocument } from './print.js';
import { sendDocument } from './send.js';

/**
 * The PDF export with the real Chromium. Skipped (with a notice) when Chromium is missing,
 * unless BUURTARENA_TEST_BROWSER=1, which demands it.
 */
const required = process.env.BUURTARENA_TEST_BROWSER === '1';
const present = pdfAvailable();
const missing = `Chromium is missing at ${chromiumPath()} (Debian: apt-get install chromium, or set CHROMIUM_PATH)`;
if (!present && !required) process.stderr.write(`\n[buurtarena] PDF tests skipped: ${missing}.\n`);

function pdfFacts(pdf: Buffer) {
  const text = pdf.toString('latin1');
  return {
    text,
    pages: (text.match(/\/Type\s*\/Page\b(?!s)/g) ?? []).length,
    tagged: text.includes('/StructTreeRoot') && /\/MarkInfo\s*<<[^>]*\/Marked\s+true/.test(text),
  };
}

function testApp(): FastifyInstance {
  const app = Fastify();
  const document = sampleDocument(3);
  app.get('/document', (_req, reply) => sendDocument(reply, { format: 'html', document, filename: 'Wijkbeeld Centrum' }));
  app.get('/document.pdf', (_req, reply) => sendDocument(reply, { format: 'pdf', document, filename: 'Wijkbeeld Centrum 2026', disposition: 'attachment' }));
  return app;
}

describe.skipIf(!present && !required)('PDF export with Chromium', () => {
  afterAll(async () => {
    await closePdfRenderer();
  });

  it('renders a 30-section document as a tagged A4 PDF with bookmarks and page numbers', async () => {
    const document = sampleDocument(30);
    const pdf = await renderPdf(printDocument(document), { title: document.title });
    if (!pdf) throw new Error(`BUURTARENA_TEST_BROWSER=1 but ${missing}`);
    const { text, pages, tagged } = pdfFacts(pdf);
    expect(text.startsWith('%PDF-')).toBe(true);
    expect(tagged).toBe(true);
    expect(text).toMatch(/\/Outlines\s+\d+/);
    expect(text).toContain('/Lang (nl)');
    expect(text).toMatch(/\/MediaBox\s*\[0 0 59[45]\.\d+ 84[12]\.\d+\]/); // A4 in points
    // Cover, contents, and about a page per section (each starts on a new page).
    expect(pages).toBeGreaterThanOrEqual(32);
    expect(pages).toBeLessThanOrEqual(45);
  }, 20_000);

  it('draws header and footer templates for HTML without its own margin boxes', async () => {
    const pdf = await renderPdf('<!doctype html><html lang="en"><body><h1>Report</h1><p>Text.</p></body></html>', { title: 'Report <1>', headerText: 'Report — Buurtarena', footerText: 'Gemeente Voorbeeldstad' });
    expect(pdf).not.toBeNull();
    const { text, pages, tagged } = pdfFacts(pdf!);
    expect(pages).toBe(1);
    expect(tagged).toBe(true);
    expect(text).toMatch(/\/Title\s*\(Report <1>\)|\/Title\s*<FEFF/);
  }, 20_000);

  it('answers …/document.pdf with the PDF and a safe file name', async () => {
    const app = testApp();
    const pdf = await app.inject('/document.pdf');
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.headers['content-disposition']).toBe("attachment; filename=\"Wijkbeeld-Centrum-2026.pdf\"; filename*=UTF-8''Wijkbeeld%20Centrum%202026.pdf");
    expect(pdf.rawPayload.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const page = await app.inject('/document');
    expect(page.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(page.body).toContain('<nav class="ba-print-toc"');
    await app.close();
  }, 20_000);

  it('is an accessible page on screen (axe, WCAG 2.1 AA)', async () => {
    const browser = await chromium.launch({ executablePath: chromiumPath(), args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--no-first-run'] });
    try {
      const context = await browser.newContext();
      const page = await context.newPage();
      const css = fs.readFileSync(`${assetPath()}/print.css`, 'utf8');
      await page.route('**/static/print.css', (route) => route.fulfill({ contentType: 'text/css', body: css }));
      await page.route('http://document.test/', (route) => route.fulfill({ contentType: 'text/html; charset=utf-8', body: printDocument({ ...sampleDocument(3), notice: 'Let op.' }) }));
      await page.goto('http://document.test/');
      const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
      expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
      // The contents links land on their sections.
      await page.click('.ba-print-toc a[href="#sectie-2"]');
      expect(await page.evaluate(() => location.hash)).toBe('#sectie-2');
    } finally {
      await browser.close();
    }
  }, 30_000);
});

describe('PDF export without Chromium', () => {
  let saved: string | undefined;
  beforeAll(() => {
    saved = process.env.CHROMIUM_PATH;
    process.env.CHROMIUM_PATH = '/nonexistent/chromium';
  });
  afterEach(() => {
    if (saved === undefined) delete process.env.CHROMIUM_PATH;
    else process.env.CHROMIUM_PATH = saved;
  });

  it('renderPdf returns null, and …/document.pdf answers 200 with the page and how to print it', async () => {
    expect(pdfAvailable()).toBe(false);
    expect(await renderPdf('<p>x</p>', { title: 'x' })).toBeNull();
    const app = testApp();
    const response = await app.inject('/document.pdf');
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(response.headers['content-disposition']).toBeUndefined();
    expect(response.body).toContain('<div class="ba-print-notice" role="status">');
    expect(response.body).toContain('Ctrl+P');
    expect(response.body).toContain('Opslaan als PDF');
    await app.close();
  });
});
