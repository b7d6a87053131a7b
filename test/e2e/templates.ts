import type { Page } from 'playwright-core';

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
  { name: 'municipality home', path: '/voorbeeldstad', signedIn: false },
  { name: 'municipality home (admin)', path: '/voorbeeldstad', signedIn: true },
  { name: 'administration home', path: '/voorbeeldstad/beheer', signedIn: true },
  { name: 'settings (admin)', path: '/voorbeeldstad/beheer/instellingen', signedIn: true },
  { name: 'public values (admin)', path: '/voorbeeldstad/beheer/publieke-waarden', signedIn: true },
  { name: 'edit public value (admin)', path: '/voorbeeldstad/beheer/publieke-waarden/:id', signedIn: true, resolve: firstLinkOn('/voorbeeldstad/beheer/publieke-waarden') },
  { name: 'remove public value (admin)', path: '/voorbeeldstad/beheer/publieke-waarden/:id/verwijderen', signedIn: true, resolve: firstLinkOn('/voorbeeldstad/beheer/publieke-waarden', 'main table a[href$="/verwijderen"]') },
  { name: 'audit log (admin)', path: '/voorbeeldstad/beheer/logboek', signedIn: true },
  { name: 'audit log with invalid filter (admin)', path: '/voorbeeldstad/beheer/logboek?from=2025-02-30', signedIn: true, status: 422 },
  { name: 'districts and neighbourhoods', path: '/voorbeeldstad/gebieden', signedIn: false },
  { name: 'area: district', path: '/voorbeeldstad/gebieden/WK999901', signedIn: false },
  { name: 'area: neighbourhood', path: '/voorbeeldstad/gebieden/BU99990102', signedIn: false },
  { name: 'areas of the Netherlands', path: '/gebieden', signedIn: false },
  { name: 'national area', path: '/gebieden/GM9999', signedIn: false },
  { name: 'budget areas (with form)', path: '/voorbeeldstad/budgetgebieden', signedIn: true },
  { name: 'area with follow button (signed in)', path: '/voorbeeldstad/gebieden/BU99990102', signedIn: true },
  { name: 'notifications', path: '/voorbeeldstad/meldingen', signedIn: true },
  { name: 'notification settings', path: '/voorbeeldstad/mijn-account/meldingen', signedIn: true },
  { name: 'unsubscribe (confirmation)', path: '/afmelden?p=x&k=organisation.updated&t=x', signedIn: false },
];
