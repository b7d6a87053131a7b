import type { FastifyReply } from 'fastify';
import type { Locale } from '../i18n/index.js';
import { documentText, printDocument, type PrintDocumentInput } from './print.js';
import { PdfCache } from './pdf-cache.js';
import { renderPdf } from './pdf.js';

/**
 * Answer a request for a paper document, so a capability offers `…/document` and
 * `…/document.pdf` with two lines:
 *
 *   app.get('/:municipality/wijken/:code/wijkbeeld/document', (req, reply) => sendDocument(reply, { format: 'html', document, filename }));
 *   app.get('/:municipality/wijken/:code/wijkbeeld/document.pdf', (req, reply) => sendDocument(reply, { format: 'pdf', document, filename }));
 *
 * When no PDF can be made (Chromium missing, or rendering failed) the PDF address answers 200
 * with the HTML page and a notice on how to print it to PDF from the browser, rather than an error.
 */
export interface SendDocumentInput {
  format: 'html' | 'pdf';
  document: PrintDocumentInput;
  /** The file name without extension; made safe for the Content-Disposition header. */
  filename: string;
  /** "inline" (default) opens the PDF in the browser, "attachment" downloads it. */
  disposition?: 'inline' | 'attachment';
}

/** An ASCII file name: letters, digits, ".", "-" and "_"; accents dropped, the rest becomes "-". */
export function safeFilename(name: string, extension: string): string {
  const base = name.normalize('NFKD').replace(/[\u0300-\u036f]/g, '')
    .replace(/[^A-Za-z0-9._-]+/g, '-').replace(/-{2,}/g, '-').replace(/^[-.]+|[-.]+$/g, '').slice(0, 80);
  return `${base || 'document'}.${extension}`;
}

/** Content-Disposition with an ASCII fallback and the UTF-8 name (RFC 6266 / RFC 8187). */
export function contentDisposition(name: string, extension: string, disposition: 'inline' | 'attachment' = 'inline'): string {
  const utf8 = `${name.replace(/[\u0000-\u001f\u007f"\\/:*?<>|]+/g, '-').trim().slice(0, 120) || 'document'}.${extension}`;
  const encoded = encodeURIComponent(utf8).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `${disposition}; filename="${safeFilename(name, extension)}"; filename*=UTF-8''${encoded}`;
}

/** The PDFs of this process, by what was printed (pdf-cache.ts): 64 MiB, some hundred documents. */
const pdfs = new PdfCache(renderPdf, 64 * 1024 * 1024);

/** Forget the PDFs kept so far, so the next request renders (the benchmark measures rendering). */
export function forgetKeptPdfs(): void {
  pdfs.clear();
}

export async function sendDocument(reply: FastifyReply, input: SendDocumentInput): Promise<FastifyReply> {
  const { document } = input;
  return sendPrintPage(reply, { ...input, title: document.title, locale: document.locale, render: (notice) => printDocument(notice ? { ...document, notice } : document) });
}

/**
 * The same for any print-ready page (e.g. printSheets in sheets.ts): `render` gives its HTML,
 * with a notice on screen when the PDF could not be made (null otherwise).
 */
export interface SendPrintPageInput {
  format: 'html' | 'pdf';
  title: string;
  locale: Locale;
  render: (notice: string | null) => string;
  filename: string;
  disposition?: 'inline' | 'attachment';
}

export async function sendPrintPage(reply: FastifyReply, input: SendPrintPageInput): Promise<FastifyReply> {
  const sendHtml = (markup: string) => reply.code(200).header('cache-control', 'no-store').type('text/html; charset=utf-8').send(markup);
  if (input.format === 'html') return sendHtml(input.render(null));
  let pdf: Buffer | null = null;
  try {
    pdf = await pdfs.get(input.render(null), { title: input.title });
  } catch (error) {
    reply.log.error({ err: error }, 'PDF rendering failed; answering with the printable HTML page');
  }
  if (!pdf) return sendHtml(input.render(documentText(input.locale, 'documents.pdfUnavailable')));
  return reply.code(200)
    .header('cache-control', 'no-store')
    .header('content-disposition', contentDisposition(input.filename, 'pdf', input.disposition))
    .type('application/pdf')
    .send(pdf);
}
