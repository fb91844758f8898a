/**
 * Step 1: the crew event in ShipCaptainCrew. Created once per booking, updated on every new revision,
 * cancelled when the booking is. SCC then emails each crew member their magic link.
 *
 * Safe to repeat because:
 * - create is a POST with an Idempotency-Key (booking id + revision + step) that is recorded on the step
 *   record *before* the POST and reused by every later try until the event id is known, so a crash between
 *   "SCC created it" and "we recorded it" replays the same key and SCC answers with the first event;
 * - update is a PUT by id, cancel a DELETE by id (404: already gone).
 *
 * Email has no idempotency key. SCC, which sends the crew emails, records each email's intent (an EMAIL#
 * record, pending → sent) before handing it to SES, so a crash can at worst send one email twice (the one
 * in flight), never lose one. Nothing here sends email, but this step is not done while SCC reports an email
 * still in flight (SccClient treats that as transient): an email whose sender crashed is asked for again,
 * by repeating the same idempotent write, once SCC frees the crashed sender's claim.
 *
 * Crew-facing data only: the payload is SCC's strict schema (no price, costs, internal notes or guest
 * contact); `notes` are the guest notes.
 */

import { SCC_SERVICE, type SccClient } from '../../clients';
import { type Booking, opsView, paidByCaptainFee } from '../../domain';
import { NotFoundError } from '../../errors';
import type { SccEventInput } from '../../scc/contract';
import type { CrewRosterStore } from '../../store';
import type { PipelineStep, StepContext } from './step';

export interface SccEventResult {
  eventId?: string;
  /** The Idempotency-Key of the create, recorded before it is sent. */
  createKey?: string;
  /** The revision whose payload the create carried. */
  createRevision?: number;
  cancelled?: boolean;
  /** Crew SES would not deliver to (a bad or suppressed address): shown in the thread, not retried. */
  undeliverable?: { crewId: string; problem: string }[];
  [key: string]: unknown;
}

export function sccEventStep(deps: {
  scc: SccClient;
  roster: Pick<CrewRosterStore, 'getCrewMember'>;
}): PipelineStep {
  return {
    name: 'scc-event',
    service: SCC_SERVICE,
    dependsOn: [],
    async run(context) {
      const { booking } = context;
      const prior = (context.previous?.result ?? {}) as SccEventResult;
      if (booking.status === 'cancelled') return cancel(deps.scc, booking, prior);
      const payload = await sccPayload(booking, deps.roster);
      if (prior.eventId) {
        const updated = await deps.scc.updateEvent(prior.eventId, payload);
        if (updated)
          return {
            ...prior,
            eventId: updated.eventId,
            cancelled: false,
            undeliverable: updated.undeliverable,
          };
        // Someone deleted it in SCC: create it again, under a new key.
        return create(deps.scc, context, payload, {});
      }
      return create(deps.scc, context, payload, prior);
    },
  };
}

async function create(
  scc: SccClient,
  context: StepContext,
  payload: SccEventInput,
  prior: SccEventResult,
): Promise<SccEventResult> {
  const { booking } = context;
  let intent = prior;
  if (!prior.createKey) {
    intent = {
      ...prior,
      createKey: `${booking.id}:${booking.revision}:scc-event`,
      createRevision: booking.revision,
    };
    await context.save(intent);
  }
  const created = await scc.createEvent(payload, intent.createKey as string);
  // A key recorded at an earlier revision replays that revision's event: bring it up to date.
  const updated =
    intent.createRevision !== booking.revision ? await scc.updateEvent(created.eventId, payload) : undefined;
  return {
    ...intent,
    eventId: created.eventId,
    cancelled: false,
    undeliverable: (updated ?? created).undeliverable,
  };
}

async function cancel(scc: SccClient, booking: Booking, prior: SccEventResult): Promise<SccEventResult> {
  // Nothing was ever sent to SCC: nothing to take down, and nobody to tell.
  if (!prior.eventId && !prior.createKey) return { ...prior, cancelled: true };
  await scc.cancelEvent(prior.eventId ?? booking.id, booking.cancelReason);
  return { ...prior, cancelled: true };
}

/** The event as SCC takes it; crew emails (and the captain's phone) come from the roster, since assignments carry none. */
export async function sccPayload(
  booking: Booking,
  roster: Pick<CrewRosterStore, 'getCrewMember'>,
): Promise<SccEventInput> {
  const view = opsView(booking);
  const crew = await Promise.all(
    view.crew.map(async (assignment) => {
      const member = await roster.getCrewMember(assignment.crewId);
      if (!member) {
        throw new NotFoundError(
          `${assignment.name} is not on the crew roster, so ShipCaptainCrew cannot email them. Add them to the roster, then retry.`,
        );
      }
      return {
        crewId: assignment.crewId,
        name: assignment.name,
        email: member.email,
        role: assignment.role,
        hourly_rate: assignment.hourlyRateCents,
        // The captain's phone, for their crew's page; nobody else's number leaves the roster.
        ...(assignment.role === 'captain' && member.phone ? { phone: member.phone } : {}),
        // The captain fee is the captain's pay (issue #18 item 6): on their assignment, seen only by them.
        ...(paidByCaptainFee(view, assignment) ? { captain_fee: view.captainFeeCents } : {}),
      };
    }),
  );
  return {
    bookingId: view.id,
    revision: view.revision,
    title: view.title,
    schedule: {
      date: view.schedule.date,
      startTime: view.schedule.startTime,
      endTime: view.schedule.endTime,
      timeZone: view.schedule.timeZone,
      startsAt: view.startsAt,
      endsAt: view.endsAt,
    },
    boat: { id: view.boat.id, name: view.boat.name },
    meetingPoint: view.meetingPoint,
    domain: view.domain,
    notes: view.guestNotes,
    crew_assignments: crew,
    partySize: view.guest.partySize,
    slug: view.slug,
  };
}
