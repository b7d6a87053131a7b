import type { CapabilityModule } from '../platform/module.js';
import { areasModule } from './areas/index.js';
import { municipalityModule } from './municipality/index.js';
import { partiesModule } from './parties/index.js';
import { statisticsModule } from './statistics/index.js';
import { surveyModule } from './survey/index.js';
import { interpretationsModule } from './interpretations/index.js';
import { placesModule } from './places/index.js';
import { historyModule } from './history/index.js';
import { moneyFlowsModule } from './money-flows/index.js';
import { ecosystemModule } from './ecosystem/index.js';
import { pictureModule } from './picture/index.js';
import { summitModule } from './summit/index.js';
import { agendaModule } from './agenda/index.js';

/** Every capability of the system, in dependency order. */
export const capabilities: CapabilityModule[] = [
  municipalityModule,
  areasModule,
  partiesModule,
  statisticsModule,
  surveyModule,
  interpretationsModule,
  placesModule,
  historyModule,
  moneyFlowsModule,
  ecosystemModule,
  pictureModule,
  summitModule,
  agendaModule,
];
