/**
 * The decline cascade: who may take a person's place on a charter (same role, active, not on it already, not
 * someone who declined it, not on another charter at an overlapping time: the domain's nextCandidate rule),
 * and offering the place, which replaces the person in the booking's crew through an ordinary revision-
 * guarded update. The pipeline then does the rest: SCC invites the new person and tells the old one, the
 * crew board and the timers follow.
 *
 * Never contacts anyone itself: it only writes the booking.
 */
import {
  type Booking,
  BookingInputSchema,
  bookingInputOf,
  type CrewAssignment,
  type CrewMember,
  nextCandidate,
  type ValidBookingInput,
} from '../domain';
import { countingAnswers, declinedOnBooking } from '../domain/crew-answers';
import { StaleRevisionError } from '../errors';
import type { BookingChange, DynamoBookingStore } from '../store';

export type CascadeStore = Pick<
  DynamoBookingStore,
  'getBooking' | 'listCrew' | 'listUpcoming' | 'listConfirmations' | 'listHistory' | 'updateBooking'
>;

/** How far before a charter another one may start and still overlap it (charters last at most a day). */
const OVERLAP_LOOKBACK_MS = 24 * 3600 * 1000;

export interface Candidates {
  assignment: CrewAssignment;
  /** Everyone who may take the place, by name; the first is the one the thread proposes. */
  available: CrewMember[];
}

/** Who may take `crewId`'s place on `booking`; undefined when that person is not on it. */
export async function findCandidates(
  store: Pick<CascadeStore, 'listCrew' | 'listUpcoming' | 'listConfirmations'>,
  booking: Booking,
  crewId: string,
): Promise<Candidates | undefined> {
  const assignment = booking.crew.find((a) => a.crewId === crewId);
  if (!assignment) return undefined;
  const [roster, otherBookings, confirmations] = await Promise.all([
    store.listCrew(),
    store.listUpcoming({
      from: new Date(Date.parse(booking.startsAt) - OVERLAP_LOOKBACK_MS),
      to: new Date(booking.endsAt),
      limit: 500,
    }),
    store.listConfirmations(booking.id),
  ]);
  const declinedBy = declinedOnBooking(confirmations);
  // One rule, the domain's: a member is available when nextCandidate would pick them from a roster of one.
  const available = roster
    .filter(
      (member) =>
        nextCandidate({ booking, role: assignment.role, roster: [member], otherBookings, declinedBy }) !==
        undefined,
    )
    .sort((a, b) => a.name.localeCompare(b.name));
  return { assignment, available };
}

/** The booking change that puts `member` in `crewId`'s place, at the member's roster rate. */
export function replacementChange(booking: Booking, crewId: string, member: CrewMember): BookingChange {
  const crew = booking.crew.map((a) =>
    a.crewId === crewId
      ? {
          crewId: member.id,
          name: member.name,
          role: a.role,
          hourlyRateCents: member.defaultHourlyRateCents,
          ...(member.slackUserId ? { slackUserId: member.slackUserId } : {}),
        }
      : a,
  );
  const input: ValidBookingInput = BookingInputSchema.parse({ ...bookingInputOf(booking), crew });
  return { input, boat: booking.boat, startsAt: booking.startsAt, endsAt: booking.endsAt };
}

export type OfferOutcome =
  | { kind: 'offered'; booking: Booking; replaced: CrewAssignment; member: CrewMember }
  | { kind: 'missing' }
  /** Cancelled or completed: nobody is offered anything. */
  | { kind: 'closed'; booking: Booking }
  /** The person is no longer on the charter (someone replaced them already). */
  | { kind: 'gone'; booking: Booking }
  /** The person confirmed after all: their place is not free. */
  | { kind: 'confirmed'; booking: Booking; assignment: CrewAssignment }
  /** The candidate can no longer take it (busy meanwhile, declined, left the roster…). */
  | { kind: 'unavailable'; booking: Booking; assignment: CrewAssignment };

/**
 * Offers `crewId`'s place to `candidateId`: replaces the person in the crew with a revision bump, after
 * checking the place is still free and the candidate still available. A lost race with another write is
 * read again and decided again (twice at most), so a double click offers once.
 */
export async function offerPlace(
  store: CascadeStore,
  request: { bookingId: string; crewId: string; candidateId: string; actor: string },
): Promise<OfferOutcome> {
  for (let attempt = 0; ; attempt++) {
    const booking = await store.getBooking(request.bookingId);
    if (!booking) return { kind: 'missing' };
    if (booking.status === 'cancelled' || booking.status === 'completed') return { kind: 'closed', booking };
    const found = await findCandidates(store, booking, request.crewId);
    if (!found) return { kind: 'gone', booking };
    const { assignment } = found;
    const [confirmations, history] = await Promise.all([
      store.listConfirmations(booking.id),
      store.listHistory(booking.id),
    ]);
    if (countingAnswers(booking, confirmations, history).get(request.crewId)?.answer === 'confirmed') {
      return { kind: 'confirmed', booking, assignment };
    }
    const member = found.available.find((m) => m.id === request.candidateId);
    if (!member) return { kind: 'unavailable', booking, assignment };
    try {
      const written = await store.updateBooking(
        booking.id,
        booking.revision,
        replacementChange(booking, request.crewId, member),
        request.actor,
      );
      return { kind: 'offered', booking: written, replaced: assignment, member };
    } catch (error) {
      if (error instanceof StaleRevisionError && attempt < 2) continue;
      throw error;
    }
  }
}
