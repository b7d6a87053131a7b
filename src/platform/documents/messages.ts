import type { Catalogue } from '../i18n/index.js';

export const documentMessages: Catalogue = {
  nl: {
    'documents.skipToContent': 'Naar de inhoud',
    'documents.contents': 'Inhoud',
    'documents.date': 'Datum',
    'documents.source': 'Bron',
    'documents.publisher': 'Uitgegeven door',
    'documents.pageLabel': 'Pagina',
    'documents.pageOf': 'van',
    'documents.footer': '{title} · {municipality} · {date}',
    'documents.pdfUnavailable': 'De PDF kan op dit moment niet op de server worden gemaakt. U ziet hieronder hetzelfde document als webpagina. Zo maakt u er zelf een PDF van: druk op Ctrl+P (op een Mac: Cmd+P), kies bij printer "Opslaan als PDF" en klik op Opslaan.',
  },
  en: {
    'documents.skipToContent': 'Skip to content',
    'documents.contents': 'Contents',
    'documents.date': 'Date',
    'documents.source': 'Source',
    'documents.publisher': 'Published by',
    'documents.pageLabel': 'Page',
    'documents.pageOf': 'of',
    'documents.footer': '{title} · {municipality} · {date}',
    'documents.pdfUnavailable': 'The server cannot make the PDF at the moment. Below is the same document as a web page. To make a PDF yourself: press Ctrl+P (on a Mac: Cmd+P), choose "Save as PDF" as the printer and click Save.',
  },
};
