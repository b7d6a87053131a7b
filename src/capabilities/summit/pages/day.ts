import type { Context } from '../../../platform/context.js';
import { html, type SafeHtml } from '../../../platform/html.js';
import { FORM_KEY_FIELD, newFormKey } from '../../../platform/http/form-keys.js';
import { formatNumber, translator, type Translate } from '../../../platform/i18n/index.js';
import { actionButton, choiceFieldset, errorSummary, form, heading1, link, paragraph, selectField, textArea, textField, type FormErrors } from '../../../platform/ui/components.js';
import { renderBody } from '../../../platform/versions/render.js';
import type { PublicValueRow } from '../../municipality/index.js';
import { HORIZONS, MAX_AMBITION_TEXT, MAX_STEPS, OBJECTION_RESOLUTIONS, type ConsentState } from '../day-model.js';
import type { Ambition, AmbitionDetails, DayTable, Objection, Round } from '../day-store.js';
import type { ResolvedLink } from '../links.js';
import { summitPath } from '../service.js';
import type { Summit, WorkingGroup } from '../store.js';

/**
 * Pages of the day: the organisers' page (rounds, tables, facilitator links), a table's page
 * for the facilitator's phone (one short form, the table's list, no script), the plenary
 * (consent, objections, dots beside consent) and the outcome everyone reads after the day.
 */

export function dayLabels(t: Translate): Record<string, string> {
  return Object.fromEntries(['name', 'roundId', 'groupId', 'facilitator', 'title', 'body', 'why', 'horizon', 'values', 'facts', 'reason', 'raisedBy', 'resolution', 'dots', 'consent',
    ...Array.from({ length: MAX_STEPS }, (_, i) => [`step_${i + 1}`, `carrier_${i + 1}`]).flat()].map((f) => [f, t(`summit.day.field.${f.replace(/_\d$/, '')}`, { n: f.slice(-1) })]));
}

const tag = (text: string) => html`<span class="ba-tag">${text}</span>`;

// ---- the organisers' page ------------------------------------------------------------------------

export interface DayPageInput {
  summit: Summit;
  rounds: Round[];
  tables: Array<DayTable & { href: string; ambitions: number }>;
  groups: WorkingGroup[];
  captureOpen: boolean;
  csrf: string;
  values: Record<string, string>;
  errors: FormErrors;
  origin: string;
}

export function dayPage(ctx: Context, input: DayPageInput): SafeHtml {
  const t = translator(ctx.locale);
  const here = `${summitPath(ctx.tenant!.slug, input.summit.id)}/dag`;
  const labels = dayLabels(t);
  return html`${heading1(t('summit.day.title', { title: input.summit.title }))}
    ${paragraph(t(input.captureOpen ? 'summit.day.open' : 'summit.day.notOpen'))}
    ${paragraph(html`${link(`${summitPath(ctx.tenant!.slug, input.summit.id)}/plenair`, t('summit.plenary.link'))} · ${link(`${summitPath(ctx.tenant!.slug, input.summit.id)}/ambities`, t('summit.outcome.link'))}`)}
    ${errorSummary(t, input.errors, labels)}
    <section aria-labelledby="rondes"><h2 class="utrecht-heading-2" id="rondes">${t('summit.day.rounds')}</h2>
      ${input.rounds.length === 0 ? paragraph(t('summit.day.noRounds')) : ''}
      ${input.rounds.map((round) => {
        const tables = input.tables.filter((tb) => tb.roundId === round.id);
        return html`<h3 class="utrecht-heading-3">${round.name}</h3>
          ${tables.length ? html`<ul class="utrecht-unordered-list">${tables.map((tb) => html`<li id="tafel-${tb.id}"><strong>${tb.themeName}</strong> — ${t('summit.day.facilitatedBy', { name: tb.facilitator })},
            ${t('summit.day.ambitionCount', { count: formatNumber(ctx.locale, tb.ambitions) })}<br>
            ${t('summit.day.link')}: ${link(tb.href, `${input.origin}${tb.href}`)}
            ${actionButton({ action: `${here}/tafels/${tb.id}/nieuwe-link`, csrf: input.csrf, label: t('summit.day.renewLink', { theme: tb.themeName, round: round.name }) })}</li>`)}</ul>` : paragraph(t('summit.day.noTables'))}`;
      })}
      ${form({ action: `${here}/rondes`, csrf: input.csrf, submit: t('summit.day.addRound'), body: textField(t, { name: 'name', label: labels.name!, hint: t('summit.day.hint.round'), value: input.values.name, errors: input.errors, required: true, maxLength: 80 }) })}
    </section>
    ${input.rounds.length ? html`<section aria-labelledby="tafels"><h2 class="utrecht-heading-2" id="tafels">${t('summit.day.addTable')}</h2>
      ${paragraph(t('summit.day.tableIntro'))}
      ${form({
        action: `${here}/tafels`, csrf: input.csrf, submit: t('summit.day.addTable'),
        body: html`${selectField(t, { name: 'roundId', label: labels.roundId!, value: input.values.roundId ?? '', errors: input.errors, required: true, placeholder: t('summit.form.choose'), options: input.rounds.map((r) => ({ value: r.id, label: r.name })) })}
          ${selectField(t, { name: 'groupId', label: labels.groupId!, value: input.values.groupId ?? '', errors: input.errors, required: true, placeholder: t('summit.form.choose'), options: input.groups.map((g) => ({ value: g.id, label: g.name })) })}
          ${textField(t, { name: 'facilitator', label: labels.facilitator!, hint: t('summit.day.hint.facilitator'), value: input.values.facilitator, errors: input.errors, required: true, maxLength: 120 })}`,
      })}
    </section>` : ''}`;
}

// ---- a table's page, on the facilitator's phone ----------------------------------------------------

export interface TablePageInput {
  summit: Summit;
  table: DayTable;
  round: Round | null;
  /** The page's own address (with the link's secret). */
  base: string;
  publicValues: PublicValueRow[];
  facts: ResolvedLink[];
  ambitions: Ambition[];
  captureOpen: boolean;
  /** The ambition the server just acknowledged. */
  received: Ambition | null;
  /** Correcting this ambition rather than adding one. */
  correcting: Ambition | null;
  values: Record<string, string>;
  chosen: { values: string[]; facts: string[] };
  errors: FormErrors;
  csrf: string;
}

function checkboxes(name: string, legend: string, hint: string | null, errors: FormErrors, options: Array<{ value: string; label: SafeHtml | string }>, chosen: readonly string[]): SafeHtml {
  return choiceFieldset({ name, legend, hint, errors, options, chosen, type: name === 'horizon' ? 'radio' : 'checkbox' });
}

function ambitionFields(ctx: Context, input: TablePageInput): SafeHtml {
  const t = translator(ctx.locale);
  const labels = dayLabels(t);
  const { values, errors } = input;
  return html`${textField(t, { name: 'title', label: labels.title!, hint: t('summit.day.hint.title'), value: values.title, errors, required: true, maxLength: 160 })}
    ${textArea(t, { name: 'body', label: labels.body!, value: values.body, errors, required: true, rows: 4 })}
    ${textArea(t, { name: 'why', label: labels.why!, value: values.why, errors, rows: 3 })}
    ${checkboxes('horizon', labels.horizon!, null, errors, HORIZONS.map((h) => ({ value: String(h), label: t('summit.day.years', { years: h }) })), [values.horizon ?? ''])}
    ${input.publicValues.length ? checkboxes('values', labels.values!, t('summit.day.hint.values'), errors, input.publicValues.map((v) => ({ value: v.id, label: ctx.locale === 'en' ? v.name_en : v.name_nl })), input.chosen.values) : ''}
    ${input.facts.length ? checkboxes('facts', labels.facts!, t('summit.day.hint.facts'), errors, input.facts.map((f) => ({ value: f.id, label: `${t(`summit.linkKind.${f.kind}`)}: ${f.title}` })), input.chosen.facts) : ''}
    <fieldset class="utrecht-form-fieldset ba-fieldset"><legend class="utrecht-form-fieldset__legend">${t('summit.day.steps')}</legend>
      ${Array.from({ length: MAX_STEPS }, (_, i) => html`${textField(t, { name: `step_${i + 1}`, label: labels[`step_${i + 1}`]!, value: values[`step_${i + 1}`], errors, maxLength: 300 })}
        ${textField(t, { name: `carrier_${i + 1}`, label: labels[`carrier_${i + 1}`]!, hint: i === 0 ? t('summit.day.hint.carrier') : undefined, value: values[`carrier_${i + 1}`], errors, maxLength: 120 })}`)}
    </fieldset>`;
}

export function tablePage(ctx: Context, input: TablePageInput): SafeHtml {
  const t = translator(ctx.locale);
  const heading = input.correcting ? t('summit.day.correctTitle', { title: input.correcting.title }) : t('summit.day.tableTitle', { theme: input.table.themeName });
  return html`<div class="ba-phone">${heading1(heading)}
    ${paragraph(html`${input.round ? `${input.round.name} · ` : ''}${t('summit.day.facilitatedBy', { name: input.table.facilitator })} · ${input.summit.title}`)}
    ${input.received ? html`<div class="utrecht-alert utrecht-alert--ok" role="status" id="ontvangen"><p class="utrecht-paragraph"><strong>${t('summit.day.received', { title: input.received.title })}</strong></p>
      <p class="utrecht-paragraph">${t('summit.day.receivedHint')}</p></div>` : ''}
    ${input.captureOpen
      ? html`${errorSummary(t, input.errors, dayLabels(t))}
        ${form({ action: input.correcting ? `${input.base}/ambities/${input.correcting.id}` : input.base, csrf: input.csrf, submit: t(input.correcting ? 'summit.day.saveCorrection' : 'summit.day.submit'), body: ambitionFields(ctx, input),
          secondary: input.correcting ? link(input.base, t('summit.cancel')) : undefined })}`
      : paragraph(t('summit.day.notOpen'))}
    ${input.correcting ? '' : html`<section aria-labelledby="tafellijst"><h2 class="utrecht-heading-2" id="tafellijst">${t('summit.day.tableList', { count: formatNumber(ctx.locale, input.ambitions.length) })}</h2>
      ${input.ambitions.length ? html`<ol class="utrecht-ordered-list">${input.ambitions.map((a) => html`<li id="ambitie-${a.id}"><strong>${a.title}</strong> (${t('summit.day.years', { years: a.horizon })})
        ${input.captureOpen ? html`<br>${link(`${input.base}/ambities/${a.id}`, t('summit.day.correct', { title: a.title }))}` : ''}</li>`)}</ol>` : paragraph(t('summit.day.tableEmpty'))}
    </section>`}</div>`;
}

// ---- the plenary and the outcome -------------------------------------------------------------------

export interface AmbitionView {
  ambition: Ambition;
  state: ConsentState;
  themePosition: number;
  values: string[];
  facts: ResolvedLink[];
  steps: AmbitionDetails['steps'];
  objections: Objection[];
}

function ambitionDetails(ctx: Context, view: AmbitionView): SafeHtml {
  const t = translator(ctx.locale);
  const a = view.ambition;
  return html`${renderBody(a.body)}
    ${a.why ? html`<p class="utrecht-paragraph"><strong>${t('summit.day.field.why')}:</strong> ${a.why}</p>` : ''}
    <p class="utrecht-paragraph">${t('summit.day.field.horizon')}: ${t('summit.day.years', { years: a.horizon })}${view.values.length ? html` · ${t('summit.day.field.values')}: ${view.values.join(', ')}` : ''}</p>
    ${view.facts.length ? html`<p class="utrecht-paragraph">${t('summit.day.field.facts')}:</p><ul class="utrecht-unordered-list">${view.facts.map((f) => html`<li>${f.available ? link(f.href, f.title) : f.title}</li>`)}</ul>` : ''}
    ${view.steps.length ? html`<p class="utrecht-paragraph">${t('summit.day.steps')}:</p><ol class="utrecht-ordered-list">${view.steps.map((s) => html`<li>${s.step}${s.carrier ? html` — ${t('summit.day.carriedBy', { carrier: s.carrier })}` : ''}</li>`)}</ol>` : ''}`;
}

/** A text field of one of many forms on a page (its id made unique with the ambition's). */
function smallField(name: string, ambitionId: string, label: string, hint: string | null, required: boolean): SafeHtml {
  const id = `field-${name}-${ambitionId}`;
  return html`<div class="utrecht-form-field utrecht-form-field--text"><div class="utrecht-form-field__label"><label class="utrecht-form-label" for="${id}">${label}</label></div>
    ${hint ? html`<div class="utrecht-form-field-description" id="hint-${id}">${hint}</div>` : ''}
    <div class="utrecht-form-field__input"><input class="utrecht-textbox utrecht-textbox--html-input" id="${id}" name="${name}" type="text" maxlength="${name === 'reason' ? 500 : 120}"${required ? html` required` : ''}${hint ? html` aria-describedby="hint-${id}"` : ''}></div></div>`;
}

const themes = (views: AmbitionView[]) => [...new Map(views.map((v) => [`${v.themePosition}|${v.ambition.themeName}`, v.ambition.themeName])).entries()];

export interface PlenaryPageInput {
  summit: Summit;
  views: AmbitionView[];
  dotVoting: boolean;
  byDots: boolean;
  open: boolean;
  csrf: string;
  base: string;
}

export function plenaryPage(ctx: Context, input: PlenaryPageInput): SafeHtml {
  const t = translator(ctx.locale);
  const labels = dayLabels(t);
  return html`${heading1(t('summit.plenary.title', { title: input.summit.title }))}
    ${paragraph(t('summit.plenary.intro'))}
    ${input.open ? '' : paragraph(t('summit.day.notOpen'))}
    ${actionButton({ action: `${input.base}/stippen`, csrf: input.csrf, label: t(input.dotVoting ? 'summit.plenary.dotsOff' : 'summit.plenary.dotsOn'), fields: { enabled: input.dotVoting ? 'off' : 'on' } })}
    ${input.dotVoting ? paragraph(input.byDots ? link(input.base, t('summit.plenary.byConsent')) : link(`${input.base}?volgorde=stippen`, t('summit.plenary.byDots'))) : ''}
    ${input.views.length === 0 ? paragraph(t('summit.plenary.empty')) : ''}
    ${themes(input.views).map(([key, theme]) => html`<section aria-labelledby="thema-${input.views.find((v) => `${v.themePosition}|${v.ambition.themeName}` === key)!.ambition.id}">
      <h2 class="utrecht-heading-2" id="thema-${input.views.find((v) => `${v.themePosition}|${v.ambition.themeName}` === key)!.ambition.id}">${theme}</h2>
      ${input.views.filter((v) => `${v.themePosition}|${v.ambition.themeName}` === key).map((v) => html`<article class="ba-ambition" id="ambitie-${v.ambition.id}" aria-labelledby="kop-${v.ambition.id}">
        <h3 class="utrecht-heading-3" id="kop-${v.ambition.id}">${v.ambition.title}</h3>
        <p class="utrecht-paragraph">${tag(t(`summit.consent.${v.state}`))}${input.dotVoting ? html` ${tag(t('summit.plenary.dotCount', { count: formatNumber(ctx.locale, v.ambition.dots ?? 0) }))}` : ''}</p>
        ${ambitionDetails(ctx, v)}
        ${v.objections.length ? html`<h4 class="utrecht-heading-4">${t('summit.plenary.objections')}</h4><ul class="utrecht-unordered-list">${v.objections.map((o) => html`<li>${o.reason} — ${o.raisedBy ?? t('summit.plenary.aParticipant')}: ${tag(t(`summit.resolution.${o.resolution}`))}
          ${input.open ? html`<form method="post" action="${input.base}/bezwaren/${o.id}" class="ba-inline-form"><input type="hidden" name="_csrf" value="${input.csrf}">
            <label class="utrecht-form-label" for="resolution-${o.id}">${t('summit.plenary.resolutionOf', { reason: o.reason })}</label>
            <select class="utrecht-select utrecht-select--html-select" id="resolution-${o.id}" name="resolution">${OBJECTION_RESOLUTIONS.map((r) => html`<option value="${r}"${r === o.resolution ? html` selected` : ''}>${t(`summit.resolution.${r}`)}</option>`)}</select>
            <button type="submit" class="utrecht-button utrecht-button--secondary-action">${t('summit.plenary.saveResolution')}</button></form>` : ''}</li>`)}</ul>` : ''}
        ${input.open ? html`<div class="utrecht-button-group ba-actions">
          ${actionButton({ action: `${input.base}/ambities/${v.ambition.id}/instemming`, csrf: input.csrf, label: v.ambition.consentAt ? t('summit.plenary.undoConsent', { title: v.ambition.title }) : t('summit.plenary.consent', { title: v.ambition.title }), fields: { consent: v.ambition.consentAt ? 'off' : 'on' } })}
          </div>
          <details class="ba-details"><summary>${t('summit.plenary.addObjection', { title: v.ambition.title })}</summary>
          <form method="post" action="${input.base}/ambities/${v.ambition.id}/bezwaar" class="utrecht-form ba-form"><input type="hidden" name="_csrf" value="${input.csrf}"><input type="hidden" name="${FORM_KEY_FIELD}" value="${newFormKey()}">
            ${smallField('reason', v.ambition.id, labels.reason!, null, true)}
            ${smallField('raisedBy', v.ambition.id, labels.raisedBy!, t('summit.plenary.hint.raisedBy'), false)}
            <button type="submit" class="utrecht-button utrecht-button--primary-action">${t('summit.plenary.saveObjection')}</button></form>
          </details>
          ${input.dotVoting ? html`<form method="post" action="${input.base}/ambities/${v.ambition.id}/stippen" class="ba-inline-form"><input type="hidden" name="_csrf" value="${input.csrf}">
            <label class="utrecht-form-label" for="dots-${v.ambition.id}">${t('summit.plenary.dotsOf', { title: v.ambition.title })}</label>
            <input class="utrecht-textbox utrecht-textbox--html-input" type="number" min="0" id="dots-${v.ambition.id}" name="dots" value="${v.ambition.dots ?? ''}">
            <button type="submit" class="utrecht-button utrecht-button--secondary-action">${t('summit.plenary.saveDots')}</button></form>` : ''}` : ''}
      </article>`)}
    </section>`)}`;
}

/** After the day, for everyone: the agreed ambitions per theme; objections' reasons and how they were resolved, never who raised them. */
export function outcomePage(ctx: Context, input: { summit: Summit; views: AmbitionView[]; published: boolean }): SafeHtml {
  const t = translator(ctx.locale);
  const agreed = input.views.filter((v) => v.state === 'agreed');
  return html`${heading1(t('summit.outcome.title', { title: input.summit.title }))}
    ${paragraph(html`${t('summit.outcome.intro')} ${link(summitPath(ctx.tenant!.slug, input.summit.id), input.summit.title)}`)}
    ${!input.published ? paragraph(t('summit.outcome.notYet')) : agreed.length === 0 ? paragraph(t('summit.outcome.none')) : themes(agreed).map(([key, theme], i) => html`<section aria-labelledby="thema-${i}">
      <h2 class="utrecht-heading-2" id="thema-${i}">${theme}</h2>
      ${agreed.filter((v) => `${v.themePosition}|${v.ambition.themeName}` === key).map((v) => html`<article class="ba-ambition" id="ambitie-${v.ambition.id}" aria-labelledby="kop-${v.ambition.id}">
        <h3 class="utrecht-heading-3" id="kop-${v.ambition.id}">${v.ambition.title}</h3>
        ${ambitionDetails(ctx, v)}
        ${v.objections.length ? html`<p class="utrecht-paragraph">${t('summit.plenary.objections')}:</p><ul class="utrecht-unordered-list">${v.objections.map((o) => html`<li>${o.reason} (${t(`summit.resolution.${o.resolution}`)})</li>`)}</ul>` : ''}
      </article>`)}
    </section>`)}`;
}
