import type { Context } from '../context.js';
import { html, type SafeHtml } from '../html.js';

/**
 * Sections that other capabilities add to a capability's page (the readings on an area's page,
 * who uses a place on a place's page), so the page's own capability need not know them and
 * dependencies keep pointing one way. Each page keeps its own list; sections show in `order`, a
 * section that has nothing to say returns null.
 */
export interface PageSection<Args extends unknown[]> {
  /** Registering the same name again is ignored (a module imported twice adds nothing). */
  name: string;
  order: number;
  render(ctx: Context, ...args: Args): Promise<SafeHtml | null>;
}

export interface PageSections<Args extends unknown[]> {
  register(section: PageSection<Args>): void;
  render(ctx: Context, ...args: Args): Promise<SafeHtml>;
}

export function pageSections<Args extends unknown[]>(): PageSections<Args> {
  const sections: Array<PageSection<Args>> = [];
  return {
    register(section) {
      if (sections.some((s) => s.name === section.name)) return;
      sections.push(section);
      sections.sort((a, b) => a.order - b.order);
    },
    async render(ctx, ...args) {
      const parts: Array<SafeHtml | null> = [];
      for (const section of sections) parts.push(await section.render(ctx, ...args));
      return html`${parts}`;
    },
  };
}
