/** The roster on its own store: the same items the facade reads, so a caller may take either. */
import { beforeAll, describe, expect, it } from 'vitest';
import { NotFoundError } from '../../../src/errors';
import { CrewRosterStore, DynamoBookingStore } from '../../../src/store';
import { createTestTable, type TestTable } from '../../helpers/dynamo';
import { TEST_CREW } from '../../helpers/fixtures';

let table: TestTable;
let roster: CrewRosterStore;

beforeAll(async () => {
  table = await createTestTable('roster');
  roster = new CrewRosterStore(table.doc, table.tableName);
});

describe('CrewRosterStore', () => {
  it('lists members by name whatever order they were added in, and replaces a member on a second put', async () => {
    for (const member of [...TEST_CREW].reverse()) await roster.putCrewMember(member);
    await roster.putCrewMember({ ...TEST_CREW[1]!, email: 'ben@new.test' });

    expect((await roster.listCrew()).map((m) => m.name)).toEqual(['Ana Ruiz', 'Ben Okafor', 'Cleo Marsh']);
    expect((await roster.getCrewMember('ben-okafor'))?.email).toBe('ben@new.test');
  });

  it('removes softly: the member is still there for past bookings, marked inactive', async () => {
    const removed = await roster.removeCrewMember('cleo-marsh');

    expect(removed).toMatchObject({ id: 'cleo-marsh', active: false });
    expect((await roster.listCrew()).map((m) => m.id)).not.toContain('cleo-marsh');
    expect((await roster.listCrew({ includeInactive: true })).map((m) => m.id)).toContain('cleo-marsh');
    await expect(roster.removeCrewMember('nobody')).rejects.toThrow(NotFoundError);
  });

  it('reads and writes the same items as the booking store facade', async () => {
    const facade = new DynamoBookingStore(table.doc, table.tableName);
    await facade.putCrewMember({ ...TEST_CREW[0]!, id: 'dan-facade', name: 'Dan Facade' });

    expect((await roster.getCrewMember('dan-facade'))?.name).toBe('Dan Facade');
    expect(await facade.listCrew({ includeInactive: true })).toEqual(
      await roster.listCrew({ includeInactive: true }),
    );
  });
});
