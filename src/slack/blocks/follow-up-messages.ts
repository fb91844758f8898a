/**
 * The crew lifecycle in the ops thread and around it: reminders sent, answer deadlines passed (with "Remind
 * again", "Replace…" and "Offer to <name>"), the day-before roster, the post-charter prompt (the captain's
 * "Complete"), the completion itself, the "Replace…" and "Complete" modals, and `/charter history`.
 * Ops-only: shown in the ops channel or to the person who asked, never to crew or guests (history lines may
 * name prices).
 */
import type { Button, KnownBlock, ModalView, PlainTextElement, PlainTextOption } from '@slack/types';
import {
  type Confirmation,
  describeEntry,
  formatAwayRange,
  formatLocalDate,
  formatLocalTime,
  type HistoryEntry,
  isFree,
  type OpsView,
  type RankedCandidate,
  type Role,
} from '../../domain';
import { ACTION, CALLBACK, LIFECYCLE_BLOCK, LIFECYCLE_INPUT } from '../ids';
import { charterLabel, money, ROLE_LABEL, userMention } from './format';
import {
  actions,
  button,
  confirmDialog,
  context,
  escapeMrkdwn,
  header,
  LIMIT,
  message,
  option,
  plain,
  type SlackMessage,
  section,
  truncate,
  withSuffix,
} from './primitives';

export interface CrewRef {
  crewId: string;
  name: string;
  role: Role;
  slackUserId?: string;
}

export interface CandidateRef {
  crewId: string;
  name: string;
}

/** Button values: `bookingId|crewId` and `bookingId|crewId|candidateId` (ids never contain `|`). */
export function crewActionValue(bookingId: string, crewId: string, candidateId?: string): string {
  return [bookingId, crewId, ...(candidateId ? [candidateId] : [])].join('|');
}

export function parseCrewActionValue(
  value: string,
): { bookingId: string; crewId: string; candidateId?: string } | undefined {
  const [bookingId, crewId, candidateId, extra] = value.split('|');
  if (!bookingId || !crewId || extra !== undefined) return undefined;
  return { bookingId, crewId, ...(candidateId ? { candidateId } : {}) };
}

function who(crew: CrewRef): string {
  const mention = crew.slackUserId ? ` (${userMention(crew.slackUserId)})` : '';
  return `${ROLE_LABEL[crew.role]} ${escapeMrkdwn(crew.name)}${mention}`;
}

/** "Thu, Dec 3 · 4:00 PM PST" in the charter's zone. */
export function shortWhen(instant: Date, timeZone: string): string {
  const day = new Intl.DateTimeFormat('en-US', {
    timeZone,
    weekday: 'short',
    month: 'short',
    day: 'numeric',
  }).format(instant);
  return `${day} · ${formatLocalTime(instant, timeZone)}`;
}

function replacementButtons(
  bookingId: string,
  crew: CrewRef,
  candidate: CandidateRef | undefined,
  extra: Button[] = [],
): KnownBlock {
  const buttons: Button[] = [...extra];
  if (candidate) {
    buttons.push(
      button(
        `Offer to ${candidate.name}`,
        ACTION.offerPlace,
        crewActionValue(bookingId, crew.crewId, candidate.crewId),
        {
          style: 'primary',
          confirm: confirmDialog(
            `Offer the place to ${truncate(candidate.name, 60)}?`,
            `${escapeMrkdwn(candidate.name)} takes ${escapeMrkdwn(crew.name)}’s place as ${ROLE_LABEL[crew.role].toLowerCase()}: they get the invite, and ${escapeMrkdwn(crew.name)} is told they are off this charter.`,
            'Offer',
            'Not yet',
          ),
        },
      ),
    );
  }
  buttons.push(button('Replace…', ACTION.replaceCrew, crewActionValue(bookingId, crew.crewId)));
  return actions(buttons);
}

function candidateLine(crew: CrewRef, candidate: CandidateRef | undefined): string {
  return candidate
    ? `Next free ${ROLE_LABEL[crew.role].toLowerCase()} on the roster: *${escapeMrkdwn(candidate.name)}*.`
    : `Nobody else on the roster is free as ${ROLE_LABEL[crew.role].toLowerCase()} at that time: use *Replace…* to pick someone, or add people with \`/charter crew add\`.`;
}

/** An answer reminder went out (by the timer, or because someone pressed "Remind again"). */
export function renderReminderSent(input: {
  bookingId: string;
  crew: CrewRef;
  answerBy?: Date;
  timeZone: string;
  askedBy?: string;
}): SlackMessage {
  const due = input.answerBy ? ` Their answer is due ${shortWhen(input.answerBy, input.timeZone)}.` : '';
  const text = input.askedBy
    ? `:bell: Reminded ${who(input.crew)} again, as ${userMention(input.askedBy)} asked.${due}`
    : `:bell: ${who(input.crew)} has not answered yet: emailed them a reminder.${due}`;
  return message(text, [section(text)]);
}

/** The answer deadline passed without an answer: say who, and offer what to do. */
export function renderDeadlinePassed(input: {
  bookingId: string;
  crew: CrewRef;
  candidate?: CandidateRef;
}): SlackMessage {
  const text = `:alarm_clock: Answer deadline passed: ${who(input.crew)} has not answered.`;
  const remind = button(
    'Remind again',
    ACTION.remindAgain,
    crewActionValue(input.bookingId, input.crew.crewId),
  );
  return message(text, [
    section(`${text}\n${candidateLine(input.crew, input.candidate)}`),
    replacementButtons(input.bookingId, input.crew, input.candidate, [remind]),
  ]);
}

/**
 * Someone's invitation bounced or was reported as spam after they were asked: they cannot answer, so their
 * answer deadline is now. Propose who takes the place (no "Remind again": it would go to the same address).
 */
export function renderUnreachable(input: {
  bookingId: string;
  crew: CrewRef;
  mail: { kind: 'bounced' | 'complained'; problem: string };
  candidate?: CandidateRef;
}): SlackMessage {
  const why =
    input.mail.kind === 'bounced'
      ? `their invitation bounced (${escapeMrkdwn(truncate(input.mail.problem, 200))})`
      : 'they marked our email as spam';
  const text = `:mailbox_with_no_mail: ${who(input.crew)} cannot answer: ${why}. Their answer deadline is now — who takes the place?`;
  return message(text, [
    section(`${text}\n${candidateLine(input.crew, input.candidate)}`),
    replacementButtons(input.bookingId, input.crew, input.candidate),
  ]);
}

/** Someone declined: propose who takes their place. */
export function renderDeclineProposal(input: {
  bookingId: string;
  crew: CrewRef;
  reason?: string;
  candidate?: CandidateRef;
}): SlackMessage {
  const reason = input.reason ? ` (“${escapeMrkdwn(truncate(input.reason, 200))}”)` : '';
  const text = `:arrows_counterclockwise: ${who(input.crew)} can’t make it${reason}. Who takes the place?`;
  return message(text, [
    section(`${text}\n${candidateLine(input.crew, input.candidate)}`),
    replacementButtons(input.bookingId, input.crew, input.candidate),
  ]);
}

/** The day-before roster went out. */
export function renderRosterSent(input: {
  sentTo: readonly CrewRef[];
  notConfirmed: readonly CrewRef[];
}): SlackMessage {
  const names = (list: readonly CrewRef[]) => list.map((c) => escapeMrkdwn(c.name)).join(', ');
  const sent =
    input.sentTo.length > 0
      ? `:clipboard: Day-before roster emailed to ${names(input.sentTo)}.`
      : ':clipboard: Day-before roster: nobody has confirmed, so no roster went out.';
  const waiting =
    input.notConfirmed.length > 0 ? ` Not confirmed (no roster): ${names(input.notConfirmed)}.` : '';
  const text = `${sent}${waiting}`;
  return message(text, [section(text)]);
}

/** After the charter: the thread says the captain was asked (the Complete button is in their DM). */
export function renderPostCharterPrompt(input: {
  bookingId: string;
  title: string;
  captain?: CrewRef;
}): SlackMessage {
  const captain = input.captain ? who(input.captain) : 'The captain';
  const text = `:checkered_flag: *${escapeMrkdwn(input.title)}* should be back in port. ${captain} has been asked (in a direct message) to complete it with the head count and a short note; the crew’s photos then go onto the guest page.`;
  return message(text, [section(text)]);
}

export interface Completion {
  headCount: number;
  note: string;
  at: string;
  by: string;
}

/** The captain completed the charter. */
export function renderCompleted(input: { completion: Completion; guestPageUrl: string }): SlackMessage {
  const { completion } = input;
  const note = completion.note ? ` “${escapeMrkdwn(truncate(completion.note, 500))}”` : '';
  const text = `:checkered_flag: Completed by ${userMention(completion.by)}: ${completion.headCount} aboard.${note} The guest page now thanks the guests and shows the crew’s photos: <${input.guestPageUrl}|open>.`;
  return message(text, [section(text)]);
}

// ── modals ──────────────────────────────────────────────────────────────────

export interface ReplaceModalMetadata {
  bookingId: string;
  crewId: string;
  revision: number;
  channelId?: string;
}

/** Groups of the *Replace…* picker, in rank order (domain rankCandidates). */
function replaceGroupLabel(c: RankedCandidate, roleLabel: string): string {
  if (isFree(c)) return c.sameRole ? `Free, usually ${roleLabel}` : 'Free, other roles';
  return 'Busy or away then';
}

/** "Dana Lee · Crew · $25.00/h" (the name gives way first, so role and rate always fit in 75). */
export function replaceOptionText(c: RankedCandidate): string {
  const suffix = ` · ${ROLE_LABEL[c.member.defaultRole]} · ${money(c.member.defaultHourlyRateCents)}/h`;
  return withSuffix(c.member.name, suffix, LIMIT.optionText);
}

/** Why they are (not) the obvious pick: "Free then", "On Harbor Cruise then", "Away Dec 20–27". */
export function replaceOptionDescription(c: RankedCandidate): string {
  if (c.away) return `Away ${formatAwayRange(c.away)}`;
  if (c.busyWith) return `On ${c.busyWith.title} then`;
  return 'Free then';
}

/**
 * *Replace…*: everyone who could take the place (the booking form lets anyone fill any role), each with their
 * role and roster rate, in option groups by rank: free people of the role, free people of other roles, then
 * those busy or away then (an operator may still choose them; the option says why they are last). Within
 * Slack's limits: 100 options a group, 100 groups, 75 characters a text.
 */
export function buildReplaceModal(input: {
  view: Pick<OpsView, 'title' | 'slug'>;
  crew: CrewRef;
  candidates: readonly RankedCandidate[];
  metadata: ReplaceModalMetadata;
}): ModalView {
  const { crew } = input;
  const roleLabel = ROLE_LABEL[crew.role].toLowerCase();
  const intro = section(
    `Who takes ${escapeMrkdwn(crew.name)}’s place as ${roleLabel} on ${charterLabel(input.view)}? They get the invite; ${escapeMrkdwn(crew.name)} is told they are off this charter.`,
  );
  if (input.candidates.length === 0) {
    return {
      type: 'modal',
      title: plain('Replace crew', LIMIT.modalTitle),
      close: plain('Close', LIMIT.modalTitle),
      blocks: [
        intro,
        section(
          ':warning: Nobody else on the roster can take the place (everyone is on it or declined it). Add someone with `/charter crew add`, then try again.',
        ),
      ],
    };
  }
  const groups: { label: PlainTextElement; options: PlainTextOption[] }[] = [];
  let current: { label: string; options: PlainTextOption[] } | undefined;
  for (const c of input.candidates) {
    const label = replaceGroupLabel(c, roleLabel);
    if (!current || current.label !== label || current.options.length === REPLACE_GROUP_MAX) {
      if (groups.length === REPLACE_GROUP_MAX) break;
      const part = current?.label === label ? ' (more)' : '';
      current = { label, options: [] };
      groups.push({ label: plain(`${label}${part}`, LIMIT.optionText), options: current.options });
    }
    current.options.push(option(replaceOptionText(c), c.member.id, replaceOptionDescription(c)));
  }
  const first = input.candidates[0];
  const preselect = first?.sameRole && isFree(first) ? groups[0]?.options[0] : undefined;
  return {
    type: 'modal',
    callback_id: CALLBACK.replaceCrewModal,
    title: plain('Replace crew', LIMIT.modalTitle),
    submit: plain('Offer the place', LIMIT.modalTitle),
    close: plain('Cancel', LIMIT.modalTitle),
    private_metadata: JSON.stringify(input.metadata),
    blocks: [
      intro,
      {
        type: 'input',
        block_id: LIFECYCLE_BLOCK.candidate,
        label: plain(`New ${roleLabel}`),
        hint: plain(
          `Free people who usually sail as ${roleLabel} first, then others. Anyone busy or away then is listed last and says why.`,
        ),
        element: {
          type: 'static_select',
          action_id: LIFECYCLE_INPUT.candidate,
          placeholder: plain('Choose someone', 150),
          ...(groups.length === 1 && groups[0] ? { options: groups[0].options } : { option_groups: groups }),
          ...(preselect ? { initial_option: preselect } : {}),
        },
      },
    ],
  };
}

/** Slack: at most 100 options in a group and 100 groups in a select. */
const REPLACE_GROUP_MAX = 100;

export interface CompleteModalMetadata {
  bookingId: string;
  channelId?: string;
}

export function buildCompleteModal(input: {
  view: Pick<OpsView, 'title' | 'slug' | 'guest'>;
  metadata: CompleteModalMetadata;
}): ModalView {
  return {
    type: 'modal',
    callback_id: CALLBACK.completeModal,
    title: plain('Complete charter', LIMIT.modalTitle),
    submit: plain('Complete', LIMIT.modalTitle),
    close: plain('Cancel', LIMIT.modalTitle),
    private_metadata: JSON.stringify(input.metadata),
    blocks: [
      section(`How did ${charterLabel(input.view)} go?`),
      {
        type: 'input',
        block_id: LIFECYCLE_BLOCK.headCount,
        label: plain('Guests aboard'),
        hint: plain(`Booked for ${input.view.guest.partySize}.`),
        element: {
          type: 'number_input',
          action_id: LIFECYCLE_INPUT.headCount,
          is_decimal_allowed: false,
          min_value: '0',
          max_value: '500',
          initial_value: String(input.view.guest.partySize),
        },
      },
      {
        type: 'input',
        block_id: LIFECYCLE_BLOCK.note,
        label: plain('Short note'),
        optional: true,
        hint: plain('For the office: weather, anything broken, anything to follow up.'),
        element: {
          type: 'plain_text_input',
          action_id: LIFECYCLE_INPUT.note,
          multiline: true,
          max_length: 500,
        },
      },
    ],
  };
}

// ── /charter history ────────────────────────────────────────────────────────

const HISTORY_LINES = 40;

/**
 * Every change to a charter, oldest first: who, when, what (from → to), with the crew's answers in
 * between. Ops-only: history lines may name prices.
 */
export function renderHistory(
  view: Pick<OpsView, 'title' | 'slug' | 'schedule' | 'crew'>,
  history: readonly HistoryEntry[],
  answers: readonly Confirmation[] = [],
): SlackMessage {
  const zone = view.schedule.timeZone;
  const names = new Map(view.crew.map((a) => [a.crewId, a.name]));
  const stamp = (at: string) => {
    const instant = new Date(at);
    return `${formatLocalDate(instant, zone).replace(/^\w+, /, '')} ${formatLocalTime(instant, zone)}`;
  };
  const lines = [
    ...history.map((entry) => ({
      at: entry.at,
      text: `*r${entry.revision}* · ${stamp(entry.at)} · ${userMention(entry.actor)} · ${escapeMrkdwn(truncate(describeEntry(entry), 600))}`,
    })),
    ...answers.map((answer) => ({
      at: answer.at,
      text: `${answer.answer === 'confirmed' ? '✅' : '❌'} · ${stamp(answer.at)} · ${escapeMrkdwn(names.get(answer.crewId) ?? answer.crewId)} ${answer.answer} ${answer.via === 'slack' ? 'in Slack' : 'on the crew page'}${answer.reason ? ` — “${escapeMrkdwn(truncate(answer.reason, 200))}”` : ''}`,
    })),
  ].sort((a, b) => a.at.localeCompare(b.at));
  const shown = lines.slice(-HISTORY_LINES).map((l) => l.text);
  const more = lines.length - shown.length;
  const blocks: KnownBlock[] = [header(`History: ${view.title}`)];
  // Sections hold 3000 characters: split the lines over as many as needed.
  let chunk: string[] = [];
  for (const line of shown) {
    if ([...chunk, line].join('\n').length > LIMIT.sectionText - 100) {
      blocks.push(section(chunk.join('\n')));
      chunk = [];
    }
    chunk.push(line);
  }
  if (chunk.length > 0) blocks.push(section(chunk.join('\n')));
  if (shown.length === 0) blocks.push(section('_No changes recorded yet._'));
  blocks.push(
    context([
      `${more > 0 ? `Older ${more} line${more === 1 ? '' : 's'} not shown. ` : ''}Times in ${escapeMrkdwn(zone)}. Only you can see this.`,
    ]),
  );
  return message(`History of ${view.title} (${history.length} revisions)`, blocks);
}
