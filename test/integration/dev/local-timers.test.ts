import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLocalTimers } from '../../../src/dev/services/local-timers';
import { silentLogger } from '../../../src/logging/logger';
import { createTestTable, type TestTable } from '../../helpers/dynamo';

describe('npm run dev: local timers', () => {
  let table: TestTable;
  beforeAll(async () => {
    table = await createTestTable('dev-timers');
  });
  afterAll(() => table.client.destroy());

  it('fires timers that are due on the system clock, and then forgets them', async () => {
    const timers = createLocalTimers({
      doc: table.doc,
      tableName: table.tableName,
      logger: silentLogger,
      intervalMs: 10,
    });
    const payload = { kind: 'roster' as const, bookingId: 'bk-dev', revision: 1 };
    await timers.scheduler.schedule({ name: 'roster.bk-dev', at: new Date(Date.now() - 1000), payload });
    await timers.scheduler.schedule({
      name: 'roster.bk-later',
      at: new Date(Date.now() + 3_600_000),
      payload,
    });

    const fired = await new Promise<string>((resolve) => {
      timers.start(async (timer) => resolve(timer.name));
    });
    await timers.stop();

    expect(fired).toBe('roster.bk-dev');
    expect((await timers.scheduler.pending()).map((t) => t.name)).toEqual(['roster.bk-later']);
  });
});
