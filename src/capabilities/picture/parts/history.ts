import type { Db } from '../../../platform/db/connect.js';
import { html } from '../../../platform/html.js';
import { formatNumber } from '../../../platform/i18n/index.js';
import { moderationStates } from '../../../platform/moderation/index.js';
import { link, paragraph } from '../../../platform/ui/components.js';
import { renderBody } from '../../../platform/versions/index.js';
import { entriesOfArea, HISTORY_KIND, historyPath, whenLabel, type HistoryKind, type When } from '../../history/index.js';
import { capped } from '../model.js';
import { registerPicturePart, type PartContext } from '../parts.js';

/**
 * Part 2c, the area's history and tensions (history capability): its timeline, oldest first, each
 * entry with when, what kind, its story and its sources. Only entries everyone may read (not
 * hidden by the moderators), without who wrote them.
 */
export const MAX_ENTRIES = 40;
export const MAX_STORY = 800;

interface Entry {
  id: string;
  /** Taken down since publication: its story and sources are not shown. */
  withdrawn?: boolean;
  kind: HistoryKind;
  when: When;
  title: string;
  story: string;
  sources: Array<{ citation: string | null; url: string | null }>;
}
export interface HistoryData {
  items: Entry[];
  more: number;
}

/** The area's entries everyone may read: published and not hidden by the moderators. */
async function readableEntries(db: Db, municipalityId: string, areaCode: string) {
  const entries = await entriesOfArea(db, municipalityId, areaCode);
  const hidden = await moderationStates(db, HISTORY_KIND, entries.map((e) => e.id));
  return entries.filter((e) => !hidden.has(e.id));
}

const shortened = (story: string) => (story.length > MAX_STORY ? `${story.slice(0, MAX_STORY - 1).trimEnd()}…` : story);
const sourceText = (s: Entry['sources'][number]) => [s.citation, s.url].filter(Boolean).join(', ');
const heading = (c: PartContext, e: Entry) => `${whenLabel(c.t, e.when)}${e.title ? `: ${e.title}` : ''}`;

registerPicturePart<HistoryData>({
  name: 'history',
  order: 50,
  titleKey: 'picture.part.history',
  async assemble(db, { tenant, area }) {
    const { items, more } = capped(await readableEntries(db, tenant.id, area.code), MAX_ENTRIES);
    return { more, items: items.map((e) => ({ id: e.id, kind: e.kind, when: e.when, title: e.title, story: shortened(e.story), sources: e.sources })) };
  },
  render(data, c) {
    const all = paragraph(link(`${c.origin}${historyPath(c.slug, c.areaCode)}`, c.t('picture.history.link')));
    if (data.items.length === 0) return html`${paragraph(c.t('picture.history.none'))}${all}`;
    return html`${data.items.map((e) => html`<h3 class="utrecht-heading-3">${heading(c, e)}</h3>
      <p class="utrecht-paragraph ba-small">${c.t(`history.kind.${e.kind}`)}</p>
      ${e.withdrawn ? html`<p class="utrecht-paragraph ba-empty">${c.t('picture.withdrawn')}</p>` : renderBody(e.story)}
      ${e.sources.length ? html`<p class="utrecht-paragraph ba-small">${c.t('picture.history.sources')}: ${e.sources.map((s, i) => html`${i > 0 ? '; ' : ''}${s.citation ?? ''}${s.citation && s.url ? ', ' : ''}${s.url ? html`<a class="utrecht-link" href="${s.url}">${s.url}</a>` : ''}`)}</p>` : ''}`)}
      ${data.more ? paragraph(c.t('picture.history.more', { count: formatNumber(c.locale, data.more) })) : ''}
      ${all}`;
  },
  async withdrawn(db, tenant, areaCode, data) {
    const open = new Set((await readableEntries(db, tenant.id, areaCode)).map((e) => e.id));
    return { ...data, items: data.items.map((e) => (open.has(e.id) ? e : { ...e, withdrawn: true, title: '', story: '', sources: [] })) };
  },
  text(data, c) {
    if (data.items.length === 0) return c.t('picture.history.none');
    return data.items.map((e) => [heading(c, e), e.withdrawn ? c.t('picture.withdrawn') : e.story, ...e.sources.map(sourceText)].join('\n')).join('\n\n');
  },
});
