import { asDemoPerson } from './parties.js';
import type { Context } from '../platform/context.js';
import { anonymous } from '../platform/policy.js';
import { execute } from '../platform/service.js';
import { postComment } from '../platform/comments/index.js';
import { hideItem, report } from '../platform/moderation/index.js';

/** The Lindenhof neighbourhood, where the demo's residents talk. */
export const DEMO_COMMENT_AREA = 'BU99990102';

/**
 * Residents comment on the Lindenhof: a conversation, one comment that names a neighbour and his
 * house number (reported and hidden by the moderator, with a reason its writer sees), and an
 * advertisement that waits in the moderators' queue.
 */
export async function seedComments(ctx: Context): Promise<void> {
  const { db } = ctx.platform;
  const as = (email: string): Promise<Context> => asDemoPerson(ctx, email);
  const post = async (who: Context, body: string) => (await execute(who, postComment, { subjectType: 'area', subjectId: DEMO_COMMENT_AREA, body })).id;
  const anja = await as('bewoner@voorbeeldstad.example');
  const fatma = await as('buurvrouw@voorbeeldstad.example');
  const kees = await as('buurman@voorbeeldstad.example');
  const moderator = await as('moderator@voorbeeldstad.example');

  await post(anja, 'Wat fijn dat de speeltuin aan de Lindelaan wordt opgeknapt. Kunnen we als buurt meedenken over de inrichting?\n\nVeel ouders willen graag een bankje in de schaduw.');
  await post(fatma, 'Goed idee! Op de burendag kunnen we de wensen ophalen. Ik neem een groot vel papier en stiften mee.');
  const named = await post(anja, 'Het pleintje ligt vol hondenpoep. Het is steeds de hond van meneer De Boer van nummer 14, hij laat hem elke avond om tien uur uit.');
  await post(kees, 'Mooi plan. Ik help mee met schilderen als er een werkochtend komt.');
  const advert = await post(kees, 'Glazenwasser nodig? Bel 06-00000000, de eerste keer gratis!');

  const visitor: Context = { ...ctx, actor: anonymous };
  await execute(fatma, report, { kind: 'comment', id: named, category: 'personal_data', explanation: 'Hier staat de naam en het huisnummer van een buurman.' });
  await execute(moderator, hideItem, {
    kind: 'comment', id: named,
    reason: 'Deze reactie noemt een buurtbewoner met naam en huisnummer. Volgens de huisregels schrijven we niet over anderen die dat niet weten. Schrijf gerust opnieuw over de overlast, zonder namen of adressen.',
  });
  await execute(visitor, report, { kind: 'comment', id: advert, category: 'spam' });
}
