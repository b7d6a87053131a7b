import type { FastifyInstance } from 'fastify';
import type { Context, Platform } from './context.js';
import type { NamedMigrations } from './db/migrate.js';
import type { Catalogue } from './i18n/index.js';
import type { PolicyEngine } from './policy.js';
import type { ApiRegistry } from './http/api.js';

/** A menu entry a capability adds to a municipality's navigation. */
export interface NavEntry {
  path: string; // relative to /{slug}
  labelKey: string;
  order: number;
  visible?: (ctx: Context) => boolean;
}

/**
 * What a capability hands the platform. The composition root (src/app.ts) lists the
 * capabilities; the platform itself never imports one.
 */
export interface CapabilityModule {
  name: string;
  migrations?: NamedMigrations;
  messages?: Catalogue;
  registerPolicies?(policy: PolicyEngine): void;
  /** HTML pages (tenant pages under /:municipality/…). */
  registerPages?(app: FastifyInstance, platform: Platform): void;
  /** JSON routes under /api/v1. */
  registerApi?(api: ApiRegistry, platform: Platform): void;
  nav?: NavEntry[];
  /** Job handlers and schedules (platform.jobs.register / schedule). */
  registerJobs?(platform: Platform): void;
}
