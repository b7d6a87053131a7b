import { sql, type Kysely } from 'kysely';
import type { Database } from '../../platform/db/schema.js';
import type { NamedMigrations } from '../../platform/db/migrate.js';
import { engineOf, type Db } from '../../platform/db/connect.js';
import type { AgeGroup, Question, Scale, SurveyPolarity, SurveyTheme } from './model.js';

/**
 * The survey's tables.
 *
 * A response (with its answers) knows its municipality, period, neighbourhood and age group, and
 * nothing else: no person, no e-mail, no code and no time. The guards (an e-mail invitation, a
 * letter code) record separately that they were used, by date only, so a response cannot be
 * tied to who gave it. Of an e-mail address only a keyed hash is kept (to refuse a second
 * response in the same period); the address itself only lives in the outbox message, which is
 * deleted once it was sent (see privacy.ts beside this file).
 */
export interface SurveySettingsTable {
  municipality_id: string;
  min_responses: number;
  updated_at: string;
}

export interface SurveyQuestionTable {
  id: string;
  municipality_id: string;
  /** Stable and unique in the municipality; names the catalogue indicator bm_<code>. */
  code: string;
  position: number;
  text_nl: string;
  text_en: string;
  theme: SurveyTheme;
  polarity: SurveyPolarity;
  scale: Scale;
  active: number;
  replaced_by: string | null;
  created_at: string;
  updated_at: string;
}

export interface SurveyPeriodTable {
  id: string;
  municipality_id: string;
  name: string;
  /** Dates (YYYY-MM-DD), Europe/Amsterdam. */
  starts_on: string;
  ends_on: string;
  status: 'open' | 'closed';
  opened_at: string;
  closed_at: string | null;
  /** When its scores were last written into the statistics catalogue. */
  published_at: string | null;
}

export interface SurveyInvitationTable {
  id: string;
  municipality_id: string;
  period_id: string;
  area_code: string;
  /** HMAC of the address with the installation secret: compares, never reveals. */
  email_hash: string;
  /** SHA-256 of the link's token. */
  token_hash: string;
  created_at: string;
  expires_at: string;
  /** The day it was used (a date, not a time: a time would point at the response). */
  used_on: string | null;
  /** The outbox message with the link, deleted once sent. */
  mail_id: string | null;
}

export interface SurveyLetterCodeTable {
  id: string;
  municipality_id: string;
  period_id: string;
  area_code: string;
  postal_code: string;
  code: string;
  /** Codes made together, printed together. */
  batch_id: string;
  created_at: string;
  used_on: string | null;
}

export interface SurveyResponseTable {
  id: string;
  municipality_id: string;
  period_id: string;
  area_code: string;
  age_group: AgeGroup | null;
}

export interface SurveyAnswerTable {
  response_id: string;
  question_id: string;
  /** 1–5 on the scale, 0 "weet niet". */
  value: number;
}

declare module '../../platform/db/schema.js' {
  interface Database {
    survey_settings: SurveySettingsTable;
    survey_questions: SurveyQuestionTable;
    survey_periods: SurveyPeriodTable;
    survey_invitations: SurveyInvitationTable;
    survey_letter_codes: SurveyLetterCodeTable;
    survey_responses: SurveyResponseTable;
    survey_answers: SurveyAnswerTable;
  }
}

export const surveyMigrations: NamedMigrations = {
  '0800-survey': {
    async up(db: Kysely<any>) {
      const postgres = engineOf(db) === 'postgres';
      const municipality = (c: any) => c.notNull().references('municipalities.id').onDelete('cascade');
      await db.schema.createTable('survey_settings')
        .addColumn('municipality_id', 'text', (c) => municipality(c).primaryKey())
        .addColumn('min_responses', 'integer', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createTable('survey_questions')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('municipality_id', 'text', municipality)
        .addColumn('code', 'text', (c) => c.notNull())
        .addColumn('position', 'integer', (c) => c.notNull())
        .addColumn('text_nl', 'text', (c) => c.notNull())
        .addColumn('text_en', 'text', (c) => c.notNull())
        .addColumn('theme', 'text', (c) => c.notNull())
        .addColumn('polarity', 'text', (c) => c.notNull())
        .addColumn('scale', 'text', (c) => c.notNull())
        .addColumn('active', 'integer', (c) => c.notNull())
        .addColumn('replaced_by', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addUniqueConstraint('survey_questions_code', ['municipality_id', 'code'])
        .execute();
      await db.schema.createTable('survey_periods')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('municipality_id', 'text', municipality)
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('starts_on', 'text', (c) => c.notNull())
        .addColumn('ends_on', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('opened_at', 'text', (c) => c.notNull())
        .addColumn('closed_at', 'text')
        .addColumn('published_at', 'text')
        .execute();
      await db.schema.createIndex('survey_periods_municipality').on('survey_periods').columns(['municipality_id', 'ends_on']).execute();
      // At most one open period per municipality, whatever two officials do at once.
      await sql`create unique index survey_periods_one_open on survey_periods (municipality_id) where status = 'open'`.execute(db);

      await db.schema.createTable('survey_invitations')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('municipality_id', 'text', municipality)
        .addColumn('period_id', 'text', (c) => c.notNull().references('survey_periods.id').onDelete('cascade'))
        .addColumn('area_code', 'text', (c) => c.notNull())
        .addColumn('email_hash', 'text', (c) => c.notNull())
        .addColumn('token_hash', 'text', (c) => c.notNull().unique())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('expires_at', 'text', (c) => c.notNull())
        .addColumn('used_on', 'text')
        .addColumn('mail_id', 'text')
        .addUniqueConstraint('survey_invitations_once', ['period_id', 'email_hash'])
        .execute();
      await db.schema.createTable('survey_letter_codes')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('municipality_id', 'text', municipality)
        .addColumn('period_id', 'text', (c) => c.notNull().references('survey_periods.id').onDelete('cascade'))
        .addColumn('area_code', 'text', (c) => c.notNull())
        .addColumn('postal_code', 'text', (c) => c.notNull())
        .addColumn('code', 'text', (c) => c.notNull())
        .addColumn('batch_id', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('used_on', 'text')
        .addUniqueConstraint('survey_letter_codes_code', ['period_id', 'code'])
        .execute();
      await db.schema.createIndex('survey_letter_codes_batch').on('survey_letter_codes').columns(['period_id', 'batch_id']).execute();

      // Keyed by a random id, not stored in the order of arrival (SQLite: WITHOUT ROWID), so the
      // order of responses says nothing about the order in which guards were used.
      let responses = db.schema.createTable('survey_responses')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('municipality_id', 'text', municipality)
        .addColumn('period_id', 'text', (c) => c.notNull().references('survey_periods.id').onDelete('cascade'))
        .addColumn('area_code', 'text', (c) => c.notNull())
        .addColumn('age_group', 'text');
      if (!postgres) responses = responses.modifyEnd(sql`without rowid`);
      await responses.execute();
      await db.schema.createIndex('survey_responses_area').on('survey_responses').columns(['period_id', 'area_code']).execute();
      let answers = db.schema.createTable('survey_answers')
        .addColumn('response_id', 'text', (c) => c.notNull().references('survey_responses.id').onDelete('cascade'))
        .addColumn('question_id', 'text', (c) => c.notNull().references('survey_questions.id').onDelete('cascade'))
        .addColumn('value', 'integer', (c) => c.notNull())
        .addPrimaryKeyConstraint('survey_answers_pk', ['response_id', 'question_id']);
      if (!postgres) answers = answers.modifyEnd(sql`without rowid`);
      await answers.execute();
      await db.schema.createIndex('survey_answers_question').on('survey_answers').columns(['question_id']).execute();
    },
  },
};

// ---- settings ----------------------------------------------------------------------------------

export async function minResponsesOf(db: Db, municipalityId: string, fallback: number): Promise<number> {
  const row = await db.selectFrom('survey_settings').select('min_responses').where('municipality_id', '=', municipalityId).executeTakeFirst();
  return row ? Number(row.min_responses) : fallback;
}

export async function saveMinResponses(tx: Db, municipalityId: string, minResponses: number, at: string): Promise<void> {
  await tx.insertInto('survey_settings').values({ municipality_id: municipalityId, min_responses: minResponses, updated_at: at })
    .onConflict((oc) => oc.column('municipality_id').doUpdateSet({ min_responses: minResponses, updated_at: at })).execute();
}

// ---- questions ---------------------------------------------------------------------------------

function toQuestion(row: SurveyQuestionTable): Question {
  return {
    id: row.id, municipalityId: row.municipality_id, code: row.code, position: Number(row.position), textNl: row.text_nl, textEn: row.text_en,
    theme: row.theme, polarity: row.polarity, scale: row.scale, active: Number(row.active) === 1, replacedBy: row.replaced_by,
  };
}

/** The municipality's questions in their order; retired ones only when asked. */
export async function questionsOf(db: Db, municipalityId: string, options: { includeRetired?: boolean } = {}): Promise<Question[]> {
  let q = db.selectFrom('survey_questions').selectAll().where('municipality_id', '=', municipalityId);
  if (!options.includeRetired) q = q.where('active', '=', 1);
  return (await q.orderBy('active', 'desc').orderBy('position').orderBy('code').execute()).map(toQuestion);
}

export async function findQuestion(db: Db, municipalityId: string, id: string): Promise<Question | null> {
  const row = await db.selectFrom('survey_questions').selectAll().where('municipality_id', '=', municipalityId).where('id', '=', id).executeTakeFirst();
  return row ? toQuestion(row) : null;
}

export async function insertQuestion(tx: Db, question: Question, at: string): Promise<void> {
  await tx.insertInto('survey_questions').values({
    id: question.id, municipality_id: question.municipalityId, code: question.code, position: question.position,
    text_nl: question.textNl, text_en: question.textEn, theme: question.theme, polarity: question.polarity, scale: question.scale,
    active: question.active ? 1 : 0, replaced_by: question.replacedBy, created_at: at, updated_at: at,
  }).execute();
}

export async function updateQuestion(tx: Db, question: Question, at: string): Promise<void> {
  await tx.updateTable('survey_questions').set({
    position: question.position, text_nl: question.textNl, text_en: question.textEn, theme: question.theme, polarity: question.polarity,
    scale: question.scale, active: question.active ? 1 : 0, replaced_by: question.replacedBy, updated_at: at,
  }).where('municipality_id', '=', question.municipalityId).where('id', '=', question.id).execute();
}

export async function questionCodes(db: Db, municipalityId: string): Promise<Set<string>> {
  const rows = await db.selectFrom('survey_questions').select('code').where('municipality_id', '=', municipalityId).execute();
  return new Set(rows.map((r) => r.code));
}

export async function answerCount(db: Db, questionId: string): Promise<number> {
  const row = await db.selectFrom('survey_answers').select((eb) => eb.fn.countAll<number>().as('n')).where('question_id', '=', questionId).executeTakeFirst();
  return Number(row?.n ?? 0);
}

// ---- periods -----------------------------------------------------------------------------------

export interface Period {
  id: string;
  municipalityId: string;
  name: string;
  startsOn: string;
  endsOn: string;
  status: 'open' | 'closed';
  openedAt: string;
  closedAt: string | null;
  publishedAt: string | null;
}

function toPeriod(row: SurveyPeriodTable): Period {
  return {
    id: row.id, municipalityId: row.municipality_id, name: row.name, startsOn: row.starts_on, endsOn: row.ends_on, status: row.status,
    openedAt: row.opened_at, closedAt: row.closed_at, publishedAt: row.published_at,
  };
}

/** Newest first. */
export async function periodsOf(db: Db, municipalityId: string): Promise<Period[]> {
  const rows = await db.selectFrom('survey_periods').selectAll().where('municipality_id', '=', municipalityId).orderBy('ends_on', 'desc').orderBy('opened_at', 'desc').execute();
  return rows.map(toPeriod);
}

export async function findPeriod(db: Db, municipalityId: string, id: string): Promise<Period | null> {
  const row = await db.selectFrom('survey_periods').selectAll().where('municipality_id', '=', municipalityId).where('id', '=', id).executeTakeFirst();
  return row ? toPeriod(row) : null;
}

export async function openPeriodOf(db: Db, municipalityId: string): Promise<Period | null> {
  const row = await db.selectFrom('survey_periods').selectAll().where('municipality_id', '=', municipalityId).where('status', '=', 'open').executeTakeFirst();
  return row ? toPeriod(row) : null;
}

export async function insertPeriod(tx: Db, period: Period): Promise<void> {
  await tx.insertInto('survey_periods').values({
    id: period.id, municipality_id: period.municipalityId, name: period.name, starts_on: period.startsOn, ends_on: period.endsOn,
    status: period.status, opened_at: period.openedAt, closed_at: period.closedAt, published_at: period.publishedAt,
  }).execute();
}

export async function closePeriodRow(tx: Db, period: Period, at: string): Promise<void> {
  await tx.updateTable('survey_periods').set({ status: 'closed', closed_at: at }).where('id', '=', period.id).where('municipality_id', '=', period.municipalityId).execute();
}

export async function markPublished(tx: Db, period: Period, at: string): Promise<void> {
  await tx.updateTable('survey_periods').set({ published_at: at }).where('id', '=', period.id).where('municipality_id', '=', period.municipalityId).execute();
}

// ---- guards ------------------------------------------------------------------------------------

export async function findInvitationByEmail(db: Db, periodId: string, emailHash: string): Promise<SurveyInvitationTable | null> {
  return (await db.selectFrom('survey_invitations').selectAll().where('period_id', '=', periodId).where('email_hash', '=', emailHash).executeTakeFirst()) ?? null;
}

export async function findInvitationByToken(db: Db, municipalityId: string, tokenHash: string): Promise<SurveyInvitationTable | null> {
  return (await db.selectFrom('survey_invitations').selectAll().where('municipality_id', '=', municipalityId).where('token_hash', '=', tokenHash).executeTakeFirst()) ?? null;
}

export async function findLetterCode(db: Db, municipalityId: string, periodId: string, code: string): Promise<SurveyLetterCodeTable | null> {
  return (await db.selectFrom('survey_letter_codes').selectAll().where('municipality_id', '=', municipalityId).where('period_id', '=', periodId).where('code', '=', code).executeTakeFirst()) ?? null;
}

export interface LetterBatch {
  batchId: string;
  areaCode: string;
  createdAt: string;
  codes: number;
  used: number;
}

export async function letterBatchesOf(db: Db, municipalityId: string, periodId: string): Promise<LetterBatch[]> {
  const rows = await db.selectFrom('survey_letter_codes')
    .select((eb) => ['batch_id', 'area_code', eb.fn.min('created_at').as('created_at'), eb.fn.countAll<number>().as('codes'), eb.fn.count<number>('used_on').as('used')])
    .where('municipality_id', '=', municipalityId).where('period_id', '=', periodId)
    .groupBy(['batch_id', 'area_code']).orderBy('created_at', 'desc').execute();
  return rows.map((r) => ({ batchId: r.batch_id, areaCode: r.area_code, createdAt: String(r.created_at), codes: Number(r.codes), used: Number(r.used) }));
}

export async function letterCodesOfBatch(db: Db, municipalityId: string, periodId: string, batchId: string): Promise<SurveyLetterCodeTable[]> {
  return db.selectFrom('survey_letter_codes').selectAll().where('municipality_id', '=', municipalityId).where('period_id', '=', periodId)
    .where('batch_id', '=', batchId).orderBy('postal_code').orderBy('code').execute();
}

// ---- responses ---------------------------------------------------------------------------------

export async function insertResponse(tx: Db, response: SurveyResponseTable, answers: ReadonlyArray<{ questionId: string; value: number }>): Promise<void> {
  await tx.insertInto('survey_responses').values(response).execute();
  if (answers.length) await tx.insertInto('survey_answers').values(answers.map((a) => ({ response_id: response.id, question_id: a.questionId, value: a.value }))).execute();
}

/** Responses per neighbourhood in a period. */
export async function responseCounts(db: Db, municipalityId: string, periodId: string): Promise<Map<string, number>> {
  const rows = await db.selectFrom('survey_responses').select((eb) => ['area_code', eb.fn.countAll<number>().as('n')])
    .where('municipality_id', '=', municipalityId).where('period_id', '=', periodId).groupBy('area_code').execute();
  return new Map(rows.map((r) => [r.area_code, Number(r.n)]));
}

/** Responses per age group (null: not given) in one neighbourhood and period. */
export async function ageCounts(db: Db, municipalityId: string, periodId: string, areaCode: string): Promise<Map<AgeGroup | null, number>> {
  const rows = await db.selectFrom('survey_responses').select((eb) => ['age_group', eb.fn.countAll<number>().as('n')])
    .where('municipality_id', '=', municipalityId).where('period_id', '=', periodId).where('area_code', '=', areaCode).groupBy('age_group').execute();
  return new Map(rows.map((r) => [r.age_group, Number(r.n)]));
}

/** Per question and value, the number of answers in some neighbourhoods of a period. */
export async function answerCounts(db: Db, municipalityId: string, periodId: string, areaCodes: readonly string[]): Promise<Array<{ areaCode: string; questionId: string; value: number; n: number }>> {
  if (areaCodes.length === 0) return [];
  const rows = await db.selectFrom('survey_answers').innerJoin('survey_responses', 'survey_responses.id', 'survey_answers.response_id')
    .select((eb) => ['survey_responses.area_code', 'survey_answers.question_id', 'survey_answers.value', eb.fn.countAll<number>().as('n')])
    .where('survey_responses.municipality_id', '=', municipalityId).where('survey_responses.period_id', '=', periodId)
    .where('survey_responses.area_code', 'in', [...areaCodes])
    .groupBy(['survey_responses.area_code', 'survey_answers.question_id', 'survey_answers.value']).execute();
  return rows.map((r) => ({ areaCode: r.area_code, questionId: r.question_id, value: Number(r.value), n: Number(r.n) }));
}
