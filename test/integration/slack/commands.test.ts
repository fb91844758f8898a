import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { BOOKING_BLOCK, CALLBACK } from '../../../src/slack/ids';
import { aBookingInput } from '../../helpers/fixtures';
import { daysFromNow, OPERATOR, type SlackTestKit, startSlackTestKit } from './support/slack-test-kit';

async function createBooking(kit: SlackTestKit, overrides: Parameters<typeof aBookingInput>[0] = {}) {
  const input = aBookingInput({ schedule: { date: daysFromNow(20) }, ...overrides });
  const { scheduleInstants } = await import('../../../src/domain');
  const { startsAt, endsAt } = scheduleInstants(input.schedule);
  return kit.store.createBooking({
    input,
    boat: { id: 'jada', name: 'Jada' },
    startsAt,
    endsAt,
    actor: OPERATOR,
  });
}

function textOf(json: Record<string, unknown> | undefined): string {
  return JSON.stringify(json ?? {});
}

describe('/charter commands', () => {
  let kit: SlackTestKit;

  beforeAll(async () => {
    kit = await startSlackTestKit();
    await kit.seedRoster();
  });
  afterAll(() => kit.stop());
  beforeEach(() => kit.slack.reset());

  it('help lists every subcommand, ephemerally', async () => {
    const response = await kit.command('help');

    expect(response.statusCode).toBe(200);
    expect(response.json?.response_type).toBe('ephemeral');
    for (const word of [
      'new',
      'edit <slug>',
      'list',
      'status <slug>',
      'cancel <slug>',
      'crew add',
      'crew remove',
    ]) {
      expect(textOf(response.json)).toContain(word);
    }
  });

  it('an unknown subcommand gets a helpful ephemeral answer naming it', async () => {
    const response = await kit.command('frobnicate now');

    expect(response.json?.response_type).toBe('ephemeral');
    expect(textOf(response.json)).toContain("I don't know `frobnicate`");
    expect(textOf(response.json)).toContain('/charter new');
  });

  it('new opens the booking modal at once and then fills in the roster with views.update', async () => {
    const response = await kit.command('new');

    expect(response.statusCode).toBe(200);
    const [open] = kit.slack.callsTo('views.open');
    expect(open?.args.trigger_id).toBe(response.triggerId);
    const opened = open?.args.view as {
      callback_id: string;
      submit?: unknown;
      blocks: { block_id?: string }[];
    };
    expect(opened.callback_id).toBe(CALLBACK.bookingModal);
    // Slack requires submit whenever there is an input block (issue #12), even before the roster is in.
    expect(opened.submit).toBeDefined();
    expect(opened.blocks.map((b) => b.block_id)).toContain(BOOKING_BLOCK.roster);

    // Slack's trigger expires in 3 s: views.open must be the first Web API call.
    expect(kit.slack.calls[0]?.method).toBe('views.open');
    const [update] = kit.slack.callsTo('views.update');
    expect(update?.args.hash).toBe((open?.response?.view as { hash: string } | undefined)?.hash);
    const filled = kit.lastOpenedView();
    expect(filled.blocks.map((b) => (b as { block_id?: string }).block_id)).toEqual(
      expect.arrayContaining([BOOKING_BLOCK.captain, BOOKING_BLOCK.crew, BOOKING_BLOCK.hostesses]),
    );
    expect(filled.submit).toBeDefined();
  });

  it('new with an empty roster explains how to add crew instead of offering an empty select', async () => {
    const empty = await startSlackTestKit();
    try {
      await empty.command('new');
      const view = empty.lastOpenedView();
      expect(JSON.stringify(view.blocks)).toContain('/charter crew add');
      // Issue #12: pressing the (required) submit says what is missing, inline, and writes nothing.
      const pressed = await empty.submitView(view, {});
      expect(pressed.json).toMatchObject({
        response_action: 'errors',
        errors: { [BOOKING_BLOCK.title]: expect.stringContaining('crew roster') },
      });
    } finally {
      await empty.stop();
    }
  });

  it('list shows upcoming charters with their slugs, soonest first', async () => {
    const later = await createBooking(kit, { title: 'Whale Watch', schedule: { date: daysFromNow(40) } });
    const sooner = await createBooking(kit, { title: 'Harbor Cruise', schedule: { date: daysFromNow(10) } });

    const response = await kit.command('list');

    const text = textOf(response.json);
    expect(response.json?.response_type).toBe('ephemeral');
    expect(text).toContain(sooner.slug);
    expect(text).toContain(later.slug);
    expect(text.indexOf(sooner.slug)).toBeLessThan(text.indexOf(later.slug));
  });

  it('status shows every step and every crew answer', async () => {
    const booking = await createBooking(kit, { title: 'Status Check' });
    await kit.store.recordConfirmation({
      bookingId: booking.id,
      crewId: 'ana-ruiz',
      answer: 'confirmed',
      at: new Date().toISOString(),
      via: 'crew-page',
      revision: 1,
    });

    const claim = {
      bookingId: booking.id,
      revision: 1,
      owner: 'test',
      leaseMs: 60_000,
      retryFailed: false,
      seen: undefined,
    };
    await kit.steps.claim({ ...claim, name: 'scc-event' });
    await kit.steps.succeed(booking.id, 'scc-event', 'test', { attempts: 1, result: {} });
    await kit.steps.claim({ ...claim, name: 'calendar-entry' });
    await kit.steps.fail(booking.id, 'calendar-entry', 'test', {
      attempts: 3,
      error: { kind: 'transient', message: 'Dashboard answered 503' },
    });

    const response = await kit.command(`status ${booking.slug}`);

    const text = textOf(response.json);
    expect(text).toContain('Crew event (ShipCaptainCrew): done');
    expect(text).toContain('Dashboard calendar: failed (attempt 3) — Dashboard answered 503');
    expect(text).toContain('Guest page: pending');
    expect(text).toContain('Retry failed steps');
    expect(text).toContain('✅ Captain Ana Ruiz');
    expect(text).toContain('⏳ Crew Ben Okafor');
    expect(text).toContain('Every answer');
    expect(text).toContain('on the crew page');
  });

  it.each(['status', 'edit', 'cancel'])(
    '%s with a slug that does not exist says so and points to list',
    async (sub) => {
      const response = await kit.command(`${sub} no-such-charter-2026-01-01`);

      expect(response.json?.response_type).toBe('ephemeral');
      expect(textOf(response.json)).toContain('No charter called `no-such-charter-2026-01-01`');
      expect(textOf(response.json)).toContain('/charter list');
      expect(kit.slack.callsTo('views.open')).toHaveLength(0);
    },
  );

  it('edit opens the same modal filled in with the charter', async () => {
    const booking = await createBooking(kit, { title: 'Edit Me' });

    await kit.command(`edit ${booking.slug}`);

    const view = kit.lastOpenedView();
    expect(JSON.parse(String(view.private_metadata))).toMatchObject({
      mode: 'edit',
      bookingId: booking.id,
      revision: 1,
    });
    const json = JSON.stringify(view.blocks);
    expect(json).toContain('"initial_value":"Edit Me"');
    expect(json).toContain('"initial_value":"1800"');
    expect(view.submit).toMatchObject({ text: 'Save changes' });
  });

  it('cancel asks first: an ephemeral question with a confirm dialog, nothing changed yet', async () => {
    const booking = await createBooking(kit, { title: 'Maybe Cancel' });

    const response = await kit.command(`cancel ${booking.slug}`);

    expect(response.json?.response_type).toBe('ephemeral');
    expect(textOf(response.json)).toContain('Yes, cancel it');
    expect(textOf(response.json)).toContain('"confirm"');
    expect((await kit.store.getBooking(booking.id))?.status).toBe('pending');
  });

  it('crew list shows the roster with ids; crew remove takes someone off it', async () => {
    const listed = await kit.command('crew list');
    expect(textOf(listed.json)).toContain('`cleo-marsh`');

    const removed = await kit.command('crew remove cleo-marsh');
    expect(textOf(removed.json)).toContain('Removed *Cleo Marsh*');
    expect((await kit.store.listCrew()).map((m) => m.id)).not.toContain('cleo-marsh');

    const again = await kit.command('crew remove cleo-marsh');
    expect(textOf(again.json)).toContain('No one called `cleo-marsh`');
    await kit.seedRoster();
  });

  it('crew add opens the roster modal', async () => {
    await kit.command('crew add');

    expect(kit.lastOpenedView().callback_id).toBe(CALLBACK.crewModal);
  });
});
