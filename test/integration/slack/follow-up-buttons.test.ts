/**
 * The crew lifecycle's Slack side, driven as Slack drives it (signed requests, the Web API stand-in):
 * "Remind again", "Replace…", "Offer to <name>", the captain's "Complete" and `/charter history`. Each
 * writes the booking only; the pipeline does the emailing.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type Booking, type BookingInput, scheduleInstants } from '../../../src/domain';
import { ACTION, LIFECYCLE_BLOCK, LIFECYCLE_INPUT } from '../../../src/slack/ids';
import { aBookingInput, TEST_CREW } from '../../helpers/fixtures';
import {
  CAPTAIN_SLACK_ID,
  daysFromNow,
  OPERATOR,
  type SlackTestKit,
  startSlackTestKit,
} from './support/slack-test-kit';

const EXTRA_CREW = [
  {
    id: 'dana-lee',
    name: 'Dana Lee',
    email: 'dana@crew.test',
    defaultRole: 'crew' as const,
    defaultHourlyRateCents: 3000,
    active: true,
  },
  {
    id: 'eli-park',
    name: 'Eli Park',
    email: 'eli@crew.test',
    defaultRole: 'crew' as const,
    defaultHourlyRateCents: 3100,
    active: true,
  },
];

describe('crew lifecycle buttons, modals and history', () => {
  let kit: SlackTestKit;
  let seq = 0;

  beforeAll(async () => {
    kit = await startSlackTestKit();
    await kit.seedRoster([...TEST_CREW, ...EXTRA_CREW]);
  });
  afterAll(() => kit.stop());
  beforeEach(() => kit.slack.reset());

  async function aCharter(overrides: Partial<BookingInput> = {}, days = 20): Promise<Booking> {
    const input = aBookingInput({
      title: `Lifecycle ${++seq}`,
      ...overrides,
      schedule: { date: daysFromNow(days), ...overrides.schedule },
    });
    const { startsAt, endsAt } = scheduleInstants(input.schedule);
    return kit.store.createBooking({
      input,
      boat: { id: 'jada', name: 'Jada' },
      startsAt,
      endsAt,
      actor: OPERATOR,
    });
  }

  const said = (user = OPERATOR) =>
    kit.slack
      .ephemerals()
      .filter((e) => e.user === user)
      .map((e) => e.text)
      .join('\n');

  it('Remind again records a reminder request the pipeline sees; a double click asks once', async () => {
    const booking = await aCharter();

    await kit.clickButton({ actionId: ACTION.remindAgain, value: `${booking.id}|ben-okafor` });
    await kit.clickButton({ actionId: ACTION.remindAgain, value: `${booking.id}|ben-okafor` });

    const after = (await kit.store.requireBooking(booking.id)) as Booking & { reminderRequests?: unknown[] };
    expect(after.revision).toBe(2);
    expect(after.reminderRequests).toEqual([
      { id: '2-ben-okafor', crewId: 'ben-okafor', at: expect.any(String), by: OPERATOR },
    ]);
    expect(said()).toContain('Ben Okafor gets another reminder email');
    expect(said()).toContain('Already asked');
  });

  it('Remind again for someone who answered meanwhile says so and changes nothing', async () => {
    const booking = await aCharter();
    await kit.store.recordConfirmation({
      bookingId: booking.id,
      crewId: 'ben-okafor',
      answer: 'confirmed',
      at: new Date().toISOString(),
      via: 'crew-page',
      revision: 1,
    });

    await kit.clickButton({ actionId: ACTION.remindAgain, value: `${booking.id}|ben-okafor` });

    expect((await kit.store.requireBooking(booking.id)).revision).toBe(1);
    expect(said()).toContain('Ben Okafor has answered meanwhile: confirmed');
  });

  it('Offer to <name> puts them in the place at their roster rate; a second click changes nothing', async () => {
    const booking = await aCharter();
    const click = { actionId: ACTION.offerPlace, value: `${booking.id}|ben-okafor|dana-lee` };

    await kit.clickButton(click);
    await kit.clickButton(click);

    const after = await kit.store.requireBooking(booking.id);
    expect(after.revision).toBe(2);
    expect(after.crew).toEqual([
      { crewId: 'ana-ruiz', name: 'Ana Ruiz', role: 'captain', hourlyRateCents: 6500 },
      { crewId: 'dana-lee', name: 'Dana Lee', role: 'crew', hourlyRateCents: 3000 },
    ]);
    expect(said()).toContain('Offered Dana Lee the crew place');
    expect(said()).toContain('someone has replaced them already');
  });

  it('Offer refuses when the person confirmed meanwhile', async () => {
    const booking = await aCharter();
    await kit.store.recordConfirmation({
      bookingId: booking.id,
      crewId: 'ben-okafor',
      answer: 'confirmed',
      at: new Date().toISOString(),
      via: 'crew-page',
      revision: 1,
    });

    await kit.clickButton({ actionId: ACTION.offerPlace, value: `${booking.id}|ben-okafor|dana-lee` });

    expect((await kit.store.requireBooking(booking.id)).crew.map((a) => a.crewId)).toContain('ben-okafor');
    expect(said()).toContain('has confirmed meanwhile');
  });

  /** The Replace… picker's options, in order: [group label, option text, description, value]. */
  function replaceOptions(modal: { blocks: unknown }) {
    const input = (modal.blocks as { block_id?: string; element?: Record<string, unknown> }[]).find(
      (b) => b.block_id === LIFECYCLE_BLOCK.candidate,
    );
    type Option = { text: { text: string }; description?: { text: string }; value: string };
    const groups = (input?.element?.option_groups as { label: { text: string }; options: Option[] }[]) ?? [
      { label: { text: '' }, options: (input?.element?.options as Option[]) ?? [] },
    ];
    return groups.flatMap((g) =>
      g.options.map((o) => [g.label.text, o.text.text, o.description?.text, o.value]),
    );
  }

  it('issue #18: Replace… offers everyone who could take the place, free people of the role first, each with their rate', async () => {
    const busy = await aCharter(
      {
        title: 'Harbor Cruise',
        crew: [{ crewId: 'eli-park', name: 'Eli Park', role: 'crew', hourlyRateCents: 3100 }],
      },
      21,
    );
    const booking = await aCharter({}, 21);
    expect(busy.startsAt).toBe(booking.startsAt);

    await kit.clickButton({ actionId: ACTION.replaceCrew, value: `${booking.id}|ben-okafor` });
    const modal = kit.lastOpenedView();
    // Dana: a free deckhand. Cleo: a free hostess (the form allows anyone). Eli: on Harbor Cruise then.
    // Ben is the one leaving and Ana is already on it: neither is offered.
    expect(replaceOptions(modal)).toEqual([
      ['Free, usually crew', 'Dana Lee · Crew · $30.00/h', 'Free then', 'dana-lee'],
      ['Free, other roles', 'Cleo Marsh · Hostess · $28.00/h', 'Free then', 'cleo-marsh'],
      ['Busy or away then', 'Eli Park · Crew · $31.00/h', 'On Harbor Cruise then', 'eli-park'],
    ]);

    // A free hostess can take the deckhand's place, at her roster rate.
    const response = await kit.submitView(modal, {
      [LIFECYCLE_BLOCK.candidate]: {
        [LIFECYCLE_INPUT.candidate]: { type: 'static_select', selected_option: { value: 'cleo-marsh' } },
      },
    });
    expect(response.json).toMatchObject({ response_action: 'update' });
    expect((await kit.store.requireBooking(booking.id)).crew).toEqual([
      expect.objectContaining({ crewId: 'ana-ruiz' }),
      expect.objectContaining({ crewId: 'cleo-marsh', role: 'crew', hourlyRateCents: 2800 }),
    ]);
  });

  it('issue #19: someone away is offered last in Replace…, says so, and is never the one the thread proposes', async () => {
    const booking = await aCharter({}, 23);
    const date = booking.schedule.date;
    await kit.timeOff.addTimeOff({
      crewId: 'dana-lee',
      from: date,
      to: date,
      note: 'dentist',
      by: 'crew-page:dana-lee',
      at: new Date().toISOString(),
    });

    await kit.clickButton({ actionId: ACTION.replaceCrew, value: `${booking.id}|ben-okafor` });
    const options = replaceOptions(kit.lastOpenedView());
    expect(options[0]?.[3]).toBe('eli-park');
    expect(options.at(-1)).toEqual([
      'Busy or away then',
      'Dana Lee · Crew · $30.00/h',
      expect.stringMatching(/^Away \w{3} \d+$/),
      'dana-lee',
    ]);
    // The note is Dana's: not even the operators' picker repeats it.
    expect(JSON.stringify(kit.lastOpenedView())).not.toContain('dentist');

    // "Offer to Dana" from an old proposal: she is away now, so the offer is refused.
    await kit.clickButton({ actionId: ACTION.offerPlace, value: `${booking.id}|ben-okafor|dana-lee` });
    expect((await kit.store.requireBooking(booking.id)).crew.map((a) => a.crewId)).toContain('ben-okafor');
    expect(said()).toContain('can no longer take the place');
  });

  describe('Complete', () => {
    async function aSailedCharter(): Promise<Booking> {
      const booking = await aCharter({}, -1);
      return kit.store.setStatus(booking.id, booking.revision, 'confirmed', 'pipeline');
    }

    it('the captain completes a charter that sailed, with the head count and a note', async () => {
      const booking = await aSailedCharter();

      await kit.clickButton({ actionId: ACTION.completeCharter, value: booking.id, user: CAPTAIN_SLACK_ID });
      const response = await kit.submitView(
        kit.lastOpenedView(),
        {
          [LIFECYCLE_BLOCK.headCount]: { [LIFECYCLE_INPUT.headCount]: { type: 'number_input', value: '7' } },
          [LIFECYCLE_BLOCK.note]: {
            [LIFECYCLE_INPUT.note]: { type: 'plain_text_input', value: ' Saw dolphins. ' },
          },
        },
        CAPTAIN_SLACK_ID,
      );

      expect(response.json).toMatchObject({ response_action: 'update' });
      const after = (await kit.store.requireBooking(booking.id)) as Booking & { completion?: unknown };
      expect(after.status).toBe('completed');
      expect(after.completion).toEqual({
        headCount: 7,
        note: 'Saw dolphins.',
        at: expect.any(String),
        by: CAPTAIN_SLACK_ID,
      });
      const history = await kit.store.listHistory(booking.id);
      expect(history.at(-1)).toMatchObject({ kind: 'status', actor: CAPTAIN_SLACK_ID });
    });

    it('a head count that is not a whole number goes back into the form', async () => {
      const booking = await aSailedCharter();
      await kit.clickButton({ actionId: ACTION.completeCharter, value: booking.id, user: CAPTAIN_SLACK_ID });

      const response = await kit.submitView(
        kit.lastOpenedView(),
        {
          [LIFECYCLE_BLOCK.headCount]: {
            [LIFECYCLE_INPUT.headCount]: { type: 'number_input', value: '6.5' },
          },
        },
        CAPTAIN_SLACK_ID,
      );

      expect(response.json).toMatchObject({ response_action: 'errors' });
      expect((await kit.store.requireBooking(booking.id)).status).toBe('confirmed');
    });

    it('only the captain, and only once the charter has started', async () => {
      const sailed = await aSailedCharter();
      await kit.clickButton({ actionId: ACTION.completeCharter, value: sailed.id, user: 'U0SOMEONE' });
      expect(said('U0SOMEONE')).toContain('Only people on the crew roster can complete a charter');
      await kit.clickButton({ actionId: ACTION.completeCharter, value: sailed.id, user: OPERATOR });
      expect(said(OPERATOR)).toContain('only the captain, Ana Ruiz, can complete');

      const future = await aCharter();
      const confirmed = await kit.store.setStatus(future.id, future.revision, 'confirmed', 'pipeline');
      await kit.clickButton({
        actionId: ACTION.completeCharter,
        value: confirmed.id,
        user: CAPTAIN_SLACK_ID,
      });
      expect(said(CAPTAIN_SLACK_ID)).toContain('has not set sail yet');
      expect(kit.slack.callsTo('views.open')).toHaveLength(0);
    });
  });

  it('/charter history shows every change, who made it and when, with the crew’s answers', async () => {
    const booking = await aCharter({ title: 'History Sail' });
    const input = aBookingInput({
      title: 'History Sail',
      schedule: { date: booking.schedule.date, startTime: '17:00', endTime: '20:00' },
    });
    const { startsAt, endsAt } = scheduleInstants(input.schedule);
    await kit.store.updateBooking(booking.id, 1, { input, boat: booking.boat, startsAt, endsAt }, 'U0ANA');
    await kit.store.recordConfirmation({
      bookingId: booking.id,
      crewId: 'ben-okafor',
      answer: 'declined',
      at: new Date().toISOString(),
      via: 'crew-page',
      reason: 'Away',
      revision: 2,
    });

    const response = await kit.command(`history ${booking.slug}`);

    expect(response.json?.response_type).toBe('ephemeral');
    const text = JSON.stringify(response.json?.blocks);
    expect(text).toContain('History: History Sail');
    expect(text).toContain('*r1*');
    expect(text).toContain('created');
    expect(text).toContain('<@U0ANA> · time moved 4:00 PM–7:00 PM → 5:00 PM–8:00 PM; crew re-notified');
    expect(text).toContain('Ben Okafor declined on the crew page — “Away”');
  });

  it('/charter status shows crew who confirmed before a time change as waiting again', async () => {
    const booking = await aCharter({ title: 'Moved Sail' });
    await kit.store.recordConfirmation({
      bookingId: booking.id,
      crewId: 'ben-okafor',
      answer: 'confirmed',
      at: new Date().toISOString(),
      via: 'crew-page',
      revision: 1,
    });
    const input = aBookingInput({
      title: 'Moved Sail',
      schedule: { date: booking.schedule.date, startTime: '18:00', endTime: '21:00' },
    });
    const { startsAt, endsAt } = scheduleInstants(input.schedule);
    await kit.store.updateBooking(booking.id, 1, { input, boat: booking.boat, startsAt, endsAt }, OPERATOR);

    const response = await kit.command(`status ${booking.slug}`);

    expect(JSON.stringify(response.json?.blocks)).toContain(
      'Crew Ben Okafor: waiting — asked again after a change (had confirmed)',
    );
  });

  it('/charter history without a slug says how to use it', async () => {
    const response = await kit.command('history');
    expect(JSON.stringify(response.json)).toContain('/charter history <slug>');
  });
});
