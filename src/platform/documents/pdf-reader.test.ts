import zlib from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { buildPdf, type PdfBody } from './fixtures.js';
import { destinationPages, PdfDict, PdfError, PdfFile, PdfName, PdfParser, PdfRef, PdfStream, PdfString } from './pdf-reader.js';

/**
 * The PDF reader on small PDFs made here, byte for byte: cross-reference tables (and their
 * absence), page trees, named destinations in both forms, and the object syntax.
 */
/** Appends an incremental update (objects and a table of their own, pointing back with /Prev). */
function update(pdf: Buffer, objects: Record<number, PdfBody>, trailer: (prev: number) => string): Buffer {
  const prev = Number(/startxref\s+(\d+)\s+%%EOF\s*$/.exec(pdf.toString('latin1'))![1]);
  const parts: Buffer[] = [pdf];
  let length = pdf.length;
  const rows: string[] = [];
  for (const [num, body] of Object.entries(objects)) {
    rows.push(`${num} 1\n${String(length).padStart(10, '0')} 00000 n \n`);
    const chunk = Buffer.from(`${num} 0 obj\n${body}\nendobj\n`, 'latin1');
    parts.push(chunk);
    length += chunk.length;
  }
  parts.push(Buffer.from(`xref\n${rows.join('')}trailer\n${trailer(prev)}\nstartxref\n${length}\n%%EOF\n`));
  return Buffer.concat(parts);
}

/** Catalog 1, page tree 2 → [3 → [pages 4, 5], page 6], and the given destinations. */
function threePages(catalogExtra: string, more: Record<number, PdfBody> = {}): Record<number, PdfBody> {
  return {
    1: `<< /Type /Catalog /Pages 2 0 R ${catalogExtra} >>`,
    2: '<< /Type /Pages /Count 3 /Kids [3 0 R 6 0 R] >>',
    3: '<< /Type /Pages /Count 2 /Kids [4 0 R 5 0 R] /Parent 2 0 R >>',
    4: '<< /Type /Page /Parent 3 0 R /MediaBox [0 0 595 842] >>',
    5: '<< /Type /Page /Parent 3 0 R /MediaBox [0 0 595 842] >>',
    6: '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>',
    ...more,
  };
}

function parse(text: string): unknown {
  return new PdfParser(Buffer.from(text, 'latin1')).value();
}

describe('destinationPages', () => {
  it('finds the page of each destination in the catalog /Dests (the form Chromium writes), through a nested page tree', () => {
    const pdf = buildPdf(threePages('/Dests 7 0 R', {
      7: `<< /ba-main [4 0 R /XYZ 0 841.91998 0]
/sectie-1 [6 0 R /XYZ 0 841.91998 0]
/sectie-2 [5 0 R /XYZ 0 841.91998 0]
/as#20dict << /D [6 0 R /Fit] >>
/indirect 8 0 R
/nowhere [7 0 R /Fit]
/remote [2 /Fit] >>`,
      8: '[4 0 R /Fit]',
    }));
    expect(destinationPages(pdf)).toEqual(new Map([['ba-main', 1], ['sectie-1', 3], ['sectie-2', 2], ['as dict', 3], ['indirect', 1]]));
  });

  it('reads a /Names tree of destinations, with kids and text keys', () => {
    const pdf = buildPdf(threePages('/Names << /Dests 7 0 R >>', {
      7: '<< /Kids [8 0 R 9 0 R] >>',
      8: '<< /Limits [(a) (b)] /Names [(a) [5 0 R /XYZ 0 0 0] (b) << /D [6 0 R /Fit] >>] >>',
      9: '<< /Names [<FEFF00E9007400E9> [4 0 R /Fit] (c) 10 0 R] >>',
      10: '[6 0 R /FitH 100]',
    }));
    expect(destinationPages(pdf)).toEqual(new Map([['a', 2], ['b', 3], ['été', 1], ['c', 3]]));
  });

  it('takes the newest version of an object after an incremental update (/Prev)', () => {
    const first = buildPdf(threePages('/Dests 7 0 R', { 7: '<< /x [4 0 R /Fit] >>' }));
    const updated = update(first, { 7: '<< /x [6 0 R /Fit] /y [5 0 R /Fit] >>' }, (prev) => `<< /Size 8 /Root 1 0 R /Prev ${prev} >>`);
    expect(destinationPages(updated)).toEqual(new Map([['x', 3], ['y', 2]]));
    expect(destinationPages(first)).toEqual(new Map([['x', 1]]));
  });

  it('finds the objects by scanning when the table is missing or wrong', () => {
    const objects = threePages('/Dests 7 0 R', { 7: '<< /x [5 0 R /Fit] >>' });
    expect(destinationPages(buildPdf(objects, undefined, { xref: 'none' }))).toEqual(new Map([['x', 2]]));
    expect(destinationPages(buildPdf(objects, undefined, { xref: 'wrong-offset' }))).toEqual(new Map([['x', 2]]));
  });

  it('is empty without destinations, and survives a page tree that loops', () => {
    expect(destinationPages(buildPdf(threePages('')))).toEqual(new Map());
    const looping = buildPdf({
      1: '<< /Type /Catalog /Pages 2 0 R /Dests << /x [4 0 R /Fit] /y [5 0 R /Fit] >> >>',
      2: '<< /Type /Pages /Kids [3 0 R 4 0 R] >>',
      3: '<< /Type /Pages /Kids [2 0 R 5 0 R 3 0 R] >>',
      4: '<< /Type /Page >>',
      5: '<< /Type /Page >>',
    });
    expect(destinationPages(looping)).toEqual(new Map([['x', 2], ['y', 1]]));
  });

  it('refuses what is not a PDF', () => {
    expect(() => destinationPages(Buffer.from('<html>not a pdf</html>'))).toThrow(PdfError);
    expect(() => destinationPages(Buffer.from('%PDF-1.4\n1 0 obj\n<< /Type /Catalog /Pages [ >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n'))).toThrow(PdfError);
  });
});

describe('PdfFile', () => {
  it('lists the pages in order', () => {
    const file = new PdfFile(buildPdf(threePages('')));
    expect(file.pages().map((ref) => ref.num)).toEqual([4, 5, 6]);
    expect(file.object(42)).toBeNull();
  });

  it('reads streams: an indirect /Length defined later, FlateDecode, and a /Length that is wrong', () => {
    const text = 'BT /F1 12 Tf (Hallo) Tj ET';
    const deflated = zlib.deflateSync(Buffer.from(text));
    const pdf = buildPdf({
      1: '<< /Type /Catalog /Pages 2 0 R >>',
      2: '<< /Type /Pages /Kids [] /Count 0 >>',
      3: Buffer.concat([Buffer.from('<< /Length 4 0 R /Filter /FlateDecode >>\nstream\r\n'), deflated, Buffer.from('\r\nendstream')]),
      4: String(deflated.length),
      5: '<< /Length 3 >>\nstream\nabcdef\nendstream',
      6: '<< /Length 2 /Filter [/ASCIIHexDecode] >>\nstream\n41\nendstream',
    });
    const file = new PdfFile(pdf);
    const stream = file.object(3);
    expect(stream).toBeInstanceOf(PdfStream);
    expect(file.streamData(stream as PdfStream).toString()).toBe(text);
    expect(file.streamData(file.object(5) as PdfStream).toString()).toBe('abcdef');
    expect(() => file.streamData(file.object(6) as PdfStream)).toThrow(/ASCIIHexDecode/);
  });

  it('throws when an object is not where the table says', () => {
    const pdf = buildPdf(threePages(''));
    const broken = Buffer.from(pdf.toString('latin1').replace('5 0 obj', '9 0 obj'), 'latin1');
    expect(() => new PdfFile(broken).object(5)).toThrow(/Object 5/);
  });
});

describe('PdfParser', () => {
  it('reads numbers, references, names, booleans and null, skipping comments', () => {
    expect(parse('[1 0 R 2 3 4 -1.5 .5 +3 true false null /A#20B#2f /  % a comment\n 7 0 R]')).toEqual([
      new PdfRef(1, 0), 2, 3, 4, -1.5, 0.5, 3, true, false, null, new PdfName('A B/'), new PdfName(''), new PdfRef(7, 0),
    ]);
    expect(parse('12 0 obj')).toBe(12);
  });

  it('reads literal strings with escapes, nesting and line ends', () => {
    const value = parse('(a\\(b\\) \\\\ \\101\\60x (nested) \\n\\t\\q split\\\nline\r\nend)') as PdfString;
    expect(value.bytes.toString('latin1')).toBe('a(b) \\ A0x (nested) \n\tq splitline\nend');
  });

  it('reads hex strings, text in UTF-16 and UTF-8', () => {
    expect((parse('<48 65 6C6C 6F>') as PdfString).text()).toBe('Hello');
    expect((parse('<414>') as PdfString).bytes).toEqual(Buffer.from([0x41, 0x40]));
    expect((parse('<FEFF0070006100670069006E0061>') as PdfString).text()).toBe('pagina');
    expect((parse('<EFBBBF C3A9>') as PdfString).text()).toBe('é');
    expect((parse('(caf\\351)') as PdfString).text()).toBe('café');
  });

  it('reads dictionaries, nested', () => {
    const dict = parse('<< /Type /Annot /Rect [0 0 1 2] /A << /S /GoTo /D (x) >> /Parent 3 0 R >>') as PdfDict;
    expect(dict).toBeInstanceOf(PdfDict);
    expect([...dict.entries.keys()]).toEqual(['Type', 'Rect', 'A', 'Parent']);
    expect((dict.get('A') as PdfDict).get('D')).toEqual(new PdfString(Buffer.from('x')));
    expect(dict.get('Parent')).toEqual(new PdfRef(3, 0));
  });

  it('reads operators one by one in a content stream', () => {
    const parser = new PdfParser(Buffer.from('BT /F5 11.33 Tf 1 0 0 -1 68 67 Tm <003A> Tj ET'));
    const seen: unknown[] = [];
    while (!parser.atEnd()) {
      const c = parser.bytes[parser.pos]!;
      seen.push(/[A-Za-z]/.test(String.fromCharCode(c)) ? parser.keyword() : parser.value());
    }
    expect(seen).toEqual(['BT', new PdfName('F5'), 11.33, 'Tf', 1, 0, 0, -1, 68, 67, 'Tm', new PdfString(Buffer.from([0, 0x3a])), 'Tj', 'ET']);
  });

  it('throws on what it cannot read', () => {
    for (const bad of ['', '[1 2', '<< /A 1', '<< 1 2 >>', '(open', '<4G>', '<41', '1.2.3', 'bogus', ')']) {
      expect(() => parse(bad), bad).toThrow(PdfError);
    }
    expect(() => parse('['.repeat(100) + ']'.repeat(100))).toThrow(/nested/);
  });
});
