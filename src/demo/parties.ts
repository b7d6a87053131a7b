import type { Context } from '../platform/context.js';
import { execute } from '../platform/service.js';
import { ValidationError } from '../platform/errors.js';
import { totpCode } from '../platform/auth/index.js';
import { addMember, addUser, createOrganisation, enableTotp, enrolmentWithSecret, grantRole, loadActor } from '../capabilities/parties/index.js';

async function createOrganisationDemo(ctx: Context, input: Record<string, string>): Promise<string> {
  return (await execute(ctx, createOrganisation, input)).id;
}

async function addMemberDemo(ctx: Context, organisationId: string, email: string, duty: string): Promise<void> {
  await execute(ctx, addMember, { organisationId, email, duty });
}

/** One demo login per role; the password is printed on start, so it is not a secret. */
export const DEMO_PASSWORD = 'voorbeeldstad-demo';
/**
 * The second step of the demo administrator and treasurer (who need one): a fixed TOTP key, also
 * printed on start, so anyone can add it to an app or run `npx buurtarena demo totp`.
 */
export const DEMO_TOTP_SECRET = 'VOORBEELDSTAD2FAVOORBEELDSTAD2FA';

export const demoAccounts = [
  { key: 'admin', label: 'administrator', email: 'beheerder@voorbeeldstad.example', name: 'Bram Beheer', role: 'administrator', showAtStart: true, secondFactor: true },
  { key: 'official', label: 'official', email: 'ambtenaar@voorbeeldstad.example', name: 'Olga Ambtenaar', role: 'official', showAtStart: true },
  { key: 'moderator', label: 'moderator', email: 'moderator@voorbeeldstad.example', name: 'Mila Moderator', role: 'moderator', showAtStart: true },
  { key: 'council', label: 'council member', email: 'raadslid@voorbeeldstad.example', name: 'Rachid Raadslid', role: 'council_member', showAtStart: true },
  { key: 'professional', label: 'professional', email: 'opbouwwerker@voorbeeldstad.example', name: 'Priya Opbouwwerker', role: 'professional', showAtStart: true },
  { key: 'resident', label: 'resident (chair)', email: 'bewoner@voorbeeldstad.example', name: 'Anja de Vries', role: 'resident', showAtStart: true },
  { key: 'resident2', label: 'resident', email: 'buurman@voorbeeldstad.example', name: 'Kees Jansen', role: 'resident', showAtStart: false },
  { key: 'resident3', label: 'resident', email: 'buurvrouw@voorbeeldstad.example', name: 'Fatma Yilmaz', role: 'resident', showAtStart: false },
  // A member of the Bloemenbuurt's task group: she records the adoption of its agenda (src/demo/agenda.ts).
  { key: 'taskGroupMember', label: 'resident', email: 'taakgroep-bloemenbuurt@voorbeeldstad.example', name: 'Joke Visser', role: 'resident', showAtStart: false },
  { key: 'treasurer', label: 'resident (treasurer)', email: 'penningmeester@voorbeeldstad.example', name: 'Henk Bakker', role: 'resident', showAtStart: true, secondFactor: true },
] as const;

export async function seedParties(ctx: Context): Promise<void> {
  const ids: Record<string, string> = {};
  for (const account of demoAccounts) {
    const { id } = await execute(ctx, addUser, { email: account.email, displayName: account.name, password: DEMO_PASSWORD });
    ids[account.key] = id;
    await execute(ctx, grantRole, { email: account.email, role: account.role, scopeType: 'municipality' });
  }
  const body = await createOrganisationDemo(ctx, { kind: 'neighbourhood_body', name: 'Wijkraad Centrum', description: 'De wijkraad brengt bewoners, ondernemers en organisaties in het centrum samen en bereidt de BuurtTop voor.', areaCode: 'WK999901' });
  const lindenhof = await createOrganisationDemo(ctx, { kind: 'association', name: 'Bewonersvereniging De Lindenhof', description: 'Vereniging van bewoners van de Lindenhof. Organiseert de zomermarkt, de burendag en het spreekuur in het buurthuis.', areaCode: 'BU99990102', email: 'info@lindenhof.example' });
  const host = await createOrganisationDemo(ctx, { kind: 'host_organisation', name: 'Stichting Buurthuis De Vaart', description: 'Beheert het buurthuis en biedt informele groepen onderdak, ook voor hun geld.' });
  await createOrganisationDemo(ctx, { kind: 'informal_group', name: 'Moestuin aan de Vaart', description: 'Een groep buren die samen een moestuin onderhoudt achter het buurthuis.', areaCode: 'BU99990203', parentId: host });
  await createOrganisationDemo(ctx, { kind: 'foundation', name: 'Stichting Buurtkracht Oost', description: 'Stichting die bewonersinitiatieven in Oost ondersteunt met raad, ruimte en een klein budget.', areaCode: 'WK999903' });
  await createOrganisationDemo(ctx, { kind: 'platform', name: 'Bewonersplatform Voorbeeldstad', description: 'Het overleg van alle bewonersorganisaties in de stad.' });
  const group = await createOrganisationDemo(ctx, { kind: 'working_group', name: 'Werkgroep Groen en Ontmoeten', description: 'Bereidt het thema leefbaarheid en openbare ruimte voor de BuurtTop voor.', parentId: body, areaCode: 'WK999901' });
  await createOrganisationDemo(ctx, { kind: 'mixed_committee', name: 'Commissie Wijkbudget Noord', description: 'Bewoners, professionals en ambtenaren die samen adviseren over het wijkbudget van Noord.', areaCode: 'WK999902' });
  await createOrganisationDemo(ctx, { kind: 'welfare_organisation', name: 'Welzijn Voorbeeldstad', description: 'Opbouwwerk, ouderenwerk en jongerenwerk in alle wijken.' });
  await createOrganisationDemo(ctx, { kind: 'municipal_department', name: 'Afdeling Sociaal Domein', description: 'De gemeentelijke afdeling die de wijkbudgetten en het kader verzorgt.' });
  await createOrganisationDemo(ctx, { kind: 'freelancer', name: 'Buurtcoach Sam Kuipers', description: 'Zelfstandig buurtcoach; begeleidt bewonersgroepen bij plannen en subsidies.' });
  await addMemberDemo(ctx, lindenhof, 'bewoner@voorbeeldstad.example', 'chair');
  await addMemberDemo(ctx, lindenhof, 'penningmeester@voorbeeldstad.example', 'treasurer');
  await addMemberDemo(ctx, lindenhof, 'buurman@voorbeeldstad.example', 'member');
  await addMemberDemo(ctx, lindenhof, 'buurvrouw@voorbeeldstad.example', 'secretary');
  await addMemberDemo(ctx, body, 'bewoner@voorbeeldstad.example', 'board_member');
  await addMemberDemo(ctx, group, 'buurvrouw@voorbeeldstad.example', 'chair');
  await addMemberDemo(ctx, group, 'opbouwwerker@voorbeeldstad.example', 'facilitator');
  for (const account of demoAccounts) if ('secondFactor' in account && account.secondFactor) await enrolDemoSecondFactor(ctx, ids[account.key]!, account.email);
}

/** Through the same use case as the page, as the person, with a code from half a minute ago (so the current one is still free). */
async function enrolDemoSecondFactor(ctx: Context, personId: string, email: string): Promise<void> {
  const actor = (await loadActor(ctx.platform.db, personId))!;
  const enrolment = enrolmentWithSecret(ctx.platform, { id: personId, email }, DEMO_TOTP_SECRET);
  for (let attempt = 0; ; attempt++) {
    try {
      await execute({ ...ctx, actor }, enableTotp, { personId, secret: enrolment.secret, enrolment: enrolment.mac, code: totpCode(DEMO_TOTP_SECRET, Date.now() - 30_000) });
      return;
    } catch (error) {
      // The 30-second step may just have turned over between making and checking the code.
      if (!(error instanceof ValidationError) || attempt > 0) throw error;
    }
  }
}

/** The context of a demo person (by e-mail), for seeders that act as that person through the use cases. */
export async function asDemoPerson(ctx: Context, email: string): Promise<Context> {
  const person = await ctx.platform.db.selectFrom('people').select('id').where('email', '=', email).executeTakeFirstOrThrow();
  return { ...ctx, actor: (await loadActor(ctx.platform.db, person.id))! };
}
