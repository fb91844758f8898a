import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scheduleInstants } from '../../../src/domain';
import { aBookingInput } from '../../helpers/fixtures';
import { daysFromNow, OPERATOR, type SlackTestKit, startSlackTestKit } from './support/slack-test-kit';

describe('events', () => {
  let kit: SlackTestKit;

  beforeAll(async () => {
    kit = await startSlackTestKit();
    await kit.seedRoster();
    const input = aBookingInput({ title: 'Home Charter', schedule: { date: daysFromNow(12) } });
    const { startsAt, endsAt } = scheduleInstants(input.schedule);
    const booking = await kit.store.createBooking({
      input,
      boat: { id: 'jada', name: 'Jada' },
      startsAt,
      endsAt,
      actor: OPERATOR,
    });
    await kit.store.recordConfirmation({
      bookingId: booking.id,
      crewId: 'ana-ruiz',
      answer: 'confirmed',
      at: new Date().toISOString(),
      via: 'slack',
      revision: 1,
    });
  });
  afterAll(() => kit.stop());

  it('app_home_opened publishes the next charters with their confirmation state', async () => {
    const response = await kit.event({
      type: 'app_home_opened',
      user: OPERATOR,
      channel: 'D0HOME',
      tab: 'home',
    });

    expect(response.statusCode).toBe(200);
    const home = kit.slack.homeView(OPERATOR);
    const text = JSON.stringify(home?.blocks);
    expect(home?.type).toBe('home');
    expect(text).toContain('Home Charter');
    expect(text).toContain('crew ✅ 1 · ⏳ 1 · ❌ 0');
  });

  it('issue #3: a retried event (same event_id, X-Slack-Retry-Num) is handled once', async () => {
    kit.slack.reset();
    const event = { type: 'app_home_opened', user: 'U0RETRY', channel: 'D0HOME', tab: 'home' };

    await kit.event(event, { eventId: 'Ev0RETRY01' });
    const retry = await kit.event(event, {
      eventId: 'Ev0RETRY01',
      headers: { 'x-slack-retry-num': '1', 'x-slack-retry-reason': 'http_timeout' },
    });

    expect(retry.statusCode).toBe(200);
    expect(kit.slack.callsTo('views.publish')).toHaveLength(1);
  });

  it('the Messages tab does not republish the home', async () => {
    kit.slack.reset();

    await kit.event({ type: 'app_home_opened', user: OPERATOR, channel: 'D0HOME', tab: 'messages' });

    expect(kit.slack.callsTo('views.publish')).toHaveLength(0);
  });
});
