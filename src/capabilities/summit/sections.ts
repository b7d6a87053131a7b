import { pageSections, type PageSection } from '../../platform/ui/sections.js';
import type { Summit } from './store.js';

/**
 * Sections other capabilities add to a summit's page (the agenda's "where we stand with the
 * previous agenda"), so the summit need not know them and dependencies keep pointing one way.
 * Shown in `order`, after the summit's own parts and before registration.
 */
type Args = [summit: Summit, page: { csrf: string; canOrganise: boolean }];
export type SummitSection = PageSection<Args>;

const sections = pageSections<Args>();
export const registerSummitSection = sections.register;
export const renderSummitSections = sections.render;
