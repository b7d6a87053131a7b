import { html, type SafeHtml } from '../../../platform/html.js';
import { formatDate, formatNumber, type Locale, type Translate } from '../../../platform/i18n/index.js';
import { errorSummary, form, heading1, link, paragraph, selectField, table, textField, type FormErrors } from '../../../platform/ui/components.js';
import { AGE_GROUPS, ANSWER_VALUES, type Question } from '../model.js';
import type { AreaResults, NeighbourhoodSummary, SurveyOverview } from '../results.js';
import type { Period } from '../store.js';

/** The public pages of the resident survey: overview, taking part, the questionnaire, results. */
export interface SurveyPaths {
  base: string;
  admin: string;
}

export const surveyPaths = (slug: string): SurveyPaths => ({ base: `/${slug}/buurtmonitor`, admin: `/${slug}/beheer/buurtmonitor` });

const percent = (locale: Locale, value: number | null) => (value === null ? '–' : `${formatNumber(locale, value, 0)}%`);
const score = (locale: Locale, value: number | null) => (value === null ? '–' : formatNumber(locale, value, 1));

export function periodLabel(t: Translate, locale: Locale, period: Period): string {
  return t('survey.period.label', { name: period.name, from: formatDate(locale, `${period.startsOn}T12:00:00Z`), to: formatDate(locale, `${period.endsOn}T12:00:00Z`) });
}

function needed(t: Translate, n: NeighbourhoodSummary | AreaResults): string {
  return n.visibility.shown ? '' : t('survey.results.needed', { count: n.visibility.needed });
}

export function overviewPage(t: Translate, input: { paths: SurveyPaths; locale: Locale; overview: SurveyOverview; open: Period | null; canManage: boolean }): SafeHtml {
  const { paths, locale, overview, open } = input;
  const period = overview.period;
  const periodChooser = overview.periods.length > 1 && period ? html`<form method="get" action="${paths.base}" class="ba-form">
      ${selectField(t, { name: 'periode', label: t('survey.results.choosePeriod'), errors: {}, required: true, value: period.id, options: overview.periods.map((p) => ({ value: p.id, label: p.name })) })}
      <div class="utrecht-button-group ba-actions"><button type="submit" class="utrecht-button utrecht-button--secondary-action">${t('survey.results.show')}</button></div>
    </form>` : '';
  return html`${heading1(t('survey.title'))}
    ${paragraph(t('survey.intro'))}
    <h2 class="utrecht-heading-2">${t('survey.takePart.heading')}</h2>
    ${open
      ? html`${paragraph(t('survey.takePart.open', { period: periodLabel(t, locale, open) }))}${paragraph(t('survey.takePart.how'))}
        <p class="utrecht-paragraph"><a class="utrecht-link utrecht-button-link utrecht-button-link--primary-action" href="${paths.base}/meedoen">${t('survey.takePart.action')}</a></p>`
      : paragraph(t('survey.takePart.closed'))}
    <h2 class="utrecht-heading-2">${t('survey.results.heading')}</h2>
    ${paragraph(t('survey.results.minimum', { minimum: overview.minimum }))}
    ${period ? html`${periodChooser}
      ${table({
        caption: t('survey.results.caption', { period: period.name }),
        columns: [
          { header: t('survey.results.neighbourhood'), cell: (n: NeighbourhoodSummary) => link(`${paths.base}/${n.code}${period.id === open?.id ? '' : `?periode=${period.id}`}`, n.name) },
          { header: t('survey.results.responses'), cell: (n: NeighbourhoodSummary) => (n.visibility.shown ? formatNumber(locale, n.responses!) : needed(t, n)) },
        ],
        rows: overview.neighbourhoods,
        empty: t('survey.results.noNeighbourhoods'),
      })}` : paragraph(t('survey.results.noPeriod'))}
    ${input.canManage ? paragraph(link(paths.admin, t('survey.admin.title'))) : ''}`;
}

export function takePartPage(t: Translate, input: {
  paths: SurveyPaths; csrf: string; period: Period; locale: Locale; neighbourhoods: Array<{ code: string; name: string }>;
  email: { values: Record<string, string>; errors: FormErrors }; letter: { values: Record<string, string>; errors: FormErrors };
}): SafeHtml {
  const { paths } = input;
  const emailLabels = { email: t('survey.takePart.email'), areaCode: t('survey.takePart.neighbourhood') };
  const letterLabels = { postalCode: t('survey.takePart.postalCode'), code: t('survey.takePart.code') };
  return html`${heading1(t('survey.takePart.title'))}
    ${paragraph(t('survey.takePart.intro', { period: periodLabel(t, input.locale, input.period) }))}
    ${paragraph(t('survey.takePart.once'))}
    <h2 class="utrecht-heading-2" id="met-email">${t('survey.takePart.byEmail')}</h2>
    ${paragraph(t('survey.takePart.byEmailHelp'))}
    ${errorSummary(t, input.email.errors, emailLabels)}
    ${form({
      action: `${paths.base}/meedoen/email`, csrf: input.csrf, submit: t('survey.takePart.sendLink'),
      body: html`${textField(t, { name: 'email', type: 'email', label: emailLabels.email, errors: input.email.errors, required: true, autocomplete: 'email', value: input.email.values.email })}
        ${selectField(t, { name: 'areaCode', label: emailLabels.areaCode, errors: input.email.errors, required: true, value: input.email.values.areaCode, placeholder: t('survey.takePart.chooseNeighbourhood'), options: input.neighbourhoods.map((n) => ({ value: n.code, label: n.name })) })}`,
    })}
    <h2 class="utrecht-heading-2" id="met-code">${t('survey.takePart.byLetter')}</h2>
    ${paragraph(t('survey.takePart.byLetterHelp'))}
    ${errorSummary(t, input.letter.errors, letterLabels)}
    ${form({
      action: `${paths.base}/meedoen/code`, csrf: input.csrf, submit: t('survey.takePart.start'),
      body: html`${textField(t, { name: 'postalCode', label: letterLabels.postalCode, errors: input.letter.errors, required: true, autocomplete: 'postal-code', value: input.letter.values.postalCode, hint: t('survey.takePart.postalCodeHint') })}
        ${textField(t, { name: 'code', label: letterLabels.code, errors: input.letter.errors, required: true, autocomplete: 'off', value: input.letter.values.code, hint: t('survey.takePart.codeHint') })}`,
    })}
    <h2 class="utrecht-heading-2">${t('survey.privacy.heading')}</h2>
    ${paragraph(t('survey.privacy.body'))}`;
}

export function linkSentPage(t: Translate, paths: SurveyPaths): SafeHtml {
  return html`${heading1(t('survey.linkSent.title'))}${paragraph(t('survey.linkSent.body'))}${paragraph(t('survey.linkSent.notReceived'))}${paragraph(link(paths.base, t('survey.backToSurvey')))}`;
}

export function refusedPage(t: Translate, paths: SurveyPaths, key: string): SafeHtml {
  return html`${heading1(t(`${key}.title`))}${paragraph(t(`${key}.body`))}${paragraph(link(paths.base, t('survey.backToSurvey')))}`;
}

export function thanksPage(t: Translate, paths: SurveyPaths): SafeHtml {
  return html`${heading1(t('survey.thanks.title'))}${paragraph(t('survey.thanks.body'))}${paragraph(link(paths.base, t('survey.thanks.results')))}`;
}

export function answerLabels(t: Translate, locale: Locale, questions: readonly Question[]): Record<string, string> {
  return {
    ...Object.fromEntries(questions.map((q, i) => [`answer-${q.id}`, t('survey.form.questionNumber', { number: i + 1 })])),
    ageGroup: t('survey.form.ageGroup'), _form: '',
  };
}

function radio(name: string, id: string | null, value: string, label: string, checked: boolean, describedBy: string | null): SafeHtml {
  const inputId = id ?? `${name}-${value}`;
  return html`<div class="utrecht-form-field utrecht-form-field--radio ba-radio">
    <div class="utrecht-form-field__input"><input class="utrecht-radio-button utrecht-radio-button--html-input" type="radio" id="${inputId}" name="${name}" value="${value}"${checked ? html` checked` : ''}${describedBy ? html` aria-describedby="${describedBy}"` : ''}></div>
    <div class="utrecht-form-field__label"><label class="utrecht-form-label utrecht-form-label--radio" for="${inputId}">${label}</label></div>
  </div>`;
}

/**
 * The questionnaire on one page: a fieldset per question with its text as the legend and the
 * answers as a radio group (the scale, then "weet niet"); the optional age group last. The
 * guard (link token, or postal code and letter code) travels in hidden fields.
 */
export function questionnairePage(t: Translate, input: {
  paths: SurveyPaths; csrf: string; locale: Locale; areaName: string; period: Period; questions: readonly Question[];
  guard: Record<string, string>; values: Record<string, string>; errors: FormErrors;
  /** Another address to send the answers to (the officials' preview), and a notice above the form. */
  action?: string; notice?: string;
}): SafeHtml {
  const { locale, errors, values } = input;
  const labels = answerLabels(t, locale, input.questions);
  const fieldsets = input.questions.map((q, i) => {
    const name = `answer-${q.id}`;
    const error = errors[name];
    const legend = t('survey.form.legend', { number: i + 1, text: locale === 'en' ? q.textEn : q.textNl });
    return html`<fieldset class="utrecht-form-fieldset ba-fieldset${error ? ' utrecht-form-fieldset--invalid' : ''}"${error ? html` aria-invalid="true"` : ''}>
      <legend class="utrecht-form-fieldset__legend">${legend}</legend>
      ${error ? html`<div class="utrecht-form-field-error-message" id="error-${name}">${error}</div>` : ''}
      ${ANSWER_VALUES.map((v, j) => radio(name, j === 0 ? `field-${name}` : null, String(v), t(`survey.scale.${q.scale}.${v}`), values[name] === String(v), error ? `error-${name}` : null))}
    </fieldset>`;
  });
  const ageError = errors.ageGroup;
  const age = html`<fieldset class="utrecht-form-fieldset ba-fieldset">
    <legend class="utrecht-form-fieldset__legend">${t('survey.form.ageGroup')} <span class="ba-optional">(${t('form.optional')})</span></legend>
    <div class="utrecht-form-field-description" id="hint-ageGroup">${t('survey.form.ageGroupHint')}</div>
    ${ageError ? html`<div class="utrecht-form-field-error-message" id="error-ageGroup">${ageError}</div>` : ''}
    ${[...AGE_GROUPS, 'none'].map((g, j) => radio('ageGroup', j === 0 ? 'field-ageGroup' : null, g, t(`survey.age.${g}`), (values.ageGroup ?? '') === g, 'hint-ageGroup'))}
  </fieldset>`;
  return html`${heading1(t('survey.form.title', { area: input.areaName }))}
    ${paragraph(t('survey.form.intro', { period: input.period.name, count: input.questions.length }))}
    ${input.notice ? html`<div class="utrecht-alert" role="status"><p class="utrecht-paragraph">${input.notice}</p></div>` : ''}
    ${errorSummary(t, errors, labels)}
    ${form({
      action: input.action ?? `${input.paths.base}/vragenlijst`, csrf: input.csrf, submit: t('survey.form.submit'),
      body: html`${Object.entries(input.guard).map(([k, v]) => html`<input type="hidden" name="${k}" value="${v}">`)}${fieldsets}${age}`,
    })}`;
}

export function areaResultsPage(t: Translate, input: { paths: SurveyPaths; locale: Locale; results: AreaResults }): SafeHtml {
  const { locale, results: r } = input;
  const head = html`${heading1(t('survey.area.title', { area: r.area.name }))}
    ${paragraph(t('survey.area.period', { period: periodLabel(t, locale, r.period) }))}`;
  if (!r.visibility.shown) {
    return html`${head}
      <div class="utrecht-alert" role="status"><p class="utrecht-paragraph">${t('survey.area.tooFew', { minimum: r.minimum, needed: r.visibility.needed })}</p></div>
      ${paragraph(link(`${input.paths.base}/meedoen`, t('survey.takePart.action')))}
      ${paragraph(link(input.paths.base, t('survey.backToSurvey')))}`;
  }
  const scaleHeader = (v: number) => t(`survey.scale.short.${v}`);
  return html`${head}
    ${paragraph(t('survey.area.responses', { count: r.responses! }))}
    ${paragraph(t('survey.area.explainScore'))}
    ${table({
      caption: t('survey.area.scoresCaption'),
      columns: [
        { header: t('survey.area.question'), cell: (o: AreaResults['questions'][number]) => html`${locale === 'en' ? o.question.textEn : o.question.textNl}${o.question.active ? '' : html` <span class="ba-small">(${t('survey.area.retired')})</span>`}` },
        { header: t('survey.area.positive'), numeric: true, cell: (o) => percent(locale, o.result.positiveShare) },
        { header: t('survey.area.negative'), numeric: true, cell: (o) => percent(locale, o.result.negativeShare) },
        { header: t('survey.area.score10'), numeric: true, cell: (o) => score(locale, o.result.score10) },
        { header: t('survey.area.withOpinion'), numeric: true, cell: (o) => formatNumber(locale, o.result.withOpinion) },
      ],
      rows: r.questions,
      empty: t('survey.area.noQuestions'),
    })}
    <h2 class="utrecht-heading-2">${t('survey.area.distributionHeading')}</h2>
    ${table({
      caption: t('survey.area.distributionCaption'),
      columns: [
        { header: t('survey.area.question'), cell: (o: AreaResults['questions'][number]) => (locale === 'en' ? o.question.textEn : o.question.textNl) },
        ...[1, 2, 3, 4, 5, 0].map((v) => ({ header: scaleHeader(v), numeric: true, cell: (o: AreaResults['questions'][number]) => formatNumber(locale, o.result.counts[v]!) })),
      ],
      rows: r.questions,
      empty: t('survey.area.noQuestions'),
    })}
    <h2 class="utrecht-heading-2">${t('survey.age.heading')}</h2>
    ${r.age ? html`${paragraph(r.age.populationYear ? t('survey.age.explain', { year: r.age.populationYear }) : t('survey.age.noPopulation'))}
      ${table({
        caption: t('survey.age.caption'),
        columns: [
          { header: t('survey.age.group'), cell: (row: NonNullable<AreaResults['age']>['rows'][number]) => t(`survey.age.${row.group}`) },
          { header: t('survey.age.responses'), numeric: true, cell: (row) => formatNumber(locale, row.responses) },
          { header: t('survey.age.responseShare'), numeric: true, cell: (row) => percent(locale, row.responseShare) },
          { header: t('survey.age.residentShare'), numeric: true, cell: (row) => percent(locale, row.residentShare) },
          { header: t('survey.age.represented'), cell: (row) => (row.residentShare === null || row.responseShare === null ? '–' : row.underRepresented ? html`<strong>${t('survey.age.under')}</strong>` : t('survey.age.ok')) },
        ],
        rows: r.age.rows,
        empty: '',
      })}
      ${r.age.notGiven ? paragraph(t('survey.age.notGiven', { count: r.age.notGiven })) : ''}
      ${r.age.rows.filter((row) => row.underRepresented).map((row) => paragraph(t('survey.age.underSentence', { group: t(`survey.age.${row.group}`), responses: percent(locale, row.responseShare), residents: percent(locale, row.residentShare) })))}` : ''}
    ${paragraph(link(input.paths.base, t('survey.backToSurvey')))}`;
}
