import fs from 'node:fs/promises';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import type { Db } from '../db/connect.js';
import type { FilesConfig, StorageKind } from './config.js';

/**
 * Where the bytes of a file live. The metadata row (table `files`) is always in the database,
 * written in the caller's transaction; a backend keeps only the bytes.
 *
 * - database: one row per file in `file_blobs`, in the same transaction as the metadata, so a
 *   rollback leaves nothing behind and a delete is immediate and exact.
 * - directory: content-addressed files <root>/<first two hex digits>/<sha256>, written to a
 *   temporary file, flushed and renamed into place (atomic on one file system), so a reader
 *   never sees half a file and identical content is stored once. The file system is not part
 *   of the transaction: bytes written for a transaction that rolls back stay behind without a
 *   metadata row, and a delete only removes the row. Such orphans are removed by
 *   `collectOrphanedBlobs` (run it daily): until then, deleted content is still on the volume.
 */
export interface BlobLocation {
  fileId: string;
  sha256: string;
}

export interface FileStore {
  readonly kind: StorageKind;
  /** Store the bytes of a file whose metadata row has just been inserted in `tx`. */
  put(tx: Db, file: BlobLocation, bytes: Uint8Array): Promise<void>;
  /** The bytes, or null when they are missing. */
  get(db: Db, file: BlobLocation): Promise<Uint8Array | null>;
  /** Called in the transaction that deletes the metadata row. */
  remove(tx: Db, file: BlobLocation): Promise<void>;
}

function asBuffer(bytes: Uint8Array): Buffer {
  return Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

export const databaseStore: FileStore = {
  kind: 'database',
  async put(tx, file, bytes) {
    await tx.insertInto('file_blobs').values({ file_id: file.fileId, bytes: asBuffer(bytes) }).execute();
  },
  async get(db, file) {
    const row = await db.selectFrom('file_blobs').select('bytes').where('file_id', '=', file.fileId).executeTakeFirst();
    return row ? new Uint8Array(row.bytes) : null;
  },
  async remove(tx, file) {
    await tx.deleteFrom('file_blobs').where('file_id', '=', file.fileId).execute();
  },
};

const SHA256 = /^[0-9a-f]{64}$/;
const TMP = '.tmp';
const TRASH = '.trash';

export function blobPath(root: string, sha256: string): string {
  if (!SHA256.test(sha256)) throw new Error(`Not a SHA-256: ${sha256}`);
  return path.join(root, sha256.slice(0, 2), sha256);
}

/** Make a rename durable: flush the directory entry (not possible, and not needed, on Windows). */
async function syncDirectory(dir: string): Promise<void> {
  let handle: fs.FileHandle | null = null;
  try {
    handle = await fs.open(dir, 'r');
    await handle.sync();
  } catch {
    // Directories cannot be opened for syncing on every platform; the rename itself is still atomic.
  } finally {
    await handle?.close();
  }
}

async function writeAtomically(root: string, sha256: string, bytes: Uint8Array): Promise<void> {
  const target = blobPath(root, sha256);
  const tmpDir = path.join(root, TMP);
  await fs.mkdir(path.dirname(target), { recursive: true, mode: 0o750 });
  await fs.mkdir(tmpDir, { recursive: true, mode: 0o750 });
  const tmp = path.join(tmpDir, `${sha256}.${randomBytes(8).toString('hex')}`);
  const handle = await fs.open(tmp, 'wx', 0o640);
  try {
    await handle.writeFile(bytes);
    await handle.sync();
  } finally {
    await handle.close();
  }
  try {
    // Always a fresh file with a fresh modification time, also when the content exists already:
    // that time tells the garbage collector the blob is in use by a transaction in progress.
    await fs.rename(tmp, target);
  } catch (error) {
    await fs.rm(tmp, { force: true });
    throw error;
  }
  await syncDirectory(path.dirname(target));
}

export function directoryStore(root: string): FileStore {
  if (!path.isAbsolute(root)) throw new Error(`The files directory must be an absolute path, got "${root}"`);
  return {
    kind: 'directory',
    async put(_tx, file, bytes) {
      await writeAtomically(root, file.sha256, bytes);
    },
    async get(_db, file) {
      try {
        return new Uint8Array(await fs.readFile(blobPath(root, file.sha256)));
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
        throw error;
      }
    },
    async remove() {
      // Other files may share the content, and the transaction may still roll back: the
      // garbage collector removes the bytes once no committed row refers to them.
    },
  };
}

/** The backend that holds files stored as `kind` (files keep the backend they were written to). */
export function storeFor(kind: StorageKind, config: FilesConfig): FileStore {
  if (kind === 'database') return databaseStore;
  if (!config.directory) throw new Error('A file is stored in a directory, but FILES_DIRECTORY is not set');
  return directoryStore(config.directory);
}

/** Check at start-up that the configured directory exists (or can be made) and is writable. */
export async function ensureFileStore(config: FilesConfig): Promise<void> {
  if (config.storage !== 'directory') return;
  if (!config.directory) throw new Error('FILES_STORAGE=directory needs FILES_DIRECTORY');
  await fs.mkdir(path.join(config.directory, TMP), { recursive: true, mode: 0o750 });
  const probe = path.join(config.directory, TMP, `probe.${randomBytes(6).toString('hex')}`);
  try {
    await fs.writeFile(probe, 'ok', { flag: 'wx' });
  } catch (error) {
    throw new Error(`FILES_DIRECTORY ${config.directory} is not writable: ${(error as Error).message}`);
  } finally {
    await fs.rm(probe, { force: true });
  }
}

// ---- garbage collection (directory backend) ---------------------------------------------

export interface GarbageReport {
  removed: number;
  kept: number;
}

async function referenced(db: Db, sha256: string): Promise<boolean> {
  const row = await db.selectFrom('files').select('id').where('storage', '=', 'directory').where('sha256', '=', sha256).limit(1).executeTakeFirst();
  return row !== undefined;
}

async function readdirSafe(dir: string): Promise<string[]> {
  try {
    return await fs.readdir(dir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
}

async function statSafe(file: string) {
  try {
    return await fs.stat(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}

/**
 * Remove blobs that no committed metadata row refers to and that are older than `minAgeMs`
 * (default one day), plus stale temporary files. Safe beside running servers and other
 * collectors: a candidate is first renamed into a trash folder, and it is put back when it
 * turns out to be fresh (a save in progress rewrote it just before) or referenced after all.
 */
export async function collectOrphanedBlobs(db: Db, root: string, options: { minAgeMs?: number; now?: number } = {}): Promise<GarbageReport> {
  const minAgeMs = options.minAgeMs ?? 24 * 3600_000;
  const cutoff = (options.now ?? Date.now()) - minAgeMs;
  const report: GarbageReport = { removed: 0, kept: 0 };
  const trashDir = path.join(root, TRASH);
  await fs.mkdir(trashDir, { recursive: true, mode: 0o750 });

  // `fromTrash`: restored leftovers are counted by the walk over the blobs that follows.
  const decide = async (trashed: string, sha256: string, fromTrash = false) => {
    const stat = await statSafe(trashed);
    if (!stat) return;
    if (stat.mtimeMs > cutoff || (await referenced(db, sha256))) {
      await fs.mkdir(path.dirname(blobPath(root, sha256)), { recursive: true, mode: 0o750 });
      await fs.rename(trashed, blobPath(root, sha256)); // same content by construction: replacing is harmless
      if (!fromTrash) report.kept++;
    } else {
      await fs.rm(trashed, { force: true });
      report.removed++;
    }
  };

  // Left in the trash by a collector that stopped half-way.
  for (const name of await readdirSafe(trashDir)) {
    const sha256 = name.slice(0, 64);
    if (SHA256.test(sha256)) await decide(path.join(trashDir, name), sha256, true);
  }

  for (const prefix of await readdirSafe(root)) {
    if (!/^[0-9a-f]{2}$/.test(prefix)) continue;
    const names = (await readdirSafe(path.join(root, prefix))).filter((n) => SHA256.test(n) && n.startsWith(prefix));
    if (names.length === 0) continue;
    const rows = await db.selectFrom('files').select('sha256').distinct()
      .where('storage', '=', 'directory').where('sha256', '>=', prefix).where('sha256', '<', `${prefix}g`).execute();
    const inUse = new Set(rows.map((r) => r.sha256));
    for (const sha256 of names) {
      if (inUse.has(sha256)) {
        report.kept++;
        continue;
      }
      const file = path.join(root, prefix, sha256);
      const stat = await statSafe(file);
      if (!stat) continue;
      if (stat.mtimeMs > cutoff) {
        report.kept++;
        continue;
      }
      const trashed = path.join(trashDir, `${sha256}.${randomBytes(6).toString('hex')}`);
      try {
        await fs.rename(file, trashed);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') continue; // another collector took it
        throw error;
      }
      await decide(trashed, sha256);
    }
  }

  for (const name of await readdirSafe(path.join(root, TMP))) {
    const file = path.join(root, TMP, name);
    const stat = await statSafe(file);
    if (stat && stat.mtimeMs <= cutoff) await fs.rm(file, { force: true });
  }
  return report;
}
