import zlib from 'node:zlib';

/**
 * A small reader for the PDFs that our renderer makes (Chromium's Skia backend), enough to learn
 * on which page each named destination (an element's id that a link points at) lands: that is
 * how the contents get their page numbers (see pdf.ts). Also reads streams (FlateDecode), so a
 * test can read a page's text.
 *
 * Not a general PDF library. It reads classic cross-reference tables (following /Prev), and falls
 * back to scanning the file for "N G obj" when there is none or it is broken; objects kept inside
 * object streams (PDF 1.5) are not found, and the caller then goes without (Skia writes none).
 * Malformed input throws a PdfError; nothing here loads anything but the given bytes.
 */
export class PdfError extends Error {
  override readonly name = 'PdfError';
}

export class PdfName {
  constructor(readonly name: string) {}
}

export class PdfString {
  constructor(readonly bytes: Buffer) {}

  /** The text: UTF-16BE after a byte order mark, UTF-8 after its mark, otherwise byte by byte (PDFDocEncoding, near enough). */
  text(): string {
    const b = this.bytes;
    if (b.length >= 2 && b[0] === 0xfe && b[1] === 0xff) {
      const swapped = Buffer.from(b.subarray(2, 2 + ((b.length - 2) & ~1)));
      swapped.swap16();
      return swapped.toString('utf16le');
    }
    if (b.length >= 3 && b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf) return b.subarray(3).toString('utf8');
    return b.toString('latin1');
  }
}

export class PdfRef {
  constructor(readonly num: number, readonly gen: number) {}

  get key(): string {
    return `${this.num} ${this.gen}`;
  }
}

export class PdfDict {
  constructor(readonly entries: Map<string, PdfValue> = new Map()) {}

  get(key: string): PdfValue | undefined {
    return this.entries.get(key);
  }
}

export class PdfStream {
  constructor(readonly dict: PdfDict, readonly raw: Buffer) {}
}

export type PdfValue = null | boolean | number | PdfName | PdfString | PdfRef | PdfDict | PdfStream | PdfValue[];

const MAX_DEPTH = 64;

function isSpace(c: number | undefined): boolean {
  return c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09 || c === 0x0c || c === 0x00;
}

function isDelimiter(c: number | undefined): boolean {
  return c === 0x28 || c === 0x29 || c === 0x3c || c === 0x3e || c === 0x5b || c === 0x5d || c === 0x7b || c === 0x7d || c === 0x2f || c === 0x25;
}

function isRegular(c: number | undefined): boolean {
  return c !== undefined && !isSpace(c) && !isDelimiter(c);
}

function isDigit(c: number | undefined): boolean {
  return c !== undefined && c >= 0x30 && c <= 0x39;
}

function hexValue(c: number): number {
  if (c >= 0x30 && c <= 0x39) return c - 0x30;
  if (c >= 0x41 && c <= 0x46) return c - 0x37;
  if (c >= 0x61 && c <= 0x66) return c - 0x57;
  return -1;
}

/** Reads PDF objects (and, in content streams, operators) from bytes, from a position on. */
export class PdfParser {
  pos: number;

  /** `length` resolves an indirect /Length of a stream. */
  constructor(readonly bytes: Buffer, pos = 0, private readonly length?: (value: PdfValue) => PdfValue) {
    this.pos = pos;
  }

  atEnd(): boolean {
    this.skipSpace();
    return this.pos >= this.bytes.length;
  }

  skipSpace(): void {
    const b = this.bytes;
    while (this.pos < b.length) {
      const c = b[this.pos];
      if (isSpace(c)) this.pos++;
      else if (c === 0x25) { // % comment, to the end of the line
        while (this.pos < b.length && b[this.pos] !== 0x0a && b[this.pos] !== 0x0d) this.pos++;
      } else break;
    }
  }

  /** A bare word (obj, R, stream, an operator…) if one comes next, else null; the position is kept when none. */
  keyword(): string | null {
    this.skipSpace();
    const start = this.pos;
    while (isRegular(this.bytes[this.pos])) this.pos++;
    return this.pos > start ? this.bytes.toString('latin1', start, this.pos) : null;
  }

  private peekKeyword(word: string): boolean {
    this.skipSpace();
    const end = this.pos + word.length;
    return this.bytes.toString('latin1', this.pos, end) === word && !isRegular(this.bytes[end]);
  }

  private integer(): number | null {
    this.skipSpace();
    const start = this.pos;
    while (isDigit(this.bytes[this.pos])) this.pos++;
    if (this.pos === start || isRegular(this.bytes[this.pos])) { this.pos = start; return null; }
    return Number(this.bytes.toString('latin1', start, this.pos));
  }

  value(depth = 0): PdfValue {
    if (depth > MAX_DEPTH) throw new PdfError('Objects nested too deeply');
    this.skipSpace();
    const b = this.bytes;
    const c = b[this.pos];
    if (c === undefined) throw new PdfError('Unexpected end of data');
    if (c === 0x2f) return this.name();
    if (c === 0x28) return this.literalString();
    if (c === 0x3c) {
      if (b[this.pos + 1] === 0x3c) return this.dictionary(depth);
      return this.hexString();
    }
    if (c === 0x5b) {
      this.pos++;
      const items: PdfValue[] = [];
      for (;;) {
        this.skipSpace();
        if (this.pos >= b.length) throw new PdfError('Unterminated array');
        if (b[this.pos] === 0x5d) { this.pos++; return items; }
        items.push(this.value(depth + 1));
      }
    }
    if (isDigit(c) || c === 0x2b || c === 0x2d || c === 0x2e) return this.numberOrRef();
    const word = this.keyword();
    if (word === 'true') return true;
    if (word === 'false') return false;
    if (word === 'null') return null;
    throw new PdfError(`Unexpected ${word === null ? `character "${String.fromCharCode(c)}"` : `word "${word}"`} at ${this.pos}`);
  }

  private numberOrRef(): number | PdfRef {
    const start = this.pos;
    while (isRegular(this.bytes[this.pos])) this.pos++;
    const token = this.bytes.toString('latin1', start, this.pos);
    if (!/^[+-]?(\d+\.?\d*|\.\d+)$/.test(token)) throw new PdfError(`Bad number "${token}" at ${start}`);
    const number = Number(token);
    if (/^\d+$/.test(token)) {
      const after = this.pos;
      const gen = this.integer();
      if (gen !== null && this.peekKeyword('R')) {
        this.pos++;
        return new PdfRef(number, gen);
      }
      this.pos = after;
    }
    return number;
  }

  private name(): PdfName {
    this.pos++; // "/"
    const out: number[] = [];
    const b = this.bytes;
    while (isRegular(b[this.pos])) {
      const c = b[this.pos]!;
      const hi = b[this.pos + 1], lo = b[this.pos + 2];
      if (c === 0x23 && hi !== undefined && lo !== undefined && hexValue(hi) >= 0 && hexValue(lo) >= 0) {
        out.push(hexValue(hi) * 16 + hexValue(lo));
        this.pos += 3;
      } else {
        out.push(c);
        this.pos++;
      }
    }
    return new PdfName(Buffer.from(out).toString('utf8'));
  }

  private literalString(): PdfString {
    const b = this.bytes;
    this.pos++; // "("
    const out: number[] = [];
    let nesting = 1;
    while (this.pos < b.length) {
      const c = b[this.pos++]!;
      if (c === 0x5c) { // backslash
        const e = b[this.pos++];
        if (e === undefined) break;
        const simple: Record<number, number> = { 0x6e: 0x0a, 0x72: 0x0d, 0x74: 0x09, 0x62: 0x08, 0x66: 0x0c, 0x28: 0x28, 0x29: 0x29, 0x5c: 0x5c };
        if (simple[e] !== undefined) out.push(simple[e]);
        else if (e >= 0x30 && e <= 0x37) {
          let code = e - 0x30;
          for (let i = 0; i < 2 && b[this.pos] !== undefined && b[this.pos]! >= 0x30 && b[this.pos]! <= 0x37; i++) code = code * 8 + (b[this.pos++]! - 0x30);
          out.push(code & 0xff);
        } else if (e === 0x0d) { // line continuation
          if (b[this.pos] === 0x0a) this.pos++;
        } else if (e !== 0x0a) out.push(e); // an unknown escape stands for the character itself
      } else if (c === 0x28) {
        nesting++;
        out.push(c);
      } else if (c === 0x29) {
        if (--nesting === 0) return new PdfString(Buffer.from(out));
        out.push(c);
      } else if (c === 0x0d) { // an end of line in a string is a line feed
        if (b[this.pos] === 0x0a) this.pos++;
        out.push(0x0a);
      } else out.push(c);
    }
    throw new PdfError('Unterminated string');
  }

  private hexString(): PdfString {
    const b = this.bytes;
    this.pos++; // "<"
    const digits: number[] = [];
    while (this.pos < b.length && b[this.pos] !== 0x3e) {
      const c = b[this.pos++]!;
      if (isSpace(c)) continue;
      const v = hexValue(c);
      if (v < 0) throw new PdfError(`Bad hex string at ${this.pos - 1}`);
      digits.push(v);
    }
    if (this.pos >= b.length) throw new PdfError('Unterminated hex string');
    this.pos++; // ">"
    if (digits.length % 2) digits.push(0);
    const out = Buffer.alloc(digits.length / 2);
    for (let i = 0; i < out.length; i++) out[i] = digits[2 * i]! * 16 + digits[2 * i + 1]!;
    return new PdfString(out);
  }

  private dictionary(depth: number): PdfDict | PdfStream {
    const b = this.bytes;
    this.pos += 2; // "<<"
    const entries = new Map<string, PdfValue>();
    for (;;) {
      this.skipSpace();
      if (this.pos >= b.length) throw new PdfError('Unterminated dictionary');
      if (b[this.pos] === 0x3e && b[this.pos + 1] === 0x3e) { this.pos += 2; break; }
      if (b[this.pos] !== 0x2f) throw new PdfError(`Dictionary key expected at ${this.pos}`);
      const key = this.name().name;
      entries.set(key, this.value(depth + 1));
    }
    const dict = new PdfDict(entries);
    const after = this.pos;
    if (!this.peekKeyword('stream')) { this.pos = after; return dict; }
    this.pos += 'stream'.length;
    if (b[this.pos] === 0x0d) this.pos++;
    if (b[this.pos] === 0x0a) this.pos++;
    const start = this.pos;
    let length = dict.get('Length');
    if (length instanceof PdfRef && this.length) length = this.length(length);
    let end = -1;
    if (typeof length === 'number' && Number.isInteger(length) && length >= 0 && start + length <= b.length) {
      const check = new PdfParser(b, start + length);
      if (check.peekKeyword('endstream')) { end = start + length; this.pos = check.pos + 'endstream'.length; }
    }
    if (end < 0) { // no or wrong /Length: up to "endstream", less the end of line before it
      const found = b.indexOf('endstream', start, 'latin1');
      if (found < 0) throw new PdfError('Unterminated stream');
      end = found;
      if (b[end - 1] === 0x0a) end--;
      if (b[end - 1] === 0x0d) end--;
      this.pos = found + 'endstream'.length;
    }
    return new PdfStream(dict, b.subarray(start, end));
  }
}

/** A PDF file's objects, read on demand through its cross-reference table. */
export class PdfFile {
  readonly trailer: PdfDict;
  private readonly offsets = new Map<number, number>();
  private readonly cache = new Map<number, PdfValue>();
  private scan: Map<number, number> | null = null;

  constructor(readonly bytes: Buffer) {
    if (!bytes.subarray(0, 1024).includes('%PDF-', 0, 'latin1')) throw new PdfError('Not a PDF');
    let trailer: PdfDict | null = null;
    try {
      trailer = this.readXrefTables();
    } catch {
      trailer = null;
    }
    if (!trailer) {
      this.offsets.clear();
      for (const [num, offset] of this.scanned()) this.offsets.set(num, offset);
      trailer = this.lastTrailer();
    }
    this.trailer = trailer;
  }

  /** The classic tables from the last startxref on, newest entries first; null when there are none. */
  private readXrefTables(): PdfDict | null {
    const b = this.bytes;
    const at = b.lastIndexOf('startxref', b.length, 'latin1');
    if (at < 0) return null;
    const parser = new PdfParser(b, at + 'startxref'.length);
    let offset: PdfValue = parser.value();
    let newest: PdfDict | null = null;
    const seen = new Set<number>();
    while (typeof offset === 'number') {
      if (seen.has(offset) || offset < 0 || offset >= b.length) throw new PdfError('Bad cross-reference offset');
      seen.add(offset);
      const table = new PdfParser(b, offset);
      if (table.keyword() !== 'xref') return null; // a cross-reference stream (PDF 1.5): scan instead
      for (;;) {
        const word = new PdfParser(b, table.pos).keyword();
        if (word === 'trailer') { table.keyword(); break; }
        const first = table.value(), count = table.value();
        if (typeof first !== 'number' || typeof count !== 'number') throw new PdfError('Bad cross-reference subsection');
        for (let i = 0; i < count; i++) {
          const entryOffset = table.value(), gen = table.value(), kind = table.keyword();
          if (typeof entryOffset !== 'number' || typeof gen !== 'number' || (kind !== 'n' && kind !== 'f')) throw new PdfError('Bad cross-reference entry');
          if (kind === 'n' && !this.offsets.has(first + i)) this.offsets.set(first + i, entryOffset);
        }
      }
      const trailer = table.value();
      if (!(trailer instanceof PdfDict)) throw new PdfError('Bad trailer');
      newest ??= trailer;
      offset = trailer.get('Prev') ?? null;
    }
    return newest;
  }

  /** Where every "N G obj" at the start of a line is (the last one of a number wins): for a file without a usable table. */
  private scanned(): Map<number, number> {
    if (!this.scan) {
      this.scan = new Map();
      for (const m of this.bytes.toString('latin1').matchAll(/(?:^|[\r\n])[ \t]*(\d+)[ \t]+\d+[ \t]+obj\b/g)) {
        this.scan.set(Number(m[1]), m.index + m[0].length - m[0].trimStart().length);
      }
    }
    return this.scan;
  }

  private lastTrailer(): PdfDict {
    const at = this.bytes.lastIndexOf('trailer', this.bytes.length, 'latin1');
    if (at >= 0) {
      const trailer = new PdfParser(this.bytes, at + 'trailer'.length).value();
      if (trailer instanceof PdfDict) return trailer;
    }
    return new PdfDict();
  }

  private parseObjectAt(num: number, offset: number): PdfValue | undefined {
    const parser = new PdfParser(this.bytes, offset, (ref) => this.resolve(ref));
    let header: unknown[];
    try {
      header = [parser.value(), parser.value(), parser.keyword()];
    } catch {
      return undefined;
    }
    if (header[0] !== num || typeof header[1] !== 'number' || header[2] !== 'obj') return undefined;
    return parser.value();
  }

  /** Object number `num`, or null when the file has no such object. */
  object(num: number): PdfValue {
    if (this.cache.has(num)) return this.cache.get(num)!;
    const offset = this.offsets.get(num);
    let value: PdfValue = null;
    if (offset !== undefined) {
      this.cache.set(num, null); // a /Length that refers to its own object ends here
      try {
        let found = this.parseObjectAt(num, offset);
        if (found === undefined) { // a wrong table: look for the object itself
          const scanned = this.scanned().get(num);
          if (scanned !== undefined && scanned !== offset) found = this.parseObjectAt(num, scanned);
        }
        if (found === undefined) throw new PdfError(`Object ${num} is not where the table says`);
        value = found;
      } catch (error) {
        this.cache.delete(num);
        throw error;
      }
    }
    this.cache.set(num, value);
    return value;
  }

  /** The value itself, following references. */
  resolve(value: PdfValue | undefined): PdfValue {
    let v = value ?? null;
    for (let i = 0; v instanceof PdfRef; i++) {
      if (i > MAX_DEPTH) throw new PdfError('References loop');
      v = this.object(v.num);
    }
    return v;
  }

  dict(value: PdfValue | undefined): PdfDict | null {
    const v = this.resolve(value);
    if (v instanceof PdfDict) return v;
    if (v instanceof PdfStream) return v.dict;
    return null;
  }

  array(value: PdfValue | undefined): PdfValue[] | null {
    const v = this.resolve(value);
    return Array.isArray(v) ? v : null;
  }

  /** A stream's data, with its FlateDecode filters undone; other filters throw. */
  streamData(stream: PdfStream): Buffer {
    const filter = this.resolve(stream.dict.get('Filter'));
    const filters = Array.isArray(filter) ? filter.map((f) => this.resolve(f)) : filter === null ? [] : [filter];
    let data = stream.raw;
    for (const f of filters) {
      if (!(f instanceof PdfName) || f.name !== 'FlateDecode') throw new PdfError(`Unsupported stream filter ${f instanceof PdfName ? f.name : String(f)}`);
      if (this.resolve(stream.dict.get('DecodeParms')) !== null) throw new PdfError('Stream predictors are not supported');
      data = zlib.inflateSync(data, { finishFlush: zlib.constants.Z_SYNC_FLUSH });
    }
    return data;
  }

  /** The pages in order, as references to their objects (leaves of the page tree). */
  pages(): PdfRef[] {
    const catalog = this.dict(this.trailer.get('Root'));
    const out: PdfRef[] = [];
    const seen = new Set<string>();
    const walk = (node: PdfValue | undefined, depth: number) => {
      if (!(node instanceof PdfRef) || seen.has(node.key) || depth > MAX_DEPTH) return;
      seen.add(node.key);
      const dict = this.dict(node);
      if (!dict) return;
      const type = dict.get('Type');
      const kids = this.array(dict.get('Kids'));
      if (kids && !(type instanceof PdfName && type.name === 'Page')) for (const kid of kids) walk(kid, depth + 1);
      else out.push(node);
    };
    walk(catalog?.get('Pages'), 0);
    return out;
  }

  /** Each named destination's target (its array), from the catalog's /Dests and its /Names tree. */
  namedDestinations(): Map<string, PdfValue> {
    const catalog = this.dict(this.trailer.get('Root'));
    const out = new Map<string, PdfValue>();
    const dests = this.dict(catalog?.get('Dests'));
    if (dests) for (const [name, dest] of dests.entries) out.set(name, dest);
    const seen = new Set<PdfDict>();
    const walk = (value: PdfValue | undefined, depth: number) => {
      const node = this.dict(value);
      if (!node || seen.has(node) || depth > MAX_DEPTH) return;
      seen.add(node);
      const names = this.array(node.get('Names')) ?? [];
      for (let i = 0; i + 1 < names.length; i += 2) {
        const key = this.resolve(names[i]);
        const name = key instanceof PdfString ? key.text() : key instanceof PdfName ? key.name : null;
        if (name !== null && !out.has(name)) out.set(name, names[i + 1]!);
      }
      for (const kid of this.array(node.get('Kids')) ?? []) walk(kid, depth + 1);
    };
    walk(this.dict(catalog?.get('Names'))?.get('Dests'), 0);
    return out;
  }
}

/**
 * On which page (1 for the first) each named destination of a PDF lands: for a page made by
 * Chromium, the ids of the elements that the page's own links point at. Destinations that lead
 * nowhere in the file are left out; malformed files throw a PdfError.
 */
export function destinationPages(pdf: Buffer): Map<string, number> {
  const file = new PdfFile(pdf);
  const pageNumbers = new Map(file.pages().map((ref, i) => [ref.key, i + 1]));
  const out = new Map<string, number>();
  for (const [name, dest] of file.namedDestinations()) {
    let target = file.resolve(dest);
    if (target instanceof PdfDict) target = file.resolve(target.get('D'));
    const page = Array.isArray(target) ? target[0] : undefined;
    const number = page instanceof PdfRef ? pageNumbers.get(page.key) : undefined;
    if (number !== undefined) out.set(name, number);
  }
  return out;
}
