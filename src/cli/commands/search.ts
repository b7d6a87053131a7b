import type { Command } from 'commander';
import { countItems, markSearchIndexCurrent, reindexAll } from '../../platform/search/index.js';
import { CliError, withPlatform } from '../run.js';

export function searchCommands(program: Command): void {
  const search = program.command('search').description('the full-text search index');

  search.command('reindex')
    .description('rebuild the search index from the data (after an upgrade, a bulk import or a restore)')
    .option('--type <type...>', 'only these kinds of item (organisation, area, publicValue, …)')
    .action(async (options: { type?: string[] }) => withPlatform(async (opened) => {
      const started = performance.now();
      let counts: Record<string, number>;
      try {
        counts = await reindexAll(opened.platform, {
          types: options.type,
          onProgress: (type, done) => { if (process.stderr.isTTY) process.stderr.write(`\r  ${type}: ${done}`); },
        });
      } catch (error) {
        if (error instanceof Error && error.message.startsWith('Unknown search type')) throw new CliError(error.message);
        throw error;
      }
      if (process.stderr.isTTY) process.stderr.write('\n');
      if (!options.type) await markSearchIndexCurrent(opened.platform.db);
      for (const [type, n] of Object.entries(counts)) process.stdout.write(`  ${type.padEnd(16)} ${String(n).padStart(8)} items\n`);
      process.stdout.write(`Reindexed in ${((performance.now() - started) / 1000).toFixed(1)} s; the index holds ${await countItems(opened.platform.db)} items.\n`);
    }));
}
