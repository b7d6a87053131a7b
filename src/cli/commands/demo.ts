import type { Command } from 'commander';
import { resetDemo, demoLogins, DEMO_TOTP_SECRET } from '../../demo/index.js';
import { TOTP_PERIOD_SECONDS, totpCode } from '../../platform/auth/index.js';
import { withPlatform } from '../run.js';

export function demoCommand(program: Command): void {
  const demo = program.command('demo')
    .description('reset and seed the demo municipality "Gemeente Voorbeeldstad"; `demo totp` prints the demo code for the second step')
    .action(async () => withPlatform(async (opened) => {
      await resetDemo(opened.platform);
      process.stdout.write('The demo municipality has been reset.\n');
      for (const login of await demoLogins(opened.platform)) process.stdout.write(`  ${login.role.padEnd(20)} ${login.email}  (password ${login.password}${login.secondFactor ? '; second step: npx buurtarena demo totp' : ''})\n`);
    }));
  demo.command('totp')
    .description('print the current code of the demo administrator and treasurer (a fixed, public demo key; nothing is read from the database)')
    .action(() => {
      const now = Date.now();
      const left = TOTP_PERIOD_SECONDS - (Math.floor(now / 1000) % TOTP_PERIOD_SECONDS);
      process.stdout.write(`${totpCode(DEMO_TOTP_SECRET, now)}  (valid for ${left} more seconds; each code works once, the next one comes after that)\n`);
    });
}
