/**
 * The booking's status thread in the ops channel: the root message (charter summary, each pipeline step's
 * state, the crew board, the operators' buttons) and one reply per event. The pipeline posts these;
 * `/charter status` shows the same root plus the money (renderOperatorBlocks), privately to an operator.
 * Takes an OpsView, but the channel is read by whoever is in it (crew too): nothing posted to the channel may
 * carry a price, deposit, margin, pay, fee, port cost, rate, internal note or guest contact detail, and no captain buttons (captains
 * answer in a direct message).
 */
import type { Button, KnownBlock } from '@slack/types';
import {
  type Answer,
  type Confirmation,
  type CrewMember,
  crewRenotified,
  describeChangeForChannel,
  type FieldChange,
  formatLocalTime,
  isCrewChange,
  type OpsView,
  type Role,
} from '../../domain';
import { ACTION, METADATA_EVENT, THREAD_BLOCK } from '../ids';
import { charterWhen, money, ROLE_LABEL, STATUS_LABEL, userMention } from './format';
import {
  actions,
  button,
  confirmDialog,
  context,
  divider,
  escapeMrkdwn,
  fields,
  header,
  message,
  type SlackMessage,
  section,
  truncate,
} from './primitives';

// ── inputs (the pipeline builds these) ──────────────────────────────────────

export type StepStatus = 'pending' | 'running' | 'done' | 'failed';

export interface StepState {
  /** The pipeline's step name: `scc`, `calendar`, `guestPage`, `invalidation`, `slack` (others shown as is). */
  name: string;
  status: StepStatus;
  /** Short reason, shown beside a failed (or a notable running) step: "SCC answered 503". */
  reason?: string;
  attempts?: number;
  /** Overrides the label derived from `name`. */
  label?: string;
  /** A link worth showing beside a done step (the guest page, the calendar entry). */
  url?: string;
  /** Failed, and retried in the background at `at` (already worded, e.g. "2:05 PM") as run `attempt`. */
  retry?: { at: string; attempt: number };
  /** Failed for a reason a retry cannot fix (a 4xx): a person must act. */
  permanent?: boolean;
}

export type CrewAnswerState = Answer | 'waiting';

export interface CrewBoardEntry {
  crewId: string;
  name: string;
  role: Role;
  answer: CrewAnswerState;
  slackUserId?: string;
  reason?: string;
  at?: string;
  via?: Confirmation['via'];
  /** Waiting again: their earlier answer (this one) was about the charter before a change of time or crew. */
  reasked?: Answer;
  /** Their email bounced or was reported as spam (SES): they may never have seen the invitation. */
  mail?: { kind: 'bounced' | 'complained'; problem: string };
}

export type ThreadEvent = { bookingId: string; by?: string } & (
  | { kind: 'created' }
  | {
      kind: 'step';
      step: StepState /** No retries left: the reply offers the Retry button. */;
      final?: boolean;
    }
  | { kind: 'answer'; crew: CrewBoardEntry }
  | {
      kind: 'changed';
      revision: number;
      changes: readonly FieldChange[];
    }
  | { kind: 'status'; status: OpsView['status'] }
  | { kind: 'cancelled'; reason?: string }
  | { kind: 'requested'; what: 'retry' | 'republish' }
  /** SES refused a crew member's address for good: the charter stands, but they did not get their email. */
  | { kind: 'undeliverable'; crewName: string; problem: string }
  /** SES reported, later, that a crew member's email bounced or was marked as spam. */
  | {
      kind: 'mail-feedback';
      crewId: string;
      crewName: string;
      mail: NonNullable<CrewBoardEntry['mail']>;
      /** They owe an answer they cannot give (domain: unreachableCrew): the crew lifecycle escalates now. */
      unreachable?: boolean;
    }
  /** SES reported that the guest's email bounced or was marked as spam. Never carries the guest's address. */
  | {
      kind: 'guest-mail-feedback';
      /** Which guest email: "confirmation", "change", … */
      mail: string;
      feedback: NonNullable<CrewBoardEntry['mail']>;
      slug: string;
    }
);

export interface RootMessage extends SlackMessage {
  /** Message metadata: lets the pipeline find a booking's root message with conversations.history. */
  metadata: { event_type: string; event_payload: { bookingId: string; revision: number; slug: string } };
}

// ── labels ──────────────────────────────────────────────────────────────────

const STEP_LABEL: Readonly<Record<string, string>> = {
  scc: 'Crew event (ShipCaptainCrew)',
  calendar: 'Dashboard calendar',
  guestPage: 'Guest page',
  invalidation: 'Guest page cache refresh',
  slack: 'Slack thread',
};

const STEP_ICON: Readonly<Record<StepStatus, string>> = {
  pending: ':white_circle:',
  running: ':arrows_counterclockwise:',
  done: ':white_check_mark:',
  failed: ':x:',
};

const ANSWER_ICON: Readonly<Record<CrewAnswerState, string>> = {
  confirmed: '✅',
  waiting: '⏳',
  declined: '❌',
};

const ROLE_ORDER: Readonly<Record<Role, number>> = { captain: 0, crew: 1, hostess: 2 };

export function stepLabel(step: Pick<StepState, 'name' | 'label'>): string {
  return step.label ?? STEP_LABEL[step.name] ?? step.name;
}

function stepLine(step: StepState): string {
  const label = stepLabel(step);
  if (step.status === 'failed' && step.retry) {
    const reason = step.reason ? ` — ${escapeMrkdwn(truncate(step.reason, 200))}` : '';
    return `:hourglass_flowing_sand: ${label}: retrying at ${step.retry.at} (attempt ${step.retry.attempt})${reason}`;
  }
  const attempts = step.attempts && step.attempts > 1 ? ` (attempt ${step.attempts})` : '';
  const link = step.url && step.status === 'done' ? ` · <${step.url}|open>` : '';
  const reason = step.reason ? ` — ${escapeMrkdwn(truncate(step.reason, 200))}` : '';
  const state = step.status === 'failed' ? `failed${attempts}` : step.status;
  return `${STEP_ICON[step.status]} ${label}: ${state}${reason}${link}`;
}

function crewLine(entry: CrewBoardEntry): string {
  const line = answerLine(entry);
  if (!entry.mail) return line;
  const what = entry.mail.kind === 'bounced' ? 'email bounced' : 'marked our email as spam';
  return `${line} · ✉️❌ ${what}`;
}

function answerLine(entry: CrewBoardEntry): string {
  const who = `${ROLE_LABEL[entry.role]} ${escapeMrkdwn(entry.name)}${entry.slackUserId ? ` (${userMention(entry.slackUserId)})` : ''}`;
  if (entry.reasked) {
    return `${ANSWER_ICON.waiting} ${who}: waiting — asked again after a change (had ${entry.reasked})`;
  }
  const answer = entry.answer === 'waiting' ? 'waiting' : entry.answer;
  const reason = entry.reason ? ` — “${escapeMrkdwn(truncate(entry.reason, 200))}”` : '';
  return `${ANSWER_ICON[entry.answer]} ${who}: ${answer}${reason}`;
}

// ── crew board ──────────────────────────────────────────────────────────────

/**
 * The crew board from the booking's assignments and the latest answers. An answer given about an earlier
 * revision still counts, unless `askedAt` says the person was asked again since (a change of time, boat or
 * their place on the crew: see src/domain/crew-answers.ts): then they show as waiting again.
 */
export function buildCrewBoard(
  view: OpsView,
  confirmations: readonly (Pick<Confirmation, 'crewId' | 'answer' | 'at' | 'via' | 'reason'> & {
    revision?: number;
  })[],
  roster: readonly Pick<CrewMember, 'id' | 'slackUserId'>[] = [],
  askedAt: ReadonlyMap<string, { revision: number }> = new Map(),
): CrewBoardEntry[] {
  const latest = new Map<string, (typeof confirmations)[number]>();
  for (const c of confirmations) {
    const seen = latest.get(c.crewId);
    if (!seen || seen.at < c.at) latest.set(c.crewId, c);
  }
  const slackIds = new Map(roster.map((m) => [m.id, m.slackUserId]));
  return [...view.crew]
    .sort((a, b) => ROLE_ORDER[a.role] - ROLE_ORDER[b.role] || a.name.localeCompare(b.name))
    .map((assignment) => {
      const given = latest.get(assignment.crewId);
      const asked = askedAt.get(assignment.crewId)?.revision;
      const stale = given?.revision !== undefined && asked !== undefined && given.revision < asked;
      const answer = stale ? undefined : given;
      const slackUserId = slackIds.get(assignment.crewId);
      return {
        ...(stale && given ? { reasked: given.answer } : {}),
        crewId: assignment.crewId,
        name: assignment.name,
        role: assignment.role,
        answer: answer?.answer ?? 'waiting',
        ...(slackUserId ? { slackUserId } : {}),
        ...(answer?.reason ? { reason: answer.reason } : {}),
        ...(answer ? { at: answer.at, via: answer.via } : {}),
      };
    });
}

/** One-line crew summary for lists: "✅ 2 · ⏳ 1 · ❌ 0". */
export function crewBoardSummary(board: readonly CrewBoardEntry[]): string {
  const count = (answer: CrewAnswerState) => board.filter((e) => e.answer === answer).length;
  return `✅ ${count('confirmed')} · ⏳ ${count('waiting')} · ❌ ${count('declined')}`;
}

// ── root message ────────────────────────────────────────────────────────────

/**
 * The guest page line: a link once the guest page step is done (its state carries the URL, built from
 * GUEST_SITE_URL by src/guest/paths.ts), plain text before, so nobody follows a link to a page not yet out.
 */
function guestPageLine(view: OpsView, steps: readonly StepState[]): string {
  const label = `${escapeMrkdwn(view.domain)}/g/${escapeMrkdwn(view.slug)}`;
  const url = steps.find((s) => s.name === 'guestPage' && s.status === 'done')?.url;
  return url ? `<${url}|${label}>` : label;
}

/**
 * The status as the whole crew makes it, not the captain alone: "✅ Confirmed · hostess declined, replacing ·
 * 1 waiting". The booking's own status (which follows the captain) comes first; then who declined (their place
 * is being filled) and how many have not answered. A cancelled or completed charter is only that.
 */
export function crewStatusSummary(status: OpsView['status'], board: readonly CrewBoardEntry[]): string {
  const label = STATUS_LABEL[status];
  if (status === 'cancelled' || status === 'completed') return label;
  const roles = new Map<Role, number>();
  for (const entry of board) roles.set(entry.role, (roles.get(entry.role) ?? 0) + 1);
  const notes: string[] = [];
  for (const entry of board) {
    if (entry.answer !== 'declined') continue;
    const role = ROLE_LABEL[entry.role].toLowerCase();
    // Two people in one role: say which one.
    const who = (roles.get(entry.role) ?? 0) > 1 ? `${role} ${escapeMrkdwn(firstName(entry.name))}` : role;
    notes.push(`${who} declined, replacing`);
  }
  // "Pending captain" already says the captain has not answered.
  const waiting = board.filter(
    (e) => e.answer === 'waiting' && !(status === 'pending' && e.role === 'captain'),
  ).length;
  if (waiting > 0) notes.push(`${waiting} waiting`);
  return [label, ...notes].join(' · ');
}

function firstName(name: string): string {
  return name.trim().split(/\s+/)[0] ?? name;
}

function summaryBlocks(
  view: OpsView,
  steps: readonly StepState[],
  board: readonly CrewBoardEntry[],
): KnownBlock[] {
  // The guest's email and phone are for operators (renderOperatorBlocks), like money.
  const guest = `${escapeMrkdwn(view.guest.name)} · party of ${view.guest.partySize}`;
  const blocks: KnownBlock[] = [
    header(`⛵ ${view.title}`),
    fields(
      [
        `*When*\n${charterWhen(view)}`,
        `*Status*\n${crewStatusSummary(view.status, board)}`,
        `*Boat*\n${escapeMrkdwn(view.boat.name)}`,
        `*Meeting point*\n${escapeMrkdwn(view.meetingPoint)}`,
        `*Guest*\n${guest}`,
        `*Guest page*\n${guestPageLine(view, steps)}`,
      ],
      THREAD_BLOCK.summary,
    ),
  ];
  return blocks;
}

/**
 * Money, the guest's contact details and internal notes: for an operator's private answer (`/charter
 * status`), never for the channel.
 */
export function renderOperatorBlocks(view: OpsView): KnownBlock[] {
  const contact = `*Guest contact*\n${escapeMrkdwn(view.guest.email)}${view.guest.phone ? ` · ${escapeMrkdwn(view.guest.phone)}` : ''}`;
  const blocks: KnownBlock[] = [
    fields([
      contact,
      `*Price*\n${money(view.priceCents)} (deposit ${money(view.depositCents)})`,
      `*Margin*\n${money(view.marginCents)}`,
      `*Crew pay*\n${money(view.crewPayCents)}`,
      `*Captain fee · port costs*\n${money(view.captainFeeCents)} · ${money(view.portCostsCents)}`,
    ]),
  ];
  if (view.internalNotes)
    blocks.push(context([`:memo: ${escapeMrkdwn(truncate(view.internalNotes, 1500))}`]));
  return blocks;
}

export function renderStepsBlock(steps: readonly StepState[]): KnownBlock {
  const lines =
    steps.length > 0 ? steps.map(stepLine) : [':white_circle: Waiting for the pipeline to start…'];
  return section(`*Progress*\n${lines.join('\n')}`, THREAD_BLOCK.steps);
}

export function renderCrewBoardBlock(board: readonly CrewBoardEntry[]): KnownBlock {
  const lines = board.length > 0 ? board.map(crewLine) : ['_Nobody assigned yet._'];
  return section(
    `*Crew*  ✅ confirmed · ⏳ waiting · ❌ declined\n${lines.join('\n')}`,
    THREAD_BLOCK.crewBoard,
  );
}

function actionBlocks(view: OpsView, steps: readonly StepState[]): KnownBlock[] {
  if (view.status === 'cancelled') return [];
  if (view.status === 'completed') {
    // Photos keep arriving after the charter: let ops put the latest ones on the guest page.
    return [
      actions(
        [button('Refresh guest page photos', ACTION.republishGuestPage, view.id)],
        THREAD_BLOCK.opsActions,
      ),
    ];
  }
  const opsButtons: Button[] = [];
  if (steps.some((s) => s.status === 'failed')) {
    opsButtons.push(button('Retry failed steps', ACTION.retrySteps, view.id, { style: 'primary' }));
  }
  opsButtons.push(button('Republish guest page', ACTION.republishGuestPage, view.id));
  opsButtons.push(
    button('Cancel charter', ACTION.cancelCharter, view.id, {
      style: 'danger',
      confirm: confirmDialog(
        'Cancel this charter?',
        `*${escapeMrkdwn(view.title)}* will be cancelled: the guest page comes down and the crew are told. This cannot be undone.`,
        'Cancel charter',
        'Keep it',
        'danger',
      ),
    }),
  );
  // Captains answer and complete in their direct message (src/slack/blocks/crew-dm.ts), not here.
  return [actions(opsButtons, THREAD_BLOCK.opsActions)];
}

/**
 * Who or what made the latest revision: a person (a Slack mention), or what happened when no person did it.
 * The pipeline only writes a revision to move the status after a crew answer.
 */
const ACTOR_LABEL: Readonly<Record<string, string>> = {
  pipeline: 'crew answer',
  timer: 'timer',
  scheduler: 'timer',
  audit: 'audit',
};

export function updatedByLabel(actor: string): string {
  if (/^[UW][A-Z0-9]{2,}$/.test(actor)) return userMention(actor);
  return ACTOR_LABEL[actor] ?? escapeMrkdwn(actor);
}

function footer(view: OpsView): KnownBlock {
  // In the charter's own zone, like every other time in the thread and in /charter history.
  const at = new Date(view.updatedAt);
  const when = `${shortDate(at, view.schedule.timeZone)} ${formatLocalTime(at, view.schedule.timeZone)}`;
  const updated = `Revision ${view.revision} · updated by ${updatedByLabel(view.updatedBy)} · ${when}`;
  if (view.status === 'cancelled') {
    const { phrase, reason } = cancelWords(view.cancelReason);
    return context([`:no_entry: Cancelled${phrase}${reason ? `: ${reason}` : ''}`, updated]);
  }
  return context([updated]);
}

/**
 * A cancel reason as it continues "Cancelled": one that starts with the word itself ("Cancelled in Slack")
 * continues the phrase (" in Slack"), so nothing reads "Cancelled: Cancelled in Slack"; any other is a reason.
 */
export function cancelWords(cancelReason: string | undefined): { phrase: string; reason?: string } {
  // Bookings cancelled before #14 stored "Cancelled in Slack by <@U…>": who cancelled is the actor, shown
  // beside it as a real mention, so the stored markup (which would show escaped, raw) is dropped.
  const given = cancelReason?.replace(/\s+by\s+<@[UW][A-Z0-9]+>\s*$/, '').trim();
  if (!given) return { phrase: '' };
  const rest = given.replace(/^cancell?ed\b/i, '');
  if (rest === given) return { phrase: '', reason: escapeMrkdwn(truncate(given, 500)) };
  return { phrase: escapeMrkdwn(truncate(rest.replace(/[.\s]+$/, ''), 200)) };
}

/** "Dec 5" in the charter's zone. */
function shortDate(instant: Date, timeZone: string): string {
  return new Intl.DateTimeFormat('en-US', { timeZone, month: 'short', day: 'numeric' }).format(instant);
}

/** The root message: updated in place (chat.update) as steps finish and crew answer. */
export function renderRootMessage(
  view: OpsView,
  steps: readonly StepState[],
  crewBoard: readonly CrewBoardEntry[],
): RootMessage {
  const blocks: KnownBlock[] = [
    ...summaryBlocks(view, steps, crewBoard),
    divider(),
    renderStepsBlock(steps),
    renderCrewBoardBlock(crewBoard),
    ...actionBlocks(view, steps),
    footer(view),
  ];
  const text = `${view.status === 'cancelled' ? 'Cancelled: ' : ''}${escapeMrkdwn(view.title)} — ${charterWhen(view)} on ${escapeMrkdwn(view.boat.name)} (${crewBoardSummary(crewBoard)})`;
  return {
    ...message(text, blocks),
    metadata: {
      event_type: METADATA_EVENT.bookingThread,
      event_payload: { bookingId: view.id, revision: view.revision, slug: view.slug },
    },
  };
}

// ── thread replies ──────────────────────────────────────────────────────────

const REQUESTED: Readonly<Record<'retry' | 'republish', string>> = {
  retry: 'asked to retry the failed steps.',
  republish: 'asked to republish the guest page.',
};

/** One reply in the booking's thread for one event. */
export function renderThreadReply(event: ThreadEvent): SlackMessage {
  const by = event.by ? userMention(event.by) : undefined;
  switch (event.kind) {
    case 'created': {
      // What is being set up, and how far it got, is in the root message's progress lines.
      const text = `:sparkles: Charter booked${by ? ` by ${by}` : ''}.`;
      return message(text, [section(text)]);
    }
    case 'step': {
      const { step } = event;
      const label = stepLabel(step);
      if (step.status === 'failed') {
        const reason = step.reason ? `: ${escapeMrkdwn(truncate(step.reason, 500))}` : '.';
        const next = step.retry
          ? `Retrying automatically at ${step.retry.at} (attempt ${step.retry.attempt}); nothing to do yet.`
          : step.permanent
            ? 'This will not fix itself: fix what it says, then press *Retry failed steps*.'
            : event.final
              ? 'No retries left — fix the cause, then press *Retry failed steps*.'
              : 'It will be retried automatically.';
        const text = `:x: ${label} failed${reason} ${next}`;
        const blocks: KnownBlock[] = [section(text)];
        if (event.final && !step.retry) {
          blocks.push(
            actions([button('Retry failed steps', ACTION.retrySteps, event.bookingId, { style: 'primary' })]),
          );
        }
        return message(text, blocks);
      }
      const link = step.url ? ` <${step.url}|Open>` : '';
      const text = `${STEP_ICON[step.status]} ${label}: ${step.status}.${link}`;
      return message(text, [section(text)]);
    }
    case 'answer': {
      const { crew } = event;
      const via = crew.via === 'slack' ? 'in Slack' : crew.via === 'crew-page' ? 'on the crew page' : '';
      const reason = crew.reason ? ` — “${escapeMrkdwn(truncate(crew.reason, 300))}”` : '';
      const verb = crew.answer === 'waiting' ? 'withdrew their answer' : crew.answer;
      // A reason ends the sentence inside its quotes: no full stop after them (`.”.`).
      const text = `${ANSWER_ICON[crew.answer]} ${ROLE_LABEL[crew.role]} ${escapeMrkdwn(crew.name)} ${verb}${via ? ` ${via}` : ''}${reason || '.'}`;
      return message(text, [section(text)]);
    }
    case 'changed': {
      // "time moved 4:00 PM–7:00 PM → 5:00 PM–8:00 PM by @ana; crew re-notified"
      const summary = event.changes
        .slice(0, 20)
        .map((c) =>
          escapeMrkdwn(
            isCrewChange(c)
              ? truncate(describeChangeForChannel(c), 400)
              : describeChangeForChannel({
                  field: c.field,
                  from: truncate(c.from, 200),
                  to: truncate(c.to, 200),
                }),
          ),
        )
        .join('; ');
      const more = event.changes.length > 20 ? ` (and ${event.changes.length - 20} more)` : '';
      const renotified = crewRenotified(event.changes) ? '; crew re-notified' : '';
      const text =
        summary.length > 0
          ? `:pencil2: Charter changed (revision ${event.revision}): ${summary}${more}${by ? ` by ${by}` : ''}${renotified}.`
          : `:pencil2: Charter changed${by ? ` by ${by}` : ''} (revision ${event.revision}).`;
      return message(text, [section(text)]);
    }
    case 'status': {
      const text = `Status is now ${STATUS_LABEL[event.status]}${by ? ` (${by})` : ''}.`;
      return message(text, [section(text)]);
    }
    case 'cancelled': {
      const { phrase, reason } = cancelWords(event.reason);
      const text = `:no_entry: Charter cancelled${phrase}${by ? ` by ${by}` : ''}${reason ? `: ${reason}` : ''}. Taking down the guest page and the crew event…`;
      return message(text, [section(text)]);
    }
    case 'requested': {
      const text = `:repeat: ${by ?? 'Someone'} ${REQUESTED[event.what]}`;
      return message(text, [section(text)]);
    }
    case 'undeliverable': {
      const text = `:warning: Could not email ${escapeMrkdwn(event.crewName)}: ${escapeMrkdwn(truncate(event.problem, 300))}. Correct their address with \`/charter crew add\` and the invitation goes out again.`;
      return message(text, [section(text)]);
    }
    case 'guest-mail-feedback': {
      const which = `${escapeMrkdwn(event.mail.replace(/-/g, ' '))} email`;
      const edit = `\`/charter edit ${escapeMrkdwn(event.slug)}\``;
      const text =
        event.feedback.kind === 'bounced'
          ? `✉️❌ The guest's ${which} bounced: ${escapeMrkdwn(truncate(event.feedback.problem, 300))} — they did not get it. Check their email address with ${edit}.`
          : `✉️❌ The guest marked our ${which} as spam. Reach them another way; to send them nothing more, turn guest email off with ${edit}.`;
      return message(text, [section(text)]);
    }
    case 'mail-feedback': {
      const name = escapeMrkdwn(event.crewName);
      const problem = escapeMrkdwn(truncate(event.mail.problem, 300));
      // Only when it is so: someone who answered already is not waited for.
      const unreachable = event.unreachable
        ? '. They cannot answer the invitation, so their answer deadline is now'
        : '';
      const text =
        event.mail.kind === 'bounced'
          ? `✉️❌ ${name}'s email bounced: ${problem}${unreachable} — fix the address with \`/charter crew edit ${escapeMrkdwn(event.crewId)}\`, then ask them again.`
          : `✉️❌ ${name} marked our email as spam (${problem})${unreachable} — we will not email them again; reach them another way or replace them.`;
      return message(text, [section(text)]);
    }
  }
}

// ── steps as stored ─────────────────────────────────────────────────────────

const STEP_ORDER = ['scc', 'calendar', 'guestPage', 'invalidation', 'slack'];

/**
 * Reads the pipeline's step records (`steps.<name>: {status, attempts, lastError}` on the booking item) into
 * display order. Tolerant on purpose: anything unreadable is shown as pending rather than hiding the charter.
 */
export function stepsFromRecord(record: unknown): StepState[] {
  const steps = (record as { steps?: unknown } | undefined)?.steps;
  if (!steps || typeof steps !== 'object') return [];
  const states: StepState[] = [];
  for (const [name, raw] of Object.entries(steps as Record<string, unknown>)) {
    const value = (raw ?? {}) as Record<string, unknown>;
    const status = normaliseStatus(value.status);
    const reason = typeof value.lastError === 'string' && status === 'failed' ? value.lastError : undefined;
    const result = (value.result ?? {}) as Record<string, unknown>;
    states.push({
      name,
      status,
      ...(typeof value.attempts === 'number' ? { attempts: value.attempts } : {}),
      ...(reason ? { reason } : {}),
      ...(typeof result.url === 'string' ? { url: result.url } : {}),
    });
  }
  const rank = (name: string) => {
    const at = STEP_ORDER.indexOf(name);
    return at === -1 ? STEP_ORDER.length : at;
  };
  return states.sort((a, b) => rank(a.name) - rank(b.name));
}

function normaliseStatus(value: unknown): StepStatus {
  if (value === 'done' || value === 'succeeded' || value === 'success') return 'done';
  if (value === 'failed' || value === 'error') return 'failed';
  if (value === 'running' || value === 'in_progress' || value === 'retrying') return 'running';
  return 'pending';
}
