/**
 * Paper documents: print-ready HTML (cover, contents, sections; public/print.css) and its PDF
 * export through headless Chromium when installed.
 */
export { printDocument, documentText, PRINT_STYLESHEET_HREF, type PrintDocumentInput, type PrintSection } from './print.js';
export { renderPdf, closePdfRenderer, pdfAvailable, pdfUnavailableMessage, chromiumPath, type PdfOptions } from './pdf.js';
export { sendDocument, sendPrintPage, forgetKeptPdfs, safeFilename, contentDisposition, type SendDocumentInput, type SendPrintPageInput } from './send.js';
export { printSheets, copiesPerSheet, COPIES_PER_SHEET, type CopiesPerSheet, type PrintSheetsInput } from './sheets.js';
export { documentMessages } from './messages.js';

import type { CapabilityModule } from '../module.js';
import { documentMessages as messages } from './messages.js';

/** The documents service as a platform module: its messages (no tables or pages of its own). */
export const documentsModule: CapabilityModule = { name: 'documents', messages };
