import { typeExtensions, type FileType } from './sniff.js';

/**
 * File names as people gave them, made harmless: they are shown on pages and sent back in a
 * Content-Disposition header, and they end up on someone else's disk. Pure: no I/O.
 */
export const MAX_NAME_LENGTH = 150;
export const FALLBACK_NAME = 'bestand';

// Control characters, bidirectional overrides (which can disguise "gpj.exe" as "exe.jpg") and invisible characters.
// eslint-disable-next-line no-control-regex
const INVISIBLE = /[\u0000-\u001F\u007F-\u009F\u00AD\u061C\u180E\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u2069\uFEFF]/g;
// Characters Windows refuses in names, and quotes that would confuse a header.
const RESERVED = /[<>:"/\\|?*]/g;
const DEVICE_NAMES = /^(con|prn|aux|nul|com[0-9]|lpt[0-9])(\.|$)/i;

/** Extensions that say "another kind of file"; a download replaces them with the real one. */
const KNOWN_EXTENSIONS = new Set([
  ...Object.values(typeExtensions).flat(),
  'htm', 'html', 'xhtml', 'shtml', 'svg', 'svgz', 'xml', 'xsl', 'js', 'mjs', 'json', 'css', 'php', 'asp', 'aspx', 'jsp',
  'exe', 'com', 'bat', 'cmd', 'scr', 'msi', 'ps1', 'vbs', 'jar', 'sh', 'app', 'dll', 'lnk', 'hta',
  'doc', 'docx', 'docm', 'xls', 'xlsx', 'xlsm', 'ppt', 'pptx', 'odt', 'ods', 'odp', 'rtf', 'zip', '7z', 'rar', 'gz', 'tar',
  'heic', 'heif', 'avif', 'tif', 'tiff', 'bmp', 'ico', 'psd', 'raw', 'dng', 'mp4', 'mov', 'mp3', 'wav',
]);

function truncateKeepingExtension(name: string, max: number): string {
  const chars = [...name];
  if (chars.length <= max) return name;
  const dot = name.lastIndexOf('.');
  const extension = dot > 0 && name.length - dot <= 10 ? [...name.slice(dot)] : [];
  return chars.slice(0, max - extension.length).join('').trimEnd() + extension.join('');
}

/**
 * The name without any path, invisible or reserved characters, leading dots, trailing dots or
 * spaces, at most 150 characters (the extension kept), never empty and never a Windows device name.
 */
export function sanitiseFileName(raw: unknown): string {
  let name = typeof raw === 'string' ? raw.normalize('NFC') : '';
  name = name.split(/[/\\]/).pop() ?? '';
  name = name.replace(INVISIBLE, '').replace(RESERVED, '_').replace(/\s+/g, ' ');
  name = name.replace(/^[\s.]+/, '').replace(/[\s.]+$/, '');
  if (DEVICE_NAMES.test(name)) name = `_${name}`;
  name = truncateKeepingExtension(name, MAX_NAME_LENGTH);
  return name || FALLBACK_NAME;
}

/** The extension (lower case, without the dot) when the name has a short alphanumeric one. */
function extensionOf(name: string): string | null {
  return /\.([a-z0-9]{1,5})$/i.exec(name)?.[1]?.toLowerCase() ?? null;
}

/**
 * The name a download gets: the stored name, with an extension that matches the content, so
 * that the receiving computer opens it with the right program. A PNG uploaded as "bon.pdf"
 * downloads as "bon.png"; "foto" as "foto.jpg".
 */
export function downloadName(name: string, type: FileType): string {
  const fitting = typeExtensions[type];
  const extension = extensionOf(name);
  if (extension && fitting.includes(extension)) return name;
  const stem = extension && KNOWN_EXTENSIONS.has(extension) ? name.slice(0, -(extension.length + 1)) : name;
  return `${stem || FALLBACK_NAME}.${fitting[0]}`;
}

/** RFC 5987 / RFC 8187 ext-value: UTF-8, percent-encoded outside attr-char. */
export function encodeRfc5987(value: string): string {
  return encodeURIComponent(value).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/**
 * A Content-Disposition header value with both a plain ASCII `filename` (for old clients) and
 * the exact UTF-8 name in `filename*` (RFC 6266, RFC 8187).
 */
export function contentDisposition(kind: 'inline' | 'attachment', name: string): string {
  const fallback = name.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').replace(/[^\x20-\x7e]/g, '_').replace(/["\\%]/g, '_');
  return `${kind}; filename="${fallback}"; filename*=UTF-8''${encodeRfc5987(name)}`;
}
