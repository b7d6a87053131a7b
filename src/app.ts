import { randomBytes } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import type { Config } from './platform/config.js';
import type { Platform } from './platform/context.js';
import { connect, type Connection } from './platform/db/connect.js';
import { migrateToLatest, type NamedMigrations } from './platform/db/migrate.js';
import { platformMigrations } from './platform/db/platform-migrations.js';
import { buildServer } from './platform/http/server.js';
import { sessionMigrations } from './platform/http/sessions.js';
import { registerMessages } from './platform/i18n/index.js';
import { platformMessages } from './platform/i18n/platform-messages.js';
import { logMailer, smtpMailer, type Mailer } from './platform/mail.js';
import type { CapabilityModule } from './platform/module.js';
import { PolicyEngine } from './platform/policy.js';
import { tenancyMigrations } from './platform/tenancy.js';
import { JobRunner, dailyAt, jobMigrations } from './platform/jobs.js';
import { forgetOldFormKeys, formKeyMigrations } from './platform/http/form-keys.js';
import { rateLimitMigrations } from './platform/rate-limit.js';
import { outboxMigrations, registerMailJob } from './platform/outbox.js';
import { notificationsModule } from './platform/notifications/index.js';
import { ensureSearchIndex, searchModule } from './platform/search/index.js';
import { registerRetentionJob } from './platform/privacy.js';
import { adminModule } from './platform/admin/index.js';
import { versionsModule } from './platform/versions/index.js';
import { filesModule } from './platform/files/index.js';
import { documentsModule } from './platform/documents/index.js';
import { commentsModule } from './platform/comments/index.js';
import { moderationModule } from './platform/moderation/index.js';
import { capabilities } from './capabilities/index.js';
import { contactsOf, loadActor } from './capabilities/parties/index.js';

/**
 * The composition root: the one place that knows both the platform and the capabilities.
 * Platform services that have tables, pages or jobs of their own (notifications, …) take the
 * same module shape as a capability and come first.
 */
const platformModules: CapabilityModule[] = [notificationsModule, adminModule, versionsModule, documentsModule, searchModule, filesModule, moderationModule, commentsModule];
export const allModules: CapabilityModule[] = [...platformModules, ...capabilities];

let messagesRegistered = false;
function registerAllMessages(modules: CapabilityModule[]) {
  if (messagesRegistered) return;
  registerMessages(platformMessages);
  for (const m of modules) if (m.messages) registerMessages(m.messages);
  messagesRegistered = true;
}

export function allMigrations(modules: CapabilityModule[] = allModules): NamedMigrations {
  const all: NamedMigrations = { ...platformMigrations, ...tenancyMigrations, ...sessionMigrations, ...jobMigrations, ...outboxMigrations, ...formKeyMigrations, ...rateLimitMigrations };
  for (const m of modules) {
    for (const [name, migration] of Object.entries(m.migrations ?? {})) {
      if (all[name]) throw new Error(`Migration name ${name} used twice`);
      all[name] = migration;
    }
  }
  return all;
}

export function buildPolicy(modules: CapabilityModule[] = allModules): PolicyEngine {
  const policy = new PolicyEngine();
  for (const m of modules) m.registerPolicies?.(policy);
  return policy;
}

async function installationSecret(connection: Connection, configured: string | null): Promise<string> {
  if (configured) return configured;
  const { db } = connection;
  const existing = await db.selectFrom('installation').select('value').where('key', '=', 'session_secret').executeTakeFirst();
  if (existing) return existing.value;
  const secret = randomBytes(32).toString('base64url');
  // Two processes starting at once: the first insert wins, both read it back.
  await db.insertInto('installation').values({ key: 'session_secret', value: secret }).onConflict((oc) => oc.column('key').doNothing()).execute();
  return (await db.selectFrom('installation').select('value').where('key', '=', 'session_secret').executeTakeFirstOrThrow()).value;
}

export interface OpenedPlatform {
  platform: Platform;
  connection: Connection;
  close(): Promise<void>;
}

export async function openPlatform(config: Config, options: { mailer?: Mailer; migrate?: boolean } = {}): Promise<OpenedPlatform> {
  registerAllMessages(allModules);
  const connection = connect(config.databaseUrl);
  if (options.migrate !== false) await migrateToLatest(connection.db, allMigrations());
  const platform: Platform = {
    db: connection.db,
    engine: connection.engine,
    config,
    policy: buildPolicy(),
    secret: await installationSecret(connection, config.sessionSecret),
    mailer: options.mailer ?? (config.smtpUrl ? smtpMailer(config.smtpUrl, config.mailFrom) : logMailer()),
    directory: { contactsOf },
    jobs: new JobRunner(connection.db, { onError: (error) => process.stderr.write(`[jobs] ${error instanceof Error ? error.message : String(error)}\n`) }),
  };
  registerMailJob(platform.jobs, platform.db, platform.mailer);
  registerRetentionJob(platform.jobs, platform.db);
  for (const m of allModules) m.registerJobs?.(platform);
  platform.jobs.register('platform.forgetFormKeys', () => forgetOldFormKeys(platform.db));
  platform.jobs.schedule(dailyAt('platform.forgetFormKeys', 3));
  if (options.migrate !== false) await ensureSearchIndex(platform);
  return { platform, connection, close: () => connection.close() };
}

export async function buildApp(platform: Platform, options: { logger?: boolean } = {}): Promise<FastifyInstance> {
  return buildServer({
    platform,
    modules: allModules,
    loadActor: (p, personId, session) => loadActor(p.db, personId, session),
    logger: options.logger,
  });
}
