/**
 * What one crew member sees of their own assignment in Slack: the captain's direct message (asked to
 * confirm, asked again after a change, asked to complete), `/charter mine`, and their App Home schedule.
 * Crew-facing: takes CrewView only (when, boat, meeting point, their role and own pay, the checklist), so
 * the price, costs, margin, other people's rates, guest contact details and internal notes cannot reach it.
 */
import type { KnownBlock, ModalView } from '@slack/types';
import {
  type Answer,
  type CrewView,
  formatCents,
  formatDuration,
  formatLocalDate,
  formatLocalTime,
} from '../../domain';
import type { YourPay } from '../../reports';
import { ACTION, CALLBACK, LIFECYCLE_BLOCK, LIFECYCLE_INPUT } from '../ids';
import { ROLE_LABEL } from './format';
import {
  actions,
  button,
  context,
  divider,
  escapeMrkdwn,
  fields,
  header,
  LIMIT,
  message,
  plain,
  type SlackMessage,
  section,
  truncate,
} from './primitives';

export type CrewAnswer = Answer | 'waiting';

export interface Assignment {
  view: CrewView;
  answer: CrewAnswer;
  reason?: string;
  /**
   * The answer was just given by pressing this message's own button: the buttons give way to "Confirmed by
   * Ana · 2:02 PM PST" and a *Change* button that brings them back (the message is updated in place).
   */
  answeredAt?: Date;
}

const ANSWER_LINE: Readonly<Record<CrewAnswer, string>> = {
  waiting: ':hourglass_flowing_sand: Waiting for your answer.',
  confirmed: ':white_check_mark: You confirmed.',
  declined: ':x: You declined.',
};

/** "Saturday, December 5, 2026 · 4:00 PM PST – 7:00 PM PST (3 hours)" in the charter's own zone. */
export function crewWhen(
  view: Pick<CrewView, 'startsAt' | 'endsAt' | 'timeZone' | 'durationMinutes'>,
): string {
  const start = new Date(view.startsAt);
  const end = new Date(view.endsAt);
  return `${formatLocalDate(start, view.timeZone)} · ${formatLocalTime(start, view.timeZone)} – ${formatLocalTime(end, view.timeZone)} (${formatDuration(view.durationMinutes)})`;
}

function answerButtons(view: CrewView, answer: CrewAnswer): KnownBlock[] {
  if (view.status === 'cancelled' || view.status === 'completed') return [];
  return [
    actions([
      button(answer === 'confirmed' ? 'Still confirmed' : 'Confirm', ACTION.captainConfirm, view.bookingId, {
        style: 'primary',
      }),
      button('Decline…', ACTION.captainDecline, view.bookingId, { style: 'danger' }),
    ]),
  ];
}

const ANSWERED: Readonly<Record<Answer, string>> = {
  confirmed: ':white_check_mark: Confirmed',
  declined: ':x: Declined',
};

/** "✅ Confirmed by Ana · 2:02 PM PST" and *Change*: the answer, where the buttons were. */
function answeredBlock(view: CrewView, answer: Answer, at: Date, reason?: string): KnownBlock {
  const why = reason ? ` — “${escapeMrkdwn(truncate(reason, 200))}”` : '';
  return {
    type: 'section',
    text: {
      type: 'mrkdwn',
      text: `${ANSWERED[answer]} by ${escapeMrkdwn(view.you.firstName)} · ${formatLocalTime(at, view.timeZone)}${why}`,
    },
    accessory: button('Change', ACTION.captainChange, view.bookingId),
  };
}

/** An answer just given where the buttons were: "✅ Confirmed by Ana · 2:02 PM PST" and *Change*. */
function justAnswered(item: Assignment): KnownBlock[] | undefined {
  const { view } = item;
  return item.answeredAt && item.answer !== 'waiting' && view.status !== 'cancelled'
    ? [answeredBlock(view, item.answer, item.answeredAt, item.reason)]
    : undefined;
}

/** One assignment's facts (no buttons): about 3 blocks. */
function assignmentBlocks(item: Assignment, withChecklist: boolean): KnownBlock[] {
  const { view } = item;
  const blocks: KnownBlock[] = [
    section(`*${escapeMrkdwn(view.title)}*\n${crewWhen(view)}`),
    fields([
      `*Boat*\n${escapeMrkdwn(view.boatName)}`,
      `*Meeting point*\n${escapeMrkdwn(view.meetingPoint)}`,
      `*Your role*\n${ROLE_LABEL[view.you.role]}`,
      `*Your pay*\n${formatCents(view.you.payCents)} (${view.you.payBasis === 'captain-fee' ? 'captain fee' : `${formatCents(view.you.hourlyRateCents)}/h`})`,
    ]),
  ];
  if (withChecklist && view.checklist.length > 0) {
    const list = view.checklist.map((line) => `• ${escapeMrkdwn(line)}`).join('\n');
    blocks.push(section(truncate(`*Your checklist*\n${list}`, LIMIT.sectionText)));
  }
  // An answer just given is said where the buttons were (answeredBlock), not twice.
  if (item.answeredAt && item.answer !== 'waiting' && view.status !== 'cancelled') return blocks;
  const reason = item.reason ? ` “${escapeMrkdwn(truncate(item.reason, 200))}”` : '';
  const status =
    view.status === 'cancelled'
      ? ':no_entry: This charter is cancelled.'
      : `${ANSWER_LINE[item.answer]}${reason}`;
  blocks.push(context([status]));
  return blocks;
}

export type DirectMessageKind = 'asked' | 'asked-again' | 'complete';

/**
 * The direct message to a captain: asked to confirm (on assignment), asked again (after a change of time,
 * boat or crew), or asked to complete the charter after it (head count and a note).
 */
export function renderCrewDirectMessage(item: Assignment, kind: DirectMessageKind): SlackMessage {
  const { view } = item;
  const role = ROLE_LABEL[view.you.role].toLowerCase();
  const intro =
    kind === 'complete'
      ? `:checkered_flag: *${escapeMrkdwn(view.title)}* should be back in port. Press *Complete* to record how many were aboard and a short note.`
      : kind === 'asked-again'
        ? `:bell: *${escapeMrkdwn(view.title)}* changed. Can you still ${view.you.role === 'captain' ? 'captain it' : 'make it'}?`
        : `:anchor: You are the ${role} of *${escapeMrkdwn(view.title)}*. Can you make it?`;
  const answered = kind !== 'complete' ? justAnswered(item) : undefined;
  const buttons =
    kind === 'complete'
      ? [actions([button('Complete', ACTION.completeCharter, view.bookingId, { style: 'primary' })])]
      : (answered ?? answerButtons(view, item.answer));
  const blocks: KnownBlock[] = [section(intro), ...assignmentBlocks(item, kind !== 'complete'), ...buttons];
  const fallback = `${kind === 'complete' ? 'Complete' : 'Your answer, please'}: ${escapeMrkdwn(view.title)} — ${crewWhen(view)} on ${escapeMrkdwn(view.boatName)}`;
  return message(fallback, blocks);
}

/** How many assignments one answer lists (each is about 5 blocks; a message holds at most 50). */
export const MINE_LIMIT = 8;

/** `/charter mine`: the person's upcoming assignments, soonest first, each with their answer and buttons. */
/** Lines of "your pay this period" shown in Slack; the rest is summed and counted. */
const PAY_LINES = 10;

const MONTHS_LONG = new Intl.DateTimeFormat('en-US', { month: 'long', year: 'numeric', timeZone: 'UTC' });

/**
 * "Your pay in December 2026: $1,234.00 for 5 charters (15 hours)" and a line per charter: built from the
 * person's own YourPay (their crew views only), so nobody else's rate or any charter money can reach it.
 */
export function yourPayBlocks(pay: YourPay): KnownBlock[] {
  const [y, m] = pay.period.from.split('-').map(Number) as [number, number];
  const label = pay.period.from.endsWith('-01')
    ? MONTHS_LONG.format(new Date(Date.UTC(y, m - 1, 1)))
    : `${pay.period.from} – ${pay.period.to}`;
  if (pay.lines.length === 0) return [context([`*Your pay in ${label}:* no charters yet.`])];
  const hours = (pay.minutes / 60).toFixed(pay.minutes % 60 === 0 ? 0 : 2);
  const count = `${pay.lines.length} charter${pay.lines.length === 1 ? '' : 's'}`;
  const lines = pay.lines
    .slice(0, PAY_LINES)
    .map(
      (l) =>
        `• ${l.date} ${escapeMrkdwn(truncate(l.title, 80))} · ${ROLE_LABEL[l.role].toLowerCase()} · ${formatCents(l.payCents)}`,
    );
  if (pay.lines.length > PAY_LINES) lines.push(`…and ${pay.lines.length - PAY_LINES} more`);
  return [
    section(`*Your pay in ${label}:* ${formatCents(pay.totalCents)} for ${count} (${hours} hours)`),
    context([lines.join('\n')]),
  ];
}

export function renderMine(items: readonly Assignment[], name: string, pay?: YourPay): SlackMessage {
  const payBlocks = pay ? [divider(), ...yourPayBlocks(pay)] : [];
  if (items.length === 0) {
    const text = `No upcoming charters for you, ${escapeMrkdwn(name)}. When the office assigns you one, it shows up here.`;
    return message(text, [section(text), ...payBlocks]);
  }
  const shown = items.slice(0, MINE_LIMIT);
  const blocks: KnownBlock[] = [header('Your upcoming charters')];
  shown.forEach((item, i) => {
    if (i > 0) blocks.push(divider());
    // The one just answered from this very message says so where its buttons were, as a direct message does.
    blocks.push(
      ...assignmentBlocks(item, false),
      ...(justAnswered(item) ?? answerButtons(item.view, item.answer)),
    );
  });
  if (items.length > shown.length) {
    blocks.push(context([`And ${items.length - shown.length} more later on.`]));
  }
  blocks.push(...payBlocks);
  const text = `Your upcoming charters: ${shown.map((i) => escapeMrkdwn(i.view.title)).join(', ')}`;
  return message(truncate(text, LIMIT.fallbackText), blocks);
}

/** The App Home of someone on the roster who is not an operator: their own schedule, nothing else. */
export function renderCrewHome(
  items: readonly Assignment[],
  name: string,
): { type: 'home'; blocks: KnownBlock[] } {
  const mine = renderMine(items, name);
  const blocks: KnownBlock[] = [
    ...(items.length === 0 ? [header('Your charters')] : []),
    ...mine.blocks,
    context(['Confirm or decline here, in your direct messages, or from the link in your email.']),
  ];
  return { type: 'home', blocks };
}

/** The App Home of someone neither operator nor on the roster: nothing about any charter. */
export function renderStrangerHome(): { type: 'home'; blocks: KnownBlock[] } {
  return {
    type: 'home',
    blocks: [
      header('Charter Ops'),
      section(
        'This app runs the charter business’s bookings. Nothing here is for you yet: ask the office if you should be on the crew roster.',
      ),
    ],
  };
}

export interface DeclineModalMetadata {
  bookingId: string;
  channelId?: string;
  /** The direct message whose Decline… was pressed (in channelId): redrawn with the answer. */
  messageTs?: string;
  /**
   * The `/charter mine` ephemeral whose Decline… was pressed: an ephemeral message cannot be updated with
   * chat.update, only through its response_url (replace_original), so that URL rides along to the submission.
   */
  responseUrl?: string;
}

/** "Decline…": why they can't make it, so the office can plan. */
export function buildDeclineModal(title: string, metadata: DeclineModalMetadata): ModalView {
  return {
    type: 'modal',
    callback_id: CALLBACK.declineModal,
    title: plain('Decline charter', LIMIT.modalTitle),
    submit: plain('Decline', LIMIT.modalTitle),
    close: plain('Go back', LIMIT.modalTitle),
    private_metadata: JSON.stringify(metadata),
    blocks: [
      section(`You can’t make *${escapeMrkdwn(title)}*? The office will find someone else.`),
      {
        type: 'input',
        block_id: LIFECYCLE_BLOCK.declineReason,
        label: plain('Reason'),
        optional: true,
        hint: plain('For the office only, like “family emergency”.'),
        element: {
          type: 'plain_text_input',
          action_id: LIFECYCLE_INPUT.declineReason,
          max_length: 300,
        },
      },
    ],
  };
}
