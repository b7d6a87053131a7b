import type { Context } from '../platform/context.js';
import { execute, type Tx } from '../platform/service.js';
import { loadActor } from '../capabilities/parties/index.js';
import { publishHouseRules, saveHouseRulesDraft } from '../capabilities/municipality/index.js';

/**
 * The demo municipality's house rules for contributions: two published versions (the second
 * rewrites a few sentences and adds a part about other people's personal data, so the
 * comparison shows additions and removals) and an open draft for a third, so the
 * administrator's review page has something to show. Made by the demo administrator through the
 * same use cases as the pages.
 */
export const DEMO_HOUSE_RULES_ADMIN = 'beheerder@voorbeeldstad.example';

const purpose = {
  key: 'waarom',
  heading: 'Waarom deze huisregels?',
  body: 'Op Buurtarena praten bewoners, organisaties en de gemeente samen over de buurt. Dat werkt alleen als iedereen zich welkom voelt.\n\nDeze huisregels gelden voor alles wat u hier schrijft: reacties, duidingen bij de cijfers van uw buurt en verhalen over plekken en mensen.',
};

const allowedV1 = {
  key: 'wat-mag',
  heading: 'Wat u mag schrijven',
  body: 'U mag het overal mee oneens zijn. Kritiek op plannen, op de gemeente of op een organisatie is welkom.\n\nSchrijf over de zaak, niet over de persoon. Houd het kort en blijf bij het onderwerp van de pagina.',
};

const notAllowedV1 = {
  key: 'wat-niet-mag',
  heading: 'Wat niet mag',
  body: 'Schelden, bedreigen en discrimineren zijn niet toegestaan.\n\nReclame en berichten die niets met de buurt te maken hebben, halen we weg.',
};

const moderationV1 = {
  key: 'moderatie',
  heading: 'Hoe moderatie werkt',
  body: 'Iedereen kan een bijdrage melden die volgens hem of haar niet aan de huisregels voldoet.\n\nEen moderator van de gemeente bekijkt de melding binnen vijf werkdagen. Past een bijdrage niet bij de huisregels, dan verbergt de moderator haar en krijgt de schrijver een bericht met de reden.',
};

const objectionV1 = {
  key: 'bezwaar',
  heading: 'Bezwaar maken',
  body: 'Bent u het niet eens met het verbergen van uw bijdrage? Stuur dan een bericht via de knop bij uw bijdrage.\n\nEen andere moderator bekijkt uw bezwaar opnieuw.',
};

const version1 = [purpose, allowedV1, notAllowedV1, moderationV1, objectionV1];

/** Version 2: a few sentences rewritten, and a new part about other people's personal data. */
const version2 = [
  purpose,
  {
    ...allowedV1,
    body: 'U mag het overal mee oneens zijn. Kritiek op plannen, op de gemeente of op een organisatie is welkom, zolang u die met respect brengt.\n\nSchrijf over de zaak, niet over de persoon. Blijf bij het onderwerp van de pagina.',
  },
  {
    ...notAllowedV1,
    body: 'Schelden, bedreigen, discrimineren en iemand belachelijk maken zijn niet toegestaan.\n\nReclame en berichten die niets met de buurt te maken hebben, halen we weg.',
  },
  {
    key: 'persoonsgegevens',
    heading: 'Gegevens van anderen',
    body: 'Noem geen namen, adressen of telefoonnummers van anderen zonder hun toestemming. Plaats ook geen foto\'s waarop mensen te herkennen zijn.\n\nVoor sterkhouders en organisaties die zelf op Buurtarena staan, mag u de naam noemen die daar staat.',
  },
  {
    ...moderationV1,
    body: 'Iedereen kan een bijdrage melden die volgens hem of haar niet aan de huisregels voldoet.\n\nEen moderator van de gemeente bekijkt de melding binnen drie werkdagen. Past een bijdrage niet bij de huisregels, dan verbergt de moderator haar en krijgt de schrijver een bericht met de reden.',
  },
  objectionV1,
];

/** The open draft: the objection part gets a response time. */
const draft3 = version2.map((section) => section.key === 'bezwaar'
  ? { ...section, body: 'Bent u het niet eens met het verbergen van uw bijdrage? Stuur dan binnen vier weken een bericht via de knop bij uw bijdrage.\n\nEen andere moderator bekijkt uw bezwaar opnieuw en antwoordt binnen tien werkdagen.' }
  : section);

export async function seedHouseRules(ctx: Context): Promise<void> {
  const { db } = ctx.platform;
  const person = await db.selectFrom('people').select('id').where('email', '=', DEMO_HOUSE_RULES_ADMIN).executeTakeFirstOrThrow();
  // The administrator acts with a second step, as the pages require.
  const admin: Context = { ...ctx, actor: (await loadActor(db, person.id, { strong: true }))! };
  const title = 'Huisregels voor bijdragen';
  await execute(admin, saveHouseRulesDraft, { title, sections: version1 });
  await execute(admin, publishHouseRules, { summary: 'Eerste versie van de huisregels.' });
  await execute(admin, saveHouseRulesDraft, { title, sections: version2 });
  await execute(admin, publishHouseRules, { summary: 'Nieuw deel over gegevens van anderen. Meldingen worden binnen drie werkdagen bekeken in plaats van vijf.' });
  await execute(admin, saveHouseRulesDraft, { title, sections: draft3 });
}

