/**
 * `/charter report` and `/charter payroll` end to end: bookings written, edited, completed and cancelled
 * through the real store on DynamoDB Local; the command answered through the Slack handler; the CSV files
 * uploaded through the stand-in's files.getUploadURLExternal → POST → files.completeUploadExternal into
 * the operator's DM. The figures are December of test/unit/reports/fixture-month.ts, worked out by hand.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type BookingInput, scheduleInstants } from '../../../src/domain';
import { localDay, parsePeriod } from '../../../src/reports';
import { aBookingInput } from '../../helpers/fixtures';
import { OPERATOR, type SlackTestKit, startSlackTestKit } from './support/slack-test-kit';

const ana = { crewId: 'ana-ruiz', name: 'Ana Ruiz', role: 'captain' as const, hourlyRateCents: 6500 };
const ben = (rate = 3200) => ({
  crewId: 'ben-okafor',
  name: 'Ben Okafor',
  role: 'crew' as const,
  hourlyRateCents: rate,
});
const cleo = { crewId: 'cleo-marsh', name: 'Cleo Marsh', role: 'hostess' as const, hourlyRateCents: 2800 };

async function book(
  kit: SlackTestKit,
  overrides: Parameters<typeof aBookingInput>[0],
  boat = { id: 'jada', name: 'Jada' },
) {
  const input = aBookingInput(overrides);
  return kit.store.createBooking({ input, boat, ...scheduleInstants(input.schedule), actor: OPERATOR });
}

function at(date: string, startTime: string, endTime: string): BookingInput['schedule'] {
  return { date, startTime, endTime, timeZone: 'America/Los_Angeles' };
}

function dmFiles(kit: SlackTestKit): { name: string; content: string }[] {
  return kit.slack
    .messages(OPERATOR)
    .flatMap((m) => m.files ?? [])
    .map((f) => {
      const file = kit.slack.file(String(f.id));
      return { name: String(f.name), content: file?.content?.toString('utf8') ?? '' };
    });
}

describe('/charter report and /charter payroll', () => {
  let kit: SlackTestKit;

  beforeAll(async () => {
    kit = await startSlackTestKit();
    await kit.seedRoster();
    await book(kit, {
      title: 'A',
      schedule: at('2026-12-05', '16:00', '19:00'),
      priceCents: 180000,
      depositCents: 50000,
      captainFeeCents: 25000,
      portCostsCents: 4000,
      guest: { partySize: 6 },
      crew: [ana, ben()],
    });
    // B: booked with Ben, then edited to Cleo.
    const bInput = aBookingInput({
      title: 'B',
      schedule: at('2026-12-12', '10:00', '12:30'),
      domain: 'queenofsandiego.com',
      boatId: 'sea-star',
      priceCents: 90000,
      depositCents: 20000,
      captainFeeCents: 15000,
      portCostsCents: 2550,
      guest: { partySize: 4 },
      crew: [ana, ben()],
    });
    const b = await book(kit, bInput, { id: 'sea-star', name: 'Sea Star' });
    await kit.store.updateBooking(
      b.id,
      b.revision,
      {
        input: { ...bInput, crew: [ana, cleo] },
        boat: { id: 'sea-star', name: 'Sea Star' },
        ...scheduleInstants(bInput.schedule),
      },
      OPERATOR,
    );
    // C: completed with the captain's head count of 8 (10 booked).
    const c = await book(kit, {
      title: 'C',
      schedule: at('2026-12-20', '09:00', '13:20'),
      priceCents: 240000,
      depositCents: 240000,
      captainFeeCents: 30000,
      portCostsCents: 6000,
      guest: { partySize: 10 },
      crew: [ana, ben(3225)],
    });
    const confirmed = await kit.store.setStatus(c.id, c.revision, 'confirmed', 'UCAPTAIN1');
    await kit.store.completeBooking(c.id, confirmed.revision, { headCount: 8, note: '' }, 'UCAPTAIN1');
    // D: cancelled.
    const d = await book(kit, {
      title: 'D',
      schedule: at('2026-12-08', '12:00', '15:00'),
      priceCents: 150000,
      crew: [ana, ben()],
    });
    await kit.store.cancelBooking(d.id, d.revision, 'Weather', OPERATOR);
    // E: 22:00 on Dec 31 in Los Angeles (January in UTC).
    await book(kit, {
      title: 'E',
      schedule: at('2026-12-31', '22:00', '23:30'),
      domain: 'queenofsandiego.com',
      priceCents: 120000,
      depositCents: 0,
      captainFeeCents: 0, // no fee: the captain is paid by the hour (fixture-month.ts)
      portCostsCents: 0,
      guest: { partySize: 2 },
      crew: [ana],
    });
    // F: 23:00 on Nov 30 in Los Angeles (December in UTC): not December.
    await book(kit, {
      title: 'F',
      schedule: at('2026-11-30', '23:00', '23:45'),
      priceCents: 99900,
      crew: [ana, ben()],
    });
  });
  afterAll(() => kit.stop());
  beforeEach(() => kit.slack.reset());

  it('answers the operator with the month’s totals and puts two CSV files in their DM', async () => {
    const response = await kit.command('report 2026-12');

    expect(response.json?.response_type).toBe('ephemeral');
    const text = JSON.stringify(response.json);
    expect(text).toContain('$6,300.00'); // revenue
    expect(text).toContain('$5,071.25'); // margin: 6300.00 − 403.25 crew pay − 700.00 fees − 125.50 port
    expect(text).toContain('Cancelled* (1, not counted)');
    const files = dmFiles(kit);
    expect(files.map((f) => f.name)).toEqual([
      'charter-summary-2026-12-01-to-2026-12-31.csv',
      'charter-charters-2026-12-01-to-2026-12-31.csv',
    ]);
    expect(files[0]?.content.split('\r\n')[1]).toBe(
      'total,all charters,4,20,6300.00,3100.00,700.00,403.25,125.50,5071.25',
    );
    // The upload went through Slack's current flow, never the retired files.upload.
    expect(kit.slack.callsTo('files.getUploadURLExternal')).toHaveLength(2);
    expect(kit.slack.callsTo('files.completeUploadExternal')).toHaveLength(1);
    expect(kit.slack.callsTo('files.upload')).toHaveLength(0);
  });

  it('reports this month (in the business’s zone) with no argument', async () => {
    const today = localDay(new Date(), 'America/Los_Angeles');
    const month = parsePeriod([], today);
    const response = await kit.command('report');
    expect(JSON.stringify(response.json)).toContain(`${month.from} – ${month.to}`);
  });

  it('payroll pays each person once per charter as edited, the captain their fee where there is one', async () => {
    const response = await kit.command('payroll 2026-12-01 2026-12-31');

    // Ana 250.00 + 150.00 + 300.00 (fees) + 97.50 (E, by the hour) + Ben 235.75 + Cleo 70.00 = 1103.25
    expect(JSON.stringify(response.json)).toContain('$1,103.25');
    const [payroll] = dmFiles(kit);
    const benRows = payroll?.content.split('\r\n').filter((l) => l.startsWith('ben-okafor,')) ?? [];
    expect(benRows).toHaveLength(3); // A, C and his total; not B (edited off), not D (cancelled)
    expect(benRows[2]).toMatch(/,TOTAL,.*,235\.75$/);
  });

  it('refuses a malformed period with a sentence and uploads nothing', async () => {
    const response = await kit.command('report 2026-13');
    expect(response.json?.response_type).toBe('ephemeral');
    expect(String(response.json?.text)).toContain('is not a month');
    expect(kit.slack.callsTo('files.getUploadURLExternal')).toHaveLength(0);
  });

  it('asks which period when payroll is given none', async () => {
    const response = await kit.command('payroll');
    expect(String(response.json?.text)).toContain('Which period?');
  });

  it('says so privately when the upload fails, after the summary', async () => {
    kit.slack.failNext('files.completeUploadExternal', 'file_uploads_disabled');
    const response = await kit.command('report 2026-12');
    expect(JSON.stringify(response.json)).toContain('$5,071.25');
    const said = kit.slack.responsePosts.map((p) => String(p.body.text)).join(' ');
    expect(said).toContain('could not be put in your DM');
  });
});
