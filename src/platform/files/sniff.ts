/**
 * What a file is, decided by its content (magic numbers), never by its name or by the
 * content type the browser claims. Pure: no I/O.
 *
 * SVG and HTML are never accepted: they can carry script. There is no media type for them
 * here, and text that starts like markup is not text.
 */
export const fileTypes = ['image/jpeg', 'image/png', 'image/webp', 'image/gif', 'application/pdf', 'text/plain', 'text/csv'] as const;
export type FileType = (typeof fileTypes)[number];

export const imageTypes: readonly FileType[] = ['image/jpeg', 'image/png', 'image/webp', 'image/gif'];
export const textTypes: readonly FileType[] = ['text/plain', 'text/csv'];

export function isFileType(value: unknown): value is FileType {
  return typeof value === 'string' && (fileTypes as readonly string[]).includes(value);
}

/** Names people know the formats by, for messages ("JPEG, PNG, PDF"). */
export const typeLabels: Record<FileType, string> = {
  'image/jpeg': 'JPEG', 'image/png': 'PNG', 'image/webp': 'WebP', 'image/gif': 'GIF',
  'application/pdf': 'PDF', 'text/plain': 'TXT', 'text/csv': 'CSV',
};

/** File name extensions that fit each type; the first is the one a download gets when the name has none that fits. */
export const typeExtensions: Record<FileType, readonly string[]> = {
  'image/jpeg': ['jpg', 'jpeg', 'jpe', 'jfif'],
  'image/png': ['png'],
  'image/webp': ['webp'],
  'image/gif': ['gif'],
  'application/pdf': ['pdf'],
  'text/plain': ['txt', 'text', 'log', 'md', 'csv'],
  'text/csv': ['csv', 'txt'],
};

function startsWith(bytes: Uint8Array, prefix: readonly number[], offset = 0): boolean {
  if (bytes.length < offset + prefix.length) return false;
  return prefix.every((b, i) => bytes[offset + i] === b);
}

const ascii = (text: string) => [...text].map((c) => c.charCodeAt(0));
const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

/**
 * The binary formats by their magic numbers, each checked a little beyond the first bytes so
 * that a text file starting with "GIF8" or "RIFF" is not taken for an image:
 * - JPEG: SOI (FF D8) followed by a marker (FF, then C0…FE);
 * - PNG: the 8-byte signature followed by the IHDR chunk;
 * - WebP: "RIFF", size, "WEBP", then a VP8 / VP8L / VP8X chunk;
 * - GIF: "GIF87a" or "GIF89a" followed by the logical screen descriptor;
 * - PDF: "%PDF-" at the very start.
 */
export function sniffBinaryType(bytes: Uint8Array): Exclude<FileType, 'text/plain' | 'text/csv'> | null {
  if (bytes.length >= 4 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff && bytes[3]! >= 0xc0 && bytes[3]! !== 0xff) return 'image/jpeg';
  if (bytes.length >= 24 && startsWith(bytes, PNG_SIGNATURE) && startsWith(bytes, ascii('IHDR'), 12)) return 'image/png';
  if (bytes.length >= 20 && startsWith(bytes, ascii('RIFF')) && startsWith(bytes, ascii('WEBP'), 8)
    && (startsWith(bytes, ascii('VP8 '), 12) || startsWith(bytes, ascii('VP8L'), 12) || startsWith(bytes, ascii('VP8X'), 12))) return 'image/webp';
  if (bytes.length >= 13 && (startsWith(bytes, ascii('GIF87a')) || startsWith(bytes, ascii('GIF89a')))) return 'image/gif';
  if (startsWith(bytes, ascii('%PDF-'))) return 'application/pdf';
  return null;
}

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });

/**
 * Text that is safe to store as text: valid UTF-8, no NUL and no other control characters
 * than tab, line feed, form feed and carriage return, and not markup a browser would run.
 */
export function decodeSafeText(bytes: Uint8Array): string | null {
  let text: string;
  try {
    text = utf8.decode(bytes);
  } catch {
    return null;
  }
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u0008\u000B\u000E-\u001F\u007F]/.test(text)) return null;
  if (looksLikeMarkup(text)) return null;
  return text;
}

/**
 * HTML, SVG or XML: the start of the text as the WHATWG MIME sniffing standard recognises
 * HTML (a known tag after optional white space), any XML or SVG prolog, or a script or svg
 * element anywhere. Browsers must never be handed these as text they could render.
 */
export function looksLikeMarkup(text: string): boolean {
  const head = text.replace(/^[\uFEFF\s]+/, '').slice(0, 512).toLowerCase();
  if (/^<(!doctype\s+html|html|head|script|iframe|h1|div|font|table|a|style|title|b|body|br|p|svg|math|object|embed|meta|link|base|form|img|!--)[\s>/]/.test(head)) return true;
  if (head.startsWith('<?xml')) return true;
  return /<\s*(script|svg|html|iframe|object|embed)[\s>/]/i.test(text.slice(0, 64 * 1024));
}

/** A text whose first lines split into the same number (more than one) of fields by comma, semicolon or tab. */
export function looksLikeCsv(text: string): boolean {
  const lines = text.split(/\r?\n/).filter((line) => line.trim() !== '').slice(0, 20);
  if (lines.length === 0) return false;
  return [',', ';', '\t'].some((separator) => {
    const counts = lines.map((line) => line.split(separator).length);
    return counts[0]! > 1 && counts.every((n) => n === counts[0]);
  });
}

/**
 * The type of the content as far as a purpose that allows `allowed` is concerned, or null
 * when the content is not one of them. Binary formats are recognised first, so a PNG called
 * "report.pdf" is a PNG; text counts only when the purpose allows text/plain or text/csv.
 */
export function detectFileType(bytes: Uint8Array, allowed: readonly FileType[]): FileType | null {
  if (bytes.length === 0) return null;
  const binary = sniffBinaryType(bytes);
  if (binary) return allowed.includes(binary) ? binary : null;
  const allowsPlain = allowed.includes('text/plain');
  const allowsCsv = allowed.includes('text/csv');
  if (!allowsPlain && !allowsCsv) return null;
  const text = decodeSafeText(bytes);
  if (text === null) return null;
  if (allowsCsv && (!allowsPlain || looksLikeCsv(text))) return 'text/csv';
  return 'text/plain';
}

/** Which binary type, or 'text', or nothing known: for callers that want to know what they were given. */
export function sniffFileType(bytes: Uint8Array): FileType | null {
  return sniffBinaryType(bytes) ?? (decodeSafeText(bytes) !== null && bytes.length > 0 ? 'text/plain' : null);
}
