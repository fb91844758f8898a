import { beforeAll, describe, expect, it } from 'vitest';
import { LocalTimerScheduler, ManualClock, type TimerPayload, timerName } from '../../../src/scheduler';
import { createTestTable, type TestTable } from '../../helpers/dynamo';

let table: TestTable;

beforeAll(async () => {
  table = await createTestTable('timers');
});

const payload = (bookingId: string, kind: TimerPayload['kind'] = 'reminder'): TimerPayload => ({
  kind,
  bookingId,
  revision: 1,
  crewId: 'ben-okafor',
});

async function freshScheduler(start = '2026-12-01T00:00:00Z') {
  const isolated = await createTestTable('timers');
  const clock = new ManualClock(new Date(start));
  return { clock, scheduler: new LocalTimerScheduler(isolated.doc, isolated.tableName, clock) };
}

describe('LocalTimerScheduler', () => {
  it('fires a timer only once the clock reaches it, then forgets it', async () => {
    const { clock, scheduler } = await freshScheduler();
    const fired: string[] = [];
    const handler = async (t: { name: string }) => {
      fired.push(t.name);
    };
    const name = timerName(payload('bk-1'));
    await scheduler.schedule({ name, at: new Date('2026-12-02T10:00:00Z'), payload: payload('bk-1') });

    expect(await scheduler.runDue(handler)).toBe(0);
    clock.set(new Date('2026-12-02T10:00:00Z'));
    expect(await scheduler.runDue(handler)).toBe(1);
    expect(await scheduler.runDue(handler)).toBe(0);
    expect(fired).toEqual([name]);
  });

  it('moves a timer when it is scheduled again under the same name', async () => {
    const { clock, scheduler } = await freshScheduler();
    const name = timerName(payload('bk-2'));
    await scheduler.schedule({ name, at: new Date('2026-12-02T10:00:00Z'), payload: payload('bk-2') });
    await scheduler.schedule({ name, at: new Date('2026-12-03T10:00:00Z'), payload: payload('bk-2') });
    clock.set(new Date('2026-12-02T12:00:00Z'));
    expect(await scheduler.runDue(async () => {})).toBe(0);
    expect((await scheduler.pending()).map((t) => t.at.toISOString())).toEqual(['2026-12-03T10:00:00.000Z']);
  });

  it('drops a cancelled timer, and cancelling twice is harmless', async () => {
    const { clock, scheduler } = await freshScheduler();
    const name = timerName(payload('bk-3', 'deadline'));
    await scheduler.schedule({
      name,
      at: new Date('2026-12-02T10:00:00Z'),
      payload: payload('bk-3', 'deadline'),
    });
    await scheduler.cancel(name);
    await scheduler.cancel(name);
    clock.advance(7 * 86_400_000);
    expect(await scheduler.runDue(async () => {})).toBe(0);
  });

  it('keeps a timer whose handler failed, to fire it again on the next run', async () => {
    const { clock, scheduler } = await freshScheduler();
    const name = timerName(payload('bk-4'));
    await scheduler.schedule({ name, at: new Date('2026-12-01T01:00:00Z'), payload: payload('bk-4') });
    clock.advance(2 * 3_600_000);
    let calls = 0;
    const flaky = async () => {
      calls++;
      if (calls === 1) throw new Error('SES throttled');
    };
    expect(await scheduler.runDue(flaky)).toBe(0);
    expect(await scheduler.runDue(flaky)).toBe(1);
    expect(calls).toBe(2);
  });

  it('fires due timers oldest first', async () => {
    const { clock, scheduler } = await freshScheduler();
    for (const [id, at] of [
      ['bk-b', '2026-12-01T03:00:00Z'],
      ['bk-a', '2026-12-01T02:00:00Z'],
    ] as const) {
      await scheduler.schedule({ name: timerName(payload(id)), at: new Date(at), payload: payload(id) });
    }
    clock.set(new Date('2026-12-01T04:00:00Z'));
    const order: string[] = [];
    await scheduler.runDue(async (t) => {
      order.push(t.payload.bookingId);
    });
    expect(order).toEqual(['bk-a', 'bk-b']);
  });

  it('uses names EventBridge accepts: at most 64 safe characters, stable for the same inputs', () => {
    const name = timerName({ kind: 'reminder', bookingId: `bk-${'x'.repeat(80)}`, crewId: 'ana ruiz/1' });
    expect(name).toMatch(/^[0-9A-Za-z\-_.]{1,64}$/);
    expect(timerName(payload('bk-5'))).toBe('reminder.bk-5.ben-okafor');
    expect(table.tableName).toBeTruthy();
  });
});
