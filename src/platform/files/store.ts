import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { AuditEntry } from '../audit.js';
import type { Config } from '../config.js';
import type { Platform } from '../context.js';
import type { Db } from '../db/connect.js';
import { blobType, newId, nowIso } from '../db/helpers.js';
import type { NamedMigrations } from '../db/migrate.js';
import { NotFoundError } from '../errors.js';
import { registerPersonalData } from '../privacy.js';
import { collectOrphanedBlobs, storeFor, type GarbageReport } from './backends.js';
import { defaultFilesConfig, type FilesConfig, type StorageKind } from './config.js';
import { sanitiseFileName } from './names.js';
import { filePurpose, inspectUpload } from './purposes.js';
import type { FileType } from './sniff.js';

/**
 * The file store: metadata in `files` (always in the database, in the caller's transaction),
 * bytes in the configured backend (see backends.ts). Capabilities call these functions inside
 * their use cases; the use case's policy check and audit entry cover the upload.
 */
export interface FileTable {
  id: string;
  municipality_id: string | null;
  purpose: string;
  owner_type: string;
  owner_id: string;
  name: string;
  media_type: string;
  size: number;
  sha256: string;
  storage: StorageKind;
  created_by: string | null;
  created_at: string;
}

export interface FileBlobTable {
  file_id: string;
  bytes: Uint8Array;
}

declare module '../db/schema.js' {
  interface Database {
    files: FileTable;
    file_blobs: FileBlobTable;
  }
}

export const fileMigrations: NamedMigrations = {
  '0006-platform-files': {
    async up(db: Kysely<any>) {
      await db.schema.createTable('files')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('municipality_id', 'text', (c) => c.references('municipalities.id').onDelete('cascade'))
        .addColumn('purpose', 'text', (c) => c.notNull())
        .addColumn('owner_type', 'text', (c) => c.notNull())
        .addColumn('owner_id', 'text', (c) => c.notNull())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('media_type', 'text', (c) => c.notNull())
        .addColumn('size', 'integer', (c) => c.notNull())
        .addColumn('sha256', 'text', (c) => c.notNull())
        .addColumn('storage', 'text', (c) => c.notNull())
        .addColumn('created_by', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('files_owner').on('files').columns(['owner_type', 'owner_id']).execute();
      await db.schema.createIndex('files_municipality').on('files').columns(['municipality_id', 'created_at']).execute();
      await db.schema.createIndex('files_sha256').on('files').columns(['sha256']).execute();
      await db.schema.createIndex('files_created_by').on('files').columns(['created_by']).execute();
      await db.schema.createTable('file_blobs')
        .addColumn('file_id', 'text', (c) => c.primaryKey().references('files.id').onDelete('cascade'))
        .addColumn('bytes', blobType(db), (c) => c.notNull())
        .execute();
    },
  },
};

export interface FileRecord {
  id: string;
  municipalityId: string | null;
  purpose: string;
  /** What the file is attached to: an entity type and id of the capability that stored it. */
  ownerType: string;
  ownerId: string;
  /** The name it was uploaded with, sanitised. */
  name: string;
  /** Detected from the content. */
  mediaType: FileType;
  /** Bytes as stored (after metadata was removed). */
  size: number;
  sha256: string;
  storage: StorageKind;
  createdBy: string | null;
  createdAt: string;
}

function toRecord(row: FileTable): FileRecord {
  return {
    id: row.id, municipalityId: row.municipality_id, purpose: row.purpose, ownerType: row.owner_type, ownerId: row.owner_id,
    name: row.name, mediaType: row.media_type as FileType, size: Number(row.size), sha256: row.sha256, storage: row.storage,
    createdBy: row.created_by, createdAt: row.created_at,
  };
}

/** The file store's configuration (FILES_STORAGE, FILES_DIRECTORY); the database when none is given. */
export function filesConfigOf(config: Config): FilesConfig {
  return (config as Config & { files?: FilesConfig }).files ?? defaultFilesConfig;
}

export interface SaveFileInput {
  purpose: string;
  municipalityId: string | null;
  ownerType: string;
  ownerId: string;
  /** The name the client sent; only used as a label, never to decide the type. */
  name: unknown;
  bytes: unknown;
  /** The person who uploads it, or null (system, import). */
  createdBy: string | null;
  /** The form field problems are reported on (default "file"). */
  field?: string;
}

/**
 * Store an upload, inside the caller's transaction. Throws a ValidationError on `input.field`
 * (default `file`; files.empty, files.tooLarge, files.typeNotAllowed, files.damaged) and stores
 * nothing then. Images lose their location metadata before they are hashed and stored.
 */
export async function saveFile(tx: Db, platform: Platform, input: SaveFileInput): Promise<FileRecord> {
  const purpose = filePurpose(input.purpose);
  if (!input.ownerType || !input.ownerId) throw new Error('saveFile needs the owner type and id the file belongs to');
  const upload = inspectUpload(input.bytes, purpose, input.field);
  const config = filesConfigOf(platform.config);
  const record: FileRecord = {
    id: newId(), municipalityId: input.municipalityId, purpose: purpose.name, ownerType: input.ownerType, ownerId: input.ownerId,
    name: sanitiseFileName(input.name), mediaType: upload.mediaType, size: upload.size, sha256: upload.sha256,
    storage: config.storage, createdBy: input.createdBy, createdAt: nowIso(),
  };
  await tx.insertInto('files').values({
    id: record.id, municipality_id: record.municipalityId, purpose: record.purpose, owner_type: record.ownerType, owner_id: record.ownerId,
    name: record.name, media_type: record.mediaType, size: record.size, sha256: record.sha256, storage: record.storage,
    created_by: record.createdBy, created_at: record.createdAt,
  }).execute();
  await storeFor(record.storage, config).put(tx, { fileId: record.id, sha256: record.sha256 }, upload.bytes);
  return record;
}

/** The metadata of a file; with `municipalityId`, only when it belongs to that municipality. */
export async function findFile(db: Db, id: string, scope?: { municipalityId: string }): Promise<FileRecord | null> {
  let query = db.selectFrom('files').selectAll().where('id', '=', id);
  if (scope) query = query.where('municipality_id', '=', scope.municipalityId);
  const row = await query.executeTakeFirst();
  return row ? toRecord(row) : null;
}

/** The bytes of a file, checked against its SHA-256 (a damaged store is an error, never silently served). */
export async function readBytes(db: Db, platform: Platform, record: FileRecord): Promise<Uint8Array> {
  const bytes = await storeFor(record.storage, filesConfigOf(platform.config)).get(db, { fileId: record.id, sha256: record.sha256 });
  if (!bytes) throw new Error(`The bytes of file ${record.id} are missing from the ${record.storage} store`);
  if (createHash('sha256').update(bytes).digest('hex') !== record.sha256) throw new Error(`The bytes of file ${record.id} do not match their SHA-256`);
  return bytes;
}

/** A file and its bytes; NotFoundError for an unknown id (or one of another municipality, with `scope`). */
export async function readFile(db: Db, platform: Platform, id: string, scope?: { municipalityId: string }): Promise<{ record: FileRecord; bytes: Uint8Array }> {
  const record = await findFile(db, id, scope);
  if (!record) throw new NotFoundError();
  return { record, bytes: await readBytes(db, platform, record) };
}

/** Delete a file inside the caller's transaction; returns what was deleted, or null for an unknown id. */
export async function deleteFile(tx: Db, platform: Platform, id: string): Promise<FileRecord | null> {
  const record = await findFile(tx, id);
  if (!record) return null;
  await storeFor(record.storage, filesConfigOf(platform.config)).remove(tx, { fileId: record.id, sha256: record.sha256 });
  await tx.deleteFrom('files').where('id', '=', id).execute();
  return record;
}

/** The files attached to an entity, oldest first. */
export async function filesOf(db: Db, ownerType: string, ownerId: string): Promise<FileRecord[]> {
  const rows = await db.selectFrom('files').selectAll().where('owner_type', '=', ownerType).where('owner_id', '=', ownerId)
    .orderBy('created_at').orderBy('id').execute();
  return rows.map(toRecord);
}

/** Delete every file attached to an entity (when the entity itself goes). */
export async function deleteFilesOf(tx: Db, platform: Platform, ownerType: string, ownerId: string): Promise<FileRecord[]> {
  const files = await filesOf(tx, ownerType, ownerId);
  for (const file of files) await deleteFile(tx, platform, file.id);
  return files;
}

/** Files a person uploaded (for the download of everything held about them). */
export async function filesCreatedBy(db: Db, personId: string): Promise<FileRecord[]> {
  const rows = await db.selectFrom('files').selectAll().where('created_by', '=', personId).orderBy('created_at').orderBy('id').execute();
  return rows.map(toRecord);
}

/**
 * Erasure of a person: the files stay with what they are attached to (a receipt belongs to the
 * books), but no longer say who uploaded them. Capabilities whose files are personal content
 * delete those files in their own eraser instead.
 */
export async function forgetFileCreator(tx: Db, personId: string): Promise<number> {
  const result = await tx.updateTable('files').set({ created_by: null }).where('created_by', '=', personId).executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/**
 * The audit entry for a stored ("file.add") or deleted ("file.delete") file, for the use case's
 * audit list. The file name is personal data of the uploader: it is sealed with their key.
 */
export function fileAuditEntry(record: FileRecord, change: 'add' | 'delete'): AuditEntry {
  const snapshot = {
    purpose: record.purpose, owner_type: record.ownerType, owner_id: record.ownerId, name: record.name,
    media_type: record.mediaType, size: record.size, sha256: record.sha256,
  };
  return {
    action: `file.${change}`, entityType: 'file', entityId: record.id, municipalityId: record.municipalityId,
    before: change === 'delete' ? snapshot : null,
    after: change === 'add' ? snapshot : null,
    personal: record.createdBy ? { subjectId: record.createdBy, fields: ['name'] } : undefined,
  };
}

/** Remove bytes in the files directory that no file refers to any more (see backends.ts); nothing to do without a directory. */
export async function collectFileGarbage(platform: Platform, options: { minAgeMs?: number; now?: number } = {}): Promise<GarbageReport> {
  const { directory } = filesConfigOf(platform.config);
  if (!directory) return { removed: 0, kept: 0 };
  return collectOrphanedBlobs(platform.db, directory, options);
}

// People's rights: the download lists what a person uploaded (the files themselves are
// downloaded where they are attached); erasure removes their name from their uploads.
registerPersonalData({
  name: 'files',
  labelKey: 'files.privacy.data',
  async export(db, subject) {
    return (await filesCreatedBy(db, subject.personId)).map((f) => ({
      id: f.id, purpose: f.purpose, name: f.name, mediaType: f.mediaType, size: f.size, createdAt: f.createdAt,
    }));
  },
  async erase(tx, subject) {
    await forgetFileCreator(tx, subject.personId);
  },
});
