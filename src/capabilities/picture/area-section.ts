import { html } from '../../platform/html.js';
import { formatDate, translator } from '../../platform/i18n/index.js';
import { allowed } from '../../platform/service.js';
import { versionsOf } from '../../platform/versions/index.js';
import { link, paragraph } from '../../platform/ui/components.js';
import { registerAreaSection } from '../areas/index.js';
import { pictureActions } from './policy.js';
import { pictureArea, pictureOf, picturePath, pictureResourceOf, refOf } from './service.js';

/** On a district's or neighbourhood's page: its published picture (version and date) with the link, and for editors the way to the draft. */
registerAreaSection({
  name: 'picture',
  order: 5,
  async render(ctx, summary) {
    const tenant = ctx.tenant;
    if (!tenant || summary.municipalityCode !== tenant.cbsCode || summary.kind === 'municipality') return null;
    const t = translator(ctx.locale);
    const area = await pictureArea(ctx.platform.db, tenant, summary.code, t);
    if (!area) return null;
    const document = await pictureOf(ctx.platform.db, tenant.id, area.code);
    const path = picturePath(tenant.slug, area.code);
    const canEdit = ctx.actor.kind === 'person' && allowed(ctx, pictureActions.edit, await pictureResourceOf(ctx.platform.db, tenant, area));
    if (!document?.publishedVersion && !canEdit) return null;
    const [latest] = document?.publishedVersion ? await versionsOf(ctx.platform.db, refOf(document)) : [];
    return html`<section aria-labelledby="section-picture"><h2 class="utrecht-heading-2" id="section-picture">${t('picture.section.heading')}</h2>
      ${latest
        ? paragraph(t('picture.section.published', { area: area.title, number: latest.number, date: formatDate(ctx.locale, latest.publishedAt) }))
        : paragraph(t('picture.section.none', { area: area.title }))}
      <ul class="utrecht-unordered-list">
        ${latest ? html`<li>${link(path, t('picture.section.link'))}</li>` : ''}
        ${canEdit ? html`<li>${link(`${path}/bewerken`, t('picture.section.edit'))}</li>` : ''}
      </ul></section>`;
  },
});
