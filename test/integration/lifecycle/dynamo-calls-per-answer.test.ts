/**
 * How many DynamoDB calls the reconciler makes when a crew answer arrives (issue #18, hot-path reads): every
 * call on the table's client is counted by command and key prefix, for one reconcile after a decline and one
 * with nothing new. The tally is printed (the numbers behind the issue note); what is asserted is what must
 * hold whatever the count: a reconcile with nothing new writes nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type LifecycleStack, startLifecycleStack } from './helpers/lifecycle-stack';

describe('DynamoDB calls per crew answer', () => {
  let stack: LifecycleStack;
  const calls: string[] = [];

  beforeAll(async () => {
    stack = await startLifecycleStack({ withCalendar: true });
    stack.table.doc.middlewareStack.add(
      (next, context) => async (args) => {
        const input = args.input as {
          Key?: Record<string, unknown>;
          ExpressionAttributeValues?: Record<string, unknown>;
          TransactItems?: unknown[];
        };
        const pk = String(input.Key?.PK ?? input.ExpressionAttributeValues?.[':pk'] ?? '').split('#')[0];
        const sk = String(input.ExpressionAttributeValues?.[':sk'] ?? input.Key?.SK ?? '').split('#')[0];
        calls.push(`${context.commandName} ${pk}${sk ? ` ${sk}` : ''}`);
        return next(args);
      },
      { step: 'initialize', name: 'countCalls' },
    );
  });
  afterAll(() => stack?.stop());

  it('counts the calls of a reconcile after a decline; one with nothing new writes nothing', {
    timeout: 240_000,
  }, async () => {
    stack.clock.set(new Date('2026-11-24T17:00:00Z'));
    const booking = await stack.createBooking({ title: 'Count Sail' }, 'bk-count-0001');
    await stack.reconcile(booking.id);
    stack.clock.set(new Date('2026-11-24T19:00:00Z'));
    await stack.answerFromEmail('ben@crew.test', 'declined', 'Count Sail');
    calls.length = 0;
    await stack.reconcile(booking.id);
    const tally = new Map<string, number>();
    for (const call of calls) tally.set(call, (tally.get(call) ?? 0) + 1);
    console.log(
      `total ${calls.length}\n${[...tally]
        .sort((a, b) => b[1] - a[1])
        .map(([k, n]) => `${n}\t${k}`)
        .join('\n')}`,
    );
    calls.length = 0;
    await stack.reconcile(booking.id);
    console.log(`nothing new: ${calls.length} calls`);
    expect(calls.filter((c) => !/^(GetItem|Query|BatchGetItem)Command/.test(c))).toEqual([]);
    expect(calls.length).toBeGreaterThan(0);
  });
});
