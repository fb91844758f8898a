/**
 * Crew answers live in CONFIRM#<bookingId>, apart from the booking (so SCC needs no access to BOOKING#), and
 * answers written before the move, in the booking's own partition, are still found: by the booking store's
 * fallback, and by SCC's store once the migration has copied them. DynamoDB Local, no mocks.
 */
import { PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import { type Confirmation, scheduleInstants } from '../../../src/domain';
import { ConfirmationStore, DynamoBookingStore, migrateLegacyConfirmations } from '../../../src/store';
import { createTestTable, type TestTable } from '../../helpers/dynamo';
import { aBookingInput, TEST_CREW } from '../../helpers/fixtures';

let table: TestTable;
let bookings: DynamoBookingStore;
/** What SCC uses: no fallback, because it may not read BOOKING#. */
let scc: ConfirmationStore;

beforeAll(async () => {
  table = await createTestTable('confirm');
  bookings = new DynamoBookingStore(table.doc, table.tableName);
  scc = new ConfirmationStore(table.doc, table.tableName);
});

async function aBooking(date: string) {
  const input = aBookingInput({ schedule: { date } });
  return bookings.createBooking({
    input,
    boat: { id: input.boatId, name: 'Jada' },
    ...scheduleInstants(input.schedule),
    actor: 'UOP',
  });
}

/** Exactly what the code before the move wrote (booking-store.ts at 58abfb2): both items in BOOKING#<id>. */
async function writeTheOldWay(c: Confirmation) {
  await table.doc.send(
    new PutCommand({
      TableName: table.tableName,
      Item: { PK: `BOOKING#${c.bookingId}`, SK: `CONFIRMATION#${c.crewId}`, entity: 'confirmation', data: c },
    }),
  );
  await table.doc.send(
    new PutCommand({
      TableName: table.tableName,
      Item: { PK: `BOOKING#${c.bookingId}`, SK: `ANSWER#${c.crewId}#${c.at}`, entity: 'answer', data: c },
    }),
  );
}

async function partitionOf(pk: string) {
  const { Items } = await table.doc.send(
    new QueryCommand({
      TableName: table.tableName,
      KeyConditionExpression: 'PK = :pk',
      ExpressionAttributeValues: { ':pk': pk },
      ConsistentRead: true,
    }),
  );
  return (Items ?? []).map((i) => i.SK as string).sort();
}

const crewId = TEST_CREW[0]?.id ?? 'ana-ruiz';

describe('crew answers in their own partition', () => {
  it('writes a new answer to CONFIRM#<bookingId> and nothing about it to the booking partition', async () => {
    const booking = await aBooking('2027-03-01');
    const at = '2027-02-01T10:00:00.000Z';
    await bookings.recordConfirmation({
      bookingId: booking.id,
      crewId,
      answer: 'confirmed',
      at,
      via: 'slack',
      revision: 1,
    });

    expect(await partitionOf(`CONFIRM#${booking.id}`)).toEqual([
      `ANSWER#${crewId}#${at}`,
      `CONFIRMATION#${crewId}`,
    ]);
    expect((await partitionOf(`BOOKING#${booking.id}`)).filter((sk) => !sk.startsWith('HISTORY#'))).toEqual([
      'BOOKING',
    ]);
    expect((await scc.listConfirmations(booking.id)).map((c) => c.answer)).toEqual(['confirmed']);
  });

  it('lets SCC record an answer without reading the booking (the crew link proved who it is)', async () => {
    const booking = await aBooking('2027-03-02');
    const answer = {
      bookingId: booking.id,
      crewId,
      answer: 'declined' as const,
      at: '2027-02-02T10:00:00.000Z',
      via: 'crew-page' as const,
      revision: 1,
    };
    expect(await scc.recordConfirmation(answer)).toEqual({ changed: true });
    expect(await scc.recordConfirmation(answer)).toEqual({ changed: false });
    expect(await bookings.latestAnswer(booking.id, crewId)).toBe('declined');
  });

  it('still finds an answer written the old way, through the booking store', async () => {
    const booking = await aBooking('2027-03-03');
    const old: Confirmation = {
      bookingId: booking.id,
      crewId,
      answer: 'confirmed',
      at: '2026-12-01T09:00:00.000Z',
      via: 'crew-page',
      revision: 1,
    };
    await writeTheOldWay(old);

    expect(await bookings.listConfirmations(booking.id)).toEqual([old]);
    expect(await bookings.listAnswers(booking.id)).toEqual([old]);
    expect(await bookings.latestAnswer(booking.id, crewId)).toBe('confirmed');
  });

  it('lets a newer answer win over an old-place one, and lists each answer once', async () => {
    const booking = await aBooking('2027-03-04');
    const old: Confirmation = {
      bookingId: booking.id,
      crewId,
      answer: 'confirmed',
      at: '2026-12-01T09:00:00.000Z',
      via: 'crew-page',
      revision: 1,
    };
    await writeTheOldWay(old);
    const newer = { ...old, answer: 'declined' as const, at: '2026-12-02T09:00:00.000Z' };
    await bookings.recordConfirmation(newer);

    expect(await bookings.listConfirmations(booking.id)).toEqual([newer]);
    expect((await bookings.listAnswers(booking.id)).map((a) => a.answer)).toEqual(['confirmed', 'declined']);
    expect(await bookings.latestAnswer(booking.id, crewId)).toBe('declined');
  });

  it('migrates old answers to CONFIRM# so SCC sees them, idempotently, never rolling back a newer answer', async () => {
    const moved = await aBooking('2027-03-05');
    const kept = await aBooking('2027-03-06');
    const old: Confirmation = {
      bookingId: moved.id,
      crewId,
      answer: 'confirmed',
      at: '2026-12-01T09:00:00.000Z',
      via: 'crew-page',
      revision: 1,
    };
    await writeTheOldWay(old);
    const stale: Confirmation = { ...old, bookingId: kept.id };
    await writeTheOldWay(stale);
    const newer = { ...stale, answer: 'declined' as const, at: '2026-12-05T09:00:00.000Z' };
    await scc.recordConfirmation(newer);
    expect(await scc.listConfirmations(moved.id)).toEqual([]);

    const first = await migrateLegacyConfirmations(table.doc, table.tableName);
    expect(first.found).toBeGreaterThanOrEqual(4);
    expect(first.alreadyThere).toBeGreaterThanOrEqual(1);

    expect(await scc.listConfirmations(moved.id)).toEqual([old]);
    expect(await scc.listAnswers(moved.id)).toEqual([old]);
    expect(await scc.listConfirmations(kept.id)).toEqual([newer]);
    expect((await scc.listAnswers(kept.id)).map((a) => a.answer)).toEqual(['confirmed', 'declined']);

    const second = await migrateLegacyConfirmations(table.doc, table.tableName);
    expect(second.copied).toBe(0);
    expect(second.alreadyThere).toBe(second.found);
  });
});
