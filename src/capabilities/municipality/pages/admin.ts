import { html, type SafeHtml } from '../../../platform/html.js';
import type { Translate } from '../../../platform/i18n/index.js';
import type { Tenant } from '../../../platform/tenancy.js';
import { dataList, heading1, link, paragraph } from '../../../platform/ui/components.js';

export function adminHomePage(t: Translate, input: { tenant: Tenant; publicValueCount: number }): SafeHtml {
  const base = `/${input.tenant.slug}`;
  const sections = [
    { href: `${base}/beheer/instellingen`, title: t('municipality.settings.title'), text: t('municipality.admin.settingsText') },
    { href: `${base}/beheer/publieke-waarden`, title: t('municipality.values.title'), text: t('municipality.admin.valuesText', { count: input.publicValueCount }) },
    { href: `${base}/beheer/huisregels`, title: t('municipality.houseRules.title'), text: t('municipality.houseRules.adminText') },
    { href: `${base}/beheer/moderatie`, title: t('moderation.queue.title'), text: t('municipality.admin.moderationText') },
    { href: `${base}/beheer/rollen`, title: t('municipality.admin.roles'), text: t('municipality.admin.rolesText') },
    { href: `${base}/beheer/inlogdienst`, title: t('parties.oidc.title'), text: t('parties.oidc.adminText') },
    { href: `${base}/beheer/logboek`, title: t('municipality.audit.title'), text: t('municipality.admin.auditText') },
    { href: `${base}/budgetgebieden`, title: t('municipality.admin.budgetAreas'), text: t('municipality.admin.budgetAreasText') },
  ];
  return html`${heading1(t('municipality.admin.title', { name: input.tenant.name }))}
    ${paragraph(t('municipality.admin.intro'))}
    ${dataList([
      [t('municipality.field.slug'), html`<code class="utrecht-code">${input.tenant.slug}</code>`],
      [t('municipality.field.cbsCode'), input.tenant.cbsCode],
      [t('municipality.field.divisionYear'), String(input.tenant.divisionYear)],
    ])}
    <div class="ba-columns">
      ${sections.map((s) => html`<div class="ba-card">
        <h2 class="utrecht-heading-3">${link(s.href, s.title)}</h2>
        ${paragraph(s.text)}
      </div>`)}
    </div>`;
}
