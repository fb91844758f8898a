/**
 * Stored bookings are parsed on read, with a version (src/store/booking-item.ts), against DynamoDB Local.
 * The version-1 item below is written exactly as the store wrote bookings before items carried a version
 * (commit fd3fd81: `bookingItem` = keys + GSI1 + entity + the booking's fields, nothing else); it is a frozen
 * literal on purpose, so that a later change to the fixtures or the store cannot quietly change what "an
 * item already in the table" means.
 */
import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import { StoredDataError } from '../../../src/errors';
import { BOOKING_SCHEMA_VERSION, DynamoBookingStore } from '../../../src/store';
import { createTestTable, type TestTable } from '../../helpers/dynamo';

let table: TestTable;
let store: DynamoBookingStore;

beforeAll(async () => {
  table = await createTestTable('versions');
  store = new DynamoBookingStore(table.doc, table.tableName);
});

/** A version-1 booking item, attribute for attribute as fd3fd81 wrote it (after "Retry" and "Remind again"). */
function versionOneItem(id: string, slug: string) {
  return {
    PK: `BOOKING#${id}`,
    SK: 'BOOKING',
    GSI1PK: 'BOOKING',
    GSI1SK: `2031-06-01T23:00:00.000Z#${id}`,
    entity: 'booking',
    id,
    slug,
    title: 'Sunset Sail',
    guest: { name: 'Jordan Smith', email: 'jordan@guest.test', phone: '+1 619 555 0100', partySize: 6 },
    schedule: { date: '2031-06-01', startTime: '16:00', endTime: '19:00', timeZone: 'America/Los_Angeles' },
    boat: { id: 'jada', name: 'Jada' },
    meetingPoint: 'Harbor Island West Marina, Dock C',
    guestNotes: 'Bring a jacket.',
    internalNotes: 'Repeat client.',
    priceCents: 180000,
    depositCents: 50000,
    captainFeeCents: 25000,
    portCostsCents: 4000,
    crew: [{ crewId: 'crew-ana', name: 'Ana Ruiz', role: 'captain', hourlyRateCents: 6000 }],
    startsAt: '2031-06-01T23:00:00.000Z',
    endsAt: '2031-06-02T02:00:00.000Z',
    domain: 'sailjada.com',
    status: 'pending',
    revision: 3,
    createdAt: '2031-05-01T10:00:00.000Z',
    updatedAt: '2031-05-02T10:00:00.000Z',
    createdBy: 'UOP',
    updatedBy: 'UOP',
    previousSlugs: [],
    reconcileRequest: { what: 'retry', at: '2031-05-02T09:00:00.000Z', by: 'UOP' },
    reminderRequests: [{ id: '3-crew-ana', crewId: 'crew-ana', at: '2031-05-02T10:00:00.000Z', by: 'UOP' }],
  };
}

async function putItem(item: Record<string, unknown>): Promise<void> {
  await table.doc.send(new PutCommand({ TableName: table.tableName, Item: item }));
}

async function rawItem(id: string): Promise<Record<string, unknown> | undefined> {
  const { Item } = await table.doc.send(
    new GetCommand({
      TableName: table.tableName,
      Key: { PK: `BOOKING#${id}`, SK: 'BOOKING' },
      ConsistentRead: true,
    }),
  );
  return Item;
}

describe('a version-1 booking item, as the store wrote it before items carried a version', () => {
  it('reads back as the same booking, with the requests that ride on it', async () => {
    const item = versionOneItem('bk-v1-read', 'v1-read');
    await putItem(item);

    const booking = await store.requireBooking('bk-v1-read');

    const { PK: _pk, SK: _sk, GSI1PK: _g1, GSI1SK: _g2, entity: _e, ...fields } = item;
    // Fields added since version 1 read as their defaults: guest email on (issue #17).
    expect(booking).toEqual({ ...fields, guestMail: true });
    expect(booking).not.toHaveProperty('schemaVersion');
  });

  it('is found by the upcoming list too', async () => {
    await putItem(versionOneItem('bk-v1-list', 'v1-list'));
    const upcoming = await store.listUpcoming({ from: new Date('2031-06-01T00:00:00Z'), limit: 100 });
    expect(upcoming.map((b) => b.id)).toContain('bk-v1-list');
  });

  it('is written back at the current version by the next change, keeping the requests on it', async () => {
    await putItem(versionOneItem('bk-v1-write', 'v1-write'));

    const updated = await store.setStatus('bk-v1-write', 3, 'confirmed', 'UCAPTAIN');

    expect(updated).toMatchObject({ revision: 4, status: 'confirmed' });
    expect(await rawItem('bk-v1-write')).toMatchObject({
      schemaVersion: BOOKING_SCHEMA_VERSION,
      status: 'confirmed',
      reconcileRequest: { what: 'retry' },
      reminderRequests: [{ id: '3-crew-ana' }],
    });
  });
});

describe('booking items this code writes and reads', () => {
  it('carry the current schema version', async () => {
    await putItem(versionOneItem('bk-v1-cancel', 'v1-cancel'));
    await store.cancelBooking('bk-v1-cancel', 3, 'weather', 'UOP');
    expect((await rawItem('bk-v1-cancel'))?.schemaVersion).toBe(BOOKING_SCHEMA_VERSION);
  });

  it('refuse, by name, an item written by a newer version instead of reading it half', async () => {
    await putItem({ ...versionOneItem('bk-future', 'future'), schemaVersion: BOOKING_SCHEMA_VERSION + 1 });
    const error = await store.getBooking('bk-future').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StoredDataError);
    expect((error as Error).message).toMatch(/^Booking bk-future was written at schema version 3/);
  });

  it('refuse a broken item with the fields that are wrong, never its contents', async () => {
    const { guest: _guest, ...broken } = versionOneItem('bk-broken', 'broken');
    await putItem({ ...broken, priceCents: -5 });
    const error = await store.getBooking('bk-broken').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StoredDataError);
    expect((error as Error).message).toMatch(/bk-broken/);
    expect((error as Error).message).toMatch(/guest/);
    expect((error as Error).message).toMatch(/priceCents/);
    expect((error as Error).message).not.toMatch(/-5|Repeat client/);
  });
});
