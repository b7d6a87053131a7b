import path from 'node:path';

/**
 * Where uploaded files keep their bytes. "database" (the default) needs nothing else and is
 * shared by every server process; "directory" keeps them in a folder, which must then be a
 * volume every server process mounts (metadata stays in the database either way).
 */
export type StorageKind = 'database' | 'directory';

export interface FilesConfig {
  storage: StorageKind;
  /** Absolute path of the folder; required for "directory", also used to read files stored there earlier. */
  directory: string | null;
}

export const defaultFilesConfig: FilesConfig = { storage: 'database', directory: null };

export const filesConfigHelp: ReadonlyArray<[string, string]> = [
  ['FILES_STORAGE', 'where uploaded files are kept: database (default) or directory'],
  ['FILES_DIRECTORY', 'folder for FILES_STORAGE=directory, on a volume every server process shares'],
];

export function loadFilesConfig(env: NodeJS.ProcessEnv = process.env): FilesConfig {
  const storage = env.FILES_STORAGE || 'database';
  if (storage !== 'database' && storage !== 'directory') {
    throw new Error(`FILES_STORAGE must be "database" or "directory", got "${storage}"`);
  }
  const directory = env.FILES_DIRECTORY ? path.resolve(env.FILES_DIRECTORY) : null;
  if (storage === 'directory' && !directory) throw new Error('FILES_STORAGE=directory needs FILES_DIRECTORY (a folder every server process shares)');
  return { storage, directory };
}
