import { filesConfigHelp, loadFilesConfig, type FilesConfig } from './files/config.js';

/** Configuration from environment variables; the one place that reads process.env for the server. */
export interface Config {
  databaseUrl: string;
  port: number;
  host: string;
  /** When unset, a secret generated once and stored in the database is used (shared by every process). */
  sessionSecret: string | null;
  publicUrl: string;
  smtpUrl: string | null;
  mailFrom: string;
  logLevel: string;
  seedDemo: boolean;
  /** Where uploaded files keep their bytes (FILES_STORAGE, FILES_DIRECTORY). */
  files: FilesConfig;
  /**
   * Which reverse proxies may name the visitor's address in X-Forwarded-For (TRUST_PROXY): false
   * (none, the default), a number of proxy hops, or a list of proxy addresses/CIDR ranges. Rate
   * limits (sign-in, reports, the survey) count per visitor address, so behind a proxy this must be set.
   */
  trustProxy: false | number | string;
}

export const configHelp: ReadonlyArray<[string, string]> = [
  ['DATABASE_URL', 'sqlite:PATH (default sqlite:./data/buurtarena.sqlite) or postgres://user:pass@host:5432/db'],
  ['PORT', 'HTTP port (default 3000)'],
  ['HOST', 'address to listen on (default 127.0.0.1; 0.0.0.0 for all interfaces)'],
  ['PUBLIC_URL', 'address people use, for links in e-mail (default http://localhost:PORT)'],
  ['SESSION_SECRET', 'secret for CSRF tokens (default: generated once, stored in the database)'],
  ['SMTP_URL', 'smtp://user:pass@host:port for outgoing mail (default: mail is written to the log)'],
  ['MAIL_FROM', 'sender address (default "Buurtarena <noreply@buurtarena.invalid>")'],
  ['LOG_LEVEL', 'fatal, error, warn, info, debug (default info)'],
  ['SEED_DEMO', '1 seeds the demo municipality on first start of an empty database (default 1 on SQLite)'],
  ['TRUST_PROXY', 'reverse proxies whose X-Forwarded-For is believed: a number of hops, or addresses/CIDRs separated by commas (default: none)'],
  ...filesConfigHelp,
];

function parseTrustProxy(value: string | undefined): false | number | string {
  const raw = (value ?? '').trim();
  if (raw === '' || raw === '0' || raw === 'false') return false;
  if (/^\d+$/.test(raw)) return Number(raw);
  const parts = raw.split(',').map((p) => p.trim()).filter(Boolean);
  const bad = parts.find((p) => !/^[0-9a-fA-F:.]+(\/\d{1,3})?$/.test(p));
  if (bad !== undefined) throw new Error(`TRUST_PROXY must be a number of proxy hops or proxy addresses/CIDR ranges separated by commas, got "${bad}"`);
  return parts.join(',');
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const port = Number(env.PORT ?? 3000);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`PORT must be a number from 0 to 65535, got "${env.PORT}"`);
  const databaseUrl = env.DATABASE_URL ?? 'sqlite:./data/buurtarena.sqlite';
  if (!/^(sqlite:|postgres(ql)?:\/\/)/.test(databaseUrl)) {
    throw new Error(`DATABASE_URL must start with sqlite: or postgres://, got "${databaseUrl}"`);
  }
  return {
    databaseUrl,
    port,
    host: env.HOST ?? '127.0.0.1',
    sessionSecret: env.SESSION_SECRET || null,
    publicUrl: (env.PUBLIC_URL ?? `http://localhost:${port}`).replace(/\/$/, ''),
    smtpUrl: env.SMTP_URL || null,
    mailFrom: env.MAIL_FROM ?? 'Buurtarena <noreply@buurtarena.invalid>',
    logLevel: env.LOG_LEVEL ?? 'info',
    seedDemo: env.SEED_DEMO === undefined ? databaseUrl.startsWith('sqlite:') : env.SEED_DEMO === '1',
    files: loadFilesConfig(env),
    trustProxy: parseTrustProxy(env.TRUST_PROXY),
  };
}
