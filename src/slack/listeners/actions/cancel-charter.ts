/**
 * Cancelling: the root message's "Cancel charter" (Slack's confirm dialog asked already) and the
 * "Yes, cancel it" / "Keep it" answers to `/charter cancel <slug>`. The cancel is a store write only; the
 * pipeline takes the guest page, crew event and calendar entry down.
 */
import { StaleRevisionError } from '../../../errors';
import { parseCancelValue } from '../../blocks/cancel-prompt';
import { renderNotice } from '../../blocks/notice';
import { escapeMrkdwn } from '../../blocks/primitives';
import type { SlackDeps } from '../../deps';
import { logListenerError, userMessageFor } from '../../errors';
import { COMMAND } from '../../ids';
import { type ButtonArgs, buttonValue, tellUser } from './tell-user';

/**
 * Plain text, never Slack markup: the reason is escaped wherever it is shown (thread, root message, crew
 * email), so a `<@U…>` mention in it read as `&lt;@U…&gt;`. Who cancelled is recorded as the actor.
 */
const CANCEL_REASON = 'Cancelled in Slack';

/** The root message's button: cancels the charter as it is now. */
export function cancelFromThread(deps: SlackDeps) {
  return async (args: ButtonArgs): Promise<void> => {
    await args.ack();
    const userId = args.body.user.id;
    try {
      const booking = await deps.store.getBooking(parseCancelValue(buttonValue(args.body)).bookingId);
      if (!booking) {
        await tellUser(args, renderNotice('That charter no longer exists.'));
        return;
      }
      if (booking.status === 'cancelled') {
        await tellUser(args, renderNotice(`*${escapeMrkdwn(booking.title)}* is already cancelled.`));
        return;
      }
      await deps.store.cancelBooking(booking.id, booking.revision, CANCEL_REASON, userId);
      await tellUser(
        args,
        renderNotice(
          `:no_entry: Cancelled *${escapeMrkdwn(booking.title)}*. The thread will show the clean-up.`,
        ),
      );
    } catch (error) {
      logListenerError(deps.logger, error, 'cancel from thread');
      await tellUser(args, renderNotice(userMessageFor(error))).catch(() => undefined);
    }
  };
}

/** "Yes, cancel it" under `/charter cancel`: cancels the revision the person was shown, nothing newer. */
export function confirmCancel(deps: SlackDeps) {
  return async (args: ButtonArgs): Promise<void> => {
    await args.ack();
    const userId = args.body.user.id;
    const { bookingId, revision } = parseCancelValue(buttonValue(args.body));
    try {
      const booking = await deps.store.getBooking(bookingId);
      if (!booking) {
        await args.respond({ replace_original: true, text: 'That charter no longer exists.' });
        return;
      }
      if (booking.status === 'cancelled') {
        await args.respond({ replace_original: true, text: `${booking.title} is already cancelled.` });
        return;
      }
      await deps.store.cancelBooking(booking.id, revision ?? booking.revision, CANCEL_REASON, userId);
      await args.respond({
        replace_original: true,
        ...renderNotice(
          `:no_entry: Cancelled *${escapeMrkdwn(booking.title)}* (\`${booking.slug}\`). Its thread in the ops channel shows the clean-up.`,
        ),
      });
    } catch (error) {
      logListenerError(deps.logger, error, 'confirm cancel');
      const text =
        error instanceof StaleRevisionError
          ? `This charter changed since you asked. Run \`${COMMAND} cancel\` again to see it as it is now.`
          : userMessageFor(error);
      await args.respond({ replace_original: true, text }).catch(() => undefined);
    }
  };
}

export function keepCharter(deps: SlackDeps) {
  return async (args: ButtonArgs): Promise<void> => {
    await args.ack();
    await args
      .respond({ delete_original: true })
      .catch((error: unknown) => logListenerError(deps.logger, error, 'keep charter'));
  };
}
