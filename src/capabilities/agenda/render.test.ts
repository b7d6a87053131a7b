import { beforeAll, describe, expect, it } from 'vitest';
import { registerMessages, translator } from '../../platform/i18n/index.js';
import { platformMessages } from '../../platform/i18n/platform-messages.js';
import { agendaMessages } from './messages.js';
import { publicationMessages } from './publication-messages.js';
import { agendaContent, type AgendaAmbition, type AgendaTheme } from './model.js';
import { agendaPrintSections, agendaShownSections, contentLabels, renderAgendaSection, themesOfVersion } from './render.js';

const themes: AgendaTheme[] = [{ id: 't1', agendaId: 'a', name: 'Groen & <spelen>', position: 1 }, { id: 't2', agendaId: 'a', name: 'Leeg', position: 2 }];
const ambitions: AgendaAmbition[] = [
  {
    id: 'am1', agendaId: 'a', themeId: 't1', sourceAmbitionId: null, title: 'Een speeltuin <op> het plein', body: 'Een veilige plek.\n\nVoor alle kinderen.', why: 'Er is niets.',
    horizon: 5, ownGoal: false, position: 1, values: [{ valueId: 'v1', nameNl: 'Gezondheid', nameEn: 'Health' }],
    steps: [{ id: 's2', position: 2, step: 'Geld vragen', carrier: null }, { id: 's1', position: 1, step: 'Ontwerp maken', carrier: 'Werkgroep & buren' }],
  },
  { id: 'am2', agendaId: 'a', themeId: 't1', sourceAmbitionId: null, title: 'Buurtfeest', body: 'Elk jaar.', why: null, horizon: 10, ownGoal: true, position: 2, values: [], steps: [] },
];

describe('rendering an agenda version', () => {
  beforeAll(() => {
    registerMessages(platformMessages);
    registerMessages(agendaMessages);
    registerMessages(publicationMessages);
  });

  const content = () => agendaContent({ introduction: 'Onze buurt.\n\nSamen.', themes, ambitions }, contentLabels(translator('nl')), 'Inleiding');

  it('shows each ambition with what, why, horizon, own goal, values in the page language and first steps in order, escaped', () => {
    const section = content().sections[1]!;
    const nl = renderAgendaSection(translator('nl'), 'nl', section).value;
    expect(nl).toContain('<h3 class="utrecht-heading-3 ba-ambition__title" id="ambitie-am1">Een speeltuin &lt;op&gt; het plein</h3>');
    expect(nl).toContain('Over 5 jaar');
    expect(nl).toContain('Wat we willen');
    expect(nl).toContain('<p class="utrecht-paragraph">Een veilige plek.</p><p class="utrecht-paragraph">Voor alle kinderen.</p>');
    expect(nl).toContain('Er is niets.');
    expect(nl).toContain('Publieke waarden:</strong> Gezondheid');
    expect(nl.indexOf('Ontwerp maken')).toBeLessThan(nl.indexOf('Geld vragen'));
    expect(nl).toContain('wie: Werkgroep &amp; buren');
    expect(nl).toContain('Eigen doel van de buurt');
    expect(nl.match(/Eigen doel van de buurt/g)).toHaveLength(1);
    expect(nl).not.toContain('<a ');
    const en = renderAgendaSection(translator('en'), 'en', section).value;
    expect(en).toContain('Health');
    expect(en).toContain('In 10 years');
    expect(en).not.toContain('Gezondheid');
  });

  it('links ambitions only when asked, and shows the introduction as paragraphs', () => {
    const [intro, theme] = content().sections;
    const linked = renderAgendaSection(translator('nl'), 'nl', theme!, { ambitionHref: (id) => `/x/ambities/${id}`, headingLevel: 4, idPrefix: 'v2-' }).value;
    expect(linked).toContain('<h4 class="utrecht-heading-4 ba-ambition__title" id="v2-am1"><a class="utrecht-link" href="/x/ambities/am1">');
    expect(renderAgendaSection(translator('nl'), 'nl', intro!).value).toBe('<p class="utrecht-paragraph">Onze buurt.</p><p class="utrecht-paragraph">Samen.</p>');
  });

  it('gives sections for the page and for print, and the themes with their ambitions', () => {
    const c = content();
    expect(c.sections.map((s) => s.key)).toEqual(['inleiding', 'thema-1']);
    expect(agendaShownSections(translator('nl'), 'nl', c).map((s) => s.anchor)).toEqual(['deel-inleiding', 'deel-thema-1']);
    const print = agendaPrintSections(translator('nl'), 'nl', c);
    expect(print.map((s) => s.id)).toEqual(['inleiding', 'thema-1']);
    expect(print[1]!.body.value).not.toContain('<a ');
    expect(themesOfVersion(c).map((th) => [th.heading, th.ambitions.map((a) => a.id)])).toEqual([['Groen & <spelen>', ['am1', 'am2']]]);
  });
});
