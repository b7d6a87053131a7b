import type { Page } from 'playwright-core';
import { DEMO_PASSWORD } from '../../src/demo/index.js';

/**
 * Every page template, walked by test/e2e/pages.test.ts in Dutch and in English with axe-core.
 * When you add a page template, add it here: a path (or `resolve` for one that needs an id),
 * and whether it needs a signed-in administrator.
 */
export interface PageTemplate {
  name: string;
  /** Path to visit (also a fallback description when `resolve` is given). */
  path: string;
  /** Visit signed in as the demo administrator (otherwise as an anonymous visitor). */
  signedIn: boolean;
  /** Find the path on the running demo (for pages of one record), starting from any page. */
  resolve?: (page: Page) => Promise<string>;
  /** The expected HTTP status (default 200). */
  status?: number;
}

/** The path of the first link inside the main content of a list page. */
export function firstLinkOn(listPath: string, selector = 'main table a'): (page: Page) => Promise<string> {
  return async (page) => {
    await page.goto(listPath);
    const href = await page.locator(selector).first().getAttribute('href');
    if (!href) throw new Error(`no link matching "${selector}" on ${listPath}`);
    return href;
  };
}

/** The Lindenhof's BuurtTop in preparation, and its working group on care (with members, information and a briefing). */
const lindenhofSummit = firstLinkOn('/voorbeeldstad/gebieden/BU99990102/buurttop', 'main table a[href*="/buurttops/"]');
async function lindenhofGroup(page: Page): Promise<string> {
  return firstLinkOn(await lindenhofSummit(page), 'main #werkgroepen ~ ul a[href*="/werkgroepen/"]:has-text("Zorg")')(page);
}

/** The page after a correct password, for an account with a second step (a pending sign-in in this tab). */
function passwordOnly(email: string): (page: Page) => Promise<string> {
  return async (page) => {
    await page.goto('/voorbeeldstad/inloggen');
    await page.locator('#field-email').fill(email);
    await page.locator('#field-password').fill(DEMO_PASSWORD);
    await Promise.all([page.waitForURL(/\/inloggen\/tweede-stap/), page.locator('main form button[type="submit"]').click()]);
    const url = new URL(page.url());
    return `${url.pathname}${url.search}`;
  };
}

/** The Bloemenbuurt's BuurtTop, held a year ago, with its day (rounds, tables, ambitions, the plenary), and its housing table's page (an organiser may open any table). */
const bloemenSummit = firstLinkOn('/voorbeeldstad/gebieden/BU99990202/buurttop', 'main table a[href*="/buurttops/"]');
async function bloemenTable(page: Page): Promise<string> {
  return firstLinkOn(`${await bloemenSummit(page)}/dag`, 'main li:has-text("Wonen") a[href*="/dag/tafels/"]')(page);
}
const bloemenAmbition = async (page: Page) => firstLinkOn(await bloemenTable(page), 'main #tafellijst ~ ol a[href*="/ambities/"]')(page);

/** The Bloemenbuurt's adopted future agenda (its area's current one), and the distribution's first institution. */
const bloemenAgenda = firstLinkOn('/voorbeeldstad/gebieden/BU99990202/wijkagenda', 'main a[href*="/wijkagendas/"]:not([href*="nieuw"])');
const bloemenRecipientAnswer = async (page: Page) => firstLinkOn(`${await bloemenAgenda(page)}/verzending`, 'main a[href$="/antwoord"]')(page);
/** The district Oost's agenda in its comment period (the demo's concept open for comments). */
const oostAgenda = firstLinkOn('/voorbeeldstad/gebieden/WK999903/wijkagenda', 'main a[href*="/wijkagendas/"]:not([href*="nieuw"])');
const oostAmbitionForm = async (page: Page) => firstLinkOn(`${await oostAgenda(page)}/bewerken`, 'main a[href*="/bewerken/ambities/"]')(page);
/** The follow-up of the Bloemenbuurt's agenda: the Tulpplein's ambition (achieved, with a working group) and going off the gas (an update corrected). */
const bloemenFollowUp = (title: string) => async (page: Page) => firstLinkOn(`${await bloemenAgenda(page)}/voortgang`, `main table a:has-text("${title}")`)(page);

export const pageTemplates: PageTemplate[] = [
  { name: 'installation home', path: '/', signedIn: false },
  { name: 'privacy statement', path: '/privacy', signedIn: false },
  { name: 'accessibility statement', path: '/voorbeeldstad/toegankelijkheid', signedIn: false },
  { name: 'API documentation', path: '/api/v1/docs', signedIn: false },
  { name: 'not found', path: '/voorbeeldstad/bestaat-niet', signedIn: false, status: 404 },
  { name: 'sign in', path: '/voorbeeldstad/inloggen', signedIn: false },
  { name: 'register', path: '/voorbeeldstad/registreren', signedIn: false },
  { name: 'forgot password', path: '/voorbeeldstad/wachtwoord-vergeten', signedIn: false },
  { name: 'organisations', path: '/voorbeeldstad/organisaties', signedIn: false },
  { name: 'organisation', path: '/voorbeeldstad/organisaties/:id', signedIn: true, resolve: firstLinkOn('/voorbeeldstad/organisaties') },
  { name: 'new organisation', path: '/voorbeeldstad/organisaties/nieuw', signedIn: true },
  { name: 'my account', path: '/voorbeeldstad/mijn-account', signedIn: true },
  { name: 'roles (admin)', path: '/voorbeeldstad/beheer/rollen', signedIn: true },
  { name: 'second step of signing in', path: '/voorbeeldstad/inloggen/tweede-stap', signedIn: false, resolve: passwordOnly('beheerder@voorbeeldstad.example') },
  { name: 'my second step (on)', path: '/voorbeeldstad/mijn-account/tweede-stap', signedIn: true },
  { name: 'staff sign-in settings (admin)', path: '/voorbeeldstad/beheer/inlogdienst', signedIn: true },
  { name: 'municipality home', path: '/voorbeeldstad', signedIn: false },
  { name: 'municipality home (admin)', path: '/voorbeeldstad', signedIn: true },
  { name: 'administration home', path: '/voorbeeldstad/beheer', signedIn: true },
  { name: 'settings (admin)', path: '/voorbeeldstad/beheer/instellingen', signedIn: true },
  { name: 'public values (admin)', path: '/voorbeeldstad/beheer/publieke-waarden', signedIn: true },
  { name: 'edit public value (admin)', path: '/voorbeeldstad/beheer/publieke-waarden/:id', signedIn: true, resolve: firstLinkOn('/voorbeeldstad/beheer/publieke-waarden') },
  { name: 'remove public value (admin)', path: '/voorbeeldstad/beheer/publieke-waarden/:id/verwijderen', signedIn: true, resolve: firstLinkOn('/voorbeeldstad/beheer/publieke-waarden', 'main table a[href$="/verwijderen"]') },
  { name: 'audit log (admin)', path: '/voorbeeldstad/beheer/logboek', signedIn: true },
  { name: 'house rules', path: '/voorbeeldstad/huisregels', signedIn: false },
  { name: 'house rules: versions', path: '/voorbeeldstad/huisregels/versies', signedIn: false },
  { name: 'house rules: one (older) version', path: '/voorbeeldstad/huisregels/versies/1', signedIn: false },
  { name: 'house rules: comparison of two versions', path: '/voorbeeldstad/huisregels/vergelijken?van=1&naar=2', signedIn: false },
  { name: 'house rules: edit the draft (admin)', path: '/voorbeeldstad/beheer/huisregels', signedIn: true },
  { name: 'house rules: review and publish the draft (admin)', path: '/voorbeeldstad/beheer/huisregels/publiceren', signedIn: true },
  { name: 'audit log with invalid filter (admin)', path: '/voorbeeldstad/beheer/logboek?from=2025-02-30', signedIn: true, status: 422 },
  { name: 'districts and neighbourhoods', path: '/voorbeeldstad/gebieden', signedIn: false },
  { name: 'area: district', path: '/voorbeeldstad/gebieden/WK999901', signedIn: false },
  { name: 'area: neighbourhood', path: '/voorbeeldstad/gebieden/BU99990102', signedIn: false },
  { name: 'areas of the Netherlands', path: '/gebieden', signedIn: false },
  { name: 'national area', path: '/gebieden/GM9999', signedIn: false },
  { name: 'budget areas (with form)', path: '/voorbeeldstad/budgetgebieden', signedIn: true },
  { name: 'area with follow button (signed in)', path: '/voorbeeldstad/gebieden/BU99990102', signedIn: true },
  { name: 'notifications', path: '/voorbeeldstad/meldingen', signedIn: true },
  { name: 'my data', path: '/voorbeeldstad/mijn-account/gegevens', signedIn: true },
  { name: 'notification settings', path: '/voorbeeldstad/mijn-account/meldingen', signedIn: true },
  { name: 'unsubscribe (confirmation)', path: '/afmelden?p=x&k=organisation.updated&t=x', signedIn: false },
  { name: 'search', path: '/voorbeeldstad/zoeken', signedIn: false },
  { name: 'search results (paged, highlighted)', path: '/voorbeeldstad/zoeken?q=buurt', signedIn: false },
  { name: 'comments of an area (all, paged)', path: '/voorbeeldstad/reacties/area/BU99990102', signedIn: false },
  { name: 'comments with the form (signed in)', path: '/voorbeeldstad/reacties/area/BU99990102', signedIn: true },
  { name: 'report a comment', path: '/voorbeeldstad/melden/comment/:id', signedIn: false, resolve: firstLinkOn('/voorbeeldstad/gebieden/BU99990102', 'main a[href*="/melden/comment/"]') },
  { name: 'moderation queue (admin)', path: '/voorbeeldstad/beheer/moderatie', signedIn: true },
  { name: 'moderation: reported comment (admin)', path: '/voorbeeldstad/beheer/moderatie/comment/:id', signedIn: true, resolve: firstLinkOn('/voorbeeldstad/beheer/moderatie', 'main section a[href*="/beheer/moderatie/comment/"]') },
  { name: 'moderation: hidden comment with history (admin)', path: '/voorbeeldstad/beheer/moderatie/comment/:id', signedIn: true, resolve: firstLinkOn('/voorbeeldstad/beheer/moderatie') },
  { name: 'readings of the figures of an area', path: '/voorbeeldstad/gebieden/BU99990102/duiding', signedIn: false },
  { name: 'readings of the figures of an area (signed in)', path: '/voorbeeldstad/gebieden/BU99990102/duiding', signedIn: true },
  { name: 'give a reading (sign-in link)', path: '/voorbeeldstad/gebieden/BU99990102/duiding/nieuw?jaar=2025&indicator=s_65_oo', signedIn: false },
  { name: 'give a reading (signed in without a writing role)', path: '/voorbeeldstad/gebieden/BU99990102/duiding/nieuw?jaar=2025', signedIn: true },
  { name: 'report a reading', path: '/voorbeeldstad/melden/interpretation/:id', signedIn: false, resolve: firstLinkOn('/voorbeeldstad/gebieden/BU99990102/duiding', 'main a[href*="/melden/interpretation/"]') },
  { name: 'conversation rounds of an area', path: '/voorbeeldstad/gebieden/BU99990102/gespreksrondes', signedIn: false },
  { name: 'conversation round', path: '/voorbeeldstad/gebieden/BU99990102/gespreksrondes/:id', signedIn: false, resolve: firstLinkOn('/voorbeeldstad/gebieden/BU99990102/gespreksrondes') },
  { name: 'record a conversation round (admin)', path: '/voorbeeldstad/gebieden/BU99990102/gespreksrondes/nieuw', signedIn: true },
  { name: 'neighbourhood survey', path: '/voorbeeldstad/buurtmonitor', signedIn: false },
  { name: 'neighbourhood survey: an earlier period', path: '/voorbeeldstad/buurtmonitor?periode=:id', signedIn: false, resolve: async (page) => {
    await page.goto('/voorbeeldstad/buurtmonitor');
    const value = await page.locator('main select[name="periode"] option').last().getAttribute('value');
    return `/voorbeeldstad/buurtmonitor?periode=${value}`;
  } },
  { name: 'neighbourhood survey: take part', path: '/voorbeeldstad/buurtmonitor/meedoen', signedIn: false },
  { name: 'neighbourhood survey: link sent', path: '/voorbeeldstad/buurtmonitor/meedoen/verstuurd', signedIn: false },
  { name: 'neighbourhood survey: unknown link (refused)', path: '/voorbeeldstad/buurtmonitor/vragenlijst?sleutel=onbekend', signedIn: false, status: 409 },
  { name: 'neighbourhood survey: thanks', path: '/voorbeeldstad/buurtmonitor/bedankt', signedIn: false },
  { name: 'neighbourhood survey: results of a neighbourhood', path: '/voorbeeldstad/buurtmonitor/BU99990102', signedIn: false },
  { name: 'neighbourhood survey: too few responses', path: '/voorbeeldstad/buurtmonitor/BU99990302', signedIn: false },
  { name: 'neighbourhood survey: manage (admin)', path: '/voorbeeldstad/beheer/buurtmonitor', signedIn: true },
  { name: 'neighbourhood survey: questions (admin)', path: '/voorbeeldstad/beheer/buurtmonitor/vragen', signedIn: true },
  { name: 'neighbourhood survey: edit a question (admin)', path: '/voorbeeldstad/beheer/buurtmonitor/vragen/:id', signedIn: true, resolve: firstLinkOn('/voorbeeldstad/beheer/buurtmonitor/vragen') },
  { name: 'neighbourhood survey: the questionnaire (preview, admin)', path: '/voorbeeldstad/beheer/buurtmonitor/vragen/voorbeeld', signedIn: true },
  { name: 'neighbourhood survey: letters (admin)', path: '/voorbeeldstad/beheer/buurtmonitor/brieven', signedIn: true },
  { name: 'statistics of a neighbourhood (with readings)', path: '/voorbeeldstad/gebieden/BU99990102/cijfers', signedIn: false },
  { name: 'statistics of a neighbourhood in an earlier year', path: '/voorbeeldstad/gebieden/BU99990102/cijfers?jaar=2020', signedIn: false },
  { name: 'statistics of a district', path: '/voorbeeldstad/gebieden/WK999901/cijfers', signedIn: false },
  { name: 'statistics of a neighbourhood (signed in)', path: '/voorbeeldstad/gebieden/BU99990102/cijfers', signedIn: true },
  { name: 'indicator map', path: '/voorbeeldstad/kaart', signedIn: false },
  { name: 'indicator map: districts, natural breaks', path: '/voorbeeldstad/kaart?indicator=p_arb_pp&niveau=wijk&indeling=natuurlijk', signedIn: false },
  { name: 'indicator map: a value withheld, with its reason', path: '/voorbeeldstad/kaart?indicator=p_jz_tn', signedIn: false },
  { name: 'composite indices', path: '/voorbeeldstad/indices', signedIn: false },
  { name: 'composite indices in an earlier year', path: '/voorbeeldstad/indices?jaar=2020', signedIn: false },
  { name: 'composite index explained (saved by the municipality)', path: '/voorbeeldstad/indices/vitaliteit', signedIn: false },
  { name: 'composite index explained (shipped)', path: '/voorbeeldstad/indices/kwetsbaarheid', signedIn: false },
  { name: 'edit a composite index (admin)', path: '/voorbeeldstad/beheer/indices/vitaliteit', signedIn: true },
  { name: 'history of a neighbourhood (timeline)', path: '/voorbeeldstad/gebieden/BU99990102/geschiedenis', signedIn: false },
  { name: 'history of a neighbourhood, one kind', path: '/voorbeeldstad/gebieden/BU99990202/geschiedenis?soort=tension', signedIn: false },
  { name: 'history: one entry', path: '/voorbeeldstad/gebieden/BU99990102/geschiedenis/:id', signedIn: false, resolve: firstLinkOn('/voorbeeldstad/gebieden/BU99990102/geschiedenis', 'main article h3 a') },
  { name: 'history: one entry (moderator tools, admin)', path: '/voorbeeldstad/gebieden/BU99990102/geschiedenis/:id', signedIn: true, resolve: firstLinkOn('/voorbeeldstad/gebieden/BU99990102/geschiedenis', 'main article h3 a') },
  { name: 'history: add (sign-in link)', path: '/voorbeeldstad/gebieden/BU99990102/geschiedenis/nieuw', signedIn: false },
  { name: 'history: add (form)', path: '/voorbeeldstad/gebieden/BU99990102/geschiedenis/nieuw', signedIn: true },
  { name: 'history: edit (admin)', path: '/voorbeeldstad/gebieden/BU99990102/geschiedenis/:id/bewerken', signedIn: true, resolve: async (page) => `${await firstLinkOn('/voorbeeldstad/gebieden/BU99990102/geschiedenis', 'main article h3 a')(page)}/bewerken` },
  { name: 'public places: list and map', path: '/voorbeeldstad/plekken', signedIn: false },
  { name: 'public places: list of a district, one status', path: '/voorbeeldstad/plekken?gebied=WK999904&status=threatened', signedIn: false },
  { name: 'public places: evening-meeting search with results', path: '/voorbeeldstad/plekken/zoeken?dag=tue&van=19:30&tot=21:30&groep=30&maxkosten=5&stepFree=on', signedIn: false },
  { name: 'public places: search with an error', path: '/voorbeeldstad/plekken/zoeken?dag=tue&van=22:00&tot=19:00', signedIn: false, status: 422 },
  { name: 'public place (with assessments)', path: '/voorbeeldstad/plekken/:id', signedIn: false, resolve: firstLinkOn('/voorbeeldstad/plekken?gebied=BU99990102', 'main table a') },
  { name: 'public place (closed, with history; admin)', path: '/voorbeeldstad/plekken/:id', signedIn: true, resolve: firstLinkOn('/voorbeeldstad/plekken?status=closed', 'main table a') },
  { name: 'public places: add (form with map)', path: '/voorbeeldstad/plekken/nieuw', signedIn: true },
  { name: 'public place: edit (admin)', path: '/voorbeeldstad/plekken/:id/bewerken', signedIn: true, resolve: async (page) => `${await firstLinkOn('/voorbeeldstad/plekken?gebied=BU99990102', 'main table a')(page)}/bewerken` },
  { name: 'public place: status (admin)', path: '/voorbeeldstad/plekken/:id/status', signedIn: true, resolve: async (page) => `${await firstLinkOn('/voorbeeldstad/plekken?gebied=BU99990102', 'main table a')(page)}/status` },
  { name: 'public place: assess (admin)', path: '/voorbeeldstad/plekken/:id/beoordelen', signedIn: true, resolve: async (page) => `${await firstLinkOn('/voorbeeldstad/plekken?gebied=BU99990102', 'main table a')(page)}/beoordelen` },
  { name: 'social ecosystem of a neighbourhood (network explained)', path: '/voorbeeldstad/gebieden/BU99990102/ecosysteem', signedIn: false },
  { name: 'social ecosystem of a neighbourhood (signed in, with forms)', path: '/voorbeeldstad/gebieden/BU99990202/ecosysteem', signedIn: true },
  { name: 'social ecosystem, nobody recorded yet', path: '/voorbeeldstad/gebieden/BU99990101/ecosysteem', signedIn: false },
  { name: 'ecosystem: an actor', path: '/voorbeeldstad/gebieden/BU99990102/ecosysteem/actoren/:id', signedIn: false, resolve: firstLinkOn('/voorbeeldstad/gebieden/BU99990102/ecosysteem', 'main figure table a') },
  { name: 'ecosystem: a key person with consent (admin)', path: '/voorbeeldstad/gebieden/BU99990102/ecosysteem/actoren/:id', signedIn: true, resolve: firstLinkOn('/voorbeeldstad/gebieden/BU99990102/ecosysteem', 'main figure table a:has-text("Oma Riet")') },
  { name: 'ecosystem: edit an actor (admin)', path: '/voorbeeldstad/gebieden/BU99990102/ecosysteem/actoren/:id/bewerken', signedIn: true, resolve: async (page) => `${await firstLinkOn('/voorbeeldstad/gebieden/BU99990102/ecosysteem', 'main figure table a')(page)}/bewerken` },
  { name: 'ecosystem: add an actor', path: '/voorbeeldstad/gebieden/BU99990102/ecosysteem/actoren/nieuw', signedIn: true },
  { name: 'ecosystem: add a key person with consent', path: '/voorbeeldstad/gebieden/BU99990102/ecosysteem/sterkhouders/nieuw', signedIn: true },
  { name: 'ecosystem: add a relation', path: '/voorbeeldstad/gebieden/BU99990102/ecosysteem/relaties/nieuw', signedIn: true },
  { name: 'ecosystem: the eight elements with history', path: '/voorbeeldstad/gebieden/BU99990102/ecosysteem/elementen', signedIn: false },
  { name: 'ecosystem: assess an element', path: '/voorbeeldstad/gebieden/BU99990102/ecosysteem/elementen/beoordelen?element=networks', signedIn: true },
  { name: 'money flows of a neighbourhood', path: '/voorbeeldstad/gebieden/BU99990102/geldstromen', signedIn: false },
  { name: 'money flows with a what-if share', path: '/voorbeeldstad/gebieden/BU99990202/geldstromen?jaar=2024&deel=5', signedIn: false },
  { name: 'money flows with a wrong share', path: '/voorbeeldstad/gebieden/BU99990102/geldstromen?deel=abc', signedIn: false, status: 422 },
  { name: 'money flows: none known', path: '/voorbeeldstad/gebieden/BU99990101/geldstromen', signedIn: false },
  { name: 'money flows (official tools, admin)', path: '/voorbeeldstad/gebieden/BU99990102/geldstromen', signedIn: true },
  { name: 'money flows: add (admin)', path: '/voorbeeldstad/gebieden/BU99990102/geldstromen/nieuw', signedIn: true },
  { name: 'money flows: change (admin)', path: '/voorbeeldstad/gebieden/BU99990102/geldstromen/:id/bewerken', signedIn: true, resolve: firstLinkOn('/voorbeeldstad/gebieden/BU99990102/geldstromen', 'main figure table a[href$="/bewerken"]') },
  { name: 'money flows: import (admin)', path: '/voorbeeldstad/beheer/geldstromen', signedIn: true },
  { name: 'neighbourhood picture (published, latest version)', path: '/voorbeeldstad/gebieden/BU99990102/wijkbeeld', signedIn: false },
  { name: 'neighbourhood picture: an older version', path: '/voorbeeldstad/gebieden/BU99990102/wijkbeeld/versies/1', signedIn: false },
  { name: 'neighbourhood picture: versions', path: '/voorbeeldstad/gebieden/BU99990102/wijkbeeld/versies', signedIn: false },
  { name: 'neighbourhood picture: two versions compared', path: '/voorbeeldstad/gebieden/BU99990102/wijkbeeld/vergelijken?van=1&naar=2', signedIn: false },
  { name: 'neighbourhood picture of another neighbourhood', path: '/voorbeeldstad/gebieden/BU99990202/wijkbeeld', signedIn: false },
  { name: 'neighbourhood picture: none published yet (editor)', path: '/voorbeeldstad/gebieden/BU99990101/wijkbeeld', signedIn: true },
  { name: 'neighbourhood picture: edit the draft (admin)', path: '/voorbeeldstad/gebieden/BU99990102/wijkbeeld/bewerken', signedIn: true },
  { name: 'neighbourhood picture: review and publish (admin, no draft)', path: '/voorbeeldstad/gebieden/BU99990102/wijkbeeld/publiceren', signedIn: true },
  { name: 'BuurtTops of the municipality', path: '/voorbeeldstad/buurttops', signedIn: false },
  { name: "an area's BuurtTops (admin)", path: '/voorbeeldstad/gebieden/BU99990102/buurttop', signedIn: true },
  { name: 'BuurtTop: start one (admin)', path: '/voorbeeldstad/gebieden/BU99990102/buurttop/nieuw', signedIn: true },
  { name: 'BuurtTop in preparation (public)', path: '/voorbeeldstad/buurttops/:id', signedIn: false, resolve: lindenhofSummit },
  { name: 'BuurtTop in preparation (organiser)', path: '/voorbeeldstad/buurttops/:id', signedIn: true, resolve: lindenhofSummit },
  { name: 'BuurtTop held (public)', path: '/voorbeeldstad/buurttops/:id', signedIn: false, resolve: firstLinkOn('/voorbeeldstad/gebieden/BU99990202/buurttop', 'main table a[href*="/buurttops/"]') },
  { name: 'BuurtTop: change (admin)', path: '/voorbeeldstad/buurttops/:id/bewerken', signedIn: true, resolve: async (page) => `${await lindenhofSummit(page)}/bewerken` },
  { name: 'BuurtTop: status (admin)', path: '/voorbeeldstad/buurttops/:id/status', signedIn: true, resolve: async (page) => `${await lindenhofSummit(page)}/status` },
  { name: 'BuurtTop: add a step (admin)', path: '/voorbeeldstad/buurttops/:id/mijlpalen/nieuw', signedIn: true, resolve: async (page) => `${await lindenhofSummit(page)}/mijlpalen/nieuw` },
  { name: 'BuurtTop: change a step (admin)', path: '/voorbeeldstad/buurttops/:id/mijlpalen/:m/bewerken', signedIn: true, resolve: async (page) => firstLinkOn(await lindenhofSummit(page), 'main a[href$="/bewerken"][href*="/mijlpalen/"]')(page) },
  { name: 'BuurtTop: add a working group (admin)', path: '/voorbeeldstad/buurttops/:id/werkgroepen/nieuw', signedIn: true, resolve: async (page) => `${await lindenhofSummit(page)}/werkgroepen/nieuw` },
  { name: 'BuurtTop: registration form (public)', path: '/voorbeeldstad/buurttops/:id/aanmelden', signedIn: false, resolve: async (page) => `${await lindenhofSummit(page)}/aanmelden` },
  { name: 'BuurtTop: confirm a registration (the mail\'s link)', path: '/voorbeeldstad/buurttops/:id/aanmelding/bevestigen', signedIn: false, resolve: async (page) => `${await lindenhofSummit(page)}/aanmelding/bevestigen?sleutel=voorbeeld` },
  { name: 'BuurtTop: cancel a registration (the mail\'s link)', path: '/voorbeeldstad/buurttops/:id/aanmelding/annuleren', signedIn: false, resolve: async (page) => `${await lindenhofSummit(page)}/aanmelding/annuleren?sleutel=voorbeeld` },
  { name: 'BuurtTop: registrations (admin)', path: '/voorbeeldstad/buurttops/:id/aanmeldingen', signedIn: true, resolve: async (page) => `${await lindenhofSummit(page)}/aanmeldingen` },
  { name: 'BuurtTop: register someone by hand (admin)', path: '/voorbeeldstad/buurttops/:id/aanmeldingen/nieuw', signedIn: true, resolve: async (page) => `${await lindenhofSummit(page)}/aanmeldingen/nieuw` },
  { name: 'BuurtTop: invitations (admin)', path: '/voorbeeldstad/buurttops/:id/uitnodigingen', signedIn: true, resolve: async (page) => `${await lindenhofSummit(page)}/uitnodigingen` },
  { name: 'BuurtTop: invitation letter, 4 per A4 (public, print page)', path: '/voorbeeldstad/buurttops/:id/uitnodigingen/brief?per=4', signedIn: false, resolve: async (page) => `${await lindenhofSummit(page)}/uitnodigingen/brief?per=4` },
  { name: 'BuurtTop: working group in preparation (public)', path: '/voorbeeldstad/buurttops/:id/werkgroepen/:g', signedIn: false, resolve: lindenhofGroup },
  { name: 'BuurtTop: working group (organiser)', path: '/voorbeeldstad/buurttops/:id/werkgroepen/:g', signedIn: true, resolve: lindenhofGroup },
  { name: 'BuurtTop: change a working group (admin)', path: '/voorbeeldstad/buurttops/:id/werkgroepen/:g/bewerken', signedIn: true, resolve: async (page) => `${await lindenhofGroup(page)}/bewerken` },
  { name: 'BuurtTop: write a briefing (admin)', path: '/voorbeeldstad/buurttops/:id/werkgroepen/:g/briefing', signedIn: true, resolve: async (page) => `${await lindenhofGroup(page)}/briefing` },
  { name: 'BuurtTop: add a member (admin)', path: '/voorbeeldstad/buurttops/:id/werkgroepen/:g/leden/nieuw', signedIn: true, resolve: async (page) => `${await lindenhofGroup(page)}/leden/nieuw` },
  { name: 'BuurtTop: add information (admin)', path: '/voorbeeldstad/buurttops/:id/werkgroepen/:g/informatie/nieuw', signedIn: true, resolve: async (page) => `${await lindenhofGroup(page)}/informatie/nieuw` },
  { name: 'BuurtTop day: rounds and tables (admin)', path: '/voorbeeldstad/buurttops/:id/dag', signedIn: true, resolve: async (page) => `${await bloemenSummit(page)}/dag` },
  { name: 'BuurtTop day: a table on the facilitator\'s phone', path: '/voorbeeldstad/buurttops/:id/dag/tafels/:t/:secret', signedIn: true, resolve: bloemenTable },
  { name: 'BuurtTop day: an ambition received', path: '/voorbeeldstad/buurttops/:id/dag/tafels/:t/:secret/ontvangen/:a', signedIn: true, resolve: async (page) => (await bloemenAmbition(page)).replace('/ambities/', '/ontvangen/') },
  { name: 'BuurtTop day: correct an ambition', path: '/voorbeeldstad/buurttops/:id/dag/tafels/:t/:secret/ambities/:a', signedIn: true, resolve: bloemenAmbition },
  { name: 'BuurtTop day: the plenary (admin)', path: '/voorbeeldstad/buurttops/:id/plenair', signedIn: true, resolve: async (page) => `${await bloemenSummit(page)}/plenair` },
  { name: 'BuurtTop day: the plenary by dots (admin)', path: '/voorbeeldstad/buurttops/:id/plenair?volgorde=stippen', signedIn: true, resolve: async (page) => `${await bloemenSummit(page)}/plenair?volgorde=stippen` },
  { name: 'BuurtTop day: agreed ambitions (public)', path: '/voorbeeldstad/buurttops/:id/ambities', signedIn: false, resolve: async (page) => `${await bloemenSummit(page)}/ambities` },
  { name: 'BuurtTop held: registrations with attendance (admin)', path: '/voorbeeldstad/buurttops/:id/aanmeldingen', signedIn: true, resolve: async (page) => `${await bloemenSummit(page)}/aanmeldingen` },
  { name: 'BuurtTop held: record attendance (admin)', path: '/voorbeeldstad/buurttops/:id/aanwezigheid', signedIn: true, resolve: async (page) => `${await bloemenSummit(page)}/aanwezigheid` },
  { name: 'BuurtTop day of this year (public)', path: '/voorbeeldstad/buurttops/dag/:year', signedIn: false, resolve: async () => `/voorbeeldstad/buurttops/dag/${new Date().getFullYear()}` },
  { name: 'BuurtTop day of next year (admin)', path: '/voorbeeldstad/buurttops/dag/:year', signedIn: true, resolve: async () => `/voorbeeldstad/buurttops/dag/${new Date().getFullYear() + 1}` },
  { name: 'BuurtTop day: set it (admin)', path: '/voorbeeldstad/buurttops/dag/:year/instellen', signedIn: true, resolve: async () => `/voorbeeldstad/buurttops/dag/${new Date().getFullYear()}/instellen` },
  { name: 'future agenda, adopted (public)', path: '/voorbeeldstad/wijkagendas/:id', signedIn: false, resolve: bloemenAgenda },
  { name: 'future agenda, adopted (editor)', path: '/voorbeeldstad/wijkagendas/:id', signedIn: true, resolve: bloemenAgenda },
  { name: 'future agenda: comments on the concept (public)', path: '/voorbeeldstad/reacties/agenda/:id', signedIn: false, resolve: async (page) => (await bloemenAgenda(page)).replace('/wijkagendas/', '/reacties/agenda/') },
  { name: 'future agenda: distribution and answers (public)', path: '/voorbeeldstad/wijkagendas/:id/verzending', signedIn: false, resolve: async (page) => `${await bloemenAgenda(page)}/verzending` },
  { name: 'future agenda: distribution (editor)', path: '/voorbeeldstad/wijkagendas/:id/verzending', signedIn: true, resolve: async (page) => `${await bloemenAgenda(page)}/verzending` },
  { name: 'future agenda: record an answer (editor)', path: '/voorbeeldstad/wijkagendas/:id/verzending/instellingen/:r/antwoord', signedIn: true, resolve: bloemenRecipientAnswer },
  { name: 'future agenda: progress over time (public)', path: '/voorbeeldstad/wijkagendas/:id/voortgang', signedIn: false, resolve: async (page) => `${await bloemenAgenda(page)}/voortgang` },
  { name: 'future agenda: an ambition with its progress (public)', path: '/voorbeeldstad/wijkagendas/:id/ambities/:a', signedIn: false, resolve: bloemenFollowUp('Tulpplein') },
  { name: 'future agenda: an ambition, its group and the progress form (editor)', path: '/voorbeeldstad/wijkagendas/:id/ambities/:a', signedIn: true, resolve: bloemenFollowUp('gas af') },
  { name: 'future agenda: correct a progress update (editor)', path: '/voorbeeldstad/wijkagendas/:id/ambities/:a/voortgang/:p/corrigeren', signedIn: true, resolve: async (page) => firstLinkOn(await bloemenFollowUp('gas af')(page), 'main a[href$="/corrigeren"]')(page) },
  { name: 'future agenda: take over open ambitions (editor)', path: '/voorbeeldstad/wijkagendas/:id/overnemen', signedIn: true, resolve: async (page) => `${await bloemenAgenda(page)}/overnemen` },
  { name: 'future agendas (public)', path: '/voorbeeldstad/wijkagendas', signedIn: false },
  { name: 'future agendas, with the way to start one (admin)', path: '/voorbeeldstad/wijkagendas', signedIn: true },
  { name: 'future agendas of an area (public)', path: '/voorbeeldstad/gebieden/BU99990202/wijkagenda', signedIn: false },
  { name: 'future agendas of an area without one (admin)', path: '/voorbeeldstad/gebieden/BU99990102/wijkagenda', signedIn: true },
  { name: 'start a future agenda: the area (admin)', path: '/voorbeeldstad/wijkagendas/nieuw', signedIn: true },
  { name: 'start a future agenda: organiser, BuurtTop and previous agenda (admin)', path: '/voorbeeldstad/wijkagendas/nieuw?gebied=BU99990202', signedIn: true },
  { name: 'future agenda: the editor, adopted (admin)', path: '/voorbeeldstad/wijkagendas/:id/bewerken', signedIn: true, resolve: async (page) => `${await bloemenAgenda(page)}/bewerken` },
  { name: 'future agenda: title, years and introduction (admin)', path: '/voorbeeldstad/wijkagendas/:id/bewerken/gegevens', signedIn: true, resolve: async (page) => `${await oostAgenda(page)}/bewerken/gegevens` },
  { name: 'future agenda: an ambition\'s form in the editor (admin)', path: '/voorbeeldstad/wijkagendas/:id/bewerken/ambities/:a', signedIn: true, resolve: oostAmbitionForm },
  { name: 'future agenda: a new comment period after the revision (admin)', path: '/voorbeeldstad/wijkagendas/:id/bewerken/reactietermijn', signedIn: true, resolve: async (page) => `${await oostAgenda(page)}/bewerken/reactietermijn` },
  { name: 'future agenda in its comment period (public)', path: '/voorbeeldstad/wijkagendas/:id', signedIn: false, resolve: oostAgenda },
  { name: 'future agenda in its comment period, with the comment form (admin)', path: '/voorbeeldstad/wijkagendas/:id', signedIn: true, resolve: oostAgenda },
  { name: 'future agenda: the editor during the comment period (admin)', path: '/voorbeeldstad/wijkagendas/:id/bewerken', signedIn: true, resolve: async (page) => `${await oostAgenda(page)}/bewerken` },
  { name: 'future agenda: versions (public)', path: '/voorbeeldstad/wijkagendas/:id/versies', signedIn: false, resolve: async (page) => `${await bloemenAgenda(page)}/versies` },
  { name: 'future agenda: the concept version (public)', path: '/voorbeeldstad/wijkagendas/:id/versies/1', signedIn: false, resolve: async (page) => `${await bloemenAgenda(page)}/versies/1` },
  { name: 'future agenda: concept and adopted version compared (public)', path: '/voorbeeldstad/wijkagendas/:id/vergelijken?van=1&naar=2', signedIn: false, resolve: async (page) => `${await bloemenAgenda(page)}/vergelijken?van=1&naar=2` },
];
