import { deflateSync } from 'node:zlib';
import { crc32, pngChunk } from './images.js';

/**
 * Real, tiny images for the tests, and builders that wrap them in the metadata a phone or a
 * photo editor writes (Exif with a GPS block, XMP, IPTC, comments, text chunks).
 *
 * The JPEG, PNG and WebP are 4×4 pictures drawn on a Chromium canvas and exported with
 * toDataURL (the JPEG and WebP carry Chromium's sRGB ICC profile, APP2 / ICCP); the GIF is the
 * classic 1×1 GIF89a.
 */
export const TINY_JPEG = Buffer.from('/9j/4AAQSkZJRgABAQAAAQABAAD/4gHYSUNDX1BST0ZJTEUAAQEAAAHIAAAAAAQwAABtbnRyUkdCIFhZWiAH4AABAAEAAAAAAABhY3NwAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAQAA9tYAAQAAAADTLQAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAlkZXNjAAAA8AAAACRyWFlaAAABFAAAABRnWFlaAAABKAAAABRiWFlaAAABPAAAABR3dHB0AAABUAAAABRyVFJDAAABZAAAAChnVFJDAAABZAAAAChiVFJDAAABZAAAAChjcHJ0AAABjAAAADxtbHVjAAAAAAAAAAEAAAAMZW5VUwAAAAgAAAAcAHMAUgBHAEJYWVogAAAAAAAAb6IAADj1AAADkFhZWiAAAAAAAABimQAAt4UAABjaWFlaIAAAAAAAACSgAAAPhAAAts9YWVogAAAAAAAA9tYAAQAAAADTLXBhcmEAAAAAAAQAAAACZmYAAPKnAAANWQAAE9AAAApbAAAAAAAAAABtbHVjAAAAAAAAAAEAAAAMZW5VUwAAACAAAAAcAEcAbwBvAGcAbABlACAASQBuAGMALgAgADIAMAAxADb/2wBDABALDA4MChAODQ4SERATGCgaGBYWGDEjJR0oOjM9PDkzODdASFxOQERXRTc4UG1RV19iZ2hnPk1xeXBkeFxlZ2P/2wBDARESEhgVGC8aGi9jQjhCY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2P/wAARCAAEAAQDASIAAhEBAxEB/8QAFQABAQAAAAAAAAAAAAAAAAAAAAX/xAAcEAACAgIDAAAAAAAAAAAAAAAAAgEDBDESQWH/xAAVAQEBAAAAAAAAAAAAAAAAAAAEBf/EABoRAQADAAMAAAAAAAAAAAAAAAEAAgMRMUH/2gAMAwEAAhEDEQA/AJju2S03XTysbc686AAZWrwdSvjjnbOtrVFQ8n//2Q==', 'base64');
export const TINY_PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAQAAAAECAYAAACp8Z5+AAAANUlEQVR4AWTKQQ0AIAwEwcv5QAJS6gBp/DCCCBxgoA7a3LfdZH5LvwgZy0KIEuc2yHkf0o4EAAD//ygsehcAAAAGSURBVAMAwM4P0S1SwK8AAAAASUVORK5CYII=', 'base64');
export const TINY_WEBP = Buffer.from('UklGRkACAABXRUJQVlA4WAoAAAAgAAAAAwAAAwAASUNDUMgBAAAAAAHIAAAAAAQwAABtbnRyUkdCIFhZWiAH4AABAAEAAAAAAABhY3NwAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAQAA9tYAAQAAAADTLQAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAlkZXNjAAAA8AAAACRyWFlaAAABFAAAABRnWFlaAAABKAAAABRiWFlaAAABPAAAABR3dHB0AAABUAAAABRyVFJDAAABZAAAAChnVFJDAAABZAAAAChiVFJDAAABZAAAAChjcHJ0AAABjAAAADxtbHVjAAAAAAAAAAEAAAAMZW5VUwAAAAgAAAAcAHMAUgBHAEJYWVogAAAAAAAAb6IAADj1AAADkFhZWiAAAAAAAABimQAAt4UAABjaWFlaIAAAAAAAACSgAAAPhAAAts9YWVogAAAAAAAA9tYAAQAAAADTLXBhcmEAAAAAAAQAAAACZmYAAPKnAAANWQAAE9AAAApbAAAAAAAAAABtbHVjAAAAAAAAAAEAAAAMZW5VUwAAACAAAAAcAEcAbwBvAGcAbABlACAASQBuAGMALgAgADIAMAAxADZWUDggUgAAADACAJ0BKgQABAACwEwlsAJ0MEa8mYGv9QEgAP6JkXfrDNOy9qTVy4dWuG8vKKaiDfnKGf3kQRdtWf/jJyxZn7kPff7nJlm/v7exff/5N/IAAAA=', 'base64');
export const TINY_GIF = Buffer.from('R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7', 'base64');
export const TINY_PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n', 'latin1');

/** Strings that only the metadata contains: none of them may survive stripping. */
export const SECRETS = ['WGS-84', 'BuurtCam', 'GPSLatitude', 'Amersfoort', 'Dorpsstraat', 'Raw profile', 'Secret zTXt'] as const;

const ascii = (text: string) => Buffer.from(text, 'latin1');

// ---- TIFF / Exif -------------------------------------------------------------------------

interface TiffEntry { tag: number; type: number; count: number; value: Buffer }

const TYPE_SIZE: Record<number, number> = { 1: 1, 2: 1, 3: 2, 4: 4, 5: 8, 7: 1 };

function rationals(little: boolean, ...pairs: Array<[number, number]>): Buffer {
  const out = Buffer.alloc(pairs.length * 8);
  pairs.forEach(([n, d], i) => {
    if (little) { out.writeUInt32LE(n, i * 8); out.writeUInt32LE(d, i * 8 + 4); } else { out.writeUInt32BE(n, i * 8); out.writeUInt32BE(d, i * 8 + 4); }
  });
  return out;
}

/** A TIFF structure with IFD0 and, linked from it by tag 0x8825, a GPS IFD. */
function buildTiff(little: boolean, ifd0: TiffEntry[], gps: TiffEntry[]): Buffer {
  const ifd0Size = 2 + (ifd0.length + 1) * 12 + 4; // +1: the GPSInfo pointer
  const gpsOffset = 8 + ifd0Size;
  const gpsSize = 2 + gps.length * 12 + 4;
  let dataOffset = gpsOffset + gpsSize;
  const data: Buffer[] = [];
  const u16 = (v: number) => { const b = Buffer.alloc(2); if (little) b.writeUInt16LE(v); else b.writeUInt16BE(v); return b; };
  const u32 = (v: number) => { const b = Buffer.alloc(4); if (little) b.writeUInt32LE(v); else b.writeUInt32BE(v); return b; };
  const ifd = (entries: TiffEntry[]) => {
    const parts: Buffer<ArrayBufferLike>[] = [u16(entries.length)];
    for (const e of [...entries].sort((a, b) => a.tag - b.tag)) {
      const size = TYPE_SIZE[e.type]! * e.count;
      let field: Buffer<ArrayBufferLike>;
      if (size <= 4) {
        field = Buffer.alloc(4);
        e.value.copy(field);
      } else {
        field = u32(dataOffset);
        data.push(e.value);
        dataOffset += e.value.length;
      }
      parts.push(u16(e.tag), u16(e.type), u32(e.count), field);
    }
    parts.push(u32(0));
    return Buffer.concat(parts);
  };
  const first = ifd([...ifd0, { tag: 0x8825, type: 4, count: 1, value: u32(gpsOffset) }]);
  const second = ifd(gps);
  return Buffer.concat([little ? ascii('II*\0') : ascii('MM\0*'), u32(8), first, second, ...data]);
}

/** An Exif TIFF block with a camera make, an optional orientation and a full GPS position (52°09'18" N, 5°23'12" E). */
export function gpsTiff(options: { little?: boolean; orientation?: number } = {}): Buffer {
  const little = options.little ?? true;
  const short = (v: number) => { const b = Buffer.alloc(2); if (little) b.writeUInt16LE(v); else b.writeUInt16BE(v); return b; };
  const ifd0: TiffEntry[] = [{ tag: 0x010f, type: 2, count: 9, value: ascii('BuurtCam\0') }];
  if (options.orientation !== undefined) ifd0.push({ tag: 0x0112, type: 3, count: 1, value: short(options.orientation) });
  const gps: TiffEntry[] = [
    { tag: 0x0001, type: 2, count: 2, value: ascii('N\0') },
    { tag: 0x0002, type: 5, count: 3, value: rationals(little, [52, 1], [9, 1], [18, 1]) },
    { tag: 0x0003, type: 2, count: 2, value: ascii('E\0') },
    { tag: 0x0004, type: 5, count: 3, value: rationals(little, [5, 1], [23, 1], [12, 1]) },
    { tag: 0x0012, type: 2, count: 7, value: ascii('WGS-84\0') },
  ];
  return buildTiff(little, ifd0, gps);
}

/** The tags of IFD0 of a TIFF block (to check what an Exif block still says). */
export function ifd0Tags(tiff: Uint8Array): number[] {
  const b = Buffer.from(tiff.buffer, tiff.byteOffset, tiff.byteLength);
  const body = b.subarray(0, 6).toString('latin1') === 'Exif\0\0' ? b.subarray(6) : b;
  const little = body[0] === 0x49;
  const read16 = (i: number) => (little ? body.readUInt16LE(i) : body.readUInt16BE(i));
  const read32 = (i: number) => (little ? body.readUInt32LE(i) : body.readUInt32BE(i));
  const ifd = read32(4);
  return Array.from({ length: read16(ifd) }, (_, n) => read16(ifd + 2 + n * 12));
}

const XMP = '<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">'
  + '<rdf:Description xmlns:exif="http://ns.adobe.com/exif/1.0/" exif:GPSLatitude="52,9.3N" exif:GPSLongitude="5,23.2E"/></rdf:RDF></x:xmpmeta>';

// ---- JPEG --------------------------------------------------------------------------------

function jpegSegment(marker: number, payload: Buffer): Buffer {
  const header = Buffer.from([0xff, marker, 0, 0]);
  header.writeUInt16BE(payload.length + 2, 2);
  return Buffer.concat([header, payload]);
}

/**
 * The tiny JPEG as a phone would write it: after APP0 an APP1 Exif block with GPS, an APP1
 * XMP packet, an APP13 Photoshop/IPTC block naming the city, a comment, and a second image
 * with its own Exif appended after the end-of-image marker (as multi-picture files do).
 */
export function jpegWithMetadata(options: { orientation?: number; little?: boolean } = {}): Buffer {
  const app0End = 4 + TINY_JPEG.readUInt16BE(4);
  const iptc = Buffer.concat([ascii('\x1c\x02\x5a\x00\x0aAmersfoort')]);
  const irbSize = Buffer.alloc(4);
  irbSize.writeUInt32BE(iptc.length);
  const photoshop = Buffer.concat([ascii('Photoshop 3.0\0'), ascii('8BIM'), Buffer.from([0x04, 0x04, 0, 0]), irbSize, iptc]);
  const extra = Buffer.concat([Buffer.from([0xff, 0xd8]), jpegSegment(0xe1, Buffer.concat([ascii('Exif\0\0'), gpsTiff()])), Buffer.from([0xff, 0xd9])]);
  return Buffer.concat([
    TINY_JPEG.subarray(0, app0End),
    jpegSegment(0xe1, Buffer.concat([ascii('Exif\0\0'), gpsTiff(options)])),
    jpegSegment(0xe1, Buffer.concat([ascii('http://ns.adobe.com/xap/1.0/\0'), ascii(XMP)])),
    jpegSegment(0xed, photoshop),
    jpegSegment(0xfe, ascii('Taken at Dorpsstraat 1')),
    TINY_JPEG.subarray(app0End),
    extra,
  ]);
}

export interface JpegSegment { marker: number; offset: number; payload: Buffer }

/**
 * Walk a JPEG strictly: SOI first, every segment length inside the file, entropy-coded data
 * only after SOS, and EOI as the very last two bytes (unless `trailing`). Throws on any violation.
 */
export function jpegSegments(bytes: Uint8Array, options: { trailing?: boolean } = {}): { segments: JpegSegment[]; scan: Buffer } {
  const b = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (b[0] !== 0xff || b[1] !== 0xd8) throw new Error('no SOI');
  const segments: JpegSegment[] = [];
  const scan: Buffer[] = [];
  let i = 2;
  for (;;) {
    if (b[i] !== 0xff) throw new Error(`no marker at ${i}`);
    const marker = b[i + 1]!;
    if (marker === 0xd9) {
      if (i + 2 !== b.length && !options.trailing) throw new Error(`${b.length - i - 2} bytes after EOI`);
      return { segments, scan: Buffer.concat(scan) };
    }
    const length = b.readUInt16BE(i + 2);
    if (i + 2 + length > b.length) throw new Error(`segment at ${i} runs past the end`);
    segments.push({ marker, offset: i, payload: b.subarray(i + 4, i + 2 + length) });
    i += 2 + length;
    if (marker === 0xda) {
      let k = i;
      while (!(b[k] === 0xff && b[k + 1] !== 0x00 && !(b[k + 1]! >= 0xd0 && b[k + 1]! <= 0xd7))) {
        if (k >= b.length) throw new Error('scan without end');
        k++;
      }
      scan.push(b.subarray(i - 2 - length, k));
      i = k;
    }
  }
}

// ---- PNG ---------------------------------------------------------------------------------

/** The tiny PNG with eXIf (GPS), tEXt, zTXt and iTXt (XMP) chunks after IHDR, and junk after IEND. */
export function pngWithMetadata(options: { orientation?: number } = {}): Buffer {
  const ihdrEnd = 8 + 12 + 13;
  return Buffer.concat([
    TINY_PNG.subarray(0, ihdrEnd),
    Buffer.from(pngChunk('eXIf', gpsTiff({ little: false, orientation: options.orientation }))),
    Buffer.from(pngChunk('tEXt', ascii('Comment\0Taken at Dorpsstraat 1'))),
    Buffer.from(pngChunk('zTXt', Buffer.concat([ascii('Raw profile type exif\0\0'), deflateSync(ascii('Secret zTXt WGS-84'))]))),
    Buffer.from(pngChunk('iTXt', Buffer.concat([ascii('XML:com.adobe.xmp\0\0\0\0\0'), ascii(XMP)]))),
    TINY_PNG.subarray(ihdrEnd),
    ascii('BuurtCam trailing data'),
  ]);
}

export interface PngChunk { type: string; data: Buffer; crcValid: boolean }

/** Every chunk with its CRC checked; throws when the structure is broken or bytes follow IEND. */
export function pngChunks(bytes: Uint8Array, options: { trailing?: boolean } = {}): PngChunk[] {
  const b = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (b.subarray(0, 8).toString('hex') !== '89504e470d0a1a0a') throw new Error('no PNG signature');
  const chunks: PngChunk[] = [];
  let i = 8;
  while (i < b.length) {
    const length = b.readUInt32BE(i);
    const type = b.subarray(i + 4, i + 8).toString('latin1');
    if (i + 12 + length > b.length) throw new Error(`chunk ${type} runs past the end`);
    const data = b.subarray(i + 8, i + 8 + length);
    chunks.push({ type, data, crcValid: crc32(b.subarray(i + 4, i + 8 + length)) === b.readUInt32BE(i + 8 + length) });
    i += 12 + length;
    if (type === 'IEND') {
      if (i !== b.length && !options.trailing) throw new Error('bytes after IEND');
      break;
    }
  }
  return chunks;
}

// ---- WebP --------------------------------------------------------------------------------

function riffChunk(fourcc: string, data: Buffer): Buffer {
  const header = Buffer.alloc(8);
  header.write(fourcc, 0, 'latin1');
  header.writeUInt32LE(data.length, 4);
  return Buffer.concat([header, data, data.length % 2 ? Buffer.alloc(1) : Buffer.alloc(0)]);
}

/** The tiny (extended-format) WebP with EXIF (GPS) and an odd-sized "XMP " chunk, the VP8X flags set, and junk after the RIFF data. */
export function webpWithMetadata(options: { orientation?: number } = {}): Buffer {
  const body = Buffer.from(TINY_WEBP.subarray(12));
  body[8] = body[8]! | 0x08 | 0x04; // VP8X is the first chunk: its flags byte follows the 8-byte header
  const xmp = ascii(XMP.length % 2 ? XMP : `${XMP} `);
  const chunks = Buffer.concat([body, riffChunk('EXIF', gpsTiff(options)), riffChunk('XMP ', xmp)]);
  const size = Buffer.alloc(4);
  size.writeUInt32LE(chunks.length + 4);
  return Buffer.concat([ascii('RIFF'), size, ascii('WEBP'), chunks, ascii('BuurtCam')]);
}

export interface RiffChunk { fourcc: string; data: Buffer }

/** The chunks of a WebP; throws when the RIFF size is not the file size minus 8 or a chunk runs over. */
export function webpChunks(bytes: Uint8Array): RiffChunk[] {
  const b = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (b.subarray(0, 4).toString('latin1') !== 'RIFF' || b.subarray(8, 12).toString('latin1') !== 'WEBP') throw new Error('not RIFF/WEBP');
  if (b.readUInt32LE(4) !== b.length - 8) throw new Error(`RIFF size ${b.readUInt32LE(4)} but file has ${b.length - 8} bytes after it`);
  const chunks: RiffChunk[] = [];
  let i = 12;
  while (i < b.length) {
    const size = b.readUInt32LE(i + 4);
    const end = i + 8 + size + (size % 2);
    if (end > b.length) throw new Error('chunk runs past the end');
    chunks.push({ fourcc: b.subarray(i, i + 4).toString('latin1'), data: b.subarray(i + 8, i + 8 + size) });
    i = end;
  }
  return chunks;
}

// ---- GIF ---------------------------------------------------------------------------------

function subBlocks(data: Buffer): Buffer {
  const parts: Buffer[] = [];
  for (let i = 0; i < data.length; i += 255) {
    const piece = data.subarray(i, i + 255);
    parts.push(Buffer.from([piece.length]), piece);
  }
  return Buffer.concat([...parts, Buffer.from([0])]);
}

/** The tiny GIF with a comment extension and an XMP application extension before the image. */
export function gifWithMetadata(): Buffer {
  const afterColours = 13 + 6; // header, screen descriptor, 2-entry global colour table
  return Buffer.concat([
    TINY_GIF.subarray(0, afterColours),
    Buffer.from([0x21, 0xfe]), subBlocks(ascii('Taken at Dorpsstraat 1')),
    Buffer.from([0x21, 0xff, 11]), ascii('XMP DataXMP'), subBlocks(ascii(XMP)),
    TINY_GIF.subarray(afterColours),
  ]);
}

export function containsAscii(bytes: Uint8Array, text: string): boolean {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).includes(Buffer.from(text, 'latin1'));
}
