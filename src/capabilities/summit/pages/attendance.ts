import type { Context } from '../../../platform/context.js';
import { html, type SafeHtml } from '../../../platform/html.js';
import { formatDateTime, formatNumber, translator, type Translate } from '../../../platform/i18n/index.js';
import { checkboxField, dataList, errorSummary, form, heading1, link, paragraph, textField, type FormErrors } from '../../../platform/ui/components.js';
import { mayAttend, type AttendanceTotals } from '../registration-model.js';
import type { Registration } from '../registration-store.js';
import { summitPath } from '../service.js';
import type { Summit } from '../store.js';

/**
 * Who came: the totals on the organisers' registrations page, and the page on which they tick,
 * on or after the day, who came and count the walk-ins.
 */
export const attendancePath = (ctx: Context, summitId: string) => `${summitPath(ctx.tenant!.slug, summitId)}/aanwezigheid`;

export function attendanceLabels(t: Translate): Record<string, string> {
  return { came: t('summit.attendance.came'), walkIns: t('summit.attendance.walkIns') };
}

/** On the registrations page: the totals, and the way to record them once the day has come. */
export function attendanceSection(ctx: Context, input: { summit: Summit; totals: AttendanceTotals; recordedAt: string | null; mayRecord: boolean; problem: 'notYet' | 'cancelled' | null }): SafeHtml {
  const t = translator(ctx.locale);
  const n = (v: number) => formatNumber(ctx.locale, v);
  const { totals } = input;
  return html`<h2 class="utrecht-heading-2" id="aanwezigheid">${t('summit.attendance.heading')}</h2>
    ${input.recordedAt
      ? html`${paragraph(t('summit.attendance.recordedAt', { at: formatDateTime(ctx.locale, input.recordedAt) }))}
        ${dataList([
          [t('summit.attendance.total.attended'), n(totals.attended)],
          [t('summit.attendance.total.absent'), n(totals.absent)],
          [t('summit.attendance.total.unknown'), n(totals.unknown)],
          [t('summit.attendance.total.walkIns'), n(totals.walkIns)],
          [t('summit.attendance.total.present'), html`<strong>${n(totals.present)}</strong>`],
        ])}`
      : paragraph(t(input.problem ? `summit.attendance.${input.problem}` : 'summit.attendance.none'))}
    ${input.mayRecord && !input.problem ? paragraph(link(attendancePath(ctx, input.summit.id), t(input.recordedAt ? 'summit.attendance.change' : 'summit.attendance.record'))) : ''}`;
}

/** The form: a checkbox per registration with a place or on the waiting list, and the number of walk-ins. */
export function attendancePage(ctx: Context, input: { summit: Summit; registrations: Registration[]; walkIns: number | null; csrf: string; values?: Record<string, string>; errors?: FormErrors }): SafeHtml {
  const t = translator(ctx.locale);
  const errors = input.errors ?? {};
  const values = input.values;
  const listed = input.registrations.filter((r) => mayAttend(r.status));
  const checked = (r: Registration) => (values ? values[`came-${r.id}`] === 'on' : r.attended === true);
  return html`${heading1(t('summit.attendance.title', { title: input.summit.title }))}
    ${paragraph(t('summit.attendance.intro'))}
    ${errorSummary(t, errors, attendanceLabels(t))}
    ${form({
      action: attendancePath(ctx, input.summit.id), csrf: input.csrf, submit: t('summit.attendance.submit'),
      secondary: link(`${summitPath(ctx.tenant!.slug, input.summit.id)}/aanmeldingen#aanwezigheid`, t('summit.cancel')),
      body: html`<fieldset class="utrecht-form-fieldset ba-fieldset" id="field-came"${errors.came ? html` aria-describedby="error-came"` : ''}>
          <legend class="utrecht-form-fieldset__legend">${t('summit.attendance.came')}</legend>
          <p class="utrecht-form-field-description">${t('summit.attendance.cameHint')}</p>
          ${errors.came ? html`<p class="utrecht-form-field-error-message" id="error-came">${errors.came}</p>` : ''}
          ${listed.length
            ? listed.map((r) => checkboxField({ name: `came-${r.id}`, label: r.status === 'waiting' ? t('summit.attendance.waitingName', { name: r.name }) : r.name, checked: checked(r) }))
            : paragraph(t('summit.attendance.noRegistrations'))}
        </fieldset>
        ${textField(t, { name: 'walkIns', label: t('summit.attendance.walkIns'), hint: t('summit.attendance.walkInsHint'), type: 'number', value: values?.walkIns ?? String(input.walkIns ?? 0), errors, required: true, maxLength: 6 })}`,
    })}`;
}
