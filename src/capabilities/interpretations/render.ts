import type { Context } from '../../platform/context.js';
import { html, type SafeHtml } from '../../platform/html.js';
import { FORM_KEY_FIELD, newFormKey } from '../../platform/http/form-keys.js';
import { formatDate, translator, type Translate } from '../../platform/i18n/index.js';
import { renderModerated, reportLink } from '../../platform/moderation/index.js';
import { link, paragraph } from '../../platform/ui/components.js';
import { renderBody } from '../../platform/versions/render.js';
import { editable, type FigureKey } from './model.js';
import { interpretationsFor, type InterpretationView } from './read.js';
import { INTERPRETATION_KIND, interpretationAnchor, roundPath } from './service.js';
import { roundsOfArea, type ConversationRound } from './store.js';

export interface InterpretationsOptions {
  areaCode: string;
  /** The year of the figure. */
  year: number;
  /** The indicator id; null for the area as a whole. */
  indicator: FigureKey;
  csrf: string;
  /** The page to come back to (after signing in, or from the form). */
  back: string;
  /** The figure's name, for screen readers where a page shows several figures ("… bij Aantal inwoners"). */
  label?: string;
  /** Already loaded with `interpretationsFor` (one query for a whole page of figures). */
  items?: InterpretationView[];
  /** The rounds of the area, to name the round an interpretation comes from (loaded when absent). */
  rounds?: ConversationRound[];
}

/** The form page for a figure of an area in a year (undefined: the form asks which figure). */
export function newInterpretationPath(slug: string, areaCode: string, year: number, indicator: FigureKey | undefined, extra: Record<string, string> = {}): string {
  // An empty indicator is the area as a whole (a chosen figure too, so the form does not ask again).
  const query = new URLSearchParams({ jaar: String(year), ...(indicator === undefined ? {} : { indicator: indicator ?? '' }), ...extra });
  return `/${slug}/gebieden/${areaCode}/duiding/nieuw?${query.toString()}`;
}

export function roleName(t: Translate, role: string): string {
  return t(`interpretations.role.${role}`);
}

function keyedButton(input: { action: string; csrf: string; label: SafeHtml }): SafeHtml {
  return html`<form method="post" action="${input.action}" class="ba-inline-form">
    <input type="hidden" name="_csrf" value="${input.csrf}"><input type="hidden" name="${FORM_KEY_FIELD}" value="${newFormKey()}">
    <button type="submit" class="utrecht-button utrecht-button--secondary-action ba-danger">${input.label}</button>
  </form>`;
}

/** One interpretation: its kind first (strengths stand out), the text, then who wrote it in which role, and when. */
export function renderInterpretation(ctx: Context, item: InterpretationView, options: { csrf: string; rounds: ReadonlyMap<string, ConversationRound>; showFigure?: string }): SafeHtml {
  const t = translator(ctx.locale);
  const slug = ctx.tenant!.slug;
  const when = formatDate(ctx.locale, item.createdAt);
  const time = html`<time datetime="${item.createdAt}">${when}</time>`;
  const classes = `ba-card ba-interpretation ba-interpretation--${item.kind}`;
  if (item.status !== 'published') {
    return html`<li class="${classes}" id="${interpretationAnchor(item.id)}">
      ${paragraph(html`<em>${t(item.status === 'deleted' ? 'interpretations.deletedByAuthor' : 'interpretations.erased')}</em> ${time}`)}
    </li>`;
  }
  const me = ctx.actor.kind === 'person' ? ctx.actor.personId : null;
  const mine = me !== null && item.authorId === me;
  const name = item.authorName ?? t('interpretations.unknownAuthor');
  const role = roleName(t, item.role);
  const round = item.roundId ? options.rounds.get(item.roundId) : undefined;
  const base = `/${slug}/gebieden/${item.areaCode}/duiding/${item.id}`;
  const tools: SafeHtml[] = [];
  if (mine) {
    if (editable(item.createdAt) && !item.hidden) tools.push(paragraph(link(`${base}/bewerken`, html`${t('interpretations.editLink')}<span class="ba-visually-hidden"> (${t('interpretations.yours', { when })})</span>`)));
    tools.push(keyedButton({ action: `${base}/verwijderen`, csrf: options.csrf, label: html`${t('interpretations.deleteButton')}<span class="ba-visually-hidden"> (${t('interpretations.yours', { when })})</span>` }));
  } else if (!item.hidden) {
    tools.push(paragraph(reportLink(t, `/${slug}`, INTERPRETATION_KIND, item.id, t('interpretations.reportContext', { name, when }))));
  }
  return html`<li class="${classes}" id="${interpretationAnchor(item.id)}">
    <p class="utrecht-paragraph"><span class="ba-tag">${t(`interpretations.kind.${item.kind}`)}</span>${options.showFigure ? html` <span class="ba-small">${options.showFigure}</span>` : ''}</p>
    ${renderModerated(t, { kind: INTERPRETATION_KIND, state: item.hidden, isAuthor: mine, content: renderBody(item.body) })}
    <p class="utrecht-paragraph ba-small"><strong>${name}</strong>${mine ? html` (${t('interpretations.you')})` : ''}, ${role} · ${time}${item.editedAt ? html` · ${t('interpretations.edited')}` : ''}${round ? html` · ${link(roundPath(slug, round.areaCode, round.id), t('interpretations.fromRound', { title: round.title }))}` : ''}</p>
    ${tools}
  </li>`;
}

/** A list of interpretations, or nothing. */
export function renderInterpretationList(ctx: Context, items: InterpretationView[], options: { csrf: string; rounds: ReadonlyMap<string, ConversationRound>; figureOf?: (item: InterpretationView) => string }): SafeHtml {
  if (items.length === 0) return html``;
  return html`<ol class="utrecht-ordered-list ba-interpretation-list">${items.map((item) => renderInterpretation(ctx, item, { csrf: options.csrf, rounds: options.rounds, showFigure: options.figureOf?.(item) }))}</ol>`;
}

/**
 * The interpretations beside one figure of an area in a year: what is going well first, each with
 * its author's name, role and date, a report link (or the author's own edit and delete), and a
 * link to the short form for this figure. For any page that shows a figure.
 */
export async function renderInterpretations(ctx: Context, options: InterpretationsOptions): Promise<SafeHtml> {
  const t = translator(ctx.locale);
  const tenant = ctx.tenant!;
  const { db } = ctx.platform;
  const items = options.items ?? (await interpretationsFor(db, tenant.id, options.areaCode, options.year)).get(options.indicator) ?? [];
  const rounds = options.rounds ?? (items.some((i) => i.roundId) ? await roundsOfArea(db, tenant.id, options.areaCode) : []);
  const context = options.label ? html`<span class="ba-visually-hidden"> ${t('interpretations.forFigure', { figure: options.label })}</span>` : '';
  return html`<div class="ba-interpretations">
    ${items.length ? renderInterpretationList(ctx, items, { csrf: options.csrf, rounds: new Map(rounds.map((r) => [r.id, r])) }) : paragraph(html`<em>${t(options.indicator === null ? 'interpretations.noneForArea' : 'interpretations.noneForFigure')}</em>`)}
    ${paragraph(link(newInterpretationPath(tenant.slug, options.areaCode, options.year, options.indicator, { terug: options.back }), html`${t('interpretations.add')}${context}`))}
  </div>`;
}
