import { html, type SafeHtml } from '../../../platform/html.js';
import { formatDate, type Locale, type Translate } from '../../../platform/i18n/index.js';
import { roles, scopeTypes } from '../../../platform/policy.js';
import { actionButton, errorSummary, form, heading1, paragraph, selectField, table, textField, type FormErrors } from '../../../platform/ui/components.js';

export interface GrantRow { id: string; role: string; scope_type: string; scope_id: string; granted_at: string; display_name: string; email: string }

export function rolesPage(t: Translate, locale: Locale, input: { base: string; csrf: string; grants: GrantRow[]; values: Record<string, string>; errors: FormErrors; municipalityName: string }): SafeHtml {
  const { base, csrf, values, errors } = input;
  const labels = { email: t('parties.field.email'), role: t('parties.field.role'), scopeType: t('parties.field.scopeType'), scopeId: t('parties.field.scopeId') };
  return html`${heading1(t('parties.roles.title'))}
    ${paragraph(t('parties.roles.intro'))}
    ${table({
      caption: t('parties.roles.caption', { name: input.municipalityName }),
      empty: t('parties.roles.empty'),
      rows: input.grants,
      columns: [
        { header: t('parties.field.person'), cell: (g) => html`${g.display_name}<br><span class="ba-small">${g.email}</span>` },
        { header: t('parties.field.role'), cell: (g) => t(`role.${g.role}`) },
        { header: t('parties.field.scopeType'), cell: (g) => html`${t(`scope.${g.scope_type}`)}${g.scope_type === 'municipality' ? '' : html` <code>${g.scope_id}</code>`}` },
        { header: t('parties.roles.since'), cell: (g) => formatDate(locale, g.granted_at) },
        { header: t('parties.organisations.actions'), cell: (g) => actionButton({ action: `${base}/beheer/rollen/${g.id}/intrekken`, csrf, label: t('parties.roles.revoke', { role: t(`role.${g.role}`), name: g.display_name }), danger: true }) },
      ],
    })}
    <h2 class="utrecht-heading-2">${t('parties.roles.grant')}</h2>
    ${errorSummary(t, errors, labels)}
    ${form({ action: `${base}/beheer/rollen`, csrf, submit: t('parties.roles.grantSubmit'), body: html`
      ${textField(t, { name: 'email', label: labels.email, hint: t('parties.field.memberEmailHint'), type: 'email', value: values.email, errors, required: true, autocomplete: 'off' })}
      ${selectField(t, { name: 'role', label: labels.role, value: values.role, errors, required: true, placeholder: t('parties.field.choose'), options: roles.map((r) => ({ value: r, label: t(`role.${r}`) })) })}
      ${selectField(t, { name: 'scopeType', label: labels.scopeType, value: values.scopeType ?? 'municipality', errors, required: true, options: scopeTypes.filter((s) => s !== 'installation').map((s) => ({ value: s, label: t(`scope.${s}`) })) })}
      ${textField(t, { name: 'scopeId', label: labels.scopeId, hint: t('parties.field.scopeIdHint'), value: values.scopeId, errors, maxLength: 64 })}` })}`;
}
