/**
 * The crew lifecycle as a pipeline step, run after the others on every booking revision and whenever a crew
 * answer arrives: plans the booking's timers (reminders and deadlines for who has not answered, the roster,
 * the post-charter prompt; all cancelled for a cancelled or completed charter), proposes who takes the place
 * of someone who declined, sends the reminders people asked for with "Remind again", sends the roster to
 * anyone confirming after it went out, says in the thread when someone is booked while away (away-crew.ts),
 * and reports the captain's completion in the thread.
 *
 * Safe to repeat: timers are upserted and cancelled by name, SCC sends each follow-up once per key, and each
 * thread reply is posted once per key. Writes no booking.
 */
import { createHash } from 'node:crypto';
import type { SccFollowUpClient } from '../clients';
import { findCandidates, type TimeOffReader } from '../crew';
import {
  type Booking,
  type Confirmation,
  countingAnswers,
  DEFAULT_DEADLINE_POLICY,
  type DeadlinePolicy,
  type HistoryEntry,
  type MailTrouble,
  rosterEmailTime,
  unreachableEver,
} from '../domain';
import type { GuestPageUrl } from '../guest';
import type { Logger } from '../logging';
import type { PipelineStep, ReplyOutcome, StepName, ThreadReplies } from '../pipeline';
import type { TimerScheduler } from '../scheduler';
import {
  type Completion,
  type CrewRef,
  renderCompleted,
  renderDeclineProposal,
  renderReminderSent,
  renderRosterSent,
  renderUnreachable,
} from '../slack';
import type { CrewReminderRequest } from '../store';
import { type AwayPair, announceAway } from './away-crew';
import type { LifecycleStore } from './lifecycle-store';
import { rosterKey, type TimerStore } from './timer-handler';
import { planTimers } from './timer-plan';
import { syncTimers } from './timer-sync';
import { type DeliveryReader, loadMailTrouble, unreachableOn } from './unreachable';

export const CREW_LIFECYCLE_STEP = 'crew-lifecycle' satisfies StepName;

export interface CrewLifecycleStepDeps {
  store: TimerStore;
  /** Time off: the cascade never proposes someone who is away; the thread says when someone is booked so. */
  timeOff: TimeOffReader;
  lifecycle: Pick<LifecycleStore, 'scheduledTimers' | 'saveScheduledTimers'>;
  scheduler: TimerScheduler;
  scc: Pick<SccFollowUpClient, 'remind' | 'sendRoster'>;
  thread: Pick<ThreadReplies, 'post' | 'isPosted'>;
  guestPageUrl: GuestPageUrl;
  /** What SES reported about crew mail (src/mail): bounced crew count as unreachable. */
  deliveries?: DeliveryReader;
  policy?: DeadlinePolicy;
  now: () => Date;
  logger: Logger;
}

export interface CrewLifecycleResult {
  /** What the step last acted on (see lifecycleFingerprint); a different one makes the step stale. */
  fingerprint?: string;
  /** Timers waiting for this booking. */
  timers?: number;
  /** A reply or follow-up could not be done yet (no thread, SCC or Slack failing): run again on the next change. */
  retryLater?: boolean;
  /** Who was said in the thread to be booked while away, and still is (away-crew.ts). */
  away?: AwayPair[];
  [key: string]: unknown;
}

/**
 * The booking's revision and status, the crew's latest answers and the mail SES could not deliver: what the
 * step acts on.
 */
export function lifecycleFingerprint(
  booking: Booking,
  confirmations: readonly Confirmation[],
  trouble: readonly MailTrouble[] = [],
): string {
  const answers = confirmations.map((c) => `${c.crewId}:${c.answer}@${c.at}#${c.revision}`).sort();
  const parts: unknown[] = [booking.revision, booking.status, answers];
  // Without mail trouble the digest is what it was before it counted: no step re-runs on upgrade.
  if (trouble.length > 0) parts.push(trouble.map((t) => `${t.crewId}:${t.kind}@${t.at}`).sort());
  return createHash('sha256').update(JSON.stringify(parts)).digest('base64url').slice(0, 22);
}

export function crewLifecycleStep(deps: CrewLifecycleStepDeps): PipelineStep {
  const policy = deps.policy ?? DEFAULT_DEADLINE_POLICY;
  return {
    // One of LATER_STEP_NAMES: not one of the steps the thread's progress lists.
    name: CREW_LIFECYCLE_STEP,
    service: 'Crew lifecycle',
    // Reminders and deadlines count from the invites SCC sends; a cancelled charter's timers wait for SCC's
    // cancellation notices to be out too.
    dependsOn: ['scc-event'],
    async isStale(booking, record) {
      const result = record.result as CrewLifecycleResult;
      if (result.retryLater) return true;
      const [confirmations, trouble] = await Promise.all([
        deps.store.listConfirmations(booking.id),
        loadMailTrouble(deps.deliveries, booking.id),
      ]);
      return lifecycleFingerprint(booking, confirmations, trouble) !== result.fingerprint;
    },
    async run({ booking, previous, logger }) {
      const [history, confirmations, trouble] = await Promise.all([
        deps.store.listHistory(booking.id),
        deps.store.listConfirmations(booking.id),
        loadMailTrouble(deps.deliveries, booking.id),
      ]);
      const now = deps.now();
      // Bounced or complained since they were asked: they cannot answer, so their deadline is now.
      const unreachable = unreachableOn(booking, confirmations, history, trouble);
      const neverOffer = unreachableEver(trouble);
      // The timers come first and must succeed (the reconciler retries the step if they fail): everything
      // else that happens to this crew later hangs on them.
      const planned = planTimers({ booking, history, confirmations, policy, unreachable });
      const timers = await syncTimers({ ...deps, store: deps.lifecycle, logger }, booking, planned, now);

      // The rest is best effort, each part on its own: a failing SCC or Slack leaves it for the next run.
      const live = booking.status === 'pending' || booking.status === 'confirmed';
      const refOf = await crewRefs(booking);
      const parts: Array<[string, () => Promise<ReplyOutcome[]>]> = [
        ['completion', () => reportCompletion(booking)],
        ...(live
          ? ([
              ['replacements', () => proposeReplacements(booking, confirmations, history, refOf, neverOffer)],
              ['unreachable', () => escalateUnreachable(booking, unreachable, refOf, neverOffer)],
              ['reminders on request', () => remindOnRequest(booking, confirmations, history, refOf)],
              ['late roster', () => rosterForLateConfirmations(booking, confirmations, history, refOf, now)],
            ] as Array<[string, () => Promise<ReplyOutcome[]>]>)
          : []),
      ];
      // Booked while away: said once when it becomes true; what was said is kept for the next run.
      const saidBefore = (previous?.result as CrewLifecycleResult | undefined)?.away ?? [];
      let away = saidBefore;
      if (live) {
        parts.push([
          'booked while away',
          async () => {
            const said = await announceAway(deps, booking, new Set(saidBefore));
            away = said.said;
            return said.outcomes;
          },
        ]);
      }
      let retryLater = false;
      for (const [part, run] of parts) {
        try {
          retryLater = (await run()).includes('no-thread') || retryLater;
        } catch (error) {
          logger.warn('crew lifecycle: left for the next run', { part, error });
          retryLater = true;
        }
      }
      return {
        fingerprint: lifecycleFingerprint(booking, confirmations, trouble),
        timers: timers.pending.size,
        retryLater,
        ...(away.length > 0 ? { away } : {}),
      } satisfies CrewLifecycleResult;
    },
  };

  async function crewRefs(booking: Booking): Promise<(crewId: string) => CrewRef | undefined> {
    const roster = new Map((await deps.store.listCrew({ includeInactive: true })).map((m) => [m.id, m]));
    return (crewId) => {
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
  }

  /** Someone on the crew declined (and the decline still counts): propose who takes the place. */
  async function proposeReplacements(
    booking: Booking,
    confirmations: readonly Confirmation[],
    history: readonly HistoryEntry[],
    refOf: (crewId: string) => CrewRef | undefined,
    neverOffer: ReadonlySet<string>,
  ): Promise<ReplyOutcome[]> {
    const outcomes: ReplyOutcome[] = [];
    for (const [crewId, answer] of countingAnswers(booking, confirmations, history)) {
      const crew = refOf(crewId);
      if (answer.answer !== 'declined' || !crew) continue;
      const candidates = await findCandidates(deps.store, deps.timeOff, booking, crewId, neverOffer);
      const next = candidates?.available[0];
      outcomes.push(
        await deps.thread.post(
          booking.id,
          `declined:${crewId}:${answer.at}`,
          renderDeclineProposal({
            bookingId: booking.id,
            crew,
            ...(answer.reason ? { reason: answer.reason } : {}),
            ...(next ? { candidate: { crewId: next.id, name: next.name } } : {}),
          }),
        ),
      );
    }
    return outcomes;
  }

  /**
   * Someone's invitation bounced (or they reported it as spam) after they were asked: they cannot answer, so
   * the thread escalates now, as the deadline would, and proposes the next free person of that role.
   */
  async function escalateUnreachable(
    booking: Booking,
    unreachable: ReadonlyMap<string, MailTrouble>,
    refOf: (crewId: string) => CrewRef | undefined,
    neverOffer: ReadonlySet<string>,
  ): Promise<ReplyOutcome[]> {
    const outcomes: ReplyOutcome[] = [];
    for (const [crewId, trouble] of unreachable) {
      const crew = refOf(crewId);
      if (!crew) continue;
      const candidates = await findCandidates(deps.store, deps.timeOff, booking, crewId, neverOffer);
      const next = candidates?.available[0];
      outcomes.push(
        await deps.thread.post(
          booking.id,
          `unreachable:${crewId}:${trouble.kind}@${trouble.at}`,
          renderUnreachable({
            bookingId: booking.id,
            crew,
            mail: trouble,
            ...(next ? { candidate: { crewId: next.id, name: next.name } } : {}),
          }),
        ),
      );
    }
    return outcomes;
  }

  /** "Remind again": one reminder per request, to people still on the charter who still owe an answer. */
  async function remindOnRequest(
    booking: Booking,
    confirmations: readonly Confirmation[],
    history: readonly HistoryEntry[],
    refOf: (crewId: string) => CrewRef | undefined,
  ): Promise<ReplyOutcome[]> {
    const requests = (booking as { reminderRequests?: CrewReminderRequest[] }).reminderRequests ?? [];
    const answers = countingAnswers(booking, confirmations, history);
    const outcomes: ReplyOutcome[] = [];
    for (const request of requests) {
      const crew = refOf(request.crewId);
      if (!crew || answers.has(request.crewId)) continue;
      // Handled at an earlier run (its reply is the record): SCC would not send it twice anyway.
      if (await deps.thread.isPosted(booking.id, `remind-again:${request.id}`)) continue;
      const sent = await deps.scc.remind(booking.id, { crewId: crew.crewId, key: `manual-${request.id}` });
      if (sent?.state !== 'sent' && sent?.state !== 'already-sent') continue;
      outcomes.push(
        await deps.thread.post(
          booking.id,
          `remind-again:${request.id}`,
          renderReminderSent({
            bookingId: booking.id,
            crew,
            timeZone: booking.schedule.timeZone,
            askedBy: request.by,
          }),
        ),
      );
    }
    return outcomes;
  }

  /** Someone confirmed after the day-before roster went out (a replacement, say): they get it too. */
  async function rosterForLateConfirmations(
    booking: Booking,
    confirmations: readonly Confirmation[],
    history: readonly HistoryEntry[],
    refOf: (crewId: string) => CrewRef | undefined,
    now: Date,
  ): Promise<ReplyOutcome[]> {
    const rosterAt = rosterEmailTime(booking, policy);
    if (now < rosterAt || now >= new Date(booking.startsAt)) return [];
    const answers = countingAnswers(booking, confirmations, history);
    const confirmed = booking.crew.filter((a) => answers.get(a.crewId)?.answer === 'confirmed');
    if (confirmed.length === 0) return [];
    const outcomes = await deps.scc.sendRoster(booking.id, {
      key: rosterKey(rosterAt),
      crewIds: confirmed.map((a) => a.crewId),
    });
    // Only news is worth a reply: people who got the roster just now.
    const fresh = (outcomes ?? []).filter((o) => o.state === 'sent').map((o) => o.crewId);
    const sentTo = fresh.map(refOf).filter((r): r is CrewRef => r !== undefined);
    if (sentTo.length === 0) return [];
    return [
      await deps.thread.post(
        booking.id,
        `roster-late:${rosterAt.toISOString()}:${fresh.sort().join(',')}`,
        renderRosterSent({ sentTo, notConfirmed: [] }),
      ),
    ];
  }

  async function reportCompletion(booking: Booking): Promise<ReplyOutcome[]> {
    const completion = (booking as { completion?: Completion }).completion;
    if (booking.status !== 'completed' || !completion) return [];
    return [
      await deps.thread.post(
        booking.id,
        `completed:${completion.at}`,
        renderCompleted({ completion, guestPageUrl: deps.guestPageUrl(booking) }),
      ),
    ];
  }
}
