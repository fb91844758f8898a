/** `/charter cancel <slug>`: asks first (an ephemeral question with a confirm dialog); the buttons cancel. */
import { opsView } from '../../../domain';
import { renderCancelPrompt } from '../../blocks/cancel-prompt';
import { renderNotice } from '../../blocks/notice';
import { findCharter, parseSlugArgument } from '../../charters';
import { COMMAND } from '../../ids';
import type { Subcommand } from './charter';
import { notFound } from './charter-new';

export const cancelCharterCommand: Subcommand = async ({ ack }, rest, deps) => {
  const slug = parseSlugArgument(rest[0]);
  if (!slug) {
    await ack({
      response_type: 'ephemeral',
      ...renderNotice(
        `Which charter? Use \`${COMMAND} cancel <slug>\`.`,
        `\`${COMMAND} list\` shows the slugs.`,
      ),
    });
    return;
  }
  const booking = await findCharter(deps, slug);
  if (!booking) {
    await ack({ response_type: 'ephemeral', ...notFound(slug) });
    return;
  }
  if (booking.status === 'cancelled' || booking.status === 'completed') {
    await ack({ response_type: 'ephemeral', ...renderNotice(`\`${slug}\` is already ${booking.status}.`) });
    return;
  }
  await ack({ response_type: 'ephemeral', ...renderCancelPrompt(opsView(booking)) });
};
