/** `/charter cancel <slug>`: asks first (an ephemeral question with a confirm dialog); the buttons cancel. */
import { opsView } from '../../../domain';
import { renderCancelPrompt } from '../../blocks/cancel-prompt';
import { renderNotice } from '../../blocks/notice';
import { COMMAND } from '../../ids';
import { charterFromArgument } from './charter-argument';
import type { Subcommand } from './subcommand';

export const cancelCharterCommand: Subcommand = async ({ ack }, rest, deps) => {
  const found = await charterFromArgument(ack, rest[0], deps, `\`${COMMAND} cancel <slug>\``);
  if (!found) return;
  const { slug, booking } = found;
  if (booking.status === 'cancelled' || booking.status === 'completed') {
    await ack({ response_type: 'ephemeral', ...renderNotice(`\`${slug}\` is already ${booking.status}.`) });
    return;
  }
  await ack({ response_type: 'ephemeral', ...renderCancelPrompt(opsView(booking)) });
};
