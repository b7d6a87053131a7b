import fs from 'node:fs/promises';
import type { Command } from 'commander';
import {
  importStatistics, STATISTICS_FORMATS, StatisticsImportError, type StatisticsFormat, type StatisticsImportFile, type StatisticsImportReport,
} from '../../capabilities/statistics/index.js';
import { writeProgress } from '../progress.js';
import { CliError, EXIT_BAD_INPUT, systemContext, withPlatform } from '../run.js';

const FINDINGS_SHOWN = 20;

async function readFile(path: string): Promise<StatisticsImportFile> {
  try {
    return { name: path, bytes: await fs.readFile(path) };
  } catch (error) {
    throw new CliError(`${path}: cannot read the file (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
  }
}

function parseYear(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d{4}$/.test(value.trim())) throw new CliError(`--year must be a year such as 2023, got "${value}"`);
  return Number(value);
}

function parseFormat(value: string | undefined): StatisticsFormat | undefined {
  if (value === undefined) return undefined;
  if (!(STATISTICS_FORMATS as readonly string[]).includes(value)) throw new CliError(`--format must be one of ${STATISTICS_FORMATS.join(', ')}, got "${value}"`);
  return value as StatisticsFormat;
}

export function formatStatisticsReport(report: StatisticsImportReport): string {
  const pad = (label: string, n: number) => `  ${label.padEnd(28)}${String(n).padStart(9)}`;
  const scope = report.municipalityId === null ? 'national statistics' : 'the municipality\'s own statistics';
  const lines = [
    `Imported ${report.years.join(', ')} from ${report.file.name} (${report.format}, source ${report.source}) into ${scope} in ${(report.durationMs / 1000).toFixed(1)} s (import ${report.id}).`,
    `  ${report.file.rows} rows, sha256 ${report.file.sha256.slice(0, 16)}…${report.metadataFile ? `; metadata ${report.metadataFile.name}` : ''}`,
    'Areas:',
    pad('the Netherlands', report.counts.areas.country), pad('municipalities', report.counts.areas.municipality),
    pad('districts', report.counts.areas.district), pad('neighbourhoods', report.counts.areas.neighbourhood),
    'Values:',
    pad('variables', report.counts.variables), pad('values written', report.counts.values),
    pad('unknown: missing', report.counts.unknown.missing), pad('unknown: secret', report.counts.unknown.secret),
    pad('unknown: n/a', report.counts.unknown['not-applicable']), pad('replaced', report.counts.replaced),
  ];
  if (report.counts.indicatorsDescribed) lines.push(pad('own indicators', report.counts.indicatorsDescribed));
  lines.push('Findings:');
  for (const [kind, n] of Object.entries(report.findingSummary)) lines.push(pad(kind, n));
  for (const f of report.findings.slice(0, FINDINGS_SHOWN)) lines.push(`  ${f.kind}: ${f.detail}`);
  if (report.findings.length > FINDINGS_SHOWN) lines.push(`  … and ${report.findings.length - FINDINGS_SHOWN} more`);
  return lines.join('\n') + '\n';
}

export function statisticsCommands(program: Command): void {
  const statistics = program.command('statistics').description('neighbourhood statistics');
  statistics.command('import')
    .description('import one statistics file, all or nothing: CBS key figures (StatLine JSON or CSV, kwb-YYYY.xlsx or .csv) into the national statistics, or a long-format file (year;area_code;variable;value) into a municipality\'s own')
    .argument('<file>', 'e.g. kwb-2023.xlsx, 85618NED.json, statline.csv, buurtcijfers.csv')
    .option('--format <format>', `${STATISTICS_FORMATS.join(' | ')} (default: from the name and the header)`)
    .option('--year <year>', 'the year, when neither the data nor the file name says it')
    .option('--municipality <slug>', 'import into this municipality\'s own statistics (long format)')
    .option('--metadata <file>', 'long format: variable;label;definition;unit;source of the municipality\'s own variables')
    .option('--source <name>', 'source name; re-importing a year of the same source replaces it (default cbs-kwb, or local)')
    .action(async (path: string, options: { format?: string; year?: string; municipality?: string; metadata?: string; source?: string }) => withPlatform(async (opened) => {
      const format = parseFormat(options.format);
      const year = parseYear(options.year);
      const file = await readFile(path);
      const metadata = options.metadata ? await readFile(options.metadata) : undefined;
      const ctx = await systemContext(opened, options.municipality);
      const progress = writeProgress('writing values');
      try {
        const report = await importStatistics(ctx, file, {
          format, year, metadata, source: options.source,
          onProgress: progress.onProgress,
        });
        progress.stop();
        process.stdout.write(formatStatisticsReport(report));
      } catch (error) {
        progress.stop();
        if (error instanceof StatisticsImportError) {
          for (const line of error.lines()) process.stderr.write(`${line}\n`);
          process.stderr.write(`error: ${error.totalErrors} error${error.totalErrors === 1 ? '' : 's'} in the input; nothing was imported.\n`);
          process.exitCode = EXIT_BAD_INPUT;
          return;
        }
        throw error;
      }
    }));
}
