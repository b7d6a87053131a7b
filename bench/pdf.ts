/**
 * PDF of a 30-page document (issue 3): the documents module's 30-section fixture (cover,
 * contents and about a page per section), rendered to print HTML (`printDocument`) and through
 * the module's own `renderPdf` (headless Chromium) — once cold, with the browser still to start,
 * then several times warm. The baseline in the same run is the print HTML alone, without
 * Chromium, so the ratio shows what the PDF adds. Skipped, with the reason, when Chromium is
 * missing.
 */
import { sampleDocument } from '../src/platform/documents/fixtures.js';
import { chromiumPath, closePdfRenderer, pdfAvailable, printDocument, renderPdf } from '../src/platform/documents/index.js';
import { formatBytes } from './generate.js';
import { fmtDuration, fmtRatio, median } from './report.js';

export interface PdfBenchOptions {
  sections?: number;
  /** Warm PDF renders after the cold one (default 7). */
  warm?: number;
  /** Print-HTML renders for the baseline (default 50). */
  htmlRuns?: number;
  log?: (line: string) => void;
}

export interface PdfBenchResult {
  markdown: string;
  failures: string[];
  skipped: string | null;
}

/** Pages of a PDF, counted as the PDF test does (page objects, not the page tree). */
export function pdfPages(pdf: Buffer): number {
  return (pdf.toString('latin1').match(/\/Type\s*\/Page\b(?!s)/g) ?? []).length;
}

export async function benchPdf(options: PdfBenchOptions = {}): Promise<PdfBenchResult> {
  const log = options.log ?? ((line: string) => process.stdout.write(`${line}\n`));
  const sections = options.sections ?? 30;
  const warmRuns = Math.max(1, Math.round(options.warm ?? 7));
  const htmlRuns = Math.max(1, Math.round(options.htmlRuns ?? 50));
  const document = sampleDocument(sections);

  // Baseline: the print HTML alone (what the HTML version of the document costs), first run apart.
  const htmlTimes: number[] = [];
  let markup = '';
  for (let i = 0; i <= htmlRuns; i++) {
    const started = performance.now();
    markup = printDocument(document);
    htmlTimes.push(performance.now() - started);
  }
  const htmlCold = htmlTimes[0]!;
  const htmlWarm = median(htmlTimes.slice(1));
  const htmlBytes = Buffer.byteLength(markup);
  log(`  print HTML: ${formatBytes(htmlBytes)}, first ${fmtDuration(htmlCold)}, median of ${htmlRuns} ${fmtDuration(htmlWarm)}`);
  const head = [
    '### PDF of a 30-page document',
    '',
    `The documents module's fixture \`sampleDocument(${sections})\` (cover, contents, ${sections} sections with a table each), as print HTML (\`printDocument\`) and as PDF through the module's own \`renderPdf\` (headless Chromium at ${chromiumPath()}, through playwright-core; A4, tagged, with bookmarks).`,
    '',
  ];

  if (!pdfAvailable()) {
    const reason = `Chromium is missing at ${chromiumPath()} (Debian: apt-get install chromium, or set CHROMIUM_PATH)`;
    log(`  PDF skipped: ${reason}`);
    return {
      markdown: [...head,
        '| Rendering | Runs | Pages | Size | Cold | Warm median | vs print HTML |',
        '|---|---:|---:|---:|---:|---:|---:|',
        `| Print HTML (baseline, no Chromium) | ${htmlRuns} | – | ${formatBytes(htmlBytes)} | ${fmtDuration(htmlCold)} | ${fmtDuration(htmlWarm)} | 1 |`,
        `| PDF | skipped: ${reason} | | | | | |`, ''].join('\n'),
      failures: [], skipped: reason,
    };
  }

  const failures: string[] = [];
  const pdfTimes: number[] = [];
  const pages: number[] = [];
  const sizes: number[] = [];
  try {
    await closePdfRenderer(); // cold: no browser running yet
    for (let i = 0; i <= warmRuns; i++) {
      const started = performance.now();
      const pdf = await renderPdf(printDocument(document), { title: document.title });
      const ms = performance.now() - started;
      if (!pdf) throw new Error('renderPdf returned null although Chromium is installed (playwright-core missing?)');
      if (!pdf.subarray(0, 5).equals(Buffer.from('%PDF-'))) throw new Error('renderPdf returned something that is not a PDF');
      pdfTimes.push(ms);
      pages.push(pdfPages(pdf));
      sizes.push(pdf.length);
      log(`  PDF ${i === 0 ? 'cold' : `warm ${i}`}: ${fmtDuration(ms)}, ${pages[i]} pages, ${formatBytes(pdf.length)}`);
    }
  } catch (error) {
    const message = `PDF rendering failed: ${error instanceof Error ? error.message : String(error)}`;
    failures.push(message);
    log(`  FAILURE: ${message}`);
  } finally {
    await closePdfRenderer();
  }
  if (new Set(pages).size > 1) failures.push(`the page count changed between renders: ${pages.join(', ')}`);
  const cold = pdfTimes[0] ?? Number.NaN;
  const warm = median(pdfTimes.slice(1));
  const warmSorted = pdfTimes.slice(1).sort((a, b) => a - b);
  const table = [
    '| Rendering | Runs | Pages | Size | Cold | Warm median | Warm fastest–slowest | vs print HTML (warm) |',
    '|---|---:|---:|---:|---:|---:|---:|---:|',
    `| Print HTML (baseline, no Chromium) | 1 + ${htmlRuns} | – | ${formatBytes(htmlBytes)} | ${fmtDuration(htmlCold)} | ${fmtDuration(htmlWarm)} | ${fmtDuration(Math.min(...htmlTimes.slice(1)))}–${fmtDuration(Math.max(...htmlTimes.slice(1)))} | 1 |`,
    pdfTimes.length
      ? `| PDF (print HTML + Chromium) | 1 + ${Math.max(0, pdfTimes.length - 1)} | ${pages[0]} | ${formatBytes(median(sizes))} | ${fmtDuration(cold)} | ${fmtDuration(warm)} | ${warmSorted.length ? `${fmtDuration(warmSorted[0]!)}–${fmtDuration(warmSorted[warmSorted.length - 1]!)}` : '–'} | ${fmtRatio(warm / htmlWarm)} |`
      : '| PDF (print HTML + Chromium) | FAILED | | | | | | |',
  ];
  const notes = [
    '',
    `Cold includes starting Chromium (one browser per process, kept for a minute between renders); each warm render gets a fresh browser context, as in the server. Cold vs warm: ${fmtRatio(cold / warm)}.`,
    ...(failures.length ? ['', `**PDF FAILED**: ${failures.join('; ')}.`] : []),
    '',
  ];
  return { markdown: [...head, ...table, ...notes].join('\n'), failures, skipped: null };
}
