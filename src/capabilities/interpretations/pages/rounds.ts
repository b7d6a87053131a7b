import type { Context } from '../../../platform/context.js';
import { html, type SafeHtml } from '../../../platform/html.js';
import { formatDate, formatNumber, translator, type Translate } from '../../../platform/i18n/index.js';
import { dataList, errorSummary, form, heading1, link, paragraph, selectField, table, textArea, textField, type FormErrors } from '../../../platform/ui/components.js';
import { renderBody } from '../../../platform/versions/render.js';
import type { TenantArea } from '../../areas/index.js';
import { THEMES, type Indicator } from '../../statistics/index.js';
import { MAX_OUTCOME, PARTICIPANT_GROUPS, totalParticipants } from '../model.js';
import { isPublic, type InterpretationView } from '../read.js';
import { newInterpretationPath, renderInterpretationList } from '../render.js';
import { interpretationsPath, roundPath, roundsPath } from '../service.js';
import type { ConversationRound } from '../store.js';
import { choiceGroup } from './fields.js';
import { figureAnchor, figureName, indicatorLabel } from './interpretations.js';

const heldOn = (ctx: Context, round: ConversationRound) => formatDate(ctx.locale, `${round.heldOn}T12:00:00Z`);

/** Every round of an area, the latest first. */
export function roundsPage(ctx: Context, input: { area: TenantArea; rounds: ConversationRound[]; canRecord: boolean; year: number }): SafeHtml {
  const t = translator(ctx.locale);
  const slug = ctx.tenant!.slug;
  return html`${heading1(t('interpretations.rounds.title', { area: input.area.title }))}
    ${paragraph(t('interpretations.rounds.intro'))}
    ${input.canRecord ? paragraph(link(`${roundsPath(slug, input.area.code)}/nieuw?jaar=${input.year}`, t('interpretations.rounds.record'))) : ''}
    ${table({
      caption: t('interpretations.rounds.title', { area: input.area.title }), captionHidden: true, empty: t('interpretations.rounds.none'), rows: input.rounds,
      columns: [
        { header: t('interpretations.round.heldOn'), cell: (r) => heldOn(ctx, r) },
        { header: t('interpretations.round.title'), cell: (r) => link(roundPath(slug, r.areaCode, r.id), r.title) },
        { header: t('interpretations.round.figuresOf'), cell: (r) => String(r.year) },
        { header: t('interpretations.round.participants'), cell: (r) => formatNumber(ctx.locale, totalParticipants(r.participants)) },
      ],
    })}
    ${paragraph(link(interpretationsPath(slug, input.area.code), t('interpretations.rounds.toReadings', { area: input.area.title })))}`;
}

export interface RoundPageInput {
  area: TenantArea;
  round: ConversationRound;
  organiser: { id: string; name: string } | null;
  catalogue: Indicator[];
  interpretations: InterpretationView[];
  csrf: string;
  canWrite: boolean;
}

/** One round: when, where, who took part (numbers), which figures, what came out, and the readings written in it. */
export function roundPage(ctx: Context, input: RoundPageInput): SafeHtml {
  const t = translator(ctx.locale);
  const slug = ctx.tenant!.slug;
  const { round, area } = input;
  const byId = new Map(input.catalogue.map((i) => [i.id, i]));
  const readings = interpretationsPath(slug, area.code, round.year);
  const facts: Array<[string, SafeHtml | string]> = [
    [t('interpretations.round.heldOn'), heldOn(ctx, round)],
    [t('interpretations.round.area'), link(interpretationsPath(slug, area.code, round.year), area.title)],
    [t('interpretations.round.figuresOf'), String(round.year)],
    [t('interpretations.round.place'), round.place ?? t('interpretations.round.unknown')],
    [t('interpretations.round.organiser'), input.organiser ? link(`/${slug}/organisaties/${input.organiser.id}`, input.organiser.name) : t('interpretations.round.unknown')],
  ];
  const groups = PARTICIPANT_GROUPS.map((g) => ({ group: t(`interpretations.group.${g}`), count: round.participants[g] }));
  const visible = input.interpretations.filter((i) => i.status === 'published' && (isPublic(i) || (ctx.actor.kind === 'person' && i.authorId === ctx.actor.personId)));
  return html`${heading1(round.title)}
    ${dataList(facts)}
    <h2 class="utrecht-heading-2">${t('interpretations.round.participants')}</h2>
    ${table({
      caption: t('interpretations.round.participantsCaption'), captionHidden: true, empty: '', rows: [...groups, { group: t('interpretations.round.total'), count: totalParticipants(round.participants) }],
      columns: [
        { header: t('interpretations.round.group'), cell: (r) => r.group },
        { header: t('interpretations.round.count'), cell: (r) => formatNumber(ctx.locale, r.count) },
      ],
    })}
    <h2 class="utrecht-heading-2">${t('interpretations.round.figures')}</h2>
    ${round.indicators.length
      ? html`<ul class="utrecht-unordered-list">${round.indicators.map((id) => html`<li>${link(`${readings}#${figureAnchor(id)}`, figureName(t, ctx, byId, id))}</li>`)}</ul>`
      : paragraph(html`<em>${t('interpretations.round.noFigures')}</em>`)}
    <h2 class="utrecht-heading-2">${t('interpretations.round.outcome')}</h2>
    ${renderBody(round.outcome)}
    <h2 class="utrecht-heading-2">${t('interpretations.round.readings', { count: visible.length })}</h2>
    ${visible.length
      ? renderInterpretationList(ctx, visible, { csrf: input.csrf, rounds: new Map(), figureOf: (i) => figureName(t, ctx, byId, i.indicator) })
      : paragraph(html`<em>${t('interpretations.round.noReadings')}</em>`)}
    ${input.canWrite ? paragraph(link(newInterpretationPath(slug, area.code, round.year, undefined, { ronde: round.id }), t('interpretations.round.addReading'))) : ''}`;
}

// ---- the form ----------------------------------------------------------------------------------

export function roundLabels(t: Translate): Record<string, string> {
  return {
    title: t('interpretations.round.title'), heldOn: t('interpretations.round.heldOn'), place: t('interpretations.round.place'),
    organisationId: t('interpretations.round.organiser'), outcome: t('interpretations.round.outcome'), indicators: t('interpretations.round.figures'),
    ...Object.fromEntries(PARTICIPANT_GROUPS.map((g) => [g, t(`interpretations.group.${g}`)])),
  };
}

export interface RoundFormInput {
  area: TenantArea;
  year: number;
  catalogue: Indicator[];
  organisations: Array<{ id: string; name: string }>;
  csrf: string;
  values: Record<string, string>;
  indicators: string[];
  errors: FormErrors;
}

export function roundForm(ctx: Context, input: RoundFormInput): SafeHtml {
  const t = translator(ctx.locale);
  const slug = ctx.tenant!.slug;
  const labels = roundLabels(t);
  const { values, errors } = input;
  const chosen = new Set(input.indicators);
  const themes = THEMES.map((theme) => ({ theme, indicators: input.catalogue.filter((i) => i.theme === theme) })).filter((g) => g.indicators.length);
  const indicatorError = errors.indicators;
  return html`${heading1(t('interpretations.round.new', { area: input.area.title }))}
    ${paragraph(t('interpretations.round.newIntro'))}
    ${errorSummary(t, errors, labels)}
    ${form({ action: `${roundsPath(slug, input.area.code)}/nieuw`, csrf: input.csrf, submit: t('interpretations.round.submit'), secondary: link(roundsPath(slug, input.area.code), t('interpretations.cancel')), body: html`
      <input type="hidden" name="year" value="${input.year}">
      ${textField(t, { name: 'title', label: labels.title!, hint: t('interpretations.round.titleHint'), value: values.title, errors, required: true, maxLength: 120 })}
      ${textField(t, { name: 'heldOn', label: labels.heldOn!, type: 'date', value: values.heldOn, errors, required: true })}
      ${textField(t, { name: 'place', label: labels.place!, hint: t('interpretations.round.placeHint'), value: values.place, errors, maxLength: 200 })}
      ${selectField(t, { name: 'organisationId', label: labels.organisationId!, errors, placeholder: t('interpretations.round.noOrganiser'), value: values.organisationId ?? '', options: input.organisations.map((o) => ({ value: o.id, label: o.name })) })}
      <fieldset class="utrecht-form-fieldset ba-fieldset">
        <legend class="utrecht-form-fieldset__legend">${t('interpretations.round.participants')}</legend>
        <div class="utrecht-form-field-description">${t('interpretations.round.participantsHint')}</div>
        ${PARTICIPANT_GROUPS.map((g) => textField(t, { name: g, label: labels[g]!, type: 'number', value: values[g] ?? '0', errors, required: true }))}
      </fieldset>
      <fieldset class="utrecht-form-fieldset ba-fieldset${indicatorError ? ' utrecht-form-fieldset--invalid' : ''}" id="field-indicators" tabindex="-1"${indicatorError ? html` aria-describedby="error-indicators"` : ''}>
        <legend class="utrecht-form-fieldset__legend">${labels.indicators} <span class="ba-optional">(${t('form.optional')})</span></legend>
        ${indicatorError ? html`<div class="utrecht-form-field-error-message" id="error-indicators">${indicatorError}</div>` : ''}
        ${themes.map(({ theme, indicators }) => choiceGroup({
          type: 'checkbox', name: 'indicators', idPrefix: `indicators-${theme}`, legend: t(`interpretations.theme.${theme}`), errors: {}, checked: (v) => chosen.has(v),
          options: indicators.map((i) => ({ value: i.id, label: indicatorLabel(ctx, i) })),
        }))}
      </fieldset>
      ${textArea(t, { name: 'outcome', label: labels.outcome!, hint: t('interpretations.round.outcomeHint', { maximum: MAX_OUTCOME }), value: values.outcome, errors, rows: 8, required: true })}` })}`;
}
