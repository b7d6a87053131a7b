import type { Command } from 'commander';
import { execute } from '../../platform/service.js';
import { createMunicipality, listMunicipalities } from '../../capabilities/municipality/index.js';
import { systemContext, withPlatform } from '../run.js';

export function municipalityCommands(program: Command): void {
  const municipality = program.command('municipality').description('manage the municipalities of this installation');

  municipality.command('add')
    .description('add a municipality (with the default public values)')
    .requiredOption('--slug <slug>', 'short name in the web address, e.g. voorbeeldstad')
    .requiredOption('--name <name>', 'name, e.g. "Gemeente Voorbeeldstad"')
    .requiredOption('--cbs-code <code>', 'CBS municipality code, GM and four digits')
    .option('--year <year>', 'division year of its areas (default: this year)')
    .action(async (options: { slug: string; name: string; cbsCode: string; year?: string }) => withPlatform(async (opened) => {
      const ctx = await systemContext(opened);
      const input: Record<string, unknown> = { slug: options.slug, name: options.name, cbsCode: options.cbsCode };
      if (options.year !== undefined) input.divisionYear = options.year;
      const { slug } = await execute(ctx, createMunicipality, input);
      process.stdout.write(`Added municipality ${options.name} at /${slug}.\n`);
    }));

  municipality.command('list')
    .description('list the municipalities')
    .action(async () => withPlatform(async (opened) => {
      const rows = await listMunicipalities(opened.platform.db);
      if (rows.length === 0) {
        process.stdout.write('No municipalities yet. Add one with: buurtarena municipality add --slug S --name N --cbs-code GM0123\n');
        return;
      }
      const width = Math.max(4, ...rows.map((r) => r.slug.length));
      process.stdout.write(`${'slug'.padEnd(width)}  cbs     year  name\n`);
      for (const r of rows) process.stdout.write(`${r.slug.padEnd(width)}  ${r.cbs_code}  ${r.division_year}  ${r.name}\n`);
    }));
}
