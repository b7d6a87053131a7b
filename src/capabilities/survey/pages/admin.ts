import { html, type SafeHtml } from '../../../platform/html.js';
import { formatDateTime, formatNumber, type Locale, type Translate } from '../../../platform/i18n/index.js';
import { actionButton, checkboxField, errorSummary, form, heading1, link, paragraph, selectField, table, textArea, textField, type FormErrors } from '../../../platform/ui/components.js';
import { SCALES, SURVEY_POLARITIES, SURVEY_THEMES, formatLetterCode, formatPostalCode, type Question } from '../model.js';
import type { LetterBatch, Period, SurveyLetterCodeTable } from '../store.js';
import { periodLabel, type SurveyPaths } from './public.js';

/** The administration of the survey: periods and the minimum, questions, letter codes. */

export function questionLabels(t: Translate): Record<string, string> {
  return {
    code: t('survey.question.code'), textNl: t('survey.question.textNl'), textEn: t('survey.question.textEn'), theme: t('survey.question.theme'),
    polarity: t('survey.question.polarity'), scale: t('survey.question.scale'), position: t('survey.question.position'), correction: t('survey.question.correction'), _form: '',
  };
}

export const periodLabels = (t: Translate): Record<string, string> => ({ name: t('survey.period.name'), startsOn: t('survey.period.startsOn'), endsOn: t('survey.period.endsOn'), _form: '' });
export const minimumLabels = (t: Translate): Record<string, string> => ({ minResponses: t('survey.settings.minResponses'), _form: '' });
export const letterLabels = (t: Translate): Record<string, string> => ({ areaCode: t('survey.letters.neighbourhood'), postalCodes: t('survey.letters.postalCodes'), _form: '' });

export function adminHomePage(t: Translate, input: {
  paths: SurveyPaths; csrf: string; locale: Locale; periods: Period[]; minimum: number; questionCount: number;
  period: { values: Record<string, string>; errors: FormErrors }; minimumForm: { values: Record<string, string>; errors: FormErrors }; actionErrors: FormErrors;
}): SafeHtml {
  const { paths, csrf, locale } = input;
  const open = input.periods.find((p) => p.status === 'open');
  return html`${heading1(t('survey.admin.title'))}
    ${paragraph(t('survey.admin.intro'))}
    <ul class="utrecht-unordered-list">
      <li>${link(`${paths.admin}/vragen`, t('survey.admin.questionsLink', { count: input.questionCount }))}</li>
      <li>${link(`${paths.admin}/brieven`, t('survey.admin.lettersLink'))}</li>
      <li>${link(paths.base, t('survey.admin.publicLink'))}</li>
    </ul>
    ${errorSummary(t, input.actionErrors, { _form: '' })}
    <h2 class="utrecht-heading-2">${t('survey.admin.periods')}</h2>
    ${table({
      caption: t('survey.admin.periods'), captionHidden: true,
      columns: [
        { header: t('survey.period.name'), cell: (p: Period) => periodLabel(t, locale, p) },
        { header: t('survey.period.status'), cell: (p) => t(`survey.period.status.${p.status}`) },
        { header: t('survey.period.published'), cell: (p) => (p.publishedAt ? formatDateTime(locale, p.publishedAt) : t('survey.period.notPublished')) },
        { header: t('survey.admin.actions'), cell: (p) => (p.status === 'open'
          ? actionButton({ action: `${paths.admin}/perioden/${p.id}/sluiten`, csrf, label: t('survey.period.close') })
          : actionButton({ action: `${paths.admin}/perioden/${p.id}/publiceren`, csrf, label: t('survey.period.publish') })) },
      ],
      rows: input.periods,
      empty: t('survey.admin.noPeriods'),
    })}
    ${paragraph(t('survey.period.publishHelp'))}
    ${open ? '' : html`<h3 class="utrecht-heading-3">${t('survey.period.openHeading')}</h3>
      ${errorSummary(t, input.period.errors, periodLabels(t))}
      ${form({
        action: `${paths.admin}/perioden`, csrf, submit: t('survey.period.open'),
        body: html`${textField(t, { name: 'name', label: t('survey.period.name'), errors: input.period.errors, required: true, value: input.period.values.name, hint: t('survey.period.nameHint') })}
          ${textField(t, { name: 'startsOn', type: 'date', label: t('survey.period.startsOn'), errors: input.period.errors, required: true, value: input.period.values.startsOn })}
          ${textField(t, { name: 'endsOn', type: 'date', label: t('survey.period.endsOn'), errors: input.period.errors, required: true, value: input.period.values.endsOn })}`,
      })}`}
    <h2 class="utrecht-heading-2">${t('survey.settings.heading')}</h2>
    ${errorSummary(t, input.minimumForm.errors, minimumLabels(t))}
    ${form({
      action: `${paths.admin}/minimum`, csrf, submit: t('form.save'),
      body: textField(t, { name: 'minResponses', type: 'number', label: t('survey.settings.minResponses'), errors: input.minimumForm.errors, required: true, value: input.minimumForm.values.minResponses ?? String(input.minimum), hint: t('survey.settings.minResponsesHint') }),
    })}`;
}

function questionFields(t: Translate, values: Record<string, string>, errors: FormErrors, withCode: boolean): SafeHtml {
  const options = (list: readonly string[], prefix: string) => list.map((v) => ({ value: v, label: t(`${prefix}.${v}`) }));
  return html`${withCode ? textField(t, { name: 'code', label: t('survey.question.code'), errors, required: true, value: values.code, hint: t('survey.question.codeHint'), maxLength: 30 }) : ''}
    ${textArea(t, { name: 'textNl', label: t('survey.question.textNl'), errors, required: true, value: values.textNl, rows: 2 })}
    ${textArea(t, { name: 'textEn', label: t('survey.question.textEn'), errors, value: values.textEn, rows: 2 })}
    ${selectField(t, { name: 'scale', label: t('survey.question.scale'), errors, required: true, value: values.scale, options: options(SCALES, 'survey.question.scales') })}
    ${selectField(t, { name: 'theme', label: t('survey.question.theme'), errors, required: true, value: values.theme, options: options(SURVEY_THEMES, 'survey.theme') })}
    ${selectField(t, { name: 'polarity', label: t('survey.question.polarity'), errors, required: true, value: values.polarity, options: options(SURVEY_POLARITIES, 'survey.question.polarities') })}
    ${textField(t, { name: 'position', type: 'number', label: t('survey.question.position'), errors, required: true, value: values.position })}`;
}

export function questionsPage(t: Translate, input: { paths: SurveyPaths; csrf: string; locale: Locale; questions: Question[]; values: Record<string, string>; errors: FormErrors }): SafeHtml {
  const { paths, csrf, locale } = input;
  const active = input.questions.filter((q) => q.active);
  const retired = input.questions.filter((q) => !q.active);
  const text = (q: Question) => (locale === 'en' ? q.textEn : q.textNl);
  return html`${heading1(t('survey.questions.title'))}
    ${paragraph(t('survey.questions.intro'))}
    ${active.length ? paragraph(link(`${paths.admin}/vragen/voorbeeld`, t('survey.preview.link'))) : ''}
    ${errorSummary(t, input.errors, questionLabels(t))}
    ${active.length === 0 && retired.length === 0 ? html`${paragraph(t('survey.questions.none'))}
      ${actionButton({ action: `${paths.admin}/vragen/standaard`, csrf, label: t('survey.questions.adopt') })}` : ''}
    ${table({
      caption: t('survey.questions.active'),
      columns: [
        { header: t('survey.question.position'), numeric: true, cell: (q: Question) => formatNumber(locale, q.position) },
        { header: t('survey.question.text'), cell: (q) => link(`${paths.admin}/vragen/${q.id}`, text(q)) },
        { header: t('survey.question.theme'), cell: (q) => t(`survey.theme.${q.theme}`) },
        { header: t('survey.question.code'), cell: (q) => html`<code>${q.code}</code>` },
        { header: t('survey.admin.actions'), cell: (q) => actionButton({ action: `${paths.admin}/vragen/${q.id}/intrekken`, csrf, label: t('survey.questions.retire'), danger: true }) },
      ],
      rows: active,
      empty: t('survey.questions.noneActive'),
    })}
    ${retired.length ? table({
      caption: t('survey.questions.retired'),
      columns: [
        { header: t('survey.question.text'), cell: (q: Question) => text(q) },
        { header: t('survey.question.code'), cell: (q) => html`<code>${q.code}</code>` },
        { header: t('survey.questions.replacedBy'), cell: (q) => (q.replacedBy ? input.questions.find((o) => o.id === q.replacedBy)?.code ?? '' : '–') },
      ],
      rows: retired,
      empty: '',
    }) : ''}
    <h2 class="utrecht-heading-2">${t('survey.questions.add')}</h2>
    ${form({ action: `${paths.admin}/vragen`, csrf, submit: t('survey.questions.addSubmit'), body: questionFields(t, input.values, input.errors, true) })}`;
}

export function editQuestionPage(t: Translate, input: { paths: SurveyPaths; csrf: string; question: Question; values: Record<string, string>; errors: FormErrors }): SafeHtml {
  return html`${heading1(t('survey.question.editTitle', { code: input.question.code }))}
    ${paragraph(t('survey.question.versionsExplained'))}
    ${errorSummary(t, input.errors, questionLabels(t))}
    ${form({
      action: `${input.paths.admin}/vragen/${input.question.id}`, csrf: input.csrf, submit: t('form.save'),
      body: html`${questionFields(t, input.values, input.errors, false)}
        ${checkboxField({ name: 'correction', label: t('survey.question.correction'), checked: input.values.correction === 'on', hint: t('survey.question.correctionHint') })}`,
      secondary: link(`${input.paths.admin}/vragen`, t('form.cancel')),
    })}`;
}

export function lettersPage(t: Translate, input: {
  paths: SurveyPaths; csrf: string; locale: Locale; period: Period | null; batches: LetterBatch[]; names: Map<string, string>;
  neighbourhoods: Array<{ code: string; name: string }>; values: Record<string, string>; errors: FormErrors;
}): SafeHtml {
  const { paths, locale } = input;
  if (!input.period) return html`${heading1(t('survey.letters.title'))}${paragraph(t('survey.letters.noPeriod'))}${paragraph(link(paths.admin, t('survey.admin.title')))}`;
  return html`${heading1(t('survey.letters.title'))}
    ${paragraph(t('survey.letters.intro', { period: input.period.name }))}
    ${table({
      caption: t('survey.letters.batches'),
      columns: [
        { header: t('survey.letters.made'), cell: (b: LetterBatch) => formatDateTime(locale, b.createdAt) },
        { header: t('survey.letters.neighbourhood'), cell: (b) => input.names.get(b.areaCode) ?? b.areaCode },
        { header: t('survey.letters.count'), numeric: true, cell: (b) => formatNumber(locale, b.codes) },
        { header: t('survey.letters.used'), numeric: true, cell: (b) => formatNumber(locale, b.used) },
        { header: t('survey.letters.print'), cell: (b) => link(`${paths.admin}/brieven/${b.batchId}/document`, t('survey.letters.printLink', { count: b.codes })) },
      ],
      rows: input.batches,
      empty: t('survey.letters.none'),
    })}
    <h2 class="utrecht-heading-2">${t('survey.letters.generate')}</h2>
    ${errorSummary(t, input.errors, letterLabels(t))}
    ${form({
      action: `${paths.admin}/brieven`, csrf: input.csrf, submit: t('survey.letters.generateSubmit'),
      body: html`${selectField(t, { name: 'areaCode', label: t('survey.letters.neighbourhood'), errors: input.errors, required: true, value: input.values.areaCode, placeholder: t('survey.takePart.chooseNeighbourhood'), options: input.neighbourhoods.map((n) => ({ value: n.code, label: n.name })) })}
        ${textArea(t, { name: 'postalCodes', label: t('survey.letters.postalCodes'), errors: input.errors, required: true, value: input.values.postalCodes, rows: 8, hint: t('survey.letters.postalCodesHint') })}`,
    })}`;
}

/** One letter per code, for the print document (each section is a page). */
export function letterSections(t: Translate, input: { municipalityName: string; areaName: string; period: Period; url: string; codes: SurveyLetterCodeTable[] }) {
  return input.codes.map((c, i) => ({
    id: `brief-${i + 1}`,
    heading: t('survey.letter.heading', { number: i + 1, postalCode: formatPostalCode(c.postal_code) }),
    body: html`<p>${t('survey.letter.salutation')}</p>
      <p>${t('survey.letter.body', { municipality: input.municipalityName, area: input.areaName, period: input.period.name })}</p>
      <p>${t('survey.letter.how', { url: input.url })}</p>
      <dl><dt>${t('survey.takePart.postalCode')}</dt><dd><strong>${formatPostalCode(c.postal_code)}</strong></dd>
      <dt>${t('survey.takePart.code')}</dt><dd><strong>${formatLetterCode(c.code)}</strong></dd></dl>
      <p>${t('survey.letter.privacy')}</p>
      <p>${t('survey.letter.closing', { municipality: input.municipalityName })}</p>`,
  }));
}
