import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { makeTriggerId } from '../../../src/dev/stand-ins/slack-web-api';
import { type Booking, scheduleInstants } from '../../../src/domain';
import { ACTION, CALLBACK, LIFECYCLE_BLOCK, LIFECYCLE_INPUT } from '../../../src/slack/ids';
import { aBookingInput } from '../../helpers/fixtures';
import {
  CAPTAIN_SLACK_ID,
  daysFromNow,
  OPERATOR,
  type SlackTestKit,
  startSlackTestKit,
} from './support/slack-test-kit';

describe('buttons on the status thread', () => {
  let kit: SlackTestKit;

  beforeAll(async () => {
    kit = await startSlackTestKit();
    await kit.seedRoster();
  });
  afterAll(() => kit.stop());
  beforeEach(() => kit.slack.reset());

  async function aCharter(title = 'Button Test'): Promise<Booking> {
    const input = aBookingInput({ title, schedule: { date: daysFromNow(25) } });
    const { startsAt, endsAt } = scheduleInstants(input.schedule);
    return kit.store.createBooking({
      input,
      boat: { id: 'jada', name: 'Jada' },
      startsAt,
      endsAt,
      actor: OPERATOR,
    });
  }

  function ephemeralTo(user: string): string {
    return kit.slack
      .ephemerals()
      .filter((e) => e.user === user)
      .map((e) => e.text)
      .join('\n');
  }

  it('the assigned captain confirms: the answer is recorded via Slack and they are thanked privately', async () => {
    const booking = await aCharter();

    const response = await kit.clickButton({
      actionId: ACTION.captainConfirm,
      value: booking.id,
      user: CAPTAIN_SLACK_ID,
    });

    expect(response.statusCode).toBe(200);
    const [answer] = await kit.store.listConfirmations(booking.id);
    expect(answer).toMatchObject({ crewId: 'ana-ruiz', answer: 'confirmed', via: 'slack', revision: 1 });
    expect(ephemeralTo(CAPTAIN_SLACK_ID)).toContain('you confirmed');
    expect(kit.slack.callsTo('chat.postMessage')).toHaveLength(0);
  });

  it('the assigned captain can decline, saying why in a small modal first', async () => {
    const booking = await aCharter();

    await kit.clickButton({ actionId: ACTION.captainDecline, value: booking.id, user: CAPTAIN_SLACK_ID });
    expect(await kit.store.listConfirmations(booking.id)).toEqual([]);
    const modal = kit.lastOpenedView();
    expect(modal.callback_id).toBe(CALLBACK.declineModal);
    const response = await kit.submitView(
      modal,
      {
        [LIFECYCLE_BLOCK.declineReason]: {
          [LIFECYCLE_INPUT.declineReason]: { type: 'plain_text_input', value: 'Family emergency' },
        },
      },
      CAPTAIN_SLACK_ID,
    );

    expect(response.json).toMatchObject({ response_action: 'update' });
    expect((await kit.store.listConfirmations(booking.id))[0]).toMatchObject({
      answer: 'declined',
      via: 'slack',
      reason: 'Family emergency',
    });
  });

  it('issue #3: anyone but the assigned captain gets a polite private refusal and nothing is recorded', async () => {
    const booking = await aCharter();

    await kit.clickButton({ actionId: ACTION.captainConfirm, value: booking.id, user: 'U0SOMEONE' });
    await kit.clickButton({ actionId: ACTION.captainConfirm, value: booking.id, user: OPERATOR });

    expect(await kit.store.listConfirmations(booking.id)).toEqual([]);
    // Not on the roster: the authorization table refuses before the listener runs.
    expect(ephemeralTo('U0SOMEONE')).toContain('Only people on the crew roster can');
    // An operator is not the captain either.
    expect(ephemeralTo(OPERATOR)).toContain(
      'only the people assigned to *Button Test* can confirm or decline it',
    );
  });

  it('a repeated click (same action_ts, a Slack retry) is handled once', async () => {
    const booking = await aCharter();
    const click = {
      actionId: ACTION.captainConfirm,
      value: booking.id,
      user: CAPTAIN_SLACK_ID,
      actionTs: '1760000000.123456',
    };

    await kit.clickButton(click);
    await kit.clickButton(click);

    expect(kit.slack.ephemerals()).toHaveLength(1);
    expect(await kit.store.listAnswers(booking.id)).toHaveLength(1);
  });

  it('Retry failed steps records a request the pipeline sees (a revision bump), once per revision', async () => {
    const booking = await aCharter();

    await kit.clickButton({ actionId: ACTION.retrySteps, value: booking.id });
    const after = (await kit.store.getBooking(booking.id)) as Booking & { reconcileRequest?: unknown };

    expect(after.revision).toBe(2);
    expect(after.reconcileRequest).toMatchObject({ what: 'retry', by: OPERATOR });
    expect(ephemeralTo(OPERATOR)).toContain('retry the failed steps');
  });

  it('Republish guest page records a republish request', async () => {
    const booking = await aCharter();

    await kit.clickButton({ actionId: ACTION.republishGuestPage, value: booking.id });

    const after = (await kit.store.getBooking(booking.id)) as Booking & { reconcileRequest?: unknown };
    expect(after.reconcileRequest).toMatchObject({ what: 'republish' });
  });

  it('Cancel charter (after Slack’s confirm dialog) cancels it and says so privately', async () => {
    const booking = await aCharter();

    await kit.clickButton({ actionId: ACTION.cancelCharter, value: booking.id });

    const after = await kit.store.getBooking(booking.id);
    expect(after).toMatchObject({ status: 'cancelled', revision: 2, updatedBy: OPERATOR });
    expect(after?.cancelReason).toBe('Cancelled in Slack');
    expect(ephemeralTo(OPERATOR)).toContain('Cancelled *Button Test*');
  });

  it('the cancel flow from /charter cancel: the question, then "Yes, cancel it" cancels that revision', async () => {
    const booking = await aCharter('Cancel Flow');
    const asked = await kit.command(`cancel ${booking.slug}`);
    const value = JSON.stringify(asked.json).match(/"value":"(bk-[^"]+:1)"/)?.[1];
    expect(value).toBe(`${booking.id}:1`);

    await kit.clickButton({ actionId: ACTION.confirmCancel, value: value!, responseUrl: asked.responseUrl });

    expect((await kit.store.getBooking(booking.id))?.status).toBe('cancelled');
    const replaced = kit.slack.responsePosts.at(-1)?.body;
    expect(replaced).toMatchObject({ replace_original: true });
    expect(JSON.stringify(replaced)).toContain('Cancelled *Cancel Flow*');
  });

  it('"Yes, cancel it" on a charter changed since the question refuses, naming what to do', async () => {
    const booking = await aCharter('Changed Meanwhile');
    await kit.store.requestReconcile(booking.id, 1, 'republish', OPERATOR);

    await kit.clickButton({ actionId: ACTION.confirmCancel, value: `${booking.id}:1` });

    expect((await kit.store.getBooking(booking.id))?.status).toBe('pending');
    expect(JSON.stringify(kit.slack.responsePosts.at(-1)?.body)).toContain('changed since you asked');
  });

  it('"Keep it" removes the question and changes nothing', async () => {
    const booking = await aCharter('Keep Me');

    await kit.clickButton({ actionId: ACTION.keepCharter, value: booking.id });

    expect(kit.slack.responsePosts.at(-1)?.body).toMatchObject({ delete_original: true });
    expect((await kit.store.getBooking(booking.id))?.status).toBe('pending');
  });

  it('App Home: "New charter" and "Edit" open the booking modal (there is no channel to answer in)', async () => {
    const booking = await aCharter('From Home');
    const home = (actionId: string, value: string) =>
      kit.interact({
        type: 'block_actions',
        team: { id: 'T0CHARTER' },
        user: { id: OPERATOR },
        api_app_id: 'A0CHARTEROPS',
        container: { type: 'view', view_id: 'V0HOME' },
        trigger_id: makeTriggerId(OPERATOR),
        view: { id: 'V0HOME', type: 'home', blocks: [], state: { values: {} } },
        actions: [
          { type: 'button', action_id: actionId, value, action_ts: `${Date.now()}.${actionId.length}` },
        ],
      });

    await home(ACTION.newCharter, 'new');
    expect(JSON.parse(String(kit.lastOpenedView().private_metadata))).toMatchObject({ mode: 'create' });

    await home(ACTION.editCharter, booking.id);
    expect(JSON.parse(String(kit.lastOpenedView().private_metadata))).toMatchObject({
      mode: 'edit',
      bookingId: booking.id,
    });
  });
});
