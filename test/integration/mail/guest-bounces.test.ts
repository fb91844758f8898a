/**
 * Guest mail that bounces is known too (issue #16, the hook #17 left): the guest's confirmation goes out
 * through SCC to SES's mailbox simulator, the notification comes back through the same SNS → SQS handler as
 * crew bounces, is matched to that guest email by SES's message id (kept with the guest-mail record), and
 * the booking's thread says which guest email bounced — without the guest's address, since crew may read
 * the ops channel.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type SesSimulator, startSesSimulator } from '../../../src/dev/stand-ins/ses-simulator';
import { createLogger } from '../../../src/logging/logger';
import { createMailFeedbackHandler } from '../../../src/mail/feedback-handler';
import { crewFeedbackTarget, DeliveryStore } from '../../../src/mail/mail-feedback';
import { guestMailFeedbackTarget } from '../../../src/scc/guest-mail-feedback';
import { OPS_CHANNEL, type PipelineStack, startPipelineStack } from '../pipeline/helpers/pipeline-stack';

let stack: PipelineStack;
let simulator: SesSimulator;
let deliveries: DeliveryStore;

beforeAll(async () => {
  // A loaded machine answers slowly: nothing here injects faults, so a call may take its time.
  stack = await startPipelineStack({ httpTimeoutMs: 5_000 });
  await stack.startPoller(stack.buildPipeline());
  deliveries = new DeliveryStore(stack.table.doc, stack.table.tableName);
  const handle = createMailFeedbackHandler({
    deliveries,
    targets: [
      crewFeedbackTarget({ store: stack.store, deliveries }),
      guestMailFeedbackTarget({ doc: stack.table.doc, tableName: stack.table.tableName, deliveries }),
    ],
    logger: createLogger('guest-bounce-test', 'error', () => {}),
  });
  simulator = startSesSimulator({ sesEndpoint: stack.ses.endpoint, deliver: handle });
});

afterAll(async () => {
  await simulator?.stop();
  await stack?.stop();
});

function thread(bookingId: string): string[] {
  const [root] = stack.rootMessages(bookingId);
  const replies = stack.slack.replies(OPS_CHANNEL, root?.ts ?? '');
  return [root, ...replies].map((m) => `${m?.text ?? ''}\n${JSON.stringify(m?.blocks ?? [])}`);
}

describe("a guest's email that bounces", () => {
  it('is matched by its SES message id and said in the thread, without the address', {
    timeout: 180_000,
  }, async () => {
    const address = 'bounce+jordan@simulator.amazonses.com';
    const booking = await stack.createBooking(
      { title: 'Guest Bounce Sail', guest: { email: address } },
      'bk-guest-bounce',
    );
    await stack.waitFor(
      'the guest confirmation line',
      async () => thread(booking.id).some((t) => t.includes('Guest emailed')),
      120_000,
    );

    // Only the guest's mail goes to a simulator address: one notification.
    expect(await simulator.pass()).toBe(1);

    await stack.waitFor(
      'the bounce line',
      async () => thread(booking.id).some((t) => t.includes("The guest's confirmation email bounced")),
      120_000,
    );
    const line = thread(booking.id).find((t) => t.includes("The guest's confirmation email bounced"));
    expect(line).toContain(
      `The guest's confirmation email bounced: mailbox does not exist — they did not get it. Check their email address with \`/charter edit ${booking.slug}\`.`,
    );
    const guest = await deliveries.listGuest(booking.id);
    expect(guest).toHaveLength(1);
    expect(guest[0]).toMatchObject({ mail: 'confirmation', kind: 'bounced' });
    // The channel never shows the guest's address; the crew's mail records are untouched.
    for (const text of thread(booking.id)) expect(text.toLowerCase()).not.toContain('bounce+jordan');
    expect(JSON.stringify(guest)).not.toContain('simulator.amazonses.com');
    expect(await deliveries.list(booking.id)).toEqual([]);
    // Nothing new the second time.
    expect(await simulator.pass()).toBe(0);
  });
});
