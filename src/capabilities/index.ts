import type { CapabilityModule } from '../platform/module.js';
import { areasModule } from './areas/index.js';
import { municipalityModule } from './municipality/index.js';
import { partiesModule } from './parties/index.js';
import { statisticsModule } from './statistics/index.js';
import { surveyModule } from './survey/index.js';
import { interpretationsModule } from './interpretations/index.js';

/** Every capability of the system, in dependency order. */
export const capabilities: CapabilityModule[] = [
  municipalityModule,
  areasModule,
  partiesModule,
  statisticsModule,
  surveyModule,
  interpretationsModule,
];
