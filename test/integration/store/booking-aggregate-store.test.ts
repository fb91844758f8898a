/**
 * The booking aggregate's own surface beyond what the facade's tests cover (booking-store.test.ts):
 * `reviseBooking`, the one guarded write the request store and the status changes go through.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { type Booking, scheduleInstants } from '../../../src/domain';
import { ConflictError, StaleRevisionError } from '../../../src/errors';
import { BookingAggregateStore } from '../../../src/store';
import { createTestTable } from '../../helpers/dynamo';
import { aBookingInput } from '../../helpers/fixtures';

let store: BookingAggregateStore;
const now = new Date('2026-11-24T12:00:00.000Z');

beforeAll(async () => {
  const table = await createTestTable('aggregate');
  store = new BookingAggregateStore(table.doc, table.tableName, () => now);
});

async function aStoredBooking(date: string): Promise<Booking> {
  const input = aBookingInput({ schedule: { date } });
  return store.createBooking({
    input,
    boat: { id: 'jada', name: 'Jada' },
    ...scheduleInstants(input.schedule),
    actor: 'UOP',
  });
}

describe('BookingAggregateStore.reviseBooking', () => {
  it('writes the change one revision up, with a history entry of the given kind in the same write', async () => {
    const created = await aStoredBooking('2027-06-01');

    const revised = await store.reviseBooking(created.id, 1, 'UANA', 'status', (current) => ({
      ...current,
      status: 'confirmed',
    }));

    expect(revised).toMatchObject({
      revision: 2,
      status: 'confirmed',
      updatedBy: 'UANA',
      updatedAt: now.toISOString(),
    });
    expect(await store.getBooking(created.id)).toEqual(revised);
    const history = await store.listHistory(created.id);
    expect(history.map((h) => [h.revision, h.kind, h.actor])).toEqual([
      [1, 'created', 'UOP'],
      [2, 'status', 'UANA'],
    ]);
    expect(history[1]?.changes).toEqual([{ field: 'status', from: 'pending', to: 'confirmed' }]);
  });

  it('refuses a stale revision before asking for the change, and writes nothing', async () => {
    const created = await aStoredBooking('2027-06-02');
    let asked = false;

    await expect(
      store.reviseBooking(created.id, 7, 'UANA', 'updated', (current) => {
        asked = true;
        return current;
      }),
    ).rejects.toThrow(StaleRevisionError);

    expect(asked).toBe(false);
    expect((await store.getBooking(created.id))?.revision).toBe(1);
    expect(await store.listHistory(created.id)).toHaveLength(1);
  });

  it('writes nothing when the change refuses by throwing', async () => {
    const created = await aStoredBooking('2027-06-03');

    await expect(
      store.reviseBooking(created.id, 1, 'UANA', 'updated', () => {
        throw new ConflictError('Not now.');
      }),
    ).rejects.toThrow('Not now.');

    expect(await store.getBooking(created.id)).toEqual(created);
    expect(await store.listHistory(created.id)).toHaveLength(1);
  });

  it('keeps the id, domain and slugs as read, whatever the change returns (slugs move only with updateBooking)', async () => {
    const created = await aStoredBooking('2027-06-04');

    const revised = await store.reviseBooking(created.id, 1, 'UANA', 'updated', (current) => ({
      ...current,
      id: 'bk-someone-else',
      domain: 'queenofsandiego.com',
      slug: 'hijacked',
      previousSlugs: ['x'],
      title: 'Renamed',
    }));

    expect(revised).toMatchObject({
      id: created.id,
      domain: created.domain,
      slug: created.slug,
      previousSlugs: [],
      title: 'Renamed',
    });
    expect(await store.getBooking('bk-someone-else')).toBeUndefined();
    expect(await store.getBookingBySlug('sailjada.com', 'hijacked')).toBeUndefined();
  });

  it('lets exactly one of two revisions racing on the same revision win', async () => {
    const created = await aStoredBooking('2027-06-05');
    const revise = (title: string) =>
      store.reviseBooking(created.id, 1, 'UANA', 'updated', (current) => ({ ...current, title }));

    const outcomes = await Promise.allSettled([revise('A'), revise('B')]);

    expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
    const lost = outcomes.find((o) => o.status === 'rejected') as PromiseRejectedResult;
    expect(lost.reason).toBeInstanceOf(StaleRevisionError);
    expect(await store.listHistory(created.id)).toHaveLength(2);
  });
});
