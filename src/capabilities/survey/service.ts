import { createHash, createHmac, randomBytes, randomInt } from 'node:crypto';
import { z } from 'zod';
import type { Context, Platform } from '../../platform/context.js';
import type { Db } from '../../platform/db/connect.js';
import { newId, nowIso } from '../../platform/db/helpers.js';
import { ConflictError, NotFoundError, ValidationError, type FieldIssue } from '../../platform/errors.js';
import { translator } from '../../platform/i18n/index.js';
import { composeMail } from '../../platform/mail-template.js';
import { queueMail } from '../../platform/outbox.js';
import { checkLimit, keyOf, limitFailures, recordAttempt, type Limit } from '../../platform/rate-limit.js';
import { defineUseCase, execute, type Tx } from '../../platform/service.js';
import type { Tenant } from '../../platform/tenancy.js';
import { choice, email, flag, optionalText, text } from '../../platform/validation.js';
import { neighbourhoodsOf } from '../areas/index.js';
import {
  AGE_GROUPS, ANSWER_VALUES, DEFAULT_MIN_RESPONSES, DEFAULT_QUESTIONS, LETTER_CODE_ALPHABET, LETTER_CODE_LENGTH, MAX_MIN_RESPONSES, MIN_MIN_RESPONSES,
  QUESTION_CODE, SCALES, SURVEY_POLARITIES, SURVEY_THEMES, nextCode, normaliseLetterCode, normalisePostalCode, type AgeGroup, type Question,
} from './model.js';
import { surveyActions, surveyResource } from './policy.js';
import {
  answerCount, closePeriodRow, findInvitationByEmail, findInvitationByToken, findLetterCode, findPeriod, findQuestion, insertPeriod, insertQuestion,
  insertResponse, markPublished, minResponsesOf, openPeriodOf, questionCodes, questionsOf, saveMinResponses, updateQuestion, type Period,
} from './store.js';

/**
 * The survey's use cases: questions, periods and the minimum (officials and administrators),
 * letter codes, and — without an account — asking for an e-mail link and answering.
 */
export function tenantOf(ctx: Context): Tenant {
  if (!ctx.tenant) throw new NotFoundError('error.unknownMunicipality');
  return ctx.tenant;
}

const resourceOf = async (_tx: Tx, _input: unknown, ctx: Context) => surveyResource(tenantOf(ctx).id);

/** The minimum number of responses before a neighbourhood's results are shown. */
export const minimumOf = (db: Db, municipalityId: string) => minResponsesOf(db, municipalityId, DEFAULT_MIN_RESPONSES);

/** A neighbourhood of the municipality (in its current division), or the field's error. */
async function neighbourhood(db: Db, tenant: Tenant, code: string, field = 'areaCode'): Promise<string> {
  const found = (await neighbourhoodsOf(db, tenant.cbsCode, tenant.divisionYear)).some((a) => a.code === code);
  if (!found) throw ValidationError.field(field, 'survey.validation.neighbourhood');
  return code;
}

// ---- questions ---------------------------------------------------------------------------------

async function adoptDefaults(tx: Tx, municipalityId: string, at: string): Promise<Question[]> {
  const added: Question[] = DEFAULT_QUESTIONS.map((q, position) => ({ ...q, id: newId(), municipalityId, position: position + 1, active: true, replacedBy: null }));
  for (const q of added) await insertQuestion(tx, q, at);
  return added;
}

/** Takes over the shipped questions when the municipality has none yet. */
export const adoptDefaultQuestions = defineUseCase({
  action: surveyActions.manage,
  input: z.object({}),
  resource: resourceOf,
  async run(tx, _input, ctx) {
    const tenant = tenantOf(ctx);
    if ((await questionsOf(tx, tenant.id, { includeRetired: true })).length) throw ValidationError.field('_form', 'survey.questions.alreadyThere');
    const added = await adoptDefaults(tx, tenant.id, nowIso());
    return {
      result: added,
      audit: [{ action: 'survey.adoptDefaultQuestions', entityType: 'survey', entityId: tenant.id, municipalityId: tenant.id, after: { codes: added.map((q) => q.code) } }],
    };
  },
});

const questionFields = {
  textNl: text(300),
  textEn: optionalText(300),
  theme: choice(SURVEY_THEMES),
  polarity: choice(SURVEY_POLARITIES),
  scale: choice(SCALES),
  position: z.coerce.number({ error: 'validation.type' }).int('validation.type').min(1, 'validation.tooSmall').max(99, 'validation.tooBig'),
};

const snapshot = (q: Question) => ({ code: q.code, textNl: q.textNl, textEn: q.textEn, theme: q.theme, polarity: q.polarity, scale: q.scale, position: q.position, active: q.active });

export const addQuestion = defineUseCase({
  action: surveyActions.manage,
  input: z.object({ code: z.string({ error: 'validation.required' }).trim().toLowerCase().min(1, 'validation.required').max(30, 'validation.tooLong'), ...questionFields }),
  resource: resourceOf,
  async run(tx, input, ctx) {
    const tenant = tenantOf(ctx);
    if (!QUESTION_CODE.test(input.code)) throw ValidationError.field('code', 'survey.validation.code');
    if ((await questionCodes(tx, tenant.id)).has(input.code)) throw ValidationError.field('code', 'survey.validation.codeTaken', { code: input.code });
    const question: Question = {
      id: newId(), municipalityId: tenant.id, code: input.code, position: input.position, textNl: input.textNl, textEn: input.textEn ?? input.textNl,
      theme: input.theme, polarity: input.polarity, scale: input.scale, active: true, replacedBy: null,
    };
    await insertQuestion(tx, question, nowIso());
    return { result: question, audit: [{ action: 'survey.addQuestion', entityType: 'survey_question', entityId: question.id, municipalityId: tenant.id, after: snapshot(question) }] };
  },
});

/**
 * Editing a question keeps past answers meaningful: a change of wording, scale or polarity of a
 * question that has answers makes a new question (a new code, so a new indicator) and retires
 * the old one, whose answers stay with the words they answered. Marked as a correction (a typo,
 * a clearer translation; the meaning stays), it is edited in place. Theme and position are
 * always edited in place.
 */
export const editQuestion = defineUseCase({
  action: surveyActions.manage,
  input: z.object({ id: z.string().min(1).max(40), ...questionFields, correction: flag().optional() }),
  resource: resourceOf,
  async run(tx, input, ctx) {
    const tenant = tenantOf(ctx);
    const old = await findQuestion(tx, tenant.id, input.id);
    if (!old || !old.active) throw new NotFoundError();
    const at = nowIso();
    const edited: Question = { ...old, textNl: input.textNl, textEn: input.textEn ?? input.textNl, theme: input.theme, polarity: input.polarity, scale: input.scale, position: input.position };
    const meaningChanged = edited.textNl !== old.textNl || edited.textEn !== old.textEn || edited.scale !== old.scale || edited.polarity !== old.polarity;
    if (meaningChanged && !input.correction && (await answerCount(tx, old.id)) > 0) {
      const successor: Question = { ...edited, id: newId(), code: nextCode(old.code, await questionCodes(tx, tenant.id)) };
      await insertQuestion(tx, successor, at);
      await updateQuestion(tx, { ...old, active: false, replacedBy: successor.id }, at);
      return {
        result: { question: successor, newVersion: true },
        audit: [
          { action: 'survey.editQuestion', entityType: 'survey_question', entityId: old.id, municipalityId: tenant.id, before: snapshot(old), after: { ...snapshot(old), active: false, replacedBy: successor.id } },
          { action: 'survey.addQuestion', entityType: 'survey_question', entityId: successor.id, municipalityId: tenant.id, after: { ...snapshot(successor), replaces: old.id } },
        ],
      };
    }
    await updateQuestion(tx, edited, at);
    return { result: { question: edited, newVersion: false }, audit: [{ action: 'survey.editQuestion', entityType: 'survey_question', entityId: old.id, municipalityId: tenant.id, before: snapshot(old), after: snapshot(edited) }] };
  },
});

/** A retired question is no longer asked; its answers and past results stay. */
export const retireQuestion = defineUseCase({
  action: surveyActions.manage,
  input: z.object({ id: z.string().min(1).max(40) }),
  resource: resourceOf,
  async run(tx, input, ctx) {
    const tenant = tenantOf(ctx);
    const question = await findQuestion(tx, tenant.id, input.id);
    if (!question || !question.active) throw new NotFoundError();
    if ((await questionsOf(tx, tenant.id)).length <= 1) throw ValidationError.field('_form', 'survey.questions.lastOne');
    await updateQuestion(tx, { ...question, active: false }, nowIso());
    return { result: question, audit: [{ action: 'survey.retireQuestion', entityType: 'survey_question', entityId: question.id, municipalityId: tenant.id, before: snapshot(question), after: { active: false } }] };
  },
});

export const setMinimum = defineUseCase({
  action: surveyActions.manage,
  input: z.object({ minResponses: z.coerce.number({ error: 'validation.type' }).int('validation.type').min(MIN_MIN_RESPONSES, 'validation.tooSmall').max(MAX_MIN_RESPONSES, 'validation.tooBig') }),
  resource: resourceOf,
  async run(tx, input, ctx) {
    const tenant = tenantOf(ctx);
    const before = await minimumOf(tx, tenant.id);
    await saveMinResponses(tx, tenant.id, input.minResponses, nowIso());
    return { result: input.minResponses, audit: [{ action: 'survey.setMinimum', entityType: 'survey', entityId: tenant.id, municipalityId: tenant.id, before: { minResponses: before }, after: { minResponses: input.minResponses } }] };
  },
});

// ---- periods -----------------------------------------------------------------------------------

const date = z.string({ error: 'validation.required' }).trim().min(1, 'validation.required').max(10, 'validation.tooLong');
const isDate = (v: string) => /^\d{4}-\d{2}-\d{2}$/.test(v) && !Number.isNaN(Date.parse(`${v}T00:00:00Z`)) && new Date(`${v}T00:00:00Z`).toISOString().startsWith(v);

export const openPeriod = defineUseCase({
  action: surveyActions.manage,
  input: z.object({ name: text(80), startsOn: date, endsOn: date }),
  resource: resourceOf,
  async run(tx, input, ctx) {
    const tenant = tenantOf(ctx);
    const wrong = (['startsOn', 'endsOn'] as const).filter((f) => !isDate(input[f])).map((field): FieldIssue => ({ field, key: 'survey.validation.date' }));
    if (wrong.length) throw new ValidationError(wrong);
    if (input.endsOn < input.startsOn) throw ValidationError.field('endsOn', 'survey.validation.endBeforeStart');
    if (await openPeriodOf(tx, tenant.id)) throw ValidationError.field('_form', 'survey.period.alreadyOpen');
    const at = nowIso();
    if ((await questionsOf(tx, tenant.id)).length === 0) await adoptDefaults(tx, tenant.id, at);
    const period: Period = { id: newId(), municipalityId: tenant.id, name: input.name, startsOn: input.startsOn, endsOn: input.endsOn, status: 'open', openedAt: at, closedAt: null, publishedAt: null };
    await insertPeriod(tx, period);
    return { result: period, audit: [{ action: 'survey.openPeriod', entityType: 'survey_period', entityId: period.id, municipalityId: tenant.id, after: { name: period.name, startsOn: period.startsOn, endsOn: period.endsOn } }] };
  },
});

export const closePeriod = defineUseCase({
  action: surveyActions.manage,
  input: z.object({ id: z.string().min(1).max(40) }),
  resource: resourceOf,
  async run(tx, input, ctx) {
    const tenant = tenantOf(ctx);
    const period = await findPeriod(tx, tenant.id, input.id);
    if (!period) throw new NotFoundError();
    if (period.status !== 'open') throw ValidationError.field('_form', 'survey.period.notOpen');
    const at = nowIso();
    await closePeriodRow(tx, period, at);
    return { result: { ...period, status: 'closed' as const, closedAt: at }, audit: [{ action: 'survey.closePeriod', entityType: 'survey_period', entityId: period.id, municipalityId: tenant.id, after: { closedAt: at } }] };
  },
});

/** Recorded after the period's scores went into the statistics catalogue (that import is audited by statistics). */
export const recordPublication = defineUseCase({
  action: surveyActions.manage,
  input: z.object({ id: z.string().min(1).max(40), year: z.number().int(), importId: z.string(), areas: z.number().int() }),
  resource: resourceOf,
  async run(tx, input, ctx) {
    const tenant = tenantOf(ctx);
    const period = await findPeriod(tx, tenant.id, input.id);
    if (!period) throw new NotFoundError();
    const at = nowIso();
    await markPublished(tx, period, at);
    return { result: at, audit: [{ action: 'survey.publish', entityType: 'survey_period', entityId: period.id, municipalityId: tenant.id, after: { year: input.year, importId: input.importId, areas: input.areas } }] };
  },
});

// ---- letter codes ------------------------------------------------------------------------------

export const MAX_LETTERS = 2000;

function newLetterCode(): string {
  let code = '';
  for (let i = 0; i < LETTER_CODE_LENGTH; i++) code += LETTER_CODE_ALPHABET[randomInt(LETTER_CODE_ALPHABET.length)];
  return code;
}

/**
 * Codes for letters to the addresses of a neighbourhood: one line per letter with the postal
 * code of the address. Each code answers once, in this period. The codes are kept readable, so
 * the letters can be printed again; they give no more than the officials who make them can.
 */
export const generateLetterCodes = defineUseCase({
  action: surveyActions.manage,
  input: z.object({ periodId: z.string().min(1).max(40), areaCode: z.string({ error: 'validation.required' }).trim().toUpperCase().min(1, 'validation.required').max(12, 'validation.tooLong'), postalCodes: z.string({ error: 'validation.required' }).max(20 * MAX_LETTERS, 'validation.tooLong') }),
  resource: resourceOf,
  async run(tx, input, ctx) {
    const tenant = tenantOf(ctx);
    const period = await findPeriod(tx, tenant.id, input.periodId);
    if (!period) throw new NotFoundError();
    if (period.status !== 'open') throw ValidationError.field('_form', 'survey.period.notOpen');
    await neighbourhood(tx, tenant, input.areaCode);
    const lines = input.postalCodes.split(/\r?\n/).map((l, i) => ({ line: i + 1, raw: l.trim() })).filter((l) => l.raw !== '');
    if (lines.length === 0) throw ValidationError.field('postalCodes', 'validation.required');
    if (lines.length > MAX_LETTERS) throw ValidationError.field('postalCodes', 'survey.validation.tooManyLetters', { maximum: MAX_LETTERS });
    const issues: FieldIssue[] = [];
    const postal = lines.map((l) => {
      const code = normalisePostalCode(l.raw);
      if (!code && issues.length < 5) issues.push({ field: 'postalCodes', key: 'survey.validation.postalCodeLine', params: { line: l.line, value: l.raw.slice(0, 20) } });
      return code;
    });
    if (issues.length) throw new ValidationError(issues);
    const batchId = newId();
    const at = nowIso();
    const used = new Set<string>();
    const rows = postal.map((postalCode) => {
      let code = newLetterCode();
      while (used.has(code)) code = newLetterCode();
      used.add(code);
      return { id: newId(), municipality_id: tenant.id, period_id: period.id, area_code: input.areaCode, postal_code: postalCode!, code, batch_id: batchId, created_at: at, used_on: null };
    });
    for (let i = 0; i < rows.length; i += 500) await tx.insertInto('survey_letter_codes').values(rows.slice(i, i + 500)).execute();
    return {
      result: { batchId, count: rows.length },
      audit: [{ action: 'survey.generateLetterCodes', entityType: 'survey_letter_batch', entityId: batchId, municipalityId: tenant.id, after: { period: period.id, areaCode: input.areaCode, count: rows.length } }],
    };
  },
});

// ---- taking part -------------------------------------------------------------------------------

const INVITATION_DAYS = 14;
/** A new link for the same address is sent at most once in this many minutes. */
const RESEND_MINUTES = 5;

export function emailHash(platform: Pick<Platform, 'secret'>, municipalityId: string, address: string): string {
  return createHmac('sha256', platform.secret).update(`survey.email:${municipalityId}:${address.trim().toLowerCase()}`).digest('base64url');
}

export const tokenHash = (token: string) => createHash('sha256').update(token).digest('base64url');

async function currentPeriod(db: Db, tenant: Tenant): Promise<Period> {
  const period = await openPeriodOf(db, tenant.id);
  if (!period) throw new ConflictError('survey.closed');
  return period;
}

export function surveyPath(ctx: Context): string {
  return `/${tenantOf(ctx).slug}/buurtmonitor`;
}

/**
 * The resident asks for a link. What the page says is the same whether or not the address took
 * part already (the page must not tell anyone that): a first request gets the link, a repeated
 * one a fresh link, an address that answered a kind mail saying so.
 */
export const requestLink = defineUseCase({
  action: surveyActions.respond,
  input: z.object({ email: email(), areaCode: z.string({ error: 'validation.required' }).trim().toUpperCase().min(1, 'validation.required').max(12, 'validation.tooLong') }),
  resource: resourceOf,
  async run(tx, input, ctx) {
    const tenant = tenantOf(ctx);
    await neighbourhood(tx, tenant, input.areaCode);
    const period = await currentPeriod(tx, tenant);
    const hash = emailHash(ctx.platform, tenant.id, input.email);
    const existing = await findInvitationByEmail(tx, period.id, hash);
    const t = translator(ctx.locale);
    const base = `${ctx.platform.config.publicUrl}${surveyPath(ctx)}`;
    const now = new Date();
    const audit = (id: string, outcome: string) => [{ action: 'survey.requestLink', entityType: 'survey_invitation', entityId: id, municipalityId: tenant.id, after: { period: period.id, outcome } }];
    if (existing?.used_on) {
      const mail = composeMail(t, { locale: ctx.locale, subject: t('survey.mail.already.subject', { name: tenant.name }), paragraphs: [t('survey.mail.already.body', { period: period.name })], action: { label: t('survey.mail.already.action'), url: base } });
      const mailId = await queueMail(tx, { to: input.email, ...mail, municipalityId: tenant.id });
      await tx.updateTable('survey_invitations').set({ mail_id: mailId }).where('id', '=', existing.id).execute();
      return { result: 'already' as const, audit: audit(existing.id, 'already') };
    }
    if (existing && Date.parse(existing.created_at) > now.getTime() - RESEND_MINUTES * 60_000) {
      return { result: 'recent' as const, audit: audit(existing.id, 'recent') };
    }
    const token = randomBytes(24).toString('base64url');
    const expires = new Date(now.getTime() + INVITATION_DAYS * 86400_000).toISOString();
    const mail = composeMail(t, {
      locale: ctx.locale, subject: t('survey.mail.link.subject', { name: tenant.name }),
      paragraphs: [t('survey.mail.link.body', { name: tenant.name, period: period.name })],
      action: { label: t('survey.mail.link.action'), url: `${base}/vragenlijst?sleutel=${token}` },
      after: [t('survey.mail.link.after', { days: INVITATION_DAYS })],
    });
    const mailId = await queueMail(tx, { to: input.email, ...mail, municipalityId: tenant.id });
    const id = existing?.id ?? newId();
    const values = { area_code: input.areaCode, token_hash: tokenHash(token), created_at: now.toISOString(), expires_at: expires, mail_id: mailId };
    if (existing) {
      // The older link stops working; its mail (if still there) goes.
      if (existing.mail_id) await tx.deleteFrom('outbox').where('id', '=', existing.mail_id).where('status', '!=', 'pending').execute();
      await tx.updateTable('survey_invitations').set(values).where('id', '=', existing.id).execute();
    } else {
      await tx.insertInto('survey_invitations').values({ id, municipality_id: tenant.id, period_id: period.id, email_hash: hash, used_on: null, ...values }).execute();
    }
    return { result: 'sent' as const, audit: audit(id, existing ? 'renewed' : 'sent') };
  },
});

/**
 * Limits per (IP) address, so nobody uses the survey to mail strangers or to guess letter codes:
 * - asking for a link: 10 per hour. Every request that is taken counts (whatever it sends); a
 *   household, or a neighbourhood centre's computer helping residents, asks for a few; a script
 *   cannot mail thousands. (Per e-mail address a new link is sent at most once in 5 minutes.)
 * - a wrong letter code (one unknown for its postal code): 10 per 15 minutes. Only wrong codes
 *   count, so residents answering one after another from one address are not held up; after the
 *   tenth, even a right code waits (the code space, 31^8, is out of reach at this pace).
 */
export const LINK_REQUESTS_PER_ADDRESS = { max: 10, windowMinutes: 60 } as const;
export const WRONG_CODES_PER_ADDRESS = { max: 10, windowMinutes: 15 } as const;

/** Ask for a link from an address, within its limit (the 429 page says why). */
export async function requestLinkFrom(ctx: Context, rawInput: unknown, address: string) {
  const key = keyOf(ctx.platform, 'survey.link', address);
  await checkLimit(ctx.platform.db, { key, ...LINK_REQUESTS_PER_ADDRESS, messageKey: 'survey.tooMany.links' });
  const result = await execute(ctx, requestLink, rawInput);
  await recordAttempt(ctx.platform.db, key);
  return result;
}

/** Run a step with a letter code (checking it, or answering with it) within the address's limit on wrong codes. */
export async function withLetterCodeLimit<T>(platform: Platform, guard: Guard, address: string, run: () => Promise<T>): Promise<T> {
  if (guard.kind !== 'letter') return run();
  const limit: Limit = { key: keyOf(platform, 'survey.letterCode', address), ...WRONG_CODES_PER_ADDRESS, messageKey: 'survey.tooMany.codes' };
  return limitFailures(platform.db, [limit], run, { failed: (e) => e instanceof ValidationError && e.issues.some((i) => i.key === 'survey.validation.letterCodeUnknown') });
}

export type Guard = { kind: 'email'; token: string } | { kind: 'letter'; postalCode: string; code: string };

export interface CheckedGuard {
  guard: Guard;
  period: Period;
  areaCode: string;
  /** The row to mark as used. */
  table: 'survey_invitations' | 'survey_letter_codes';
  rowId: string;
  mailId: string | null;
}

/**
 * Whether a guard may answer now: an e-mail link that exists, has not expired and was not used,
 * or a postal code with a letter code of it that was not used, both for the open period. Refused
 * kindly: `survey.guard.*` conflicts for a used or old link, field errors for a wrong code.
 */
export async function checkGuard(db: Db, tenant: Tenant, guard: Guard): Promise<CheckedGuard> {
  const period = await currentPeriod(db, tenant);
  if (guard.kind === 'email') {
    const invitation = guard.token ? await findInvitationByToken(db, tenant.id, tokenHash(guard.token)) : null;
    if (!invitation || invitation.period_id !== period.id) throw new ConflictError('survey.guard.unknownLink');
    if (invitation.used_on) throw new ConflictError('survey.guard.usedLink');
    if (Date.parse(invitation.expires_at) < Date.now()) throw new ConflictError('survey.guard.expiredLink');
    return { guard, period, areaCode: invitation.area_code, table: 'survey_invitations', rowId: invitation.id, mailId: invitation.mail_id };
  }
  const postalCode = normalisePostalCode(guard.postalCode);
  const code = normaliseLetterCode(guard.code);
  const issues: FieldIssue[] = [];
  if (!postalCode) issues.push({ field: 'postalCode', key: guard.postalCode.trim() ? 'survey.validation.postalCode' : 'validation.required' });
  if (!code) issues.push({ field: 'code', key: guard.code.trim() ? 'survey.validation.letterCode' : 'validation.required' });
  if (issues.length) throw new ValidationError(issues);
  const row = await findLetterCode(db, tenant.id, period.id, code!);
  if (!row || row.postal_code !== postalCode) throw ValidationError.field('code', 'survey.validation.letterCodeUnknown');
  if (row.used_on) throw new ConflictError('survey.guard.usedCode');
  return { guard, period, areaCode: row.area_code, table: 'survey_letter_codes', rowId: row.id, mailId: null };
}

const guardInput = z.union([
  z.object({ kind: z.literal('email'), token: z.string().max(100) }),
  z.object({ kind: z.literal('letter'), postalCode: z.string().max(20), code: z.string().max(20) }),
], { error: 'validation.invalid' });

const today = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Amsterdam' }).format(new Date());

/**
 * One response: every question of the survey answered (1–5 or "weet niet"), an optional age
 * group. The guard is marked as used in the same transaction, so a second response with the same
 * link or code is refused even when both arrive at once (the update counts the rows it changed).
 */
export const submitResponse = defineUseCase({
  action: surveyActions.respond,
  input: z.object({
    guard: guardInput,
    ageGroup: z.preprocess((v) => (v === '' || v === 'none' ? undefined : v), choice(AGE_GROUPS).optional()),
    answers: z.record(z.string().max(40), z.string().max(2)),
  }),
  resource: resourceOf,
  async run(tx, input, ctx) {
    const tenant = tenantOf(ctx);
    const checked = await checkGuard(tx, tenant, input.guard as Guard);
    const questions = await questionsOf(tx, tenant.id);
    const issues: FieldIssue[] = [];
    const answers: Array<{ questionId: string; value: number }> = [];
    for (const q of questions) {
      const raw = input.answers[q.id];
      if (raw === undefined || raw === '') { issues.push({ field: `answer-${q.id}`, key: 'survey.validation.answerRequired' }); continue; }
      const value = Number(raw);
      if (!/^\d$/.test(raw) || !(ANSWER_VALUES as readonly number[]).includes(value)) { issues.push({ field: `answer-${q.id}`, key: 'validation.choice' }); continue; }
      answers.push({ questionId: q.id, value });
    }
    const known = new Set(questions.map((q) => q.id));
    for (const id of Object.keys(input.answers)) if (!known.has(id)) issues.push({ field: `answer-${id}`, key: 'validation.unknownField', params: { keys: id } });
    if (issues.length) throw new ValidationError(issues);

    const used = await tx.updateTable(checked.table).set({ used_on: today() }).where('id', '=', checked.rowId).where('used_on', 'is', null).executeTakeFirst();
    if (Number(used.numUpdatedRows) !== 1) throw new ConflictError(checked.table === 'survey_invitations' ? 'survey.guard.usedLink' : 'survey.guard.usedCode');
    if (checked.table === 'survey_invitations') {
      // The mail with the link did its work: the address goes with it.
      if (checked.mailId) await tx.deleteFrom('outbox').where('id', '=', checked.mailId).where('status', '!=', 'pending').execute();
      await tx.updateTable('survey_invitations').set({ mail_id: null }).where('id', '=', checked.rowId).execute();
    }
    const responseId = newId();
    await insertResponse(tx, { id: responseId, municipality_id: tenant.id, period_id: checked.period.id, area_code: checked.areaCode, age_group: (input.ageGroup as AgeGroup | undefined) ?? null }, answers);
    return {
      result: { areaCode: checked.areaCode, period: checked.period.id },
      // Not the response's id: the log says that someone answered in this period and neighbourhood.
      audit: [{ action: 'survey.respond', entityType: 'survey_period', entityId: checked.period.id, municipalityId: tenant.id, after: { areaCode: checked.areaCode } }],
    };
  },
});
