import type { Context } from '../../../platform/context.js';
import { html, type HtmlValue, type SafeHtml } from '../../../platform/html.js';
import { formatDate, translator, type Translate } from '../../../platform/i18n/index.js';
import {
  actionButton, checkboxField, choiceFieldset, dataList, errorSummary, form, formPage, heading1, link, paragraph, selectField, textArea, textField, type FormErrors,
} from '../../../platform/ui/components.js';
import { renderDiff, type DocumentDiff } from '../../../platform/versions/index.js';
import { ADOPTION_METHODS, HORIZONS, MAX_STEPS, MAX_TITLE, type AgendaAmbition, type AgendaPhase, type AgendaTheme } from '../model.js';
import { agendaEditPath, agendaPath, agendaVersionsPath, areaAgendaPath } from '../paths.js';
import type { Agenda } from '../store.js';
import { phaseLabel, yearsText } from './list.js';

/**
 * The editorial team's editor: the agenda's details, its themes with their ambitions (each
 * ambition on a page of its own with one short form), what changed since the last version, and
 * the two steps of its life — opening the comment period on a concept and recording the
 * adoption. Every form carries the agenda's revision (`expectedRevision`), so a save over someone
 * else's newer change is refused and named on the form.
 */
export const themePath = (slug: string, agendaId: string, themeId: string) => `${agendaEditPath(slug, agendaId)}/themas/${themeId}`;
export const ambitionEditPath = (slug: string, agendaId: string, ambitionId: string) => `${agendaEditPath(slug, agendaId)}/ambities/${ambitionId}`;

const FIELDS = ['title', 'introduction', 'firstYear', 'lastYear', 'name', 'themeId', 'body', 'why', 'horizon', 'ownGoal', 'values', 'opensOn', 'closesOn', 'summary',
  'adoptedBy', 'method', 'note', 'adoptedOn', 'decisionReference', 'keepSummitOpen'] as const;

export function editorLabels(t: Translate): Record<string, string> {
  return {
    ...Object.fromEntries(FIELDS.map((f) => [f, t(`agenda.field.${f}`)])),
    ...Object.fromEntries(Array.from({ length: MAX_STEPS }, (_, i) => [[`step_${i + 1}`, t('agenda.field.step', { n: i + 1 })], [`carrier_${i + 1}`, t('agenda.field.carrier', { n: i + 1 })]]).flat()),
  };
}

type Fields = (t: Translate, values: Record<string, string>, errors: FormErrors) => SafeHtml;

export interface EditorFormPageInput {
  title: string;
  intro?: HtmlValue;
  action: string;
  cancel: string;
  csrf: string;
  submit: string;
  errors: FormErrors;
  labels: Record<string, string>;
  /** The revision the form was shown with. */
  revision: number;
  body: HtmlValue;
  after?: HtmlValue;
}

/** A form page of the editor: heading, intro, the error summary naming the fields, the form with the revision. */
export function editorFormPage(ctx: Context, input: EditorFormPageInput): SafeHtml {
  const t = translator(ctx.locale);
  return formPage(t, {
    ...input, cancel: { href: input.cancel, label: t('agenda.form.cancel') },
    body: html`<input type="hidden" name="expectedRevision" value="${input.revision}">${input.body}`,
  });
}

export const detailsFields: Fields = (t, values, errors) => {
  const labels = editorLabels(t);
  return html`${textField(t, { name: 'title', label: labels.title!, value: values.title, errors, required: true, maxLength: MAX_TITLE })}
    ${textField(t, { name: 'firstYear', label: labels.firstYear!, type: 'number', value: values.firstYear, errors, required: true })}
    ${textField(t, { name: 'lastYear', label: labels.lastYear!, hint: t('agenda.hint.lastYear'), type: 'number', value: values.lastYear, errors, required: true })}
    ${textArea(t, { name: 'introduction', label: labels.introduction!, hint: t('agenda.hint.introduction'), value: values.introduction, errors, rows: 8 })}`;
};

export const themeNameFields: Fields = (t, values, errors) => textField(t, { name: 'name', label: editorLabels(t).name!, value: values.name, errors, required: true, maxLength: MAX_TITLE });

/** How many step rows the ambition form shows: the filled ones and two blank, at least three. */
export const stepRows = (filled: number) => Math.min(MAX_STEPS, Math.max(3, filled + 2));

/** One ambition: its theme, what, why, how far ahead, own goal, public values and first steps with who carries them. */
export function ambitionFields(ctx: Context, input: { themes: AgendaTheme[]; publicValues: Array<{ id: string; name_nl: string; name_en: string }>; chosenValues: string[] }): Fields {
  return (t, values, errors) => {
    const labels = editorLabels(t);
    const filled = Array.from({ length: MAX_STEPS }, (_, i) => values[`step_${i + 1}`] || values[`carrier_${i + 1}`]).reduce((n, v, i) => (v ? i + 1 : n), 0);
    return html`${selectField(t, { name: 'themeId', label: labels.themeId!, value: values.themeId ?? '', errors, required: true, options: input.themes.map((th) => ({ value: th.id, label: th.name })) })}
      ${textField(t, { name: 'title', label: labels.title!, hint: t('agenda.hint.ambitionTitle'), value: values.title, errors, required: true, maxLength: MAX_TITLE })}
      ${textArea(t, { name: 'body', label: labels.body!, value: values.body, errors, required: true, rows: 4 })}
      ${textArea(t, { name: 'why', label: labels.why!, value: values.why, errors, rows: 3 })}
      ${choiceFieldset({ name: 'horizon', legend: labels.horizon!, errors, type: 'radio', chosen: [values.horizon ?? ''], options: HORIZONS.map((h) => ({ value: String(h), label: t('agenda.content.horizon', { years: h }) })) })}
      ${checkboxField({ name: 'ownGoal', label: labels.ownGoal!, hint: t('agenda.hint.ownGoal'), checked: values.ownGoal === 'on' })}
      ${input.publicValues.length ? choiceFieldset({
        name: 'values', legend: labels.values!, hint: t('agenda.hint.values'), errors, chosen: input.chosenValues,
        options: input.publicValues.map((v) => ({ value: v.id, label: ctx.locale === 'en' ? v.name_en : v.name_nl })),
      }) : ''}
      <fieldset class="utrecht-form-fieldset ba-fieldset"><legend class="utrecht-form-fieldset__legend">${t('agenda.editor.steps')}</legend>
        <div class="utrecht-form-field-description">${t('agenda.hint.steps')}</div>
        ${Array.from({ length: stepRows(filled) }, (_, i) => html`${textField(t, { name: `step_${i + 1}`, label: labels[`step_${i + 1}`]!, value: values[`step_${i + 1}`], errors, maxLength: 300 })}
          ${textField(t, { name: `carrier_${i + 1}`, label: labels[`carrier_${i + 1}`]!, value: values[`carrier_${i + 1}`], errors, maxLength: 120 })}`)}
      </fieldset>`;
  };
}

/** The form's values of an ambition as it stands. */
export function ambitionValues(a: AgendaAmbition): Record<string, string> {
  return {
    themeId: a.themeId, title: a.title, body: a.body, why: a.why ?? '', horizon: String(a.horizon), ownGoal: a.ownGoal ? 'on' : '',
    ...Object.fromEntries(a.steps.flatMap((s, i) => [[`step_${i + 1}`, s.step], [`carrier_${i + 1}`, s.carrier ?? '']])),
  };
}

export const commentsFields: Fields = (t, values, errors) => {
  const labels = editorLabels(t);
  return html`${textField(t, { name: 'opensOn', label: labels.opensOn!, hint: t('agenda.hint.opensOn'), type: 'date', value: values.opensOn, errors, required: true })}
    ${textField(t, { name: 'closesOn', label: labels.closesOn!, hint: t('agenda.hint.closesOn'), type: 'date', value: values.closesOn, errors, required: true })}
    ${textArea(t, { name: 'summary', label: labels.summary!, hint: t('agenda.hint.summary'), value: values.summary, errors, rows: 3 })}`;
};

export function adoptionFields(hasHeldSummit: boolean): Fields {
  return (t, values, errors) => {
    const labels = editorLabels(t);
    return html`${textField(t, { name: 'adoptedBy', label: labels.adoptedBy!, hint: t('agenda.hint.adoptedBy'), value: values.adoptedBy, errors, required: true, maxLength: 160 })}
      ${selectField(t, { name: 'method', label: labels.method!, value: values.method ?? '', errors, required: true, placeholder: t('agenda.form.choose'), options: ADOPTION_METHODS.map((m) => ({ value: m, label: t(`agenda.adoption.${m}`) })) })}
      ${textField(t, { name: 'note', label: labels.note!, hint: t('agenda.hint.note'), value: values.note, errors, maxLength: 500 })}
      ${textField(t, { name: 'adoptedOn', label: labels.adoptedOn!, type: 'date', value: values.adoptedOn, errors, required: true })}
      ${textField(t, { name: 'decisionReference', label: labels.decisionReference!, hint: t('agenda.hint.decisionReference'), value: values.decisionReference, errors, maxLength: 100 })}
      ${textArea(t, { name: 'summary', label: labels.summary!, hint: t('agenda.hint.adoptionSummary'), value: values.summary, errors, rows: 3 })}
      ${hasHeldSummit ? checkboxField({ name: 'keepSummitOpen', label: labels.keepSummitOpen!, hint: t('agenda.hint.keepSummitOpen'), checked: values.keepSummitOpen === 'on' }) : ''}`;
  };
}

export interface EditorPageInput {
  agenda: Agenda;
  areaTitle: string;
  phase: AgendaPhase;
  themes: AgendaTheme[];
  ambitions: AgendaAmbition[];
  /** The last version's number, or null before the first. */
  latestVersion: number | null;
  /** The last version against the rows as they are now. */
  diff: DocumentDiff;
  canAdopt: boolean;
  csrf: string;
  values: Record<string, string>;
  errors: FormErrors;
  /** Carrying the previous agenda's open ambitions over (follow-up's piece), when there are any. */
  carryOver?: SafeHtml | null;
}

/** The editor's overview: details, themes → ambitions, the difference with the last version, and the steps of the agenda's life. */
export function editorPage(ctx: Context, input: EditorPageInput): SafeHtml {
  const t = translator(ctx.locale);
  const { agenda, phase } = input;
  const slug = ctx.tenant!.slug;
  const edit = agendaEditPath(slug, agenda.id);
  const open = phase !== 'adopted';
  const revision = { expectedRevision: String(agenda.revision) };
  const button = (action: string, label: string, danger = false) => actionButton({ action, csrf: input.csrf, label, danger, fields: revision });
  const labels = editorLabels(t);
  return html`${heading1(t('agenda.editor.title', { title: agenda.title }))}
    ${paragraph(html`${link(areaAgendaPath(slug, agenda.areaCode), input.areaTitle)} · ${yearsText(agenda)} · ${phaseLabel(t, ctx.locale, agenda, phase)}`)}
    ${paragraph(html`${link(agendaPath(slug, agenda.id), t('agenda.editor.toPublic'))} · ${link(agendaVersionsPath(slug, agenda.id), t('agenda.editor.toVersions'))}`)}
    ${open ? '' : html`<div class="utrecht-alert utrecht-alert--info" role="note">${paragraph(t('agenda.editor.adoptedNotice', { date: formatDate(ctx.locale, agenda.adoptedOn!), body: agenda.adoptedBy ?? '' }))}</div>`}
    ${errorSummary(t, input.errors, labels)}

    <h2 class="utrecht-heading-2" id="gegevens">${t('agenda.editor.details')}</h2>
    ${dataList([
      [labels.title!, agenda.title],
      [t('agenda.editor.years'), yearsText(agenda)],
      [t('agenda.editor.organiser'), agenda.organiserName],
      [labels.introduction!, agenda.introduction ? t('agenda.editor.introductionLength', { count: agenda.introduction.length }) : t('agenda.editor.noIntroduction')],
    ])}
    ${open ? paragraph(link(`${edit}/gegevens`, t('agenda.editor.editDetails'))) : ''}

    ${input.carryOver ?? ''}
    <h2 class="utrecht-heading-2" id="themas">${t('agenda.editor.themes')}</h2>
    ${input.themes.length === 0 ? paragraph(t('agenda.editor.noThemes')) : ''}
    ${input.themes.map((theme, index) => {
      const ambitions = input.ambitions.filter((a) => a.themeId === theme.id);
      return html`<section class="ba-agenda-theme" aria-labelledby="thema-${theme.id}">
        <h3 class="utrecht-heading-3" id="thema-${theme.id}">${theme.name}</h3>
        ${open ? html`<div class="utrecht-button-group">
          ${index > 0 ? button(`${themePath(slug, agenda.id, theme.id)}/omhoog`, t('agenda.editor.themeUp', { name: theme.name })) : ''}
          ${index < input.themes.length - 1 ? button(`${themePath(slug, agenda.id, theme.id)}/omlaag`, t('agenda.editor.themeDown', { name: theme.name })) : ''}
          ${ambitions.length === 0 ? button(`${themePath(slug, agenda.id, theme.id)}/verwijderen`, t('agenda.editor.themeRemove', { name: theme.name }), true) : ''}
        </div>
        ${paragraph(link(themePath(slug, agenda.id, theme.id), t('agenda.editor.themeRename', { name: theme.name })))}` : ''}
        ${ambitions.length === 0 ? paragraph(t('agenda.editor.noAmbitions')) : html`<ol class="utrecht-ordered-list ba-agenda-ambitions">${ambitions.map((a, i) => html`<li id="ambitie-${a.id}">
          ${open ? link(ambitionEditPath(slug, agenda.id, a.id), a.title) : a.title}
          <span class="ba-small">(${t('agenda.content.horizon', { years: a.horizon })}${a.ownGoal ? ` · ${t('agenda.content.ownGoal')}` : ''} · ${t('agenda.editor.stepCount', { count: a.steps.length })}${a.sourceAmbitionId ? ` · ${t('agenda.editor.fromSummit')}` : ''})</span>
          ${open ? html`<div class="utrecht-button-group">
            ${i > 0 ? button(`${ambitionEditPath(slug, agenda.id, a.id)}/omhoog`, t('agenda.editor.ambitionUp', { title: a.title })) : ''}
            ${i < ambitions.length - 1 ? button(`${ambitionEditPath(slug, agenda.id, a.id)}/omlaag`, t('agenda.editor.ambitionDown', { title: a.title })) : ''}
          </div>` : ''}
        </li>`)}</ol>`}
        ${open ? paragraph(link(`${themePath(slug, agenda.id, theme.id)}/ambitie-nieuw`, t('agenda.editor.addAmbition', { name: theme.name }))) : ''}
      </section>`;
    })}
    ${open ? html`<h3 class="utrecht-heading-3" id="thema-nieuw">${t('agenda.editor.addTheme')}</h3>
      ${form({ action: `${edit}/themas`, csrf: input.csrf, submit: t('agenda.editor.addThemeSubmit'), body: html`<input type="hidden" name="expectedRevision" value="${agenda.revision}">${themeNameFields(t, input.values, input.errors)}` })}` : ''}

    <h2 class="utrecht-heading-2" id="wijzigingen">${input.latestVersion ? t('agenda.editor.changesSince', { number: input.latestVersion }) : t('agenda.editor.changesFirst')}</h2>
    ${renderDiff(t, input.diff, { headingLevel: 3, idPrefix: 'wijziging-' })}

    <h2 class="utrecht-heading-2" id="reactietermijn">${t('agenda.editor.comments')}</h2>
    ${phase === 'draft' || phase === 'revision'
      ? html`${paragraph(t(phase === 'draft' ? 'agenda.editor.commentsIntro' : 'agenda.editor.commentsAgain'))}${paragraph(link(`${edit}/reactietermijn`, t('agenda.editor.openComments')))}`
      : paragraph(phaseLabel(t, ctx.locale, agenda, phase))}

    <h2 class="utrecht-heading-2" id="vaststellen">${t('agenda.editor.adoption')}</h2>
    ${phase === 'adopted' ? paragraph(t('agenda.editor.adoptedNotice', { date: formatDate(ctx.locale, agenda.adoptedOn!), body: agenda.adoptedBy ?? '' }))
      : phase !== 'revision' ? paragraph(t('agenda.editor.adoptLater'))
        : input.canAdopt ? paragraph(link(`${edit}/vaststellen`, t('agenda.editor.recordAdoption'))) : paragraph(t('agenda.editor.adoptByNeighbourhood'))}`;
}
