import type { Context } from '../../../platform/context.js';
import { html, type SafeHtml } from '../../../platform/html.js';
import { formatNumber, translator, type Translate } from '../../../platform/i18n/index.js';
import { link } from '../../../platform/ui/components.js';
import { formatTime, type Interval, type PlaceStatus, type Reason, type ThreatKind } from '../model.js';

/** How places' facts read on every page: unknown is said as unknown, never as zero or no. */
export function euros(ctx: Context, cents: number): string {
  return `€ ${formatNumber(ctx.locale, cents / 100, cents % 100 === 0 ? 0 : 2)}`;
}

export function costText(ctx: Context, cents: number | null): string {
  const t = translator(ctx.locale);
  if (cents === null) return t('places.unknown');
  return cents === 0 ? t('places.cost.free') : t('places.cost.perHour', { amount: euros(ctx, cents) });
}

export function capacityText(ctx: Context, capacity: number | null): string {
  const t = translator(ctx.locale);
  return capacity === null ? t('places.unknown') : t('places.capacity.people', { count: formatNumber(ctx.locale, capacity) });
}

export function factText(t: Translate, value: boolean | null): string {
  return value === null ? t('places.unknown') : t(value ? 'places.fact.yes' : 'places.fact.no');
}

export function intervalsText(t: Translate, intervals: readonly Interval[]): string {
  return intervals.length ? intervals.map((i) => `${formatTime(i.from)}–${formatTime(i.to)}`).join(', ') : t('places.hours.closed');
}

export function statusText(t: Translate, status: PlaceStatus, threatKind: ThreatKind | null): string {
  return status === 'threatened' && threatKind ? t('places.status.threatenedBy', { threat: t(`places.threat.${threatKind}`) }) : t(`places.status.${status}`);
}

/** The status as a tag: its words carry the meaning, the style only repeats it. */
export function statusTag(t: Translate, status: PlaceStatus, threatKind: ThreatKind | null): SafeHtml {
  return html`<span class="ba-tag">${statusText(t, status, threatKind)}</span>`;
}

/** Why someone cannot add or assess: not signed in (with the link), or the address not yet confirmed. */
export function cannotWrite(ctx: Context, back: string, key: 'places.add.signIn' | 'places.place.signIn'): SafeHtml {
  const t = translator(ctx.locale);
  if (ctx.actor.kind === 'person') return html`${t('places.verifyFirst')}`;
  return link(`/${ctx.tenant!.slug}/inloggen?terug=${encodeURIComponent(back)}`, t(key));
}

/** One reason of a search result, as a short phrase. */
export function reasonText(ctx: Context, reason: Reason): string {
  const t = translator(ctx.locale);
  switch (reason.kind) {
    case 'open': return t('places.reason.open', { day: t(`places.weekday.${reason.weekday}`), from: formatTime(reason.from), to: formatTime(reason.to) });
    case 'openDay': return t('places.reason.openDay', { day: t(`places.weekday.${reason.weekday}`), hours: intervalsText(t, reason.intervals) });
    case 'free': return t('places.cost.free');
    case 'cost': return t('places.cost.perHour', { amount: euros(ctx, reason.cents) });
    case 'costUnknown': return t('places.reason.costUnknown');
    case 'capacity': return t('places.capacity.people', { count: formatNumber(ctx.locale, reason.capacity) });
    case 'capacityUnknown': return t('places.reason.capacityUnknown');
    case 'need': return t(`places.access.${reason.need}`);
    case 'needUnknown': return t('places.reason.needUnknown', { need: t(`places.access.${reason.need}`).toLowerCase() });
    case 'threatened': return t('places.reason.threatened');
  }
}
