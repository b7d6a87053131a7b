import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from './db/schema.js';
import { engineOf } from './db/connect.js';
import type { NamedMigrations } from './db/migrate.js';
import { blobType, newId, nowIso } from './db/helpers.js';
import { sniffBinaryType, typeExtensions } from './files/sniff.js';

/**
 * Tenancy: several municipalities side by side in one installation. A request finds its
 * municipality from the first path segment (/{slug}/…). National data (CBS areas and
 * statistics) has no municipality; everything else carries a municipality_id.
 */
export interface MunicipalityTable {
  id: string;
  slug: string;
  name: string;
  cbs_code: string;
  division_year: number;
  primary_colour: string;
  accent_colour: string;
  /** The logo: a file of purpose MUNICIPALITY_LOGO_PURPOSE in the platform file store. */
  logo_file_id: string | null;
  created_at: string;
  updated_at: string;
}

export interface PublicValueTable {
  id: string;
  municipality_id: string;
  position: number;
  name_nl: string;
  name_en: string;
  description_nl: string;
  description_en: string;
}

declare module './db/schema.js' {
  interface Database {
    municipalities: MunicipalityTable;
    public_values: PublicValueTable;
  }
}

export interface Tenant {
  id: string;
  slug: string;
  name: string;
  cbsCode: string;
  divisionYear: number;
  primaryColour: string;
  accentColour: string;
  /** The logo in the file store (served at /{slug}/logo), or null. */
  logoFileId: string | null;
  hasLogo: boolean;
  updatedAt: string;
}

/**
 * The file purpose of a municipality's logo. The municipality capability registers it (size,
 * types, who may read it); the tenancy table only links to the file.
 */
export const MUNICIPALITY_LOGO_PURPOSE = 'municipality.logo';

/** Path segments that can never be a municipality slug. */
/**
 * First path segments that can never be a municipality slug: installation-level pages, and the
 * installation-level API routes (/api/v1/{segment}) that would hide a municipality's API.
 */
export const reservedSlugs: ReadonlySet<string> = new Set([
  // pages and files
  'api', 'static', 'health', 'favicon.ico', 'robots.txt', 'taal', 'privacy', 'toegankelijkheid', 'admin', 'beheer', 'gebieden',
  // API
  'municipalities', 'session', 'docs', 'audit', 'openapi', 'openapi.json', 'v1', 'areas', 'area-imports',
  // per-municipality files
  'logo', 'thema.css',
]);

export const defaultPublicValues: ReadonlyArray<Omit<PublicValueTable, 'id' | 'municipality_id' | 'position'>> = [
  { name_nl: 'Duurzaamheid', name_en: 'Sustainability', description_nl: 'Zuinig omgaan met energie, grondstoffen en de leefomgeving, nu en voor later.', description_en: 'Careful use of energy, resources and the living environment, now and for later.' },
  { name_nl: 'Leefbaarheid en openbare ruimte', name_en: 'Liveability and public space', description_nl: 'Een schone, veilige en prettige buurt met plekken waar mensen elkaar ontmoeten.', description_en: 'A clean, safe and pleasant neighbourhood with places where people meet.' },
  { name_nl: 'Zorg en zorgzaamheid', name_en: 'Care and caring', description_nl: 'Mensen zien naar elkaar om; wie hulp nodig heeft, krijgt die dichtbij.', description_en: 'People look after each other; whoever needs help gets it close by.' },
  { name_nl: 'Delen en herverdelen', name_en: 'Sharing and redistributing', description_nl: 'Geld, ruimte en kennis komen ook terecht bij wie er minder van heeft.', description_en: 'Money, space and knowledge also reach those who have less of them.' },
  { name_nl: 'Inclusie en samenleven', name_en: 'Inclusion and living together', description_nl: 'Iedereen hoort erbij en kan meedoen, wie je ook bent.', description_en: 'Everyone belongs and can take part, whoever you are.' },
];

export const tenancyMigrations: NamedMigrations = {
  '0002-platform-tenancy': {
    async up(db: Kysely<any>) {
      await db.schema.createTable('municipalities')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('slug', 'text', (c) => c.notNull().unique())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('cbs_code', 'text', (c) => c.notNull().unique())
        .addColumn('division_year', 'integer', (c) => c.notNull())
        .addColumn('primary_colour', 'text', (c) => c.notNull())
        .addColumn('accent_colour', 'text', (c) => c.notNull())
        .addColumn('logo', blobType(db))
        .addColumn('logo_type', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createTable('public_values')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('municipality_id', 'text', (c) => c.notNull().references('municipalities.id').onDelete('cascade'))
        .addColumn('position', 'integer', (c) => c.notNull())
        .addColumn('name_nl', 'text', (c) => c.notNull())
        .addColumn('name_en', 'text', (c) => c.notNull())
        .addColumn('description_nl', 'text', (c) => c.notNull())
        .addColumn('description_en', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('public_values_municipality').on('public_values').columns(['municipality_id', 'position']).execute();
    },
  },
  /**
   * The logo moves from a BLOB in the row into the platform file store (table `files`, made by
   * 0006-platform-files): every existing logo becomes a file of purpose municipality.logo with its
   * bytes in `file_blobs` (the database backend; a file records its backend, so this is right
   * whatever FILES_STORAGE says), byte for byte as it was; then the BLOB columns go.
   */
  '0018-platform-tenancy-logo-file': {
    async up(db: Kysely<any>) {
      // SQLite migrations run outside a transaction (no transactional DDL in Kysely's adapter):
      // make this one all or nothing, so a failure never leaves logos half moved.
      if (engineOf(db) === 'sqlite') await db.transaction().execute((tx) => moveLogosIntoFiles(tx));
      else await moveLogosIntoFiles(db);
    },
  },
};

async function moveLogosIntoFiles(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('municipalities').addColumn('logo_file_id', 'text', (c) => c.references('files.id').onDelete('set null')).execute();
  const withLogo = await db.selectFrom('municipalities').select('id').where('logo', 'is not', null).orderBy('id').execute() as Array<{ id: string }>;
  for (const { id } of withLogo) {
    // One logo in memory at a time.
    const row = await db.selectFrom('municipalities').select(['logo', 'logo_type']).where('id', '=', id).executeTakeFirstOrThrow() as { logo: Uint8Array; logo_type: string | null };
    const bytes = Buffer.from(row.logo);
    const mediaType = sniffBinaryType(bytes) ?? row.logo_type ?? 'image/png';
    const extension = (typeExtensions as Record<string, readonly string[] | undefined>)[mediaType]?.[0] ?? 'png';
    const fileId = newId();
    await db.insertInto('files').values({
      id: fileId, municipality_id: id, purpose: MUNICIPALITY_LOGO_PURPOSE, owner_type: 'municipality', owner_id: id,
      name: `logo.${extension}`, media_type: mediaType, size: bytes.length, sha256: createHash('sha256').update(bytes).digest('hex'),
      storage: 'database', created_by: null, created_at: nowIso(),
    }).execute();
    await db.insertInto('file_blobs').values({ file_id: fileId, bytes }).execute();
    await db.updateTable('municipalities').set({ logo_file_id: fileId }).where('id', '=', id).execute();
  }
  await db.schema.alterTable('municipalities').dropColumn('logo').execute();
  await db.schema.alterTable('municipalities').dropColumn('logo_type').execute();
}

function toTenant(row: MunicipalityTable): Tenant {
  return {
    id: row.id, slug: row.slug, name: row.name, cbsCode: row.cbs_code, divisionYear: row.division_year,
    primaryColour: row.primary_colour, accentColour: row.accent_colour, logoFileId: row.logo_file_id, hasLogo: row.logo_file_id !== null,
    updatedAt: row.updated_at,
  };
}

const tenantColumns = ['id', 'slug', 'name', 'cbs_code', 'division_year', 'primary_colour', 'accent_colour', 'logo_file_id', 'created_at', 'updated_at'] as const;

export async function findTenantBySlug(db: Kysely<Database>, slug: string): Promise<Tenant | null> {
  const row = await db.selectFrom('municipalities').select(tenantColumns).where('slug', '=', slug).executeTakeFirst();
  return row ? toTenant(row) : null;
}

export async function findTenantById(db: Kysely<Database>, id: string): Promise<Tenant | null> {
  const row = await db.selectFrom('municipalities').select(tenantColumns).where('id', '=', id).executeTakeFirst();
  return row ? toTenant(row) : null;
}

export async function listTenants(db: Kysely<Database>): Promise<Tenant[]> {
  const rows = await db.selectFrom('municipalities').select(tenantColumns).orderBy('name').execute();
  return rows.map(toTenant);
}
