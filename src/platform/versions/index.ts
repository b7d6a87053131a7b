/**
 * Versioned documents: drafts, numbered immutable published versions, and a readable difference.
 * Capabilities (neighbourhood picture, future agenda, framework, budget plans) use this module
 * through their own use cases; see service.ts for how the changes are audited.
 */
export {
  type Section, type DocumentContent, type TextChange, type ChangeOp, type SectionDiff, type SectionStatus, type DocumentDiff, type DiffSide,
  checkContent, normalizeBody, paragraphsOf, diffWords, diffVersions, sideOf, normalizedText, emptyContent,
  MAX_SECTIONS, MAX_TITLE_LENGTH, MAX_SUMMARY_LENGTH, MAX_DECISION_REFERENCE_LENGTH, SECTION_KEY,
} from './model.js';
export {
  type DocumentRef, type Draft, type VersionedDocument, type VersionSummary, type DocumentVersion, type Changed,
  type CreateDocumentInput, type SaveDraftInput, type PublishInput,
  registerDocumentKind, isDocumentKind, documentKinds,
  createDocument, saveDraft, discardDraft, publishDraft,
  getDocument, documentsOwnedBy, versionsOf, getVersion, latestVersion, compare, compareDraft,
} from './service.js';
export {
  type EditedSection, versionNumber, conflictsOnForm, conflictStatus, sectionsFromForm, draftFromForm, revisionField, editedSections, renumbered,
} from './forms.js';
export { renderBody, printSections, renderChanges, renderDiff, renderVersionHistory, type RenderDiffOptions, type VersionHistoryOptions } from './render.js';
export { versionBody, comparisonBody, compareChooser, compareNeedsTwoPage, draftLabels, draftForm, type ShownSection, type DraftFields, type DraftFormInput } from './pages.js';
export { versionMigrations, eraseDocumentsOfMunicipality, type DocumentTable, type DocumentVersionTable } from './store.js';
export { versionMessages } from './messages.js';

import type { CapabilityModule } from '../module.js';
import { versionMessages as messages } from './messages.js';
import { versionMigrations as migrations } from './store.js';

/** The versions service as a platform module: its tables and messages (no pages of its own). */
export const versionsModule: CapabilityModule = { name: 'versions', migrations, messages };
