import { z } from 'zod';
import { newId, nowIso } from '../../platform/db/helpers.js';
import { ConflictError, ValidationError } from '../../platform/errors.js';
import { defineUseCase } from '../../platform/service.js';
import { choice, optionalLongText } from '../../platform/validation.js';
import { INVITATION_GROUPS, MAX_INVITATIONS, MAX_INVITATION_MESSAGE, parseAddressList } from './invitation-model.js';
import { summitActions } from './policy.js';
import { queueInvitation } from './registration-mail.js';
import { organisersMayRegister } from './registration-model.js';
import { resourceOfSummitId, summitPath } from './service.js';
import { findSummit } from './store.js';

/**
 * Organisers invite a group by e-mail: one message per address through the outbox (sent by the
 * job runner, so a long list never holds up the page), each with the summit, the organisers'
 * message, the registration link and the summit as a calendar file (one UID for the summit:
 * PUBLISH, nothing per person). All or nothing: one bad address and nothing is sent, the error
 * naming every bad line. Recorded: the group, how many, when — not the addresses.
 */
export const sendInvitations = defineUseCase({
  action: summitActions.organise,
  input: z.object({
    summitId: z.string({ error: 'validation.required' }).trim().min(1, 'validation.required').max(64, { message: 'validation.tooLong' }),
    group: choice(INVITATION_GROUPS),
    addresses: z.string({ error: 'validation.required' }).trim().min(1, 'validation.required').max(MAX_INVITATIONS * 256, { message: 'validation.tooLong' }),
    message: optionalLongText(MAX_INVITATION_MESSAGE),
  }),
  resource: (tx, input, ctx) => resourceOfSummitId(tx, ctx, input.summitId),
  async run(tx, input, ctx) {
    const summit = (await findSummit(tx, ctx.tenant!.id, input.summitId))!;
    if (!organisersMayRegister(summit.status)) throw new ConflictError('summit.registration.closedForOrganisers');
    const { addresses, bad } = parseAddressList(input.addresses);
    if (bad.length) throw ValidationError.field('addresses', 'summit.invitation.error.addresses', { lines: bad.map((b) => `${b.line} (${b.value})`).join(', ') });
    if (addresses.length === 0) throw ValidationError.field('addresses', 'validation.required');
    if (addresses.length > MAX_INVITATIONS) throw ValidationError.field('addresses', 'summit.invitation.error.tooMany', { maximum: MAX_INVITATIONS });
    for (const address of addresses) await queueInvitation(tx, ctx.platform, ctx.tenant!, summit, address, ctx.locale, input.message ?? null);
    const row = { id: newId(), summit_id: summit.id, municipality_id: summit.municipalityId, group_label: input.group, count: addresses.length, message: input.message ?? null, sent_at: nowIso() };
    await tx.insertInto('summit_invitations').values(row).execute();
    return {
      result: { id: row.id, count: addresses.length, path: `${summitPath(ctx.tenant!.slug, summit.id)}/uitnodigingen` },
      audit: [{ action: 'summit.invitations.send', entityType: 'summit', entityId: summit.id, municipalityId: summit.municipalityId, after: { group: input.group, count: addresses.length } }],
    };
  },
});
