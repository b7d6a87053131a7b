import type { Catalogue } from '../../platform/i18n/index.js';

/** The words of the agenda's publication: the rendered version, the public page, print, the folder and distribution. */
export const publicationMessages: Catalogue = {
  nl: {
    'agenda.render.want': 'Wat we willen',
    'agenda.render.ownGoal': 'Eigen doel van de buurt',
    'agenda.render.steps': 'Eerste stappen',
    'agenda.render.carriedBy': 'wie: {carrier}',
    'agenda.render.noAmbitions': 'Dit thema heeft nog geen ambities.',
  },
  en: {
    'agenda.render.want': 'What we want',
    'agenda.render.ownGoal': 'The neighbourhood’s own goal',
    'agenda.render.steps': 'First steps',
    'agenda.render.carriedBy': 'who: {carrier}',
    'agenda.render.noAmbitions': 'This theme has no ambitions yet.',
  },
};
