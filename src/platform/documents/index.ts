/**
 * Paper documents: print-ready HTML (cover, contents, sections; public/print.css) and its PDF
 * export through headless Chromium when installed.
 */
export { printDocument, documentText, PRINT_STYLESHEET_HREF, type PrintDocumentInput, type PrintSection } from './print.js';
export { renderPdf, closePdfRenderer, pdfAvailable, pdfUnavailableMessage, chromiumPath, type PdfOptions } from './pdf.js';
export { sendDocument, forgetKeptPdfs, safeFilename, contentDisposition, type SendDocumentInput } from './send.js';
export { documentMessages } from './messages.js';

import type { CapabilityModule } from '../module.js';
import { documentMessages as messages } from './messages.js';

/** The documents service as a platform module: its messages (no tables or pages of its own). */
export const documentsModule: CapabilityModule = { name: 'documents', messages };
