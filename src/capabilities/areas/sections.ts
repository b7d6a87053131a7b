import type { Context } from '../../platform/context.js';
import { html, type SafeHtml } from '../../platform/html.js';
import type { AreaSummary } from './model.js';

/**
 * Sections other capabilities add to an area's page in a municipality (the readings of its figures,
 * later its figures and places), so the areas capability need not know them. Shown in `order`,
 * between the area's own facts and the comments.
 */
export interface AreaSection {
  name: string;
  order: number;
  render(ctx: Context, area: AreaSummary, page: { csrf: string; back: string }): Promise<SafeHtml | null>;
}

const sections: AreaSection[] = [];

export function registerAreaSection(section: AreaSection): void {
  if (sections.some((s) => s.name === section.name)) return;
  sections.push(section);
  sections.sort((a, b) => a.order - b.order);
}

export async function renderAreaSections(ctx: Context, area: AreaSummary, page: { csrf: string; back: string }): Promise<SafeHtml> {
  const parts: Array<SafeHtml | null> = [];
  for (const section of sections) parts.push(await section.render(ctx, area, page));
  return html`${parts}`;
}
