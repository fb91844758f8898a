/**
 * Finding 8 of #14: a cancel from Slack stored the reason `Cancelled in Slack by <@U0…>`, which every surface
 * escapes (it is free text), so the thread showed `Cancelled in Slack by &lt;@U0…&gt;`. The reason is now
 * plain text; who cancelled is the actor, shown as a real mention.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { opsView, scheduleInstants } from '../../src/domain';
import { renderRootMessage, renderThreadReply } from '../../src/slack/blocks/status-thread';
import { ACTION } from '../../src/slack/ids';
import { aBookingInput } from '../helpers/fixtures';
import {
  daysFromNow,
  OPERATOR,
  type SlackTestKit,
  startSlackTestKit,
} from '../integration/slack/support/slack-test-kit';

let kit: SlackTestKit;

beforeAll(async () => {
  kit = await startSlackTestKit();
  await kit.seedRoster();
});
afterAll(() => kit.stop());

describe('finding 8: a cancel reason is never escaped twice', () => {
  it('Cancel charter in the thread stores a reason with no Slack markup, and the thread shows no &lt;', async () => {
    const input = aBookingInput({ title: 'Escape Test', schedule: { date: daysFromNow(20) } });
    const booking = await kit.store.createBooking({
      input,
      boat: { id: 'jada', name: 'Jada' },
      ...scheduleInstants(input.schedule),
      actor: OPERATOR,
    });

    await kit.clickButton({ actionId: ACTION.cancelCharter, value: booking.id });

    const cancelled = await kit.store.requireBooking(booking.id);
    expect(cancelled.cancelReason).not.toMatch(/[<>&]/);
    const reply = renderThreadReply({
      bookingId: booking.id,
      kind: 'cancelled',
      reason: cancelled.cancelReason,
      by: OPERATOR,
    });
    expect(reply.text).not.toContain('&lt;');
    expect(reply.text).toContain(`<@${OPERATOR}>`);
    const root = JSON.stringify(renderRootMessage(opsView(cancelled), [], []));
    expect(root).not.toContain('&lt;@');
  });
});
