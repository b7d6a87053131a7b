import { createHash } from 'node:crypto';
import type { Db } from '../db/connect.js';
import { ValidationError } from '../errors.js';
import type { PolicyEngine, Resource } from '../policy.js';
import { DamagedFileError, stripMetadata } from './images.js';
import { detectFileType, isFileType, typeLabels, type FileType } from './sniff.js';
import type { FileRecord } from './store.js';

/**
 * What uploads are for. A capability registers each purpose it stores files for (a receipt, a
 * photo of a place, an attachment to an agenda item) with its size limit, the types it takes,
 * and how a download is authorised: `resource(file)` builds the policy resource and
 * `can(actor, readAction, resource)` must allow it.
 */
export interface FilePurpose {
  /** Unique, e.g. "ledger.receipt". */
  name: string;
  maxBytes: number;
  types: readonly FileType[];
  /** The policy action a download needs. */
  readAction: string;
  /** The resource the policy decides on; may look up the entity the file is attached to. */
  resource(file: FileRecord, db: Db): Resource | Promise<Resource>;
  /**
   * Only for files everyone may always read (a municipality's logo): shared caches may keep a
   * download this many seconds (`Cache-Control: public, max-age=…`) instead of asking again each
   * time. Leave it out for anything whose access can be taken away.
   */
  publicMaxAge?: number;
}

const purposes = new Map<string, FilePurpose>();
const PURPOSE_NAME = /^[a-z][a-z0-9]*([._-][a-z0-9]+)*$/;

/** Register a purpose. Registering the same name again with the same limits is allowed (and replaces `resource`). */
export function registerFilePurpose(purpose: FilePurpose): void {
  if (!PURPOSE_NAME.test(purpose.name)) throw new Error(`File purpose name "${purpose.name}" must look like "capability.what"`);
  if (!Number.isSafeInteger(purpose.maxBytes) || purpose.maxBytes <= 0) throw new Error(`File purpose ${purpose.name}: maxBytes must be a positive whole number`);
  if (purpose.types.length === 0) throw new Error(`File purpose ${purpose.name}: name at least one type`);
  for (const type of purpose.types) {
    if (!isFileType(type)) throw new Error(`File purpose ${purpose.name}: type "${String(type)}" is not supported (never SVG or HTML)`);
  }
  if (!purpose.readAction) throw new Error(`File purpose ${purpose.name}: readAction is required`);
  if (purpose.publicMaxAge !== undefined && !(Number.isSafeInteger(purpose.publicMaxAge) && purpose.publicMaxAge > 0)) {
    throw new Error(`File purpose ${purpose.name}: publicMaxAge must be a positive whole number of seconds`);
  }
  const existing = purposes.get(purpose.name);
  if (existing && (existing.maxBytes !== purpose.maxBytes || existing.readAction !== purpose.readAction
    || existing.types.join() !== purpose.types.join() || existing.publicMaxAge !== purpose.publicMaxAge)) {
    throw new Error(`File purpose ${purpose.name} registered twice with different rules`);
  }
  purposes.set(purpose.name, { ...purpose, types: [...purpose.types] });
}

export function findFilePurpose(name: string): FilePurpose | null {
  return purposes.get(name) ?? null;
}

export function filePurpose(name: string): FilePurpose {
  const purpose = purposes.get(name);
  if (!purpose) throw new Error(`No file purpose "${name}" is registered`);
  return purpose;
}

export function filePurposes(): FilePurpose[] {
  return [...purposes.values()].sort((a, b) => a.name.localeCompare(b.name));
}

/** The largest upload any purpose accepts (for the multipart limit of the HTTP server). */
export function largestUploadBytes(): number {
  return Math.max(0, ...[...purposes.values()].map((p) => p.maxBytes));
}

/** Every purpose's read action has a policy rule (call after the policy is built; a typo fails at start, not at download). */
export function checkFilePurposes(policy: PolicyEngine): void {
  const known = new Set(policy.actions());
  const missing = filePurposes().filter((p) => !known.has(p.readAction));
  if (missing.length) throw new Error(`No policy rule for the read action of file purpose(s): ${missing.map((p) => `${p.name} (${p.readAction})`).join(', ')}`);
}

// ---- checking an upload ------------------------------------------------------------------

export interface UploadRules {
  maxBytes: number;
  types: readonly FileType[];
}

export interface InspectedUpload {
  /** The type found in the content. */
  mediaType: FileType;
  /** The bytes to store: images without their location metadata. */
  bytes: Uint8Array;
  size: number;
  /** SHA-256 (hex) of the bytes to store. */
  sha256: string;
}

/** The limit as people read it: whole MB when it is a whole number of MB, else KB (1 KB = 1024 bytes). */
export function sizeLimit(maxBytes: number): { maximum: number; unit: 'KB' | 'MB' } {
  const mb = 1024 * 1024;
  return maxBytes >= mb && maxBytes % mb === 0 ? { maximum: maxBytes / mb, unit: 'MB' } : { maximum: Math.floor(maxBytes / 1024), unit: 'KB' };
}

export function typeList(types: readonly FileType[]): string {
  return [...new Set(types.map((t) => typeLabels[t]))].join(', ');
}

/**
 * Check an upload against the rules and prepare it for storage: not empty, not too large, a
 * type the rules allow (by content), metadata stripped, hashed. Problems are a ValidationError
 * on `field` with the keys files.empty, files.tooLarge, files.typeNotAllowed, files.damaged.
 */
export function inspectUpload(bytes: unknown, rules: UploadRules, field = 'file'): InspectedUpload {
  if (!(bytes instanceof Uint8Array) || bytes.length === 0) throw ValidationError.field(field, 'files.empty');
  if (bytes.length > rules.maxBytes) throw ValidationError.field(field, 'files.tooLarge', sizeLimit(rules.maxBytes));
  const mediaType = detectFileType(bytes, rules.types);
  if (!mediaType) throw ValidationError.field(field, 'files.typeNotAllowed', { types: typeList(rules.types) });
  let stored: Uint8Array;
  try {
    stored = stripMetadata(mediaType, bytes);
  } catch (error) {
    if (error instanceof DamagedFileError) throw ValidationError.field(field, 'files.damaged');
    throw error;
  }
  return { mediaType, bytes: stored, size: stored.length, sha256: createHash('sha256').update(stored).digest('hex') };
}
