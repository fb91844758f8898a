/** Requests to the pipeline ride on the booking item: revision-guarded, in the history, nothing else touched. */
import { beforeAll, describe, expect, it } from 'vitest';
import { type Booking, scheduleInstants } from '../../../src/domain';
import { NotFoundError, StaleRevisionError } from '../../../src/errors';
import {
  BookingAggregateStore,
  BookingRequestStore,
  type CrewReminderRequest,
  KEPT_REMINDER_REQUESTS,
  type ReconcileRequest,
} from '../../../src/store';
import { createTestTable } from '../../helpers/dynamo';
import { aBookingInput } from '../../helpers/fixtures';

let bookings: BookingAggregateStore;
let requests: BookingRequestStore;
const now = new Date('2026-11-24T12:00:00.000Z');

beforeAll(async () => {
  const table = await createTestTable('requests');
  bookings = new BookingAggregateStore(table.doc, table.tableName, () => now);
  requests = new BookingRequestStore(bookings, () => now);
});

async function aStoredBooking(date: string): Promise<Booking> {
  const input = aBookingInput({ schedule: { date } });
  return bookings.createBooking({
    input,
    boat: { id: 'jada', name: 'Jada' },
    ...scheduleInstants(input.schedule),
    actor: 'UOP',
  });
}

const reconcileRequestOf = (b: Booking | undefined) =>
  (b as { reconcileRequest?: ReconcileRequest } | undefined)?.reconcileRequest;
const reminderRequestsOf = (b: Booking | undefined) =>
  (b as { reminderRequests?: CrewReminderRequest[] } | undefined)?.reminderRequests;

describe('BookingRequestStore', () => {
  it('records a retry request on the booking one revision up, in its history as an update', async () => {
    const created = await aStoredBooking('2027-07-01');

    const asked = await requests.requestReconcile(created.id, 1, 'retry', 'UOP2');

    expect(asked.revision).toBe(2);
    expect(reconcileRequestOf(await bookings.getBooking(created.id))).toEqual({
      what: 'retry',
      at: now.toISOString(),
      by: 'UOP2',
    });
    expect((await bookings.listHistory(created.id)).map((h) => [h.revision, h.kind, h.actor])).toEqual([
      [1, 'created', 'UOP'],
      [2, 'updated', 'UOP2'],
    ]);
  });

  it('refuses a request at a stale revision', async () => {
    const created = await aStoredBooking('2027-07-02');
    await requests.requestReconcile(created.id, 1, 'republish', 'UOP');

    await expect(requests.requestReconcile(created.id, 1, 'republish', 'UOP')).rejects.toThrow(
      StaleRevisionError,
    );
  });

  it('names a reminder request by the revision it makes and the person, keeping earlier ones', async () => {
    const created = await aStoredBooking('2027-07-03');

    await requests.requestCrewReminder(created.id, 1, 'ben-okafor', 'UOP');
    await requests.requestCrewReminder(created.id, 2, 'ana-ruiz', 'UOP');

    expect(reminderRequestsOf(await bookings.getBooking(created.id))).toEqual([
      { id: '2-ben-okafor', crewId: 'ben-okafor', at: now.toISOString(), by: 'UOP' },
      { id: '3-ana-ruiz', crewId: 'ana-ruiz', at: now.toISOString(), by: 'UOP' },
    ]);
  });

  it(`keeps only the latest ${KEPT_REMINDER_REQUESTS} reminder requests`, async () => {
    let booking = await aStoredBooking('2027-07-04');

    for (let i = 0; i < KEPT_REMINDER_REQUESTS + 2; i++) {
      booking = await requests.requestCrewReminder(booking.id, booking.revision, 'ben-okafor', 'UOP');
    }

    const kept = reminderRequestsOf(await bookings.getBooking(booking.id)) ?? [];
    expect(kept).toHaveLength(KEPT_REMINDER_REQUESTS);
    expect(kept[0]?.id).toBe('4-ben-okafor');
    expect(kept.at(-1)?.id).toBe(`${booking.revision}-ben-okafor`);
  });

  it('refuses a reminder for someone not on the charter and writes nothing', async () => {
    const created = await aStoredBooking('2027-07-05');

    await expect(requests.requestCrewReminder(created.id, 1, 'stranger', 'UOP')).rejects.toThrow(
      NotFoundError,
    );

    expect(await bookings.getBooking(created.id)).toEqual(created);
    expect(await bookings.listHistory(created.id)).toHaveLength(1);
  });
});
