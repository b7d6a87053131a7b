import fs from 'node:fs';
import { inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import {
  SECRETS, TINY_GIF, TINY_JPEG, TINY_PNG, TINY_WEBP, containsAscii, gifWithMetadata, ifd0Tags, jpegSegments, jpegWithMetadata,
  pngChunks, pngWithMetadata, webpChunks, webpWithMetadata,
} from './fixtures.js';
import { DamagedFileError, exifOrientation, stripGif, stripJpeg, stripMetadata, stripPng, stripWebp } from './images.js';

function expectNoSecrets(bytes: Uint8Array) {
  for (const secret of SECRETS) expect(containsAscii(bytes, secret), secret).toBe(false);
}

describe('JPEG: location metadata removed, image data untouched', () => {
  const original = jpegWithMetadata();
  const stripped = stripJpeg(original);

  it('the fixture really carries GPS, XMP, IPTC and a comment', () => {
    for (const secret of ['WGS-84', 'BuurtCam', 'GPSLatitude', 'Amersfoort', 'Dorpsstraat']) expect(containsAscii(original, secret)).toBe(true);
    const exif = jpegSegments(original, { trailing: true }).segments.find((s) => s.marker === 0xe1)!;
    expect(ifd0Tags(exif.payload)).toEqual([0x010f, 0x8825]); // camera make, GPS IFD
  });

  it('drops APP1 (Exif with GPS, XMP), APP13 and COM, and whatever follows EOI', () => {
    expectNoSecrets(stripped);
    const { segments } = jpegSegments(stripped); // throws unless SOI … EOI with valid lengths and nothing after
    expect(segments.map((s) => s.marker).filter((m) => m === 0xe1 || m === 0xed || m === 0xfe)).toEqual([]);
  });

  it('is byte for byte the original Chromium JPEG: ICC profile, tables and entropy-coded data kept exactly', () => {
    expect(Buffer.from(stripped).equals(TINY_JPEG)).toBe(true);
    const icc = jpegSegments(stripped).segments.find((s) => s.marker === 0xe2)!;
    expect(icc.payload.subarray(0, 12).toString('latin1')).toBe('ICC_PROFILE\0');
    expect(jpegSegments(stripped).scan.equals(jpegSegments(original, { trailing: true }).scan)).toBe(true);
  });

  it('keeps the orientation (only that) so portrait photos stay upright', () => {
    for (const little of [true, false]) {
      const turned = stripJpeg(jpegWithMetadata({ orientation: 6, little }));
      expectNoSecrets(turned);
      const exif = jpegSegments(turned).segments.filter((s) => s.marker === 0xe1);
      expect(exif).toHaveLength(1);
      expect(ifd0Tags(exif[0]!.payload)).toEqual([0x0112]);
      expect(exifOrientation(exif[0]!.payload)).toBe(6);
    }
    // "Normal" orientation needs no Exif at all.
    expect(Buffer.from(stripJpeg(jpegWithMetadata({ orientation: 1 }))).equals(TINY_JPEG)).toBe(true);
  });

  it('is idempotent', () => {
    expect(Buffer.from(stripJpeg(stripped)).equals(Buffer.from(stripped))).toBe(true);
  });

  it('refuses a JPEG it cannot follow', () => {
    expect(() => stripJpeg(TINY_JPEG.subarray(0, TINY_JPEG.length - 10))).toThrow(DamagedFileError); // cut off in the image data
    expect(() => stripJpeg(TINY_JPEG.subarray(0, 30))).toThrow(DamagedFileError); // cut off inside a segment
    const badLength = Buffer.from(TINY_JPEG);
    badLength.writeUInt16BE(0xfff0, 4); // APP0 claims to run past the end
    expect(() => stripJpeg(badLength)).toThrow(DamagedFileError);
  });
});

describe('PNG: eXIf and text chunks removed, every CRC valid', () => {
  const original = pngWithMetadata();
  const stripped = stripPng(original);

  it('removes them and keeps the rest exactly', () => {
    expect(pngChunks(original, { trailing: true }).map((c) => c.type)).toEqual(['IHDR', 'eXIf', 'tEXt', 'zTXt', 'iTXt', 'IDAT', 'IDAT', 'IEND']);
    expectNoSecrets(stripped);
    expect(pngChunks(stripped).map((c) => c.type)).toEqual(['IHDR', 'IDAT', 'IDAT', 'IEND']);
    expect(Buffer.from(stripped).equals(TINY_PNG)).toBe(true);
  });

  it('still decodes: valid CRCs, and the image data inflates to width × height pixels', () => {
    const chunks = pngChunks(stripped);
    expect(chunks.every((c) => c.crcValid)).toBe(true);
    const ihdr = chunks[0]!.data;
    const [width, height, depth, colour] = [ihdr.readUInt32BE(0), ihdr.readUInt32BE(4), ihdr[8], ihdr[9]];
    expect([width, height, depth, colour]).toEqual([4, 4, 8, 6]); // 8-bit RGBA
    const pixels = inflateSync(Buffer.concat(chunks.filter((c) => c.type === 'IDAT').map((c) => c.data)));
    expect(pixels.length).toBe(height * (1 + width * 4));
  });

  it('keeps the orientation in a new eXIf chunk with a valid CRC', () => {
    const turned = stripPng(pngWithMetadata({ orientation: 8 }));
    expectNoSecrets(turned);
    const chunks = pngChunks(turned);
    expect(chunks.map((c) => c.type)).toEqual(['IHDR', 'eXIf', 'IDAT', 'IDAT', 'IEND']);
    expect(chunks.every((c) => c.crcValid)).toBe(true);
    expect(exifOrientation(chunks[1]!.data)).toBe(8);
    expect(ifd0Tags(chunks[1]!.data)).toEqual([0x0112]);
  });

  it('refuses a PNG without IEND or with a chunk running past the end', () => {
    expect(() => stripPng(TINY_PNG.subarray(0, TINY_PNG.length - 12))).toThrow(DamagedFileError);
    expect(() => stripPng(TINY_PNG.subarray(0, 40))).toThrow(DamagedFileError);
  });
});

describe('WebP: EXIF and XMP chunks removed, RIFF size and VP8X flags corrected', () => {
  const original = webpWithMetadata();
  const stripped = stripWebp(original);

  it('removes them', () => {
    expect(webpChunks(original.subarray(0, original.length - 8)).map((c) => c.fourcc)).toEqual(['VP8X', 'ICCP', 'VP8 ', 'EXIF', 'XMP ']);
    expectNoSecrets(stripped);
    const chunks = webpChunks(stripped); // throws unless the RIFF size matches
    expect(chunks.map((c) => c.fourcc)).toEqual(['VP8X', 'ICCP', 'VP8 ']);
    expect(chunks[0]!.data[0]! & 0x0c).toBe(0); // neither the EXIF nor the XMP flag
    expect(chunks[0]!.data[0]! & 0x20).toBe(0x20); // ICC flag kept
  });

  it('is byte for byte the original Chromium WebP', () => {
    expect(Buffer.from(stripped).equals(TINY_WEBP)).toBe(true);
  });

  it('keeps the orientation in a minimal EXIF chunk, with its flag', () => {
    const turned = stripWebp(webpWithMetadata({ orientation: 3 }));
    expectNoSecrets(turned);
    const chunks = webpChunks(turned);
    expect(chunks.map((c) => c.fourcc)).toEqual(['VP8X', 'ICCP', 'VP8 ', 'EXIF']);
    expect(chunks[0]!.data[0]! & 0x0c).toBe(0x08);
    expect(exifOrientation(chunks[3]!.data)).toBe(3);
  });

  it('refuses a WebP whose RIFF size or chunks do not fit', () => {
    expect(() => stripWebp(TINY_WEBP.subarray(0, TINY_WEBP.length - 4))).toThrow(DamagedFileError);
  });
});

describe('GIF: comments and XMP removed', () => {
  it('removes them and keeps the rest exactly', () => {
    const original = gifWithMetadata();
    expect(containsAscii(original, 'Dorpsstraat')).toBe(true);
    const stripped = stripGif(original);
    expectNoSecrets(stripped);
    expect(containsAscii(stripped, 'XMP DataXMP')).toBe(false);
    expect(Buffer.from(stripped).equals(TINY_GIF)).toBe(true);
  });

  it('refuses a GIF without its trailer', () => {
    expect(() => stripGif(TINY_GIF.subarray(0, TINY_GIF.length - 1))).toThrow(DamagedFileError);
  });
});

it('leaves PDF and text untouched', () => {
  const pdf = Buffer.from('%PDF-1.4\n%%EOF\n');
  expect(stripMetadata('application/pdf', pdf)).toBe(pdf);
  expect(stripMetadata('text/plain', Buffer.from('x'))).toEqual(Buffer.from('x'));
});

// The real proof that the stripped images still decode: Chromium's own decoders (with BUURTARENA_TEST_BROWSER=1, as in CI).
const CHROMIUM = process.env.BUURTARENA_CHROMIUM ?? '/usr/bin/chromium';
const browser = process.env.BUURTARENA_TEST_BROWSER === '1' ? describe : describe.skip;
browser('stripped images decode in Chromium', () => {
  it('JPEG, PNG, WebP and GIF, with and without a kept orientation', async () => {
    if (!fs.existsSync(CHROMIUM)) throw new Error(`BUURTARENA_TEST_BROWSER=1 but Chromium is missing at ${CHROMIUM}`);
    const { chromium } = await import('playwright-core');
    const instance = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-gpu'] });
    try {
      const page = await instance.newPage();
      const images: Array<[string, string, Uint8Array, [number, number]]> = [
        ['jpeg', 'image/jpeg', stripJpeg(jpegWithMetadata()), [4, 4]],
        ['jpeg turned', 'image/jpeg', stripJpeg(jpegWithMetadata({ orientation: 6 })), [4, 4]],
        ['png', 'image/png', stripPng(pngWithMetadata()), [4, 4]],
        ['png turned', 'image/png', stripPng(pngWithMetadata({ orientation: 6 })), [4, 4]],
        ['webp', 'image/webp', stripWebp(webpWithMetadata()), [4, 4]],
        ['webp turned', 'image/webp', stripWebp(webpWithMetadata({ orientation: 6 })), [4, 4]],
        ['gif', 'image/gif', stripGif(gifWithMetadata()), [1, 1]],
      ];
      for (const [name, type, bytes, size] of images) {
        const decoded = await page.evaluate(async ({ base64, type }) => {
          const data = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
          const bitmap = await createImageBitmap(new Blob([data], { type }));
          return [bitmap.width, bitmap.height];
        }, { base64: Buffer.from(bytes).toString('base64'), type });
        expect(decoded, name).toEqual(size);
      }
    } finally {
      await instance.close();
    }
  });
});
