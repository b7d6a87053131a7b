/**
 * The daily digest at scale (issue 3): 50,000 people follow one neighbourhood and want its news
 * in the daily digest; a few events about it are published, then the three steps that get the
 * news to them are timed one after the other, each with only its own job kind running:
 *
 *   1. fan-out   events → in-app notifications (jobs of FANOUT_BATCH followers each)
 *   2. digest    the digest job chain, until every follower's digest mail is in the outbox
 *                (jobs of DIGEST_BATCH people each)
 *   3. outbox    the outbox worker sending the mails, through a mailer that only counts
 *
 * Every job runs through the platform's own JobRunner (claim, handler, complete) and the
 * notifications module's own handlers, on the data set's 100,000 accounts. The time of every
 * job's handler is kept, so the peak and median batch show whether a batch stays small. The
 * baseline, measured in the same run on the same database, is a job that does nothing, run
 * through the same queue: what the queue itself costs per job.
 *
 * The counts are checked (one digest per follower, each with every event, nothing twice, no
 * failed job). A wrong count is reported as a FAILURE line and makes the run exit with 1; there
 * is no threshold on any time.
 */
import { sql, type Kysely, type RawBuilder } from 'kysely';
import { openPlatform, type OpenedPlatform } from '../src/app.js';
import { loadConfig } from '../src/platform/config.js';
import type { Platform } from '../src/platform/context.js';
import type { Database } from '../src/platform/db/schema.js';
import { enqueue, JobRunner, type JobHandler } from '../src/platform/jobs.js';
import type { Mailer, MailMessage } from '../src/platform/mail.js';
import { MAIL_JOB, registerMailJob } from '../src/platform/outbox.js';
import { DIGEST_BATCH, DIGEST_JOB, FANOUT_BATCH, FANOUT_JOB, notificationsModule, publishEvent, registerNotificationKind } from '../src/platform/notifications/index.js';
import { cbsCodeOf, DIVISION_YEAR, redact, slugOf, workingCopy, type DatasetInfo } from './generate.js';
import { percentile } from './load.js';
import { fmt, fmtCount, fmtDuration, fmtRatio, median } from './report.js';

/**
 * The kind of the published events. No capability publishes news about an area yet (areas can be
 * followed; picture, agenda and budgets will publish to them), so the benchmark registers one in
 * its own process, defaulting to "immediately" as news would: the followers' stored preference
 * "daily" is what puts it in the digest.
 */
export const BENCH_KIND = 'bench.area.news';
const NOOP_JOB = 'bench.noop';
const BASELINE_JOBS = 1000;

export interface DigestOptions {
  dataset: DatasetInfo;
  /** Followers of the neighbourhood (default: half the accounts, 50,000 at full scale). */
  followers?: number;
  /** Events published about it (default 3). */
  events?: number;
  /** Stop sending after this many minutes (default: send everything); the counts are then reported as not verified. */
  outboxMinutes?: number;
  log?: (line: string) => void;
}

export interface DigestResult {
  markdown: string;
  failures: string[];
}

/** A mailer that only counts: messages, per recipient, Message-IDs, and messages missing one of the texts every one should hold. */
function countingMailer() {
  const mailer = {
    sent: 0,
    recipients: new Map<string, number>(),
    messageIds: new Set<string>(),
    /** Texts every message must contain (the events' titles). */
    required: [] as string[],
    incomplete: 0,
    async send(message: MailMessage) {
      mailer.sent++;
      mailer.recipients.set(message.to, (mailer.recipients.get(message.to) ?? 0) + 1);
      if (message.messageId) mailer.messageIds.add(message.messageId);
      if (!mailer.required.every((text) => message.text.includes(text))) mailer.incomplete++;
    },
  };
  return mailer satisfies Mailer;
}

/** The platform's JobRunner, running only the kinds of the current step and timing every handler. */
class StepRunner extends JobRunner {
  only = new Set<string>();
  readonly times = new Map<string, number[]>();
  readonly errors: unknown[] = [];
  /** Per job of the current step: from the end of the previous job's handler to the end of this one's (complete + claim + run). */
  private cycles: number[] = [];
  private lastEnd = 0;

  constructor(db: Kysely<Database>) {
    super(db, { onError: (error) => { this.errors.push(error); } });
  }

  override kinds(): string[] {
    return super.kinds().filter((kind) => this.only.has(kind));
  }

  override register(kind: string, handler: JobHandler): void {
    super.register(kind, async (payload, job) => {
      const started = performance.now();
      try {
        await handler(payload, job);
      } finally {
        const ended = performance.now();
        const list = this.times.get(kind) ?? this.times.set(kind, []).get(kind)!;
        list.push(ended - started);
        this.cycles.push(ended - this.lastEnd);
        this.lastEnd = ended;
      }
    });
  }

  /** Run the kinds given until none is due; returns the jobs run, the wall time and every job's cycle. */
  async step(kinds: string[], limitMs = Number.POSITIVE_INFINITY): Promise<{ jobs: number; ms: number; cycles: number[]; stopped: boolean }> {
    this.only = new Set(kinds);
    this.cycles = [];
    const started = performance.now();
    this.lastEnd = started;
    let jobs = 0;
    for (let n = await this.drain(100); n > 0; n = await this.drain(100)) {
      jobs += n;
      if (performance.now() - started > limitMs) return { jobs, ms: performance.now() - started, cycles: this.cycles, stopped: true };
    }
    return { jobs, ms: performance.now() - started, cycles: this.cycles, stopped: false };
  }
}

async function count(db: Kysely<Database>, query: RawBuilder<{ n: number | string }>): Promise<number> {
  const result = await query.execute(db);
  return Number(result.rows[0]?.n ?? 0);
}

/** Remove what this benchmark wrote (PostgreSQL: the data set is used in place, not copied). */
async function removeBenchRows(db: Kysely<Database>, area: string): Promise<void> {
  await db.transaction().execute(async (tx) => {
    const ownMail = sql`select id from outbox where unsubscribe_url like ${'%k=*digest%'} and to_address in (select p.email from people p join follows f on f.person_id = p.id where f.target_type = 'area' and f.target_id = ${area})`;
    await sql`delete from jobs where kind = ${MAIL_JOB} and unique_key in (select 'mail:' || id from (${ownMail}) own)`.execute(tx);
    await sql`delete from outbox where id in (${ownMail})`.execute(tx);
    await sql`delete from jobs where kind = ${FANOUT_JOB} and exists (select 1 from notification_events e where e.kind = ${BENCH_KIND} and jobs.unique_key like 'fanout:' || e.id || ':%')`.execute(tx);
    await tx.deleteFrom('jobs').where((eb) => eb.or([eb('kind', '=', NOOP_JOB), eb.and([eb('kind', '=', DIGEST_JOB), eb.or([eb('unique_key', 'like', 'bench:%'), eb('payload', 'like', '%"run":"bench-%')])])])).execute();
    await tx.deleteFrom('notifications').where('kind', '=', BENCH_KIND).execute();
    await tx.deleteFrom('notification_events').where('kind', '=', BENCH_KIND).execute();
    await tx.deleteFrom('notification_preferences').where('kind', '=', BENCH_KIND).execute();
    await tx.deleteFrom('follows').where('target_type', '=', 'area').where('target_id', '=', area).execute();
  });
}

interface StepRow {
  step: string;
  what: string;
  jobs: number;
  items: number;
  itemLabel: string;
  ms: number;
  batchTimes: number[];
  cycles: number[];
}

/** Median job cycle of the first and of the last tenth of a step's jobs: does a job get slower with a longer queue? */
function firstAndLastTenth(cycles: readonly number[]): string {
  if (cycles.length < 2) return '–';
  const tenth = Math.max(1, Math.floor(cycles.length / 10));
  return `${fmtDuration(median(cycles.slice(0, tenth)))} → ${fmtDuration(median(cycles.slice(-tenth)))}`;
}

export async function benchDigest(options: DigestOptions): Promise<DigestResult> {
  const log = options.log ?? ((line: string) => process.stdout.write(`${line}\n`));
  const { dataset } = options;
  const followerCount = Math.max(1, Math.round(options.followers ?? dataset.scale.people / 2));
  const eventCount = Math.max(1, Math.round(options.events ?? 3));
  const failures: string[] = [];
  const fail = (message: string) => { failures.push(message); log(`  FAILURE: ${message}`); };

  // A fresh database: a copy of the cached SQLite data set, or the PostgreSQL one in place (cleaned before and after).
  const work = workingCopy(dataset, 'digest');
  const { databaseUrl } = work;
  const engineLabel = dataset.file ? 'SQLite (fresh copy of the data set)' : `PostgreSQL ${redact(dataset.databaseUrl)} (the data set in place; the benchmark's rows are removed afterwards)`;
  const mailer = countingMailer();
  let opened: OpenedPlatform | null = null;
  let area = '';
  try {
    const config = loadConfig({ ...process.env, DATABASE_URL: databaseUrl, SEED_DEMO: '0', LOG_LEVEL: 'error' });
    opened = await openPlatform(config, { mailer });
    const base = opened.platform;
    const db = base.db;
    registerNotificationKind({ kind: BENCH_KIND, labelKey: 'areas.notify.areaTarget', defaultChannel: 'immediately' });

    // Only this step's jobs run, through the platform's own handlers.
    const runner = new StepRunner(db);
    const platform: Platform = { ...base, jobs: runner };
    registerMailJob(runner, db, mailer);
    notificationsModule.registerJobs!(platform);
    runner.register(NOOP_JOB, async () => {});

    // ---- setup (not timed as part of the digest) ----
    const setupStarted = performance.now();
    const municipality = await db.selectFrom('municipalities').select(['id', 'slug']).where('slug', '=', slugOf(1)).executeTakeFirstOrThrow();
    area = (await db.selectFrom('areas').select('code').where('municipality_code', '=', cbsCodeOf(1)).where('division_year', '=', DIVISION_YEAR).where('kind', '=', 'neighbourhood').orderBy('code').limit(1).executeTakeFirstOrThrow()).code;
    if (!dataset.file) await removeBenchRows(db, area);
    const people = await db.selectFrom('people').select(['id', 'email']).where('email', 'like', 'bewoner%').orderBy('email').limit(followerCount).execute();
    if (people.length < followerCount) fail(`the data set has ${people.length} resident accounts, ${followerCount} followers were asked for`);
    const now = new Date().toISOString();
    await db.transaction().execute(async (tx) => {
      for (let i = 0; i < people.length; i += 5000) {
        const slice = people.slice(i, i + 5000);
        await tx.insertInto('follows').values(slice.map((p) => ({ person_id: p.id, target_type: 'area', target_id: area, municipality_id: municipality.id, created_at: now }))).execute();
        await tx.insertInto('notification_preferences').values(slice.map((p) => ({ person_id: p.id, kind: BENCH_KIND, channel: 'daily' as const }))).execute();
      }
    });
    if (base.engine === 'postgres') await sql`ANALYZE follows`.execute(db);
    const setupMs = performance.now() - setupStarted;
    log(`  ${fmtCount(people.length)} people follow ${area} (gemeente-001) with "daily" for ${BENCH_KIND}: set up in ${fmtDuration(setupMs)}`);

    // ---- baseline: a job that does nothing, through the same queue ----
    await db.transaction().execute(async (tx) => {
      for (let i = 0; i < BASELINE_JOBS; i++) await enqueue(tx, NOOP_JOB, { i }, { uniqueKey: `bench:noop:${now}:${i}` });
    });
    const baseline = await runner.step([NOOP_JOB]);
    const perNoopJob = baseline.ms / Math.max(1, baseline.jobs);
    log(`  baseline: ${fmtCount(baseline.jobs)} empty jobs in ${fmtDuration(baseline.ms)} (${fmt(perNoopJob, 2)} ms per job)`);

    // ---- 1. fan-out ----
    const titles: string[] = [];
    const publishStarted = performance.now();
    for (let e = 1; e <= eventCount; e++) {
      const title = `Nieuws uit ${area} (${e} van ${eventCount})`;
      titles.push(title);
      await db.transaction().execute((tx) => publishEvent(tx, {
        municipalityId: municipality.id, kind: BENCH_KIND, target: { type: 'area', id: area }, title,
        body: `Bericht ${e} over de buurt.`, url: `/${municipality.slug}/gebieden/${area}`, actorId: null,
      }));
    }
    const publishMs = performance.now() - publishStarted;
    const fanout = await runner.step([FANOUT_JOB]);
    const notifications = await count(db, sql<{ n: number }>`select count(*) as n from notifications where kind = ${BENCH_KIND}`);
    const notifiedPeople = await count(db, sql<{ n: number }>`select count(distinct person_id) as n from notifications where kind = ${BENCH_KIND}`);
    const notDaily = await count(db, sql<{ n: number }>`select count(*) as n from notifications where kind = ${BENCH_KIND} and delivery <> 'daily'`);
    log(`  fan-out: ${fmtCount(eventCount)} events → ${fmtCount(notifications)} notifications in ${fmtDuration(fanout.ms)} (${fanout.jobs} jobs)`);
    if (notifications !== people.length * eventCount) fail(`fan-out made ${fmtCount(notifications)} notifications, expected ${fmtCount(people.length * eventCount)} (${fmtCount(people.length)} followers × ${eventCount} events)`);
    if (notifiedPeople !== people.length) fail(`fan-out reached ${fmtCount(notifiedPeople)} people, expected ${fmtCount(people.length)}`);
    if (notDaily) fail(`${fmtCount(notDaily)} notifications not marked for the daily digest (the followers' preference)`);
    const immediateMails = await count(db, sql<{ n: number }>`select count(*) as n from outbox`);

    // ---- 2. the digest job chain ----
    const run = `bench-${now}`;
    await enqueue(db, DIGEST_JOB, { run, after: '' }, { uniqueKey: `bench:digest:${now}` });
    const digest = await runner.step([DIGEST_JOB]);
    const queuedMail = await count(db, sql<{ n: number }>`select count(*) as n from jobs where kind = ${MAIL_JOB} and status = 'queued'`);
    const digestMails = await count(db, sql<{ n: number }>`select count(*) as n from outbox where status = 'pending'`) ;
    const unmailed = await count(db, sql<{ n: number }>`select count(*) as n from notifications where kind = ${BENCH_KIND} and mailed_at is null`);
    log(`  digest: ${fmtCount(digestMails)} mails in the outbox in ${fmtDuration(digest.ms)} (${digest.jobs} jobs); ${fmtCount(queuedMail)} mail jobs queued`);
    if (digestMails !== people.length) fail(`the digest put ${fmtCount(digestMails)} mails in the outbox, expected ${fmtCount(people.length)}`);
    if (unmailed) fail(`${fmtCount(unmailed)} notifications still wait for a digest`);
    if (immediateMails) fail(`${fmtCount(immediateMails)} mails were queued before the digest (the preference "daily" was not applied)`);

    // ---- 3. the outbox worker ----
    mailer.required = titles;
    const send = await runner.step([MAIL_JOB], (options.outboxMinutes ?? Number.POSITIVE_INFINITY) * 60_000);
    log(`  outbox: ${fmtCount(mailer.sent)} mails sent in ${fmtDuration(send.ms)} (${fmtCount(send.jobs)} jobs)${send.stopped ? ` — stopped there (BENCH_OUTBOX_MINUTES=${options.outboxMinutes})` : ''}`);
    const stoppedNote = send.stopped
      ? `Sending was stopped after ${fmtDuration(send.ms)} (BENCH_OUTBOX_MINUTES=${options.outboxMinutes}) with ${fmtCount(mailer.sent)} of ${fmtCount(people.length)} digests sent, so the counts of step 3 are NOT verified; at the rate of its last tenth, the rest would take about ${fmtDuration((people.length - mailer.sent) * median(send.cycles.slice(-Math.max(1, Math.floor(send.cycles.length / 10)))))} more.`
      : null;
    const expectedTo = new Set(people.map((p) => p.email));
    const twice = [...mailer.recipients.values()].filter((n) => n > 1).length;
    const strangers = [...mailer.recipients.keys()].filter((to) => !expectedTo.has(to)).length;
    const incomplete = mailer.incomplete;
    const unsent = await count(db, sql<{ n: number }>`select count(*) as n from outbox where status <> 'sent'`);
    const dead = await count(db, sql<{ n: number }>`select count(*) as n from jobs where status = 'dead' and kind in (${FANOUT_JOB}, ${DIGEST_JOB}, ${MAIL_JOB})`);
    const left = await count(db, sql<{ n: number }>`select count(*) as n from jobs where status in ('queued', 'running') and kind in (${FANOUT_JOB}, ${DIGEST_JOB}, ${MAIL_JOB})`);
    if (stoppedNote) log(`  NOT VERIFIED: ${stoppedNote}`);
    else if (mailer.sent !== people.length) fail(`the mailer was given ${fmtCount(mailer.sent)} mails, expected exactly ${fmtCount(people.length)}`);
    if (!stoppedNote && mailer.recipients.size !== people.length) fail(`${fmtCount(mailer.recipients.size)} different recipients, expected ${fmtCount(people.length)}`);
    if (twice) fail(`${fmtCount(twice)} people got more than one digest`);
    if (strangers) fail(`${fmtCount(strangers)} mails went to someone who does not follow ${area}`);
    if (mailer.messageIds.size !== mailer.sent) fail(`${fmtCount(mailer.sent - mailer.messageIds.size)} mails repeated a Message-ID`);
    if (incomplete) fail(`${fmtCount(incomplete)} digests do not list all ${eventCount} events`);
    if (unsent && !stoppedNote) fail(`${fmtCount(unsent)} outbox messages not sent`);
    if (dead || (left && !stoppedNote)) fail(`${dead} jobs dead, ${left} still queued or running`);
    if (runner.errors.length) fail(`${runner.errors.length} jobs failed; first: ${String(runner.errors[0] instanceof Error ? runner.errors[0].message : runner.errors[0]).slice(0, 300)}`);

    // ---- report ----
    const times = (kind: string) => runner.times.get(kind) ?? [];
    const rows: StepRow[] = [
      { step: 'Baseline: empty job', what: 'the job queue alone (claim, run nothing, complete)', jobs: baseline.jobs, items: baseline.jobs, itemLabel: 'jobs', ms: baseline.ms, batchTimes: times(NOOP_JOB), cycles: baseline.cycles },
      { step: '1. Fan-out', what: `${eventCount} events → in-app notifications, ${fmtCount(FANOUT_BATCH)} followers a job`, jobs: fanout.jobs, items: notifications, itemLabel: 'notifications', ms: fanout.ms, batchTimes: times(FANOUT_JOB), cycles: fanout.cycles },
      { step: '2. Digest', what: `job chain until every digest is in the outbox, ${DIGEST_BATCH} people a job`, jobs: digest.jobs, items: digestMails, itemLabel: 'mails queued', ms: digest.ms, batchTimes: times(DIGEST_JOB), cycles: digest.cycles },
      { step: '3. Outbox', what: 'outbox worker sending through a counting mailer, one mail a job', jobs: send.jobs, items: mailer.sent, itemLabel: 'mails sent', ms: send.ms, batchTimes: times(MAIL_JOB), cycles: send.cycles },
    ];
    const table = [
      '| Step | What | Jobs run | Result | Wall time | per item | vs empty job | Batch median | Batch p95 | Batch peak | Job cycle, first → last tenth |',
      '|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
      ...rows.map((r) => {
        const sorted = [...r.batchTimes].sort((a, b) => a - b);
        const perItem = r.ms / Math.max(1, r.items);
        return `| ${r.step} | ${r.what} | ${fmtCount(r.jobs)} | ${fmtCount(r.items)} ${r.itemLabel} | ${fmtDuration(r.ms)} | ${fmt(perItem, 3)} ms | ${r.step.startsWith('Baseline') ? '1' : fmtRatio(perItem / perNoopJob)} | ${fmtDuration(median(sorted))} | ${fmtDuration(percentile(sorted, 95))} | ${fmtDuration(sorted[sorted.length - 1] ?? Number.NaN)} | ${firstAndLastTenth(r.cycles)} |`;
      }),
    ];
    const total = fanout.ms + digest.ms + send.ms;
    const markdown = [
      '### Daily digest',
      '',
      `${engineLabel}. ${fmtCount(people.length)} of the data set's accounts follow neighbourhood ${area} with the preference "daily" for ${BENCH_KIND}; ${eventCount} events about it are published (${fmtDuration(publishMs)} for the ${eventCount} transactions), then each step runs alone through the platform's JobRunner and the notifications module's own handlers. "Batch" columns are the time of one job's handler (one batch; for the outbox, one mail); the job cycle adds claiming and completing it (the queue's own work), given for the first and the last tenth of the step's jobs; "vs empty job" is the wall time per item divided by the wall time per empty job in the same run.`,
      '',
      ...table,
      '',
      `From publishing to ${stoppedNote ? 'stopping' : 'the last digest sent'}: ${fmtDuration(total)} (${fmtDuration(fanout.ms)} fan-out + ${fmtDuration(digest.ms)} digest + ${fmtDuration(send.ms)} sending). Largest transaction: one job — ${fmtCount(FANOUT_BATCH)} notifications (fan-out) or ${fmtCount(DIGEST_BATCH)} mails queued (digest); after the digest ${fmtCount(queuedMail)} mail jobs were queued at once.`,
      '',
      failures.length
        ? `**Count check FAILED**: ${failures.join('; ')}.`
        : stoppedNote
          ? `**${stoppedNote}** Checked: ${fmtCount(notifications)} notifications (${fmtCount(people.length)} × ${eventCount}), exactly ${fmtCount(digestMails)} digests in the outbox, every notification marked mailed; the ${fmtCount(mailer.sent)} mails sent went to as many different followers, each listing all ${eventCount} events, no Message-ID twice.`
          : `Counts checked: ${fmtCount(notifications)} notifications (${fmtCount(people.length)} × ${eventCount}), exactly ${fmtCount(mailer.sent)} digest mails to ${fmtCount(mailer.recipients.size)} different followers, each listing all ${eventCount} events, no Message-ID twice, every notification marked mailed, no job failed or left.`,
      '',
    ].join('\n');
    return { markdown, failures };
  } catch (error) {
    fail(`the digest benchmark stopped: ${error instanceof Error ? error.stack ?? error.message : String(error)}`);
    return { markdown: ['### Daily digest', '', `${engineLabel}.`, '', `**FAILED**: ${failures.join('; ')}`, ''].join('\n'), failures };
  } finally {
    if (opened) {
      if (!dataset.file && area) await removeBenchRows(opened.platform.db, area).catch((error: unknown) => log(`  could not remove the benchmark's rows: ${String(error)}`));
      await opened.close();
    }
    work.dispose();
  }
}
