import { asDemoPerson } from './parties.js';
import { DEMO_SUMMIT_AREAS } from './summit.js';
import type { Context } from '../platform/context.js';
import { execute } from '../platform/service.js';
import { createOrganisation } from '../capabilities/parties/index.js';
import { addDays } from '../capabilities/summit/model.js';
import { agendaToday, listAgendas, type RecipientKind } from '../capabilities/agenda/index.js';
import { addRecipient, recordResponse, sendAgenda } from '../capabilities/agenda/distribution-service.js';

/**
 * The Bloemenbuurt's adopted agenda sent to four institutions ten days after its adoption, as the
 * editorial team (the municipality's official) does it: a housing corporation, a care
 * organisation, the municipal department for public space and the welfare organisation — those
 * the register lacks are added to it here. Three answered within the six weeks asked, in a few
 * sentences each; the housing corporation did not, and the agenda's distribution page shows its
 * silence: the day asked and how long ago it was sent.
 *
 * The use case asks for an answer from today on; the seeder sends today and then moves the
 * sending back to where the story puts it (the demo's one step outside the use cases, as the
 * agenda's own seeder does with its comment period). The mails go out through the outbox to the
 * institutions' example addresses.
 */
export const DEMO_DISTRIBUTION_SENT_AFTER = 10;
export const DEMO_DISTRIBUTION_DAYS = 42;

interface DemoInstitution {
  name: string;
  kind: RecipientKind;
  /** The register's kind, for those created here. */
  organisationKind: 'foundation' | 'municipal_department' | 'welfare_organisation';
  description: string;
  email: string;
  /** Days after sending it answered, with its summary and link; null: no answer. */
  answer: { after: number; summary: string; link?: string } | null;
}

export const DEMO_INSTITUTIONS: DemoInstitution[] = [
  {
    name: 'Woonstichting De Vaart', kind: 'housing', organisationKind: 'foundation', email: 'wijkteam@woonstichting-devaart.example',
    description: 'Woningcorporatie met ruim zesduizend huurwoningen in Voorbeeldstad, waarvan een derde in Oost.',
    answer: null,
  },
  {
    name: 'Zorggroep Voorbeeldstad', kind: 'care', organisationKind: 'foundation', email: 'wijkverpleging@zorggroep-voorbeeldstad.example',
    description: 'Wijkverpleging, thuiszorg en dagbesteding in alle wijken.',
    answer: {
      after: 19, link: 'https://zorggroep-voorbeeldstad.example/nieuws/bloemenbuurt',
      summary: 'De wijkverpleging doet mee aan de bezoekersgroep voor ouderen die alleen wonen en houdt twee keer per jaar een avond over mantelzorg in de buurtkamer.',
    },
  },
  {
    name: 'Afdeling Openbare Ruimte', kind: 'department', organisationKind: 'municipal_department', email: 'openbareruimte@voorbeeldstad.example',
    description: 'De gemeentelijke afdeling voor straten, pleinen, groen en speelplekken.',
    answer: {
      after: 34,
      summary: 'De fietsenstalling aan het Tulpplein staat gepland voor het voorjaar. Over de vaste speelplek gaat de afdeling in gesprek met de werkgroep; geld daarvoor is er pas in de begroting van volgend jaar.',
    },
  },
  {
    name: 'Welzijn Voorbeeldstad', kind: 'welfare', organisationKind: 'welfare_organisation', email: 'opbouwwerk@welzijn-voorbeeldstad.example',
    description: 'Opbouwwerk, ouderenwerk en jongerenwerk in alle wijken.',
    answer: {
      after: 12,
      summary: 'Het opbouwwerk sluit aan bij de werkgroep van de buurtkamer en stelt twee uur per week een opbouwwerker beschikbaar om vrijwilligers te begeleiden.',
    },
  },
];

export async function seedAgendaDistribution(ctx: Context): Promise<void> {
  const { db } = ctx.platform;
  const tenant = ctx.tenant!;
  const [agenda] = await listAgendas(db, tenant.id, { areaCodes: [DEMO_SUMMIT_AREAS.bloemenbuurt] });
  if (!agenda || agenda.status !== 'adopted' || !agenda.adoptedOn) return;
  const official = await asDemoPerson(ctx, 'ambtenaar@voorbeeldstad.example');
  const agendaId = agenda.id;

  const recipients: Array<[DemoInstitution, string]> = [];
  for (const institution of DEMO_INSTITUTIONS) {
    const known = await db.selectFrom('organisations').select('id').where('municipality_id', '=', tenant.id).where('name', '=', institution.name).executeTakeFirst();
    const organisationId = known?.id ?? (await execute(ctx, createOrganisation, {
      kind: institution.organisationKind, name: institution.name, description: institution.description, email: institution.email,
    })).id;
    const { id } = await execute(official, addRecipient, { agendaId, organisationId, kind: institution.kind, email: institution.email });
    recipients.push([institution, id]);
  }
  await execute(official, sendAgenda, {
    agendaId,
    message: 'Namens de bewoners van de Bloemenbuurt sturen wij u onze toekomstagenda. Wij horen graag waar u aan wilt bijdragen.',
  });

  const sent = addDays(agenda.adoptedOn, DEMO_DISTRIBUTION_SENT_AFTER);
  await db.updateTable('agenda_recipients').set({ sent_at: `${sent}T10:00:00.000Z`, respond_by: addDays(sent, DEMO_DISTRIBUTION_DAYS) }).where('agenda_id', '=', agendaId).execute();
  const today = agendaToday();
  for (const [institution, recipientId] of recipients) {
    if (!institution.answer) continue;
    const receivedOn = addDays(sent, institution.answer.after);
    await execute(official, recordResponse, {
      agendaId, recipientId, receivedOn: receivedOn > today ? today : receivedOn, summary: institution.answer.summary, link: institution.answer.link ?? '',
    });
  }
}
