/**
 * `/charter new` and `/charter edit <slug>`: open the booking modal. Acknowledges first, then calls
 * views.open before any slow read (the trigger expires in 3 seconds); the roster is filled in afterwards.
 */
import { isEditable } from '../../../domain';
import { renderNotice } from '../../blocks/notice';
import { openBookingModal } from '../../booking-modal-flow';
import { COMMAND } from '../../ids';
import { charterFromArgument } from './charter-argument';
import type { Subcommand } from './subcommand';

export const newCharterCommand: Subcommand = async ({ ack, client, command }, _rest, deps) => {
  await ack();
  await openBookingModal({ client, triggerId: command.trigger_id, deps, channelId: command.channel_id });
};

export const editCharterCommand: Subcommand = async ({ ack, client, command }, rest, deps) => {
  // One consistent read (a few milliseconds) before views.open: a wrong slug is answered in place.
  const found = await charterFromArgument(
    ack,
    rest[0],
    deps,
    `\`${COMMAND} edit <slug>\`, like \`${COMMAND} edit sunset-sail-smith-2026-12-05\``,
  );
  if (!found) return;
  const { slug, booking } = found;
  if (!isEditable(booking.status)) {
    await ack({
      response_type: 'ephemeral',
      ...renderNotice(`\`${slug}\` is ${booking.status}, so it can no longer be edited.`),
    });
    return;
  }
  await ack();
  await openBookingModal({
    client,
    triggerId: command.trigger_id,
    deps,
    booking,
    channelId: command.channel_id,
  });
};
