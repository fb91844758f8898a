/**
 * The decline cascade and *Replace…*: who may take a person's place on a charter (the domain's rankCandidates:
 * everyone active, not on it already, not someone who declined it; free people of the role first, then
 * others; someone on another charter then or away is last, and never proposed by the cascade),
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
  countingAnswers,
  declinedOnBooking,
  isFree,
  type RankedCandidate,
  rankCandidates,
  type TimeOff,
  type ValidBookingInput,
} from '../domain';
import { StaleRevisionError } from '../errors';
import type { BookingChange, DynamoBookingStore, DynamoTimeOffStore } from '../store';

export type CascadeStore = Pick<
  DynamoBookingStore,
  'getBooking' | 'listCrew' | 'listUpcoming' | 'listConfirmations' | 'listHistory' | 'updateBooking'
>;

/** Who is away when: the cascade reads time off around the charter's day. */
export type TimeOffReader = Pick<DynamoTimeOffStore, 'listTimeOffBetween'>;

/** How far before a charter another one may start and still overlap it (charters last at most a day). */
const OVERLAP_LOOKBACK_MS = 24 * 3600 * 1000;

export interface Candidates {
  assignment: CrewAssignment;
  /** Free people of the place's role, by name: the first is the one the thread proposes. */
  available: CrewMember[];
  /** Everyone who could take the place, ranked (domain rankCandidates): what *Replace…* offers. */
  ranked: RankedCandidate[];
}

/** A day either side of the charter's date: enough for any zone; the domain keeps only what overlaps. */
export async function timeOffAround(timeOff: TimeOffReader, booking: Booking): Promise<TimeOff[]> {
  const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);
  const dayMs = 24 * 3600 * 1000;
  return timeOff.listTimeOffBetween(
    day(Date.parse(booking.startsAt) - dayMs),
    day(Date.parse(booking.endsAt) + dayMs),
  );
}

/** Who may take `crewId`'s place on `booking`; undefined when that person is not on it. */
export async function findCandidates(
  store: Pick<CascadeStore, 'listCrew' | 'listUpcoming' | 'listConfirmations'>,
  timeOff: TimeOffReader,
  booking: Booking,
  crewId: string,
  /** Also never offered the place: people this charter's mail could not reach (domain: unreachableEver). */
  unreachable: ReadonlySet<string> = new Set(),
): Promise<Candidates | undefined> {
  const assignment = booking.crew.find((a) => a.crewId === crewId);
  if (!assignment) return undefined;
  const [roster, otherBookings, confirmations, entries] = await Promise.all([
    store.listCrew(),
    store.listUpcoming({
      from: new Date(Date.parse(booking.startsAt) - OVERLAP_LOOKBACK_MS),
      to: new Date(booking.endsAt),
      limit: 500,
    }),
    store.listConfirmations(booking.id),
    timeOffAround(timeOff, booking),
  ]);
  const ranked = rankCandidates({
    booking,
    role: assignment.role,
    roster,
    otherBookings,
    // Never offered the place: those who declined it, and those this charter's mail could not reach.
    declinedBy: new Set([...declinedOnBooking(confirmations), ...unreachable]),
    timeOff: entries,
  });
  const available = ranked.filter((c) => c.sameRole && isFree(c)).map((c) => c.member);
  return { assignment, available, ranked };
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
  timeOff: TimeOffReader,
  request: {
    bookingId: string;
    crewId: string;
    candidateId: string;
    actor: string;
    /**
     * `anyone`: an operator chose from *Replace…*, which lists the busy and the away too, marked (their call,
     * as the booking form allows it). `free` (default): the thread's proposal, good only while still free.
     */
    accept?: 'free' | 'anyone';
  },
): Promise<OfferOutcome> {
  for (let attempt = 0; ; attempt++) {
    const booking = await store.getBooking(request.bookingId);
    if (!booking) return { kind: 'missing' };
    if (booking.status === 'cancelled' || booking.status === 'completed') return { kind: 'closed', booking };
    const found = await findCandidates(store, timeOff, booking, request.crewId);
    if (!found) return { kind: 'gone', booking };
    const { assignment } = found;
    const [confirmations, history] = await Promise.all([
      store.listConfirmations(booking.id),
      store.listHistory(booking.id),
    ]);
    if (countingAnswers(booking, confirmations, history).get(request.crewId)?.answer === 'confirmed') {
      return { kind: 'confirmed', booking, assignment };
    }
    const member =
      request.accept === 'anyone'
        ? found.ranked.find((c) => c.member.id === request.candidateId)?.member
        : found.available.find((m) => m.id === request.candidateId);
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
