/**
 * The reconciler's Lambda entry tells a firing timer from a stream batch, and hands the timer to the crew
 * lifecycle (configured from the environment exactly as in AWS, against DynamoDB Local).
 */
import { SchedulerClient } from '@aws-sdk/client-scheduler';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { scheduleInstants } from '../../../src/domain';
import { DynamoBookingStore } from '../../../src/store';
import { createTestTable, type TestTable } from '../../helpers/dynamo';
import { aBookingInput } from '../../helpers/fixtures';

// No EventBridge Scheduler runs locally: nothing here may reach it.
const scheduler = mockClient(SchedulerClient);
let table: TestTable;
let handler: typeof import('../../../src/handlers/reconciler').handler;
const context = { invokedFunctionArn: 'arn:aws:lambda:us-west-2:123456789012:function:reconciler' };

beforeAll(async () => {
  table = await createTestTable('entry');
  vi.stubEnv('TABLE_NAME', table.tableName);
  vi.stubEnv('AWS_ENDPOINT_URL_DYNAMODB', table.endpoint);
  vi.stubEnv('SCC_URL', 'http://127.0.0.1:9/scc');
  vi.stubEnv('SCC_SERVICE_KEY', 'unused');
  vi.stubEnv('DASHBOARD_URL', 'http://127.0.0.1:9/dashboard');
  vi.stubEnv('DASHBOARD_TOKEN', 'unused');
  vi.stubEnv('SLACK_OPS_CHANNEL', 'C0ENTRY');
  vi.stubEnv('SLACK_BOT_TOKEN', 'xoxb-unused');
  vi.stubEnv('SCHEDULE_GROUP_NAME', 'charter-ops');
  vi.stubEnv('SCHEDULER_ROLE_ARN', 'arn:aws:iam::123456789012:role/scheduler');
  vi.resetModules();
  ({ handler } = await import('../../../src/handlers/reconciler'));
});
afterAll(() => {
  vi.unstubAllEnvs();
  table.client.destroy();
});

describe('the reconciler entry', () => {
  it('hands a timer to the crew lifecycle: one for a charter that is gone does nothing', async () => {
    const reply = await handler(
      {
        source: 'charter-ops.timer',
        timer: {
          name: 'reminder.bk-gone.ben',
          payload: { kind: 'reminder', bookingId: 'bk-gone', revision: 1, crewId: 'ben' },
        },
      },
      context,
    );
    expect(reply).toEqual({ timer: 'reminder.bk-gone.ben', outcome: 'missing' });
  });

  it('a timer of a cancelled charter is stale', async () => {
    const store = new DynamoBookingStore(table.doc, table.tableName);
    const input = aBookingInput();
    const { startsAt, endsAt } = scheduleInstants(input.schedule);
    const booking = await store.createBooking({
      input,
      boat: { id: 'jada', name: 'Jada' },
      startsAt,
      endsAt,
      actor: 'U0OPS',
    });
    await store.cancelBooking(booking.id, 1, 'Weather', 'U0OPS');

    const reply = await handler(
      {
        source: 'charter-ops.timer',
        timer: {
          name: `roster.${booking.id}`,
          payload: { kind: 'roster', bookingId: booking.id, revision: 1 },
        },
      },
      context,
    );
    expect(reply).toEqual({ timer: `roster.${booking.id}`, outcome: 'stale' });
    expect(scheduler.calls()).toHaveLength(0);
  });

  it('still takes stream batches', async () => {
    expect(await handler({ Records: [] }, context)).toEqual({ batchItemFailures: [] });
  });
});
