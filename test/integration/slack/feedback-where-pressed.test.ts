/**
 * Issue #18 item 2: every button answers the person who pressed it where they pressed it. The captain's
 * direct message is redrawn in place ("Confirmed by Ana · 2:02 PM PST · Change"); refusals are ephemeral in
 * the channel where the button was, and go into a thread only when the button was on a reply in it.
 */
import { WebClient } from '@slack/web-api';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type Booking, crewView, scheduleInstants } from '../../../src/domain';
import { renderCrewDirectMessage } from '../../../src/slack/blocks/crew-assignment';
import { renderDeadlinePassed, renderDeclineProposal } from '../../../src/slack/blocks/follow-up-messages';
import { ACTION, LIFECYCLE_BLOCK, LIFECYCLE_INPUT } from '../../../src/slack/ids';
import { aBookingInput, TEST_CREW } from '../../helpers/fixtures';
import {
  BOT_TOKEN,
  CAPTAIN_SLACK_ID,
  daysFromNow,
  OPERATOR,
  OPS_CHANNEL,
  type SlackTestKit,
  startSlackTestKit,
} from './support/slack-test-kit';

describe('feedback where the button was pressed', () => {
  let kit: SlackTestKit;
  let web: WebClient;

  beforeAll(async () => {
    kit = await startSlackTestKit();
    await kit.seedRoster([
      ...TEST_CREW,
      {
        id: 'dana-lee',
        name: 'Dana Lee',
        email: 'dana@crew.test',
        defaultRole: 'crew',
        defaultHourlyRateCents: 3000,
        active: true,
      },
    ]);
    web = new WebClient(BOT_TOKEN, { slackApiUrl: kit.slack.url, retryConfig: { retries: 0 } });
  });
  afterAll(() => kit.stop());
  beforeEach(() => kit.slack.reset());

  async function aCharter(title = 'Feedback Test', inDays = 25): Promise<Booking> {
    const input = aBookingInput({ title, schedule: { date: daysFromNow(inDays) } });
    const { startsAt, endsAt } = scheduleInstants(input.schedule);
    return kit.store.createBooking({
      input,
      boat: { id: 'jada', name: 'Jada' },
      startsAt,
      endsAt,
      actor: OPERATOR,
    });
  }

  /** The captain's direct message as the pipeline sends it; returns where it is. */
  async function captainDirectMessage(booking: Booking) {
    const dm = renderCrewDirectMessage({ view: crewView(booking, 'ana-ruiz'), answer: 'waiting' }, 'asked');
    const posted = await web.chat.postMessage({
      channel: CAPTAIN_SLACK_ID,
      text: dm.text,
      blocks: dm.blocks,
    });
    const ts = String(posted.ts);
    const pressIn = (actionId: string) =>
      kit.clickButton({
        actionId,
        value: booking.id,
        user: CAPTAIN_SLACK_ID,
        channel: CAPTAIN_SLACK_ID,
        messageTs: ts,
        message: { blocks: stored().blocks ?? [] },
      });
    const stored = () => {
      const found = kit.slack.messages(CAPTAIN_SLACK_ID).find((m) => m.ts === ts);
      if (!found) throw new Error('the direct message is gone');
      return found;
    };
    const actionIds = () =>
      JSON.stringify(stored().blocks)
        .match(/"action_id":"[a-z_]+"/g)
        ?.map((a) => a.slice(13, -1)) ?? [];
    return { ts, pressIn, stored, actionIds };
  }

  it('Confirm in the direct message turns its buttons into "Confirmed by Ana · <time> · Change"', async () => {
    const booking = await aCharter();
    const dm = await captainDirectMessage(booking);

    await dm.pressIn(ACTION.captainConfirm);

    const text = JSON.stringify(dm.stored().blocks);
    expect(text).toMatch(/Confirmed by Ana · \d{1,2}:\d{2} [AP]M P[SD]T/);
    expect(dm.actionIds()).toEqual([ACTION.captainChange]);
    // The intro is kept as it was; nothing was said anywhere else.
    expect(text).toContain('Can you make it?');
    expect(kit.slack.ephemerals()).toHaveLength(0);
    expect(kit.slack.callsTo('chat.postMessage')).toHaveLength(1);
    expect((await kit.store.listConfirmations(booking.id))[0]).toMatchObject({ answer: 'confirmed' });
  });

  it('Change brings Confirm / Decline… back in place and records nothing', async () => {
    const booking = await aCharter();
    const dm = await captainDirectMessage(booking);
    await dm.pressIn(ACTION.captainConfirm);

    await dm.pressIn(ACTION.captainChange);

    expect(dm.actionIds()).toEqual([ACTION.captainConfirm, ACTION.captainDecline]);
    expect(JSON.stringify(dm.stored().blocks)).toContain('Still confirmed');
    expect(await kit.store.listAnswers(booking.id)).toHaveLength(1);
  });

  it('Decline… then the modal: the direct message says "Declined by Ana" with the reason, buttons gone', async () => {
    const booking = await aCharter();
    const dm = await captainDirectMessage(booking);
    await dm.pressIn(ACTION.captainDecline);

    await kit.submitView(
      kit.lastOpenedView(),
      {
        [LIFECYCLE_BLOCK.declineReason]: {
          [LIFECYCLE_INPUT.declineReason]: { type: 'plain_text_input', value: 'Family emergency' },
        },
      },
      CAPTAIN_SLACK_ID,
    );

    const text = JSON.stringify(dm.stored().blocks);
    expect(text).toMatch(/Declined by Ana · \d{1,2}:\d{2} [AP]M/);
    expect(text).toContain('Family emergency');
    expect(dm.actionIds()).toEqual([ACTION.captainChange]);
  });

  /** `/charter mine` as Ana, and her presses in that ephemeral (each with a response_url of its own). */
  async function mineEphemeral() {
    const shown = await kit.command('mine', { user: CAPTAIN_SLACK_ID });
    let current = (shown.json ?? {}) as { text?: string; blocks?: unknown[] };
    const urls: string[] = [];
    const pressIn = (actionId: string, bookingId: string) => {
      const responseUrl = kit.slack.responseUrl(`mine-${urls.length}`);
      urls.push(responseUrl);
      return kit.clickButton({
        actionId,
        value: bookingId,
        user: CAPTAIN_SLACK_ID,
        channel: OPS_CHANNEL,
        ephemeral: true,
        responseUrl,
      });
    };
    /** The message after every replace_original sent to one of its response_urls, as Slack applies them. */
    const redrawn = () => {
      for (const post of kit.slack.responsePosts) {
        if (!urls.some((u) => u.endsWith(`/response/${post.id}`))) continue;
        if (post.body.replace_original === true) current = post.body as typeof current;
      }
      return current;
    };
    /** The blocks of one charter in the list: from its title to the next divider. */
    const itemOf = (title: string) => {
      const blocks = (redrawn().blocks ?? []) as { type: string }[];
      const start = blocks.findIndex((b) => JSON.stringify(b).includes(`*${title}*`));
      if (start < 0) throw new Error(`${title} is not in /charter mine`);
      const end = blocks.findIndex((b, i) => i > start && b.type === 'divider');
      return JSON.stringify(blocks.slice(start, end < 0 ? undefined : end));
    };
    const actionIds = (title: string) =>
      itemOf(title)
        .match(/"action_id":"[a-z_]+"/g)
        ?.map((a) => a.slice(13, -1)) ?? [];
    return { pressIn, redrawn, itemOf, actionIds };
  }

  it('/charter mine: Decline… then the modal redraws the ephemeral in place, "Declined by Ana" with the reason', async () => {
    const booking = await aCharter('Mine Decline', 2);
    const mine = await mineEphemeral();
    expect(mine.actionIds('Mine Decline')).toEqual([ACTION.captainConfirm, ACTION.captainDecline]);

    await mine.pressIn(ACTION.captainDecline, booking.id);
    await kit.submitView(
      kit.lastOpenedView(),
      {
        [LIFECYCLE_BLOCK.declineReason]: {
          [LIFECYCLE_INPUT.declineReason]: { type: 'plain_text_input', value: 'Boat show that day' },
        },
      },
      CAPTAIN_SLACK_ID,
    );

    const text = mine.itemOf('Mine Decline');
    expect(text).toMatch(/Declined by Ana · \d{1,2}:\d{2} [AP]M/);
    expect(text).toContain('Boat show that day');
    expect(mine.actionIds('Mine Decline')).toEqual([ACTION.captainChange]);
    // Redrawn where she pressed, not said again somewhere else.
    expect(kit.slack.ephemerals()).toHaveLength(0);
    expect((await kit.store.listConfirmations(booking.id))[0]).toMatchObject({ answer: 'declined' });
  });

  it('/charter mine: Confirm redraws the ephemeral, and Change brings the buttons back there', async () => {
    const booking = await aCharter('Mine Confirm', 1);
    const mine = await mineEphemeral();

    await mine.pressIn(ACTION.captainConfirm, booking.id);
    expect(mine.itemOf('Mine Confirm')).toMatch(/Confirmed by Ana · \d{1,2}:\d{2} [AP]M/);
    expect(mine.actionIds('Mine Confirm')).toEqual([ACTION.captainChange]);
    expect(kit.slack.ephemerals()).toHaveLength(0);

    await mine.pressIn(ACTION.captainChange, booking.id);
    expect(mine.actionIds('Mine Confirm')).toEqual([ACTION.captainConfirm, ACTION.captainDecline]);
    expect(mine.itemOf('Mine Confirm')).toContain('Still confirmed');
    expect(await kit.store.listAnswers(booking.id)).toHaveLength(1);
  });

  it('someone else pressing a button in the DM-like place is refused privately, and the message stays', async () => {
    const booking = await aCharter();
    const dm = await captainDirectMessage(booking);

    await kit.clickButton({
      actionId: ACTION.captainConfirm,
      value: booking.id,
      user: OPERATOR,
      channel: CAPTAIN_SLACK_ID,
      messageTs: dm.ts,
    });

    expect(dm.actionIds()).toEqual([ACTION.captainConfirm, ACTION.captainDecline]);
    expect(kit.slack.ephemerals().map((e) => e.user)).toEqual([OPERATOR]);
  });

  it('a refusal for a button on the root message goes to the channel, not into the root’s thread', async () => {
    const booking = await aCharter();
    const rootTs = '1700000000.000100';

    // A root message with replies carries thread_ts equal to its own ts.
    await kit.clickButton({
      actionId: ACTION.retrySteps,
      value: booking.id,
      user: 'U0SOMEONE',
      messageTs: rootTs,
      message: { thread_ts: rootTs },
    });
    await kit.clickButton({
      actionId: ACTION.captainConfirm,
      value: booking.id,
      user: OPERATOR,
      messageTs: rootTs,
      message: { thread_ts: rootTs },
    });

    const answers = kit.slack.ephemerals(OPS_CHANNEL);
    expect(answers.map((e) => e.user).sort()).toEqual([OPERATOR, 'U0SOMEONE'].sort());
    for (const answer of answers) expect(answer.thread_ts).toBeUndefined();
  });

  it('a refusal for a button on a reply stays in that thread', async () => {
    const booking = await aCharter();

    await kit.clickButton({
      actionId: ACTION.retrySteps,
      value: booking.id,
      user: 'U0SOMEONE',
      messageTs: '1700000000.000200',
      message: { thread_ts: '1700000000.000100' },
    });

    expect(kit.slack.ephemerals(OPS_CHANNEL)[0]?.thread_ts).toBe('1700000000.000100');
  });

  /** A lifecycle reply with buttons in the ops channel, as the pipeline posts it. */
  async function threadReply(message: { text: string; blocks: unknown[] }) {
    const root = await web.chat.postMessage({ channel: OPS_CHANNEL, text: 'root' });
    const posted = await web.chat.postMessage({
      channel: OPS_CHANNEL,
      thread_ts: String(root.ts),
      text: message.text,
      blocks: message.blocks as never,
    });
    const ts = String(posted.ts);
    const stored = () => kit.slack.replies(OPS_CHANNEL, String(root.ts)).find((m) => m.ts === ts);
    return {
      press: (actionId: string, value: string) =>
        kit.clickButton({
          actionId,
          value,
          messageTs: ts,
          message: { thread_ts: String(root.ts), blocks: stored()?.blocks ?? [], text: message.text },
        }),
      text: () => JSON.stringify(stored()?.blocks),
    };
  }

  it('Offer to <name> on a decline reply: its buttons give way to "Offered to Dana Lee by …" in place', async () => {
    const booking = await aCharter();
    const reply = await threadReply(
      renderDeclineProposal({
        bookingId: booking.id,
        crew: { crewId: 'ben-okafor', name: 'Ben Okafor', role: 'crew' },
        candidate: { crewId: 'dana-lee', name: 'Dana Lee' },
      }),
    );

    await reply.press(ACTION.offerPlace, `${booking.id}|ben-okafor|dana-lee`);

    expect(reply.text()).toMatch(/Offered to Dana Lee by <@U0OPERATOR> · \d{1,2}:\d{2} [AP]M/);
    expect(reply.text()).not.toContain('"type":"actions"');
    expect(kit.slack.ephemerals()).toHaveLength(0);
    expect((await kit.store.requireBooking(booking.id)).crew.map((a) => a.crewId)).toContain('dana-lee');
  });

  it('Remind again on a deadline reply: only that button goes, Replace… stays', async () => {
    const booking = await aCharter();
    const reply = await threadReply(
      renderDeadlinePassed({
        bookingId: booking.id,
        crew: { crewId: 'ben-okafor', name: 'Ben Okafor', role: 'crew' },
      }),
    );

    await reply.press(ACTION.remindAgain, `${booking.id}|ben-okafor`);

    expect(reply.text()).toContain('Reminder asked for by <@U0OPERATOR>');
    expect(reply.text()).not.toContain(ACTION.remindAgain);
    expect(reply.text()).toContain(ACTION.replaceCrew);
  });

  it('a refused Offer (the person confirmed meanwhile) leaves the buttons and answers privately', async () => {
    const booking = await aCharter();
    await kit.store.recordConfirmation({
      bookingId: booking.id,
      crewId: 'ben-okafor',
      answer: 'confirmed',
      at: new Date().toISOString(),
      via: 'crew-page',
      revision: 1,
    });
    const reply = await threadReply(
      renderDeclineProposal({
        bookingId: booking.id,
        crew: { crewId: 'ben-okafor', name: 'Ben Okafor', role: 'crew' },
        candidate: { crewId: 'dana-lee', name: 'Dana Lee' },
      }),
    );

    await reply.press(ACTION.offerPlace, `${booking.id}|ben-okafor|dana-lee`);

    expect(reply.text()).toContain(ACTION.offerPlace);
    expect(kit.slack.ephemerals(OPS_CHANNEL)[0]?.text).toContain('has confirmed meanwhile');
  });
});
