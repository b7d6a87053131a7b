import { describe, expect, it } from 'vitest';
import { checkContent, diffVersions } from '../../platform/versions/index.js';
import { agendaContent, phaseOf, responseState, themeDataOf, type AgendaAmbition, type AgendaTheme, type ContentLabels } from './model.js';

const labels: ContentLabels = {
  why: 'Waarom', horizon: (years) => `Over ${years} jaar`, ownGoal: 'eigen doel van de buurt', values: 'Publieke waarden', steps: 'Eerste stap', carrier: 'wie',
};

const theme = (id: string, name: string, position: number): AgendaTheme => ({ id, agendaId: 'a', name, position });
const ambition = (over: Partial<AgendaAmbition> & Pick<AgendaAmbition, 'id' | 'themeId' | 'position'>): AgendaAmbition => ({
  agendaId: 'a', sourceAmbitionId: null, title: `Ambitie ${over.id}`, body: 'Wat we willen.', why: null, horizon: 5, ownGoal: false, values: [], steps: [], ...over,
});

describe('agenda: life', () => {
  const consultation = { status: 'consultation' as const, commentsOpenOn: '2031-04-01', commentsCloseOn: '2031-04-30' };
  it('is a draft until the comment period is set; soon, open (the closing day included), then in revision; adopted last', () => {
    expect(phaseOf({ status: 'draft', commentsOpenOn: null, commentsCloseOn: null }, '2031-04-10')).toBe('draft');
    expect(phaseOf(consultation, '2031-03-31')).toBe('commentsSoon');
    expect(phaseOf(consultation, '2031-04-01')).toBe('commentsOpen');
    expect(phaseOf(consultation, '2031-04-30')).toBe('commentsOpen');
    expect(phaseOf(consultation, '2031-05-01')).toBe('revision');
    expect(phaseOf({ ...consultation, status: 'adopted' }, '2031-04-10')).toBe('adopted');
  });

  it('shows an institution as answered, not sent, waiting, or overdue after the day it was asked to answer by', () => {
    expect(responseState({ sentAt: null, respondBy: null, responses: 0 }, '2031-05-01')).toBe('notSent');
    expect(responseState({ sentAt: '2031-04-01T10:00:00.000Z', respondBy: '2031-05-01', responses: 0 }, '2031-05-01')).toBe('waiting');
    expect(responseState({ sentAt: '2031-04-01T10:00:00.000Z', respondBy: '2031-05-01', responses: 0 }, '2031-05-02')).toBe('overdue');
    expect(responseState({ sentAt: '2031-04-01T10:00:00.000Z', respondBy: '2031-05-01', responses: 1 }, '2031-06-02')).toBe('answered');
  });
});

describe('agenda: the content a version freezes', () => {
  const themes = [theme('t2', 'Zorg en omzien', 2), theme('t1', 'Wonen', 1), theme('t3', 'Leeg thema', 3)];
  const ambitions = [
    ambition({ id: 'b', themeId: 't1', position: 2, title: 'Samen groen', ownGoal: true, horizon: 10 }),
    ambition({
      id: 'a', themeId: 't1', position: 1, title: 'Betaalbaar wonen', why: 'Jongeren vertrekken.',
      values: [{ valueId: 'v1', nameNl: 'Bestaanszekerheid', nameEn: 'Security of existence' }],
      steps: [{ id: 's2', position: 2, step: 'Gesprek met de corporatie', carrier: null }, { id: 's1', position: 1, step: 'Woningruil opzetten', carrier: 'Huurdersvereniging' }],
    }),
    ambition({ id: 'c', themeId: 't2', position: 1, title: 'Niemand alleen' }),
  ];

  it('is the introduction, then the themes in order with their ambitions in order; empty themes are left out', () => {
    const content = agendaContent({ introduction: '  Onze buurt.  ', themes, ambitions }, labels, 'Inleiding');
    expect(content.sections.map((s) => [s.key, s.heading])).toEqual([['inleiding', 'Inleiding'], ['thema-1', 'Wonen'], ['thema-2', 'Zorg en omzien']]);
    expect(content.sections[0]!.body).toBe('Onze buurt.');
    const wonen = themeDataOf(content.sections[1]!)!;
    expect(wonen.themeId).toBe('t1');
    expect(wonen.ambitions.map((a) => a.id)).toEqual(['a', 'b']);
    expect(wonen.ambitions[0]!.steps).toEqual([{ step: 'Woningruil opzetten', carrier: 'Huurdersvereniging' }, { step: 'Gesprek met de corporatie', carrier: null }]);
    expect(themeDataOf(content.sections[0]!)).toBeNull();
  });

  it('writes each ambition as readable text, so two versions differ in words a reader understands', () => {
    const content = agendaContent({ introduction: null, themes, ambitions }, labels, 'Inleiding');
    expect(content.sections[0]!.body).toBe([
      'Betaalbaar wonen', 'Wat we willen.', 'Waarom: Jongeren vertrekken.', 'Over 5 jaar', 'Publieke waarden: Bestaanszekerheid',
      'Eerste stap: Woningruil opzetten (wie: Huurdersvereniging)', 'Eerste stap: Gesprek met de corporatie',
      '', 'Samen groen', 'Wat we willen.', 'Over 10 jaar · eigen doel van de buurt',
    ].join('\n'));
    const changed = agendaContent({ introduction: null, themes, ambitions: ambitions.map((a) => (a.id === 'b' ? { ...a, title: 'Samen groener' } : a)) }, labels, 'Inleiding');
    const diff = diffVersions({ title: 'Agenda', content }, { title: 'Agenda', content: changed });
    const wonen = diff.sections.find((s) => s.key === 'thema-1')!;
    expect(wonen.status).toBe('changed');
    expect(diff.sections.find((s) => s.key === 'thema-2')!.status).toBe('unchanged');
  });

  it('is valid versioned-document content', () => {
    const { issues } = checkContent(agendaContent({ introduction: 'Onze buurt.', themes, ambitions }, labels, 'Inleiding'));
    expect(issues).toEqual([]);
  });
});
