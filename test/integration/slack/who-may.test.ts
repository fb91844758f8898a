/**
 * Issue #13, tried as the people who would try it: Ben, on the roster as crew but not an operator, and Zed,
 * a workspace member on no roster, against every command, action and view the app has. Each is refused with
 * one private sentence, nothing opens, nothing is written, and nothing of the charter (the canary booking:
 * every secret field unmistakable) reaches them. The operator gets through the same doors.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { makeTriggerId, type StoredView } from '../../../src/dev/stand-ins/slack-web-api';
import { type Booking, scheduleInstants } from '../../../src/domain';
import { ACTION_RULES, COMMAND_RULES, VIEW_RULES } from '../../../src/slack/auth';
import { crewActionValue } from '../../../src/slack/blocks/follow-up-messages';
import { ACTION } from '../../../src/slack/ids';
import { canaryBookingInput, expectNoCanary } from '../../helpers/canary';
import { TEST_CREW } from '../../helpers/fixtures';
import {
  CAPTAIN_SLACK_ID,
  daysFromNow,
  formState,
  OPERATOR,
  type SlackTestKit,
  startSlackTestKit,
  validForm,
} from './support/slack-test-kit';

const BEN = 'U0BENCREW';
const ZED = 'U0ZEDNOBODY';

const operatorCommands = Object.entries(COMMAND_RULES).filter(([, r]) => r.who === 'operator');
const operatorActions = Object.entries(ACTION_RULES).filter(([, r]) => r.who === 'operator');
const operatorViews = Object.entries(VIEW_RULES).filter(([, r]) => r.who === 'operator');
const rosterActions = Object.entries(ACTION_RULES).filter(([, r]) => r.who === 'roster');
const rosterViews = Object.entries(VIEW_RULES).filter(([, r]) => r.who === 'roster');

describe('who may do what in Slack', () => {
  let kit: SlackTestKit;
  let booking: Booking;

  beforeAll(async () => {
    kit = await startSlackTestKit();
    await kit.seedRoster([...TEST_CREW.map((m) => (m.id === 'ben-okafor' ? { ...m, slackUserId: BEN } : m))]);
    const input = canaryBookingInput({ title: 'Canary Sail', schedule: { date: daysFromNow(20) } });
    const { startsAt, endsAt } = scheduleInstants(input.schedule);
    booking = await kit.store.createBooking({
      input,
      boat: { id: 'jada', name: 'Jada' },
      startsAt,
      endsAt,
      actor: OPERATOR,
    });
  });
  afterAll(() => kit.stop());
  beforeEach(() => kit.slack.reset());

  /** Everything Slack was asked to show anyone, and the direct answers. */
  function everythingShown(extra: string[] = []): string {
    return JSON.stringify([
      kit.slack.ephemerals(),
      kit.slack.responsePosts,
      kit.slack.views(),
      kit.slack.callsTo('chat.postMessage').map((c) => c.args),
      extra,
    ]);
  }

  async function nothingChanged(): Promise<void> {
    const now = await kit.store.requireBooking(booking.id);
    expect(now.revision).toBe(booking.revision);
    expect(now.status).toBe(booking.status);
    expect(await kit.store.listConfirmations(booking.id)).toEqual([]);
    expect((await kit.store.listCrew()).map((m) => [m.id, m.slackUserId, m.defaultHourlyRateCents])).toEqual(
      TEST_CREW.map((m) => [m.id, m.id === 'ben-okafor' ? BEN : m.slackUserId, m.defaultHourlyRateCents]),
    );
    expect(kit.slack.callsTo('views.open')).toHaveLength(0);
    expect(kit.slack.callsTo('views.push')).toHaveLength(0);
  }

  describe.each([
    ['Ben (crew, not an operator)', BEN],
    ['Zed (on no roster)', ZED],
  ])('as %s', (_who, user) => {
    it.each(operatorCommands)('/charter %s is refused', async (name) => {
      const response = await kit.command(`${name} ${booking.slug}`, { user });

      expect(response.json?.response_type).toBe('ephemeral');
      expect(String(response.json?.text)).toMatch(
        /^:raised_hand: Only operators can .+ — ask in <#C0OPS>\.$/,
      );
      expect(response.body).not.toContain('Canary Sail');
      expectNoCanary(everythingShown([response.body]), 'crew');
      await nothingChanged();
    });

    it.each(operatorActions)('the button %s is refused', async (actionId) => {
      const value = actionId.startsWith('charter_') ? booking.id : '';
      const withCrew = [ACTION.remindAgain, ACTION.replaceCrew, ACTION.offerPlace] as string[];
      const response = await kit.clickButton({
        actionId,
        value: withCrew.includes(actionId) ? crewActionValue(booking.id, 'ben-okafor', 'cleo-marsh') : value,
        user,
      });

      expect(response.statusCode).toBe(200);
      expect(kit.slack.ephemerals().map((e) => e.text)).toEqual([
        expect.stringMatching(/^:raised_hand: Only operators can /),
      ]);
      expectNoCanary(everythingShown([response.body]), 'crew');
      await nothingChanged();
    });

    it.each(operatorViews)('a submitted %s form is refused and saves nothing', async (callbackId) => {
      const view = {
        id: 'V0FORGED',
        hash: '1.x',
        type: 'modal',
        callback_id: callbackId,
        private_metadata: JSON.stringify({
          bookingId: booking.id,
          crewId: 'ben-okafor',
          revision: booking.revision,
        }),
        blocks: [],
      } as unknown as StoredView;
      const response = await kit.submitView(view, formState(validForm({ price: '1' })), user);

      expect(response.json).toMatchObject({ response_action: 'update' });
      expect(JSON.stringify(response.json)).toContain('Only operators can');
      expectNoCanary(everythingShown([response.body]), 'crew');
      await nothingChanged();
    });
  });

  describe('as Zed, on no roster', () => {
    it.each(rosterActions)('the crew button %s is refused', async (actionId) => {
      await kit.clickButton({ actionId, value: booking.id, user: ZED });
      expect(kit.slack.ephemerals().map((e) => e.text)).toEqual([
        expect.stringMatching(/^:raised_hand: Only people on the crew roster can /),
      ]);
      await nothingChanged();
    });

    it.each(rosterViews)('a submitted %s form is refused', async (callbackId) => {
      const view = {
        id: 'V0FORGED',
        callback_id: callbackId,
        private_metadata: JSON.stringify({ bookingId: booking.id }),
      };
      const response = await kit.submitView(view as unknown as StoredView, {}, ZED);
      expect(JSON.stringify(response.json)).toContain('Only people on the crew roster can');
      await nothingChanged();
    });

    it('/charter mine is refused; the App Home shows nothing of any charter', async () => {
      const response = await kit.command('mine', { user: ZED });
      expect(String(response.json?.text)).toContain('Only people on the crew roster can');
      await kit.event({ type: 'app_home_opened', user: ZED, channel: 'D0ZED', tab: 'home' });
      const home = JSON.stringify(kit.slack.homeView(ZED)?.blocks);
      expect(home).toContain('Nothing here is for you yet');
      expect(home).not.toContain('Canary');
      expectNoCanary(home, 'crew');
    });
  });

  describe('as Ben, on this charter as crew', () => {
    it('/charter mine lists the charter with his own pay only, and Confirm / Decline', async () => {
      const response = await kit.command('mine', { user: BEN });
      expect(response.body).toContain('Canary Sail');
      expect(response.body).toContain('$228.66'); // $76.22 × 3 hours: his own
      expect(response.body).toContain(ACTION.captainConfirm);
      expectNoCanary(response.body, 'crew', 'ben-okafor');
    });

    it('his App Home is his schedule, never the operations view', async () => {
      await kit.event({ type: 'app_home_opened', user: BEN, channel: 'D0BEN', tab: 'home' });
      const home = JSON.stringify(kit.slack.homeView(BEN)?.blocks);
      expect(home).toContain('Your upcoming charters');
      expect(home).not.toContain(ACTION.newCharter);
      expectNoCanary(home, 'crew', 'ben-okafor');
    });

    it('he can answer for himself, never for the captain', async () => {
      await kit.clickButton({
        actionId: ACTION.captainConfirm,
        value: booking.id,
        user: BEN,
        channel: 'D0BEN',
      });
      const answers = await kit.store.listConfirmations(booking.id);
      expect(answers).toEqual([
        expect.objectContaining({ crewId: 'ben-okafor', answer: 'confirmed', via: 'slack' }),
      ]);
      // Answers are per person: the captain's place stays unanswered.
      expect(answers.some((a) => a.crewId === 'ana-ruiz')).toBe(false);
    });
  });

  describe('as the operator', () => {
    it.each(operatorCommands.filter(([name]) => name !== 'new' && name !== 'edit' && name !== 'crew'))(
      '/charter %s works',
      async (name) => {
        const response = await kit.command(`${name} ${booking.slug}`, { user: OPERATOR });
        expect(response.body).not.toContain('Only operators');
        expect(response.body.length).toBeGreaterThan(20);
      },
    );

    it('/charter status shows the money, privately', async () => {
      const response = await kit.command(`status ${booking.slug}`, { user: OPERATOR });
      expect(response.json?.response_type).toBe('ephemeral');
      expect(response.body).toContain('$91,377.13');
      expect(response.body).toContain('CANARY-INTERNAL-NOTE');
    });

    it('/charter new, edit and crew add open their forms', async () => {
      await kit.command('new', { user: OPERATOR, triggerId: makeTriggerId(OPERATOR) });
      await kit.command(`edit ${booking.slug}`, { user: OPERATOR, triggerId: makeTriggerId(OPERATOR) });
      await kit.command('crew add', { user: OPERATOR, triggerId: makeTriggerId(OPERATOR) });
      expect(kit.slack.callsTo('views.open').filter((c) => c.response?.ok)).toHaveLength(3);
    });

    it('an operator named through a user group (SLACK_OPERATORS=S…) is an operator', async () => {
      const grouped = await startSlackTestKit({ operators: 'S0OPSTEAM' });
      try {
        grouped.slack.setUserGroup('S0OPSTEAM', ['U0GROUPOP']);
        const inGroup = await grouped.command('list', { user: 'U0GROUPOP' });
        const outside = await grouped.command('list', { user: CAPTAIN_SLACK_ID });
        expect(inGroup.body).not.toContain('Only operators');
        expect(outside.body).toContain('Only operators');
        // The group's members are read once and kept for a few minutes.
        await grouped.command('list', { user: 'U0GROUPOP' });
        expect(grouped.slack.callsTo('usergroups.users.list')).toHaveLength(1);
      } finally {
        await grouped.stop();
      }
    });

    it('a user group Slack cannot read makes nobody an operator', async () => {
      const grouped = await startSlackTestKit({ operators: 'S0MISSING' });
      try {
        const response = await grouped.command('list', { user: 'U0ANYONE' });
        expect(response.body).toContain('Only operators');
      } finally {
        await grouped.stop();
      }
    });
  });
});
