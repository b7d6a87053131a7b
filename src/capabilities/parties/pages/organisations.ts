import { html, type SafeHtml } from '../../../platform/html.js';
import type { Translate } from '../../../platform/i18n/index.js';
import { actionButton, dataList, errorSummary, form, heading1, link, paragraph, selectField, table, textArea, textField, type FormErrors } from '../../../platform/ui/components.js';
import { duties, organisationCategories, organisationKinds, boardDuties } from '../model.js';
import type { OrganisationTable } from '../store.js';

type Org = OrganisationTable;

export function kindOptions(t: Translate, allowed: readonly string[] = organisationKinds) {
  return organisationKinds.filter((k) => allowed.includes(k)).map((k) => ({ value: k, label: t(`parties.kind.${k}`) }));
}

export function organisationListPage(t: Translate, base: string, orgs: Org[], filter: { category?: string; q?: string }, canCreate: boolean): SafeHtml {
  return html`${heading1(t('parties.organisations.title'))}
    ${paragraph(t('parties.organisations.intro'))}
    <form method="get" action="${base}/organisaties" class="ba-filter" role="search" aria-label="${t('parties.organisations.filter')}">
      <div class="utrecht-form-field"><label class="utrecht-form-label" for="filter-q">${t('parties.organisations.search')}</label>
        <input class="utrecht-textbox utrecht-textbox--html-input" type="search" id="filter-q" name="q" value="${filter.q ?? ''}"></div>
      <div class="utrecht-form-field"><label class="utrecht-form-label" for="filter-category">${t('parties.organisations.category')}</label>
        <select class="utrecht-select utrecht-select--html-select" id="filter-category" name="soort">
          <option value="">${t('parties.organisations.allCategories')}</option>
          ${Object.keys(organisationCategories).map((c) => html`<option value="${c}"${filter.category === c ? html` selected` : ''}>${t(`parties.category.${c}`)}</option>`)}
        </select></div>
      <button type="submit" class="utrecht-button utrecht-button--secondary-action">${t('parties.organisations.apply')}</button>
    </form>
    ${canCreate ? paragraph(link(`${base}/organisaties/nieuw`, t('parties.organisations.new'))) : ''}
    ${table({
      caption: t('parties.organisations.caption', { count: orgs.length }),
      empty: t('parties.organisations.empty'),
      rows: orgs,
      columns: [
        { header: t('parties.field.name'), cell: (o) => link(`${base}/organisaties/${o.id}`, o.name) },
        { header: t('parties.field.kind'), cell: (o) => t(`parties.kind.${o.kind}`) },
        { header: t('parties.field.areaCode'), cell: (o) => (o.area_code ? link(`${base}/gebieden/${o.area_code}`, o.area_code) : '—') },
      ],
    })}`;
}

export function organisationForm(t: Translate, input: { action: string; csrf: string; values: Record<string, string>; errors: FormErrors; kinds: readonly string[]; parents: Org[]; title: string; submit: string }): SafeHtml {
  const labels = { kind: t('parties.field.kind'), name: t('parties.field.name'), description: t('parties.field.description'), areaCode: t('parties.field.areaCode'), parentId: t('parties.field.parent'), email: t('parties.field.orgEmail'), website: t('parties.field.website') };
  const { values, errors } = input;
  return html`${heading1(input.title)}
    ${errorSummary(t, errors, labels)}
    ${form({ action: input.action, csrf: input.csrf, submit: input.submit, body: html`
      ${selectField(t, { name: 'kind', label: labels.kind, value: values.kind, errors, required: true, placeholder: t('parties.field.choose'), options: kindOptions(t, input.kinds) })}
      ${textField(t, { name: 'name', label: labels.name, value: values.name, errors, required: true, maxLength: 120 })}
      ${textArea(t, { name: 'description', label: labels.description, value: values.description, errors, rows: 4 })}
      ${textField(t, { name: 'areaCode', label: labels.areaCode, hint: t('parties.field.areaCodeHint'), value: values.areaCode, errors, maxLength: 12 })}
      ${selectField(t, { name: 'parentId', label: labels.parentId, hint: t('parties.field.parentHint'), value: values.parentId, errors, placeholder: t('parties.field.none'), options: input.parents.map((p) => ({ value: p.id, label: p.name })) })}
      ${textField(t, { name: 'email', label: labels.email, type: 'email', value: values.email, errors, autocomplete: 'off' })}
      ${textField(t, { name: 'website', label: labels.website, type: 'url', value: values.website, errors })}` })}`;
}

export interface MemberRow { id: string; duty: string; display_name: string }

export function organisationPage(t: Translate, input: {
  base: string; csrf: string; org: Org; parent: Org | null; children: Org[]; members: MemberRow[]; memberCount: number;
  canEdit: boolean; canManage: boolean; seeAll: boolean; values: Record<string, string>; errors: FormErrors; follow?: SafeHtml;
  /** Residents' comments on the organisation. */
  comments?: SafeHtml;
}): SafeHtml {
  const { base, org, csrf, values, errors } = input;
  const visible = input.seeAll ? input.members : input.members.filter((m) => boardDuties.includes(m.duty as never));
  const labels = { email: t('parties.field.memberEmail'), duty: t('parties.field.duty') };
  return html`${heading1(org.name)}${input.follow ?? ''}
    ${dataList([
      [t('parties.field.kind'), t(`parties.kind.${org.kind}`)],
      [t('parties.field.areaCode'), org.area_code ? link(`${base}/gebieden/${org.area_code}`, org.area_code) : '—'],
      [t('parties.field.parent'), input.parent ? link(`${base}/organisaties/${input.parent.id}`, input.parent.name) : '—'],
      [t('parties.field.orgEmail'), org.email ?? '—'],
      [t('parties.field.website'), org.website ? html`<a class="utrecht-link" href="${org.website}" rel="nofollow noopener">${org.website}</a>` : '—'],
      [t('parties.organisations.memberCount'), String(input.memberCount)],
    ])}
    ${org.description ? html`${org.description.split(/\n{2,}/).map((p) => paragraph(p))}` : ''}
    ${input.canEdit ? paragraph(link(`${base}/organisaties/${org.id}/bewerken`, t('parties.organisations.edit'))) : ''}
    ${input.children.length ? html`<h2 class="utrecht-heading-2">${t('parties.organisations.children')}</h2>
      <ul class="utrecht-unordered-list">${input.children.map((c) => html`<li>${link(`${base}/organisaties/${c.id}`, c.name)} (${t(`parties.kind.${c.kind}`)})</li>`)}</ul>` : ''}
    <h2 class="utrecht-heading-2">${input.seeAll ? t('parties.organisations.members') : t('parties.organisations.board')}</h2>
    ${table({
      caption: input.seeAll ? t('parties.organisations.members') : t('parties.organisations.board'),
      captionHidden: true,
      empty: t('parties.organisations.noMembers'),
      rows: visible,
      columns: [
        { header: t('parties.field.memberName'), cell: (m) => m.display_name },
        { header: t('parties.field.duty'), cell: (m) => t(`parties.duty.${m.duty}`) },
        ...(input.canManage ? [{ header: t('parties.organisations.actions'), cell: (m: MemberRow) => actionButton({ action: `${base}/organisaties/${org.id}/leden/${m.id}/verwijderen`, csrf, label: t('parties.organisations.removeMember', { name: m.display_name }), danger: true }) }] : []),
      ],
    })}
    ${input.canManage ? html`<h2 class="utrecht-heading-2">${t('parties.organisations.addMember')}</h2>
      ${errorSummary(t, errors, labels)}
      ${form({ action: `${base}/organisaties/${org.id}/leden`, csrf, submit: t('parties.organisations.addMemberSubmit'), body: html`
        ${textField(t, { name: 'email', label: labels.email, hint: t('parties.field.memberEmailHint'), type: 'email', value: values.email, errors, required: true, autocomplete: 'off' })}
        ${selectField(t, { name: 'duty', label: labels.duty, value: values.duty ?? 'member', errors, required: true, options: duties.map((d) => ({ value: d, label: t(`parties.duty.${d}`) })) })}` })}` : ''}
    ${input.comments ?? ''}`;
}
