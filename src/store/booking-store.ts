/**
 * The store's face: one object with every method the handlers, the pipeline and SCC call, delegating to one
 * module per aggregate on the single table (see table-definition.ts; keys in keys.ts):
 *
 *   bookings       booking-aggregate-store.ts  the booking, its slugs and history (written in one transaction)
 *   requests       booking-request-store.ts    retry / republish / remind-again, riding on the booking item
 *   roster         crew-roster-store.ts        crew members
 *   markers        marker-store.ts             once-only markers (claimOnce, readMarker)
 *   confirmations  confirmation-store.ts       crew answers (CONFIRM#), read with the legacy fallback here
 *
 * It adds no behaviour of its own except where one call spans two aggregates (recordConfirmation checks the
 * person is on the booking's crew). A caller that needs one aggregate only may take that store instead
 * (`store.roster`, or `new CrewRosterStore(doc, table)` in a composition root).
 */
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import {
  type Answer,
  type Booking,
  type BookingStatus,
  type Confirmation,
  ConfirmationSchema,
  type CrewMember,
  type HistoryEntry,
} from '../domain';
import { NotFoundError } from '../errors';
import {
  BookingAggregateStore,
  type BookingChange,
  type CompletionReport,
  type ListUpcomingOptions,
  type NewBooking,
} from './booking-aggregate-store';
import { BookingRequestStore, type ReconcileRequest } from './booking-request-store';
import { ConfirmationStore } from './confirmation-store';
import { CrewRosterStore } from './crew-roster-store';
import { MarkerStore } from './marker-store';

type Item = Record<string, unknown>;

export class DynamoBookingStore {
  /** The booking, its slugs and history. */
  readonly bookings: BookingAggregateStore;
  /** Requests to the pipeline that ride on the booking item. */
  readonly requests: BookingRequestStore;
  /** Crew members (ops-side: they hold rates). */
  readonly roster: CrewRosterStore;
  /** Once-only markers. */
  readonly markers: MarkerStore;
  /** Crew answers live in their own partition; the booking store reads old ones in BOOKING# too. */
  private readonly confirmations: ConfirmationStore;

  constructor(doc: DynamoDBDocumentClient, tableName: string, now: () => Date = () => new Date()) {
    this.bookings = new BookingAggregateStore(doc, tableName, now);
    this.requests = new BookingRequestStore(this.bookings, now);
    this.roster = new CrewRosterStore(doc, tableName);
    this.markers = new MarkerStore(doc, tableName, now);
    this.confirmations = new ConfirmationStore(doc, tableName, { withLegacy: true });
  }

  // ── bookings, slugs and history (booking-aggregate-store.ts) ───────────────

  /** Creates a booking with a slug unique to its domain: its words plus a random code (drawn again if taken). */
  async createBooking(request: NewBooking): Promise<Booking> {
    return this.bookings.createBooking(request);
  }

  async getBooking(id: string): Promise<Booking | undefined> {
    return this.bookings.getBooking(id);
  }

  async requireBooking(id: string): Promise<Booking> {
    return this.bookings.requireBooking(id);
  }

  /** Finds a booking by its current or a previous slug on a domain. */
  async getBookingBySlug(domain: string, slug: string): Promise<Booking | undefined> {
    return this.bookings.getBookingBySlug(domain, slug);
  }

  /** Finds a booking by slug on any domain (slugs are unique per domain; the first match wins). */
  async findBookingBySlug(slug: string, domains: readonly string[]): Promise<Booking | undefined> {
    return this.bookings.findBookingBySlug(slug, domains);
  }

  /** Charters starting from `from` (by start time), soonest first. */
  async listUpcoming(options: ListUpcomingOptions): Promise<Booking[]> {
    return this.bookings.listUpcoming(options);
  }

  /** Replaces the editable fields at `expectedRevision`; a new slug is reserved, the old one still resolves. */
  async updateBooking(
    id: string,
    expectedRevision: number,
    change: BookingChange,
    actor: string,
  ): Promise<Booking> {
    return this.bookings.updateBooking(id, expectedRevision, change, actor);
  }

  /** Moves the booking to another status (e.g. confirmed by the captain), guarded by revision. */
  async setStatus(
    id: string,
    expectedRevision: number,
    status: BookingStatus,
    actor: string,
  ): Promise<Booking> {
    return this.bookings.setStatus(id, expectedRevision, status, actor);
  }

  /** Cancels, keeping the booking and its history; the pipeline takes the downstream copies down. */
  async cancelBooking(id: string, expectedRevision: number, reason: string, actor: string): Promise<Booking> {
    return this.bookings.cancelBooking(id, expectedRevision, reason, actor);
  }

  /** Completes the charter with the captain's report (`completion: {headCount, note, at, by}`). */
  async completeBooking(
    id: string,
    expectedRevision: number,
    report: CompletionReport,
    actor: string,
  ): Promise<Booking> {
    return this.bookings.completeBooking(id, expectedRevision, report, actor);
  }

  /** Every change to a booking, oldest first: who, when, which fields, from → to. Ops-only data. */
  async listHistory(bookingId: string): Promise<HistoryEntry[]> {
    return this.bookings.listHistory(bookingId);
  }

  // ── requests to the pipeline (booking-request-store.ts) ────────────────────

  /** Asks the pipeline to `retry` the booking's failed steps or `republish` its guest page. */
  async requestReconcile(
    id: string,
    expectedRevision: number,
    what: ReconcileRequest['what'],
    actor: string,
  ): Promise<Booking> {
    return this.requests.requestReconcile(id, expectedRevision, what, actor);
  }

  /** Asks the pipeline to email `crewId` a reminder to answer ("Remind again"). */
  async requestCrewReminder(
    id: string,
    expectedRevision: number,
    crewId: string,
    actor: string,
  ): Promise<Booking> {
    return this.requests.requestCrewReminder(id, expectedRevision, crewId, actor);
  }

  // ── crew roster (crew-roster-store.ts) ─────────────────────────────────────

  async putCrewMember(member: CrewMember): Promise<void> {
    return this.roster.putCrewMember(member);
  }

  async getCrewMember(id: string): Promise<CrewMember | undefined> {
    return this.roster.getCrewMember(id);
  }

  /** The roster by name; removed members are kept (bookings refer to them) but left out unless asked. */
  async listCrew(options: { includeInactive?: boolean } = {}): Promise<CrewMember[]> {
    return this.roster.listCrew(options);
  }

  /** Removes a member from the roster (soft: past bookings still name them). */
  async removeCrewMember(id: string): Promise<CrewMember> {
    return this.roster.removeCrewMember(id);
  }

  // ── confirmations (confirmation-store.ts) ──────────────────────────────────

  /**
   * Records a crew answer of someone on the booking's crew (confirmation-store.ts keeps it, in CONFIRM#<id>).
   * Repeating the same answer changes nothing.
   */
  async recordConfirmation(confirmation: Confirmation): Promise<{ changed: boolean }> {
    const valid = ConfirmationSchema.parse(confirmation);
    const booking = await this.requireBooking(valid.bookingId);
    if (!booking.crew.some((a) => a.crewId === valid.crewId)) {
      throw new NotFoundError('That person is not on this charter.');
    }
    return this.confirmations.recordConfirmation(valid);
  }

  /** The latest answer of each person, including answers stored before they moved out of BOOKING#. */
  async listConfirmations(bookingId: string): Promise<Confirmation[]> {
    return this.confirmations.listConfirmations(bookingId);
  }

  /** Every answer ever given on a booking, oldest first. */
  async listAnswers(bookingId: string): Promise<Confirmation[]> {
    return this.confirmations.listAnswers(bookingId);
  }

  async latestAnswer(bookingId: string, crewId: string): Promise<Answer | undefined> {
    return this.confirmations.latestAnswer(bookingId, crewId);
  }

  // ── once-only markers (marker-store.ts) ────────────────────────────────────

  /**
   * Claims `key` for `ttlSeconds`: true the first time, false while an earlier claim lives. Used to drop
   * Slack's retries and double clicks, and to record an email's intent before sending it.
   */
  async claimOnce(key: string, ttlSeconds: number, value: Item = {}): Promise<boolean> {
    return this.markers.claimOnce(key, ttlSeconds, value);
  }

  async readMarker(key: string): Promise<Item | undefined> {
    return this.markers.readMarker(key);
  }
}

// Named here too, so imports of these from './booking-store' (as before the split) keep working.
export {
  type BookingChange,
  type CompletionReport,
  type ListUpcomingOptions,
  type NewBooking,
  newBookingId,
  toBooking,
} from './booking-aggregate-store';
export type { CrewReminderRequest, ReconcileRequest } from './booking-request-store';
