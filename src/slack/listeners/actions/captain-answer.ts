/**
 * "Confirm" / "Decline…" of the person assigned to a charter, pressed in their direct message, in
 * `/charter mine` or on their App Home (never on the ops channel's messages). Who pressed is the roster
 * member the authorization middleware found by Slack user id (`context.access`); only someone on this
 * charter may answer, only for themselves, and only from the Slack account recorded when they were assigned. Confirm is recorded at once (via "slack"); Decline asks why
 * in a small modal first (views/decline-modal.ts records it). The pipeline carries the answer to the ops
 * thread and the crew board.
 */
import type { Answer, Booking, CrewAssignment } from '../../../domain';
import { accessOf } from '../../auth';
import { buildDeclineModal } from '../../blocks/crew-assignment';
import { renderNotice } from '../../blocks/notice';
import { escapeMrkdwn } from '../../blocks/primitives';
import type { SlackDeps } from '../../deps';
import { logListenerError, userMessageFor } from '../../errors';
import { pressedEphemeral, pressedMessage, redrawDirectMessage, redrawMine } from './answer-in-place';
import { type ButtonArgs, buttonValue, tellUser } from './tell-user';

/**
 * The assignment of the person with this access on the booking, or the sentence saying why they cannot
 * answer. The person is matched by roster id, which the middleware found from their own Slack user id.
 */
export function ownAssignment(
  booking: Booking | undefined,
  crewId: string | undefined,
  userId: string,
): { assignment: CrewAssignment } | { refusal: string } {
  if (!booking) return { refusal: 'That charter no longer exists.' };
  if (booking.status === 'cancelled' || booking.status === 'completed') {
    return { refusal: `*${escapeMrkdwn(booking.title)}* is ${booking.status}; there is nothing to answer.` };
  }
  const assignment = crewId ? booking.crew.find((a) => a.crewId === crewId) : undefined;
  if (!assignment) {
    return {
      refusal: `:raised_hand: Sorry — only the people assigned to *${escapeMrkdwn(booking.title)}* can confirm or decline it, each for themselves.`,
    };
  }
  // The Slack account recorded when they were assigned answers; a roster entry rebound since does not.
  if (assignment.slackUserId && assignment.slackUserId !== userId) {
    return {
      refusal: `:raised_hand: Sorry — your place on *${escapeMrkdwn(booking.title)}* was given to another Slack account. Ask the office.`,
    };
  }
  return { assignment };
}

export async function recordSlackAnswer(
  deps: SlackDeps,
  booking: Booking,
  assignment: CrewAssignment,
  answer: Answer,
  reason?: string,
): Promise<string> {
  const { changed } = await deps.store.recordConfirmation({
    bookingId: booking.id,
    crewId: assignment.crewId,
    answer,
    at: deps.now().toISOString(),
    via: 'slack',
    revision: booking.revision,
    ...(reason ? { reason } : {}),
  });
  const title = escapeMrkdwn(booking.title);
  if (!changed) return `You had already ${answer} *${title}*.`;
  return answer === 'confirmed'
    ? `:white_check_mark: Thanks, you confirmed *${title}*.`
    : `:x: You declined *${title}*. The office will find someone else.`;
}

export function captainAnswer(deps: SlackDeps, answer: Answer) {
  return async (args: ButtonArgs): Promise<void> => {
    await args.ack();
    try {
      const access = accessOf(args.context);
      const booking = await deps.store.getBooking(buttonValue(args.body));
      const found = ownAssignment(booking, access.member?.id, access.userId);
      if ('refusal' in found || !booking) {
        await tellUser(
          args,
          renderNotice('refusal' in found ? found.refusal : 'That charter no longer exists.'),
        );
        return;
      }
      const pressed = pressedMessage(args.body);
      const ephemeral = pressedEphemeral(args.body);
      if (answer === 'declined') {
        const channelId = args.body.channel?.id ?? args.body.container?.channel_id;
        await args.client.views.open({
          trigger_id: args.body.trigger_id,
          view: buildDeclineModal(booking.title, {
            bookingId: booking.id,
            ...(channelId ? { channelId } : {}),
            // The direct message whose Decline… was pressed: redrawn with the answer once it is given.
            ...(pressed ? { messageTs: pressed.ts } : {}),
            // Or the `/charter mine` ephemeral: redrawn through its response_url.
            ...(ephemeral && !pressed ? { responseUrl: ephemeral } : {}),
          }),
        });
        return;
      }
      const said = await recordSlackAnswer(deps, booking, found.assignment, answer);
      // Their direct message: the buttons give way to the answer, where they pressed. A message that cannot
      // be redrawn (deleted meanwhile) gets the private answer instead: the answer is recorded either way.
      const member = access.member;
      const redraw = pressed
        ? redrawDirectMessage(args.client, pressed, booking, found.assignment.crewId, answer, {
            at: deps.now(),
          })
        : ephemeral && member
          ? redrawMine(deps, ephemeral, member, { bookingId: booking.id, at: deps.now() })
          : undefined;
      const redrawn =
        redraw &&
        (await redraw.then(
          () => true,
          (error: unknown) => {
            logListenerError(deps.logger, error, `crew ${answer}: redraw message`);
            return false;
          },
        ));
      if (!redrawn) await tellUser(args, renderNotice(said));
    } catch (error) {
      logListenerError(deps.logger, error, `crew ${answer}`);
      await tellUser(args, renderNotice(userMessageFor(error))).catch(() => undefined);
    }
  };
}

/**
 * "Change" beside an answer in the direct message: brings back Confirm / Decline… in place. Records nothing;
 * the answer stands until they press one of them.
 */
export function changeAnswer(deps: SlackDeps) {
  return async (args: ButtonArgs): Promise<void> => {
    await args.ack();
    try {
      const access = accessOf(args.context);
      const booking = await deps.store.getBooking(buttonValue(args.body));
      const found = ownAssignment(booking, access.member?.id, access.userId);
      const pressed = pressedMessage(args.body);
      const ephemeral = pressedEphemeral(args.body);
      // In `/charter mine`: the whole message again, that charter with its buttons back.
      if (!('refusal' in found) && booking && !pressed && ephemeral && access.member) {
        await redrawMine(deps, ephemeral, access.member);
        return;
      }
      if ('refusal' in found || !booking || !pressed) {
        const refusal = 'refusal' in found ? found.refusal : 'That charter no longer exists.';
        await tellUser(
          args,
          renderNotice(booking && !('refusal' in found) ? 'Nothing to change here.' : refusal),
        );
        return;
      }
      const latest = (await deps.store.listConfirmations(booking.id)).find(
        (c) => c.crewId === found.assignment.crewId,
      );
      await redrawDirectMessage(
        args.client,
        pressed,
        booking,
        found.assignment.crewId,
        latest?.answer ?? 'waiting',
      );
    } catch (error) {
      logListenerError(deps.logger, error, 'change answer');
      await tellUser(args, renderNotice(userMessageFor(error))).catch(() => undefined);
    }
  };
}
