/**
 * Bounced crew are unreachable (issue #16): a crew member whose invitation bounced (or who reported it as
 * spam) counts as someone who cannot answer. Their deadline escalates at once instead of in 48 hours, no
 * reminder goes to the dead address, and the decline cascade moves on and never comes back to them.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { offerPlace } from '../../../src/crew/replace-crew';
import { crewFeedbackTarget, DeliveryStore, markMailFeedback } from '../../../src/mail/mail-feedback';
import { ACTION } from '../../../src/slack/ids';
import { type LifecycleStack, replyText, startLifecycleStack } from './helpers/lifecycle-stack';

describe('a crew member whose invitation bounced', () => {
  let stack: LifecycleStack;
  let bounce: (address: string, at: string) => Promise<void>;

  beforeAll(async () => {
    stack = await startLifecycleStack();
    const deliveries = new DeliveryStore(stack.table.doc, stack.table.tableName);
    const targets = [crewFeedbackTarget({ store: stack.store, deliveries, now: () => stack.clock.now() })];
    bounce = async (address, at) => {
      await markMailFeedback(
        {
          kind: 'bounced',
          messageId: `ses-${address}-${at}`,
          recipients: [{ address, problem: 'mailbox does not exist' }],
          at,
          permanent: true,
        },
        { deliveries, targets },
      );
    };
  });
  afterAll(() => stack?.stop());

  const id = 'bk-unreachable-01';
  const texts = () => stack.replies(id).map((r) => r.text ?? '');

  it('escalates now: the thread offers the place at once, and no reminder or deadline waits for them', async () => {
    stack.clock.set(new Date('2026-11-24T17:00:00Z'));
    const booking = await stack.createBooking({ title: 'Bounce Sail' }, id);
    await stack.reconcile(booking.id);
    expect((await stack.pendingTimers(id)).map((t) => t.name)).toContain(`deadline.${id}.ben-okafor`);

    stack.clock.set(new Date('2026-11-24T17:10:00Z'));
    await bounce('ben@crew.test', '2026-11-24T17:05:00.000Z');
    await stack.reconcile(id);

    const escalation = stack.replies(id).find((r) => r.text?.includes('cannot answer'));
    expect(escalation?.text).toContain(
      'Crew Ben Okafor cannot answer: their invitation bounced (mailbox does not exist). Their answer deadline is now',
    );
    expect(replyText(escalation!)).toContain(
      `"action_id":"${ACTION.offerPlace}","value":"${id}|ben-okafor|dana-lee"`,
    );
    const timers = (await stack.pendingTimers(id)).map((t) => t.name);
    expect(timers).not.toContain(`deadline.${id}.ben-okafor`);
    expect(timers).not.toContain(`reminder.${id}.ben-okafor`);
    // Ana was reached: her deadline still stands.
    expect(timers).toContain(`deadline.${id}.ana-ruiz`);
  });

  it('says it once, and the old deadline passing later adds nothing', async () => {
    await stack.reconcile(id);
    await stack.advanceTo('2026-11-26T17:00:01Z');
    await stack.reconcile(id);
    expect(texts().filter((t) => t.includes('Ben Okafor cannot answer'))).toHaveLength(1);
    expect(texts().filter((t) => t.includes('Answer deadline passed') && t.includes('Ben Okafor'))).toEqual(
      [],
    );
  });

  it('the cascade moves on when the next person bounces too, and never comes back to the first', async () => {
    stack.clock.set(new Date('2026-11-26T18:00:00Z'));
    const offered = await offerPlace(stack.store, stack.timeOff, {
      bookingId: id,
      crewId: 'ben-okafor',
      candidateId: 'dana-lee',
      actor: 'U0OPS',
    });
    expect(offered.kind).toBe('offered');
    await stack.reconcile(id);
    stack.clock.set(new Date('2026-11-26T18:10:00Z'));
    await bounce('dana@crew.test', '2026-11-26T18:05:00.000Z');
    await stack.reconcile(id);

    const escalation = stack.replies(id).find((r) => r.text?.includes('Dana Lee (<@U0DANA>) cannot answer'));
    expect(replyText(escalation!)).toContain(`"value":"${id}|dana-lee|eli-park"`);
    // Ben's address bounced on this charter: he is never offered it again.
    expect(replyText(escalation!)).not.toContain('ben-okafor"');
  });
});
