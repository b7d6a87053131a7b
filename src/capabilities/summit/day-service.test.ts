import { afterEach, beforeEach, expect, it } from 'vitest';
import { describeEachEngine } from '../../../test/support/engines.js';
import { ambitionForm, openSummitDayWorld, type SummitDayWorld } from '../../../test/support/summit-day-world.js';
import { summitForm } from '../../../test/support/summit-world.js';
import { openPlatform } from '../../app.js';
import { readAudit } from '../../platform/audit.js';
import { loadConfig } from '../../platform/config.js';
import { ForbiddenError, NotFoundError, ValidationError } from '../../platform/errors.js';
import { DuplicateSubmission, withFormKey } from '../../platform/http/form-keys.js';
import { execute } from '../../platform/service.js';
import { consentState } from './day-model.js';
import { addObjection, addRound, addTable, captureAmbition, correctAmbition, recordConsent, renewTableLink, resolveObjection, setDots, setDotVoting } from './day-service.js';
import { ambitionsOf, detailsOf, findAmbition } from './day-store.js';
import { createSummit } from './service.js';

const fieldsOf = async (run: Promise<unknown>) => {
  const error = await run.then(() => null, (e: unknown) => e);
  expect(error).toBeInstanceOf(ValidationError);
  return (error as ValidationError).issues.map((i) => [i.field, i.key]);
};
const refusal = async (run: Promise<unknown>) => run.then(() => null, (e: unknown) => e);
const KEY = 'aaaaaaaaaaaaaaaaaaaaaaaa';

describeEachEngine('summit day: use cases', (engine) => {
  let w: SummitDayWorld;
  const db = () => w.tp.platform.db;
  const count = async (table: 'summit_ambitions' | 'summit_ambition_steps' | 'summit_objections' | 'audit_log') =>
    Number((await db().selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
  const capture = (over: Record<string, unknown> = {}, who: 'anonymous' | 'anna' | 'bert' = 'anonymous') => execute(w.ctx[who], captureAmbition, ambitionForm(w, over));

  beforeEach(async () => { w = await openSummitDayWorld(engine); }, 60_000);
  afterEach(async () => { await w.close().catch(() => undefined); });

  it('captures an ambition through the table\'s link, with its values, facts and steps, in one audited transaction', async () => {
    const { id } = await capture();
    const ambition = (await findAmbition(db(), w.summitId, id))!;
    expect(ambition).toMatchObject({ title: 'Betaalbaar blijven wonen', horizon: 10, themeName: 'Wonen', tableId: w.housing.id, consentAt: null, dots: null });
    const details = await detailsOf(db(), [id]);
    expect(details.values.map((v) => v.nameNl).sort()).toEqual(['Delen en herverdelen', 'Inclusie en samenleven']);
    expect(details.facts).toMatchObject([{ kind: 'place', reference: w.placeId }]);
    expect(details.steps.map((s) => [s.step, s.carrier])).toEqual([['Woningruil voor ouderen opzetten', 'Huurdersvereniging'], ['Gesprek met de corporatie', null]]);
    const [entry] = await readAudit(db(), { action: 'summit.day.ambition.capture' });
    expect(entry?.after).toMatchObject({ title: 'Betaalbaar blijven wonen', facts: [`place:${w.placeId}`] });
    // The facilitator corrects it during the day: values, facts and steps replaced.
    await execute(w.ctx.anonymous, correctAmbition, ambitionForm(w, { id, title: 'Betaalbaar wonen voor iedereen', horizon: 5, values: [w.valueIds[0]!], facts: [], step_2: '' }));
    expect(await findAmbition(db(), w.summitId, id)).toMatchObject({ title: 'Betaalbaar wonen voor iedereen', horizon: 5 });
    expect((await detailsOf(db(), [id])).values.map((v) => v.nameNl)).toEqual(['Duurzaamheid']);
    expect(await count('summit_ambition_steps')).toBe(1);
  });

  it('refuses bad input naming each field, and writes nothing', async () => {
    const before = await Promise.all([count('summit_ambitions'), count('audit_log')]);
    expect(await fieldsOf(capture({ title: '', body: ' ', horizon: '7' }))).toEqual([['title', 'validation.required'], ['body', 'validation.required'], ['horizon', 'validation.choice']]);
    expect(await fieldsOf(capture({ values: ['onbekend'], facts: [w.valueIds[0]!], step_3: '', carrier_3: 'De buurvrouw' })))
      .toEqual([['values', 'validation.choice'], ['facts', 'validation.choice'], ['step_3', 'summit.day.error.stepMissing']]);
    // A fact gathered by another group is no fact of this table.
    expect(await fieldsOf(capture({ tableId: w.care.id, token: w.care.token }))).toEqual([['facts', 'validation.choice']]);
    expect(await Promise.all([count('summit_ambitions'), count('audit_log')])).toEqual(before);
  });

  it('lets a table\'s link capture for that table only, organisers everything, and nobody else', async () => {
    expect(await refusal(capture({ token: w.care.token }))).toBeInstanceOf(ForbiddenError);
    expect(await refusal(capture({ token: undefined }))).toBeInstanceOf(ForbiddenError);
    expect(await refusal(capture({ token: undefined }, 'bert'))).toBeInstanceOf(ForbiddenError);
    await capture({ token: undefined }, 'anna');
    expect(await refusal(execute(w.ctx.anonymous, addRound, { summitId: w.summitId, name: 'Ronde 2', token: w.housing.token }))).toBeInstanceOf(ForbiddenError);
    expect(await refusal(execute(w.ctx.bert, addTable, { summitId: w.summitId, roundId: w.roundId, groupId: w.housing.groupId, facilitator: 'Bert' }))).toBeInstanceOf(ForbiddenError);
    expect(await refusal(execute({ ...w.ctx.anonymous, tenant: w.b }, captureAmbition, ambitionForm(w)))).toBeInstanceOf(NotFoundError);
    // A new link: the old one stops working.
    await execute(w.ctx.anna, renewTableLink, { summitId: w.summitId, id: w.housing.id });
    expect(await refusal(capture())).toBeInstanceOf(ForbiddenError);
    expect(await count('summit_ambitions')).toBe(1);
    // Before the day nothing is captured.
    const { id: later } = await execute(w.ctx.anna, createSummit, summitForm(w));
    const { id: round } = await execute(w.ctx.anna, addRound, { summitId: later, name: 'Ronde 1' });
    const laterGroup = (await db().selectFrom('summit_groups').select('id').where('summit_id', '=', later).executeTakeFirstOrThrow()).id;
    const { id: table } = await execute(w.ctx.anna, addTable, { summitId: later, roundId: round, groupId: laterGroup, facilitator: 'Fenna' });
    expect(await fieldsOf(execute(w.ctx.anna, captureAmbition, { ...ambitionForm(w), summitId: later, tableId: table, facts: [] }))).toEqual([['title', 'summit.day.error.closed']]);
  });

  it('makes one ambition of one form key, sent twice or at the same time', async () => {
    await withFormKey(KEY, () => capture({ submissionKey: KEY }));
    expect(await refusal(withFormKey(KEY, () => capture({ submissionKey: KEY })))).toBeInstanceOf(DuplicateSubmission);
    const both = await Promise.allSettled([1, 2, 3].map(() => withFormKey(`${KEY}b`, () => capture({ submissionKey: `${KEY}b`, title: 'Tegelijk' }))));
    expect(both.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    expect(both.filter((r) => r.status === 'rejected').map((r) => (r as PromiseRejectedResult).reason)).toEqual([expect.any(DuplicateSubmission), expect.any(DuplicateSubmission)]);
    expect((await ambitionsOf(db(), w.summitId)).map((a) => a.title)).toEqual(['Betaalbaar blijven wonen', 'Tegelijk']);
  });

  it('keeps a submitted ambition when the platform is closed and opened again', async () => {
    const { id } = await capture();
    await w.tp.opened.close();
    const again = await openPlatform(loadConfig({ SESSION_SECRET: 'buurtarena-test-session-secret', SEED_DEMO: '0', LOG_LEVEL: 'warn', DATABASE_URL: w.tp.databaseUrl }));
    try {
      expect(await findAmbition(again.platform.db, w.summitId, id)).toMatchObject({ title: 'Betaalbaar blijven wonen' });
      expect((await detailsOf(again.platform.db, [id])).steps).toHaveLength(2);
    } finally {
      await again.close();
    }
  });

  it('records consent, objections and their resolution, and dots only when dot-voting is on', async () => {
    const { id } = await capture();
    const state = async () => {
      const ambition = (await findAmbition(db(), w.summitId, id))!;
      return consentState(ambition.consentAt !== null, (await detailsOf(db(), [id])).objections);
    };
    expect(await state()).toBe('pending');
    await execute(w.ctx.anna, recordConsent, { summitId: w.summitId, id, consent: 'on' });
    expect(await state()).toBe('agreed');
    const { id: objection } = await execute(w.ctx.anna, addObjection, { summitId: w.summitId, id, reason: 'Te weinig aandacht voor studenten.', raisedBy: '' });
    expect(await state()).toBe('objected');
    await execute(w.ctx.anna, resolveObjection, { summitId: w.summitId, id: objection, resolution: 'stands' });
    expect(await state()).toBe('objected');
    await execute(w.ctx.anna, resolveObjection, { summitId: w.summitId, id: objection, resolution: 'amended' });
    expect(await state()).toBe('agreed');
    expect((await detailsOf(db(), [id])).objections).toMatchObject([{ reason: 'Te weinig aandacht voor studenten.', raisedBy: null, resolution: 'amended' }]);
    expect(await fieldsOf(execute(w.ctx.anna, setDots, { summitId: w.summitId, id, dots: '12' }))).toEqual([['dots', 'summit.day.error.noDots']]);
    await execute(w.ctx.anna, setDotVoting, { summitId: w.summitId, enabled: 'on' });
    expect(await fieldsOf(execute(w.ctx.anna, setDots, { summitId: w.summitId, id, dots: '-1' }))).toEqual([['dots', 'validation.tooSmall']]);
    await execute(w.ctx.anna, setDots, { summitId: w.summitId, id, dots: '12' });
    expect((await findAmbition(db(), w.summitId, id))!.dots).toBe(12);
    expect(await fieldsOf(execute(w.ctx.anna, addObjection, { summitId: w.summitId, id, reason: '' }))).toEqual([['reason', 'validation.required']]);
    // The plenary is for organisers; the table's link does not reach it.
    expect(await refusal(execute(w.ctx.anonymous, recordConsent, { summitId: w.summitId, id, consent: 'on', tableId: w.housing.id, token: w.housing.token }))).toBeInstanceOf(ForbiddenError);
    expect(await refusal(execute(w.ctx.bert, addObjection, { summitId: w.summitId, id, reason: 'Nee.' }))).toBeInstanceOf(ForbiddenError);
    expect((await readAudit(db(), { action: 'summit.day.objection.resolve' })).length).toBe(2);
    expect(await count('summit_objections')).toBe(1);
  });
});
