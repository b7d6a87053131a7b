import { createHmac, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import type { Context, Platform } from '../context.js';
import { newId, nowIso } from '../db/helpers.js';
import { NotFoundError, ValidationError } from '../errors.js';
import { appendAudit } from '../audit.js';
import { registerPersonalData, registerRetention } from '../privacy.js';
import { translator } from '../i18n/index.js';
import { dailyAt, enqueue } from '../jobs.js';
import { composeMail } from '../mail-template.js';
import { queueMail } from '../outbox.js';
import { defineUseCase, type Tx } from '../service.js';
import { channels, type Channel, type Db } from './store.js';

/**
 * Kinds of notification and kinds of followable item are registered by the capabilities that
 * produce them. An event about an item fans out to its followers in batches (a job per batch),
 * so an item with tens of thousands of followers never makes one huge transaction; the daily
 * digest walks the people with waiting notifications in batches too, one mail each.
 */
export interface NotificationKind {
  kind: string;
  labelKey: string;
  defaultChannel: Channel;
}

export interface FollowTarget {
  type: string;
  labelKey: string;
  /** Does this public item exist in this municipality (national items: municipalityId may be null)? */
  exists(db: Db, municipalityId: string | null, id: string): Promise<boolean>;
}

const kinds = new Map<string, NotificationKind>();
const targets = new Map<string, FollowTarget>();

export function registerNotificationKind(kind: NotificationKind): void {
  kinds.set(kind.kind, kind);
}

export function registerFollowTarget(target: FollowTarget): void {
  targets.set(target.type, target);
}

export function notificationKinds(): NotificationKind[] {
  return [...kinds.values()];
}

export function followTargets(): FollowTarget[] {
  return [...targets.values()];
}

function kindOf(kind: string): NotificationKind {
  const found = kinds.get(kind);
  if (!found) throw new Error(`Notification kind "${kind}" is not registered`);
  return found;
}

export const FANOUT_JOB = 'notifications.fanout';
export const DIGEST_JOB = 'notifications.digest';
export const FANOUT_BATCH = 1000;
export const DIGEST_BATCH = 500;
const DIGEST_ITEMS = 20;

export interface ItemEvent {
  municipalityId: string | null;
  kind: string;
  target: { type: string; id: string };
  title: string;
  body: string;
  /** Path within the installation, e.g. /voorbeeldstad/gebieden/BU99990102. */
  url: string;
  actorId?: string | null;
}

/** Tell everyone who follows an item; call inside the use case's transaction. */
export async function publishEvent(tx: Tx, event: ItemEvent): Promise<string> {
  kindOf(event.kind);
  const id = newId();
  await tx.insertInto('notification_events').values({
    id, municipality_id: event.municipalityId, kind: event.kind, target_type: event.target.type, target_id: event.target.id,
    title: event.title, body: event.body, url: event.url, actor_id: event.actorId ?? null, created_at: nowIso(),
  }).execute();
  await enqueue(tx, FANOUT_JOB, { eventId: id, after: '' }, { uniqueKey: `fanout:${id}:` });
  return id;
}

async function channelsFor(db: Db, personIds: string[], kind: string): Promise<Map<string, Channel>> {
  const out = new Map<string, Channel>();
  for (let i = 0; i < personIds.length; i += 500) {
    const rows = await db.selectFrom('notification_preferences').select(['person_id', 'channel']).where('kind', '=', kind).where('person_id', 'in', personIds.slice(i, i + 500)).execute();
    for (const row of rows) out.set(row.person_id, row.channel);
  }
  return out;
}

function absolute(platform: Platform, url: string): string {
  return url.startsWith('http') ? url : `${platform.config.publicUrl}${url}`;
}

export function unsubscribeToken(secret: string, personId: string, kind: string): string {
  return createHmac('sha256', secret).update(`unsubscribe:${personId}:${kind}`).digest('base64url');
}

export function unsubscribeUrl(platform: Platform, personId: string, kind: string): string {
  const query = new URLSearchParams({ p: personId, k: kind, t: unsubscribeToken(platform.secret, personId, kind) });
  return `${platform.config.publicUrl}/afmelden?${query.toString()}`;
}

export function validUnsubscribe(secret: string, personId: string, kind: string, token: string): boolean {
  const expected = Buffer.from(unsubscribeToken(secret, personId, kind));
  const given = Buffer.from(token);
  return expected.length === given.length && timingSafeEqual(expected, given);
}

/** The digest's own "kind" for unsubscribing: every kind that comes daily becomes "never". */
export const DIGEST_KIND = '*digest';

interface Recipient { personId: string; channel: Channel }

/** Create in-app notifications for people and queue the immediate mails; one transaction per call. */
export async function deliver(platform: Platform, tx: Tx, recipients: Recipient[], item: Omit<ItemEvent, 'target' | 'actorId'>): Promise<void> {
  if (recipients.length === 0) return;
  const now = nowIso();
  const immediate = recipients.filter((r) => r.channel === 'immediately');
  const contacts = immediate.length ? await platform.directory.contactsOf(tx, immediate.map((r) => r.personId)) : new Map();
  const rows = recipients.map((r) => ({
    id: newId(), person_id: r.personId, municipality_id: item.municipalityId, kind: item.kind, title: item.title, body: item.body, url: item.url,
    created_at: now, read_at: null, delivery: r.channel, mailed_at: r.channel === 'immediately' && contacts.has(r.personId) ? now : null,
  }));
  for (let i = 0; i < rows.length; i += 200) await tx.insertInto('notifications').values(rows.slice(i, i + 200)).execute();
  for (const r of immediate) {
    const contact = contacts.get(r.personId);
    if (!contact) continue;
    const t = translator(contact.locale);
    const unsubscribe = unsubscribeUrl(platform, r.personId, item.kind);
    await queueMail(tx, {
      to: contact.email, municipalityId: item.municipalityId, unsubscribeUrl: unsubscribe,
      ...composeMail(t, { locale: contact.locale, subject: item.title, paragraphs: [item.body], action: { label: t('notifications.mail.open'), url: absolute(platform, item.url) }, after: [t('notifications.mail.why', { kind: t(kindOf(item.kind).labelKey) })], unsubscribeUrl: unsubscribe }),
    });
  }
}

/** Notify one person directly (e.g. "you were added to an organisation"); inside the caller's transaction. */
export async function notifyPerson(platform: Platform, tx: Tx, personId: string, item: Omit<ItemEvent, 'target' | 'actorId'>): Promise<void> {
  const channel = (await channelsFor(tx, [personId], item.kind)).get(personId) ?? kindOf(item.kind).defaultChannel;
  await deliver(platform, tx, [{ personId, channel }], item);
}

async function fanout(platform: Platform, payload: { eventId: string; after: string }): Promise<void> {
  const { db } = platform;
  const event = await db.selectFrom('notification_events').selectAll().where('id', '=', payload.eventId).executeTakeFirst();
  if (!event) return;
  const kind = kindOf(event.kind);
  await db.transaction().execute(async (tx) => {
    const followers = (await tx.selectFrom('follows').select('person_id')
      .where('target_type', '=', event.target_type).where('target_id', '=', event.target_id).where('person_id', '>', payload.after)
      .orderBy('person_id').limit(FANOUT_BATCH).execute()).map((f) => f.person_id);
    const recipients = followers.filter((id) => id !== event.actor_id);
    const prefs = await channelsFor(tx, recipients, event.kind);
    await deliver(platform, tx, recipients.map((personId) => ({ personId, channel: prefs.get(personId) ?? kind.defaultChannel })),
      { municipalityId: event.municipality_id, kind: event.kind, title: event.title, body: event.body, url: event.url });
    // The next batch is its own job, written in this batch's transaction: nothing is lost or done twice.
    if (followers.length === FANOUT_BATCH) {
      const last = followers[followers.length - 1]!;
      await enqueue(tx, FANOUT_JOB, { eventId: event.id, after: last }, { uniqueKey: `fanout:${event.id}:${last}` });
    }
  });
}

/** One digest run: a batch of people with waiting daily notifications, one mail each, then the next batch as a new job. */
async function digest(platform: Platform, payload: { run: string; after: string }): Promise<void> {
  const { db } = platform;
  await db.transaction().execute(async (tx) => {
    const people = (await tx.selectFrom('notifications').select('person_id').distinct()
      .where('delivery', '=', 'daily').where('mailed_at', 'is', null).where('person_id', '>', payload.after)
      .orderBy('person_id').limit(DIGEST_BATCH).execute()).map((r) => r.person_id);
    if (people.length === 0) return;
    const contacts = await platform.directory.contactsOf(tx, people);
    const now = nowIso();
    for (const personId of people) {
      const items = await tx.selectFrom('notifications').select(['id', 'title', 'url', 'municipality_id'])
        .where('person_id', '=', personId).where('delivery', '=', 'daily').where('mailed_at', 'is', null).orderBy('created_at', 'desc').execute();
      const contact = contacts.get(personId);
      if (contact && items.length) {
        const t = translator(contact.locale);
        const shown = items.slice(0, DIGEST_ITEMS);
        const unsubscribe = unsubscribeUrl(platform, personId, DIGEST_KIND);
        await queueMail(tx, {
          to: contact.email, municipalityId: items[0]!.municipality_id, unsubscribeUrl: unsubscribe,
          ...composeMail(t, {
            locale: contact.locale, subject: t('notifications.digest.subject', { count: items.length }),
            paragraphs: [t('notifications.digest.intro', { count: items.length }), ...shown.map((n) => `• ${n.title} — ${absolute(platform, n.url)}`)],
            after: items.length > shown.length ? [t('notifications.digest.more', { count: items.length - shown.length })] : [],
            unsubscribeUrl: unsubscribe,
          }),
        });
      }
      // Marked in the same transaction as the mail is queued: a digest is never sent twice.
      for (let i = 0; i < items.length; i += 500) {
        await tx.updateTable('notifications').set({ mailed_at: now }).where('id', 'in', items.slice(i, i + 500).map((n) => n.id)).execute();
      }
    }
    if (people.length === DIGEST_BATCH) {
      const last = people[people.length - 1]!;
      await enqueue(tx, DIGEST_JOB, { run: payload.run, after: last }, { uniqueKey: `digest:${payload.run}:${last}` });
    }
  });
}

export function registerNotificationJobs(platform: Platform): void {
  platform.jobs.register(FANOUT_JOB, (payload) => fanout(platform, payload as { eventId: string; after: string }));
  platform.jobs.register(DIGEST_JOB, (payload) => {
    const p = payload as { run?: string; after?: string };
    return digest(platform, { run: p.run ?? nowIso().slice(0, 10), after: p.after ?? '' });
  });
  platform.jobs.schedule(dailyAt(DIGEST_JOB, 7));
}

// ---- use cases ------------------------------------------------------------------

function personOf(ctx: Context): string {
  if (ctx.actor.kind !== 'person') throw new NotFoundError();
  return ctx.actor.personId;
}

export const follow = defineUseCase({
  action: 'notifications.follow',
  input: z.object({ targetType: z.string().max(40), targetId: z.string().min(1).max(64) }),
  async resource(tx, input, ctx) {
    const target = targets.get(input.targetType);
    if (!target || !(await target.exists(tx, ctx.tenant?.id ?? null, input.targetId))) throw new NotFoundError();
    return { type: 'follow', municipalityId: ctx.tenant?.id ?? null, ownerId: ctx.actor.kind === 'person' ? ctx.actor.personId : null };
  },
  async run(tx, input, ctx) {
    const personId = personOf(ctx);
    await tx.insertInto('follows').values({ person_id: personId, target_type: input.targetType, target_id: input.targetId, municipality_id: ctx.tenant?.id ?? null, created_at: nowIso() })
      .onConflict((oc) => oc.columns(['target_type', 'target_id', 'person_id']).doNothing()).execute();
    return { result: { following: true }, audit: [{ action: 'follow.add', entityType: input.targetType, entityId: input.targetId, municipalityId: ctx.tenant?.id ?? null, after: { follower: personId }, personal: { subjectId: personId, fields: ['follower'] } }] };
  },
});

export const unfollow = defineUseCase({
  action: 'notifications.follow',
  input: z.object({ targetType: z.string().max(40), targetId: z.string().min(1).max(64) }),
  async resource(tx, input, ctx) {
    const personId = ctx.actor.kind === 'person' ? ctx.actor.personId : null;
    if (personId && !(await isFollowing(tx, personId, input.targetType, input.targetId))) throw new NotFoundError();
    return { type: 'follow', municipalityId: ctx.tenant?.id ?? null, ownerId: personId };
  },
  async run(tx, input, ctx) {
    const personId = personOf(ctx);
    await tx.deleteFrom('follows').where('person_id', '=', personId).where('target_type', '=', input.targetType).where('target_id', '=', input.targetId).execute();
    return { result: { following: false }, audit: [{ action: 'follow.remove', entityType: input.targetType, entityId: input.targetId, municipalityId: ctx.tenant?.id ?? null, before: { follower: personId }, personal: { subjectId: personId, fields: ['follower'] } }] };
  },
});

export const setPreferences = defineUseCase({
  action: 'notifications.preferences',
  input: z.record(z.string().max(60), z.enum(channels as [Channel, ...Channel[]], { error: 'validation.choice' }))
    .refine((prefs) => Object.keys(prefs).length > 0, 'validation.required'),
  async resource(_tx, _input, ctx) {
    return { type: 'preferences', ownerId: ctx.actor.kind === 'person' ? ctx.actor.personId : null };
  },
  async run(tx, input, ctx) {
    const personId = personOf(ctx);
    for (const kind of Object.keys(input)) if (!kinds.has(kind)) throw ValidationError.field(kind, 'validation.unknownField', { keys: kind });
    const before = await tx.selectFrom('notification_preferences').select(['kind', 'channel']).where('person_id', '=', personId).execute();
    for (const [kind, channel] of Object.entries(input)) {
      await tx.deleteFrom('notification_preferences').where('person_id', '=', personId).where('kind', '=', kind).execute();
      await tx.insertInto('notification_preferences').values({ person_id: personId, kind, channel }).execute();
    }
    return { result: { saved: true }, audit: [{ action: 'notifications.preferences', entityType: 'person', entityId: personId, municipalityId: ctx.tenant?.id ?? null, before: Object.fromEntries(before.map((b) => [b.kind, b.channel])), after: input }] };
  },
});

export async function preferencesOf(db: Db, personId: string): Promise<Record<string, Channel>> {
  const rows = await db.selectFrom('notification_preferences').select(['kind', 'channel']).where('person_id', '=', personId).execute();
  const stored = new Map(rows.map((r) => [r.kind, r.channel]));
  return Object.fromEntries(notificationKinds().map((k) => [k.kind, stored.get(k.kind) ?? k.defaultChannel]));
}

/** One-click unsubscribe from a mail (RFC 8058): authenticated by the signed link, no session needed. */
export async function unsubscribe(platform: Platform, input: { personId: string; kind: string; token: string }): Promise<boolean> {
  if (!validUnsubscribe(platform.secret, input.personId, input.kind, input.token)) return false;
  const affected = input.kind === DIGEST_KIND
    ? Object.entries(await preferencesOf(platform.db, input.personId)).filter(([, channel]) => channel === 'daily').map(([kind]) => kind)
    : kinds.has(input.kind) ? [input.kind] : [];
  await platform.db.transaction().execute(async (tx) => {
    for (const kind of affected) {
      await tx.deleteFrom('notification_preferences').where('person_id', '=', input.personId).where('kind', '=', kind).execute();
      await tx.insertInto('notification_preferences').values({ person_id: input.personId, kind, channel: 'never' }).execute();
    }
    await appendAudit(tx, { kind: 'anonymous' }, { action: 'notifications.unsubscribe', entityType: 'person', entityId: input.personId, municipalityId: null, after: { kinds: affected.join(', ') }, personal: { subjectId: input.personId, fields: [] } });
  });
  return true;
}

export async function notificationsOf(db: Db, personId: string, municipalityId: string | null, limit = 50) {
  let q = db.selectFrom('notifications').select(['id', 'kind', 'title', 'body', 'url', 'created_at', 'read_at']).where('person_id', '=', personId);
  if (municipalityId) q = q.where((eb) => eb.or([eb('municipality_id', '=', municipalityId), eb('municipality_id', 'is', null)]));
  return q.orderBy('created_at', 'desc').limit(limit).execute();
}

export async function unreadCount(db: Db, personId: string): Promise<number> {
  const row = await db.selectFrom('notifications').select((eb) => eb.fn.countAll<number>().as('n')).where('person_id', '=', personId).where('read_at', 'is', null).executeTakeFirst();
  return Number(row?.n ?? 0);
}

export async function markAllRead(db: Db, personId: string): Promise<void> {
  await db.updateTable('notifications').set({ read_at: nowIso() }).where('person_id', '=', personId).where('read_at', 'is', null).execute();
}

export async function followsOf(db: Db, personId: string) {
  return db.selectFrom('follows').select(['target_type', 'target_id', 'municipality_id', 'created_at']).where('person_id', '=', personId).orderBy('created_at', 'desc').execute();
}

export async function isFollowing(db: Db, personId: string, targetType: string, targetId: string): Promise<boolean> {
  return Boolean(await db.selectFrom('follows').select('person_id').where('person_id', '=', personId).where('target_type', '=', targetType).where('target_id', '=', targetId).executeTakeFirst());
}

/** For erasure: everything notifications hold about a person. */
export async function eraseNotificationsOf(tx: Tx, personId: string): Promise<void> {
  await tx.deleteFrom('notifications').where('person_id', '=', personId).execute();
  await tx.deleteFrom('follows').where('person_id', '=', personId).execute();
  await tx.deleteFrom('notification_preferences').where('person_id', '=', personId).execute();
}


registerPersonalData({
  name: 'notifications',
  labelKey: 'notifications.privacy.data',
  async export(db, subject) {
    return {
      follows: await followsOf(db, subject.personId),
      preferences: await db.selectFrom('notification_preferences').select(['kind', 'channel']).where('person_id', '=', subject.personId).execute(),
      notifications: await db.selectFrom('notifications').select(['kind', 'title', 'body', 'url', 'created_at', 'read_at']).where('person_id', '=', subject.personId).orderBy('created_at', 'desc').execute(),
    };
  },
  erase: (tx, subject) => eraseNotificationsOf(tx, subject.personId),
});

registerRetention({
  name: 'notifications', descriptionKey: 'notifications.privacy.retention', days: 365,
  async run(db, cutoff) { await db.deleteFrom('notifications').where('created_at', '<', cutoff).where('read_at', 'is not', null).execute(); },
});
