import type { Context } from '../../../platform/context.js';
import { html, type SafeHtml } from '../../../platform/html.js';
import { formatDate, formatDateTime, formatNumber, translator, type Translate } from '../../../platform/i18n/index.js';
import { actionButton, dataList, heading1, link, paragraph, table } from '../../../platform/ui/components.js';
import { groupsArePublic, milestoneStates, type MilestoneState } from '../model.js';
import { amsterdamToday, areaSummitsPath, groupPath, summitPath, summitsPath } from '../service.js';
import type { Milestone, Summit, SummitStatusChange, WorkingGroup } from '../store.js';

/** Pages of summits: the municipality's overview, an area's summits, and one summit with its plan and working groups. */

const localeTag = (ctx: Context) => (ctx.locale === 'en' ? 'en-GB' : 'nl-NL');

/** "zaterdag 14 maart 2026, 10:00–16:00" in Europe/Amsterdam. */
export function whenText(ctx: Context, summit: Pick<Summit, 'startsAt' | 'endsAt'>): string {
  const zone = { timeZone: 'Europe/Amsterdam' } as const;
  const day = new Intl.DateTimeFormat(localeTag(ctx), { ...zone, weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' }).format(new Date(summit.startsAt));
  const time = new Intl.DateTimeFormat(localeTag(ctx), { ...zone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
  return `${day}, ${time.format(new Date(summit.startsAt))}–${time.format(new Date(summit.endsAt))}`;
}

/** A calendar day (YYYY-MM-DD) in words. */
export const dayText = (ctx: Context, date: string) => formatDate(ctx.locale, `${date}T12:00:00Z`);

export const statusTag = (t: Translate, status: string) => html`<span class="ba-tag">${t(`summit.status.${status}`)}</span>`;

/** `captionHidden`: the caption only for screen readers, where a heading right above says the same. */
export function summitsTable(ctx: Context, input: { caption: string; captionHidden?: boolean; summits: Summit[]; areaNames: Map<string, string>; empty: string }): SafeHtml {
  const t = translator(ctx.locale);
  const slug = ctx.tenant!.slug;
  return table({
    caption: input.caption, captionHidden: input.captionHidden, rows: input.summits, empty: input.empty,
    columns: [
      { header: t('summit.field.when'), cell: (s) => whenText(ctx, s) },
      { header: t('summit.field.title'), cell: (s) => link(summitPath(slug, s.id), s.title) },
      { header: t('summit.field.area'), cell: (s) => link(areaSummitsPath(slug, s.areaCode), input.areaNames.get(s.areaCode) ?? s.areaCode) },
      { header: t('summit.field.place'), cell: (s) => s.placeName ?? t('summit.noPlace') },
      { header: t('summit.field.status'), cell: (s) => statusTag(t, s.status) },
    ],
  });
}

/** The municipality's summits: every neighbourhood's, upcoming first, then the earlier ones. */
export function overviewPage(ctx: Context, input: { upcoming: Summit[]; earlier: Summit[]; areaNames: Map<string, string> }): SafeHtml {
  const t = translator(ctx.locale);
  const year = Number(amsterdamToday().slice(0, 4));
  return html`${heading1(t('summit.overview.title'))}
    ${paragraph(t('summit.overview.intro'))}
    ${paragraph(link(`${summitsPath(ctx.tenant!.slug)}/dag/${year}`, t('summit.yearlyDay.link', { year })))}
    <h2 class="utrecht-heading-2" id="komend">${t('summit.overview.upcoming')}</h2>
    ${summitsTable(ctx, { caption: t('summit.overview.upcoming'), captionHidden: true, summits: input.upcoming, areaNames: input.areaNames, empty: t('summit.overview.noUpcoming') })}
    <h2 class="utrecht-heading-2" id="eerder">${t('summit.overview.earlier')}</h2>
    ${summitsTable(ctx, { caption: t('summit.overview.earlier'), captionHidden: true, summits: input.earlier, areaNames: input.areaNames, empty: t('summit.overview.noEarlier') })}
    ${paragraph(t('summit.overview.howToStart'))}`;
}

/** An area's summits, with the way to start one for those who may. */
export function areaPage(ctx: Context, input: { area: { code: string; title: string }; summits: Summit[]; canCreate: boolean }): SafeHtml {
  const t = translator(ctx.locale);
  const slug = ctx.tenant!.slug;
  return html`${heading1(t('summit.area.title', { area: input.area.title }))}
    ${paragraph(t('summit.area.intro'))}
    ${input.canCreate ? paragraph(link(`${areaSummitsPath(slug, input.area.code)}/nieuw`, t('summit.area.create'))) : ''}
    ${summitsTable(ctx, { caption: t('summit.area.list', { area: input.area.title }), summits: input.summits, areaNames: new Map([[input.area.code, input.area.title]]), empty: t('summit.area.none') })}`;
}

export interface SummitPageInput {
  summit: Summit;
  area: { code: string; title: string };
  history: SummitStatusChange[];
  milestones: Milestone[];
  groups: WorkingGroup[];
  memberCounts: Map<string, number>;
  today: string;
  canOrganise: boolean;
  csrf: string;
}

function planSummary(ctx: Context, states: Array<Milestone & { state: MilestoneState }>): string {
  const t = translator(ctx.locale);
  const n = (v: number) => formatNumber(ctx.locale, v);
  const next = states.find((m) => m.state === 'next');
  const counts = t('summit.plan.summary', { done: n(states.filter((m) => m.state === 'done').length), total: n(states.length), overdue: n(states.filter((m) => m.state === 'overdue').length) });
  return next ? `${counts} ${t('summit.plan.next', { title: next.title, date: dayText(ctx, next.dueOn) })}` : counts;
}

function milestoneItem(ctx: Context, input: SummitPageInput, m: Milestone & { state: MilestoneState }): SafeHtml {
  const t = translator(ctx.locale);
  const base = `${summitPath(ctx.tenant!.slug, input.summit.id)}/mijlpalen/${m.id}`;
  const when = m.doneOn ? t('summit.plan.doneOn', { date: dayText(ctx, m.doneOn) }) : t('summit.plan.dueOn', { date: dayText(ctx, m.dueOn) });
  return html`<li class="ba-milestone ba-milestone--${m.state}" id="mijlpaal-${m.id}">
    <strong>${m.title}</strong> — ${when}${m.state === 'done' ? '' : html` <span class="ba-tag">${t(`summit.plan.state.${m.state}`)}</span>`}${m.state === 'done' ? html` <span class="ba-tag">${t('summit.plan.state.done')}</span>` : ''}
    ${input.canOrganise && m.owner ? html`<br><span class="ba-optional">${t('summit.plan.owner', { owner: m.owner })}</span>` : ''}
    ${input.canOrganise ? html`<div class="utrecht-button-group ba-actions">
      ${actionButton({ action: `${base}/klaar`, csrf: input.csrf, label: m.doneOn ? t('summit.plan.undo', { title: m.title }) : t('summit.plan.markDone', { title: m.title }), fields: { done: m.doneOn ? 'off' : 'on' } })}
      ${link(`${base}/bewerken`, t('summit.plan.edit', { title: m.title }))}
    </div>` : ''}
  </li>`;
}

/** A summit: its facts, its plan (what is done, overdue and next), its working groups and its status history. */
export function summitPage(ctx: Context, input: SummitPageInput): SafeHtml {
  const t = translator(ctx.locale);
  const slug = ctx.tenant!.slug;
  const { summit } = input;
  const here = summitPath(slug, summit.id);
  const states = milestoneStates(input.milestones, input.today);
  const publicGroups = groupsArePublic(summit.status);
  return html`${heading1(summit.title)}
    ${dataList([
      [t('summit.field.when'), whenText(ctx, summit)],
      [t('summit.field.place'), summit.placeId ? link(`/${slug}/plekken/${summit.placeId}`, summit.placeName ?? '') : (summit.placeName ?? t('summit.noPlace'))],
      [t('summit.field.capacity'), summit.capacity === null ? t('summit.unknown') : t('summit.capacity.people', { count: formatNumber(ctx.locale, summit.capacity) })],
      [t('summit.field.area'), link(`/${slug}/gebieden/${input.area.code}`, input.area.title)],
      [t('summit.field.organiser'), link(`/${slug}/organisaties/${summit.organiserId}`, summit.organiserName)],
      [t('summit.field.status'), html`${statusTag(t, summit.status)} ${t('summit.status.since', { date: formatDateTime(ctx.locale, summit.statusSince) })}`],
    ])}
    ${summit.description ? paragraph(summit.description) : ''}
    ${input.canOrganise ? html`<div class="utrecht-button-group ba-actions">${link(`${here}/bewerken`, t('summit.edit.link'))} ${link(`${here}/status`, t('summit.status.link'))}</div>` : ''}
    ${input.canOrganise || summit.status === 'held' || summit.status === 'closed' ? paragraph(html`${input.canOrganise ? html`${link(`${here}/dag`, t('summit.day.link.onSummit'))} · ` : ''}${link(`${here}/ambities`, t('summit.outcome.link'))}`) : ''}
    <section aria-labelledby="plan"><h2 class="utrecht-heading-2" id="plan">${t('summit.plan.heading')}</h2>
      ${states.length ? paragraph(planSummary(ctx, states)) : ''}
      ${states.length ? html`<ol class="utrecht-ordered-list ba-milestones">${states.map((m) => milestoneItem(ctx, input, m))}</ol>` : paragraph(t('summit.plan.empty'))}
      ${input.canOrganise ? paragraph(link(`${here}/mijlpalen/nieuw`, t('summit.plan.add'))) : ''}
    </section>
    <section aria-labelledby="werkgroepen"><h2 class="utrecht-heading-2" id="werkgroepen">${t('summit.groups.heading')}</h2>
      ${paragraph(t(publicGroups || input.canOrganise ? 'summit.groups.intro' : 'summit.groups.introPreparing'))}
      ${input.groups.length ? html`<ul class="utrecht-unordered-list">${input.groups.map((g) => html`<li>${link(groupPath(slug, summit.id, g.id), g.name)}${input.canOrganise
        ? html` <span class="ba-optional">(${t('summit.groups.counts', { members: formatNumber(ctx.locale, input.memberCounts.get(g.id) ?? 0) })}${g.briefing ? t('summit.groups.hasBriefing') : ''})</span>` : ''}</li>`)}</ul>` : paragraph(t('summit.groups.empty'))}
      ${input.canOrganise ? paragraph(link(`${here}/werkgroepen/nieuw`, t('summit.groups.add'))) : ''}
    </section>
    <section aria-labelledby="geschiedenis"><h2 class="utrecht-heading-2" id="geschiedenis">${t('summit.history.heading')}</h2>
      <ol class="utrecht-ordered-list">${input.history.map((c) => html`<li>${formatDateTime(ctx.locale, c.changedAt)}: <strong>${t(`summit.status.${c.status}`)}</strong>${c.note ? html` — ${c.note}` : ''}</li>`)}</ol>
    </section>`;
}
