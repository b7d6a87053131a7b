import { createHash } from 'node:crypto';
import { Lru } from '../lru.js';
import type { PdfOptions } from './pdf.js';

/**
 * PDFs kept by the digest of what was printed. The same print HTML and options give the same PDF,
 * so a document asked again, or by many people at once, is rendered once: a PDF takes Chromium a
 * second or more, and at most two renders run at a time, so without this a few requests for a
 * public document would keep everyone else waiting. Anything that changes the document (a new
 * version, a text hidden since, the municipality's name, the reader's language) changes the HTML,
 * and so the key: nothing needs to be told to forget. A failed render (null) is not kept.
 */
export type RenderPdf = (markup: string, options: PdfOptions) => Promise<Buffer | null>;

export class PdfCache {
  private readonly made: Lru<Buffer>;
  private readonly making = new Map<string, Promise<Buffer | null>>();

  constructor(private readonly render: RenderPdf, maxBytes: number) {
    this.made = new Lru<Buffer>(maxBytes, (pdf) => pdf.length);
  }

  async get(markup: string, options: PdfOptions): Promise<Buffer | null> {
    const key = createHash('sha256').update(JSON.stringify(options)).update('\0').update(markup).digest('base64url');
    const kept = this.made.get(key);
    if (kept) return kept;
    const pending = this.making.get(key);
    if (pending) return pending;
    const rendering = this.render(markup, options).then((pdf) => {
      if (pdf) this.made.set(key, pdf);
      return pdf;
    }).finally(() => this.making.delete(key));
    this.making.set(key, rendering);
    return rendering;
  }

  /** Forget every kept PDF (the benchmark, to measure rendering itself). */
  clear(): void {
    this.made.clear();
  }

  /** The PDFs kept and their bytes (for tests and diagnostics). */
  get stats(): { count: number; bytes: number } {
    return { count: this.made.count, bytes: this.made.weight };
  }
}
