import type { Config } from './config.js';
import type { Db, Engine } from './db/connect.js';
import type { Locale } from './i18n/index.js';
import type { Mailer } from './mail.js';
import type { JobRunner } from './jobs.js';
import type { Actor, PolicyEngine } from './policy.js';
import type { Tenant } from './tenancy.js';

/** What every use case, route and job gets: the installation's shared services. */
export interface Platform {
  db: Db;
  engine: Engine;
  config: Config;
  policy: PolicyEngine;
  /** Secret for HMACs (CSRF tokens, e-mail links). */
  secret: string;
  mailer: Mailer;
  /** The durable job queue; capabilities register handlers and schedules, `serve` runs it. */
  jobs: JobRunner;
  /** How to reach people (provided by the parties capability, so the platform never reads its tables). */
  directory: Directory;
}

export interface Contact {
  email: string;
  name: string;
  locale: Locale;
}

export interface Directory {
  contactsOf(db: Db, personIds: readonly string[]): Promise<Map<string, Contact>>;
}

/** Who is asking, in which municipality and language. */
export interface Context {
  platform: Platform;
  actor: Actor;
  tenant: Tenant | null;
  locale: Locale;
}
