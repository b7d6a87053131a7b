import fs from 'node:fs/promises';
import type { Command } from 'commander';
import { AreaImportError, importAreas, type AreaImportFile, type AreaImportReport } from '../../capabilities/areas/index.js';
import { ValidationError } from '../../platform/errors.js';
import { translator } from '../../platform/i18n/index.js';
import { writeProgress } from '../progress.js';
import { CliError, EXIT_BAD_INPUT, systemContext, withPlatform } from '../run.js';

const FINDINGS_SHOWN = 20;

async function readFiles(paths: string[]): Promise<AreaImportFile[]> {
  const problems: string[] = [];
  const files: AreaImportFile[] = [];
  for (const path of paths) {
    try {
      files.push({ name: path, text: await fs.readFile(path, 'utf8') });
    } catch (error) {
      problems.push(`${path}: cannot read the file (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
    }
  }
  if (problems.length) throw new CliError(problems.join('\n'));
  return files;
}

function parseYear(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d{4}$/.test(value.trim())) throw new CliError(`--year must be a year such as 2024, got "${value}"`);
  return Number(value);
}

/** One of each kind in turn, so that a thousand zero-area shapes do not hide the missing parents. */
function interleaveKinds<T extends { kind: string }>(findings: readonly T[]): T[] {
  const byKind = new Map<string, T[]>();
  for (const f of findings) byKind.set(f.kind, [...(byKind.get(f.kind) ?? []), f]);
  const queues = [...byKind.values()];
  const out: T[] = [];
  for (let i = 0; out.length < findings.length; i++) for (const q of queues) if (q[i]) out.push(q[i]!);
  return out;
}

export function formatReport(report: AreaImportReport): string {
  const lines: string[] = [];
  const pad = (label: string, n: number) => `  ${label.padEnd(16)}${String(n).padStart(7)}`;
  lines.push(`Imported the division of ${report.divisionYear} from ${report.files.length} file${report.files.length === 1 ? '' : 's'} in ${(report.durationMs / 1000).toFixed(1)} s (import ${report.id}).`);
  for (const f of report.files) lines.push(`  ${f.name}: ${f.features} features, ${f.crs}, sha256 ${f.sha256.slice(0, 16)}…`);
  lines.push('Areas:');
  lines.push(pad('municipalities', report.counts.municipality));
  lines.push(pad('districts', report.counts.district));
  lines.push(pad('neighbourhoods', report.counts.neighbourhood));
  lines.push(`${pad('placeholders', report.counts.placeholders)}  (known only by code${report.counts.placeholdersKeptReal ? `; ${report.counts.placeholdersKeptReal} already known with name and boundary, left alone` : ''})`);
  lines.push(pad('rows written', report.counts.written));
  lines.push('Findings:');
  for (const [kind, n] of Object.entries(report.findingSummary)) lines.push(pad(kind, n));
  if (report.findings.length) {
    lines.push(report.findings.length > FINDINGS_SHOWN ? `First ${FINDINGS_SHOWN} of ${report.findings.length} findings (taking turns between kinds):` : 'All findings:');
    for (const f of interleaveKinds(report.findings).slice(0, FINDINGS_SHOWN)) {
      const where = f.file ? ` (${f.file}${f.feature !== undefined ? `, feature ${f.feature}` : ''})` : '';
      lines.push(`  ${f.kind}${f.code ? ` ${f.code}` : ''}: ${f.detail}${where}`);
    }
    if (report.findings.length > FINDINGS_SHOWN) lines.push('  The full report: GET /api/v1/area-imports/' + report.id);
  }
  return lines.join('\n') + '\n';
}

export function importCommands(program: Command): void {
  const importCommand = program.command('import').description('import reference data');
  importCommand.command('areas')
    .description('import CBS area boundaries (GeoJSON or TopoJSON; WGS84 or RD New) as one division year, all or nothing')
    .argument('<files...>', 'boundary files, e.g. gemeente_2024.geojson wijk_2024.geojson buurt_2024.geojson')
    .option('--year <year>', 'division year (default: the year in the file names)')
    .action(async (paths: string[], options: { year?: string }) => withPlatform(async (opened) => {
      const divisionYear = parseYear(options.year);
      const files = await readFiles(paths);
      const ctx = await systemContext(opened);
      const progress = writeProgress('writing areas');
      try {
        const report = await importAreas(ctx, files, {
          divisionYear,
          onProgress: progress.onProgress,
        });
        progress.stop();
        process.stdout.write(formatReport(report));
      } catch (error) {
        progress.stop();
        if (error instanceof AreaImportError) {
          for (const line of error.lines()) process.stderr.write(`${line}\n`);
          process.stderr.write(`error: ${error.totalErrors} error${error.totalErrors === 1 ? '' : 's'} in the input; nothing was imported.\n`);
          process.exitCode = EXIT_BAD_INPUT;
          return;
        }
        if (error instanceof ValidationError && error.issues.some((i) => i.field === 'divisionYear')) {
          const t = translator('en');
          throw new CliError(`${error.issues.map((i) => t(i.key, i.params)).join(' ')} Use --year N.`);
        }
        throw error;
      }
    }));
}
