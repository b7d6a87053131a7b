import type { FileType } from './sniff.js';

/**
 * Metadata removal for uploaded images, so that a photo never gives away where (and with what)
 * it was taken. Only metadata containers are removed; the image data itself is copied byte for
 * byte, so nothing is re-encoded and no quality is lost. Pure: no I/O.
 *
 * - JPEG: APP1 (Exif with its GPS block, XMP, extended XMP), APP13 (Photoshop/IPTC, which has
 *   location fields), COM comments, the APP2 "MPF" index and everything after the end-of-image
 *   marker (the extra images of a multi-picture file carry their own Exif). ICC profiles (APP2)
 *   and all other segments stay.
 * - PNG: eXIf and the text chunks tEXt, zTXt, iTXt (XMP lives in iTXt); anything after IEND.
 *   Kept chunks are copied with their own CRC, so every CRC stays valid.
 * - WebP: the EXIF and "XMP " chunks; the RIFF size and the VP8X flags are corrected.
 * - GIF: comment extensions and the XMP application extension.
 *
 * One piece of Exif is kept: the orientation. Phones store photos in the sensor's orientation
 * and tell viewers to turn them; without it, portrait photos would show on their side. Where the
 * original says anything but "normal", a new minimal Exif block with just that tag takes the
 * place of the old one.
 *
 * A file whose structure cannot be followed throws DamagedFileError: metadata that cannot be
 * found cannot be removed, so such a file is refused rather than stored as it came.
 */
export class DamagedFileError extends Error {}

const damaged = (message: string) => new DamagedFileError(message);

/** Remove location-bearing metadata from an image; other types come back unchanged. */
export function stripMetadata(type: FileType, bytes: Uint8Array): Uint8Array {
  switch (type) {
    case 'image/jpeg': return stripJpeg(bytes);
    case 'image/png': return stripPng(bytes);
    case 'image/webp': return stripWebp(bytes);
    case 'image/gif': return stripGif(bytes);
    default: return bytes;
  }
}

// ---- helpers -----------------------------------------------------------------------------

function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}

function asciiAt(bytes: Uint8Array, offset: number, length: number): string {
  return String.fromCharCode(...bytes.subarray(offset, offset + length));
}

function startsWithAscii(bytes: Uint8Array, text: string, offset = 0): boolean {
  return bytes.length >= offset + text.length && asciiAt(bytes, offset, text.length) === text;
}

const u16be = (b: Uint8Array, i: number) => (b[i]! << 8) | b[i + 1]!;
const u32be = (b: Uint8Array, i: number) => ((b[i]! << 24) >>> 0) + (b[i + 1]! << 16) + (b[i + 2]! << 8) + b[i + 3]!;
const u32le = (b: Uint8Array, i: number) => b[i]! + (b[i + 1]! << 8) + (b[i + 2]! << 16) + ((b[i + 3]! << 24) >>> 0);

function u32leBytes(value: number): Uint8Array {
  return Uint8Array.of(value & 0xff, (value >>> 8) & 0xff, (value >>> 16) & 0xff, (value >>> 24) & 0xff);
}

function u32beBytes(value: number): Uint8Array {
  return Uint8Array.of((value >>> 24) & 0xff, (value >>> 16) & 0xff, (value >>> 8) & 0xff, value & 0xff);
}

const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

/** CRC-32 as PNG uses it (ISO 3309), over the chunk type and data. */
export function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (const b of bytes) c = CRC_TABLE[(c ^ b) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

// ---- Exif orientation --------------------------------------------------------------------

const ORIENTATION_TAG = 0x0112;

/** The Orientation tag (1…8) of IFD0 in a TIFF structure (the body of an Exif block), or null. */
export function exifOrientation(tiff: Uint8Array): number | null {
  if (startsWithAscii(tiff, 'Exif\0\0')) tiff = tiff.subarray(6);
  if (tiff.length < 8) return null;
  const little = tiff[0] === 0x49 && tiff[1] === 0x49;
  if (!little && !(tiff[0] === 0x4d && tiff[1] === 0x4d)) return null;
  const view = new DataView(tiff.buffer, tiff.byteOffset, tiff.byteLength);
  if (view.getUint16(2, little) !== 42) return null;
  const ifd = view.getUint32(4, little);
  if (ifd + 2 > tiff.length) return null;
  const count = view.getUint16(ifd, little);
  for (let n = 0; n < count; n++) {
    const entry = ifd + 2 + n * 12;
    if (entry + 12 > tiff.length) return null;
    if (view.getUint16(entry, little) !== ORIENTATION_TAG) continue;
    if (view.getUint16(entry + 2, little) !== 3 || view.getUint32(entry + 4, little) !== 1) return null; // SHORT, one value
    const value = view.getUint16(entry + 8, little);
    return value >= 1 && value <= 8 ? value : null;
  }
  return null;
}

/** A TIFF structure with only IFD0 and only the Orientation tag (26 bytes, big-endian). */
export function orientationOnlyTiff(orientation: number): Uint8Array {
  const out = new Uint8Array(26);
  const view = new DataView(out.buffer);
  out.set([0x4d, 0x4d, 0x00, 0x2a]);
  view.setUint32(4, 8); // IFD0 right after the header
  view.setUint16(8, 1); // one entry
  view.setUint16(10, ORIENTATION_TAG);
  view.setUint16(12, 3); // SHORT
  view.setUint32(14, 1); // one value
  view.setUint16(18, orientation);
  view.setUint32(22, 0); // no next IFD
  return out;
}

/** The orientation worth keeping (anything but 1, "as stored"), or null. */
function keptOrientation(tiff: Uint8Array): number | null {
  const orientation = exifOrientation(tiff);
  return orientation !== null && orientation !== 1 ? orientation : null;
}

// ---- JPEG --------------------------------------------------------------------------------

const APP1 = 0xe1;
const APP2 = 0xe2;
const APP13 = 0xed;
const COM = 0xfe;
const SOS = 0xda;
const EOI = 0xd9;

function jpegSegment(marker: number, payload: Uint8Array): Uint8Array {
  const length = payload.length + 2;
  return concat([Uint8Array.of(0xff, marker, length >> 8, length & 0xff), payload]);
}

export function stripJpeg(b: Uint8Array): Uint8Array {
  if (b.length < 4 || b[0] !== 0xff || b[1] !== 0xd8) throw damaged('JPEG: no start-of-image marker');
  const out: Uint8Array[] = [b.subarray(0, 2)];
  let orientationWritten = false;
  let i = 2;
  for (;;) {
    if (i >= b.length) throw damaged('JPEG: the file ends before its end-of-image marker');
    if (b[i] !== 0xff) throw damaged(`JPEG: expected a marker at byte ${i}`);
    let j = i + 1;
    while (j < b.length && b[j] === 0xff) j++; // fill bytes
    if (j >= b.length) throw damaged('JPEG: the file ends inside a marker');
    const marker = b[j]!;
    if (marker === EOI) {
      out.push(b.subarray(i, j + 1)); // whatever follows (extra images, appended data) is dropped
      break;
    }
    if (marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) { // TEM and RSTn stand alone
      out.push(b.subarray(i, j + 1));
      i = j + 1;
      continue;
    }
    if (marker === 0x00 || marker === 0xd8) throw damaged(`JPEG: unexpected marker FF${marker.toString(16).padStart(2, '0')} at byte ${j - 1}`);
    if (j + 3 > b.length) throw damaged('JPEG: the file ends inside a segment header');
    const length = u16be(b, j + 1);
    const end = j + 1 + length;
    if (length < 2 || end > b.length) throw damaged(`JPEG: segment at byte ${j - 1} runs past the end of the file`);
    const payload = b.subarray(j + 3, end);
    const isMpf = marker === APP2 && startsWithAscii(payload, 'MPF\0');
    if (marker === APP1 || marker === APP13 || marker === COM || isMpf) {
      if (marker === APP1 && !orientationWritten && startsWithAscii(payload, 'Exif\0')) {
        const orientation = keptOrientation(payload.subarray(6));
        if (orientation !== null) {
          out.push(jpegSegment(APP1, concat([Uint8Array.of(0x45, 0x78, 0x69, 0x66, 0, 0), orientationOnlyTiff(orientation)])));
          orientationWritten = true;
        }
      }
    } else {
      out.push(b.subarray(i, end));
    }
    i = end;
    if (marker === SOS) {
      // Entropy-coded data: runs until a marker other than a stuffed FF00 or a restart marker.
      let k = i;
      while (k < b.length) {
        if (b[k] === 0xff && k + 1 < b.length) {
          const next = b[k + 1]!;
          if (next === 0x00 || (next >= 0xd0 && next <= 0xd7)) {
            k += 2;
            continue;
          }
          break;
        }
        k++;
      }
      if (k >= b.length - 1) throw damaged('JPEG: the image data is cut off (no end-of-image marker)');
      out.push(b.subarray(i, k));
      i = k;
    }
  }
  return concat(out);
}

// ---- PNG ---------------------------------------------------------------------------------

const PNG_SIGNATURE = Uint8Array.of(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a);
const PNG_DROPPED = new Set(['eXIf', 'tEXt', 'zTXt', 'iTXt']);

/** A PNG chunk: length, type, data and the CRC over type and data. */
export function pngChunk(type: string, data: Uint8Array): Uint8Array {
  const typeBytes = Uint8Array.from(type, (c) => c.charCodeAt(0));
  const body = concat([typeBytes, data]);
  return concat([u32beBytes(data.length), body, u32beBytes(crc32(body))]);
}

export function stripPng(b: Uint8Array): Uint8Array {
  if (b.length < 8 || !PNG_SIGNATURE.every((x, n) => b[n] === x)) throw damaged('PNG: no PNG signature');
  const out: Uint8Array[] = [b.subarray(0, 8)];
  let i = 8;
  for (;;) {
    if (i + 12 > b.length) throw damaged('PNG: the file ends before its IEND chunk');
    const length = u32be(b, i);
    const type = asciiAt(b, i + 4, 4);
    const end = i + 12 + length;
    if (length > 0x7fffffff || end > b.length) throw damaged(`PNG: chunk ${JSON.stringify(type)} at byte ${i} runs past the end of the file`);
    if (PNG_DROPPED.has(type)) {
      if (type === 'eXIf') {
        const orientation = keptOrientation(b.subarray(i + 8, end - 4));
        if (orientation !== null) out.push(pngChunk('eXIf', orientationOnlyTiff(orientation)));
      }
    } else {
      out.push(b.subarray(i, end));
    }
    i = end;
    if (type === 'IEND') break; // anything after IEND is dropped
  }
  return concat(out);
}

// ---- WebP --------------------------------------------------------------------------------

const VP8X_XMP = 0x04;
const VP8X_EXIF = 0x08;

export function stripWebp(b: Uint8Array): Uint8Array {
  if (b.length < 12 || !startsWithAscii(b, 'RIFF') || !startsWithAscii(b, 'WEBP', 8)) throw damaged('WebP: no RIFF/WEBP header');
  const riffEnd = 8 + u32le(b, 4);
  if (riffEnd > b.length || riffEnd < 12) throw damaged('WebP: the RIFF size does not match the file');
  const chunks: Uint8Array[] = [];
  let keptExif = false;
  let vp8xIndex = -1;
  let i = 12;
  while (i < riffEnd) {
    if (i + 8 > riffEnd) throw damaged(`WebP: chunk header at byte ${i} runs past the end`);
    const fourcc = asciiAt(b, i, 4);
    const size = u32le(b, i + 4);
    const dataEnd = i + 8 + size;
    const end = dataEnd + (size & 1); // chunks are padded to an even size
    if (end > riffEnd) throw damaged(`WebP: chunk ${JSON.stringify(fourcc)} at byte ${i} runs past the end`);
    if (fourcc === 'EXIF') {
      const orientation = keptExif ? null : keptOrientation(b.subarray(i + 8, dataEnd));
      if (orientation !== null) {
        const tiff = orientationOnlyTiff(orientation); // even length: no padding byte
        chunks.push(concat([Uint8Array.from('EXIF', (c) => c.charCodeAt(0)), u32leBytes(tiff.length), tiff]));
        keptExif = true;
      }
    } else if (fourcc !== 'XMP ') {
      if (fourcc === 'VP8X') {
        if (size < 10) throw damaged('WebP: VP8X chunk too short');
        vp8xIndex = chunks.length;
        chunks.push(b.slice(i, end)); // a copy: its flags are corrected below
      } else {
        chunks.push(b.subarray(i, end));
      }
    }
    i = end;
  }
  if (vp8xIndex >= 0) {
    const vp8x = chunks[vp8xIndex]!;
    vp8x[8] = vp8x[8]! & ~VP8X_XMP & ~(keptExif ? 0 : VP8X_EXIF);
  }
  const body = concat(chunks);
  // Anything after the RIFF data is dropped.
  return concat([Uint8Array.from('RIFF', (c) => c.charCodeAt(0)), u32leBytes(body.length + 4), Uint8Array.from('WEBP', (c) => c.charCodeAt(0)), body]);
}

// ---- GIF ---------------------------------------------------------------------------------

function skipSubBlocks(b: Uint8Array, j: number): number {
  for (;;) {
    if (j >= b.length) throw damaged('GIF: the file ends inside a block');
    const n = b[j]!;
    j += 1;
    if (n === 0) return j;
    j += n;
  }
}

export function stripGif(b: Uint8Array): Uint8Array {
  if (b.length < 13 || !(startsWithAscii(b, 'GIF87a') || startsWithAscii(b, 'GIF89a'))) throw damaged('GIF: no GIF header');
  let i = 13;
  if (b[10]! & 0x80) i += 3 * (1 << ((b[10]! & 0x07) + 1)); // global colour table
  if (i > b.length) throw damaged('GIF: the colour table runs past the end');
  const out: Uint8Array[] = [b.subarray(0, i)];
  for (;;) {
    if (i >= b.length) throw damaged('GIF: the file ends before its trailer');
    const introducer = b[i]!;
    if (introducer === 0x3b) {
      out.push(b.subarray(i, i + 1)); // trailer; anything after it is dropped
      break;
    }
    if (introducer === 0x21) {
      if (i + 2 > b.length) throw damaged('GIF: the file ends inside an extension');
      const label = b[i + 1]!;
      const end = skipSubBlocks(b, i + 2);
      const isComment = label === 0xfe;
      const isXmp = label === 0xff && b[i + 2] === 11 && startsWithAscii(b, 'XMP DataXMP', i + 3);
      if (!isComment && !isXmp) out.push(b.subarray(i, end));
      i = end;
      continue;
    }
    if (introducer === 0x2c) {
      if (i + 10 > b.length) throw damaged('GIF: the file ends inside an image descriptor');
      const packed = b[i + 9]!;
      let j = i + 10;
      if (packed & 0x80) j += 3 * (1 << ((packed & 0x07) + 1)); // local colour table
      j += 1; // LZW minimum code size
      const end = skipSubBlocks(b, j);
      out.push(b.subarray(i, end));
      i = end;
      continue;
    }
    throw damaged(`GIF: unknown block 0x${introducer.toString(16)} at byte ${i}`);
  }
  return concat(out);
}
