import type { Context } from '../../../platform/context.js';
import { html, type SafeHtml } from '../../../platform/html.js';
import { formatDate, translator } from '../../../platform/i18n/index.js';
import { heading1, link, paragraph } from '../../../platform/ui/components.js';
import { renderBody } from '../../../platform/versions/render.js';
import type { TenantArea } from '../../areas/index.js';
import { currentAssessments, ELEMENTS, type Actor, type Assessment } from '../model.js';
import { actorPath, ecosystemPath, elementsPath } from '../service.js';

/**
 * The eight elements of a social-basis ecosystem for an area: per element what it means, the latest
 * score with its evidence and the actors it names, and every earlier assessment below it (the history
 * is kept, newest first), so a neighbourhood sees how it is moving.
 */
export function elementsPage(ctx: Context, input: { area: TenantArea; assessments: Assessment[]; actors: Actor[]; canAssess: boolean; names: ReadonlyMap<string, string> }): SafeHtml {
  const t = translator(ctx.locale);
  const slug = ctx.tenant!.slug;
  const { area } = input;
  const byId = new Map(input.actors.map((a) => [a.id, a]));
  const current = currentAssessments(input.assessments);
  const one = (a: Assessment) => {
    const actors = a.actorIds.map((id) => byId.get(id)).filter((x): x is Actor => x !== undefined);
    return html`<p class="utrecht-paragraph"><strong>${t('ecosystem.elements.scoreOf', { score: String(a.score) })}</strong> · ${t(`ecosystem.score.${a.score}`)}</p>
      ${renderBody(a.evidence)}
      ${actors.length ? paragraph(html`${t('ecosystem.elements.actors')}: ${actors.map((x, i) => html`${i ? ', ' : ''}${link(actorPath(slug, area.code, x.id), x.name)}`)}`) : ''}
      <p class="utrecht-paragraph ba-small">${t('ecosystem.elements.by', { name: (a.assessedBy && input.names.get(a.assessedBy)) || t('ecosystem.unknown') })} · <time datetime="${a.assessedAt}">${formatDate(ctx.locale, a.assessedAt)}</time></p>`;
  };
  return html`${heading1(t('ecosystem.elements.title', { area: area.title }))}
    ${paragraph(t('ecosystem.elements.intro'))}
    ${input.canAssess ? paragraph(link(`${elementsPath(slug, area.code)}/beoordelen`, t('ecosystem.elements.assess'))) : ''}
    ${ELEMENTS.map((element) => {
      const latest = current.get(element);
      const earlier = input.assessments.filter((a) => a.element === element && a.id !== latest?.id);
      return html`<section aria-labelledby="element-${element}">
        <h2 class="utrecht-heading-2" id="element-${element}">${t(`ecosystem.element.${element}`)}</h2>
        <p class="utrecht-paragraph ba-small">${t(`ecosystem.elementHint.${element}`)}</p>
        ${latest ? one(latest) : paragraph(html`<em>${t('ecosystem.elements.notYet')}</em>`)}
        ${input.canAssess ? paragraph(link(`${elementsPath(slug, area.code)}/beoordelen?element=${element}`, html`${t('ecosystem.elements.assessThis')}<span class="ba-visually-hidden">: ${t(`ecosystem.element.${element}`)}</span>`)) : ''}
        ${earlier.length ? html`<details class="ba-details"><summary>${t('ecosystem.elements.history', { count: String(earlier.length) })}<span class="ba-visually-hidden">: ${t(`ecosystem.element.${element}`)}</span></summary>
          <ol class="utrecht-ordered-list">${earlier.map((a) => html`<li>${one(a)}</li>`)}</ol></details>` : ''}
      </section>`;
    })}
    ${paragraph(link(ecosystemPath(slug, area.code), t('ecosystem.back', { area: area.title })))}`;
}
