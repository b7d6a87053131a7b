#!/usr/bin/env node
import { Command } from 'commander';
import { backupCommands } from './commands/backup.js';
import { demoCommand } from './commands/demo.js';
import { importCommands } from './commands/import.js';
import { migrateCommand } from './commands/migrate.js';
import { municipalityCommands } from './commands/municipality.js';
import { searchCommands } from './commands/search.js';
import { serveCommand } from './commands/serve.js';
import { statisticsCommands } from './commands/statistics.js';
import { userCommands } from './commands/users.js';

const program = new Command('buurtarena')
  .description('Buurtarena: neighbourhood budgets, future agendas and the neighbourhood picture')
  .version('0.1.0')
  .showHelpAfterError()
  .exitOverride((error) => {
    process.exit(error.exitCode === 0 ? 0 : 2);
  });

serveCommand(program);
migrateCommand(program);
demoCommand(program);
importCommands(program);
userCommands(program);
municipalityCommands(program);
backupCommands(program);
searchCommands(program);
statisticsCommands(program);

await program.parseAsync(process.argv);
