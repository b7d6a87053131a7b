import fs from 'node:fs';
import { AxeBuilder } from '@axe-core/playwright';
import Fastify, { type FastifyInstance } from 'fastify';
import { chromium } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { html } from '../html.js';
import { assetPath } from '../paths.js';
import { pdfWithDestinations, sampleDocument } from './fixtures.js';
import { chromiumPath, closePdfRenderer, pdfAvailable, renderPdf, renderWithContentsPages } from './pdf.js';
import { PdfDict, PdfFile, PdfName, PdfParser, PdfStream, PdfString, type PdfValue } from './pdf-reader.js';
import { contentsTargets, printDocument } from './print.js';
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

type Matrix = [number, number, number, number, number, number];
const IDENTITY: Matrix = [1, 0, 0, 1, 0, 0];
const multiply = (m: Matrix, n: Matrix): Matrix => [
  m[0] * n[0] + m[1] * n[2], m[0] * n[1] + m[1] * n[3], m[2] * n[0] + m[3] * n[2], m[2] * n[1] + m[3] * n[3],
  m[4] * n[0] + m[5] * n[2] + n[4], m[4] * n[1] + m[5] * n[3] + n[5],
];

/** A font's codes to text (its /ToUnicode map) and to their width in thousandths of the size (/W or /Widths). */
function fontDecoder(file: PdfFile, font: PdfDict | null): (bytes: Buffer) => { text: string; width: number } {
  const map = new Map<number, string>();
  const widths = new Map<number, number>();
  const cmap = file.resolve(font?.get('ToUnicode'));
  const subtype = font?.get('Subtype');
  const composite = subtype instanceof PdfName && subtype.name === 'Type0';
  let size = composite ? 2 : 1;
  if (cmap instanceof PdfStream) {
    const text = file.streamData(cmap).toString('latin1');
    const utf16 = (hex: string) => Buffer.from(hex, 'hex').swap16().toString('utf16le');
    size = (/begincodespacerange\s*<([0-9A-Fa-f]+)>/.exec(text)?.[1]?.length ?? size * 2) / 2;
    for (const block of text.matchAll(/beginbfchar([\s\S]*?)endbfchar/g)) {
      for (const m of block[1]!.matchAll(/<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>/g)) map.set(parseInt(m[1]!, 16), utf16(m[2]!));
    }
    for (const block of text.matchAll(/beginbfrange([\s\S]*?)endbfrange/g)) {
      for (const m of block[1]!.matchAll(/<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>/g)) {
        for (let code = parseInt(m[1]!, 16), i = 0; code <= parseInt(m[2]!, 16); code++, i++) {
          const target = Buffer.from(m[3]!, 'hex');
          target.writeUInt16BE(target.readUInt16BE(target.length - 2) + i, target.length - 2);
          map.set(code, utf16(target.toString('hex')));
        }
      }
    }
  }
  let fallbackWidth = 0;
  if (composite) {
    const cid = file.dict(file.array(font?.get('DescendantFonts'))?.[0]);
    const dw = file.resolve(cid?.get('DW'));
    fallbackWidth = typeof dw === 'number' ? dw : 1000;
    const w = file.array(cid?.get('W')) ?? [];
    for (let i = 0; i < w.length;) {
      const first = file.resolve(w[i]) as number;
      const next = file.resolve(w[i + 1]);
      if (Array.isArray(next)) {
        next.forEach((width, j) => widths.set(first + j, file.resolve(width) as number));
        i += 2;
      } else {
        for (let code = first; code <= (next as number); code++) widths.set(code, file.resolve(w[i + 2]) as number);
        i += 3;
      }
    }
  } else {
    const first = file.resolve(font?.get('FirstChar'));
    (file.array(font?.get('Widths')) ?? []).forEach((width, j) => widths.set((first as number) + j, file.resolve(width) as number));
  }
  return (bytes) => {
    let text = '';
    let width = 0;
    for (let i = 0; i + size <= bytes.length; i += size) {
      const code = bytes.readUIntBE(i, size);
      text += map.get(code) ?? '\uFFFD';
      width += widths.get(code) ?? fallbackWidth;
    }
    return { text, width };
  };
}

interface TextLine { size: number; text: string }

/**
 * The text of each page as lines, top to bottom, each with its font size in points: read from
 * the pages' content streams through the fonts' /ToUnicode maps (glyph positions and sizes
 * through the text and graphics matrices). Enough for Chromium's PDFs, independent of how the
 * renderer finds its page numbers (named destinations).
 */
function pageLines(pdf: Buffer): TextLine[][] {
  const file = new PdfFile(pdf);
  return file.pages().map((ref) => {
    const page = file.dict(ref)!;
    const fonts = file.dict(file.dict(page.get('Resources'))?.get('Font'));
    const decoders = new Map<string, ReturnType<typeof fontDecoder>>();
    const contents = file.resolve(page.get('Contents'));
    const streams = (Array.isArray(contents) ? contents.map((c) => file.resolve(c)) : [contents]).filter((c): c is PdfStream => c instanceof PdfStream);
    const data = Buffer.concat(streams.flatMap((stream) => [file.streamData(stream), Buffer.from('\n')]));
    const parser = new PdfParser(data);
    const runs: Array<{ x: number; end: number; y: number; size: number; text: string }> = [];
    const saved: Matrix[] = [];
    let ctm = IDENTITY, line = IDENTITY, size = 0, decode = fontDecoder(file, null);
    let operands: PdfValue[] = [];
    const show = (value: PdfValue | undefined) => {
      if (!(value instanceof PdfString)) return;
      const m = multiply(line, ctm);
      const { text, width } = decode(value.bytes);
      runs.push({ x: m[4], end: m[4] + (width / 1000) * size * m[0], y: m[5], size: Math.round(size * Math.hypot(m[2], m[3]) * 10) / 10, text });
    };
    while (!parser.atEnd()) {
      if (!/[A-Za-z'"*]/.test(String.fromCharCode(data[parser.pos]!))) { operands.push(parser.value()); continue; }
      const op = parser.keyword()!;
      const numbers = operands.filter((o): o is number => typeof o === 'number');
      if (op === 'q') saved.push(ctm);
      else if (op === 'Q') ctm = saved.pop() ?? IDENTITY;
      else if (op === 'cm') ctm = multiply(numbers as Matrix, ctm);
      else if (op === 'BT') line = IDENTITY;
      else if (op === 'Tm') line = numbers as Matrix;
      else if (op === 'Td' || op === 'TD') line = multiply([1, 0, 0, 1, numbers[0]!, numbers[1]!], line);
      else if (op === 'Tf') {
        const name = operands[0] instanceof PdfName ? operands[0].name : '';
        if (!decoders.has(name)) decoders.set(name, fontDecoder(file, file.dict(fonts?.get(name))));
        decode = decoders.get(name)!;
        size = numbers[0] ?? 0;
      } else if (op === 'Tj' || op === "'" || op === '"') show(operands[operands.length - 1]);
      else if (op === 'TJ' && Array.isArray(operands[0])) for (const item of operands[0]) show(item);
      else if (op === 'BI') parser.pos = data.indexOf('EI', parser.pos, 'latin1') + 2;
      operands = [];
    }
    // Runs on the same baseline make a line, left to right; lines from the top of the page down.
    const lines = new Map<number, typeof runs>();
    for (const run of runs) {
      const y = Math.round(run.y);
      lines.set(y, [...(lines.get(y) ?? []), run]);
    }
    // A gap of more than a fifth of the size between two runs is a space.
    return [...lines.entries()].sort((a, b) => b[0] - a[0]).map(([, parts]) => {
      parts.sort((a, b) => a.x - b.x);
      const text = parts.map((p, i) => (i > 0 && p.x - parts[i - 1]!.end > p.size / 5 ? ' ' : '') + p.text).join('');
      return { size: Math.max(...parts.map((p) => p.size)), text: text.normalize('NFKC').replace(/\s+/g, ' ').trim() };
    });
  });
}

function testApp(document = sampleDocument(3)): FastifyInstance {
  const app = Fastify();
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

  it('shows in the contents the page on which each section starts', async () => {
    // The 30-section sample, with four sections of three pages and two headings of two lines, so
    // that the numbers are not simply the section's number plus two.
    const document = sampleDocument(30);
    for (const i of [3, 10, 17, 24]) {
      const section = document.sections[i]!;
      section.body = html`${section.body}${section.body}${section.body}`;
    }
    for (const i of [6, 20]) document.sections[i]!.heading += ': wat bewoners, ondernemers en de gemeente samen willen bereiken in de komende vier jaar';
    const pdf = await renderPdf(printDocument(document), { title: document.title });
    if (!pdf) throw new Error(`BUURTARENA_TEST_BROWSER=1 but ${missing}`);
    const pages = pageLines(pdf);
    const normal = (text: string) => text.normalize('NFKC').replace(/\s+/g, ' ').trim();

    // Every page after the cover says which it is, so a page's place in the PDF is its printed number.
    pages.slice(1).forEach((lines, i) => expect(lines.map((l) => l.text)).toContain(`Pagina ${i + 2} van ${pages.length}`));

    // The contents: "N. heading … pagina P" on the entry's last line.
    const contentsPage = pages.findIndex((lines) => lines.some((l) => l.size === 18 && l.text === 'Inhoud'));
    expect(contentsPage).toBe(1);
    const entries: Array<{ n: number; heading: string; page: number }> = [];
    let pending = '';
    for (const line of pages.slice(contentsPage).flat().filter((l) => l.size === 11)) {
      pending = pending ? `${pending} ${line.text}` : line.text;
      const m = /^(\d+)\. (.+) pagina (\d+)$/.exec(pending);
      if (m) {
        entries.push({ n: Number(m[1]), heading: m[2]!, page: Number(m[3]) });
        pending = '';
      }
      if (entries.length === document.sections.length) break;
    }
    expect(entries.map((e) => e.n)).toEqual(document.sections.map((_, i) => i + 1));
    expect(entries.map((e) => e.heading)).toEqual(document.sections.map((s) => normal(s.heading)));

    // Where each heading (18 pt, possibly over two lines) really is.
    const headingPages = new Map<string, number[]>();
    pages.forEach((lines, i) => {
      const heading = lines.filter((l) => l.size === 18).map((l) => l.text).join(' ');
      if (heading) headingPages.set(heading, [...(headingPages.get(heading) ?? []), i + 1]);
    });
    for (const [i, section] of document.sections.entries()) {
      expect(headingPages.get(normal(section.heading)), section.heading).toEqual([entries[i]!.page]);
    }
    // The longer sections pushed the later ones on: the numbers are more than a count.
    expect(entries.map((e) => e.page)).not.toEqual(entries.map((e) => e.n + 2));
    expect(entries[29]!.page).toBe(pages.length);
  }, 60_000);

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

describe('page numbers in the contents: the renders', () => {
  const markup = printDocument(sampleDocument(3));
  const targets = contentsTargets(markup);
  /** The numbers a render was asked to show, '' for none. */
  const shown = (content: string) => [...content.matchAll(/<span class="ba-print-toc__page">(?:<span class="ba-print-toc__label">pagina <\/span>)?(\d*)<\/span>/g)].map((m) => m[1]);
  /** A renderer whose n-th PDF has these destinations (or these bytes); it keeps what it was given and made. */
  const renderer = (results: Array<Record<string, number> | Buffer>) => {
    const given: string[] = [];
    const made: Buffer[] = [];
    const render = async (content: string) => {
      const result = results[Math.min(given.length, results.length - 1)]!;
      given.push(content);
      made.push(Buffer.isBuffer(result) ? result : pdfWithDestinations(8, result));
      return made[made.length - 1]!;
    };
    return { render, given, made };
  };

  it('renders twice: once without numbers, once with the pages that render found', async () => {
    const { render, given, made } = renderer([{ 'ba-main': 3, 'sectie-1': 3, 'sectie-2': 5, 'sectie-3': 6 }]);
    expect(targets).toEqual(['sectie-1', 'sectie-2', 'sectie-3']);
    const pdf = await renderWithContentsPages(render, markup, targets);
    expect(given.map(shown)).toEqual([['', '', ''], ['3', '5', '6']]);
    expect(given[0]).toContain('<nav class="ba-print-toc ba-print-toc--paged"');
    expect(pdf).toBe(made[1]);
  });

  it('renders a third time when the numbers moved a section, and gives up on numbers that never settle', async () => {
    const settles = renderer([{ 'sectie-1': 3, 'sectie-2': 4, 'sectie-3': 5 }, { 'sectie-1': 3, 'sectie-2': 4, 'sectie-3': 6 }]);
    expect(await renderWithContentsPages(settles.render, markup, targets)).toBe(settles.made[2]);
    expect(settles.given.map(shown)).toEqual([['', '', ''], ['3', '4', '5'], ['3', '4', '6']]);
    const restless = renderer([{ 'sectie-1': 3, 'sectie-2': 4, 'sectie-3': 5 }, { 'sectie-1': 3, 'sectie-2': 4, 'sectie-3': 6 }, { 'sectie-1': 3, 'sectie-2': 4, 'sectie-3': 7 }]);
    expect(await renderWithContentsPages(restless.render, markup, targets)).toBe(restless.made[0]);
    expect(restless.given).toHaveLength(3);
  });

  it('keeps the contents without numbers when the PDF does not tell every section\'s page', async () => {
    for (const first of [{ 'sectie-1': 3, 'sectie-3': 5 }, Buffer.from('%PDF-1.4\n1 0 obj\n<< /Type /Catalog /Pages [ >>\nendobj\n'), Buffer.from('no PDF')]) {
      const { render, given, made } = renderer([first]);
      expect(await renderWithContentsPages(render, markup, targets)).toBe(made[0]);
      expect(given).toHaveLength(1);
    }
  });
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
    // A document no test rendered before (a PDF made while Chromium was there would still be served).
    const app = testApp({ ...sampleDocument(3), title: 'Nooit eerder gemaakt' });
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
