import type { Context } from '../../platform/context.js';
import { html, type SafeHtml } from '../../platform/html.js';
import type { Place } from './store.js';

/**
 * Sections other capabilities add to a place's page (the ecosystem: who uses the place), so this
 * capability need not know them and dependencies keep pointing one way. Shown in `order`, after
 * the opening times.
 */
export interface PlaceSection {
  name: string;
  order: number;
  render(ctx: Context, place: Place): Promise<SafeHtml | null>;
}

const sections: PlaceSection[] = [];

export function registerPlaceSection(section: PlaceSection): void {
  if (sections.some((s) => s.name === section.name)) return;
  sections.push(section);
  sections.sort((a, b) => a.order - b.order);
}

export async function renderPlaceSections(ctx: Context, place: Place): Promise<SafeHtml> {
  const parts: Array<SafeHtml | null> = [];
  for (const section of sections) parts.push(await section.render(ctx, place));
  return html`${parts}`;
}
