/**
 * The database type. Each capability adds its own tables by declaration merging:
 *
 *   declare module '../../platform/db/schema.js' { interface Database { areas: AreaTable } }
 *
 * so the platform never imports a capability, yet every query is typed.
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface Database {
  installation: InstallationTable;
  audit_log: AuditLogTable;
  audit_subject_keys: AuditSubjectKeyTable;
}

/** Timestamps are ISO-8601 strings in UTC on both engines; flags are integers 0/1. */
export type Timestamp = string;

export interface InstallationTable {
  key: string;
  value: string;
}

export interface AuditLogTable {
  id: string;
  at: Timestamp;
  municipality_id: string | null;
  actor: string | null; // pseudonym, never a person id
  action: string;
  entity_type: string;
  entity_id: string;
  before_json: string | null;
  after_json: string | null;
}

export interface AuditSubjectKeyTable {
  subject_id: string;
  pseudonym: string;
  key: string; // base64 AES-256 key; deleting the row erases the subject from the log
}
