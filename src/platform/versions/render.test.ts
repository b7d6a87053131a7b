import { beforeAll, describe, expect, it } from 'vitest';
import { registerMessages, translator } from '../i18n/index.js';
import { platformMessages } from '../i18n/platform-messages.js';
import { versionMessages } from './messages.js';
import { printDocument } from '../documents/print.js';
import { checkContent, diffVersions, type DocumentContent } from './model.js';
import { printSections, renderBody, renderDiff, renderVersionHistory } from './render.js';

const doc = (...sections: Array<[string, string, string]>): DocumentContent => ({ sections: sections.map(([key, heading, body]) => ({ key, heading, body })) });

describe('rendering versions', () => {
  beforeAll(() => {
    registerMessages(platformMessages);
    registerMessages(versionMessages);
  });

  it('marks changes with ins/del and hidden labels, escaping the text', () => {
    const t = translator('nl');
    const diff = diffVersions(
      { title: 'Plan', content: doc(['a', 'Inleiding', 'Wij <houden> van de buurt.\n\nTweede alinea.'], ['weg', 'Oud', 'Verdwijnt.'], ['same', 'Gelijk', 'Blijft.']) },
      { title: 'Plan', content: doc(['a', 'Inleiding', 'Wij <houden> echt van de buurt & het park.\n\nTweede alinea.'], ['same', 'Gelijk', 'Blijft.'], ['nieuw', 'Nieuw <kop>', 'Erbij.']) },
    );
    const out = renderDiff(t, diff, { headingLevel: 3 }).value;
    expect(out).toContain('<ins class="ba-diff-ins"><span class="ba-visually-hidden">toegevoegd: </span>echt <span class="ba-visually-hidden"> (einde toegevoegd)</span></ins>');
    expect(out).toContain('Wij &lt;houden&gt; ');
    expect(out).toContain('&amp; het park');
    expect(out).toContain('<del class="ba-diff-del"><span class="ba-visually-hidden">verwijderd: </span>Verdwijnt.');
    expect(out).toContain('<h3 class="utrecht-heading-3" id="diff-nieuw">Nieuw &lt;kop&gt;</h3>');
    expect(out).toContain('<details class="ba-diff-unchanged"><summary>Toon de ongewijzigde tekst</summary><p class="utrecht-paragraph">Blijft.</p></details>');
    expect(out).toContain('Gewijzigd: 1. Toegevoegd: 1. Verwijderd: 1. Ongewijzigd: 1. Verplaatst: 0.');
    expect(out).not.toMatch(/<(?!\/?(div|p|ins|del|span|section|h3|details|summary|strong|br)\b)[a-z]/);
    // Two paragraphs stay two paragraphs.
    expect(out.match(/Tweede alinea\./g)).toHaveLength(1);
    expect(renderDiff(translator('en'), diffVersions({ title: 'x', content: doc() }, { title: 'x', content: doc() })).value).toContain('There are no differences.');
  });

  it('renders a body as paragraphs with line breaks, and the history as a table', () => {
    expect(renderBody('Een\ntwee\n\n<drie>').value).toBe('<p class="utrecht-paragraph">Een<br>twee</p><p class="utrecht-paragraph">&lt;drie&gt;</p>');
    const t = translator('nl');
    const table = renderVersionHistory(t, 'nl', [
      { documentId: 'd', number: 2, title: 'T', summary: 'Meer <groen>.', publishedAt: '2026-03-01T10:00:00.000Z', publishedBy: null, decisionReference: 'RB 12' },
      { documentId: 'd', number: 1, title: 'T', summary: 'Eerste.', publishedAt: '2026-01-01T10:00:00.000Z', publishedBy: null, decisionReference: null },
    ], { versionHref: (n) => `/v/${n}`, compareHref: (a, b) => `/v/${a}...${b}` }).value;
    expect(table).toContain('<a class="utrecht-link" href="/v/2">Versie 2</a>');
    expect(table).toContain('href="/v/1...2">Vergelijk met versie 1</a>');
    expect(table).toContain('Meer &lt;groen&gt;.');
    expect(table).toContain('<time datetime="2026-03-01T10:00:00.000Z">');
  });

  it('turns a version into print sections whose anchors are the section keys', () => {
    const content = doc(['inleiding', 'Inleiding', 'Een.\n\nTwee.'], ['2026-plan', 'Plan', 'Drie.']);
    const page = printDocument({ title: 'T', municipalityName: 'G', source: 'S', date: '2026-01-01T00:00:00Z', locale: 'nl', sections: printSections(content) });
    expect(page).toContain('<li><a href="#2026-plan">Plan</a></li>');
    expect(page).toContain('<p class="utrecht-paragraph">Een.</p><p class="utrecht-paragraph">Twee.</p>');
    expect(checkContent({ sections: [{ key: 'ba-main', heading: 'x', body: '' }] }).issues).toEqual([{ field: 'sections.1.key', key: 'versions.sectionKey' }]);
  });
});
