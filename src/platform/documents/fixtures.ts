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
