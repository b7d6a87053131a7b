/**
 * The platform file store: uploads (receipts, photos, attachments) for every capability.
 *
 *   registerFilePurpose({ name: 'ledger.receipt', maxBytes: 10 * 1024 * 1024,
 *     types: ['image/jpeg', 'image/png', 'application/pdf'], readAction: 'ledger.entry.view',
 *     resource: (file, db) => entryResource(db, file.ownerId) });
 *
 *   // in a use case's run(tx, …):
 *   const file = await saveFile(tx, ctx.platform, { purpose: 'ledger.receipt', municipalityId, ownerType: 'ledger_entry',
 *     ownerId: entry.id, name: upload.name, bytes: upload.bytes, createdBy: personId });
 *   return { result, audit: [entryAudit, fileAuditEntry(file, 'add')] };
 *
 * Downloads go through serveFile, behind GET /:municipality/bestanden/:id (registerFileRoutes) and the
 * documented API route GET /api/v1/:municipality/files/:id (registerFileApi); it checks the tenant and
 * `can(actor, readAction, resource)`.
 */
export { fileTypes, imageTypes, textTypes, typeLabels, typeExtensions, isFileType, detectFileType, sniffFileType, sniffBinaryType, type FileType } from './sniff.js';
export { stripMetadata, DamagedFileError } from './images.js';
export { sanitiseFileName, downloadName, contentDisposition } from './names.js';
export { loadFilesConfig, filesConfigHelp, defaultFilesConfig, type FilesConfig, type StorageKind } from './config.js';
export {
  registerFilePurpose, findFilePurpose, filePurpose, filePurposes, largestUploadBytes, checkFilePurposes,
  inspectUpload, sizeLimit, type FilePurpose, type UploadRules, type InspectedUpload,
} from './purposes.js';
export {
  fileMigrations, saveFile, findFile, readFile, readBytes, deleteFile, deleteFilesOf, filesOf, filesCreatedBy, forgetFileCreator,
  fileAuditEntry, filesConfigOf, collectFileGarbage, type FileRecord, type SaveFileInput, type FileTable, type FileBlobTable,
} from './store.js';
export { databaseStore, directoryStore, ensureFileStore, collectOrphanedBlobs, type FileStore, type GarbageReport } from './backends.js';
export { sendFile, serveFile, registerFileRoutes, uploadedFile, filePaths, type UploadedFile } from './http.js';
export { filesMessages } from './messages.js';
export { filesModule, FILE_GARBAGE_JOB } from './module.js';
