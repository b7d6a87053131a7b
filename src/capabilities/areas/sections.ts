import { pageSections, type PageSection } from '../../platform/ui/sections.js';
import type { AreaSummary } from './model.js';

/**
 * Sections other capabilities add to an area's page in a municipality (the readings of its figures,
 * its places, ecosystem, history, money flows and picture), so the areas capability need not know
 * them. Shown in `order`, between the area's own facts and the comments.
 */
type Args = [area: AreaSummary, page: { csrf: string; back: string }];
export type AreaSection = PageSection<Args>;

const sections = pageSections<Args>();
export const registerAreaSection = sections.register;
export const renderAreaSections = sections.render;
