/**
 * Stored history entries are parsed on read, with a version (src/store/history-item.ts), against DynamoDB
 * Local. The version-1 items below are written exactly as the store wrote history before crew changes were
 * data (commit b1ab648: `historyPut` = keys + `entity: 'history'` + `data: entry`, the crew as the display
 * string "Ana Ruiz (captain), Ben Okafor (crew)"); they are frozen literals on purpose, so that a later change
 * to the fixtures or the store cannot quietly change what "an entry already in the table" means.
 */
import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import { describeEntry, lastAskedByCrew, scheduleInstants } from '../../../src/domain';
import { DynamoBookingStore, HISTORY_SCHEMA_VERSION } from '../../../src/store';
import { createTestTable, type TestTable } from '../../helpers/dynamo';
import { aBookingInput } from '../../helpers/fixtures';

let table: TestTable;
let store: DynamoBookingStore;

beforeAll(async () => {
  table = await createTestTable('history-versions');
  store = new DynamoBookingStore(table.doc, table.tableName);
});

/** A version-1 history item, attribute for attribute as b1ab648 wrote it. */
function versionOneEntry(bookingId: string, revision: number, kind: string, changes: object[]) {
  return {
    PK: `BOOKING#${bookingId}`,
    SK: `HISTORY#${String(revision).padStart(6, '0')}`,
    entity: 'history',
    data: { bookingId, revision, at: `2031-05-0${revision}T10:00:00.000Z`, actor: 'UOP', kind, changes },
  };
}

/** A version-1 booking item (no schemaVersion) at revision 3 with Ana as captain and Ben as crew. */
function versionOneBooking(id: string) {
  return {
    PK: `BOOKING#${id}`,
    SK: 'BOOKING',
    GSI1PK: 'BOOKING',
    GSI1SK: `2031-06-01T23:00:00.000Z#${id}`,
    entity: 'booking',
    id,
    slug: `${id}-slug`,
    title: 'Sunset Sail',
    guest: { name: 'Jordan Smith', email: 'jordan@guest.test', phone: '+1 619 555 0100', partySize: 6 },
    schedule: { date: '2031-06-01', startTime: '16:00', endTime: '19:00', timeZone: 'America/Los_Angeles' },
    boat: { id: 'jada', name: 'Jada' },
    meetingPoint: 'Harbor Island West Marina, Dock C',
    guestNotes: 'Bring a jacket.',
    internalNotes: 'Repeat client.',
    priceCents: 200000,
    depositCents: 50000,
    captainFeeCents: 25000,
    portCostsCents: 4000,
    crew: [
      { crewId: 'ana-ruiz', name: 'Ana Ruiz', role: 'captain', hourlyRateCents: 6500 },
      { crewId: 'ben-okafor', name: 'Ben Okafor', role: 'crew', hourlyRateCents: 3200 },
    ],
    startsAt: '2031-06-01T23:00:00.000Z',
    endsAt: '2031-06-02T02:00:00.000Z',
    domain: 'sailjada.com',
    status: 'pending',
    revision: 3,
    createdAt: '2031-05-01T10:00:00.000Z',
    updatedAt: '2031-05-03T10:00:00.000Z',
    createdBy: 'UOP',
    updatedBy: 'UOP',
    previousSlugs: [],
  };
}

async function putItem(item: Record<string, unknown>): Promise<void> {
  await table.doc.send(new PutCommand({ TableName: table.tableName, Item: item }));
}

async function rawHistoryData(bookingId: string, revision: number): Promise<Record<string, unknown>> {
  const { Item } = await table.doc.send(
    new GetCommand({
      TableName: table.tableName,
      Key: { PK: `BOOKING#${bookingId}`, SK: `HISTORY#${String(revision).padStart(6, '0')}` },
      ConsistentRead: true,
    }),
  );
  return Item?.data as Record<string, unknown>;
}

/** A booking written by today's code: created with Ana alone, Ben added at r2, the price changed at r3. */
async function putVersionOnePartition(id: string): Promise<void> {
  await putItem(versionOneBooking(id));
  await putItem(versionOneEntry(id, 1, 'created', []));
  await putItem(
    versionOneEntry(id, 2, 'updated', [
      { field: 'crew', from: 'Ana Ruiz (captain)', to: 'Ana Ruiz (captain), Ben Okafor (crew)' },
      { field: 'crew rates', from: 'Ana Ruiz $65.00/h', to: 'Ana Ruiz $65.00/h, Ben Okafor $32.00/h' },
    ]),
  );
  await putItem(versionOneEntry(id, 3, 'updated', [{ field: 'price', from: '$1,800.00', to: '$2,000.00' }]));
}

describe('version-1 history entries, as the store wrote them with the crew as a display string', () => {
  it('read back with the crew change as the people before and after', async () => {
    await putVersionOnePartition('bk-h1-read');

    const history = await store.listHistory('bk-h1-read');

    expect(history.map((h) => [h.revision, h.kind])).toEqual([
      [1, 'created'],
      [2, 'updated'],
      [3, 'updated'],
    ]);
    expect(history[1]?.changes).toEqual([
      {
        field: 'crew',
        before: [{ name: 'Ana Ruiz', role: 'captain' }],
        after: [
          { name: 'Ana Ruiz', role: 'captain' },
          { name: 'Ben Okafor', role: 'crew' },
        ],
      },
      { field: 'crew rates', from: 'Ana Ruiz $65.00/h', to: 'Ana Ruiz $65.00/h, Ben Okafor $32.00/h' },
    ]);
    expect(describeEntry(history[1]!)).toBe(
      'crew: Ben Okafor (crew) joined; crew rates Ana Ruiz $65.00/h → Ana Ruiz $65.00/h, Ben Okafor $32.00/h; crew re-notified',
    );
  });

  it('keep a name holding ", " whole', async () => {
    await putItem(
      versionOneEntry('bk-h1-comma', 2, 'updated', [
        { field: 'crew', from: 'nobody', to: 'Okafor, Ben (crew), Ruiz, Ana (captain)' },
      ]),
    );
    const [entry] = await store.listHistory('bk-h1-comma');
    expect(describeEntry(entry!)).toBe(
      'crew: Okafor, Ben (crew) joined, Ruiz, Ana (captain) joined; crew re-notified',
    );
  });

  it('and a crew change this code writes on top read together: who was asked when', async () => {
    await putVersionOnePartition('bk-h1-mixed');
    const booking = await store.requireBooking('bk-h1-mixed');
    const input = aBookingInput({
      schedule: booking.schedule,
      priceCents: booking.priceCents,
      crew: [
        ...booking.crew,
        { crewId: 'cleo-marsh', name: 'Cleo Marsh', role: 'hostess', hourlyRateCents: 2800 },
      ],
    });
    const updated = await store.updateBooking(
      booking.id,
      3,
      { input, boat: booking.boat, ...scheduleInstants(input.schedule) },
      'UOP',
    );

    // The new entry is stored at the current version, the crew as data with crew ids.
    const stored = await rawHistoryData(booking.id, 4);
    expect(stored.schemaVersion).toBe(HISTORY_SCHEMA_VERSION);
    expect(stored.changes).toContainEqual({
      field: 'crew',
      before: [
        { crewId: 'ana-ruiz', name: 'Ana Ruiz', role: 'captain' },
        { crewId: 'ben-okafor', name: 'Ben Okafor', role: 'crew' },
      ],
      after: [
        { crewId: 'ana-ruiz', name: 'Ana Ruiz', role: 'captain' },
        { crewId: 'ben-okafor', name: 'Ben Okafor', role: 'crew' },
        { crewId: 'cleo-marsh', name: 'Cleo Marsh', role: 'hostess' },
      ],
    });
    // The version-1 entries stay as they were in the table: read, not rewritten.
    expect((await rawHistoryData(booking.id, 2)).schemaVersion).toBeUndefined();

    const history = await store.listHistory(booking.id);
    const asked = lastAskedByCrew(updated, history);
    expect(Object.fromEntries([...asked].map(([crewId, a]) => [crewId, a.revision]))).toEqual({
      'ana-ruiz': 1,
      'ben-okafor': 2,
      'cleo-marsh': 4,
    });
  });
});
