import type { Command } from 'commander';
import { configHelp, loadConfig } from '../../platform/config.js';
import { openPlatform, buildApp } from '../../app.js';
import { listTenants } from '../../platform/tenancy.js';
import { reportError } from '../run.js';
import { seedDemoIfEmpty, demoLogins, DEMO_TOTP_SECRET } from '../../demo/index.js';
import { groupedSecret } from '../../platform/auth/index.js';

export function serveCommand(program: Command): void {
  program.command('serve')
    .description('start the web server (migrates the database first)')
    .addHelpText('after', `\nEnvironment:\n${configHelp.map(([name, text]) => `  ${name.padEnd(16)} ${text}`).join('\n')}\n`)
    .action(async () => {
      try {
        const config = loadConfig();
        const opened = await openPlatform(config);
        if (config.seedDemo) {
          const seeded = await seedDemoIfEmpty(opened.platform);
          if (seeded) process.stdout.write('Seeded the demo municipality "Gemeente Voorbeeldstad".\n');
        }
        const app = await buildApp(opened.platform, { logger: true });
        const close = async () => { await opened.platform.jobs.stop(); await app.close(); await opened.close(); process.exit(0); };
        process.once('SIGINT', close);
        process.once('SIGTERM', close);
        const address = await app.listen({ port: config.port, host: config.host });
        // Every server process also works the job queue; the queue makes sure each job runs once.
        opened.platform.jobs.start();
        // With PORT=0 (tests, benchmarks) the real port is known only now.
        if (!process.env.PUBLIC_URL) config.publicUrl = address.replace('127.0.0.1', 'localhost');
        const tenants = await listTenants(opened.platform.db);
        const url = config.publicUrl;
        process.stdout.write(`\nBuurtarena is running at ${url}/\n`);
        for (const tenant of tenants.slice(0, 10)) process.stdout.write(`  ${tenant.name}: ${url}/${tenant.slug}\n`);
        if (tenants.length > 10) process.stdout.write(`  … and ${tenants.length - 10} more municipalities\n`);
        const logins = await demoLogins(opened.platform);
        if (logins.length) {
          process.stdout.write('\nDemo logins (password for all: see below):\n');
          for (const login of logins) process.stdout.write(`  ${login.role.padEnd(20)} ${login.email}${login.secondFactor ? '  (second step, see below)' : ''}\n`);
          process.stdout.write(`  password: ${logins[0]!.password}\n`);
          if (logins.some((l) => l.secondFactor)) {
            process.stdout.write(`  second step (administrator, treasurer): a code from an authenticator app with the key ${groupedSecret(DEMO_TOTP_SECRET)},\n`);
            process.stdout.write('    or run `npx buurtarena demo totp` for the current code\n');
          }
        }
        process.stdout.write('\n');
      } catch (error) {
        // Exit even if a half-opened database or server would keep the process alive.
        process.exit(reportError(error));
      }
    });
}
