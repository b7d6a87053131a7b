import { html } from '../html.js';
import type { Locale } from '../i18n/index.js';
import type { PrintDocumentInput } from './print.js';

/**
 * A realistic paper document of any length (headings, paragraphs, a table, a link per section;
 * about one A4 page each, so 30 sections make a document of about 32 pages with cover and contents), for the PDF test and `npm run bench`. Deterministic.
 */
const WORDS = ('bewoners buurt wijk plein buurthuis ontmoeten samen jongeren ouderen school bibliotheek park groen veilig '
  + 'initiatief vrijwilligers opbouwwerk gemeente budget agenda toekomst straat speeltuin markt zorg mantelzorg '
  + 'taalcafé moestuin sportveld winkel ondernemers kerk moskee huiskamer koffie gesprek plan ambitie stap').split(' ');

function sentence(seed: number, length: number): string {
  const words = Array.from({ length }, (_, i) => WORDS[(seed * 31 + i * 17 + (i * i) % 7) % WORDS.length]!);
  const text = words.join(' ');
  return `${text.charAt(0).toUpperCase()}${text.slice(1)}.`;
}

function paragraph(seed: number): string {
  return Array.from({ length: 3 }, (_, i) => sentence(seed * 7 + i, 9 + ((seed + i) % 8))).join(' ');
}

export function sampleDocument(sectionCount = 30, locale: Locale = 'nl'): PrintDocumentInput {
  return {
    title: 'Wijkbeeld Centrum <2026>',
    subtitle: 'Cijfers, verhalen en plekken van de buurt & haar bewoners',
    municipalityName: 'Gemeente Voorbeeldstad',
    source: 'https://buurtarena.example/voorbeeldstad/wijken/WK099901/wijkbeeld',
    date: '2026-03-01T09:00:00.000Z',
    locale,
    sections: Array.from({ length: sectionCount }, (_, n) => ({
      id: `sectie-${n + 1}`,
      heading: sentence(n, 4).replace(/\.$/, ''),
      body: html`
        <p>${paragraph(n * 5 + 1)}</p>
        <p>${paragraph(n * 5 + 2)}</p>
        <h3>${sentence(n + 100, 3).replace(/\.$/, '')}</h3>
        <p>${paragraph(n * 5 + 3)}</p>
        <table>
          <caption>Kerncijfers ${n + 1}</caption>
          <thead><tr><th scope="col">Kenmerk</th><th scope="col" class="ba-numeric">2024</th><th scope="col" class="ba-numeric">2025</th></tr></thead>
          <tbody>${['Inwoners', 'Huishoudens', 'Jongeren tot 18', '65-plussers'].map((label, i) => html`<tr><th scope="row">${label}</th><td class="ba-numeric">${1000 + n * 37 + i * 211}</td><td class="ba-numeric">${1012 + n * 41 + i * 205}</td></tr>`)}</tbody>
        </table>
        <p>${paragraph(n * 5 + 4)}</p>
        <h3>${sentence(n + 200, 3).replace(/\.$/, '')}</h3>
        <p>${paragraph(n * 5 + 5)} Meer op <a href="https://buurtarena.example/voorbeeldstad/initiatieven/${n + 1}">de pagina van het initiatief</a>.</p>`,
    })),
  };
}

/** The body of an object in `buildPdf`: its PDF syntax (bytes as Latin-1 characters). */
export type PdfBody = string | Buffer;

/**
 * A PDF made byte for byte of these objects (number → body), for the tests of the PDF reader and
 * of the renderer's page numbers: a correct cross-reference table, none, or one whose offsets are
 * all wrong.
 */
export function buildPdf(objects: Record<number, PdfBody>, trailer = '<< /Size 99 /Root 1 0 R >>', options: { xref?: 'table' | 'none' | 'wrong-offset' } = {}): Buffer {
  const parts: Buffer[] = [Buffer.from('%PDF-1.4\n%\xe2\xe3\xcf\xd3\n', 'latin1')];
  let length = parts[0]!.length;
  const offsets = new Map<number, number>();
  for (const [num, body] of Object.entries(objects)) {
    offsets.set(Number(num), length);
    const chunk = Buffer.concat([Buffer.from(`${num} 0 obj\n`), typeof body === 'string' ? Buffer.from(body, 'latin1') : body, Buffer.from('\nendobj\n')]);
    parts.push(chunk);
    length += chunk.length;
  }
  const mode = options.xref ?? 'table';
  if (mode === 'none') {
    parts.push(Buffer.from(`trailer\n${trailer}\n%%EOF\n`));
    return Buffer.concat(parts);
  }
  const max = Math.max(...offsets.keys());
  const rows = ['0000000000 65535 f \n'];
  for (let n = 1; n <= max; n++) {
    const at = offsets.get(n);
    rows.push(at === undefined ? '0000000000 65535 f \n' : `${String(mode === 'wrong-offset' ? at + 3 : at).padStart(10, '0')} 00000 n \n`);
  }
  parts.push(Buffer.from(`xref\n0 ${max + 1}\n${rows.join('')}trailer\n${trailer}\nstartxref\n${length}\n%%EOF\n`));
  return Buffer.concat(parts);
}

/** A PDF of `pageCount` empty pages whose named destinations land on these pages (1 for the first). */
export function pdfWithDestinations(pageCount: number, destinations: Record<string, number>): Buffer {
  const objects: Record<number, PdfBody> = {
    1: '<< /Type /Catalog /Pages 2 0 R /Dests 3 0 R >>',
    2: `<< /Type /Pages /Count ${pageCount} /Kids [${Array.from({ length: pageCount }, (_, i) => `${i + 4} 0 R`).join(' ')}] >>`,
    3: `<< ${Object.entries(destinations).map(([name, page]) => `/${name} [${page + 3} 0 R /XYZ 0 841.92 0]`).join('\n')} >>`,
  };
  for (let i = 0; i < pageCount; i++) objects[i + 4] = '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 594.96 841.92] >>';
  return buildPdf(objects);
}
