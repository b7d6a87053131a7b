import type { Command } from 'commander';
import { resetDemo, demoLogins } from '../../demo/index.js';
import { withPlatform } from '../run.js';

export function demoCommand(program: Command): void {
  program.command('demo')
    .description('reset and seed the demo municipality "Gemeente Voorbeeldstad"')
    .action(async () => withPlatform(async (opened) => {
      await resetDemo(opened.platform);
      process.stdout.write('The demo municipality has been reset.\n');
      for (const login of await demoLogins(opened.platform)) process.stdout.write(`  ${login.role.padEnd(18)} ${login.email}  (password ${login.password})\n`);
    }));
}
