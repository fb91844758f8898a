/** The booking store against DynamoDB Local: real transactions, real conditional writes. No mocks. */
import { beforeAll, describe, expect, it } from 'vitest';
import { scheduleInstants, type ValidBookingInput } from '../../../src/domain';
import { ConflictError, NotFoundError, StaleRevisionError } from '../../../src/errors';
import { DynamoBookingStore, type NewBooking } from '../../../src/store';
import { createTestTable, type TestTable } from '../../helpers/dynamo';
import { aBookingInput, TEST_CREW } from '../../helpers/fixtures';

let table: TestTable;
let store: DynamoBookingStore;

beforeAll(async () => {
  table = await createTestTable('store');
  store = new DynamoBookingStore(table.doc, table.tableName);
});

function newBooking(input: ValidBookingInput = aBookingInput(), extra: Partial<NewBooking> = {}): NewBooking {
  return {
    input,
    boat: { id: input.boatId, name: 'Jada' },
    ...scheduleInstants(input.schedule),
    actor: 'UOP',
    ...extra,
  };
}

function onDate(date: string, overrides: Parameters<typeof aBookingInput>[0] = {}) {
  return aBookingInput({ ...overrides, schedule: { date, ...overrides.schedule } });
}

describe('DynamoBookingStore: bookings', () => {
  it('creates a booking at revision 1 with a friendly, unguessable slug and reads it back by id and by slug', async () => {
    const created = await store.createBooking(newBooking(onDate('2027-01-10')));
    expect(created).toMatchObject({ revision: 1, status: 'pending' });
    expect(created.slug).toMatch(/^sunset-sail-smith-2027-01-10-[0-9a-z]{12}$/);
    expect(created.id).toMatch(/^bk-[0-9a-z]+-[0-9a-z]{12}$/);
    expect(await store.getBooking(created.id)).toEqual(created);
    expect((await store.getBookingBySlug('sailjada.com', created.slug))?.id).toBe(created.id);
  });

  it('gives two bookings with the same words the same words and different random codes', async () => {
    const first = await store.createBooking(newBooking(onDate('2027-01-11')));
    const second = await store.createBooking(newBooking(onDate('2027-01-11')));
    expect(second.slug).not.toBe(first.slug);
    expect(second.slug.slice(0, -13)).toBe(first.slug.slice(0, -13));
  });

  it('lets two domains use the same slug', async () => {
    const a = await store.createBooking(newBooking(onDate('2027-01-12', { slug: 'shared-name' })));
    const b = await store.createBooking(
      newBooking(onDate('2027-01-12', { slug: 'shared-name', domain: 'queenofsandiego.com' })),
    );
    expect(b.slug).toBe(a.slug);
  });

  it('refuses an explicitly chosen slug that is taken', async () => {
    await store.createBooking(newBooking(onDate('2027-01-13', { slug: 'the-big-day' })));
    await expect(
      store.createBooking(newBooking(onDate('2027-01-13', { slug: 'the-big-day' }))),
    ).rejects.toThrow(ConflictError);
  });

  it('returns the first booking when the same idempotency key is submitted again', async () => {
    const request = newBooking(onDate('2027-01-14'), { idempotencyKey: 'view-V1-hash-abc' });
    const first = await store.createBooking(request);
    const again = await store.createBooking(request);
    expect(again.id).toBe(first.id);
  });

  it('creates exactly one booking when the same idempotency key races', async () => {
    const request = newBooking(onDate('2027-01-15'), { idempotencyKey: 'view-V2-race' });
    const results = await Promise.all(Array.from({ length: 5 }, () => store.createBooking(request)));
    expect(new Set(results.map((b) => b.id)).size).toBe(1);
  });

  it('lets exactly one of two bookings racing for one explicit slug have it', async () => {
    const input = onDate('2027-01-16', { slug: 'race-for-this-slug' });
    const outcomes = await Promise.allSettled([
      store.createBooking(newBooking(input)),
      store.createBooking(newBooking(input)),
    ]);
    expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
    const rejected = outcomes.find((o) => o.status === 'rejected') as PromiseRejectedResult;
    expect(rejected.reason).toBeInstanceOf(ConflictError);
  });

  it('gives two bookings racing for one preferred slug different slugs', async () => {
    const input = onDate('2027-01-17');
    const [a, b] = await Promise.all([
      store.createBooking(newBooking(input)),
      store.createBooking(newBooking(input)),
    ]);
    expect(a.slug).not.toBe(b.slug);
  });
});

describe('DynamoBookingStore: updates', () => {
  it('updates at the expected revision and bumps it', async () => {
    const created = await store.createBooking(newBooking(onDate('2027-02-01')));
    const input = onDate('2027-02-01', { title: 'Sunset Sail Deluxe' });
    const updated = await store.updateBooking(
      created.id,
      1,
      { input, boat: created.boat, ...scheduleInstants(input.schedule) },
      'UEDIT',
    );
    expect(updated).toMatchObject({ revision: 2, title: 'Sunset Sail Deluxe', updatedBy: 'UEDIT' });
    expect((await store.getBooking(created.id))?.revision).toBe(2);
  });

  it('refuses a stale revision instead of overwriting', async () => {
    const created = await store.createBooking(newBooking(onDate('2027-02-02')));
    const input = onDate('2027-02-02');
    const change = { input, boat: created.boat, ...scheduleInstants(input.schedule) };
    await store.updateBooking(created.id, 1, change, 'UA');
    await expect(store.updateBooking(created.id, 1, change, 'UB')).rejects.toThrow(StaleRevisionError);
  });

  it('lets exactly one of two concurrent writers on the same revision win', async () => {
    const created = await store.createBooking(newBooking(onDate('2027-02-03')));
    const change = (title: string) => {
      const input = onDate('2027-02-03', { title });
      return { input, boat: created.boat, ...scheduleInstants(input.schedule) };
    };
    const outcomes = await Promise.allSettled([
      store.updateBooking(created.id, 1, change('Writer A'), 'UA'),
      store.updateBooking(created.id, 1, change('Writer B'), 'UB'),
    ]);
    const won = outcomes.filter((o) => o.status === 'fulfilled');
    expect(won).toHaveLength(1);
    const lost = outcomes.find((o) => o.status === 'rejected') as PromiseRejectedResult;
    expect(lost.reason).toBeInstanceOf(StaleRevisionError);
    const stored = await store.getBooking(created.id);
    expect(stored?.revision).toBe(2);
    expect(stored?.title).toBe((won[0] as PromiseFulfilledResult<{ title: string }>).value.title);
  });

  it('keeps the old slug pointing at the booking after a rename', async () => {
    const created = await store.createBooking(newBooking(onDate('2027-02-04')));
    const input = onDate('2027-02-04', { slug: 'renamed-charter' });
    const renamed = await store.updateBooking(
      created.id,
      1,
      { input, boat: created.boat, ...scheduleInstants(input.schedule) },
      'UOP',
    );
    expect(renamed.previousSlugs).toEqual([created.slug]);
    expect((await store.getBookingBySlug('sailjada.com', created.slug))?.slug).toBe('renamed-charter');
  });

  it('cancels and keeps the booking, then refuses to cancel again at the old revision', async () => {
    const created = await store.createBooking(newBooking(onDate('2027-02-05')));
    const cancelled = await store.cancelBooking(created.id, 1, 'weather', 'UOP');
    expect(cancelled).toMatchObject({ status: 'cancelled', revision: 2, cancelReason: 'weather' });
    expect((await store.getBooking(created.id))?.status).toBe('cancelled');
    await expect(store.cancelBooking(created.id, 1, '', 'UOP')).rejects.toThrow(StaleRevisionError);
  });

  it('moves the status only along allowed transitions', async () => {
    const created = await store.createBooking(newBooking(onDate('2027-02-06')));
    const confirmed = await store.setStatus(created.id, 1, 'confirmed', 'UCAPTAIN1');
    expect(confirmed.status).toBe('confirmed');
    const cancelled = await store.cancelBooking(created.id, 2, '', 'UOP');
    await expect(store.setStatus(created.id, cancelled.revision, 'pending', 'UOP')).rejects.toThrow(
      ConflictError,
    );
  });

  it('reports a missing booking clearly', async () => {
    await expect(store.requireBooking('nope')).rejects.toThrow(NotFoundError);
  });
});

describe('DynamoBookingStore: listing', () => {
  it('lists upcoming charters soonest first, without cancelled ones unless asked', async () => {
    const isolated = await createTestTable('list');
    const s = new DynamoBookingStore(isolated.doc, isolated.tableName);
    const late = await s.createBooking(newBooking(onDate('2027-03-20')));
    const early = await s.createBooking(newBooking(onDate('2027-03-10')));
    const gone = await s.createBooking(newBooking(onDate('2027-03-15')));
    await s.cancelBooking(gone.id, 1, '', 'UOP');
    const past = await s.createBooking(newBooking(onDate('2027-03-01')));

    const from = new Date('2027-03-05T00:00:00Z');
    expect((await s.listUpcoming({ from })).map((b) => b.id)).toEqual([early.id, late.id]);
    expect((await s.listUpcoming({ from, includeCancelled: true })).map((b) => b.id)).toEqual([
      early.id,
      gone.id,
      late.id,
    ]);
    expect((await s.listUpcoming({ from, limit: 1 })).map((b) => b.id)).toEqual([early.id]);
    expect((await s.listUpcoming({ from, to: new Date('2027-03-12T00:00:00Z') })).map((b) => b.id)).toEqual([
      early.id,
    ]);
    expect((await s.listUpcoming({ from: new Date('2027-02-28T00:00:00Z') }))[0]?.id).toBe(past.id);
  });
});

describe('DynamoBookingStore: crew roster', () => {
  it('adds, lists by name, and softly removes crew members', async () => {
    const isolated = await createTestTable('crew');
    const s = new DynamoBookingStore(isolated.doc, isolated.tableName);
    for (const member of [...TEST_CREW].reverse()) await s.putCrewMember(member);
    expect((await s.listCrew()).map((m) => m.name)).toEqual(['Ana Ruiz', 'Ben Okafor', 'Cleo Marsh']);
    await s.removeCrewMember('ben-okafor');
    expect((await s.listCrew()).map((m) => m.id)).toEqual(['ana-ruiz', 'cleo-marsh']);
    expect((await s.listCrew({ includeInactive: true })).map((m) => m.id)).toContain('ben-okafor');
    expect((await s.getCrewMember('ben-okafor'))?.active).toBe(false);
    await expect(s.removeCrewMember('nobody')).rejects.toThrow(NotFoundError);
  });
});

describe('DynamoBookingStore: confirmations', () => {
  it('records the latest answer per person and keeps every answer for history', async () => {
    const created = await store.createBooking(newBooking(onDate('2027-04-01')));
    const base = { bookingId: created.id, crewId: 'ben-okafor', via: 'crew-page' as const, revision: 1 };
    expect(
      await store.recordConfirmation({ ...base, answer: 'confirmed', at: '2026-11-24T18:00:00.000Z' }),
    ).toEqual({
      changed: true,
    });
    expect(
      await store.recordConfirmation({ ...base, answer: 'confirmed', at: '2026-11-24T18:01:00.000Z' }),
    ).toEqual({
      changed: false,
    });
    await store.recordConfirmation({
      ...base,
      answer: 'declined',
      at: '2026-11-24T19:00:00.000Z',
      reason: 'sick',
    });

    const latest = await store.listConfirmations(created.id);
    expect(latest).toHaveLength(1);
    expect(latest[0]).toMatchObject({ crewId: 'ben-okafor', answer: 'declined', reason: 'sick' });
    expect((await store.listAnswers(created.id)).map((a) => a.answer)).toEqual(['confirmed', 'declined']);
    expect(await store.latestAnswer(created.id, 'ben-okafor')).toBe('declined');
  });

  it('refuses an answer from someone not on the charter', async () => {
    const created = await store.createBooking(newBooking(onDate('2027-04-02')));
    await expect(
      store.recordConfirmation({
        bookingId: created.id,
        crewId: 'stranger',
        answer: 'confirmed',
        at: '2026-11-24T18:00:00.000Z',
        via: 'slack',
        revision: 1,
      }),
    ).rejects.toThrow(NotFoundError);
  });
});

describe('DynamoBookingStore: once-only markers', () => {
  it('claims a key once while it lives, and again after it expires', async () => {
    let now = new Date('2026-11-24T12:00:00Z');
    const s = new DynamoBookingStore(table.doc, table.tableName, () => now);
    expect(await s.claimOnce('slack:event:Ev1', 60)).toBe(true);
    expect(await s.claimOnce('slack:event:Ev1', 60)).toBe(false);
    now = new Date('2026-11-24T12:02:00Z');
    expect(await s.claimOnce('slack:event:Ev1', 60)).toBe(true);
  });

  it('lets exactly one of many concurrent claimers win', async () => {
    const results = await Promise.all(Array.from({ length: 8 }, () => store.claimOnce('race:key', 300)));
    expect(results.filter(Boolean)).toHaveLength(1);
  });
});

describe('DynamoBookingStore: change history', () => {
  it('keeps who changed which fields from what to what, in the same write as the change', async () => {
    const created = await store.createBooking(newBooking(onDate('2027-05-01')));
    const input = onDate('2027-05-01', { schedule: { startTime: '17:00', endTime: '20:00' } });
    await store.updateBooking(
      created.id,
      1,
      { input, boat: created.boat, ...scheduleInstants(input.schedule) },
      'UANA',
    );
    await store.cancelBooking(created.id, 2, 'weather', 'UOP');

    const history = await store.listHistory(created.id);
    expect(history.map((h) => [h.revision, h.kind, h.actor])).toEqual([
      [1, 'created', 'UOP'],
      [2, 'updated', 'UANA'],
      [3, 'cancelled', 'UOP'],
    ]);
    expect(history[1]?.changes).toEqual([{ field: 'time', from: '16:00–19:00', to: '17:00–20:00' }]);
    expect(history[2]?.changes).toEqual([{ field: 'status', from: 'pending', to: 'cancelled' }]);
  });

  it('writes no history entry for a write that lost the race', async () => {
    const created = await store.createBooking(newBooking(onDate('2027-05-02')));
    await store.setStatus(created.id, 1, 'confirmed', 'UA');
    await expect(store.setStatus(created.id, 1, 'confirmed', 'UB')).rejects.toThrow(StaleRevisionError);
    expect((await store.listHistory(created.id)).map((h) => h.actor)).toEqual(['UOP', 'UA']);
  });
});
