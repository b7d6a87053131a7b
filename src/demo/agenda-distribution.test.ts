import { afterAll, beforeAll, expect, it } from 'vitest';
import { openDemoWorld } from '../../test/support/demo-world.js';
import { describeEachEngine, type TestPlatform } from '../../test/support/engines.js';
import { agendaToday, listAgendas, recipientsOf, responsesOf, responseState } from '../capabilities/agenda/index.js';
import { addDays } from '../capabilities/summit/model.js';
import type { Tenant } from '../platform/tenancy.js';
import { seedPlaces } from './places.js';
import { seedSummit } from './summit.js';
import { seedSummitDay } from './summit-day.js';
import { seedAgenda } from './agenda.js';
import { DEMO_DISTRIBUTION_DAYS, DEMO_DISTRIBUTION_SENT_AFTER, seedAgendaDistribution } from './agenda-distribution.js';

/** The demo's distribution: the Bloemenbuurt's agenda sent to four institutions, three answered, one silent past the day asked. */
describeEachEngine('demo agenda distribution', (engine) => {
  let tp: TestPlatform;
  let tenant: Tenant;
  beforeAll(async () => {
    ({ tp, tenant } = await openDemoWorld(engine, [seedPlaces, seedSummit, seedSummitDay, seedAgenda, seedAgendaDistribution]));
  }, 180_000);
  afterAll(async () => tp.close());

  it('sends the adopted agenda to a housing corporation, a care organisation, the department for public space and the welfare organisation; all but the housing corporation answered', async () => {
    const db = tp.platform.db;
    const [agenda] = await listAgendas(db, tenant.id, { areaCodes: ['BU99990202'] });
    const recipients = await recipientsOf(db, agenda!.id);
    const responses = await responsesOf(db, recipients.map((r) => r.id));
    const today = agendaToday();
    const sent = addDays(agenda!.adoptedOn!, DEMO_DISTRIBUTION_SENT_AFTER);
    const states = recipients.map((r) => [r.name, r.kind, responseState({ sentAt: r.sentAt, respondBy: r.respondBy, responses: responses.filter((x) => x.recipientId === r.id).length }, today)]);
    expect(states).toEqual([
      ['Afdeling Openbare Ruimte', 'department', 'answered'],
      ['Welzijn Voorbeeldstad', 'welfare', 'answered'],
      ['Woonstichting De Vaart', 'housing', 'overdue'],
      ['Zorggroep Voorbeeldstad', 'care', 'answered'],
    ]);
    for (const r of recipients) {
      expect(r).toMatchObject({ sentVersion: agenda!.adoptedVersion, respondBy: addDays(sent, DEMO_DISTRIBUTION_DAYS) });
      expect(r.sentAt!.slice(0, 10)).toBe(sent);
      expect(r.organisationId).not.toBeNull();
    }
    expect(responses.every((x) => x.receivedOn > sent && x.receivedOn <= today)).toBe(true);
    const outbox = await db.selectFrom('outbox').select('to_address').where('municipality_id', '=', tenant.id).where('to_address', 'like', '%.example').execute();
    expect(outbox.map((m) => m.to_address).filter((a) => recipients.some((r) => r.email === a))).toHaveLength(4);
  });
});
