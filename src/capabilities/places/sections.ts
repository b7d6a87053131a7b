import { pageSections, type PageSection } from '../../platform/ui/sections.js';
import type { Place } from './store.js';

/**
 * Sections other capabilities add to a place's page (the ecosystem: who uses the place), so this
 * capability need not know them. Shown in `order`, after the opening times.
 */
type Args = [place: Place];
export type PlaceSection = PageSection<Args>;

const sections = pageSections<Args>();
export const registerPlaceSection = sections.register;
export const renderPlaceSections = sections.render;
