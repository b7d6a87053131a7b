import type { Kysely } from 'kysely';
import type { Database } from '../../platform/db/schema.js';
import type { NamedMigrations } from '../../platform/db/migrate.js';
import { mappableRoles, type MappableRole, type RoleMapping } from '../../platform/auth/index.js';

/**
 * Tables of strong login: a person's TOTP factor and recovery codes, each municipality's
 * identity provider for its staff, and OpenID Connect sign-ins in progress.
 */
export interface SecondFactorTable {
  person_id: string;
  kind: 'totp';
  /** The TOTP secret, sealed with the installation secret (platform/auth/secret-box). */
  secret_sealed: string;
  /** The last time step accepted: a code is never accepted twice. */
  last_used_step: number | null;
  enabled_at: string;
}

export interface RecoveryCodeTable {
  id: string;
  person_id: string;
  code_hash: string;
  created_at: string;
  used_at: string | null;
}

export interface OidcProviderTable {
  municipality_id: string;
  enabled: number;
  issuer: string;
  client_id: string;
  client_secret_sealed: string;
  /** Name (or dotted path) of the claim that carries groups or roles. */
  claim: string;
  /** JSON: { official: [values], council_member: […], administrator: […], professional: […] }. */
  role_mapping: string;
  /** The provider asks for a second factor itself, so its sign-in counts as strong. */
  trust_idp_mfa: number;
  updated_at: string;
}

export interface OidcFlowTable {
  id: string; // sha256 of the token in the browser's cookie
  municipality_id: string;
  state: string;
  nonce: string;
  code_verifier: string;
  back: string;
  expires_at: string;
}

declare module '../../platform/db/schema.js' {
  interface Database {
    second_factors: SecondFactorTable;
    recovery_codes: RecoveryCodeTable;
    oidc_providers: OidcProviderTable;
    oidc_flows: OidcFlowTable;
  }
}

export const strongLoginMigrations: NamedMigrations = {
  '0210-parties-strong-login': {
    async up(db: Kysely<any>) {
      await db.schema.createTable('second_factors')
        .addColumn('person_id', 'text', (c) => c.primaryKey().references('people.id').onDelete('cascade'))
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('secret_sealed', 'text', (c) => c.notNull())
        .addColumn('last_used_step', 'integer')
        .addColumn('enabled_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createTable('recovery_codes')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('person_id', 'text', (c) => c.notNull().references('people.id').onDelete('cascade'))
        .addColumn('code_hash', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('used_at', 'text')
        .execute();
      await db.schema.createIndex('recovery_codes_person').on('recovery_codes').columns(['person_id', 'code_hash']).execute();
      await db.schema.createTable('oidc_providers')
        .addColumn('municipality_id', 'text', (c) => c.primaryKey().references('municipalities.id').onDelete('cascade'))
        .addColumn('enabled', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('issuer', 'text', (c) => c.notNull())
        .addColumn('client_id', 'text', (c) => c.notNull())
        .addColumn('client_secret_sealed', 'text', (c) => c.notNull())
        .addColumn('claim', 'text', (c) => c.notNull())
        .addColumn('role_mapping', 'text', (c) => c.notNull())
        .addColumn('trust_idp_mfa', 'integer', (c) => c.notNull().defaultTo(1))
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createTable('oidc_flows')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('municipality_id', 'text', (c) => c.notNull().references('municipalities.id').onDelete('cascade'))
        .addColumn('state', 'text', (c) => c.notNull())
        .addColumn('nonce', 'text', (c) => c.notNull())
        .addColumn('code_verifier', 'text', (c) => c.notNull())
        .addColumn('back', 'text', (c) => c.notNull())
        .addColumn('expires_at', 'text', (c) => c.notNull())
        .execute();
      // Grants the identity provider manages carry source "oidc"; those given by hand have none and are never touched by it.
      await db.schema.alterTable('role_grants').addColumn('source', 'text').execute();
    },
  },
};

type Db = Kysely<Database>;

export async function findSecondFactor(db: Db, personId: string) {
  return db.selectFrom('second_factors').selectAll().where('person_id', '=', personId).executeTakeFirst();
}

export async function hasSecondFactor(db: Db, personId: string): Promise<boolean> {
  return (await db.selectFrom('second_factors').select('person_id').where('person_id', '=', personId).executeTakeFirst()) !== undefined;
}

export async function unusedRecoveryCodeCount(db: Db, personId: string): Promise<number> {
  const row = await db.selectFrom('recovery_codes').select((eb) => eb.fn.countAll<number>().as('n')).where('person_id', '=', personId).where('used_at', 'is', null).executeTakeFirst();
  return Number(row?.n ?? 0);
}

/** Form and API field per mappable role. */
export const mappingFieldNames: Record<MappableRole, string> = {
  official: 'mapOfficial', council_member: 'mapCouncilMember', administrator: 'mapAdministrator', moderator: 'mapModerator', professional: 'mapProfessional',
};

export interface OidcProviderConfig {
  municipalityId: string;
  enabled: boolean;
  issuer: string;
  clientId: string;
  clientSecretSealed: string;
  claim: string;
  mapping: RoleMapping;
  trustIdpMfa: boolean;
  updatedAt: string;
}

export function parseRoleMapping(json: string): RoleMapping {
  let parsed: unknown;
  try { parsed = JSON.parse(json); } catch { parsed = {}; }
  const source = (typeof parsed === 'object' && parsed !== null ? parsed : {}) as Record<string, unknown>;
  const out = {} as RoleMapping;
  for (const role of mappableRoles) {
    const values = source[role];
    out[role] = Array.isArray(values) ? values.filter((v): v is string => typeof v === 'string') : [];
  }
  return out;
}

export async function findOidcProvider(db: Db, municipalityId: string): Promise<OidcProviderConfig | null> {
  const row = await db.selectFrom('oidc_providers').selectAll().where('municipality_id', '=', municipalityId).executeTakeFirst();
  if (!row) return null;
  return {
    municipalityId: row.municipality_id, enabled: Number(row.enabled) === 1, issuer: row.issuer, clientId: row.client_id,
    clientSecretSealed: row.client_secret_sealed, claim: row.claim, mapping: parseRoleMapping(row.role_mapping),
    trustIdpMfa: Number(row.trust_idp_mfa) === 1, updatedAt: row.updated_at,
  };
}
