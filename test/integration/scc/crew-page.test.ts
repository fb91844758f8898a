import ICAL from 'ical.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../../src/logging/logger';
import { crewLinkExpiry, signCrewLink } from '../../../src/scc/magic-link';
import { aBooking, aBookingInput } from '../../helpers/fixtures';
import { findLink, readSentMail } from '../../helpers/ses';
import {
  type Harness,
  MAGIC_LINK_SECRET,
  PUBLIC_BASE_URL,
  SERVICE_KEY,
  sccEventFor,
  startHarness,
} from './harness';

let h: Harness;
let seq = 0;
const logLines: string[] = [];

beforeAll(async () => {
  h = await startHarness({ logger: createLogger('scc-test', 'debug', (line) => logLines.push(line)) });
});
afterAll(async () => {
  await h.stop();
});

/** Creates a booking and its SCC event, and returns the path of `crewId`'s link from their email. */
async function anEventWithLink(crewId = 'ana-ruiz', email = 'ana@crew.test') {
  const id = `bk-crew-${++seq}`;
  const booking = await h.seedBooking(aBookingInput(), id);
  const payload = sccEventFor(booking);
  const created = await h.call({ method: 'POST', path: '/events', body: payload, key: SERVICE_KEY });
  expect(created.status).toBe(201);
  // The calendar attachment's UID names the event: it tells this invite from earlier ones.
  const invite = (await readSentMail(h.ses.endpoint, { to: email })).find((m) =>
    m.attachments.some((a) => a.content.toString('utf8').includes(`UID:scc-${id}-${crewId}@`)),
  );
  const link = findLink(invite?.text ?? '', `${PUBLIC_BASE_URL}/crew/`) ?? '';
  const token = link.slice(`${PUBLIC_BASE_URL}/crew/`.length);
  return { booking, payload, token, path: `/crew/${token}`, crewId };
}

const page = (path: string, query?: Record<string, string>) =>
  h.call({ method: 'GET', path, ...(query ? { query } : {}) });
const answer = (path: string, form: Record<string, string>) =>
  h.call({
    method: 'POST',
    path,
    rawBody: new URLSearchParams(form).toString(),
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
  });

describe('GET /crew/{token}', () => {
  it('shows the person’s own pay over the charter’s month, every charter they are on counted once', async () => {
    const first = await anEventWithLink('ben-okafor', 'ben@crew.test');
    // A second December charter for the same person (3 h at $30.00).
    const second = await h.seedBooking(
      aBookingInput({
        schedule: { date: '2026-12-19' },
        crew: [{ crewId: 'ben-okafor', name: 'Ben Okafor', role: 'crew', hourlyRateCents: 3000 }],
      }),
      `bk-crew-${++seq}`,
    );
    const created = await h.call({
      method: 'POST',
      path: '/events',
      body: sccEventFor(second),
      key: SERVICE_KEY,
    });
    expect(created.status).toBe(201);
    const rate = first.booking.crew.find((a) => a.crewId === 'ben-okafor')?.hourlyRateCents ?? 0;

    const response = await page(first.path);

    expect(response.body).toContain('Your pay in December 2026');
    const total = ((rate * 3 + 3000 * 3) / 100).toFixed(2);
    expect(response.body).toContain(`$${total}</strong> for 2 charters`);
    // Nobody else's pay: Ana, the captain on the first charter, is paid its 250.00 captain fee (65.00/h).
    expect(response.body).not.toContain('$195.00');
    expect(response.body).not.toContain('$250.00');
  });

  it('shows the assignment from the crew view with the checklist and both answers as plain forms', async () => {
    const { path } = await anEventWithLink();

    const response = await page(path);

    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(response.body).toContain('Hi Ana, you are the captain on this charter.');
    expect(response.body).toContain('Saturday, December 5, 2026');
    expect(response.body).toContain('4:00 PM – 7:00 PM PST');
    expect(response.body).toContain('Review the float plan and weather 24 hours ahead');
    // The captain's pay is the charter's captain fee, not 3 × $65.00 (issue #18 item 6).
    expect(response.body).toContain('$250.00 (captain fee)');
    expect(response.body).not.toContain('$195.00');
    expect(response.body).toContain('<li>Ben, Crew</li>');
    expect(response.body).toContain(`<form method="post" action="${PUBLIC_BASE_URL}${path}">`);
    expect(response.body).toContain('name="answer" value="confirmed"');
    expect(response.body).toContain('name="answer" value="declined"');
    expect(response.body).toContain('<textarea id="reason" name="reason"');
  });

  it('sends the privacy headers: no referrer, no caching, a strict content security policy', async () => {
    const { path } = await anEventWithLink();

    const { headers } = await page(path);

    expect(headers['referrer-policy']).toBe('no-referrer');
    expect(headers['cache-control']).toBe('no-store');
    expect(headers['x-robots-tag']).toBe('noindex, nofollow');
    expect(headers['content-security-policy']).toMatch(/default-src 'none'/);
    expect(headers['content-security-policy']).toMatch(/script-src 'sha256-[A-Za-z0-9+/=]+'/);
    expect(headers['content-security-policy']).not.toContain('unsafe-inline');
  });

  it('never changes anything when opened, however often (mail scanners open links)', async () => {
    const { path, booking } = await anEventWithLink();

    await page(path);
    await page(path);

    expect(await h.bookings.listConfirmations(booking.id)).toEqual([]);
  });

  it('gives this charter as a calendar file', async () => {
    const { path } = await anEventWithLink();

    const response = await page(`${path}/charter.ics`);

    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toBe('text/calendar; charset=utf-8');
    const vevent = new ICAL.Component(ICAL.parse(response.body)).getFirstSubcomponent('vevent');
    expect(vevent?.getFirstPropertyValue('location')).toBe('Harbor Island West Marina, Dock C');
  });
});

describe('POST /crew/{token}', () => {
  it('records a confirmation for the pipeline and redirects back to the page, which shows it', async () => {
    const { path, booking } = await anEventWithLink();

    const response = await answer(path, { answer: 'confirmed' });

    expect(response.status).toBe(303);
    expect(response.headers.location).toBe(`${PUBLIC_BASE_URL}${path}?answered=confirmed`);
    const [confirmation] = await h.bookings.listConfirmations(booking.id);
    expect(confirmation).toMatchObject({
      bookingId: booking.id,
      crewId: 'ana-ruiz',
      answer: 'confirmed',
      via: 'crew-page',
      revision: 1,
    });
    const after = await page(path, { answered: 'confirmed' });
    expect(after.body).toContain('You confirmed on');
    expect(after.body).toContain('Thank you! Your confirmation is in');
    // Issue #18: a confirmed page says so instead of asking again, and offers to change the answer.
    expect(after.body).toContain('You’re confirmed');
    expect(after.body).not.toContain('Can you make it?');
    expect(after.body).not.toContain('Confirm again');
    expect(after.body).toContain('Change my answer: I can’t make it after all');
  });

  it('records a decline with its reason', async () => {
    const { path, booking } = await anEventWithLink();

    await answer(path, { answer: 'declined', reason: '  Family wedding that weekend  ' });

    const [confirmation] = await h.bookings.listConfirmations(booking.id);
    expect(confirmation).toMatchObject({ answer: 'declined', reason: 'Family wedding that weekend' });
    const after = (await page(path)).body;
    expect(after).toContain('Your reason: “Family wedding that weekend”');
    expect(after).not.toContain('Can you make it?');
    expect(after).toContain('Change my answer: I can make it after all');
  });

  it('refuses an answer that is neither confirm nor decline with a page, not a stack trace', async () => {
    const { path, booking } = await anEventWithLink();

    const response = await answer(path, { answer: 'maybe' });

    expect(response.status).toBe(400);
    expect(response.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(response.body).toContain('Choose Confirm or Decline.');
    expect(await h.bookings.listConfirmations(booking.id)).toEqual([]);
  });

  it('limits how often one link can post, across containers (the count is in the table)', async () => {
    const { path } = await anEventWithLink();
    const statuses: number[] = [];
    for (let i = 0; i < 11; i++)
      statuses.push((await answer(path, { answer: i % 2 ? 'declined' : 'confirmed' })).status);

    expect(statuses.slice(0, 10).every((s) => s === 303)).toBe(true);
    expect(statuses[10]).toBe(429);
    const limited = await answer(path, { answer: 'confirmed' });
    expect(limited.body).toContain('Too many tries');
  });
  // SCC may not read bookings (IAM: no BOOKING#, issue #14): the signed link and the live event are its proof
  // that the person is on the charter, so an event with no booking behind it still takes its crew's answers.
  it('records the answer for an event even when no booking stands behind it (SCC never reads bookings)', async () => {
    const orphan = sccEventFor(aBooking({ id: `bk-crew-orphan-${++seq}` }));
    await h.call({ method: 'POST', path: '/events', body: orphan, key: SERVICE_KEY });
    const [mail] = (await readSentMail(h.ses.endpoint, { to: 'ana@crew.test' })).filter((m) =>
      m.attachments.some((a) => a.content.toString('utf8').includes(`UID:scc-${orphan.bookingId}-ana-ruiz@`)),
    );
    const link = findLink(mail?.text ?? '', `${PUBLIC_BASE_URL}/crew/`) ?? '';

    const response = await answer(link.slice(PUBLIC_BASE_URL.length), { answer: 'confirmed' });

    expect(response.status).toBe(303);
    const after = await page(link.slice(PUBLIC_BASE_URL.length));
    expect(after.body).toMatch(/You confirmed/i);
  });
});

describe('links that cannot be used', () => {
  it('refuses a token with any one character changed: 403 and a page that says what to do', async () => {
    const { token } = await anEventWithLink();
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
    const statuses = new Set<number>();
    for (let i = 0; i < token.length; i++) {
      const original = token[i] ?? '';
      const replacement =
        original === '.' ? 'A' : alphabet[(alphabet.indexOf(original) + 1) % alphabet.length];
      const tampered = `${token.slice(0, i)}${replacement}${token.slice(i + 1)}`;
      statuses.add((await page(`/crew/${tampered}`)).status);
    }

    expect([...statuses]).toEqual([403]);
    const response = await page(`/crew/${token.slice(0, -1)}${token.endsWith('A') ? 'B' : 'A'}`);
    expect(response.body).toContain('This link is not valid');
    expect(response.body).toContain('Open the link straight from your email');
    expect(response.body).not.toMatch(/at .*\.ts:\d+/);
  });

  it('refuses a token after it expired (a day after the charter ends) with 410', async () => {
    const { path, booking } = await anEventWithLink();
    h.clock.now = new Date(Date.parse(booking.endsAt) + 25 * 3600 * 1000);
    try {
      const response = await page(path);
      expect(response.status).toBe(410);
      expect(response.body).toContain('This link has expired');
      expect((await answer(path, { answer: 'confirmed' })).status).toBe(410);
    } finally {
      h.clock.now = new Date('2026-11-24T17:00:00.000Z');
    }
  });

  it('refuses a genuinely signed token for an event the person is not on', async () => {
    const first = await anEventWithLink();
    const other = await h.seedBooking(
      aBookingInput({
        crew: [{ crewId: 'cleo-marsh', name: 'Cleo Marsh', role: 'captain', hourlyRateCents: 2800 }],
      }),
      `bk-crew-other-${++seq}`,
    );
    await h.call({ method: 'POST', path: '/events', body: sccEventFor(other), key: SERVICE_KEY });
    const forOtherEvent = signCrewLink(
      { eventId: other.id, crewId: first.crewId, version: 1, expiresAt: crewLinkExpiry(other.endsAt, 24) },
      MAGIC_LINK_SECRET,
    );

    const response = await page(`/crew/${forOtherEvent}`);

    expect(response.status).toBe(403);
  });

  it('says a link was replaced when the charter changed and a newer one was sent', async () => {
    const { path, booking, payload } = await anEventWithLink();
    const moved = sccEventFor(
      aBooking(
        { id: booking.id, revision: 2, slug: booking.slug },
        aBookingInput({ meetingPoint: 'Shelter Island, Dock A' }),
      ),
    );
    await h.call({
      method: 'PUT',
      path: `/events/${booking.id}`,
      body: { ...moved, partySize: payload.partySize },
      key: SERVICE_KEY,
    });

    const response = await page(path);

    expect(response.status).toBe(410);
    expect(response.body).toContain('This link has been replaced');
    // Issue #18: the page names the charter, so a person with several knows which email to look for.
    expect(response.body).toContain(`${booking.title} changed since this link was sent`);
  });

  it('tells someone removed from the charter that they are no longer on it', async () => {
    const { path, booking } = await anEventWithLink('ben-okafor', 'ben@crew.test');
    const without = sccEventFor(
      aBooking(
        { id: booking.id, revision: 2, slug: booking.slug },
        aBookingInput({
          crew: [{ crewId: 'ana-ruiz', name: 'Ana Ruiz', role: 'captain', hourlyRateCents: 6500 }],
        }),
      ),
    );
    await h.call({ method: 'PUT', path: `/events/${booking.id}`, body: without, key: SERVICE_KEY });

    const response = await page(path);

    expect(response.status).toBe(410);
    expect(response.body).toContain('You are no longer on this charter');
  });

  it('tells crew a cancelled charter is cancelled, and takes no answer for it', async () => {
    const { path, booking } = await anEventWithLink();
    await h.call({ method: 'DELETE', path: `/events/${booking.id}`, key: SERVICE_KEY });

    const response = await page(path);

    expect(response.status).toBe(410);
    expect(response.body).toContain('This charter has been cancelled');
    expect((await answer(path, { answer: 'confirmed' })).status).toBe(410);
    expect(await h.bookings.listConfirmations(booking.id)).toEqual([]);
  });

  it('never writes a token into the logs', async () => {
    const { token, path } = await anEventWithLink();
    await page(path);
    await answer(path, { answer: 'confirmed' });
    await page(`/crew/${token}x`);

    expect(logLines.length).toBeGreaterThan(0);
    expect(
      logLines.filter(
        (line) => line.includes(token.slice(0, 20)) || line.includes(token.split('.')[1] ?? ''),
      ),
    ).toEqual([]);
  });
});

describe('GET /crew/{crewId}/calendar.ics', () => {
  it('lists the person’s upcoming charters from their private feed URL, without pay', async () => {
    await anEventWithLink('ana-ruiz');
    await anEventWithLink('ana-ruiz');
    const { url } = (await h.call({ method: 'GET', path: '/crew-feeds/ana-ruiz', key: SERVICE_KEY })).json();
    const feed = new URL(url);

    const response = await page(feed.pathname.replace('/scc', ''), {
      token: feed.searchParams.get('token') ?? '',
    });

    expect(response.status).toBe(200);
    const events = new ICAL.Component(ICAL.parse(response.body)).getAllSubcomponents('vevent');
    expect(events.length).toBeGreaterThanOrEqual(2);
    expect(response.body).not.toContain('$');
    expect(response.body).not.toContain('195');
  });

  it('refuses a feed token for someone else, and one that was revoked', async () => {
    const { url } = (await h.call({ method: 'GET', path: '/crew-feeds/ana-ruiz', key: SERVICE_KEY })).json();
    const token = new URL(url).searchParams.get('token') ?? '';

    const forBen = await page('/crew/ben-okafor/calendar.ics', { token });
    await h.call({ method: 'POST', path: '/crew-feeds/ana-ruiz/revoke', key: SERVICE_KEY });
    const revoked = await page('/crew/ana-ruiz/calendar.ics', { token });

    expect(forBen.status).toBe(403);
    expect(revoked.status).toBe(410);
  });
});
