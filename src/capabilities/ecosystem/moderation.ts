import { registerModeratedKind } from '../../platform/moderation/index.js';
import { tenantArea } from '../areas/index.js';
import { actorPath } from './service.js';
import { ACTOR_ENTITY, RELATION_ENTITY, findRecordedActor, findRelation } from './store.js';

/**
 * Residents' texts in the ecosystem are moderated as all public text written by residents: anyone
 * reports an actor (its name, description and work) from its page, or a relation (its note, or the
 * name of a place not in the list) from its actor's page; moderators hide it with a reason. What a
 * hidden actor or relation is then left out of is one rule (model.ts `showable`, applied by every
 * read of store.ts): everything public, exactly like a key person without consent; relations to a
 * hidden actor with it. A relation is a kind of its own, so a bad note hides that relation only, not
 * the actors it ties.
 *
 * A key person's name and role never enter the text the moderation keeps in its log (under the
 * author's key): their own key goes when they withdraw consent, and so must every trace of them. The
 * moderators read who it is in the title, which is looked up afresh and never stored.
 */
registerModeratedKind({
  kind: ACTOR_ENTITY,
  labelKey: 'ecosystem.moderation.actor',
  hiddenKey: 'ecosystem.moderation.actorHidden',
  async load(db, tenant, id, t) {
    const actor = await findRecordedActor(db, tenant.id, id);
    if (!actor) return null;
    const area = await tenantArea(db, tenant, actor.areaCode, t);
    return {
      municipalityId: tenant.id, authorId: actor.createdBy, removed: false,
      text: actor.kind === 'key_person'
        ? t('ecosystem.moderation.keyPersonText')
        : [actor.name, actor.description, actor.organisation, actor.activities].filter((x) => x).join('\n\n'),
      title: t('ecosystem.moderation.actorTitle', { name: actor.name, area: area?.title ?? actor.areaCode }),
      path: actorPath(tenant.slug, actor.areaCode, actor.id),
    };
  },
});

registerModeratedKind({
  kind: RELATION_ENTITY,
  labelKey: 'ecosystem.moderation.relation',
  hiddenKey: 'ecosystem.moderation.relationHidden',
  async load(db, tenant, id, t) {
    const relation = await findRelation(db, tenant.id, id);
    if (!relation) return null;
    const [from, to] = await Promise.all([findRecordedActor(db, tenant.id, relation.fromId), relation.toId ? findRecordedActor(db, tenant.id, relation.toId) : null]);
    if (!from || (relation.toId && !to)) return null;
    const area = await tenantArea(db, tenant, relation.areaCode, t);
    const freePlace = relation.place && relation.place.ref === null ? relation.place.name : null;
    return {
      municipalityId: tenant.id, authorId: relation.createdBy, removed: false,
      text: [relation.note, freePlace].filter((x) => x).join('\n\n') || t('ecosystem.moderation.relationWithoutText'),
      title: t('ecosystem.moderation.relationTitle', {
        from: from.name, kind: t(`ecosystem.relationKind.${relation.kind}`), to: to?.name ?? relation.place?.name ?? '', area: area?.title ?? relation.areaCode,
      }),
      path: `${actorPath(tenant.slug, relation.areaCode, from.id)}#relaties`,
    };
  },
});
