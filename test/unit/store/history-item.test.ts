/** Reading a stored history entry: version 1's crew strings upgraded to data, and the parse (src/store/history-item.ts). */
import { describe, expect, it } from 'vitest';
import { diffBookings, type HistoryEntry } from '../../../src/domain';
import { StoredDataError } from '../../../src/errors';
import {
  HISTORY_SCHEMA_VERSION,
  HISTORY_UPGRADES,
  historyEntryFromData,
  historyItemData,
  parseCrewListV1,
  upgradeHistoryV1ToV2,
} from '../../../src/store/history-item';
import { aBooking } from '../../helpers/fixtures';

/** A version-1 entry as the store wrote it: no version, the crew as the display string. */
const v1 = (changes: unknown[]) => ({
  bookingId: 'bk-test-0001',
  revision: 3,
  at: '2026-11-25T10:00:00.000Z',
  actor: 'UOPS',
  kind: 'updated',
  changes,
});

describe('version-1 crew lists', () => {
  it('are read back as the people they list, by name and role', () => {
    expect(parseCrewListV1('Ana Ruiz (captain), Ben Okafor (crew)')).toEqual([
      { name: 'Ana Ruiz', role: 'captain' },
      { name: 'Ben Okafor', role: 'crew' },
    ]);
  });

  it('read "nobody" as nobody', () => {
    expect(parseCrewListV1('nobody')).toEqual([]);
  });

  it('keep a name holding ", " or brackets whole', () => {
    expect(parseCrewListV1('Bob (Rob) Hale (hostess), Ruiz, Ana (captain)')).toEqual([
      { name: 'Bob (Rob) Hale', role: 'hostess' },
      { name: 'Ruiz, Ana', role: 'captain' },
    ]);
  });

  it('are refused when they are not such a list', () => {
    expect(parseCrewListV1('Ana Ruiz (admiral)')).toBeUndefined();
    expect(parseCrewListV1('Ana Ruiz (captain), ')).toBeUndefined();
    expect(parseCrewListV1('Ana Ruiz')).toBeUndefined();
  });
});

describe('the upgrade from version 1', () => {
  it('has one step for every version below the current one', () => {
    expect(Object.keys(HISTORY_UPGRADES).map(Number)).toEqual(
      Array.from({ length: HISTORY_SCHEMA_VERSION - 1 }, (_, i) => i + 1),
    );
  });

  it('turns a crew change into the people before and after, and leaves other changes as they were', () => {
    const upgraded = upgradeHistoryV1ToV2(
      v1([
        { field: 'time', from: '16:00–19:00', to: '17:00–20:00' },
        { field: 'crew', from: 'Ana Ruiz (captain)', to: 'Ana Ruiz (captain), Ben Okafor (crew)' },
      ]),
    );
    expect(upgraded.changes).toEqual([
      { field: 'time', from: '16:00–19:00', to: '17:00–20:00' },
      {
        field: 'crew',
        before: [{ name: 'Ana Ruiz', role: 'captain' }],
        after: [
          { name: 'Ana Ruiz', role: 'captain' },
          { name: 'Ben Okafor', role: 'crew' },
        ],
      },
    ]);
    expect(upgraded).toMatchObject({ bookingId: 'bk-test-0001', revision: 3, actor: 'UOPS' });
  });
});

describe('reading an entry', () => {
  it('reads a version-1 entry with its crew as data', () => {
    const entry = historyEntryFromData(
      v1([{ field: 'crew', from: 'Ana Ruiz (captain), Ben Okafor (crew)', to: 'nobody' }]),
    );
    expect(entry.changes).toEqual([
      {
        field: 'crew',
        before: [
          { name: 'Ana Ruiz', role: 'captain' },
          { name: 'Ben Okafor', role: 'crew' },
        ],
        after: [],
      },
    ]);
  });

  it('reads back what this code writes, unchanged and without the version', () => {
    const entry: HistoryEntry = {
      bookingId: 'bk-test-0001',
      revision: 2,
      at: '2026-11-25T10:00:00.000Z',
      actor: 'UOPS',
      kind: 'updated',
      changes: diffBookings(aBooking(), aBooking({ crew: aBooking().crew.slice(0, 1), priceCents: 1 })),
    };
    const data = historyItemData(entry);
    expect(data.schemaVersion).toBe(HISTORY_SCHEMA_VERSION);
    expect(historyEntryFromData(data)).toEqual(entry);
  });

  it('reads a value a booking did not have yet as empty', () => {
    const entry = historyEntryFromData(v1([{ field: 'guest notes', to: 'Bring a jacket.' }]));
    expect(entry.changes).toEqual([{ field: 'guest notes', from: '', to: 'Bring a jacket.' }]);
  });

  it('refuses, by name, an entry written by a newer version', () => {
    expect(() => historyEntryFromData({ ...v1([]), schemaVersion: HISTORY_SCHEMA_VERSION + 1 })).toThrow(
      /^History entry bk-test-0001 r3 was written at schema version 3/,
    );
  });

  it('refuses a version-1 crew change it cannot read, naming where, never the contents', () => {
    const read = () => historyEntryFromData(v1([{ field: 'crew', from: 'Ana Ruiz', to: 'Secret Person' }]));
    expect(read).toThrow(StoredDataError);
    expect(read).toThrow(/bk-test-0001 r3.*changes\.0/);
    expect(read).not.toThrow(/Ana Ruiz|Secret Person/);
  });

  it('refuses a broken entry, and a crew change whose people are not a list, with the fields that are wrong', () => {
    const current = (fields: Record<string, unknown>) => ({ ...v1([]), schemaVersion: 2, ...fields });
    expect(() => historyEntryFromData(current({ revision: 0 }))).toThrow(
      /r0 could not be read: revision invalid/,
    );
    expect(() =>
      historyEntryFromData(
        current({ changes: [{ field: 'crew', before: 'Ana Ruiz (captain)', after: [] }] }),
      ),
    ).toThrow(/changes\.0/);
  });

  it.each([0, 1.5, '2', null])('refuses a schema version of %j', (schemaVersion) => {
    expect(() => historyEntryFromData({ ...v1([]), schemaVersion })).toThrow(StoredDataError);
  });
});
