import type { Kysely } from 'kysely';
import type { Database } from '../../platform/db/schema.js';
import type { NamedMigrations } from '../../platform/db/migrate.js';
import type { Actor, Grant, Role, ScopeType } from '../../platform/policy.js';
import type { Duty, OrganisationKind } from './model.js';

export interface PersonTable {
  id: string;
  email: string;
  display_name: string;
  password_hash: string;
  email_verified_at: string | null;
  locale: string;
  created_at: string;
  updated_at: string;
}

export interface EmailTokenTable {
  id: string; // sha256 of the token
  person_id: string;
  purpose: 'verify' | 'reset';
  expires_at: string;
  used_at: string | null;
}

export interface OrganisationTable {
  id: string;
  municipality_id: string;
  kind: OrganisationKind;
  name: string;
  description: string | null;
  area_code: string | null;
  parent_id: string | null;
  email: string | null;
  website: string | null;
  created_at: string;
  updated_at: string;
}

export interface MembershipTable {
  id: string;
  organisation_id: string;
  person_id: string;
  duty: Duty;
  created_at: string;
}

export interface RoleGrantTable {
  id: string;
  person_id: string;
  role: Role;
  scope_type: ScopeType;
  scope_id: string;
  municipality_id: string | null;
  granted_at: string;
  /** "oidc" when the municipality's identity provider manages this grant; null when given by hand. */
  source?: string | null;
}

declare module '../../platform/db/schema.js' {
  interface Database {
    people: PersonTable;
    email_tokens: EmailTokenTable;
    organisations: OrganisationTable;
    memberships: MembershipTable;
    role_grants: RoleGrantTable;
  }
}

export const partiesMigrations: NamedMigrations = {
  '0200-parties': {
    async up(db: Kysely<any>) {
      await db.schema.createTable('people')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('email', 'text', (c) => c.notNull().unique())
        .addColumn('display_name', 'text', (c) => c.notNull())
        .addColumn('password_hash', 'text', (c) => c.notNull())
        .addColumn('email_verified_at', 'text')
        .addColumn('locale', 'text', (c) => c.notNull().defaultTo('nl'))
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createTable('email_tokens')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('person_id', 'text', (c) => c.notNull().references('people.id').onDelete('cascade'))
        .addColumn('purpose', 'text', (c) => c.notNull())
        .addColumn('expires_at', 'text', (c) => c.notNull())
        .addColumn('used_at', 'text')
        .execute();
      await db.schema.createIndex('email_tokens_person').on('email_tokens').column('person_id').execute();
      await db.schema.createTable('login_attempts')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('key', 'text', (c) => c.notNull())
        .addColumn('at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('login_attempts_key_at').on('login_attempts').columns(['key', 'at']).execute();
      await db.schema.createTable('organisations')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('municipality_id', 'text', (c) => c.notNull().references('municipalities.id').onDelete('cascade'))
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('description', 'text')
        .addColumn('area_code', 'text')
        .addColumn('parent_id', 'text', (c) => c.references('organisations.id').onDelete('set null'))
        .addColumn('email', 'text')
        .addColumn('website', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('organisations_municipality').on('organisations').columns(['municipality_id', 'name']).execute();
      await db.schema.createTable('memberships')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('organisation_id', 'text', (c) => c.notNull().references('organisations.id').onDelete('cascade'))
        .addColumn('person_id', 'text', (c) => c.notNull().references('people.id').onDelete('cascade'))
        .addColumn('duty', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addUniqueConstraint('memberships_unique', ['organisation_id', 'person_id', 'duty'])
        .execute();
      await db.schema.createIndex('memberships_person').on('memberships').column('person_id').execute();
      await db.schema.createTable('role_grants')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('person_id', 'text', (c) => c.notNull().references('people.id').onDelete('cascade'))
        .addColumn('role', 'text', (c) => c.notNull())
        .addColumn('scope_type', 'text', (c) => c.notNull())
        .addColumn('scope_id', 'text', (c) => c.notNull())
        .addColumn('municipality_id', 'text', (c) => c.references('municipalities.id').onDelete('cascade'))
        .addColumn('granted_at', 'text', (c) => c.notNull())
        .addUniqueConstraint('role_grants_unique', ['person_id', 'role', 'scope_type', 'scope_id'])
        .execute();
      await db.schema.createIndex('role_grants_municipality').on('role_grants').column('municipality_id').execute();
    },
  },
  // Failed sign-ins moved to the platform's rate_limit_attempts (0019-platform-rate-limits);
  // counters of the moment are lost at the upgrade, which only lifts a throttle early.
  '0201-parties-login-attempts-drop': {
    async up(db: Kysely<any>) {
      await db.schema.dropTable('login_attempts').ifExists().execute();
    },
  },
};

type Db = Kysely<Database>;

export async function findPersonByEmail(db: Db, email: string) {
  return db.selectFrom('people').selectAll().where('email', '=', email.trim().toLowerCase()).executeTakeFirst();
}

export async function findPerson(db: Db, id: string) {
  return db.selectFrom('people').selectAll().where('id', '=', id).executeTakeFirst();
}

/**
 * Everything the policy needs about a person: grants and memberships, loaded once per request.
 * `strong`: a second factor was verified in this session (the default is the safe answer, no).
 */
export async function loadActor(db: Db, personId: string, session: { strong: boolean } = { strong: false }): Promise<Actor | null> {
  const person = await db.selectFrom('people').select(['id', 'display_name', 'email_verified_at']).where('id', '=', personId).executeTakeFirst();
  if (!person) return null;
  const [grants, memberships] = await Promise.all([
    db.selectFrom('role_grants').select(['role', 'scope_type', 'scope_id', 'municipality_id']).where('person_id', '=', personId).execute(),
    db.selectFrom('memberships').innerJoin('organisations', 'organisations.id', 'memberships.organisation_id')
      .select(['memberships.organisation_id', 'memberships.duty', 'organisations.municipality_id']).where('memberships.person_id', '=', personId).execute(),
  ]);
  return {
    kind: 'person',
    personId: person.id,
    displayName: person.display_name,
    emailVerified: person.email_verified_at !== null,
    strongAuth: session.strong,
    grants: grants.map((g): Grant => ({ role: g.role, scopeType: g.scope_type, scopeId: g.scope_id, municipalityId: g.municipality_id })),
    memberships: memberships.map((m) => ({ organisationId: m.organisation_id, municipalityId: m.municipality_id, duty: m.duty })),
  };
}

export async function findOrganisation(db: Db, municipalityId: string, id: string) {
  return db.selectFrom('organisations').selectAll().where('municipality_id', '=', municipalityId).where('id', '=', id).executeTakeFirst();
}

/** The organisation and its parents (for organisation-scoped grants and memberships). */
export async function organisationPath(db: Db, municipalityId: string, id: string): Promise<string[]> {
  const path: string[] = [];
  let current: string | null = id;
  while (current && !path.includes(current) && path.length < 10) {
    path.push(current);
    const row: { parent_id: string | null } | undefined = await db.selectFrom('organisations').select('parent_id').where('municipality_id', '=', municipalityId).where('id', '=', current).executeTakeFirst();
    current = row?.parent_id ?? null;
  }
  return path;
}

export interface OrganisationFilter {
  kinds?: readonly string[];
  query?: string;
  areaCode?: string;
  limit?: number;
  offset?: number;
}

export async function listOrganisations(db: Db, municipalityId: string, filter: OrganisationFilter = {}) {
  let q = db.selectFrom('organisations').selectAll().where('municipality_id', '=', municipalityId);
  if (filter.kinds?.length) q = q.where('kind', 'in', filter.kinds as OrganisationKind[]);
  if (filter.areaCode) q = q.where('area_code', '=', filter.areaCode);
  if (filter.query) q = q.where((eb) => eb(eb.fn('lower', ['name']), 'like', `%${filter.query!.toLowerCase().replace(/[%_\\]/g, '')}%`));
  return q.orderBy('name').limit(filter.limit ?? 200).offset(filter.offset ?? 0).execute();
}

export async function listMembers(db: Db, organisationId: string) {
  return db.selectFrom('memberships').innerJoin('people', 'people.id', 'memberships.person_id')
    .select(['memberships.id', 'memberships.duty', 'memberships.person_id', 'people.display_name', 'memberships.created_at'])
    .where('memberships.organisation_id', '=', organisationId).orderBy('people.display_name').execute();
}

export async function listGrants(db: Db, municipalityId: string) {
  return db.selectFrom('role_grants').innerJoin('people', 'people.id', 'role_grants.person_id')
    .select(['role_grants.id', 'role_grants.role', 'role_grants.scope_type', 'role_grants.scope_id', 'role_grants.granted_at', 'people.display_name', 'people.email', 'role_grants.person_id'])
    .where('role_grants.municipality_id', '=', municipalityId).orderBy('people.display_name').execute();
}

/** The platform's directory: how to reach people (for notifications and their mail). */
export async function contactsOf(db: Db, personIds: readonly string[]): Promise<Map<string, { email: string; name: string; locale: 'nl' | 'en' }>> {
  const out = new Map<string, { email: string; name: string; locale: 'nl' | 'en' }>();
  for (let i = 0; i < personIds.length; i += 500) {
    const rows = await db.selectFrom('people').select(['id', 'email', 'display_name', 'locale']).where('id', 'in', personIds.slice(i, i + 500)).execute();
    for (const row of rows) out.set(row.id, { email: row.email, name: row.display_name, locale: row.locale === 'en' ? 'en' : 'nl' });
  }
  return out;
}
