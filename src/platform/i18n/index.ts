/**
 * Message catalogues: Dutch (default) and English. The platform and every capability register
 * their own catalogue; keys are namespaced ("areas.title"). Placeholders are written {name}.
 */
export const locales = ['nl', 'en'] as const;
export type Locale = (typeof locales)[number];
export const defaultLocale: Locale = 'nl';

export type Messages = Record<string, string>;
export interface Catalogue {
  nl: Messages;
  en: Messages;
}

const catalogues: Record<Locale, Map<string, string>> = { nl: new Map(), en: new Map() };

export function registerMessages(catalogue: Catalogue): void {
  for (const locale of locales) {
    for (const [key, text] of Object.entries(catalogue[locale])) {
      if (catalogues[locale].has(key) && catalogues[locale].get(key) !== text) {
        throw new Error(`Message key "${key}" registered twice for ${locale}`);
      }
      catalogues[locale].set(key, text);
    }
  }
}

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (locales as readonly string[]).includes(value);
}

export type Params = Record<string, string | number>;
export type Translate = (key: string, params?: Params) => string;

export function translator(locale: Locale): Translate {
  const messages = catalogues[locale];
  return (key, params) => {
    const text = messages.get(key) ?? catalogues[defaultLocale].get(key);
    if (text === undefined) throw new Error(`Missing message "${key}"`);
    if (!params) return text;
    return text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
  };
}

/** For the catalogue test: every key in both languages, with the same placeholders. */
export function catalogueEntries(): Record<Locale, Map<string, string>> {
  return catalogues;
}

const numberFormats: Record<Locale, Intl.NumberFormat> = {
  nl: new Intl.NumberFormat('nl-NL'),
  en: new Intl.NumberFormat('en-GB'),
};
const fixedFormats = new Map<string, Intl.NumberFormat>();

/**
 * 1.234,5 in Dutch, 1,234.5 in English. With `decimals`, exactly that many digits after the
 * separator (a column of figures lines up: 12,0 and 12,5); without, up to three as needed.
 */
export function formatNumber(locale: Locale, value: number, decimals?: number): string {
  if (decimals === undefined) return numberFormats[locale].format(value);
  const key = `${locale}:${decimals}`;
  let format = fixedFormats.get(key);
  if (!format) {
    format = new Intl.NumberFormat(locale === 'nl' ? 'nl-NL' : 'en-GB', { minimumFractionDigits: decimals, maximumFractionDigits: decimals });
    fixedFormats.set(key, format);
  }
  const text = format.format(value);
  // A small negative number rounds to "-0,0": zero has no sign.
  return /^-0(?:[.,]0+)?$/.test(text) ? text.slice(1) : text;
}

/** Dates are stored in UTC and shown in Europe/Amsterdam. */
export function formatDateTime(locale: Locale, iso: string): string {
  return new Intl.DateTimeFormat(locale === 'nl' ? 'nl-NL' : 'en-GB', {
    dateStyle: 'medium', timeStyle: 'short', timeZone: 'Europe/Amsterdam',
  }).format(new Date(iso));
}

export function formatDate(locale: Locale, iso: string): string {
  return new Intl.DateTimeFormat(locale === 'nl' ? 'nl-NL' : 'en-GB', { dateStyle: 'long', timeZone: 'Europe/Amsterdam' }).format(new Date(iso));
}
