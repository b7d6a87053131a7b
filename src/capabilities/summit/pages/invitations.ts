import type { Context } from '../../../platform/context.js';
import { html, type SafeHtml } from '../../../platform/html.js';
import { formatDateTime, formatNumber, translator, type Translate } from '../../../platform/i18n/index.js';
import { errorSummary, form, heading1, link, paragraph, selectField, table, textArea, type FormErrors } from '../../../platform/ui/components.js';
import { INVITATION_GROUPS, MAX_INVITATIONS, MAX_INVITATION_MESSAGE } from '../invitation-model.js';
import type { Invitation } from '../invitation-store.js';
import { summitPath } from '../service.js';
import type { Summit } from '../store.js';

export function invitationLabels(t: Translate): Record<string, string> {
  return Object.fromEntries(['group', 'addresses', 'message'].map((f) => [f, t(`summit.invitation.field.${f}`)]));
}

/** The invitations sent so far (group, how many, when) and the form to invite a group by e-mail. */
export function invitationsPage(ctx: Context, input: { summit: Summit; invitations: Invitation[]; csrf: string; values: Record<string, string>; errors: FormErrors }): SafeHtml {
  const t = translator(ctx.locale);
  const here = summitPath(ctx.tenant!.slug, input.summit.id);
  const { values, errors } = input;
  return html`${heading1(t('summit.invitation.title', { title: input.summit.title }))}
    ${paragraph(t('summit.invitation.intro'))}
    ${paragraph(link(`${here}/uitnodigingen/brief`, t('summit.letter.link')))}
    <h2 class="utrecht-heading-2" id="verstuurd">${t('summit.invitation.sent')}</h2>
    ${table({
      caption: t('summit.invitation.sent'), captionHidden: true, rows: input.invitations, empty: t('summit.invitation.none'),
      columns: [
        { header: t('summit.invitation.field.group'), cell: (i) => t(`summit.invitation.group.${i.group}`) },
        { header: t('summit.invitation.count'), numeric: true, cell: (i) => formatNumber(ctx.locale, i.count) },
        { header: t('summit.invitation.when'), cell: (i) => formatDateTime(ctx.locale, i.sentAt) },
      ],
    })}
    <h2 class="utrecht-heading-2" id="uitnodigen">${t('summit.invitation.formHeading')}</h2>
    ${errorSummary(t, errors, invitationLabels(t))}
    ${form({
      action: `${here}/uitnodigingen`, csrf: input.csrf, submit: t('summit.invitation.submit'), secondary: link(here, t('summit.cancel')),
      body: html`
        ${selectField(t, { name: 'group', label: t('summit.invitation.field.group'), value: values.group ?? '', errors, required: true, placeholder: t('summit.form.choose'),
          options: INVITATION_GROUPS.map((g) => ({ value: g, label: t(`summit.invitation.group.${g}`) })) })}
        ${textArea(t, { name: 'addresses', label: t('summit.invitation.field.addresses'), hint: t('summit.invitation.hint.addresses', { maximum: MAX_INVITATIONS }), value: values.addresses, errors, required: true, rows: 8 })}
        ${textArea(t, { name: 'message', label: t('summit.invitation.field.message'), hint: t('summit.invitation.hint.message', { maximum: MAX_INVITATION_MESSAGE }), value: values.message, errors, rows: 4 })}`,
    })}`;
}
