import { describe, expect, it } from 'vitest';
import { TINY_GIF, TINY_JPEG, TINY_PDF, TINY_PNG, TINY_WEBP } from './fixtures.js';
import { contentDisposition, downloadName, encodeRfc5987, sanitiseFileName } from './names.js';
import { detectFileType, fileTypes, looksLikeCsv, looksLikeMarkup, sniffBinaryType, sniffFileType, type FileType } from './sniff.js';

const all = fileTypes;
const text = (s: string) => Buffer.from(s, 'utf8');

describe('file type by content', () => {
  const table: Array<[string, Uint8Array, FileType | null]> = [
    ['JPEG', TINY_JPEG, 'image/jpeg'],
    ['PNG', TINY_PNG, 'image/png'],
    ['WebP', TINY_WEBP, 'image/webp'],
    ['GIF', TINY_GIF, 'image/gif'],
    ['PDF', TINY_PDF, 'application/pdf'],
    ['plain text', text('Bonnetje van de bouwmarkt\nTotaal: € 12,50\n'), 'text/plain'],
    ['CSV', text('datum;omschrijving;bedrag\n2026-01-02;verf;12,50\n2026-01-03;kwasten;4,95\n'), 'text/csv'],
    ['HTML', text('<!DOCTYPE html><html><body><script>alert(1)</script></body></html>'), null],
    ['HTML after white space', text('\n\n  <html><body>hi</body></html>'), null],
    ['HTML fragment', text('<p onclick="x()">hi</p>'), null],
    ['SVG', text('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'), null],
    ['SVG with XML prolog', text('<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg"/>'), null],
    ['text hiding a script further down', text(`harmless first line\n${'x'.repeat(2000)}\n<script>alert(1)</script>`), null],
    ['invalid UTF-8', Buffer.from([0x61, 0xff, 0xfe, 0x62]), null],
    ['NUL bytes', Buffer.from('abc\0def'), null],
    ['empty', new Uint8Array(), null],
    ['text that starts like a GIF', text('GIF8'), 'text/plain'],
    ['PNG signature without IHDR', TINY_PNG.subarray(0, 8), null],
    ['RIFF that is not WebP', Buffer.concat([text('RIFF'), Buffer.alloc(4), text('WAVEfmt '), Buffer.alloc(8)]), null],
    ['ZIP (office document)', Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0, 0, 0]), null],
  ];
  it.each(table)('%s', (_name, bytes, expected) => {
    expect(detectFileType(bytes, all)).toBe(expected);
  });

  it('a PNG called report.pdf is a PNG: the name plays no part, and a purpose for PDF only refuses it', () => {
    expect(detectFileType(TINY_PNG, ['application/pdf', 'image/png'])).toBe('image/png');
    expect(detectFileType(TINY_PNG, ['application/pdf'])).toBeNull();
  });

  it('text counts only where a purpose allows text, and becomes the text type it allows', () => {
    const csv = text('a,b\n1,2\n');
    expect(detectFileType(csv, ['image/jpeg', 'application/pdf'])).toBeNull();
    expect(detectFileType(csv, ['text/plain'])).toBe('text/plain');
    expect(detectFileType(csv, ['text/csv'])).toBe('text/csv');
    expect(detectFileType(text('just a note'), ['text/plain', 'text/csv'])).toBe('text/plain');
    expect(detectFileType(text('just a note'), ['text/csv'])).toBe('text/csv');
  });

  it('binary detection agrees with the logo check it replaces', () => {
    expect(sniffBinaryType(Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10, 0x4a, 0x46]))).toBe('image/jpeg');
    expect(sniffBinaryType(Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"></svg>'))).toBeNull();
    expect(sniffFileType(Buffer.from('not a picture at all, just text'))).toBe('text/plain');
    expect(sniffFileType(new Uint8Array())).toBeNull();
  });

  it('markup and CSV heuristics', () => {
    expect(looksLikeMarkup('\uFEFF<HTML>')).toBe(true);
    expect(looksLikeMarkup('prijs < 5 euro, 3 > 2')).toBe(false);
    expect(looksLikeCsv('a;b;c\n1;2;3')).toBe(true);
    expect(looksLikeCsv('Beste buren,\nDank voor de hulp.')).toBe(false);
  });
});

describe('file names', () => {
  it('drops paths, invisible and reserved characters, leading dots and device names', () => {
    expect(sanitiseFileName('C:\\Users\\jan\\bon.jpg')).toBe('bon.jpg');
    expect(sanitiseFileName('../../etc/passwd')).toBe('passwd');
    expect(sanitiseFileName('factuur\u202Egpj.exe')).toBe('factuurgpj.exe');
    expect(sanitiseFileName('a\u0000b\r\nc.pdf')).toBe('abc.pdf');
    expect(sanitiseFileName('"quote"<>|?*.png')).toBe('_quote______.png');
    expect(sanitiseFileName('  .htaccess  ')).toBe('htaccess');
    expect(sanitiseFileName('CON.txt')).toBe('_CON.txt');
    expect(sanitiseFileName('')).toBe('bestand');
    expect(sanitiseFileName(undefined)).toBe('bestand');
    expect(sanitiseFileName('Cafe\u0301 Brûlé.jpg')).toBe('Café Brûlé.jpg'); // NFC
    const long = sanitiseFileName(`${'x'.repeat(300)}.jpeg`);
    expect([...long].length).toBe(150);
    expect(long.endsWith('.jpeg')).toBe(true);
  });

  it('a download carries an extension that fits its content', () => {
    expect(downloadName('bon.pdf', 'image/png')).toBe('bon.png');
    expect(downloadName('foto.JPG', 'image/jpeg')).toBe('foto.JPG');
    expect(downloadName('foto', 'image/jpeg')).toBe('foto.jpg');
    expect(downloadName('page.html', 'text/plain')).toBe('page.txt');
    expect(downloadName('verslag v1.2', 'application/pdf')).toBe('verslag v1.2.pdf');
    expect(downloadName('export.csv', 'text/plain')).toBe('export.csv');
  });

  it('Content-Disposition has an ASCII fallback and the exact name in RFC 5987 form', () => {
    expect(encodeRfc5987("Brûlé (1)'*.pdf")).toBe('Br%C3%BBl%C3%A9%20%281%29%27%2A.pdf');
    expect(contentDisposition('attachment', 'Café "x" 100%.pdf'))
      .toBe('attachment; filename="Cafe _x_ 100_.pdf"; filename*=UTF-8\'\'Caf%C3%A9%20%22x%22%20100%25.pdf');
    expect(contentDisposition('inline', '北京.png')).toBe('inline; filename="__.png"; filename*=UTF-8\'\'%E5%8C%97%E4%BA%AC.png');
  });
});
