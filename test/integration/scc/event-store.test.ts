import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SccAssignmentState, SccEvent } from '../../../src/scc/event-schema';
import { SccEventStore } from '../../../src/scc/event-store';
import { createTestTable, type TestTable } from '../../helpers/dynamo';

let table: TestTable;
let store: SccEventStore;
const NOW = new Date('2026-11-24T17:00:00.000Z');

beforeAll(async () => {
  table = await createTestTable('scc-store');
  store = new SccEventStore(table.doc, table.tableName);
});
afterAll(() => {
  table.client.destroy();
});

function anEvent(id: string, startsAt = '2026-12-06T00:00:00.000Z'): SccEvent {
  return {
    id,
    bookingId: id,
    revision: 1,
    status: 'scheduled',
    title: 'Sunset Sail',
    schedule: {
      date: '2026-12-05',
      startTime: '16:00',
      endTime: '19:00',
      timeZone: 'America/Los_Angeles',
      startsAt,
      endsAt: '2026-12-06T03:00:00.000Z',
    },
    boat: { id: 'jada', name: 'Jada' },
    meetingPoint: 'Dock C',
    domain: 'sailjada.com',
    notes: '',
    crew_assignments: [],
    createdAt: NOW.toISOString(),
    updatedAt: NOW.toISOString(),
  };
}

const assignment = (crewId: string, version = 1, active = true): SccAssignmentState => ({
  crewId,
  version,
  active,
  notice: 'invite',
  changes: [],
  assignment: { crewId, name: crewId, email: `${crewId}@crew.test`, role: 'crew', hourly_rate: 3000 },
});

describe('SccEventStore', () => {
  it('writes an event once, then only against the sequence it was read at', async () => {
    const event = anEvent('bk-store-1');
    const seq = await store.writeEvent(event, [assignment('ana')], undefined);

    await expect(store.writeEvent(event, [], undefined)).rejects.toMatchObject({ statusCode: 409 });
    await expect(store.writeEvent({ ...event, revision: 2 }, [], seq + 5)).rejects.toMatchObject({
      statusCode: 409,
    });
    await store.writeEvent({ ...event, revision: 2 }, [], seq);

    const state = await store.loadState('bk-store-1');
    expect(state?.event.revision).toBe(2);
    expect(state?.assignments.get('ana')?.version).toBe(1);
  });

  it('claims an email once; a failed try or an expired lease can be claimed again; a sent one never', async () => {
    await store.writeEvent(anEvent('bk-store-2'), [assignment('ben')], undefined);
    const claim = { crewId: 'ben', version: 1, kind: 'invite' as const, to: 'ben@crew.test' };

    expect(await store.claimEmail('bk-store-2', claim, NOW, 60)).toBe(true);
    expect(await store.claimEmail('bk-store-2', claim, NOW, 60)).toBe(false);
    expect(await store.claimEmail('bk-store-2', claim, new Date(NOW.getTime() + 61_000), 60)).toBe(true);
    await store.finishEmail('bk-store-2', 'ben', 1, { state: 'failed', error: 'reset' }, NOW);
    expect(await store.claimEmail('bk-store-2', claim, NOW, 60)).toBe(true);
    await store.finishEmail('bk-store-2', 'ben', 1, { state: 'sent', messageId: 'm-1' }, NOW);
    expect(await store.claimEmail('bk-store-2', claim, new Date(NOW.getTime() + 86_400_000), 60)).toBe(false);

    const [record] = (await store.loadState('bk-store-2'))?.emails ?? [];
    expect(record).toMatchObject({ state: 'sent', attempts: 3, messageId: 'm-1', to: 'ben@crew.test' });
  });

  it('lists a person’s current assignments for their feed, soonest first, leaving out removals', async () => {
    await store.writeEvent(
      anEvent('bk-store-later', '2026-12-20T00:00:00.000Z'),
      [assignment('cleo')],
      undefined,
    );
    await store.writeEvent(
      anEvent('bk-store-sooner', '2026-12-10T00:00:00.000Z'),
      [assignment('cleo', 2)],
      undefined,
    );
    await store.writeEvent(
      anEvent('bk-store-removed', '2026-12-12T00:00:00.000Z'),
      [assignment('cleo', 3, false)],
      undefined,
    );
    await store.writeEvent(
      anEvent('bk-store-past', '2026-10-01T00:00:00.000Z'),
      [assignment('cleo')],
      undefined,
    );

    const entries = await store.listCrewAssignments('cleo', NOW);

    expect(entries).toEqual([
      { eventId: 'bk-store-sooner', startsAt: '2026-12-10T00:00:00.000Z', version: 2 },
      { eventId: 'bk-store-later', startsAt: '2026-12-20T00:00:00.000Z', version: 1 },
    ]);
  });

  it('counts hits per window and versions a person’s feed', async () => {
    expect(await store.countHit('bk-store-1', 'digest', 1000, 2200)).toBe(1);
    expect(await store.countHit('bk-store-1', 'digest', 1000, 2200)).toBe(2);
    expect(await store.countHit('bk-store-1', 'digest', 1600, 2800)).toBe(1);
    expect(await store.getFeedVersion('dana')).toBe(1);
    expect(await store.bumpFeedVersion('dana')).toBe(2);
    expect(await store.getFeedVersion('dana')).toBe(2);
  });
});
