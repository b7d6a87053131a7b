import { html, type HtmlValue, type SafeHtml } from '../html.js';
import { formatDateTime, type Locale, type Translate } from '../i18n/index.js';
import { errorSummary, form, heading1, link, paragraph, table, textArea, type FormErrors } from '../ui/components.js';
import { renderBody } from '../versions/render.js';
import { MAX_EXPLANATION, moderatedKind, type ModeratedItem, type ModerationState, type OpenItem } from './service.js';
import { reportCategories, type Decision, type ReportStatus } from './store.js';

/**
 * How moderated content looks: a hidden item is replaced by a notice for everyone except its
 * author, who sees their own text with the moderators' reason. The pages of the report form and
 * of the moderators' queue live here too.
 */
export function renderModerated(t: Translate, input: { kind: string; state: ModerationState | null | undefined; isAuthor: boolean; content: HtmlValue }): SafeHtml {
  if (!input.state) return html`${input.content}`;
  if (!input.isAuthor) return paragraph(html`<em>${t(moderatedKind(input.kind).hiddenKey)}</em>`);
  return html`<div class="utrecht-alert utrecht-alert--warning" role="note"><p class="utrecht-paragraph">${t('moderation.hiddenForAuthor', { reason: input.state.reason })}</p></div>${input.content}`;
}

export function reportPath(base: string, kind: string, id: string): string {
  return `${base}/melden/${kind}/${id}`;
}

/** "Report" link for one item; `context` (hidden) tells screen-reader users which item it is. */
export function reportLink(t: Translate, base: string, kind: string, id: string, context: string): SafeHtml {
  return html`<a class="utrecht-link" href="${reportPath(base, kind, id)}">${t('moderation.report.link')}<span class="ba-visually-hidden"> (${context})</span></a>`;
}

export function itemPath(base: string, kind: string, id: string): string {
  return `${base}/beheer/moderatie/${kind}/${id}`;
}

function quoted(t: Translate, item: ModeratedItem): SafeHtml {
  return item.removed || item.text === ''
    ? paragraph(html`<em>${t('moderation.removed')}</em>`)
    : html`<blockquote class="ba-card">${renderBody(item.text)}</blockquote>`;
}

export function reportLabels(t: Translate): { category: string; explanation: string } {
  return { category: t('moderation.field.category'), explanation: t('moderation.field.explanation') };
}

export function reportPage(t: Translate, input: { base: string; csrf: string; kind: string; id: string; item: ModeratedItem; values: Record<string, string>; errors: FormErrors }): SafeHtml {
  const labels = reportLabels(t);
  const { errors, values } = input;
  const error = errors.category;
  const label = t(moderatedKind(input.kind).labelKey);
  return html`${heading1(t('moderation.report.title', { item: label }))}
    ${paragraph(t('moderation.report.intro'))}
    <h2 class="utrecht-heading-2">${t('moderation.report.what', { item: label })}</h2>
    ${paragraph(link(input.item.path, input.item.title))}
    ${quoted(t, input.item)}
    <h2 class="utrecht-heading-2">${t('moderation.report.why')}</h2>
    ${errorSummary(t, errors, labels)}
    ${form({ action: reportPath(input.base, input.kind, input.id), csrf: input.csrf, submit: t('moderation.report.submit'), body: html`
      <fieldset class="utrecht-form-fieldset ba-fieldset${error ? ' utrecht-form-fieldset--invalid' : ''}"${error ? html` aria-describedby="error-category"` : ''}>
        <legend class="utrecht-form-fieldset__legend">${labels.category}</legend>
        ${error ? html`<div class="utrecht-form-field-error-message" id="error-category">${error}</div>` : ''}
        ${reportCategories.map((c, i) => html`<div class="utrecht-form-field utrecht-form-field--radio">
          <input class="utrecht-radio-button utrecht-radio-button--html-input" type="radio" id="${i === 0 ? 'field-category' : `field-category-${c}`}" name="category" value="${c}"${values.category === c ? html` checked` : ''}>
          <label class="utrecht-form-label utrecht-form-label--radio" for="${i === 0 ? 'field-category' : `field-category-${c}`}">${t(`moderation.category.${c}`)}</label>
        </div>`)}
      </fieldset>
      ${textArea(t, { name: 'explanation', label: labels.explanation, hint: t('moderation.field.explanationHint', { maximum: MAX_EXPLANATION }), value: values.explanation ?? '', errors, rows: 4 })}` })}`;
}

// ---- the moderators' pages -------------------------------------------------------------------------

export interface QueueEntry {
  open: OpenItem;
  item: ModeratedItem | null;
}

function categoryList(t: Translate, locale: Locale, reports: OpenItem['reports']): SafeHtml {
  return html`<ul class="utrecht-unordered-list">${reports.map((r) => html`<li>${t(`moderation.category.${r.category}`)}, ${formatDateTime(locale, r.createdAt)}${r.explanation ? html`: “${r.explanation}”` : ''}</li>`)}</ul>`;
}

export function queuePage(t: Translate, locale: Locale, input: { base: string; entries: QueueEntry[]; hidden: Array<{ kind: string; id: string; hiddenAt: string; reason: string; item: ModeratedItem | null }> }): SafeHtml {
  const { base } = input;
  return html`${heading1(t('moderation.queue.title'))}
    ${paragraph(t('moderation.queue.intro'))}
    <h2 class="utrecht-heading-2">${t('moderation.queue.open', { count: input.entries.length })}</h2>
    ${input.entries.length === 0 ? html`<p class="utrecht-paragraph ba-empty">${t('moderation.queue.empty')}</p>` : input.entries.map(({ open, item }) => html`
      <section class="ba-card" aria-labelledby="item-${open.id}">
        <h3 class="utrecht-heading-3" id="item-${open.id}">${item ? item.title : t('moderation.gone')}</h3>
        ${item ? quoted(t, item) : ''}
        ${paragraph(t('moderation.queue.reports', { count: open.reports.length }))}
        ${categoryList(t, locale, open.reports)}
        ${paragraph(link(itemPath(base, open.kind, open.id), t('moderation.queue.judge', { title: item?.title ?? open.id })))}
      </section>`)}
    <h2 class="utrecht-heading-2">${t('moderation.queue.hidden')}</h2>
    ${table({
      caption: t('moderation.queue.hidden'), captionHidden: true, empty: t('moderation.queue.hiddenNone'), rows: input.hidden,
      columns: [
        { header: t('moderation.column.item'), cell: (h) => link(itemPath(base, h.kind, h.id), h.item?.title ?? t('moderation.gone')) },
        { header: t('moderation.column.hiddenAt'), cell: (h) => formatDateTime(locale, h.hiddenAt) },
        { header: t('moderation.column.reason'), cell: (h) => h.reason },
      ],
    })}`;
}

export function itemLabels(t: Translate): { reason: string; dismissNote: string; restoreNote: string } {
  return { reason: t('moderation.field.reason'), dismissNote: t('moderation.field.dismissNote'), restoreNote: t('moderation.field.restoreNote') };
}

export interface ItemPageInput {
  base: string;
  csrf: string;
  kind: string;
  id: string;
  item: ModeratedItem;
  state: ModerationState | null;
  reports: Array<{ category: string; explanation: string | null; status: ReportStatus; created_at: string }>;
  decisions: Array<{ decision: Decision; reason: string | null; moderator: string | null; created_at: string }>;
  values: Record<string, string>;
  errors: FormErrors;
}

export function itemPage(t: Translate, locale: Locale, input: ItemPageInput): SafeHtml {
  const { base, errors, values } = input;
  const labels = itemLabels(t);
  const path = itemPath(base, input.kind, input.id);
  const open = input.reports.filter((r) => r.status === 'open');
  return html`${heading1(input.item.title)}
    ${paragraph(link(input.item.path, t('moderation.item.view')))}
    ${input.state
      ? html`<div class="utrecht-alert utrecht-alert--warning" role="note"><p class="utrecht-paragraph">${t('moderation.item.hidden', { reason: input.state.reason, when: formatDateTime(locale, input.state.hiddenAt) })}</p></div>`
      : paragraph(t('moderation.item.visible'))}
    ${quoted(t, input.item)}
    <h2 class="utrecht-heading-2">${t('moderation.item.reports', { count: open.length })}</h2>
    ${table({
      caption: t('moderation.item.allReports'), empty: t('moderation.item.noReports'), rows: input.reports,
      columns: [
        { header: t('moderation.column.when'), cell: (r) => formatDateTime(locale, r.created_at) },
        { header: t('moderation.field.category'), cell: (r) => t(`moderation.category.${r.category}`) },
        { header: t('moderation.field.explanation'), cell: (r) => r.explanation ?? '—' },
        { header: t('moderation.column.status'), cell: (r) => t(`moderation.reportStatus.${r.status}`) },
      ],
    })}
    <h2 class="utrecht-heading-2">${t('moderation.item.decide')}</h2>
    ${errorSummary(t, errors, labels)}
    ${input.state ? '' : html`<h3 class="utrecht-heading-3">${t('moderation.hide.title')}</h3>
      ${form({ action: `${path}/verbergen`, csrf: input.csrf, submit: t('moderation.hide.submit'), body: textArea(t, { name: 'reason', label: labels.reason, hint: t('moderation.field.reasonHint'), value: values.reason ?? '', errors, rows: 3, required: true }) })}`}
    ${open.length ? html`<h3 class="utrecht-heading-3">${t('moderation.dismiss.title')}</h3>
      ${paragraph(t('moderation.dismiss.intro'))}
      ${form({ action: `${path}/afwijzen`, csrf: input.csrf, submit: t('moderation.dismiss.submit', { count: open.length }), body: textArea(t, { name: 'dismissNote', label: labels.dismissNote, value: values.dismissNote ?? '', errors, rows: 2 }) })}` : ''}
    ${input.state ? html`<h3 class="utrecht-heading-3">${t('moderation.restore.title')}</h3>
      ${form({ action: `${path}/terugzetten`, csrf: input.csrf, submit: t('moderation.restore.submit'), body: textArea(t, { name: 'restoreNote', label: labels.restoreNote, hint: t('moderation.field.restoreNoteHint'), value: values.restoreNote ?? '', errors, rows: 2, required: true }) })}` : ''}
    <h2 class="utrecht-heading-2">${t('moderation.item.history')}</h2>
    ${table({
      caption: t('moderation.item.history'), captionHidden: true, empty: t('moderation.item.noHistory'), rows: input.decisions,
      columns: [
        { header: t('moderation.column.when'), cell: (d) => formatDateTime(locale, d.created_at) },
        { header: t('moderation.column.decision'), cell: (d) => t(`moderation.decision.${d.decision}`) },
        { header: t('moderation.column.reason'), cell: (d) => d.reason ?? '—' },
        { header: t('moderation.column.moderator'), cell: (d) => d.moderator ?? '—' },
      ],
    })}`;
}
