import { describe, expect, it } from 'vitest';
import { html } from '../html.js';
import { copiesPerSheet, printSheets } from './sheets.js';

describe('documents: sheets', () => {
  const input = { title: 'Brief', municipalityName: 'Gemeente Pleindorp', locale: 'nl' as const, copy: (repeat: boolean) => (repeat ? html`<p>Brief &amp; strook</p><p>${'<b>'}</p>` : html`<h1>Brief &amp; strook</h1><p>${'<b>'}</p>`) };

  it('repeats the copy 1, 2 or 4 times on a sheet, shown once on screen, with the controls and notice outside it', () => {
    const page = printSheets({ ...input, perSheet: 4, controls: html`<a href="/x">1 per A4</a>`, notice: 'Geen PDF.' });
    expect(page).toContain('<body class="ba-print ba-sheets ba-sheets--4">');
    expect(page.match(/<div class="ba-sheet__copy/g)).toHaveLength(4);
    expect(page.match(/ba-sheet__copy--repeat/g)).toHaveLength(3);
    expect(page.match(/<h1>/g)).toHaveLength(1);
    expect(page).toContain('&lt;b&gt;');
    expect(page).toContain('<div class="ba-sheets__controls ba-print-no-print"><a href="/x">1 per A4</a></div>');
    expect(page).toContain('<p>Geen PDF.</p>');
    expect(page).toContain('<main class="ba-sheet" id="ba-main" tabindex="-1">');
    expect(page).toContain('<html lang="nl">');
  });

  it('refuses a copy with ids (they would repeat) and repeats with headings and reads the number per sheet, 1 for anything else', () => {
    expect(() => printSheets({ ...input, perSheet: 1, copy: () => html`<h1 id="titel">Brief</h1>` })).toThrow(/no ids/);
    expect(() => printSheets({ ...input, perSheet: 2, copy: () => html`<h1>Brief</h1>` })).toThrow(/no headings/);
    expect([copiesPerSheet('2'), copiesPerSheet(4), copiesPerSheet('3'), copiesPerSheet(undefined), copiesPerSheet('abc')]).toEqual([2, 4, 1, 1, 1]);
  });
});
