/**
 * What a firing timer does: the answer reminder (an email, through SCC), the answer deadline (the thread says
 * who has not answered, with "Remind again", "Replace…" and "Offer to <name>"), the day-before roster (an
 * email to everyone confirmed) and the post-charter prompt (the captain's "Complete").
 *
 * Firing is at least once and may be stale: a timer first asks the plan (planTimers, from the booking as it
 * is now) whether it is still wanted, and at about this time; if not, it does nothing. Every action is once
 * only: SCC sends each follow-up once per key, and each thread reply is posted once per key.
 */
import type { GuestMailSender, SccFollowUpClient } from '../clients';
import { findCandidates, type TimeOffReader } from '../crew';
import {
  type Booking,
  captainOf,
  countingAnswers,
  crewView,
  DEFAULT_DEADLINE_POLICY,
  type DeadlinePolicy,
  unreachableEver,
} from '../domain';
import type { Logger } from '../logging';
import type { ThreadReplies } from '../pipeline';
import { sendDayBefore } from '../pipeline';
import type { TimerPayload } from '../scheduler';
import {
  type CrewRef,
  renderCrewDirectMessage,
  renderDeadlinePassed,
  renderPostCharterPrompt,
  renderReminderSent,
  renderRosterSent,
} from '../slack';
import type { DynamoBookingStore } from '../store';
import { type PlannedTimer, planTimers } from './timer-plan';
import { type DeliveryReader, loadMailTrouble, unreachableOn } from './unreachable';

export type TimerStore = Pick<
  DynamoBookingStore,
  'getBooking' | 'listHistory' | 'listConfirmations' | 'listCrew' | 'listUpcoming'
>;

export interface TimerHandlerDeps {
  store: TimerStore;
  /** Time off: the cascade never proposes someone who is away. */
  timeOff: TimeOffReader;
  scc: Pick<SccFollowUpClient, 'remind' | 'sendRoster'>;
  thread: Pick<ThreadReplies, 'post'> & Partial<Pick<ThreadReplies, 'direct'>>;
  /** Guest email through SCC: given, the guest's day-before timer sends it. */
  guestMail?: GuestMailSender;
  /** What SES reported about crew mail: an unreachable person's deadline was escalated by the step already. */
  deliveries?: DeliveryReader;
  policy?: DeadlinePolicy;
  now: () => Date;
  logger: Logger;
}

export type TimerOutcome =
  /** It acted (or found its action already done). */
  | 'done'
  /** The booking is gone. */
  | 'missing'
  /** The plan no longer has this timer (answered, removed, cancelled, completed). */
  | 'stale'
  /** The plan has it later (the charter moved): the moved timer will fire then. */
  | 'early';

export interface FiredTimer {
  name: string;
  payload: TimerPayload;
}

/** A timer firing up to this much before its planned time still acts (clocks and schedulers drift). */
const EARLY_TOLERANCE_MS = 60_000;

/** Thrown when a reply that is the whole point of the timer cannot be posted yet: the timer is retried. */
export class ThreadNotReadyError extends Error {
  override readonly name = 'ThreadNotReadyError';
}

export function createTimerHandler(deps: TimerHandlerDeps) {
  const policy = deps.policy ?? DEFAULT_DEADLINE_POLICY;

  return async function handleTimer(timer: FiredTimer): Promise<TimerOutcome> {
    const { payload } = timer;
    const logger = deps.logger.child({ timer: timer.name, kind: payload.kind, bookingId: payload.bookingId });
    const booking = await deps.store.getBooking(payload.bookingId);
    if (!booking) {
      logger.info('timer for a booking that no longer exists');
      return 'missing';
    }
    const [history, confirmations, trouble] = await Promise.all([
      deps.store.listHistory(booking.id),
      deps.store.listConfirmations(booking.id),
      loadMailTrouble(deps.deliveries, booking.id),
    ]);
    const unreachable = unreachableOn(booking, confirmations, history, trouble);
    const planned = planTimers({ booking, history, confirmations, policy, unreachable }).find(
      (t) => t.name === timer.name,
    );
    if (!planned) {
      logger.info('timer no longer planned; nothing to do', { firedRevision: payload.revision });
      return 'stale';
    }
    if (planned.at.getTime() - deps.now().getTime() > EARLY_TOLERANCE_MS) {
      logger.info('timer fired before its planned time; the moved timer will act', {
        plannedAt: planned.at.toISOString(),
      });
      return 'early';
    }
    const roster = new Map((await deps.store.listCrew({ includeInactive: true })).map((m) => [m.id, m]));
    const refOf = (crewId: string): CrewRef | undefined => {
      const assignment = booking.crew.find((a) => a.crewId === crewId);
      if (!assignment) return undefined;
      const slackUserId = roster.get(crewId)?.slackUserId;
      return {
        crewId,
        name: assignment.name,
        role: assignment.role,
        ...(slackUserId ? { slackUserId } : {}),
      };
    };

    switch (payload.kind) {
      case 'reminder':
        await remind(booking, planned, refOf);
        break;
      case 'deadline':
        await escalate(booking, planned, refOf, unreachableEver(trouble));
        break;
      case 'roster':
        await sendRoster(booking, planned, confirmations, history, refOf);
        break;
      case 'post-charter':
        await promptCaptain(booking, refOf);
        break;
      case 'guest-day-before':
        if (deps.guestMail) {
          await sendDayBefore({ mail: deps.guestMail, thread: deps.thread, now: deps.now, logger }, booking);
        }
        break;
    }
    logger.info('timer handled');
    return 'done';
  };

  async function remind(
    booking: Booking,
    planned: PlannedTimer,
    refOf: (crewId: string) => CrewRef | undefined,
  ): Promise<void> {
    const crew = planned.payload.crewId ? refOf(planned.payload.crewId) : undefined;
    if (!crew) return;
    const outcome = await deps.scc.remind(booking.id, {
      crewId: crew.crewId,
      key: `auto-r${planned.askedRevision ?? booking.revision}`,
      ...(planned.deadline ? { answerBy: planned.deadline.toISOString() } : {}),
    });
    if (outcome?.state !== 'sent' && outcome?.state !== 'already-sent') {
      deps.logger.warn('reminder not sent', { bookingId: booking.id, crewId: crew.crewId, outcome });
      return;
    }
    // A note for ops; no thread yet (the pipeline is behind) is not worth retrying the reminder for.
    await deps.thread.post(
      booking.id,
      `reminder:${crew.crewId}:r${planned.askedRevision}`,
      renderReminderSent({
        bookingId: booking.id,
        crew,
        ...(planned.deadline ? { answerBy: planned.deadline } : {}),
        timeZone: booking.schedule.timeZone,
      }),
    );
  }

  async function escalate(
    booking: Booking,
    planned: PlannedTimer,
    refOf: (crewId: string) => CrewRef | undefined,
    neverOffer: ReadonlySet<string>,
  ): Promise<void> {
    const crew = planned.payload.crewId ? refOf(planned.payload.crewId) : undefined;
    if (!crew) return;
    const candidates = await findCandidates(deps.store, deps.timeOff, booking, crew.crewId, neverOffer);
    const next = candidates?.available[0];
    const posted = await deps.thread.post(
      booking.id,
      `deadline:${crew.crewId}:r${planned.askedRevision}`,
      renderDeadlinePassed({
        bookingId: booking.id,
        crew,
        ...(next ? { candidate: { crewId: next.id, name: next.name } } : {}),
      }),
    );
    if (posted === 'no-thread') throw new ThreadNotReadyError(`No thread yet for ${booking.id}.`);
  }

  async function sendRoster(
    booking: Booking,
    planned: PlannedTimer,
    confirmations: Parameters<typeof countingAnswers>[1],
    history: Parameters<typeof countingAnswers>[2],
    refOf: (crewId: string) => CrewRef | undefined,
  ): Promise<void> {
    const answers = countingAnswers(booking, confirmations, history);
    const confirmed = booking.crew.filter((a) => answers.get(a.crewId)?.answer === 'confirmed');
    const outcomes =
      confirmed.length > 0
        ? await deps.scc.sendRoster(booking.id, {
            key: rosterKey(planned.at),
            crewIds: confirmed.map((a) => a.crewId),
          })
        : [];
    if (outcomes === undefined) return;
    const sent = new Set(
      outcomes.filter((o) => o.state === 'sent' || o.state === 'already-sent').map((o) => o.crewId),
    );
    const refs = (ids: Iterable<string>) => [...ids].map(refOf).filter((r): r is CrewRef => r !== undefined);
    await deps.thread.post(
      booking.id,
      `roster:${planned.at.toISOString()}`,
      renderRosterSent({
        sentTo: refs(sent),
        notConfirmed: refs(booking.crew.map((a) => a.crewId).filter((id) => !sent.has(id))),
      }),
    );
  }

  async function promptCaptain(booking: Booking, refOf: (crewId: string) => CrewRef | undefined) {
    const captain = captainOf(booking);
    const ref = captain ? refOf(captain.crewId) : undefined;
    const posted = await deps.thread.post(
      booking.id,
      `post-charter:${booking.endsAt}`,
      renderPostCharterPrompt({
        bookingId: booking.id,
        title: booking.title,
        ...(ref ? { captain: ref } : {}),
      }),
    );
    if (posted === 'no-thread') throw new ThreadNotReadyError(`No thread yet for ${booking.id}.`);
    // The Complete button reaches the captain in their direct message (crewView), not the ops channel.
    if (captain && ref?.slackUserId && deps.thread.direct) {
      const message = renderCrewDirectMessage(
        { view: crewView(booking, captain.crewId), answer: 'confirmed' },
        'complete',
      );
      await deps.thread.direct(booking.id, `complete:${booking.endsAt}`, ref.slackUserId, message);
    }
  }
}

/** The roster's once-only key: its scheduled time, so a charter that moves gets a fresh roster. */
export function rosterKey(at: Date): string {
  return `roster-${at.toISOString()}`;
}
