/**
 * Issue #19 item 3 in Slack: `/charter away` for oneself and, for operators, anyone; the booking form marking
 * the away and asking before booking them; and "your pay this period" in `/charter mine`. The canary: a
 * time-off note is its person's and the operators', never shown in the form, its question or anyone else's
 * answer; the pay is Ben's own lines only.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type Booking, DEFAULT_TIME_ZONE, formatAwayRange, scheduleInstants } from '../../../src/domain';
import { localDay } from '../../../src/reports';
import { BOOKING_BLOCK } from '../../../src/slack/ids';
import { canaryBookingInput, expectNoCanary } from '../../helpers/canary';
import { TEST_CREW } from '../../helpers/fixtures';
import {
  daysFromNow,
  formState,
  OPERATOR,
  type SlackTestKit,
  startSlackTestKit,
  validForm,
} from './support/slack-test-kit';

const BEN = 'U0BENCREW';
const CLEO = 'U0CLEOHOST';
const ZED = 'U0ZEDNOBODY';
const NOTE = 'CANARY-AWAY-NOTE sister’s wedding';

describe('time off and your pay, from Slack', () => {
  let kit: SlackTestKit;

  beforeAll(async () => {
    kit = await startSlackTestKit();
    await kit.seedRoster(
      TEST_CREW.map((m) =>
        m.id === 'ben-okafor'
          ? { ...m, slackUserId: BEN }
          : m.id === 'cleo-marsh'
            ? { ...m, slackUserId: CLEO }
            : m,
      ),
    );
  });
  afterAll(() => kit.stop());
  beforeEach(() => kit.slack.reset());

  const answer = (response: { json: Record<string, unknown> | undefined; body: string }) =>
    String(response.json?.text ?? response.body);

  describe('/charter away', () => {
    it('Ben enters his own time off, sees it with his note, and removes it', async () => {
      const from = daysFromNow(40);
      const to = daysFromNow(47);
      const added = await kit.command(`away ${from} ${to} ${NOTE}`, { user: BEN });
      expect(answer(added)).toContain(`You are away ${formatAwayRange({ from, to }, true)}`);
      expect(await kit.timeOff.listTimeOff('ben-okafor')).toEqual([
        expect.objectContaining({ crewId: 'ben-okafor', from, to, note: NOTE, by: BEN }),
      ]);

      const listed = await kit.command('away', { user: BEN });
      expect(answer(listed)).toContain('Your time off');
      expect(listed.body).toContain('CANARY-AWAY-NOTE');

      const removed = await kit.command(`away remove ${from}`, { user: BEN });
      expect(answer(removed)).toContain('Removed your time off');
      expect(await kit.timeOff.listTimeOff('ben-okafor')).toEqual([]);
    });

    it('a single day, with a note', async () => {
      const day = daysFromNow(50);
      await kit.command(`away ${day} dentist`, { user: CLEO });
      expect(await kit.timeOff.listTimeOff('cleo-marsh')).toEqual([
        expect.objectContaining({ from: day, to: day, note: 'dentist' }),
      ]);
    });

    it.each([
      [`${daysFromNow(30)} ${daysFromNow(20)}`, 'is before the first'],
      [`${daysFromNow(-3)} ${daysFromNow(2)}`, 'is in the past'],
      [`${daysFromNow(3)} ${daysFromNow(400)}`, 'at most 366 days'],
      ['next-week', 'is not a date'],
      [`${daysFromNow(3)} 2026-02-30`, 'is not a date'],
      [`remove ${daysFromNow(99)}`, 'No time off starting'],
    ])('bad input (%s) gets a clear sentence and nothing is stored', async (args, sentence) => {
      const before = await kit.timeOff.listTimeOff('ben-okafor');
      const response = await kit.command(`away ${args}`, { user: BEN });
      expect(answer(response)).toContain(sentence);
      expect(response.body).not.toMatch(/at \w+ \(|Error:/);
      expect(await kit.timeOff.listTimeOff('ben-okafor')).toEqual(before);
    });

    it('Ben cannot enter time off for someone else; Zed, on no roster, cannot use it at all', async () => {
      const ben = await kit.command(`away cleo-marsh ${daysFromNow(10)}`, { user: BEN });
      expect(answer(ben)).toContain('Only operators can enter time off for someone else');
      const zed = await kit.command(`away ${daysFromNow(10)}`, { user: ZED });
      expect(answer(zed)).toContain('Only people on the crew roster can');
      expect(await kit.timeOff.listTimeOff('cleo-marsh')).not.toContainEqual(
        expect.objectContaining({ from: daysFromNow(10) }),
      );
    });

    it('time off over a charter the person is already on says so: “tell the office”', async () => {
      const day = daysFromNow(80);
      const input = canaryBookingInput({
        title: 'Overlap Sail',
        schedule: { date: day },
        crew: [
          { crewId: 'ana-ruiz', name: 'Ana Ruiz', role: 'captain', hourlyRateCents: 8811 },
          { crewId: 'ben-okafor', name: 'Ben Okafor', role: 'crew', hourlyRateCents: 7622 },
        ],
      });
      const { startsAt, endsAt } = scheduleInstants(input.schedule);
      await kit.store.createBooking({
        input,
        boat: { id: 'jada', name: 'Jada' },
        startsAt,
        endsAt,
        actor: OPERATOR,
      });
      const dayText = formatAwayRange({ from: day, to: day });

      const ben = await kit.command(`away ${daysFromNow(79)} ${daysFromNow(81)} ${NOTE}`, { user: BEN });
      expect(answer(ben)).toContain(`:warning: You’re on *Overlap Sail* ${dayText} — tell the office.`);
      expectNoCanary(ben.body, 'crew', 'ben-okafor');

      // Cleo is not on it; the day after it is free for Ben.
      const cleo = await kit.command(`away ${daysFromNow(79)} ${daysFromNow(81)}`, { user: CLEO });
      expect(answer(cleo)).not.toContain('Overlap Sail');
      const later = await kit.command(`away ${daysFromNow(82)}`, { user: BEN });
      expect(answer(later)).not.toContain('Overlap Sail');

      const ana = await kit.command(`away ana-ruiz ${day}`, { user: OPERATOR });
      expect(answer(ana)).toContain(`:warning: Ana Ruiz is on *Overlap Sail* ${dayText}: find someone else`);
    });

    it('an operator enters and lists time off for anyone on the roster, by roster id or first name', async () => {
      const day = daysFromNow(60);
      const byId = await kit.command(`away ana-ruiz ${day} ${daysFromNow(61)} refit`, { user: OPERATOR });
      expect(answer(byId)).toContain('Ana Ruiz is away');
      const byName = await kit.command(`away @ana ${daysFromNow(70)}`, { user: OPERATOR });
      expect(answer(byName)).toContain('Ana Ruiz is away');
      const listed = await kit.command('away ana-ruiz', { user: OPERATOR });
      expect(answer(listed)).toContain('Ana Ruiz’s time off');
      expect(listed.body).toContain('refit');
      const unknown = await kit.command(`away nobody-here ${day}`, { user: OPERATOR });
      expect(answer(unknown)).toContain('Nobody on the roster is called');
    });
  });

  describe('the booking form', () => {
    const date = daysFromNow(33);

    beforeAll(async () => {
      await kit.timeOff.addTimeOff({
        crewId: 'ben-okafor',
        from: date,
        to: daysFromNow(35),
        note: NOTE,
        by: BEN,
        at: new Date().toISOString(),
      });
    });

    async function openModal() {
      await kit.command('new');
      return kit.lastOpenedView();
    }

    it('marks Ben away in the selects once the date is picked, never dropping him, and says so under the margin', async () => {
      const view = await openModal();
      kit.slack.reset();
      await kit.interact({
        type: 'block_actions',
        user: { id: OPERATOR },
        api_app_id: 'A0CHARTEROPS',
        team: { id: 'T0CHARTER' },
        trigger_id: 'trigger',
        container: { type: 'view', view_id: view.id },
        view: { ...view, state: { values: formState(validForm({ date })) } },
        actions: [
          {
            type: 'datepicker',
            action_id: 'date',
            block_id: BOOKING_BLOCK.date,
            selected_date: date,
            action_ts: '1.2',
          },
        ],
      });
      const updated = kit.slack.callsTo('views.update').at(-1)?.args as { view: { blocks: unknown[] } };
      const blocks = JSON.stringify(updated.view.blocks);
      const away = formatAwayRange({ from: date, to: daysFromNow(35) });
      expect(blocks).toContain(`"text":"Ben Okafor — away ${away}"`);
      expect(blocks).toContain(`Ben Okafor is away ${away}`);
      // Ana is not away: her option is as before.
      expect(blocks).toContain('"text":"Ana Ruiz"');
      expect(blocks).not.toContain('CANARY-AWAY-NOTE');
    });

    it('asks at submit ("Ben Okafor is away … — book anyway?"), and the same form again books him', async () => {
      const view = await openModal();
      const state = formState(validForm({ date, guestEmail: 'away@guest.test' }));
      const asked = await kit.submitView(view, state);
      expect(asked.json?.response_action).toBe('errors');
      const errors = asked.json?.errors as Record<string, string>;
      expect(errors[BOOKING_BLOCK.crew]).toMatch(
        /^Ben Okafor is away \w{3} \d+–\d+ — book anyway\? Press Create charter again to book, or change it\.$/,
      );
      expect(JSON.stringify(errors)).not.toContain('CANARY-AWAY-NOTE');
      const booked = async () =>
        (await kit.store.listUpcoming({ from: new Date(), limit: 200 })).filter(
          (b) => b.guest.email === 'away@guest.test',
        );
      expect(await booked()).toHaveLength(0);

      const again = await kit.submitView(view, state);
      expect(again.json).toMatchObject({
        response_action: 'update',
        view: { title: { text: 'Charter booked' } },
      });
      expect(await booked()).toHaveLength(1);
    });

    it('someone away who is not chosen is not asked about', async () => {
      const view = await openModal();
      const response = await kit.submitView(
        view,
        formState(
          validForm({
            date,
            crewIds: [],
            startTime: '09:00',
            endTime: '12:00',
            guestEmail: 'not-ben@guest.test',
          }),
        ),
      );
      expect(response.json).toMatchObject({ response_action: 'update' });
    });
  });

  describe('/charter mine: your pay this period', () => {
    let canary: Booking;

    beforeAll(async () => {
      // The first of this month in the business zone: always in "this period", and already sailed.
      const firstOfMonth = `${localDay(new Date(), DEFAULT_TIME_ZONE).slice(0, 8)}01`;
      const input = canaryBookingInput({ title: 'Canary Sail', schedule: { date: firstOfMonth } });
      const { startsAt, endsAt } = scheduleInstants(input.schedule);
      canary = await kit.store.createBooking({
        input,
        boat: { id: 'jada', name: 'Jada' },
        startsAt,
        endsAt,
        actor: OPERATOR,
      });
    });

    it('shows Ben his own pay lines only: his hours × his rate, never the price, fees or others’ rates', async () => {
      const response = await kit.command('mine', { user: BEN });
      expect(response.body).toMatch(/Your pay in \w+ \d{4}:\*/);
      expect(response.body).toContain(`${canary.schedule.date} Canary Sail · crew · $228.66`); // $76.22 × 3 h
      expectNoCanary(response.body, 'crew', 'ben-okafor');
      expect(response.body).not.toContain('CANARY-AWAY-NOTE');
    });

    it('Cleo, hostess on the same charter, sees her own line and not Ben’s', async () => {
      const response = await kit.command('mine', { user: CLEO });
      expect(response.body).toContain(`${canary.schedule.date} Canary Sail · hostess · $195.99`); // $65.33 × 3 h
      expect(response.body).not.toContain('$228.66');
      expectNoCanary(response.body, 'crew', 'cleo-marsh');
    });
  });
});
