/**
 * The crew lifecycle's buttons in the thread: "Remind again" (records a reminder request the pipeline
 * sends), "Replace…" (opens the replacement picker), "Offer to <name>" (puts the proposed person in the
 * declined or silent person's place) and the captain's "Complete" (opens the completion form). Each only
 * writes the booking: SCC invites, removal notices and reminders are the pipeline's to send.
 */
import { findCandidates, type OfferOutcome, offerPlace } from '../../../crew';
import { type Booking, captainOf, countingAnswers, formatLocalTime, opsView } from '../../../domain';
import { StaleRevisionError } from '../../../errors';
import { buildCompleteModal, buildReplaceModal, parseCrewActionValue } from '../../blocks/follow-up-messages';
import { ROLE_LABEL, userMention } from '../../blocks/format';
import { renderNotice } from '../../blocks/notice';
import { escapeMrkdwn } from '../../blocks/primitives';
import type { SlackDeps } from '../../deps';
import { logListenerError, userMessageFor } from '../../errors';
import { ACTION } from '../../ids';
import { settleButtons } from './answer-in-place';
import { type ButtonArgs, buttonValue, tellUser } from './tell-user';

function closedNotice(booking: Booking): string {
  return `*${escapeMrkdwn(booking.title)}* is ${booking.status}; its crew can no longer change.`;
}

/** "Remind again": one more reminder email to someone who has not answered. */
export function remindAgain(deps: SlackDeps) {
  return async (args: ButtonArgs): Promise<void> => {
    await args.ack();
    const userId = args.body.user.id;
    try {
      const target = parseCrewActionValue(buttonValue(args.body));
      for (let attempt = 0; ; attempt++) {
        const booking = target ? await deps.store.getBooking(target.bookingId) : undefined;
        if (!booking || !target) {
          await tellUser(args, renderNotice('That charter no longer exists.'));
          return;
        }
        if (booking.status === 'cancelled' || booking.status === 'completed') {
          await tellUser(args, renderNotice(closedNotice(booking)));
          return;
        }
        const assignment = booking.crew.find((a) => a.crewId === target.crewId);
        if (!assignment) {
          await tellUser(args, renderNotice('That person is no longer on this charter.'));
          return;
        }
        const name = escapeMrkdwn(assignment.name);
        const [confirmations, history] = await Promise.all([
          deps.store.listConfirmations(booking.id),
          deps.store.listHistory(booking.id),
        ]);
        const answer = countingAnswers(booking, confirmations, history).get(assignment.crewId);
        if (answer) {
          await tellUser(args, renderNotice(`${name} has answered meanwhile: ${answer.answer}.`));
          return;
        }
        // A double click (or a second person pressing it) within two minutes asks once.
        const first =
          attempt > 0 ||
          (await deps.store.claimOnce(`slack:remind-again:${booking.id}:${assignment.crewId}`, 120));
        if (!first) {
          await tellUser(args, renderNotice(`Already asked — a reminder to ${name} is on its way.`));
          return;
        }
        try {
          await deps.store.requestCrewReminder(booking.id, booking.revision, assignment.crewId, userId);
        } catch (error) {
          if (error instanceof StaleRevisionError && attempt < 2) continue;
          throw error;
        }
        const when = formatLocalTime(deps.now(), booking.schedule.timeZone);
        const settled = await settleButtons(
          args.client,
          args.body,
          `:bell: Reminder asked for by ${userMention(userId)} · ${when}`,
          ACTION.remindAgain,
        );
        if (!settled) {
          await tellUser(
            args,
            renderNotice(`:bell: ${name} gets another reminder email. The thread says when it is out.`),
          );
        }
        return;
      }
    } catch (error) {
      logListenerError(deps.logger, error, 'remind again');
      await tellUser(args, renderNotice(userMessageFor(error))).catch(() => undefined);
    }
  };
}

/** "Replace…": the picker of everyone who may take the place. */
export function replaceCrew(deps: SlackDeps) {
  return async (args: ButtonArgs): Promise<void> => {
    await args.ack();
    try {
      const target = parseCrewActionValue(buttonValue(args.body));
      const booking = target ? await deps.store.getBooking(target.bookingId) : undefined;
      if (!booking || !target) {
        await tellUser(args, renderNotice('That charter no longer exists.'));
        return;
      }
      if (booking.status === 'cancelled' || booking.status === 'completed') {
        await tellUser(args, renderNotice(closedNotice(booking)));
        return;
      }
      const found = await findCandidates(deps.store, deps.timeOff, booking, target.crewId);
      if (!found) {
        await tellUser(args, renderNotice('That person is no longer on this charter.'));
        return;
      }
      const { assignment } = found;
      const channelId = args.body.channel?.id ?? args.body.container?.channel_id;
      await args.client.views.open({
        trigger_id: args.body.trigger_id,
        view: buildReplaceModal({
          view: opsView(booking),
          crew: { crewId: assignment.crewId, name: assignment.name, role: assignment.role },
          candidates: found.ranked,
          metadata: {
            bookingId: booking.id,
            crewId: assignment.crewId,
            revision: booking.revision,
            ...(channelId ? { channelId } : {}),
          },
        }),
      });
    } catch (error) {
      logListenerError(deps.logger, error, 'replace crew');
      await tellUser(args, renderNotice(userMessageFor(error))).catch(() => undefined);
    }
  };
}

/** What to tell the person who offered a place. */
export function describeOffer(outcome: OfferOutcome): string {
  switch (outcome.kind) {
    case 'offered': {
      const role = ROLE_LABEL[outcome.replaced.role].toLowerCase();
      return `:handshake: Offered ${escapeMrkdwn(outcome.member.name)} the ${role} place on *${escapeMrkdwn(outcome.booking.title)}* instead of ${escapeMrkdwn(outcome.replaced.name)}. They get the invite now; the crew board follows their answer.`;
    }
    case 'missing':
      return 'That charter no longer exists.';
    case 'closed':
      return closedNotice(outcome.booking);
    case 'gone':
      return 'That person is no longer on this charter: someone has replaced them already.';
    case 'confirmed':
      return `${escapeMrkdwn(outcome.assignment.name)} has confirmed meanwhile, so their place is not free. Nothing changed.`;
    case 'unavailable':
      return 'That person can no longer take the place (they are busy or away then, declined it, or left the roster). Press *Replace…* to see who can.';
  }
}

/** "🤝 Offered to Sam Lee by @ana · 2:05 PM PST": the line that replaces a reply's buttons. */
export function offeredLine(
  outcome: Extract<OfferOutcome, { kind: 'offered' }>,
  userId: string,
  at: Date,
): string {
  const when = formatLocalTime(at, outcome.booking.schedule.timeZone);
  return `:handshake: Offered to ${escapeMrkdwn(outcome.member.name)} by ${userMention(userId)} · ${when}`;
}

/** "Offer to <name>": one click puts the proposed person in the place. */
export function offerPlaceButton(deps: SlackDeps) {
  return async (args: ButtonArgs): Promise<void> => {
    await args.ack();
    const userId = args.body.user.id;
    try {
      const target = parseCrewActionValue(buttonValue(args.body));
      if (!target?.candidateId) {
        await tellUser(args, renderNotice('That offer is not valid any more. Press *Replace…* instead.'));
        return;
      }
      // A double click offers once: the second finds the person already replaced.
      const outcome = await offerPlace(deps.store, deps.timeOff, {
        bookingId: target.bookingId,
        crewId: target.crewId,
        candidateId: target.candidateId,
        actor: userId,
      });
      // Offered (or already taken): the reply's buttons give way to what happened, where they were pressed.
      const settled =
        outcome.kind === 'offered'
          ? await settleButtons(args.client, args.body, offeredLine(outcome, userId, deps.now()))
          : outcome.kind === 'gone'
            ? await settleButtons(args.client, args.body, ':handshake: Someone has taken this place already.')
            : false;
      if (!settled) await tellUser(args, renderNotice(describeOffer(outcome)));
    } catch (error) {
      logListenerError(deps.logger, error, 'offer place');
      await tellUser(args, renderNotice(userMessageFor(error))).catch(() => undefined);
    }
  };
}

/**
 * Why the person may not complete the charter, or undefined when they may: only its captain (by their roster
 * Slack id), only once it is confirmed, and not before it starts.
 */
export async function completeRefusal(
  deps: SlackDeps,
  booking: Booking,
  userId: string,
): Promise<string | undefined> {
  const title = escapeMrkdwn(booking.title);
  if (booking.status === 'completed') return `*${title}* is already completed.`;
  if (booking.status === 'cancelled') return `*${title}* was cancelled; there is nothing to complete.`;
  const captain = captainOf(booking);
  const member = captain ? await deps.store.getCrewMember(captain.crewId) : undefined;
  // The Slack account recorded when the captain was assigned, else (older bookings) the roster's.
  const answering = captain?.slackUserId ?? member?.slackUserId;
  if (!captain || !answering || answering !== userId) {
    const who = captain ? `the captain, ${escapeMrkdwn(captain.name)}` : 'the captain';
    return `:raised_hand: Sorry — only ${who}, can complete this charter.`;
  }
  if (booking.status !== 'confirmed') {
    return `*${title}* is not confirmed yet: press *Confirm* in your direct message first, then *Complete*.`;
  }
  if (deps.now() < new Date(booking.startsAt)) {
    return `*${title}* has not set sail yet: complete it once it is back in port.`;
  }
  return undefined;
}

/** The captain's "Complete": the head count and note form. */
export function completeCharter(deps: SlackDeps) {
  return async (args: ButtonArgs): Promise<void> => {
    await args.ack();
    try {
      const booking = await deps.store.getBooking(buttonValue(args.body));
      if (!booking) {
        await tellUser(args, renderNotice('That charter no longer exists.'));
        return;
      }
      const refusal = await completeRefusal(deps, booking, args.body.user.id);
      if (refusal) {
        await tellUser(args, renderNotice(refusal));
        return;
      }
      const channelId = args.body.channel?.id ?? args.body.container?.channel_id;
      await args.client.views.open({
        trigger_id: args.body.trigger_id,
        view: buildCompleteModal({
          view: opsView(booking),
          metadata: { bookingId: booking.id, ...(channelId ? { channelId } : {}) },
        }),
      });
    } catch (error) {
      logListenerError(deps.logger, error, 'complete charter');
      await tellUser(args, renderNotice(userMessageFor(error))).catch(() => undefined);
    }
  };
}
