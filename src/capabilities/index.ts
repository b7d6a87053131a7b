import type { CapabilityModule } from '../platform/module.js';
import { partiesModule } from './parties/index.js';

/** Every capability of the system, in dependency order. */
export const capabilities: CapabilityModule[] = [
  partiesModule,
];
