/**
 * Step 5: the booking's thread in the ops channel. The root message (summary, each step's state, the crew
 * board) is posted once and then updated in place; replies say what happened: created, changed, status,
 * cancelled, each crew answer, each failure (with the Retry button), and "all done" per revision.
 *
 * Safe to repeat because every message carries metadata: a run that crashed after posting the root finds it
 * with conversations.history, and one that crashed after posting a reply finds it by its key with
 * conversations.replies, so nothing is posted twice. The root's ts is stored on the step record once known.
 *
 * Unlike the other steps it also runs when the booking did not change: crew answers and other steps'
 * outcomes change the thread too (see isStale). Ops channel only: renders from opsView.
 */
import { createHash } from 'node:crypto';
import type { SlackThread } from '../../clients';
import {
  type Booking,
  type Confirmation,
  type CrewMember,
  countingAnswers,
  formatLocalTime,
  type HistoryEntry,
  isCrewChange,
  lastAskedByCrew,
  type OpsView,
  opsView,
  unreachableCrew,
} from '../../domain';
import type { GuestPageUrl } from '../../guest';
import type { Delivery, DeliveryStore, GuestDelivery } from '../../mail';
import {
  buildCrewBoard,
  type CrewBoardEntry,
  renderRootMessage,
  renderThreadReply,
  type StepState,
  type ThreadEvent,
} from '../../slack';
import type { SlackMessage } from '../../slack/blocks/primitives';
import type { DynamoBookingStore } from '../../store';
import type { ProvisioningStepName, StepName, StepRecord } from '../step-records';
import { plannedCaptainMessages } from './captain-dm';
import type { SccEventResult } from './scc-event';
import type { PipelineStep } from './step';

export const SLACK_SERVICE = 'Slack';

/** The crew's mail problems, with the guest's alongside (a list, so older callers keep passing a plain one). */
export type MailProblems = Delivery[] & { guest?: readonly GuestDelivery[] };

/** What SES reported about the booking's mail, crew and guest: what the thread shows of it. */
export async function loadMailProblems(
  deliveries: (Pick<DeliveryStore, 'list'> & Partial<Pick<DeliveryStore, 'listGuest'>>) | undefined,
  bookingId: string,
): Promise<MailProblems> {
  // The guest's ride along with the crew's: one read more, shown as their own lines.
  const [crew, guest] = await Promise.all([
    deliveries?.list(bookingId) ?? [],
    deliveries?.listGuest?.(bookingId) ?? [],
  ]);
  return Object.assign([...crew], { guest });
}

export type ThreadStore = Pick<
  DynamoBookingStore,
  'listAnswers' | 'listConfirmations' | 'listHistory' | 'listCrew'
>;

export interface SlackThreadResult {
  /** The root message's ts in the ops channel. */
  ts?: string;
  /** The revision at which the root was first posted; history before it is not replayed as replies. */
  sinceRevision?: number;
  /** Keys of replies known to be in the thread. */
  posted?: string[];
  /** What the thread showed when last brought up to date (see threadFingerprint). */
  fingerprint?: string;
  /** Keys of the captains' direct messages sent (captain-dm.ts). */
  dms?: string[];
  [key: string]: unknown;
}

/** The pipeline's steps as the thread names them (the Slack renderer's step names). */
const DISPLAY_NAME: Readonly<Record<Exclude<ProvisioningStepName, 'slack-thread'>, string>> = {
  'scc-event': 'scc',
  'calendar-entry': 'calendar',
  'guest-page': 'guestPage',
  invalidation: 'invalidation',
};

const CANCELLED_LABEL: Readonly<Record<Exclude<ProvisioningStepName, 'slack-thread'>, string>> = {
  'scc-event': 'Crew event cancelled (ShipCaptainCrew)',
  'calendar-entry': 'Dashboard calendar entry removed',
  'guest-page': 'Guest page replaced by a cancellation notice',
  invalidation: 'Guest page cache refresh',
};

const REPORTED_STEPS = Object.keys(DISPLAY_NAME) as Exclude<ProvisioningStepName, 'slack-thread'>[];

export function slackThreadStep(deps: {
  thread: SlackThread;
  store: ThreadStore;
  /** Bounces and complaints SES reported (src/mail): ✉️❌ on the crew board and a line in the thread. */
  deliveries?: Pick<DeliveryStore, 'list'> & Partial<Pick<DeliveryStore, 'listGuest'>>;
  guestPageUrl: GuestPageUrl;
  /**
   * The crew lifecycle runs too and answers a decline with its own reply (who takes the place, with the
   * buttons): the thread then does not say the decline a second time.
   */
  declinesAnsweredByLifecycle?: boolean;
}): PipelineStep {
  const loadDeliveries = (bookingId: string) => loadMailProblems(deps.deliveries, bookingId);
  return {
    name: 'slack-thread',
    service: SLACK_SERVICE,
    dependsOn: [],
    async isStale(booking, record, records) {
      const [answers, deliveries] = await Promise.all([
        loadAnswers(deps.store, booking.id),
        loadDeliveries(booking.id),
      ]);
      return (
        threadFingerprint(booking, records, answers, deliveries) !==
        (record.result as SlackThreadResult).fingerprint
      );
    },
    async run(context) {
      const { booking, records } = context;
      const prior = (context.previous?.result ?? {}) as SlackThreadResult;
      const [answers, history, roster, deliveries] = await Promise.all([
        loadAnswers(deps.store, booking.id),
        deps.store.listHistory(booking.id),
        deps.store.listCrew({ includeInactive: true }),
        loadDeliveries(booking.id),
      ]);
      const view = opsView(booking);
      const root = renderRootMessage(
        view,
        stepStatesFor(booking, records, deps.guestPageUrl),
        // Crew asked again after a change of time, boat or their place show as waiting again.
        withMailProblems(
          buildCrewBoard(view, latestAnswers(answers), roster, lastAskedByCrew(booking, history)),
          deliveries,
        ),
      );

      let ts = prior.ts;
      let fresh = false;
      let sinceRevision = prior.sinceRevision;
      if (ts) {
        const kept = await updateOrLose(deps.thread, ts, root);
        if (!kept) ts = undefined;
      } else {
        // An earlier run may have posted the root and crashed before recording it: find it by its metadata.
        ts = await deps.thread.findRoot(booking.id, new Date(booking.createdAt));
        if (ts) {
          sinceRevision ??= booking.revision;
          await context.save({ ...prior, ts, sinceRevision });
          await deps.thread.updateRoot(ts, root);
        }
      }
      if (!ts) {
        ts = await deps.thread.postRoot(root);
        fresh = true;
        sinceRevision ??= booking.revision;
        await context.save({ ...prior, ts, sinceRevision, posted: [] });
      }
      sinceRevision ??= booking.revision;

      const posted = new Set(fresh ? [] : (prior.posted ?? []));
      const wanted = plannedReplies(
        view,
        records,
        history,
        answers,
        roster,
        sinceRevision,
        deps.guestPageUrl,
        deliveries,
        { declinesAnsweredByLifecycle: deps.declinesAnsweredByLifecycle === true },
      ).filter((reply) => !posted.has(reply.key));
      if (wanted.length > 0) {
        // A crashed run may have posted some of these already: its replies carry their key as metadata.
        const inThread = fresh ? new Set<string>() : await deps.thread.replyKeys(ts);
        for (const reply of wanted) {
          if (!inThread.has(reply.key)) await deps.thread.postReply(ts, booking.id, reply.key, reply.message);
          posted.add(reply.key);
        }
      }
      // The captain is asked in a direct message (crewView only), never with buttons in the channel.
      const dms = new Set(prior.dms ?? []);
      for (const dm of plannedCaptainMessages(booking, history, roster, dms)) {
        await deps.thread.postDirect(dm.userId, dm.message);
        dms.add(dm.key);
        await context.save({ ...prior, ts, sinceRevision, posted: [...posted], dms: [...dms] });
      }
      return {
        ts,
        sinceRevision,
        posted: [...posted],
        fingerprint: threadFingerprint(booking, records, answers, deliveries),
        dms: [...dms],
      } satisfies SlackThreadResult;
    },
  };
}

async function updateOrLose(thread: SlackThread, ts: string, root: Parameters<SlackThread['updateRoot']>[1]) {
  try {
    await thread.updateRoot(ts, root);
    return true;
  } catch (error) {
    // Someone deleted the root message: post a fresh one rather than fail forever.
    // (A deleted root with replies is Slack's tombstone, which the app can no longer edit.)
    const code = (error as { data?: { error?: string } })?.data?.error;
    if (code === 'message_not_found' || code === 'cant_update_message') return false;
    throw error;
  }
}

/** Each step's state as the thread shows it; a record about an older revision shows as pending. */
export function stepStatesFor(
  booking: Booking,
  records: ReadonlyMap<StepName, StepRecord>,
  guestPageUrl: GuestPageUrl,
): StepState[] {
  return REPORTED_STEPS.map((name) => {
    const record = records.get(name);
    const base: StepState = {
      name: DISPLAY_NAME[name],
      status: 'pending',
      ...(booking.status === 'cancelled' ? { label: CANCELLED_LABEL[name] } : {}),
    };
    if (!record || record.revision !== booking.revision) return base;
    const reason = record.lastError?.message;
    switch (record.status) {
      case 'succeeded':
        return {
          ...base,
          status: 'done',
          ...(name === 'guest-page' && booking.status !== 'cancelled' ? { url: guestPageUrl(booking) } : {}),
        };
      case 'failed':
        return {
          ...base,
          status: 'failed',
          attempts: record.attempts,
          ...(reason ? { reason } : {}),
          ...failedExtras(booking, record),
        };
      default:
        return {
          ...base,
          status: 'running',
          attempts: record.attempts,
          ...(record.status === 'retrying' && reason ? { reason: `retrying: ${reason}` } : {}),
        };
    }
  });
}

/** A failed step's background retry (when and which run), or that a person must act on a permanent failure. */
function failedExtras(booking: Booking, record: StepRecord): Pick<StepState, 'retry' | 'permanent'> {
  const { retry } = record;
  if (retry?.revision === record.revision) {
    const at = formatLocalTime(new Date(retry.at), booking.schedule.timeZone);
    return { retry: { at, attempt: retry.attempt } };
  }
  return record.lastError?.kind === 'permanent' ? { permanent: true } : {};
}

/** Everything the thread shows, as one digest: when it differs from the recorded one, the thread is stale. */
export function threadFingerprint(
  booking: Booking,
  records: ReadonlyMap<StepName, StepRecord>,
  answers: readonly Confirmation[],
  deliveries: readonly Delivery[] = [],
): string {
  const steps = REPORTED_STEPS.map((name) => {
    const r = records.get(name);
    return r ? [name, r.revision, r.status, r.failures] : [name];
  });
  const said = answers.map((a) => `${a.crewId}@${a.at}`).sort();
  const guest = (deliveries as MailProblems).guest ?? [];
  const mail = [
    ...deliveries.map((d) => `${d.crewId}:${d.kind}@${d.at}`),
    ...guest.map((d) => `guest:${d.mail}:${d.kind}@${d.at}`),
  ].sort();
  // Without mail problems the digest is what it was before they existed: no thread redraws on upgrade.
  const parts: unknown[] = [booking.revision, booking.status, steps, said];
  if (mail.length > 0) parts.push(mail);
  return createHash('sha256').update(JSON.stringify(parts)).digest('base64url').slice(0, 22);
}

export interface PlannedReply {
  key: string;
  at: string;
  message: SlackMessage;
}

export function plannedReplies(
  view: OpsView,
  records: ReadonlyMap<StepName, StepRecord>,
  history: readonly HistoryEntry[],
  answers: readonly Confirmation[],
  roster: readonly CrewMember[],
  sinceRevision: number,
  guestPageUrl: GuestPageUrl,
  deliveries: readonly Delivery[] = [],
  options: { declinesAnsweredByLifecycle?: boolean } = {},
): PlannedReply[] {
  const replies: PlannedReply[] = [];
  const reply = (key: string, at: string, event: ThreadEvent) =>
    replies.push({ key, at, message: renderThreadReply(event) });
  const bookingId = view.id;

  for (const entry of history) {
    if (entry.revision < sinceRevision || entry.revision > view.revision) continue;
    const by = slackUser(entry.actor);
    const key = `history:${entry.revision}`;
    switch (entry.kind) {
      case 'created':
        reply(key, entry.at, { bookingId, by, kind: 'created' });
        break;
      case 'updated': {
        if (entry.changes.length > 0) {
          reply(key, entry.at, {
            bookingId,
            by,
            kind: 'changed',
            revision: entry.revision,
            changes: entry.changes,
          });
          break;
        }
        // A revision that changed nothing a person sees: a "Retry failed steps" or "Republish" press.
        const request = requestBehind(view, entry);
        if (request) reply(key, entry.at, { bookingId, by, kind: 'requested', what: request });
        break;
      }
      case 'status': {
        // The pipeline moves the status after the captain's answer, which has its own reply, and the root
        // shows the status; a completion has the lifecycle's reply ("Completed by …: 6 aboard"). Only a person
        // setting the status by hand is news here.
        const change = entry.changes.find((c) => c.field === 'status');
        const to = change && !isCrewChange(change) ? change.to : undefined;
        if (!by || to === 'completed') break;
        if (to === 'pending' || to === 'confirmed' || to === 'cancelled')
          reply(key, entry.at, { bookingId, by, kind: 'status', status: to });
        break;
      }
      case 'cancelled':
        reply(key, entry.at, { bookingId, by, kind: 'cancelled', reason: view.cancelReason });
        break;
    }
  }

  const onBooking = new Map(view.crew.map((a) => [a.crewId, a]));
  const slackIds = new Map(roster.map((m) => [m.id, m.slackUserId]));
  for (const answer of answers) {
    const assignment = onBooking.get(answer.crewId);
    if (!assignment) continue;
    // Said once: the lifecycle's "can't make it (reason). Who takes the place?" is the decline's reply.
    if (answer.answer === 'declined' && options.declinesAnsweredByLifecycle) continue;
    const slackUserId = slackIds.get(answer.crewId);
    const crew: CrewBoardEntry = {
      crewId: answer.crewId,
      name: assignment.name,
      role: assignment.role,
      answer: answer.answer,
      at: answer.at,
      via: answer.via,
      ...(answer.reason ? { reason: answer.reason } : {}),
      ...(slackUserId ? { slackUserId } : {}),
    };
    reply(`answer:${answer.crewId}:${answer.at}`, answer.at, { bookingId, kind: 'answer', crew });
  }

  // SES refused someone's address for good: say so once per person and problem, so ops can fix it.
  const scc = records.get('scc-event');
  const undeliverable =
    scc?.revision === view.revision ? (scc.result as SccEventResult).undeliverable : undefined;
  for (const { crewId, problem } of undeliverable ?? []) {
    const crewName = onBooking.get(crewId)?.name ?? crewId;
    reply(`undeliverable:${crewId}:${problem}`, scc?.updatedAt ?? view.updatedAt, {
      bookingId,
      kind: 'undeliverable',
      crewName,
      problem,
    });
  }

  // SES said, later, that someone's email bounced or was reported: say so once per person and message.
  const unreachable = unreachableCrew({
    crew: view.crew,
    asked: lastAskedByCrew(view, history),
    answered: countingAnswers(view, answers, history),
    trouble: deliveries,
  });
  for (const delivery of deliveries) {
    const assignment = onBooking.get(delivery.crewId);
    if (!assignment) continue;
    reply(`mail:${delivery.crewId}:${delivery.kind}:${delivery.messageId}`, delivery.at, {
      bookingId,
      kind: 'mail-feedback',
      crewId: delivery.crewId,
      crewName: assignment.name,
      mail: { kind: delivery.kind, problem: delivery.problem },
      ...(unreachable.get(delivery.crewId)?.at === delivery.at ? { unreachable: true } : {}),
    });
  }

  // SES said the guest's email bounced or was reported: once per message. Never the guest's address: crew
  // may read this channel.
  for (const delivery of (deliveries as MailProblems).guest ?? []) {
    reply(`guest-mail:${delivery.messageId}:${delivery.kind}`, delivery.at, {
      bookingId,
      kind: 'guest-mail-feedback',
      mail: delivery.mail,
      feedback: { kind: delivery.kind, problem: delivery.problem },
      slug: view.slug,
    });
  }

  // The pipeline's own progress ("set up", "out everywhere") lives in the root message's step lines, updated
  // in place; the thread hears of a step only when it failed and a person may have to act.
  const states = stepStatesFor(view, records, guestPageUrl);
  REPORTED_STEPS.forEach((name, i) => {
    const record = records.get(name);
    const state = states[i];
    if (!record || record.revision !== view.revision || !state) return;
    // Background retries after the first are shown in the root message, updated in place: one reply each
    // would flood the thread over a day of retries.
    const retrying = record.status === 'failed' && state.retry !== undefined;
    if (record.status === 'failed' && !(retrying && record.failures > 1)) {
      const at = record.lastError?.at ?? record.updatedAt;
      reply(`failed:${view.revision}:${name}:${record.failures}`, at, {
        bookingId,
        kind: 'step',
        step: state,
        final: true,
      });
    }
  });
  return replies.sort((a, b) => a.at.localeCompare(b.at));
}

/**
 * Every answer given on the booking, oldest first. The latest answer per person (the CONFIRMATION item, the
 * one the change feed carries) is merged in, so the answer that woke the pipeline is always seen even where
 * its history copy is not readable yet.
 */
export async function loadAnswers(
  store: Pick<ThreadStore, 'listAnswers' | 'listConfirmations'>,
  bookingId: string,
): Promise<Confirmation[]> {
  const [history, latest] = await Promise.all([
    store.listAnswers(bookingId),
    store.listConfirmations(bookingId),
  ]);
  const byKey = new Map<string, Confirmation>();
  for (const answer of [...history, ...latest]) byKey.set(`${answer.crewId}@${answer.at}`, answer);
  return [...byKey.values()].sort((a, b) => a.at.localeCompare(b.at));
}

/** Marks on the crew board who SES could not reach. */
function withMailProblems(board: CrewBoardEntry[], deliveries: readonly Delivery[]): CrewBoardEntry[] {
  if (deliveries.length === 0) return board;
  const byCrew = new Map(deliveries.map((d) => [d.crewId, d]));
  return board.map((entry) => {
    const delivery = byCrew.get(entry.crewId);
    return delivery ? { ...entry, mail: { kind: delivery.kind, problem: delivery.problem } } : entry;
  });
}

/** The latest answer per person, for the crew board. */
function latestAnswers(answers: readonly Confirmation[]): Confirmation[] {
  const latest = new Map<string, Confirmation>();
  for (const answer of answers) {
    const seen = latest.get(answer.crewId);
    if (!seen || seen.at <= answer.at) latest.set(answer.crewId, answer);
  }
  return [...latest.values()];
}

/**
 * The request (store.requestReconcile) that wrote a revision without visible changes: the booking keeps the
 * latest request, written at the same moment as that revision by the same person.
 */
function requestBehind(view: OpsView, entry: HistoryEntry): 'retry' | 'republish' | undefined {
  const request = (view as { reconcileRequest?: { what?: string; at?: string; by?: string } })
    .reconcileRequest;
  if (!request?.at || request.by !== entry.actor) return undefined;
  if (Math.abs(Date.parse(request.at) - Date.parse(entry.at)) > 5_000) return undefined;
  return request.what === 'retry' || request.what === 'republish' ? request.what : undefined;
}

/** History actors are Slack user ids, "pipeline", or a service name; only user ids can be mentioned. */
function slackUser(actor: string): string | undefined {
  return /^[UW][A-Z0-9]{2,}$/.test(actor) ? actor : undefined;
}
