import { html } from '../../platform/html.js';
import { translator } from '../../platform/i18n/index.js';
import { link, paragraph } from '../../platform/ui/components.js';
import { registerPlaceSection } from '../places/index.js';
import { kindName } from './pages/network.js';
import { actorPath } from './service.js';
import { usersOfPlace } from './store.js';

/**
 * On a place's page (the places capability): who uses this place — the actors anyone may see with a
 * `uses_place` relation naming it by its reference, each linked to its page with the relation's
 * note. Nothing when nobody is recorded, so the page stays as it was.
 */
registerPlaceSection({
  name: 'ecosystem',
  order: 20,
  async render(ctx, place) {
    const users = await usersOfPlace(ctx.platform.db, place.municipalityId, place.id);
    if (users.length === 0) return null;
    const t = translator(ctx.locale);
    const slug = ctx.tenant!.slug;
    return html`<section aria-labelledby="wie-gebruikt-deze-plek">
      <h2 class="utrecht-heading-2" id="wie-gebruikt-deze-plek">${t('ecosystem.placeSection.heading')}</h2>
      ${paragraph(t('ecosystem.placeSection.intro'))}
      <ul class="utrecht-unordered-list">${users.map(({ actor, relation }) => html`<li>
        ${link(actorPath(slug, actor.areaCode, actor.id), actor.name)} <span class="ba-small">(${kindName(t, actor.kind).toLowerCase()})</span>${relation.note ? html`: ${relation.note}` : ''}
      </li>`)}</ul>
    </section>`;
  },
});
