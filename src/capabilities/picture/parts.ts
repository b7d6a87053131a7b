import type { Db } from '../../platform/db/connect.js';
import { html, type SafeHtml } from '../../platform/html.js';
import { translator, type Locale, type Translate } from '../../platform/i18n/index.js';
import type { Tenant } from '../../platform/tenancy.js';
import { renderBody } from '../../platform/versions/index.js';
import type { DocumentContent, Section } from '../../platform/versions/model.js';
import { checkPartSize, isPartSection, type AssembledPart } from './model.js';

/**
 * The registry of picture parts. A part is what one capability contributes to the wijkbeeld: it
 * reads its content for an area and year as plain JSON data (`assemble`), and shows data of that
 * shape as HTML and as plain text (`render`, `text`), so the same functions show the live draft and
 * a frozen snapshot. The adapters for the other capabilities live in parts/ and use only their
 * index.ts; the picture itself knows no capability by name.
 */
export interface PictureArea {
  code: string;
  title: string;
  kind: 'district' | 'neighbourhood';
  /** The code and its ancestors. */
  path: string[];
}

export interface AssembleInput {
  tenant: Tenant;
  area: PictureArea;
  /** The year of the figures the picture speaks for. */
  year: number;
}

/** What rendering a part needs: the reader's language, and the municipality for links to live pages. */
export interface PartContext {
  t: Translate;
  locale: Locale;
  slug: string;
  areaCode: string;
  /** Prefix of links to live pages: empty on the site, the public address on paper (a PDF has no site to be relative to). */
  origin: string;
}

export interface PicturePart<D = unknown> {
  /** Lower-case letters and digits: the part's section is `part-{name}`. */
  name: string;
  /** Place in the document (10 figures, 20 readings, 30 places, 40 ecosystem, 50 history, 60 money). */
  order: number;
  /** Message key of the part's heading. */
  titleKey: string;
  /** The part's content for an area and year: JSON-safe data, nothing personal beyond what its page shows anyone. */
  assemble(db: Db, input: AssembleInput): Promise<D>;
  render(data: D, c: PartContext): SafeHtml;
  /** The same as plain text, for the word-level comparison of versions. */
  text(data: D, c: PartContext): string;
  /**
   * Items of a snapshot that people wrote and that are no longer public (hidden by the moderators,
   * deleted, or erased with their writer): the data with those items marked `withdrawn` and their
   * text left out, so a frozen version never shows what was taken down after it was published.
   */
  withdrawn?(db: Db, tenant: Tenant, areaCode: string, data: D): Promise<D>;
}

const parts: PicturePart[] = [];

export function registerPicturePart<D>(part: PicturePart<D>): void {
  if (!/^[a-z0-9]{1,30}$/.test(part.name)) throw new Error(`Picture part name "${part.name}" must be lower-case letters and digits`);
  const existing = parts.findIndex((p) => p.name === part.name);
  if (existing >= 0) parts.splice(existing, 1);
  parts.push(part as PicturePart);
  parts.sort((a, b) => a.order - b.order || (a.name < b.name ? -1 : 1));
}

export function pictureParts(): readonly PicturePart[] {
  return parts;
}

export function partContext(locale: Locale, slug: string, areaCode: string, origin = ''): PartContext {
  return { t: translator(locale), locale, slug, areaCode, origin };
}

/**
 * Every registered part's content for the area and year, with its heading and plain text in the
 * document's language (`documentLocale`): what publishing freezes.
 */
export async function assembleParts(db: Db, input: AssembleInput, documentLocale: Locale): Promise<AssembledPart[]> {
  const c = partContext(documentLocale, input.tenant.slug, input.area.code);
  const out: AssembledPart[] = [];
  for (const part of parts) {
    const data = await part.assemble(db, input);
    checkPartSize(part.name, data);
    out.push({ name: part.name, order: part.order, heading: c.t(part.titleKey), body: part.text(data, c), data: JSON.parse(JSON.stringify(data)) as unknown });
  }
  return out;
}

/** A version's content as it may be shown now: every part's withdrawn items marked (see `PicturePart.withdrawn`). */
export async function liveContent(db: Db, tenant: Tenant, areaCode: string, content: DocumentContent): Promise<DocumentContent> {
  const sections: Section[] = [];
  for (const section of content.sections) {
    const part = isPartSection(section) ? parts.find((p) => p.name === section.data.part) : undefined;
    if (!part?.withdrawn || !isPartSection(section)) { sections.push(section); continue; }
    sections.push({ ...section, data: { ...section.data, data: await part.withdrawn(db, tenant, areaCode, section.data.data) } });
  }
  return { sections };
}

/** A section of a version as HTML in the reader's language: a part through its renderer, a free section as paragraphs. */
export function renderSection(section: Section, c: PartContext): { heading: string; body: SafeHtml } {
  if (isPartSection(section)) {
    const part = parts.find((p) => p.name === section.data.part);
    // A snapshot of a part that is no longer installed still reads: its stored heading and text.
    if (!part) return { heading: section.heading, body: renderBody(section.body) };
    return { heading: c.t(part.titleKey), body: html`<div class="ba-picture-part ba-picture-part--${part.name}">${part.render(section.data.data, c)}</div>` };
  }
  return { heading: section.heading, body: renderBody(section.body) };
}

/**
 * A version's content in the reader's language, for the comparison: parts get their heading and
 * plain text from their snapshot data, free sections stay as the neighbourhood wrote them.
 */
export function localizedContent(content: DocumentContent, c: PartContext): DocumentContent {
  return {
    sections: content.sections.map((section) => {
      if (!isPartSection(section)) return section;
      const part = parts.find((p) => p.name === section.data.part);
      return part ? { ...section, heading: c.t(part.titleKey), body: part.text(section.data.data, c) } : section;
    }),
  };
}
