import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { describeEachEngine } from '../../../test/support/engines.js';
import { movePeriodBack, openAgendaWorld, ownGoalForm, type AgendaWorld } from '../../../test/support/agenda-world.js';
import { readAudit } from '../../platform/audit.js';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../../platform/errors.js';
import { execute } from '../../platform/service.js';
import { compare, documentsOwnedBy, getVersion, versionsOf } from '../../platform/versions/index.js';
import { detailsOf } from '../summit/day-store.js';
import { addDays } from '../summit/model.js';
import { findSummit, milestonesOf } from '../summit/store.js';
import { phaseOf, themeDataOf } from './model.js';
import {
  addAmbition, addTheme, adoptAgenda, agendaToday, createAgenda, editAgenda, editAmbition, moveAmbition, moveTheme, openComments, removeAmbition, removeTheme, renameTheme,
} from './service.js';
import { agendaAmbitionsOf, findAgenda, themesOf } from './store.js';

const refusal = async (run: Promise<unknown>) => run.then(() => null, (e: unknown) => e);
const fieldsOf = async (run: Promise<unknown>) => {
  const error = await refusal(run);
  expect(error).toBeInstanceOf(ValidationError);
  return (error as ValidationError).issues.map((i) => [i.field, i.key]);
};

/** Drafting a future agenda: every use case on both engines, through the agenda world. */
describeEachEngine('agenda drafting', (engine) => {
  let w: AgendaWorld;
  const db = () => w.tp.platform.db;
  const agenda = async () => (await findAgenda(db(), w.a.id, w.agendaId))!;
  const rev = async () => ({ agendaId: w.agendaId, expectedRevision: (await agenda()).revision });
  const count = async (table: 'agenda_themes' | 'agenda_ambitions' | 'agenda_steps' | 'agenda_ambition_values' | 'audit_log' | 'document_versions') =>
    Number((await db().selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
  const snapshot = () => Promise.all([count('agenda_themes'), count('agenda_ambitions'), count('agenda_steps'), count('agenda_ambition_values'), count('audit_log'), count('document_versions'), agenda()]);
  const today = agendaToday();

  afterEach(async () => w.close());

  describe('in draft', () => {
    beforeEach(async () => { w = await openAgendaWorld(engine, 'draft'); }, 120_000);

    it('starts from the summit with exactly its agreed ambitions, their values, steps and carriers, a theme per theme, and the versioned document', async () => {
      const a = await agenda();
      expect(a).toMatchObject({ areaCode: w.n[1], summitId: w.summitId, organiserId: w.association, status: 'draft', revision: 2, firstYear: Number(today.slice(0, 4)) + 1 });
      expect(a.lastYear).toBe(a.firstYear + 3);
      expect(a.title).toBe(`Toekomstagenda Buurt Een-B ${a.firstYear}–${a.lastYear}`);
      const themes = await themesOf(db(), w.agendaId);
      expect(themes.map((t) => t.name)).toEqual(['Wonen', 'Zorg en zorgzaamheid']);
      const ambitions = await agendaAmbitionsOf(db(), w.agendaId);
      const copied = ambitions.filter((x) => x.sourceAmbitionId);
      expect(copied.map((x) => x.sourceAmbitionId).sort()).toEqual([...w.summitAmbitions.agreed].sort());
      expect(ambitions.some((x) => x.sourceAmbitionId === w.summitAmbitions.objected || x.sourceAmbitionId === w.summitAmbitions.pending)).toBe(false);
      const details = await detailsOf(db(), w.summitAmbitions.agreed);
      for (const x of copied) {
        expect(x.values.map((v) => v.valueId).sort()).toEqual(details.values.filter((v) => v.ambitionId === x.sourceAmbitionId).map((v) => v.valueId).sort());
        expect(x.steps.map((s) => [s.step, s.carrier])).toEqual(details.steps.filter((s) => s.ambitionId === x.sourceAmbitionId).map((s) => [s.step, s.carrier]));
        expect(x.ownGoal).toBe(false);
      }
      expect(copied.find((x) => x.sourceAmbitionId === w.summitAmbitions.agreed[0])).toMatchObject({ title: 'Betaalbaar blijven wonen', horizon: 10, why: 'Jongeren en ouderen vertrekken.', themeId: themes[0]!.id });
      expect(ambitions.find((x) => !x.sourceAmbitionId)).toMatchObject({ ownGoal: true, themeId: themes[1]!.id, title: 'Een buurtkamer die de buurt zelf runt' });
      const [document] = await documentsOwnedBy(db(), { municipalityId: w.a.id, ownerType: 'agenda', ownerId: w.agendaId });
      expect(document).toMatchObject({ id: a.documentId, kind: 'agenda', publishedVersion: null });
      const [created] = await readAudit(db(), { action: 'agenda.create', entityId: w.agendaId });
      expect(created!.after).toMatchObject({ copied: { themes: 2, ambitions: 3 }, summit_id: w.summitId });
    });

    it('refuses to start an agenda with a wrong organiser, summit, previous agenda or area, naming the field and changing nothing', async () => {
      const before = await Promise.all([count('audit_log'), db().selectFrom('agendas').select('id').execute()]);
      const start = (over: Record<string, unknown>) => execute(w.ctx.anna, createAgenda, { areaCode: w.n[1], organiserId: w.association, ...over });
      expect(await fieldsOf(start({ organiserId: w.taskGroup }))).toEqual([['organiserId', 'agenda.editor.error.organiser']]);
      expect(await fieldsOf(start({ summitId: w.summitId }))).toEqual([['summitId', 'agenda.editor.error.summitTaken']]);
      expect(await fieldsOf(start({ summitId: 'nope' }))).toEqual([['summitId', 'agenda.editor.error.summit']]);
      expect(await fieldsOf(start({ previousAgendaId: w.agendaId }))).toEqual([['previousAgendaId', 'agenda.editor.error.previous']]);
      expect(await fieldsOf(start({ areaCode: 'BU00000000' }))).toEqual([['areaCode', 'agenda.editor.error.area']]);
      expect(await fieldsOf(start({ firstYear: '1800' }))).toEqual([['firstYear', 'validation.tooSmall']]);
      expect(await Promise.all([count('audit_log'), db().selectFrom('agendas').select('id').execute()])).toEqual(before);
      const { id } = await start({ firstYear: '2031', title: 'Onze buurt 2031' });
      expect(await findAgenda(db(), w.a.id, id)).toMatchObject({ title: 'Onze buurt 2031', firstYear: 2031, lastYear: 2034, summitId: null, revision: 1 });
      expect(await themesOf(db(), id)).toEqual([]);
    });

    it('keeps title, introduction, years and themes: add, rename, move, and remove only when empty — each raising the revision', async () => {
      let r = (await agenda()).revision;
      await execute(w.ctx.anna, editAgenda, { ...(await rev()), title: 'Samen vooruit', introduction: 'Zo begon het.\n\nEn zo gaat het verder.', firstYear: '2027', lastYear: '2030' });
      expect(await agenda()).toMatchObject({ title: 'Samen vooruit', introduction: 'Zo begon het.\n\nEn zo gaat het verder.', firstYear: 2027, lastYear: 2030, revision: ++r });
      expect(await fieldsOf(execute(w.ctx.anna, editAgenda, { ...(await rev()), title: 'X', firstYear: '2030', lastYear: '2027' }))).toEqual([['lastYear', 'agenda.editor.error.years']]);
      expect(await fieldsOf(execute(w.ctx.anna, editAgenda, { ...(await rev()), title: '', firstYear: '2030', lastYear: '2033' }))).toEqual([['title', 'validation.required']]);
      const { id: green } = await execute(w.ctx.anna, addTheme, { ...(await rev()), name: 'Groen' });
      await execute(w.ctx.anna, renameTheme, { ...(await rev()), themeId: green, name: 'Groen en spelen' });
      await execute(w.ctx.anna, moveTheme, { ...(await rev()), themeId: green, direction: 'up' });
      expect((await themesOf(db(), w.agendaId)).map((t) => t.name)).toEqual(['Wonen', 'Groen en spelen', 'Zorg en zorgzaamheid']);
      await execute(w.ctx.anna, moveTheme, { ...(await rev()), themeId: w.themeIds[0]!, direction: 'up' }); // already first: stays
      expect((await themesOf(db(), w.agendaId)).map((t) => t.name)).toEqual(['Wonen', 'Groen en spelen', 'Zorg en zorgzaamheid']);
      expect(await fieldsOf(execute(w.ctx.anna, removeTheme, { ...(await rev()), themeId: w.themeIds[0]! }))).toEqual([['themeId', 'agenda.editor.error.themeNotEmpty']]);
      await execute(w.ctx.anna, removeTheme, { ...(await rev()), themeId: green });
      expect((await themesOf(db(), w.agendaId)).map((t) => t.id)).toEqual(w.themeIds);
      expect((await agenda()).revision).toBe(r + 5);
      expect(await refusal(execute(w.ctx.anna, renameTheme, { ...(await rev()), themeId: 'nope', name: 'X' }))).toBeInstanceOf(NotFoundError);
      expect((await readAudit(db(), { entityId: w.agendaId, action: 'agenda.theme.rename' }))[0]!.before).toEqual({ id: green, name: 'Groen' });
    });

    it('keeps ambitions: add (own goal, values, numbered steps), edit into another theme, move within the theme, remove — and names what it refuses', async () => {
      const [housing, care] = w.themeIds as [string, string];
      const before = await snapshot();
      expect(await fieldsOf(execute(w.ctx.anna, addAmbition, { ...ownGoalForm(w, care, { values: ['nope'], step_3: '', carrier_3: 'Iemand' }), ...(await rev()) })))
        .toEqual([['values', 'validation.choice'], ['step_3', 'agenda.editor.error.stepMissing']]);
      expect(await fieldsOf(execute(w.ctx.anna, addAmbition, { ...ownGoalForm(w, care, { horizon: '7', body: '' }), ...(await rev()) })))
        .toEqual(expect.arrayContaining([['body', 'validation.required'], ['horizon', 'validation.choice']]));
      expect(await fieldsOf(execute(w.ctx.anna, addAmbition, { ...ownGoalForm(w, 'nope'), ...(await rev()) }))).toEqual([['themeId', 'validation.choice']]);
      expect(await snapshot()).toEqual(before);

      const { id } = await execute(w.ctx.anna, addAmbition, { ...ownGoalForm(w, housing, { title: 'Tiny houses', ownGoal: '', horizon: '10', step_1: 'Een plek', carrier_1: '', step_2: '' }), ...(await rev()) });
      const added = (await agendaAmbitionsOf(db(), w.agendaId)).find((a) => a.id === id)!;
      expect(added).toMatchObject({ themeId: housing, ownGoal: false, horizon: 10, position: 2, sourceAmbitionId: null, steps: [{ step: 'Een plek', carrier: null }] });
      await execute(w.ctx.anna, moveAmbition, { ...(await rev()), ambitionId: id, direction: 'up' });
      expect((await agendaAmbitionsOf(db(), w.agendaId)).filter((a) => a.themeId === housing).sort((a, b) => a.position - b.position).map((a) => a.id))
        .toEqual([w.ambitionIds[0], id, w.ambitionIds[1]]);
      await execute(w.ctx.anna, editAmbition, { ...ownGoalForm(w, care, { title: 'Tiny houses bij het zorgcentrum', values: [w.valueIds[1]!, w.valueIds[2]!] }), ...(await rev()), ambitionId: id });
      const edited = (await agendaAmbitionsOf(db(), w.agendaId)).find((a) => a.id === id)!;
      expect(edited).toMatchObject({ themeId: care, title: 'Tiny houses bij het zorgcentrum', ownGoal: true, position: 2, steps: [{ step: 'Een ruimte zoeken', carrier: 'Bewonersvereniging' }, { step: 'Een rooster van gastvrouwen en -heren', carrier: null }] });
      expect(edited.values.map((v) => v.valueId).sort()).toEqual([w.valueIds[1], w.valueIds[2]].sort());
      const [audit] = await readAudit(db(), { entityId: w.agendaId, action: 'agenda.ambition.edit' });
      expect(audit!.before).toMatchObject({ theme_id: housing, title: 'Tiny houses' });
      expect(audit!.after).toMatchObject({ theme_id: care, title: 'Tiny houses bij het zorgcentrum' });
      await execute(w.ctx.anna, removeAmbition, { ...(await rev()), ambitionId: id });
      expect((await agendaAmbitionsOf(db(), w.agendaId)).map((a) => a.id)).not.toContain(id);
      expect(await count('agenda_steps')).toBe(before[2]);
    });

    it('refuses a change over someone else\'s newer one, changing nothing', async () => {
      const stale = (await agenda()).revision;
      await execute(w.ctx.olga, addTheme, { agendaId: w.agendaId, expectedRevision: stale, name: 'Groen' });
      const before = await snapshot();
      for (const run of [
        () => execute(w.ctx.anna, addTheme, { agendaId: w.agendaId, expectedRevision: stale, name: 'Spelen' }),
        () => execute(w.ctx.anna, editAgenda, { agendaId: w.agendaId, expectedRevision: stale, title: 'X', firstYear: '2030', lastYear: '2033' }),
        () => execute(w.ctx.anna, removeAmbition, { agendaId: w.agendaId, expectedRevision: stale, ambitionId: w.ambitionIds[0]! }),
        () => execute(w.ctx.anna, openComments, { agendaId: w.agendaId, expectedRevision: stale, opensOn: today, closesOn: addDays(today, 13) }),
      ]) expect(await refusal(run())).toMatchObject({ constructor: ConflictError, key: 'agenda.editor.stale' });
      expect(await snapshot()).toEqual(before);
    });

    it('lets the editorial team edit and the neighbourhood adopt — nobody else, and no other municipality', async () => {
      const theme = async (who: 'anna' | 'bert' | 'carl' | 'olga' | 'moB' | 'anonymous') => refusal(execute(w.ctx[who], addTheme, { agendaId: w.agendaId, name: `Thema ${who}` }));
      expect(await theme('anna')).toBeNull(); // the association's chair
      expect(await theme('olga')).toBeNull(); // the municipality's official
      for (const who of ['bert', 'carl', 'anonymous'] as const) expect(await theme(who)).toBeInstanceOf(ForbiddenError);
      expect(await refusal(execute({ ...w.ctx.moB, tenant: w.b }, addTheme, { agendaId: w.agendaId, name: 'X' }))).toBeInstanceOf(NotFoundError);
      await execute(w.ctx.anna, openComments, { ...(await rev()), opensOn: today, closesOn: addDays(today, 13) });
      await movePeriodBack(db(), w.agendaId, 30);
      const adopt = (who: 'anna' | 'bert' | 'olga') => refusal(execute(w.ctx[who], adoptAgenda, { agendaId: w.agendaId, adoptedBy: 'ALV', method: 'meetingVote', adoptedOn: today }));
      expect(await adopt('olga')).toBeInstanceOf(ForbiddenError); // officials do not adopt the neighbourhood's agenda
      expect(await adopt('bert')).toBeInstanceOf(ForbiddenError);
      expect(await adopt('anna')).toBeNull();
    });
  });

  describe('its life', () => {
    beforeEach(async () => { w = await openAgendaWorld(engine, 'draft'); }, 120_000);

    it('opens comments on a frozen concept, adopts only after the period, freezes the adopted version, closes the summit — and changes nothing after', async () => {
      const open = (over: Record<string, unknown>) => execute(w.ctx.anna, openComments, { agendaId: w.agendaId, opensOn: today, closesOn: addDays(today, 13), ...over });
      const before = await snapshot();
      expect(await fieldsOf(open({ opensOn: addDays(today, -1) }))).toEqual([['opensOn', 'agenda.editor.error.opensInPast']]);
      expect(await fieldsOf(open({ closesOn: addDays(today, 5) }))).toEqual([['closesOn', 'agenda.editor.error.periodLength']]);
      expect(await fieldsOf(open({ closesOn: addDays(today, 90) }))).toEqual([['closesOn', 'agenda.editor.error.periodLength']]);
      expect(await fieldsOf(open({ opensOn: '2026-02-30' }))).toEqual([['opensOn', 'agenda.editor.error.date']]);
      expect(await snapshot()).toEqual(before);
      const opened = await open({ closesOn: addDays(today, 89) });
      expect(opened.version).toBe(1);
      const a = await agenda();
      expect(a).toMatchObject({ status: 'consultation', conceptVersion: 1, commentsOpenOn: today, commentsCloseOn: addDays(today, 89) });
      expect(phaseOf(a, today)).toBe('commentsOpen');
      const ref = { municipalityId: w.a.id, documentId: a.documentId };
      const concept = (await getVersion(db(), ref, 1))!;
      expect(concept.summary).toBe(`Concept voor reacties van ${today} tot en met ${addDays(today, 89)}.`);
      expect(concept.content.sections.map((s) => [s.key, s.heading])).toEqual([['thema-1', 'Wonen'], ['thema-2', 'Zorg en zorgzaamheid']]);
      expect(concept.content.sections.flatMap((s) => themeDataOf(s)?.ambitions.map((x) => x.id) ?? [])).toEqual(w.ambitionIds);
      expect((await milestonesOf(db(), w.summitId)).find((m) => m.templateKey === 'draft')!.doneOn).toBe(today);

      expect(await fieldsOf(open({}))).toEqual([['opensOn', 'agenda.editor.error.openIn.commentsOpen']]);
      const adopt = (over: Record<string, unknown> = {}) => execute(w.ctx.anna, adoptAgenda, { agendaId: w.agendaId, adoptedBy: 'Algemene ledenvergadering', method: 'meetingConsent', adoptedOn: today, decisionReference: 'ALV-3', ...over });
      expect(await fieldsOf(adopt())).toEqual([['adoptedOn', 'agenda.editor.error.adoptIn.commentsOpen']]);

      // While residents comment, the team works on the next version.
      await execute(w.ctx.anna, editAgenda, { ...(await rev()), title: a.title, introduction: 'Met dank aan alle reacties.', firstYear: String(a.firstYear), lastYear: String(a.lastYear) });
      await movePeriodBack(db(), w.agendaId, 100);
      const closed = (await agenda()).commentsCloseOn!;
      expect(await fieldsOf(adopt({ adoptedOn: addDays(today, 1) }))).toEqual([['adoptedOn', 'agenda.editor.error.adoptedInFuture']]);
      expect(await fieldsOf(adopt({ adoptedOn: closed }))).toEqual([['adoptedOn', 'agenda.editor.error.adoptedBeforeClose']]);
      expect(await fieldsOf(adopt({ method: 'lottery' }))).toEqual([['method', 'validation.choice']]);
      expect(await fieldsOf(adopt({ adoptedBy: '' }))).toEqual([['adoptedBy', 'validation.required']]);
      const adopted = await adopt({ adoptedOn: addDays(closed, 1), note: 'Zestig leden.' });
      expect(adopted.version).toBe(2);
      expect(await agenda()).toMatchObject({ status: 'adopted', adoptedBy: 'Algemene ledenvergadering', adoptionMethod: 'meetingConsent', adoptionNote: 'Zestig leden.', adoptedOn: addDays(closed, 1), adoptedVersion: 2, conceptVersion: 1 });
      const versions = await versionsOf(db(), ref);
      expect(versions.map((v) => [v.number, v.decisionReference])).toEqual([[2, 'ALV-3'], [1, null]]);
      const diff = await compare(db(), ref, 1, 2);
      expect(diff.sections.find((s) => s.key === 'inleiding')!.status).toBe('added');
      expect(diff.sections.filter((s) => s.status === 'unchanged').map((s) => s.key)).toEqual(['thema-1', 'thema-2']);

      expect((await findSummit(db(), w.a.id, w.summitId))!.status).toBe('closed');
      const milestones = await milestonesOf(db(), w.summitId);
      expect(Object.fromEntries(milestones.filter((m) => ['draft', 'comments', 'adoption'].includes(m.templateKey ?? '')).map((m) => [m.templateKey, m.doneOn])))
        .toEqual({ draft: today, comments: closed, adoption: addDays(closed, 1) });
      const actions = (await readAudit(db(), { municipalityId: w.a.id, limit: 10 })).map((e) => e.action);
      expect(actions).toEqual(expect.arrayContaining(['agenda.adopt', 'document.publish', 'document.saveDraft', 'summit.status', 'summit.milestone.done']));

      const after = await snapshot();
      for (const run of [
        () => execute(w.ctx.anna, addTheme, { agendaId: w.agendaId, name: 'Te laat' }),
        () => execute(w.ctx.anna, removeAmbition, { agendaId: w.agendaId, ambitionId: w.ambitionIds[0]! }),
        () => adopt({ adoptedOn: today }),
      ]) expect(await refusal(run())).toMatchObject({ constructor: ConflictError, key: 'agenda.editor.error.adopted' });
      expect(await snapshot()).toEqual(after);
    });

    it('may open a second concept after the first period, and keeps a held summit open when asked', async () => {
      await execute(w.ctx.anna, openComments, { ...(await rev()), opensOn: addDays(today, 3), closesOn: addDays(today, 30) });
      expect(phaseOf(await agenda(), today)).toBe('commentsSoon');
      await movePeriodBack(db(), w.agendaId, 60);
      await execute(w.ctx.anna, renameTheme, { ...(await rev()), themeId: w.themeIds[1]!, name: 'Zorg voor elkaar' });
      const second = await execute(w.ctx.anna, openComments, { ...(await rev()), opensOn: today, closesOn: addDays(today, 6) });
      expect(second.version).toBe(2);
      expect(await agenda()).toMatchObject({ conceptVersion: 2, commentsOpenOn: today, commentsCloseOn: addDays(today, 6) });
      const v2 = (await getVersion(db(), { municipalityId: w.a.id, documentId: (await agenda()).documentId }, 2))!;
      expect(v2.summary).toMatch(/^Herzien concept/);
      expect(v2.content.sections[1]!.heading).toBe('Zorg voor elkaar');
      await movePeriodBack(db(), w.agendaId, 10);
      await execute(w.ctx.anna, adoptAgenda, { ...(await rev()), adoptedBy: 'Bestuur', method: 'boardDecision', adoptedOn: today, keepSummitOpen: 'on' });
      expect((await findSummit(db(), w.a.id, w.summitId))!.status).toBe('held');
      expect((await agenda()).adoptedVersion).toBe(3);
    });
  });
});
