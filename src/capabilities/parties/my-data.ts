import type { FastifyInstance } from 'fastify';
import type { Platform } from '../../platform/context.js';
import { html, type SafeHtml } from '../../platform/html.js';
import { translator, type Translate } from '../../platform/i18n/index.js';
import { exportPersonalData, retentionRules } from '../../platform/privacy.js';
import { authorize } from '../../platform/service.js';
import { heading1, link, paragraph } from '../../platform/ui/components.js';
import { findPerson } from './store.js';

/**
 * "My data" (AVG/GDPR art. 15 and 20): everything the installation holds about the signed-in
 * person, as readable HTML and as a JSON download, gathered from every registered holder.
 */
function render(value: unknown, depth = 0): SafeHtml {
  if (value === null || value === undefined || value === '') return html`<span class="ba-empty">—</span>`;
  if (Array.isArray(value)) {
    if (value.length === 0) return html`<span class="ba-empty">—</span>`;
    const rows = value as Array<Record<string, unknown>>;
    if (rows.every((r) => r && typeof r === 'object' && !Array.isArray(r))) {
      const keys = [...new Set(rows.flatMap((r) => Object.keys(r)))];
      return html`<div class="utrecht-table-container ba-table-container"><table class="utrecht-table utrecht-table--html-table">
        <thead class="utrecht-table__header"><tr class="utrecht-table__row">${keys.map((k) => html`<th scope="col" class="utrecht-table__header-cell">${k}</th>`)}</tr></thead>
        <tbody class="utrecht-table__body">${rows.map((r) => html`<tr class="utrecht-table__row">${keys.map((k) => html`<td class="utrecht-table__cell">${depth > 2 ? JSON.stringify(r[k] ?? null) : render(r[k], depth + 1)}</td>`)}</tr>`)}</tbody>
      </table></div>`;
    }
    return html`<ul class="utrecht-unordered-list">${value.map((v) => html`<li>${render(v, depth + 1)}</li>`)}</ul>`;
  }
  if (typeof value === 'object') {
    return html`<dl class="utrecht-data-list ba-data-list">${Object.entries(value as Record<string, unknown>).map(([k, v]) => html`<div class="utrecht-data-list__item"><dt class="utrecht-data-list__item-key">${k}</dt><dd class="utrecht-data-list__item-value">${render(v, depth + 1)}</dd></div>`)}</dl>`;
  }
  return html`${String(value)}`;
}

function retentionList(t: Translate): SafeHtml {
  return html`<ul class="utrecht-unordered-list">${retentionRules().map((r) => html`<li>${t(r.descriptionKey, { days: r.days })}</li>`)}</ul>`;
}

export function registerMyDataPages(app: FastifyInstance, platform: Platform): void {
  app.get('/:municipality/mijn-account/gegevens', async (request, reply) => {
    const { ctx } = request;
    const t = translator(ctx.locale);
    if (ctx.actor.kind !== 'person') authorize(ctx, 'person.update', { type: 'person', ownerId: '__nobody__' });
    const personId = (ctx.actor as { personId: string }).personId;
    const person = (await findPerson(platform.db, personId))!;
    const data = await exportPersonalData(platform.db, { personId, email: person.email, name: person.display_name });
    const base = `/${ctx.tenant!.slug}`;
    if ((request.query as Record<string, unknown>).formaat === 'json') {
      return reply.header('content-disposition', 'attachment; filename="mijn-gegevens-buurtarena.json"').header('cache-control', 'no-store')
        .type('application/json; charset=utf-8').send(JSON.stringify({ exportedAt: new Date().toISOString(), person: personId, data }, null, 2));
    }
    return reply.page({
      title: t('parties.privacy.title'),
      breadcrumbs: [{ href: `${base}/mijn-account`, label: t('parties.account.title') }, { href: `${base}/mijn-account/gegevens`, label: t('parties.privacy.title') }],
      body: html`${heading1(t('parties.privacy.title'))}
        ${paragraph(t('parties.privacy.intro'))}
        ${paragraph(link(`${base}/mijn-account/gegevens?formaat=json`, t('parties.privacy.download')))}
        ${data.map((section) => html`<h2 class="utrecht-heading-2">${t(section.labelKey)}</h2>${render(section.data)}`)}
        <h2 class="utrecht-heading-2">${t('parties.privacy.retentionTitle')}</h2>
        ${retentionList(t)}
        ${paragraph(t('parties.privacy.erase'))}`,
    });
  });
}
