/** Once-only markers against DynamoDB Local: the conditional put is the real one. */
import { beforeAll, describe, expect, it } from 'vitest';
import { MarkerStore } from '../../../src/store';
import { createTestTable, type TestTable } from '../../helpers/dynamo';

let table: TestTable;
let now = new Date('2026-11-24T12:00:00.000Z');
let markers: MarkerStore;

beforeAll(async () => {
  table = await createTestTable('markers');
  markers = new MarkerStore(table.doc, table.tableName, () => now);
});

describe('MarkerStore', () => {
  it('keeps what the first claim stored; a second claim neither wins nor overwrites it', async () => {
    expect(await markers.claimOnce('mail:bk-1:ben', 600, { intent: 'first' })).toBe(true);
    expect(await markers.claimOnce('mail:bk-1:ben', 600, { intent: 'second' })).toBe(false);

    expect(await markers.readMarker('mail:bk-1:ben')).toMatchObject({
      entity: 'idempotency',
      intent: 'first',
      expiresAt: Math.floor(now.getTime() / 1000) + 600,
    });
  });

  it('reads an expired marker as absent and lets it be claimed again', async () => {
    expect(await markers.claimOnce('slack:event:Ev9', 60)).toBe(true);
    now = new Date(now.getTime() + 61_000);

    expect(await markers.readMarker('slack:event:Ev9')).toBeUndefined();
    expect(await markers.claimOnce('slack:event:Ev9', 60, { intent: 'again' })).toBe(true);
    expect((await markers.readMarker('slack:event:Ev9'))?.intent).toBe('again');
  });

  it('reads a key nobody claimed as absent', async () => {
    expect(await markers.readMarker('never-claimed')).toBeUndefined();
  });

  it('lets exactly one of many concurrent claimers win', async () => {
    const results = await Promise.all(
      Array.from({ length: 8 }, () => markers.claimOnce('race:markers', 300)),
    );
    expect(results.filter(Boolean)).toHaveLength(1);
  });
});
