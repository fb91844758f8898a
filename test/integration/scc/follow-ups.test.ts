/**
 * SCC's follow-up emails over its HTTP API: answer reminders and the day-before roster, each sent once per
 * key and assignment version, only to people on the event (and, for the roster, only to who confirmed).
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { aBookingInput } from '../../helpers/fixtures';
import { clearSentMail, readSentMail } from '../../helpers/ses';
import { type Harness, SERVICE_KEY, sccEventFor, startHarness } from './harness';

let h: Harness;
let seq = 0;

beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.stop());
beforeEach(() => clearSentMail(h.ses.endpoint));

async function anEvent() {
  const booking = await h.seedBooking(aBookingInput(), `bk-follow-${++seq}`);
  const created = await h.call({
    method: 'POST',
    path: '/events',
    body: sccEventFor(booking),
    key: SERVICE_KEY,
  });
  expect(created.status).toBe(201);
  await clearSentMail(h.ses.endpoint);
  return booking;
}

const remind = (id: string, body: unknown, key: string | false = SERVICE_KEY) =>
  h.call({ method: 'POST', path: `/events/${id}/reminders`, body, key });
const roster = (id: string, body: unknown) =>
  h.call({ method: 'POST', path: `/events/${id}/roster`, body, key: SERVICE_KEY });

describe('POST /events/{id}/reminders', () => {
  it('emails the person a reminder with their link and the deadline, once per key', async () => {
    const booking = await anEvent();
    const body = { crewId: 'ben-okafor', key: 'auto-r1', answerBy: '2026-11-26T17:00:00.000Z' };

    const first = await remind(booking.id, body);
    const again = await remind(booking.id, body);

    expect(first.json()).toEqual({ crewId: 'ben-okafor', state: 'sent' });
    expect(again.json()).toEqual({ crewId: 'ben-okafor', state: 'already-sent' });
    const mail = await readSentMail(h.ses.endpoint);
    expect(mail).toHaveLength(1);
    expect(mail[0]?.subject).toBe('Reminder: please answer for Sunset Sail, Saturday, December 5, 2026');
    expect(mail[0]?.text).toContain('by Thursday, November 26, 2026 at 9:00 AM PST');
    expect(mail[0]?.text).toContain('http://localhost:3000/scc/crew/');
  });

  it('sends another reminder for another key (Remind again)', async () => {
    const booking = await anEvent();
    await remind(booking.id, { crewId: 'ben-okafor', key: 'auto-r1' });
    await remind(booking.id, { crewId: 'ben-okafor', key: 'manual-3-ben-okafor' });
    expect(await readSentMail(h.ses.endpoint)).toHaveLength(2);
  });

  it('refuses without the service key, for someone not on the event, and for a cancelled event', async () => {
    const booking = await anEvent();
    expect((await remind(booking.id, { crewId: 'ben-okafor', key: 'k' }, false)).status).toBe(401);
    expect((await remind(booking.id, { crewId: 'nobody-here', key: 'k' })).status).toBe(409);
    expect((await remind('bk-no-such-event', { crewId: 'ben-okafor', key: 'k' })).status).toBe(404);
    expect((await remind(booking.id, { crewId: 'ben-okafor', key: 'bad key!' })).status).toBe(400);
    await h.call({ method: 'DELETE', path: `/events/${booking.id}`, key: SERVICE_KEY });
    await clearSentMail(h.ses.endpoint);
    const cancelled = await remind(booking.id, { crewId: 'ben-okafor', key: 'k' });
    expect(cancelled.status).toBe(409);
    expect(cancelled.json().message).toContain('cancelled');
    expect(await readSentMail(h.ses.endpoint)).toEqual([]);
  });
});

describe('POST /events/{id}/roster', () => {
  it('sends the roster only to listed people whose latest answer is a confirmation, once per key', async () => {
    const booking = await anEvent();
    await h.bookings.recordConfirmation({
      bookingId: booking.id,
      crewId: 'ana-ruiz',
      answer: 'confirmed',
      at: new Date().toISOString(),
      via: 'slack',
      revision: 1,
    });
    const body = { key: 'roster-2026-12-04T17:00:00.000Z', crewIds: ['ana-ruiz', 'ben-okafor', 'stranger'] };

    const first = await roster(booking.id, body);
    const again = await roster(booking.id, body);

    expect(first.json().outcomes).toEqual([
      { crewId: 'ana-ruiz', state: 'sent' },
      { crewId: 'ben-okafor', state: 'skipped', reason: 'has not confirmed' },
      { crewId: 'stranger', state: 'skipped', reason: 'not on this charter' },
    ]);
    expect(again.json().outcomes[0]).toEqual({ crewId: 'ana-ruiz', state: 'already-sent' });
    const mail = await readSentMail(h.ses.endpoint);
    expect(mail.map((m) => m.subject)).toEqual([
      'Tomorrow: Sunset Sail, 4:00 PM – 7:00 PM PST. Your crew roster',
    ]);
    expect(mail[0]?.text).toContain('On board:  Ana (Captain); Ben (Crew);');
    expect(mail[0]?.text).not.toContain('Your pay');
    expect(mail[0]?.html).not.toMatch(/\$\d/);
  });
});
