import type { Command } from 'commander';
import { execute } from '../../platform/service.js';
import { addUser, findPersonByEmail, grantRole, resetSecondFactor } from '../../capabilities/parties/index.js';
import { CliError, systemContext, withPlatform } from '../run.js';

async function readPassword(): Promise<string> {
  const fromEnv = process.env.BUURTARENA_PASSWORD;
  if (fromEnv) return fromEnv;
  if (process.stdin.isTTY) throw new CliError('give the password in BUURTARENA_PASSWORD or on standard input (it is never taken from the command line, where others could read it)');
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8').replace(/\r?\n$/, '');
}

export function userCommands(program: Command): void {
  const user = program.command('user').description('manage accounts');
  user.command('add')
    .description('add a verified account (password from BUURTARENA_PASSWORD or standard input)')
    .requiredOption('--email <email>', 'e-mail address')
    .requiredOption('--name <name>', 'display name')
    .action(async (options: { email: string; name: string }) => withPlatform(async (opened) => {
      const ctx = await systemContext(opened);
      const { id } = await execute(ctx, addUser, { email: options.email, displayName: options.name, password: await readPassword() });
      process.stdout.write(`Added account ${options.email} (${id}).\n`);
    }));
  user.command('reset-second-factor')
    .description('turn off the second step of someone who lost both their app and their recovery codes (check who asks first)')
    .requiredOption('--email <email>', 'e-mail address of the account')
    .action(async (options: { email: string }) => withPlatform(async (opened) => {
      const person = await findPersonByEmail(opened.platform.db, options.email);
      if (!person) throw new CliError(`no account with e-mail address ${options.email}`);
      await execute(await systemContext(opened), resetSecondFactor, { personId: person.id });
      process.stdout.write(`The second step of ${options.email} is off; they can sign in with their password and set it up again.\n`);
    }));

  const role = program.command('role').description('manage roles');
  role.command('grant')
    .description('grant a role: resident, professional, official, council_member or administrator')
    .requiredOption('--email <email>', 'e-mail address of the account')
    .requiredOption('--role <role>', 'the role')
    .option('--municipality <slug>', 'municipality (omit with --scope installation)')
    .option('--scope <type>', 'installation, municipality, area or organisation', 'municipality')
    .option('--scope-id <id>', 'area code or organisation id for those scopes')
    .action(async (options: { email: string; role: string; municipality?: string; scope: string; scopeId?: string }) => withPlatform(async (opened) => {
      if (options.scope !== 'installation' && !options.municipality) throw new CliError('--municipality is required unless --scope installation');
      const ctx = await systemContext(opened, options.scope === 'installation' ? undefined : options.municipality);
      await execute(ctx, grantRole, { email: options.email, role: options.role, scopeType: options.scope, scopeId: options.scopeId });
      process.stdout.write(`Granted ${options.role} (${options.scope}${options.municipality ? ` ${options.municipality}` : ''}) to ${options.email}.\n`);
    }));
}
