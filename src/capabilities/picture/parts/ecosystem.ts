import { html } from '../../../platform/html.js';
import { formatNumber } from '../../../platform/i18n/index.js';
import { link, paragraph } from '../../../platform/ui/components.js';
import { ACTOR_KINDS, ecosystemPath, ecosystemView, type ActorKind } from '../../ecosystem/index.js';
import { capped } from '../model.js';
import { registerPicturePart, type PartContext } from '../parts.js';

/**
 * Part 2b, the social ecosystem (ecosystem capability): who is active in the area, by kind, and
 * what the network shows in plain language. Key people ("sterkhouders") are counted but never
 * named here: a published version is kept for good, while their consent can be withdrawn.
 */
export const MAX_ACTORS = 80;

export interface EcosystemData {
  counts: Record<ActorKind, number>;
  relations: number;
  /** Actors other than key people, by kind then name. */
  actors: Array<{ name: string; kind: ActorKind }>;
  more: number;
  /** The network's findings (message keys of the ecosystem capability); a null name is a key person. */
  findings: Array<{ key: string; params: Record<string, string | number>; names: Array<string | null> }>;
}

/** "A, B en C" in the reader's language. */
export function listText(c: PartContext, items: readonly string[]): string {
  if (items.length <= 1) return items[0] ?? '';
  return c.t('picture.list', { items: items.slice(0, -1).join(', '), last: items[items.length - 1]! });
}

function findingText(c: PartContext, f: EcosystemData['findings'][number]): string {
  const params: Record<string, string> = {};
  for (const [k, v] of Object.entries(f.params)) params[k] = typeof v === 'number' ? formatNumber(c.locale, v) : v;
  params.names = listText(c, f.names.map((n) => n ?? c.t('picture.ecosystem.keyPerson')));
  return c.t(f.key, params);
}

const total = (d: EcosystemData) => ACTOR_KINDS.reduce((n, k) => n + d.counts[k], 0);

function summary(c: PartContext, d: EcosystemData): string {
  const kinds = ACTOR_KINDS.filter((k) => d.counts[k] > 0).map((k) => `${c.t(`ecosystem.kind.${k}`).toLowerCase()}: ${formatNumber(c.locale, d.counts[k])}`);
  return c.t('picture.ecosystem.summary', { actors: formatNumber(c.locale, total(d)), relations: formatNumber(c.locale, d.relations), kinds: kinds.join('; ') });
}

registerPicturePart<EcosystemData>({
  name: 'ecosystem',
  order: 40,
  titleKey: 'picture.part.ecosystem',
  async assemble(db, { tenant, area }) {
    const view = await ecosystemView(db, tenant.id, area.code);
    const byId = new Map(view.actors.map((a) => [a.id, a]));
    const counts = Object.fromEntries(ACTOR_KINDS.map((k) => [k, view.actors.filter((a) => a.kind === k).length])) as Record<ActorKind, number>;
    const named = view.actors.filter((a) => a.kind !== 'key_person')
      .sort((a, b) => ACTOR_KINDS.indexOf(a.kind) - ACTOR_KINDS.indexOf(b.kind) || a.name.localeCompare(b.name, 'nl') || a.id.localeCompare(b.id));
    const { items, more } = capped(named, MAX_ACTORS);
    return {
      counts, relations: view.relations.length, more,
      actors: items.map((a) => ({ name: a.name, kind: a.kind })),
      findings: view.findings.map((f) => ({
        key: f.key, params: { ...f.params },
        names: f.actors.map((id) => { const actor = byId.get(id); return !actor || actor.kind === 'key_person' ? null : actor.name; }),
      })),
    };
  },
  render(data, c) {
    const more = paragraph(link(`${c.origin}${ecosystemPath(c.slug, c.areaCode)}`, c.t('picture.ecosystem.link')));
    if (total(data) === 0) return html`${paragraph(c.t('picture.ecosystem.none'))}${more}`;
    return html`${paragraph(summary(c, data))}
      <h3 class="utrecht-heading-3">${c.t('picture.ecosystem.findings')}</h3>
      <ul class="utrecht-unordered-list">${data.findings.map((f) => html`<li>${findingText(c, f)}</li>`)}</ul>
      <h3 class="utrecht-heading-3">${c.t('picture.ecosystem.actors')}</h3>
      <ul class="utrecht-unordered-list">${data.actors.map((a) => html`<li>${a.name} <span class="ba-small">(${c.t(`ecosystem.kind.${a.kind}`).toLowerCase()})</span></li>`)}</ul>
      ${data.more ? paragraph(c.t('picture.ecosystem.more', { count: formatNumber(c.locale, data.more) })) : ''}
      ${more}`;
  },
  text(data, c) {
    if (total(data) === 0) return c.t('picture.ecosystem.none');
    return [summary(c, data), ...data.findings.map((f) => findingText(c, f)), data.actors.map((a) => a.name).join(', ')].join('\n\n');
  },
});
