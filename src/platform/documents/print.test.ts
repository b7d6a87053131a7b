import { describe, expect, it } from 'vitest';
import { html } from '../html.js';
import { documentMessages } from './messages.js';
import { contentsTargets, numberContents, printDocument, type PrintDocumentInput } from './print.js';
import { contentDisposition, safeFilename } from './send.js';
import { expectSameKeysAndPlaceholders } from '../../../test/support/messages.js';

const input = (overrides: Partial<PrintDocumentInput> = {}): PrintDocumentInput => ({
  title: 'Wijkbeeld <script>alert(1)</script>',
  subtitle: 'Buurt "De Hoek" & omgeving',
  municipalityName: 'Gemeente <Voorbeeldstad>',
  source: 'https://buurtarena.example/voorbeeldstad/wijkbeeld?a=1&b=2',
  date: '2026-03-01T09:00:00.000Z',
  locale: 'nl',
  sections: [
    { id: 'inleiding', heading: 'Inleiding <b>vet</b>', body: html`<p>${'Tekst met <img src=x onerror=alert(1)> erin.'}</p>` },
    { id: 'plekken', heading: 'Plekken', body: html`<p>Het buurthuis.</p>` },
  ],
  ...overrides,
});

describe('printDocument', () => {
  it('escapes every piece of user text', () => {
    const page = printDocument(input());
    expect(page).not.toContain('<script>');
    expect(page).not.toContain('<img');
    expect(page).not.toContain('<b>');
    expect(page).toContain('Wijkbeeld &lt;script&gt;alert(1)&lt;/script&gt;');
    expect(page).toContain('Buurt &quot;De Hoek&quot; &amp; omgeving');
    expect(page).toContain('Tekst met &lt;img src=x onerror=alert(1)&gt; erin.');
    expect(page).toContain('href="https://buurtarena.example/voorbeeldstad/wijkbeeld?a=1&amp;b=2"');
    // The running header travels in an attribute, escaped too.
    expect(page).toContain('data-running-header="Wijkbeeld &lt;script&gt;alert(1)&lt;/script&gt; — https://buurtarena.example/voorbeeldstad/wijkbeeld?a=1&amp;b=2"');
  });

  it('is a complete page: lang, title, stylesheet, landmarks, no inline style or script', () => {
    const page = printDocument(input({ locale: 'en' }));
    expect(page.startsWith('<!doctype html>')).toBe(true);
    expect(page).toMatch(/<html lang="en"/);
    expect(page).toContain('<title>Wijkbeeld &lt;script&gt;alert(1)&lt;/script&gt; · Gemeente &lt;Voorbeeldstad&gt;</title>');
    expect(page).toContain('<link rel="stylesheet" href="/static/print.css">');
    expect(page).toContain('data-page-label="Page" data-page-of="of"');
    for (const landmark of ['<header', '<nav', '<main', '<footer']) expect(page).toContain(landmark);
    expect(page).not.toMatch(/<style|<script|<[a-z][^>]*\s(style|on[a-z]+)=/i);
    expect(page).toContain('<time datetime="2026-03-01T09:00:00.000Z">1 March 2026</time>');
    // Headings in order: one h1, then h2s.
    const levels = [...page.matchAll(/<h([1-6])\b/g)].map((m) => Number(m[1]));
    expect(levels[0]).toBe(1);
    expect(levels.filter((l) => l === 1)).toHaveLength(1);
    for (let i = 1; i < levels.length; i++) expect(levels[i]! - levels[i - 1]!).toBeLessThanOrEqual(1);
  });

  it('has a contents list whose every link reaches its section', () => {
    const page = printDocument(input());
    const toc = /<nav class="ba-print-toc"[\s\S]*?<\/nav>/.exec(page)![0];
    const targets = [...toc.matchAll(/href="#([^"]+)"/g)].map((m) => m[1]);
    expect(targets).toEqual(['inleiding', 'plekken']);
    for (const id of targets) expect(page).toMatch(new RegExp(`<section class="ba-print-section" id="${id}" aria-labelledby="${id}-heading">\\s*<h2 id="${id}-heading">`));
    const ids = [...page.matchAll(/\sid="([^"]+)"/g)].map((m) => m[1]);
    expect(new Set(ids).size).toBe(ids.length);
    expect(page).toContain('<a class="ba-print-skip" href="#ba-main">Naar de inhoud</a>');
  });

  it('refuses section ids that would break the anchors', () => {
    expect(() => printDocument(input({ sections: [{ id: '1 bad"', heading: 'x', body: html`` }] }))).toThrow(/Section id/);
    expect(() => printDocument(input({ sections: [{ id: 'a', heading: 'x', body: html`` }, { id: 'a', heading: 'y', body: html`` }] }))).toThrow(/twice/);
    expect(() => printDocument(input({ sections: [{ id: 'ba-main', heading: 'x', body: html`` }] }))).toThrow(/reserved/);
    expect(() => printDocument(input({ sections: [{ id: 'x', heading: 'x', body: html`` }, { id: 'x-heading', heading: 'y', body: html`` }] }))).toThrow(/twice/);
    expect(printDocument(input({ sections: [{ id: '2026-plan', heading: 'x', body: html`` }] }))).toContain('href="#2026-plan"');
  });

  it('shows a notice on screen when asked', () => {
    const page = printDocument(input({ notice: 'Geen <PDF>.' }));
    expect(page).toContain('<div class="ba-print-notice" role="status"><p>Geen &lt;PDF&gt;.</p></div>');
  });
});

describe('numberContents (the page numbers in the PDF\'s contents)', () => {
  const contents = (page: string) => /<nav class="ba-print-toc[\s\S]*?<\/nav>/.exec(page)![0];

  it('leaves the page on screen without numbers or placeholders', () => {
    const page = printDocument(input());
    expect(page).not.toContain('ba-print-toc__page');
    expect(page).not.toContain('ba-print-toc--paged');
    expect(contentsTargets(page)).toEqual(['inleiding', 'plekken']);
  });

  it('gives the first pass the same contents with empty numbers, and changes nothing else', () => {
    const page = printDocument(input());
    const first = numberContents(page, null);
    expect(contents(first)).toMatch(/^<nav class="ba-print-toc ba-print-toc--paged" id="ba-contents" aria-labelledby="ba-contents-heading">/);
    expect(contents(first)).toContain('<li><a href="#inleiding">Inleiding &lt;b&gt;vet&lt;/b&gt;</a><span class="ba-print-toc__page"></span></li>');
    expect(contents(first)).toContain('<li><a href="#plekken">Plekken</a><span class="ba-print-toc__page"></span></li>');
    expect(first.replace(contents(first), '')).toBe(page.replace(contents(page), ''));
  });

  it('fills in each section\'s page after the word for screen readers, in the document\'s language', () => {
    const page = printDocument(input({ sections: [...input().sections, { id: 'zonder', heading: 'Zonder pagina', body: html`<ul><li><a href="#plekken">Zie de plekken</a></li></ul>` }] }));
    const numbered = numberContents(page, new Map([['inleiding', 3], ['plekken', 12]]));
    expect(contents(numbered)).toContain('<li><a href="#inleiding">Inleiding &lt;b&gt;vet&lt;/b&gt;</a><span class="ba-print-toc__page"><span class="ba-print-toc__label">pagina </span>3</span></li>');
    expect(contents(numbered)).toContain('<li><a href="#plekken">Plekken</a><span class="ba-print-toc__page"><span class="ba-print-toc__label">pagina </span>12</span></li>');
    // A section the map does not know stays without a number; a section's own list is not touched.
    expect(contents(numbered)).toContain('<li><a href="#zonder">Zonder pagina</a><span class="ba-print-toc__page"></span></li>');
    expect(numbered).toContain('<ul><li><a href="#plekken">Zie de plekken</a></li></ul>');
    const english = numberContents(printDocument(input({ locale: 'en' })), new Map([['plekken', 4]]));
    expect(english).toContain('<span class="ba-print-toc__page"><span class="ba-print-toc__label">page </span>4</span>');
  });

  it('leaves a page without contents as it is', () => {
    const page = printDocument(input({ sections: [] }));
    expect(contentsTargets(page)).toEqual([]);
    expect(numberContents(page, new Map([['inleiding', 3]]))).toBe(page);
  });
});

describe('file names', () => {
  it('are safe in a header, with the real name as UTF-8', () => {
    expect(safeFilename('Wijkbeeld Café "Noord"/../2026', 'pdf')).toBe('Wijkbeeld-Cafe-Noord-..-2026.pdf');
    expect(safeFilename('  ', 'pdf')).toBe('document.pdf');
    const header = contentDisposition('Wijkbeeld Café\r\nX-Evil: 1', 'pdf', 'attachment');
    expect(header).not.toMatch(/[\r\n]/);
    expect(header).toBe("attachment; filename=\"Wijkbeeld-Cafe-X-Evil-1.pdf\"; filename*=UTF-8''Wijkbeeld%20Caf%C3%A9-X-Evil-%201.pdf");
  });
});

it('has the same message keys and placeholders in Dutch and English', () => {
  expectSameKeysAndPlaceholders(documentMessages);
});
