/**
 * The guest-mail step: after the guest page is published, sends the guest every email the charter owes
 * them now (the confirmation, a change notice for a revision that moved when, boat or meeting point, the
 * cancellation, the photos once the captain completed it and photos exist; see owedGuestMail), through
 * ShipCaptainCrew, and puts one line per email in the ops thread ("Guest emailed: confirmation"). The
 * day before is a lifecycle timer's (sendDayBefore, below), through the same client and thread.
 *
 * Safe to repeat: SCC sends each (booking, kind, key) once (intent recorded before SES is called), what the
 * guest was told is saved after each email, and each thread line is posted once per key. Writes no booking.
 * Guest-facing data only: decisions are made on guestView, and SCC renders from its own guestView.
 */

import type { GuestMailSender } from '../../clients';
import {
  type Booking,
  dayBeforeKey,
  GUEST_MAIL_LABEL,
  type GuestFacts,
  type GuestMailKind,
  guestFactsOf,
  guestMailOn,
  guestView,
  owedGuestMail,
} from '../../domain';
import type { Logger } from '../../logging';
import type { GuestMailOutcome } from '../../scc/contract';
import type { StepState } from '../../slack';
import { renderGuestMailed } from '../../slack';
import type { StepName, StepRecord } from '../step-records';
import type { ReplyOutcome, ThreadReplies } from '../thread-replies';
import type { PipelineStep } from './step';

export const GUEST_MAIL_STEP = 'guest-mail' satisfies StepName;

export interface GuestMailLogEntry {
  kind: GuestMailKind;
  key: string;
  state: 'sent' | 'rejected';
  at: string;
}

export interface GuestMailResult {
  /** What the last confirmation or change notice told the guest; undefined: never confirmed. */
  told?: GuestFacts;
  cancelled?: boolean;
  photos?: boolean;
  /** Every guest email of this booking, oldest first: what `/charter status` lists. */
  log?: GuestMailLogEntry[];
  /** Why nothing more goes out: an operator turned guest mail off, or the guest unsubscribed. */
  stopped?: 'off' | 'unsubscribed';
  /** A thread line could not be posted yet (no root message): run again on the next change. */
  retryLater?: boolean;
  [key: string]: unknown;
}

export interface GuestMailDeps {
  mail: GuestMailSender;
  /** How many crew photos the charter has (the brand bucket's `photos/<id>/`). */
  photoCount: (booking: Booking) => Promise<number>;
  thread: Pick<ThreadReplies, 'post'>;
  now: () => Date;
  /** Steps whose copy must be current before the guest is sent a link to it. */
  dependsOn?: readonly StepName[];
}

export function guestMailStep(deps: GuestMailDeps): PipelineStep {
  return {
    // Not one of the steps the thread's progress lists; `/charter status` shows it (guestMailState).
    name: GUEST_MAIL_STEP,
    service: 'ShipCaptainCrew (guest email)',
    // The email links to the guest page: it must be published (and its cache refreshed) first.
    dependsOn: deps.dependsOn ?? ['guest-page', 'invalidation'],
    async isStale(booking, record) {
      const result = record.result as GuestMailResult;
      if (result.retryLater) return true;
      // Photos may arrive after the captain completed the charter.
      if (booking.status === 'completed' && guestMailOn(booking) && !result.photos && result.told) {
        return (await deps.photoCount(booking)) > 0;
      }
      return false;
    },
    async run({ booking, previous, save, logger }) {
      const prior = (previous?.result ?? {}) as GuestMailResult;
      const { stopped: _stopped, retryLater: _retry, ...kept } = prior;
      let result: GuestMailResult = kept;
      if (!guestMailOn(booking)) return { ...result, stopped: 'off' } satisfies GuestMailResult;
      if (prior.stopped === 'unsubscribed') return prior;
      const view = guestView(booking);
      const photoCount = view.status === 'completed' ? await deps.photoCount(booking) : 0;
      let retryLater = false;
      for (const owed of owedGuestMail(view, result, { photoCount })) {
        const outcome = await deps.mail.send(booking.id, {
          kind: owed.kind,
          key: owed.key,
          ...(owed.told ? { told: owed.told } : {}),
        });
        if (outcome.state === 'unsubscribed' || outcome.state === 'off') {
          result = { ...result, stopped: outcome.state };
          break;
        }
        const told = outcome.state !== 'rejected' && outcome.state !== 'failed';
        if (told) {
          if (owed.kind === 'confirmation' || owed.kind === 'change') result.told = guestFactsOf(view);
          if (owed.kind === 'cancellation') result.cancelled = true;
          if (owed.kind === 'photos') result.photos = true;
        }
        const line = await recordAndPost(deps, booking, outcome, result);
        if (line === 'no-thread') retryLater = true;
        // What the guest was told so far survives a crash before the step's outcome is recorded.
        await save(result);
        logger.info('guest mail', { kind: owed.kind, state: outcome.state });
      }
      return { ...result, ...(retryLater ? { retryLater } : {}) } satisfies GuestMailResult;
    },
  };
}

/** The day-before reminder, when its lifecycle timer fires. */
export async function sendDayBefore(
  deps: Pick<GuestMailDeps, 'mail' | 'thread' | 'now'> & { logger: Logger },
  booking: Booking,
): Promise<GuestMailOutcome | undefined> {
  if (!guestMailOn(booking)) return undefined;
  const view = guestView(booking);
  const outcome = await deps.mail.send(booking.id, { kind: 'day-before', key: dayBeforeKey(view) });
  deps.logger.info('guest mail', { bookingId: booking.id, kind: 'day-before', state: outcome.state });
  await recordAndPost(deps, booking, outcome, {});
  return outcome;
}

async function recordAndPost(
  deps: Pick<GuestMailDeps, 'thread' | 'now'>,
  booking: Booking,
  outcome: GuestMailOutcome,
  result: GuestMailResult,
): Promise<ReplyOutcome | undefined> {
  if (outcome.state !== 'sent' && outcome.state !== 'already-sent' && outcome.state !== 'rejected') {
    return undefined;
  }
  const state: GuestMailLogEntry['state'] = outcome.state === 'rejected' ? 'rejected' : 'sent';
  const log = result.log ?? [];
  if (!log.some((e) => e.kind === outcome.kind && e.key === outcome.key)) {
    result.log = [
      ...log,
      { kind: outcome.kind, key: outcome.key, state, at: deps.now().toISOString() },
    ].slice(-20);
  }
  return deps.thread.post(
    booking.id,
    `guest-mail:${outcome.kind}:${outcome.key}`,
    renderGuestMailed({ kind: outcome.kind, state, ...(outcome.reason ? { reason: outcome.reason } : {}) }),
  );
}

/** The guest-mail line of `/charter status`: what went out, or why nothing goes out. */
export function guestMailState(
  booking: Pick<Booking, 'guestMail'>,
  record: StepRecord | undefined,
): StepState {
  const result = (record?.result ?? {}) as GuestMailResult;
  const label = 'Guest email';
  if (!guestMailOn(booking) || result.stopped === 'off') {
    return { name: GUEST_MAIL_STEP, label, status: 'done', reason: 'off for this charter' };
  }
  const sent = (result.log ?? []).map(
    (e) =>
      `${GUEST_MAIL_LABEL[e.kind]}${e.state === 'rejected' ? ' (refused by SES)' : ''} ${e.at.slice(0, 10)}`,
  );
  const stopped = result.stopped === 'unsubscribed' ? ['the guest unsubscribed'] : [];
  if (record?.status === 'failed') {
    return {
      name: GUEST_MAIL_STEP,
      label,
      status: 'failed',
      attempts: record.attempts,
      ...(record.lastError ? { reason: record.lastError.message } : {}),
    };
  }
  const words = [...sent, ...stopped];
  return {
    name: GUEST_MAIL_STEP,
    label,
    status: words.length > 0 ? 'done' : 'pending',
    ...(words.length > 0 ? { reason: words.join(' · ') } : {}),
  };
}
