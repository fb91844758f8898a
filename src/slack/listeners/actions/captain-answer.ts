/**
 * "Confirm" / "Decline" on the root message: only the assigned captain (matched by their roster Slack user
 * id) may answer; anyone else gets a polite private refusal. The answer is recorded with via "slack"; the
 * pipeline carries it to the thread and sets the booking's status.
 */
import { type Answer, captainOf } from '../../../domain';
import { renderNotice } from '../../blocks/notice';
import { escapeMrkdwn } from '../../blocks/primitives';
import type { SlackDeps } from '../../deps';
import { logListenerError, userMessageFor } from '../../errors';
import { type ButtonArgs, buttonValue, tellUser } from './tell-user';

export function captainAnswer(deps: SlackDeps, answer: Answer) {
  return async (args: ButtonArgs): Promise<void> => {
    await args.ack();
    const userId = args.body.user.id;
    try {
      const booking = await deps.store.getBooking(buttonValue(args.body));
      if (!booking) {
        await tellUser(args, renderNotice('That charter no longer exists.'));
        return;
      }
      if (booking.status === 'cancelled' || booking.status === 'completed') {
        await tellUser(
          args,
          renderNotice(`*${escapeMrkdwn(booking.title)}* is ${booking.status}; there is nothing to answer.`),
        );
        return;
      }
      const captain = captainOf(booking);
      const member = captain ? await deps.store.getCrewMember(captain.crewId) : undefined;
      if (!captain || !member?.slackUserId || member.slackUserId !== userId) {
        const who = captain ? `the assigned captain, ${escapeMrkdwn(captain.name)}` : 'the assigned captain';
        const hint =
          captain && !member?.slackUserId
            ? `${escapeMrkdwn(captain.name)} has no Slack account on the roster yet.`
            : undefined;
        await tellUser(
          args,
          renderNotice(`:raised_hand: Sorry — only ${who}, can confirm or decline this charter.`, hint),
        );
        return;
      }
      const { changed } = await deps.store.recordConfirmation({
        bookingId: booking.id,
        crewId: captain.crewId,
        answer,
        at: deps.now().toISOString(),
        via: 'slack',
        revision: booking.revision,
      });
      const text =
        answer === 'confirmed'
          ? `:white_check_mark: Thanks, you confirmed *${escapeMrkdwn(booking.title)}*.`
          : `:x: You declined *${escapeMrkdwn(booking.title)}*. The operator will find another captain.`;
      await tellUser(
        args,
        renderNotice(changed ? text : `You had already ${answer} *${escapeMrkdwn(booking.title)}*.`),
      );
    } catch (error) {
      logListenerError(deps.logger, error, `captain ${answer}`);
      await tellUser(args, renderNotice(userMessageFor(error))).catch(() => undefined);
    }
  };
}
