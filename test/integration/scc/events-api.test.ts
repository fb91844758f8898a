import ICAL from 'ical.js';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { aBooking, aBookingInput } from '../../helpers/fixtures';
import { clearSentMail, findLink, readSentMail } from '../../helpers/ses';
import { type Harness, PUBLIC_BASE_URL, SERVICE_KEY, sccEventFor, startHarness } from './harness';

let h: Harness;
let seq = 0;

beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h.stop();
});
beforeEach(async () => {
  await clearSentMail(h.ses.endpoint);
});

/** A booking of its own per test, stored (answers need it) and turned into an SCC payload. */
async function aNewEvent(overrides: Parameters<typeof aBookingInput>[0] = {}) {
  const id = `bk-events-${++seq}`;
  const booking = await h.seedBooking(aBookingInput(overrides), id);
  return { booking, payload: sccEventFor(booking) };
}

const post = (body: unknown, headers: Record<string, string> = {}) =>
  h.call({ method: 'POST', path: '/events', body, key: SERVICE_KEY, headers });

describe('service key', () => {
  it('refuses a request without X-Service-Key with a bare 401', async () => {
    const { payload } = await aNewEvent();
    const response = await h.call({ method: 'POST', path: '/events', body: payload, key: false });
    expect(response.status).toBe(401);
    expect(response.json()).toEqual({ error: 'unauthorized', message: 'Unauthorized' });
  });

  it('refuses a wrong key exactly as it refuses a missing one', async () => {
    const { payload } = await aNewEvent();
    const response = await h.call({ method: 'POST', path: '/events', body: payload, key: `${SERVICE_KEY}x` });
    expect(response.status).toBe(401);
    expect(response.json()).toEqual({ error: 'unauthorized', message: 'Unauthorized' });
  });

  it('refuses reads without the key too', async () => {
    const response = await h.call({ method: 'GET', path: '/events/bk-whatever', key: false });
    expect(response.status).toBe(401);
  });
});

describe('POST /events', () => {
  it('creates the event and emails every crew member their magic link with a calendar file', async () => {
    const { booking, payload } = await aNewEvent();

    const response = await post(payload);

    expect(response.status).toBe(201);
    const body = response.json();
    expect(body).toMatchObject({ id: booking.id, status: 'scheduled', revision: 1 });
    expect(body.notifications.map((n: { state: string }) => n.state)).toEqual(['sent', 'sent']);
    const [mail, ...others] = await readSentMail(h.ses.endpoint, { to: 'ana@crew.test' });
    expect(others).toEqual([]);
    expect(mail?.from).toContain('charters@sailjada.com');
    expect(mail?.subject).toBe('Crew call: Sunset Sail, Saturday, December 5, 2026. Please confirm');
    expect(mail?.text).toContain('You are the captain on Sunset Sail');
    const link = findLink(mail?.text ?? '', `${PUBLIC_BASE_URL}/crew/`);
    expect(link).toMatch(/^http:\/\/localhost:3000\/scc\/crew\/[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/);
    expect(mail?.html).toContain(`href="${link}"`);
    expect(mail?.html).not.toContain('&#x2F;');
    const ics = mail?.attachments.find((a) => a.filename === 'charter.ics');
    expect(ics?.contentType).toContain('text/calendar');
    const vevent = new ICAL.Component(ICAL.parse(ics?.content.toString('utf8') ?? '')).getFirstSubcomponent(
      'vevent',
    );
    expect(vevent?.getFirstPropertyValue('summary')).toBe('Sunset Sail (Captain)');
    expect(String(vevent?.getFirstPropertyValue('dtstart'))).toBe('2026-12-06T00:00:00Z');
    expect(await readSentMail(h.ses.endpoint, { to: 'ben@crew.test' })).toHaveLength(1);
  });

  it('is idempotent on the booking id: a repeat sends nothing and answers 200 with the same event', async () => {
    const { booking, payload } = await aNewEvent();
    await post(payload);
    await clearSentMail(h.ses.endpoint);

    const repeat = await post(payload);

    expect(repeat.status).toBe(200);
    expect(repeat.json()).toMatchObject({ id: booking.id, revision: 1 });
    expect(await readSentMail(h.ses.endpoint)).toEqual([]);
  });

  it('refuses an Idempotency-Key that was used for another event', async () => {
    const first = await aNewEvent();
    const second = await aNewEvent();
    expect((await post(first.payload, { 'idempotency-key': `key-${seq}` })).status).toBe(201);

    const reused = await post(second.payload, { 'idempotency-key': `key-${seq}` });

    expect(reused.status).toBe(409);
    expect(reused.json().error).toBe('conflict');
  });

  it('answers a repeated Idempotency-Key for the same event with that event', async () => {
    const { payload } = await aNewEvent();
    await post(payload, { 'idempotency-key': 'same-request' });
    const again = await post(payload, { 'idempotency-key': 'same-request' });
    expect(again.status).toBe(200);
  });

  it('rejects revenue riding along: unknown fields are named in a 400', async () => {
    const { payload } = await aNewEvent();

    const response = await post({ ...payload, priceCents: 180000 });

    expect(response.status).toBe(400);
    const body = response.json();
    expect(body.error).toBe('validation_failed');
    expect(body.message).toContain('priceCents');
  });

  it('rejects unknown fields inside a crew assignment too', async () => {
    const { payload } = await aNewEvent();
    const crew = payload.crew_assignments.map((a) => ({ ...a, margin: 1 }));
    const response = await post({ ...payload, crew_assignments: crew });
    expect(response.status).toBe(400);
    expect(response.json().fields[0].field).toBe('crew_assignments.0');
  });

  it('answers field messages for bad input', async () => {
    const { payload } = await aNewEvent();
    const response = await post({
      ...payload,
      title: '',
      crew_assignments: [{ ...payload.crew_assignments[0], email: 'nope' }],
    });
    expect(response.status).toBe(400);
    const fields = response.json().fields.map((f: { field: string }) => f.field);
    expect(fields).toEqual(expect.arrayContaining(['title', 'crew_assignments.0.email']));
  });

  it('rejects a brand domain it does not know', async () => {
    const { payload } = await aNewEvent();
    const response = await post({ ...payload, domain: 'example.org' });
    expect(response.status).toBe(400);
    expect(response.json().fields).toEqual([
      { field: 'domain', message: expect.stringContaining('sailjada.com') },
    ]);
  });

  it('answers 400 to a body that is not JSON', async () => {
    const response = await h.call({
      method: 'POST',
      path: '/events',
      rawBody: '{"bookingId": ',
      key: SERVICE_KEY,
    });
    expect(response.status).toBe(400);
    expect(response.json()).toMatchObject({
      error: 'validation_failed',
      message: 'The body is not valid JSON.',
    });
  });

  it('answers 413 to an oversized body', async () => {
    const { payload } = await aNewEvent();
    const response = await h.call({
      method: 'POST',
      path: '/events',
      rawBody: JSON.stringify({ ...payload, notes: 'x'.repeat(70 * 1024) }),
      key: SERVICE_KEY,
    });
    expect(response.status).toBe(413);
    expect(response.json().error).toBe('payload_too_large');
  });
});

describe('PUT /events/{id}', () => {
  it('invites added crew, tells removed crew, and leaves unchanged crew alone', async () => {
    const { booking, payload } = await aNewEvent();
    await post(payload);
    await clearSentMail(h.ses.endpoint);
    const changed = sccEventFor(
      aBooking(
        { id: booking.id, revision: 2, slug: booking.slug },
        aBookingInput({
          crew: [
            { crewId: 'ana-ruiz', name: 'Ana Ruiz', role: 'captain', hourlyRateCents: 6500 },
            { crewId: 'cleo-marsh', name: 'Cleo Marsh', role: 'hostess', hourlyRateCents: 2800 },
          ],
        }),
      ),
    );

    const response = await h.call({
      method: 'PUT',
      path: `/events/${booking.id}`,
      body: changed,
      key: SERVICE_KEY,
    });

    expect(response.status).toBe(200);
    expect(await readSentMail(h.ses.endpoint, { to: 'ana@crew.test' })).toEqual([]);
    const [invite] = await readSentMail(h.ses.endpoint, { to: 'cleo@crew.test' });
    expect(invite?.subject).toMatch(/^Crew call: Sunset Sail/);
    const [removed] = await readSentMail(h.ses.endpoint, { to: 'ben@crew.test' });
    expect(removed?.subject).toBe('You are no longer on Sunset Sail, Saturday, December 5, 2026');
    expect(removed?.text).not.toContain(PUBLIC_BASE_URL);
    const crew = response.json().crew.map((c: { crewId: string; active: boolean }) => [c.crewId, c.active]);
    expect(crew).toEqual([
      ['ana-ruiz', true],
      ['cleo-marsh', true],
      ['ben-okafor', false],
    ]);
  });

  it('sends everyone an update with a fresh link when the time changes', async () => {
    const { booking, payload } = await aNewEvent();
    await post(payload);
    const [firstInvite] = await readSentMail(h.ses.endpoint, { to: 'ana@crew.test' });
    await clearSentMail(h.ses.endpoint);
    const later = sccEventFor(
      aBooking(
        { id: booking.id, revision: 2, slug: booking.slug },
        aBookingInput({ schedule: { startTime: '17:00', endTime: '20:00' } }),
      ),
    );

    const response = await h.call({
      method: 'PUT',
      path: `/events/${booking.id}`,
      body: later,
      key: SERVICE_KEY,
    });

    expect(response.status).toBe(200);
    const [update] = await readSentMail(h.ses.endpoint, { to: 'ana@crew.test' });
    expect(update?.subject).toBe('Changed: Sunset Sail, Saturday, December 5, 2026');
    expect(update?.text).toContain(
      'New time: Saturday, December 5, 5:00 PM – 8:00 PM PST (was Saturday, December 5, 4:00 PM – 7:00 PM PST)',
    );
    const oldLink = findLink(firstInvite?.text ?? '', `${PUBLIC_BASE_URL}/crew/`);
    const newLink = findLink(update?.text ?? '', `${PUBLIC_BASE_URL}/crew/`);
    expect(newLink).not.toBe(oldLink);
    expect(await readSentMail(h.ses.endpoint, { to: 'ben@crew.test' })).toHaveLength(1);
  });

  it('refuses an older revision with 409 and changes nothing', async () => {
    const { booking, payload } = await aNewEvent();
    await post({ ...payload, revision: 3 });
    await clearSentMail(h.ses.endpoint);

    const stale = await h.call({
      method: 'PUT',
      path: `/events/${booking.id}`,
      body: { ...payload, revision: 2 },
      key: SERVICE_KEY,
    });

    expect(stale.status).toBe(409);
    expect(await readSentMail(h.ses.endpoint)).toEqual([]);
  });

  it('refuses a body for another event than the URL names', async () => {
    const { payload } = await aNewEvent();
    const response = await h.call({
      method: 'PUT',
      path: '/events/bk-other',
      body: payload,
      key: SERVICE_KEY,
    });
    expect(response.status).toBe(400);
  });
});

describe('DELETE /events/{id}', () => {
  it('cancels, tells the crew once, and a repeat changes nothing', async () => {
    const { booking, payload } = await aNewEvent();
    await post(payload);
    await clearSentMail(h.ses.endpoint);

    const cancelled = await h.call({ method: 'DELETE', path: `/events/${booking.id}`, key: SERVICE_KEY });
    const again = await h.call({ method: 'DELETE', path: `/events/${booking.id}`, key: SERVICE_KEY });

    expect(cancelled.status).toBe(200);
    expect(cancelled.json().status).toBe('cancelled');
    expect(again.status).toBe(200);
    const mail = await readSentMail(h.ses.endpoint);
    expect(mail.map((m) => m.subject)).toEqual([
      'Cancelled: Sunset Sail, Saturday, December 5, 2026',
      'Cancelled: Sunset Sail, Saturday, December 5, 2026',
    ]);
    const ics = mail[0]?.attachments[0]?.content.toString('utf8') ?? '';
    expect(ics).toContain('STATUS:CANCELLED');
  });

  it('answers 404 for an event it never had', async () => {
    const response = await h.call({ method: 'DELETE', path: '/events/bk-never', key: SERVICE_KEY });
    expect(response.status).toBe(404);
  });
});

describe('GET /events/{id}', () => {
  it('shows each person, their email state and their answer', async () => {
    const { booking, payload } = await aNewEvent();
    await post(payload);
    await h.bookings.recordConfirmation({
      bookingId: booking.id,
      crewId: 'ana-ruiz',
      answer: 'confirmed',
      at: new Date().toISOString(),
      via: 'crew-page',
      revision: 1,
    });

    const response = await h.call({ method: 'GET', path: `/events/${booking.id}`, key: SERVICE_KEY });

    expect(response.status).toBe(200);
    const ana = response.json().crew.find((c: { crewId: string }) => c.crewId === 'ana-ruiz');
    expect(ana).toMatchObject({
      active: true,
      linkVersion: 1,
      answer: { answer: 'confirmed', revision: 1 },
      notification: { kind: 'invite', state: 'sent', attempts: 1 },
      deliveryProblem: null,
    });
    expect(response.json().deliveryProblems).toEqual([]);
  });

  it('answers 404 as JSON for an unknown event', async () => {
    const response = await h.call({ method: 'GET', path: '/events/bk-unknown', key: SERVICE_KEY });
    expect(response.status).toBe(404);
    expect(response.json().error).toBe('not_found');
  });
});
