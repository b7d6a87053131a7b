/**
 * PDF of a full neighbourhood picture (issue 5): the demo municipality is seeded into a fresh
 * SQLite database, and the published wijkbeeld of the Lindenhof (figures, readings, places,
 * ecosystem, history, money flows and the neighbourhood's own sections) is asked for through the
 * application itself (in-process requests): its print page (`…/wijkbeeld/document`) as the
 * baseline, then its PDF (`…/wijkbeeld/document.pdf`) once cold (the browser still to start) and
 * several times warm. Skipped, with the reason, when Chromium is missing.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildApp, openPlatform } from '../src/app.js';
import { loadConfig } from '../src/platform/config.js';
import { chromiumPath, closePdfRenderer, forgetKeptPdfs, pdfAvailable } from '../src/platform/documents/index.js';
import { seedDemo } from '../src/demo/index.js';
import { formatBytes } from './generate.js';
import { pdfPages } from './pdf.js';
import { fmtDuration, fmtRatio, median } from './report.js';

/** The demo neighbourhood with the fullest picture (two published versions, every part filled). */
const AREA_PATH = '/voorbeeldstad/gebieden/BU99990102/wijkbeeld';

export interface PicturePdfBenchOptions {
  /** Warm PDF renders after the cold one (default 7). */
  warm?: number;
  /** Print-page requests for the baseline (default 30). */
  htmlRuns?: number;
  log?: (line: string) => void;
}

export async function benchPicturePdf(options: PicturePdfBenchOptions = {}): Promise<{ markdown: string; failures: string[] }> {
  const log = options.log ?? ((line: string) => process.stdout.write(`${line}\n`));
  const warmRuns = Math.max(1, Math.round(options.warm ?? 7));
  const htmlRuns = Math.max(1, Math.round(options.htmlRuns ?? 30));
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'buurtarena-bench-picture-'));
  const failures: string[] = [];
  const opened = await openPlatform(loadConfig({ ...process.env, DATABASE_URL: `sqlite:${path.join(dir, 'demo.sqlite')}`, SEED_DEMO: '0', LOG_LEVEL: 'warn' }));
  try {
    const seeding = performance.now();
    await seedDemo(opened.platform);
    log(`  demo seeded in ${fmtDuration(performance.now() - seeding)}`);
    const app = await buildApp(opened.platform);
    await app.ready();
    const get = async (url: string) => {
      const started = performance.now();
      const response = await app.inject({ method: 'GET', url });
      const ms = performance.now() - started;
      if (response.statusCode !== 200) throw new Error(`GET ${url} answered ${response.statusCode}: ${response.body.slice(0, 300)}`);
      return { ms, body: response.rawPayload };
    };

    // Baseline: the print page (the same document as HTML, no Chromium).
    const htmlTimes: number[] = [];
    let htmlBytes = 0;
    for (let i = 0; i <= htmlRuns; i++) {
      const { ms, body } = await get(`${AREA_PATH}/document`);
      htmlTimes.push(ms);
      htmlBytes = body.length;
    }
    const htmlCold = htmlTimes[0]!;
    const htmlWarm = median(htmlTimes.slice(1));
    log(`  print page: ${formatBytes(htmlBytes)}, first ${fmtDuration(htmlCold)}, median of ${htmlRuns} ${fmtDuration(htmlWarm)}`);
    const head = [
      '### PDF of a full neighbourhood picture',
      '',
      `The demo's published wijkbeeld of the Lindenhof (\`${AREA_PATH}\`: figures with their sources, readings, public places, the ecosystem, the timeline, money flows and the neighbourhood's own sections), asked for through the application in-process: the print page as the baseline, and the PDF (headless Chromium at ${chromiumPath()}, through the documents module).`,
      '',
      '| Rendering | Runs | Pages | Size | Cold | Warm median | vs print page |',
      '|---|---:|---:|---:|---:|---:|---:|',
      `| Print page (baseline, no Chromium) | 1 + ${htmlRuns} | – | ${formatBytes(htmlBytes)} | ${fmtDuration(htmlCold)} | ${fmtDuration(htmlWarm)} | 1 |`,
    ];
    if (!pdfAvailable()) {
      const reason = `Chromium is missing at ${chromiumPath()} (Debian: apt-get install chromium, or set CHROMIUM_PATH)`;
      log(`  PDF skipped: ${reason}`);
      return { markdown: [...head, `| PDF | skipped: ${reason} | | | | | |`, ''].join('\n'), failures };
    }
    const pdfTimes: number[] = [];
    let pages = 0;
    let size = 0;
    await closePdfRenderer(); // cold: no browser running yet
    for (let i = 0; i <= warmRuns; i++) {
      forgetKeptPdfs(); // each run renders; asked again, the PDF kept is measured below
      const { ms, body } = await get(`${AREA_PATH}/document.pdf`);
      if (!body.subarray(0, 5).equals(Buffer.from('%PDF-'))) throw new Error('the PDF route answered something that is not a PDF');
      pdfTimes.push(ms);
      pages = pdfPages(body);
      size = body.length;
      log(`  PDF ${i === 0 ? 'cold' : `warm ${i}`}: ${fmtDuration(ms)}, ${pages} pages, ${formatBytes(size)}`);
    }
    const warm = median(pdfTimes.slice(1));
    const keptTimes: number[] = [];
    for (let i = 0; i < htmlRuns; i++) keptTimes.push((await get(`${AREA_PATH}/document.pdf`)).ms);
    const kept = median(keptTimes);
    log(`  PDF asked again (kept): median of ${htmlRuns} ${fmtDuration(kept)}`);
    await app.close();
    return {
      markdown: [...head,
        `| PDF through Chromium | 1 + ${warmRuns} | ${pages} | ${formatBytes(size)} | ${fmtDuration(pdfTimes[0]!)} | ${fmtDuration(warm)} (${fmtDuration(Math.min(...pdfTimes.slice(1)))}–${fmtDuration(Math.max(...pdfTimes.slice(1)))}) | ${fmtRatio(warm / htmlWarm)} |`,
        `| The same PDF asked again (kept by what was printed; the print page is still made to know) | ${htmlRuns} | ${pages} | ${formatBytes(size)} | – | ${fmtDuration(kept)} | ${fmtRatio(kept / htmlWarm)} |`,
        ''].join('\n'),
      failures,
    };
  } catch (error) {
    const message = `wijkbeeld PDF: ${error instanceof Error ? error.message : String(error)}`;
    failures.push(message);
    log(`  FAILURE: ${message}`);
    return { markdown: `### PDF of a full neighbourhood picture\n\nFailed: ${message}\n`, failures };
  } finally {
    await closePdfRenderer();
    await opened.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
