/**
 * Mail that bounces is known (issue #16): a crew member whose address is one of SES's mailbox simulator
 * addresses gets the invitation (SES accepts it), then the simulator's notification arrives through the
 * configuration set's SNS → SQS path (the SES stand-in plays SES, ses-simulator.ts plays SNS and SQS), the
 * handler marks the person, and within one stream pass the crew board shows ✉️❌ and the thread says what to do.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  asSqsRecord,
  type SesSimulator,
  simulatorEvent,
  startSesSimulator,
} from '../../../src/dev/stand-ins/ses-simulator';
import { createLogger } from '../../../src/logging/logger';
import { createMailFeedbackHandler } from '../../../src/mail/feedback-handler';
import { crewFeedbackTarget, DeliveryStore } from '../../../src/mail/mail-feedback';
import type { Pipeline } from '../../../src/wiring/create-pipeline';
import { TEST_CREW } from '../../helpers/fixtures';
import { OPS_CHANNEL, type PipelineStack, startPipelineStack } from '../pipeline/helpers/pipeline-stack';

let stack: PipelineStack;
let pipeline: Pipeline;
let simulator: SesSimulator;
let deliveries: DeliveryStore;
let handle: ReturnType<typeof createMailFeedbackHandler>;
const quiet = () => createLogger('mail-feedback-test', 'error', () => {});

beforeAll(async () => {
  // A loaded machine answers slowly: nothing here injects faults, so a call may take its time.
  stack = await startPipelineStack({ httpTimeoutMs: 5_000 });
  const member = (id: string) => {
    const found = TEST_CREW.find((m) => m.id === id);
    if (!found) throw new Error(`no ${id} in TEST_CREW`);
    return found;
  };
  await stack.store.putCrewMember({ ...member('ben-okafor'), email: 'bounce@simulator.amazonses.com' });
  await stack.store.putCrewMember({ ...member('cleo-marsh'), email: 'complaint@simulator.amazonses.com' });
  pipeline = stack.buildPipeline();
  await stack.startPoller(pipeline);
  deliveries = new DeliveryStore(stack.table.doc, stack.table.tableName);
  handle = createMailFeedbackHandler({
    deliveries,
    targets: [crewFeedbackTarget({ store: stack.store, deliveries })],
    logger: quiet(),
  });
  simulator = startSesSimulator({ sesEndpoint: stack.ses.endpoint, deliver: handle });
});

afterAll(async () => {
  await simulator?.stop();
  await stack?.stop();
});

function board(bookingId: string): string {
  const [root] = stack.rootMessages(bookingId);
  return JSON.stringify(root?.blocks ?? []);
}

function replies(bookingId: string): string[] {
  const [root] = stack.rootMessages(bookingId);
  return stack.slack.replies(OPS_CHANNEL, root?.ts ?? '').map((r) => r.text ?? '');
}

describe('a crew address that bounces, and one that complains', () => {
  it('shows on the crew board within one stream pass, with what to do', { timeout: 120_000 }, async () => {
    const booking = await stack.createBooking(
      {
        title: 'Bounce Sail',
        crew: [
          { crewId: 'ana-ruiz', name: 'Ana Ruiz', role: 'captain', hourlyRateCents: 6500 },
          { crewId: 'ben-okafor', name: 'Ben Okafor', role: 'crew', hourlyRateCents: 3200 },
          { crewId: 'cleo-marsh', name: 'Cleo Marsh', role: 'hostess', hourlyRateCents: 2800 },
        ],
      },
      'bk-bounce',
    );
    await stack.waitFor('the booking to converge', () => stack.isConverged(booking.id));
    // SES accepted all three invitations: a simulator address is not refused at send time.
    expect(board(booking.id)).not.toContain('✉️❌');

    expect(await simulator.pass()).toBe(2);

    await stack.waitFor('the board to show both problems', async () => {
      return (board(booking.id).match(/✉️❌/g) ?? []).length === 2;
    });
    const lines = board(booking.id).split('\\n');
    const line = (name: string) => lines.find((l) => l.includes(name)) ?? '';
    expect(line('Ben Okafor')).toContain('✉️❌ email bounced');
    expect(line('Cleo Marsh')).toContain('✉️❌ marked our email as spam');
    expect(line('Ana Ruiz')).not.toContain('✉️❌');
    await stack.waitFor('the thread lines', async () => {
      const lines = replies(booking.id);
      return lines.some((r) => r.includes('bounced')) && lines.some((r) => r.includes('spam'));
    });
    const said = replies(booking.id);
    expect(said).toContainEqual(
      expect.stringContaining(
        "Ben Okafor's email bounced: mailbox does not exist. They cannot answer the invitation, so their answer deadline is now — fix the address with `/charter crew edit ben-okafor`",
      ),
    );
    expect(said).toContainEqual(expect.stringContaining('Cleo Marsh marked our email as spam'));
    await stack.waitFor('the booking to converge again', () => stack.isConverged(booking.id));

    // Nothing new the second time: each message is handled once.
    expect(await simulator.pass()).toBe(0);
  });

  it('writes nothing twice when SQS delivers the same notification again', async () => {
    const [delivery] = (await deliveries.list('bk-bounce')).filter((d) => d.crewId === 'ben-okafor');
    expect(delivery).toBeDefined();
    const event = simulatorEvent(
      { messageId: delivery?.messageId ?? '', from: 'crew@sailjada.com', at: new Date() },
      'bounce@simulator.amazonses.com',
    );
    const reply = await handle({ Records: [asSqsRecord(event as object, 'arn:aws:sns:local:0:t')] });
    expect(reply.batchItemFailures).toEqual([]);
    expect((await deliveries.list('bk-bounce')).filter((d) => d.crewId === 'ben-okafor')).toEqual([delivery]);
  });

  it('reports a message it could not record, so SQS delivers it again', async () => {
    const broken = createMailFeedbackHandler({
      deliveries: { putAddress: () => Promise.reject(new Error('DynamoDB unavailable')) },
      targets: [],
      logger: quiet(),
    });
    const event = simulatorEvent(
      { messageId: 'm-1', from: 'a@b.c', at: new Date() },
      'bounce@simulator.amazonses.com',
    );
    const record = asSqsRecord(event as object, 'arn:aws:sns:local:0:t');
    const junk = { ...record, messageId: 'junk', body: 'not json' };
    const reply = await broken({ Records: [record, junk] });
    expect(reply.batchItemFailures).toEqual([{ itemIdentifier: record.messageId }]);
  });
});
