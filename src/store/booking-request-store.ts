/**
 * Requests to the pipeline that people make from Slack ("Retry", "Republish", "Remind again"). They ride on the
 * booking item (`reconcileRequest`, `reminderRequests`) with a revision bump, so the change feed carries them
 * like any other change: no second channel to the pipeline, and every request is in the booking's history.
 *
 * Writes only through BookingAggregateStore.reviseBooking: guarded by revision (StaleRevisionError), never
 * without its history entry, never touching the booking's other fields.
 */
import type { Booking } from '../domain';
import { NotFoundError } from '../errors';
import type { BookingAggregateStore } from './booking-aggregate-store';

/** A person's request that the pipeline run again; see requestReconcile. */
export interface ReconcileRequest {
  what: 'retry' | 'republish';
  at: string;
  by: string;
}

/** "Remind again" pressed in the thread: the pipeline emails the person a reminder once per request id. */
export interface CrewReminderRequest {
  id: string;
  crewId: string;
  at: string;
  by: string;
}

/** How many reminder requests a booking keeps (the pipeline handles each at the revision it came with). */
export const KEPT_REMINDER_REQUESTS = 20;

export class BookingRequestStore {
  constructor(
    private readonly bookings: Pick<BookingAggregateStore, 'reviseBooking'>,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /**
   * Asks the pipeline to run the booking again: `retry` its failed steps or `republish` the guest page. Writes
   * `reconcileRequest: {what, at, by}` on the booking with a revision bump. Guarded by revision like every write.
   */
  async requestReconcile(
    id: string,
    expectedRevision: number,
    what: ReconcileRequest['what'],
    actor: string,
  ): Promise<Booking> {
    return this.bookings.reviseBooking(id, expectedRevision, actor, 'updated', (current) => {
      const request: ReconcileRequest = { what, at: this.now().toISOString(), by: actor };
      return { ...current, reconcileRequest: request } as Booking;
    });
  }

  /**
   * Asks the pipeline to email `crewId` a reminder to answer ("Remind again"): appends the request to the
   * booking's `reminderRequests` (the latest KEPT_REMINDER_REQUESTS are kept) with a revision bump; its id is
   * `<new revision>-<crewId>`. NotFoundError when the person is no longer on the charter. Guarded by revision.
   */
  async requestCrewReminder(
    id: string,
    expectedRevision: number,
    crewId: string,
    actor: string,
  ): Promise<Booking> {
    return this.bookings.reviseBooking(id, expectedRevision, actor, 'updated', (current) => {
      if (!current.crew.some((a) => a.crewId === crewId)) {
        throw new NotFoundError('That person is not on this charter any more.');
      }
      const at = this.now().toISOString();
      const request: CrewReminderRequest = { id: `${expectedRevision + 1}-${crewId}`, crewId, at, by: actor };
      const earlier = (current as { reminderRequests?: CrewReminderRequest[] }).reminderRequests ?? [];
      return {
        ...current,
        reminderRequests: [...earlier, request].slice(-KEPT_REMINDER_REQUESTS),
      } as Booking;
    });
  }
}
