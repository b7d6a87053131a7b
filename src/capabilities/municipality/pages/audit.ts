import { ERASED, type AuditRecord } from '../../../platform/audit.js';
import { html, type HtmlValue, type SafeHtml } from '../../../platform/html.js';
import { formatDateTime, type Locale, type Translate } from '../../../platform/i18n/index.js';
import { errorSummary, heading1, link, paragraph, table, type FormErrors } from '../../../platform/ui/components.js';
import { auditDiff } from '../model.js';

export interface AuditFilterValues {
  action?: string;
  entityType?: string;
  actor?: string;
  from?: string;
  to?: string;
  /** Entries per page; kept when paging, not offered in the form. */
  limit?: string;
}

export function auditLabels(t: Translate): Record<string, string> {
  return {
    action: t('municipality.audit.action'),
    entityType: t('municipality.audit.entityType'),
    actor: t('municipality.audit.actor'),
    from: t('municipality.audit.from'),
    to: t('municipality.audit.to'),
    before: t('municipality.audit.cursor'),
    limit: t('municipality.audit.limit'),
  };
}

const MAX_SHOWN = 300;

function shorten(text: string): string {
  return text.length > MAX_SHOWN ? `${text.slice(0, MAX_SHOWN)}…` : text;
}

export function auditValue(t: Translate, value: unknown): HtmlValue {
  if (value === undefined || value === null || value === '') return html`<span aria-hidden="true">—</span><span class="ba-visually-hidden">${t('municipality.audit.empty')}</span>`;
  if (value === ERASED) return html`<em class="ba-tag">${t('municipality.audit.erased')}</em>`;
  if (typeof value === 'boolean') return t(value ? 'municipality.audit.yes' : 'municipality.audit.no');
  if (typeof value === 'string') return shorten(value);
  if (typeof value === 'number') return String(value);
  // Nested values may themselves hold erased parts.
  return html`<code class="utrecht-code">${shorten(JSON.stringify(value, (_k, v: unknown) => (v === ERASED ? t('municipality.audit.erased') : v)))}</code>`;
}

export function auditChanges(t: Translate, entry: Pick<AuditRecord, 'before' | 'after'>): SafeHtml {
  const rows = auditDiff(entry.before, entry.after);
  if (rows.length === 0) return html`<span class="ba-empty">${t('municipality.audit.noChanges')}</span>`;
  return html`<ul class="utrecht-unordered-list">${rows.map((row) => html`<li><code class="utrecht-code">${row.field}</code>: ${entry.before
    ? html`${auditValue(t, row.before)} <span aria-hidden="true">→</span><span class="ba-visually-hidden">${t('municipality.audit.becomes')}</span> ${auditValue(t, row.after)}`
    : auditValue(t, row.after)}</li>`)}</ul>`;
}

/** The actor's pseudonym links to all entries by the same actor. */
export function actorLabel(t: Translate, actor: string | null, path?: string): HtmlValue {
  if (actor === 'system') return t('municipality.audit.system');
  if (actor === null) return t('municipality.audit.anonymous');
  const code = html`<code class="utrecht-code">${actor}</code>`;
  return path ? html`<a class="utrecht-link" href="${path}?actor=${encodeURIComponent(actor)}" title="${t('municipality.audit.byActor', { actor })}">${code}</a>` : code;
}

function options(values: string[], selected: string | undefined, all: string): SafeHtml {
  const list = selected && !values.includes(selected) ? [selected, ...values] : values;
  return html`<option value="">${all}</option>${list.map((v) => html`<option value="${v}"${v === selected ? html` selected` : ''}>${v}</option>`)}`;
}

function filterQuery(filter: AuditFilterValues, before?: string): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(filter)) if (value) params.set(key, value);
  if (before) params.set('before', before);
  const query = params.toString();
  return query ? `?${query}` : '';
}

export interface AuditPageInput {
  /** The page's own path, e.g. /voorbeeldstad/beheer/logboek or /beheer/logboek. */
  path: string;
  locale: Locale;
  entries: AuditRecord[];
  next: string | null;
  paged: boolean;
  filter: AuditFilterValues;
  facets: { actions: string[]; entityTypes: string[] };
  errors: FormErrors;
  /** Installation-wide view: the slug of each entry's municipality. */
  municipalities?: Map<string, string>;
  scopeName: string;
}

export function auditPage(t: Translate, input: AuditPageInput): SafeHtml {
  const { filter, errors } = input;
  const labels = auditLabels(t);
  const invalid = (name: string) => (errors[name] ? html` aria-invalid="true" aria-describedby="error-${name}"` : '');
  const fieldError = (name: string) => (errors[name] ? html`<div class="utrecht-form-field-error-message" id="error-${name}">${errors[name]}</div>` : '');
  const wide = input.municipalities;
  return html`${heading1(t('municipality.audit.title'))}
    ${paragraph(t('municipality.audit.intro'))}
    ${errorSummary(t, errors, labels)}
    <form method="get" action="${input.path}" class="ba-filter" role="search" aria-label="${t('municipality.audit.filter')}">
      <div class="utrecht-form-field"><label class="utrecht-form-label" for="field-action">${labels.action}</label>${fieldError('action')}
        <select class="utrecht-select utrecht-select--html-select" id="field-action" name="action"${invalid('action')}>${options(input.facets.actions, filter.action, t('municipality.audit.all'))}</select></div>
      <div class="utrecht-form-field"><label class="utrecht-form-label" for="field-entityType">${labels.entityType}</label>${fieldError('entityType')}
        <select class="utrecht-select utrecht-select--html-select" id="field-entityType" name="entityType"${invalid('entityType')}>${options(input.facets.entityTypes, filter.entityType, t('municipality.audit.all'))}</select></div>
      <div class="utrecht-form-field"><label class="utrecht-form-label" for="field-actor">${labels.actor}</label>${fieldError('actor')}
        <input class="utrecht-textbox utrecht-textbox--html-input" type="text" id="field-actor" name="actor" value="${filter.actor ?? ''}" maxlength="64" autocomplete="off" spellcheck="false"${invalid('actor')}></div>
      <div class="utrecht-form-field"><label class="utrecht-form-label" for="field-from">${labels.from}</label>${fieldError('from')}
        <input class="utrecht-textbox utrecht-textbox--html-input" type="date" id="field-from" name="from" value="${filter.from ?? ''}"${invalid('from')}></div>
      <div class="utrecht-form-field"><label class="utrecht-form-label" for="field-to">${labels.to}</label>${fieldError('to')}
        <input class="utrecht-textbox utrecht-textbox--html-input" type="date" id="field-to" name="to" value="${filter.to ?? ''}"${invalid('to')}></div>
      ${filter.limit ? html`<input type="hidden" name="limit" value="${filter.limit}">` : ''}
      <button type="submit" class="utrecht-button utrecht-button--secondary-action">${t('municipality.audit.apply')}</button>
      ${link(input.path, t('municipality.audit.reset'))}
    </form>
    ${paragraph(html`<span class="ba-small">${t('municipality.audit.actorHint')}</span>`)}
    ${table({
      caption: t('municipality.audit.caption', { name: input.scopeName }),
      empty: t('municipality.audit.none'),
      rows: input.entries,
      columns: [
        { header: t('municipality.audit.time'), cell: (e) => html`<time datetime="${e.at}">${formatDateTime(input.locale, e.at)}</time>` },
        ...(wide ? [{ header: t('municipality.audit.municipality'), cell: (e: AuditRecord) => (e.municipalityId ? wide.get(e.municipalityId) ?? e.municipalityId : t('municipality.audit.installation')) }] : []),
        { header: t('municipality.audit.actor'), cell: (e) => actorLabel(t, e.actor, input.path) },
        { header: t('municipality.audit.action'), cell: (e) => html`<code class="utrecht-code">${e.action}</code>` },
        { header: t('municipality.audit.entity'), cell: (e) => html`${e.entityType}<br><code class="utrecht-code ba-small">${e.entityId}</code>` },
        { header: t('municipality.audit.changes'), cell: (e) => auditChanges(t, e) },
      ],
    })}
    ${input.paged || input.next ? html`<nav class="ba-actions" aria-label="${t('municipality.audit.paging')}">
      ${input.paged ? link(`${input.path}${filterQuery(filter)}`, t('municipality.audit.newest')) : ''}
      ${input.next ? link(`${input.path}${filterQuery(filter, input.next)}`, t('municipality.audit.older')) : ''}
    </nav>` : ''}`;
}
