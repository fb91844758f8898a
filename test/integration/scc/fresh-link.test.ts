/**
 * "Email me my current link" from a replaced link's page (issue #18 item 7), and what an attacker could try
 * with it: tampered and unknown tokens, floods, an address smuggled into the request, a removed person's
 * old link. The address on file is never shown; only it ever gets mail.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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

beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h.stop();
});

/** A charter with Ben on it, then a change of meeting point: Ben's first link is replaced by a second. */
async function aReplacedLink(email = `ben${++seq}@crew.test`) {
  const id = `bk-fresh-${seq}`;
  const booking = await h.seedBooking(aBookingInput(), id);
  const emails = { 'ana-ruiz': 'ana@crew.test', 'ben-okafor': email, 'cleo-marsh': 'cleo@crew.test' };
  const first = sccEventFor(booking, emails);
  expect((await h.call({ method: 'POST', path: '/events', body: first, key: SERVICE_KEY })).status).toBe(201);
  const invite = (await readSentMail(h.ses.endpoint, { to: email })).find((m) =>
    m.subject.includes('Crew call'),
  );
  const oldLink = findLink(invite?.text ?? '', `${PUBLIC_BASE_URL}/crew/`) ?? '';
  expect(oldLink).not.toBe('');
  const moved = sccEventFor(
    aBooking(
      { id, revision: 2, slug: booking.slug },
      aBookingInput({ meetingPoint: 'Shelter Island, Dock A' }),
    ),
    emails,
  );
  expect((await h.call({ method: 'PUT', path: `/events/${id}`, body: moved, key: SERVICE_KEY })).status).toBe(
    200,
  );
  const token = oldLink.slice(`${PUBLIC_BASE_URL}/crew/`.length);
  return { id, booking, email, token, emails };
}

const ask = (token: string, body = '') =>
  h.call({
    method: 'POST',
    path: `/crew/${token}/fresh-link`,
    rawBody: body,
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
  });

const freshMail = async (email: string) =>
  (await readSentMail(h.ses.endpoint, { to: email })).filter((m) =>
    m.subject.startsWith('Your current link'),
  );

describe('a replaced link’s page', () => {
  it('offers to email the current link, without showing the address', async () => {
    const { token, email, booking } = await aReplacedLink();

    const page = await h.call({ method: 'GET', path: `/crew/${token}` });

    expect(page.status).toBe(410);
    expect(page.body).toContain(`${booking.title} changed since this link was sent`);
    expect(page.body).toContain(`action="${PUBLIC_BASE_URL}/crew/${token}/fresh-link"`);
    expect(page.body).toContain('Email me my current link');
    expect(page.body).not.toContain(email);
    expect(page.body).not.toContain(email.split('@')[0]);
  });
});

describe('POST /crew/{token}/fresh-link', () => {
  it('mails the current link to the address on file, and the page says so with only a masked hint', async () => {
    const { token, email, booking } = await aReplacedLink();

    const response = await ask(token);

    expect(response.status).toBe(200);
    expect(response.body).toContain('Check your email');
    expect(response.body).toContain('b•••@c•••.test');
    expect(response.body).not.toContain(email);
    const mails = await freshMail(email);
    expect(mails).toHaveLength(1);
    expect(mails[0]?.subject).toContain(booking.title);
    const fresh = findLink(mails[0]?.text ?? '', `${PUBLIC_BASE_URL}/crew/`) ?? '';
    expect(fresh).not.toContain(token);
    const opened = await h.call({ method: 'GET', path: fresh.slice(PUBLIC_BASE_URL.length) });
    expect(opened.status).toBe(200);
    expect(opened.body).toContain('Shelter Island, Dock A');
  });

  it('sends one email per 10 minutes, whatever a flood of requests does, and says when to ask again', async () => {
    const { token, email } = await aReplacedLink();

    const answers = await Promise.all(Array.from({ length: 12 }, () => ask(token)));

    expect(answers.filter((a) => a.status === 200)).toHaveLength(1);
    const limited = answers.filter((a) => a.status === 429);
    expect(limited).toHaveLength(11);
    expect(limited[0]?.body).toContain('We just sent you a link');
    expect(limited[0]?.body).toMatch(/ask for another in \d+ minutes?/);
    expect(Number(limited[0]?.headers['retry-after'])).toBeGreaterThan(0);
    expect(limited[0]?.body).not.toContain(email);
    expect(await freshMail(email)).toHaveLength(1);
  });

  it('allows three a day, then refuses until tomorrow', async () => {
    const { token, email } = await aReplacedLink();
    const start = new Date(h.clock.now);
    try {
      // Start of a UTC day, so four 10-minute windows fit in it.
      h.clock.now = new Date(Date.UTC(2026, 10, 25, 8, 0, 0));
      const statuses: number[] = [];
      for (let i = 0; i < 4; i++) {
        statuses.push((await ask(token)).status);
        h.clock.now = new Date(h.clock.now.getTime() + 11 * 60_000);
      }
      expect(statuses).toEqual([200, 200, 200, 429]);
      const refused = await ask(token);
      expect(refused.body).toContain('You can ask again tomorrow');
      expect(await freshMail(email)).toHaveLength(3);
    } finally {
      h.clock.now = start;
    }
  });

  it('mails only the address on file, never one given in the request', async () => {
    const { token, email } = await aReplacedLink();

    const response = await ask(
      token,
      new URLSearchParams({ email: 'attacker@evil.test', to: 'attacker@evil.test' }).toString(),
    );

    expect(response.status).toBe(200);
    expect(await readSentMail(h.ses.endpoint, { to: 'evil.test' })).toHaveLength(0);
    expect(await freshMail(email)).toHaveLength(1);
  });

  it('refuses a tampered token with the invalid-link page and sends nothing', async () => {
    const { token, email } = await aReplacedLink();
    const [payload, signature] = token.split('.') as [string, string];
    const tampered = `${payload}.${signature.slice(0, -2)}${signature.endsWith('AA') ? 'BB' : 'AA'}`;

    const response = await ask(tampered);

    expect(response.status).toBe(403);
    expect(response.body).toContain('This link is not valid');
    expect(response.body).not.toMatch(/at [a-zA-Z]+ \(/); // no stack
    expect(await freshMail(email)).toHaveLength(0);
  });

  it('refuses a genuine-looking token for a charter that does not exist', async () => {
    const forged = signCrewLink(
      {
        eventId: 'bk-nobody',
        crewId: 'ben-okafor',
        version: 1,
        expiresAt: crewLinkExpiry('2027-01-01T00:00:00Z', 24),
      },
      MAGIC_LINK_SECRET,
    );

    const response = await ask(forged);

    expect(response.status).toBe(404);
    expect(response.body).toContain('We could not find this charter');
  });

  it('opens the page for a link that is still current, and sends nothing', async () => {
    const { id, email, emails } = await aReplacedLink();
    const current = (await readSentMail(h.ses.endpoint, { to: email })).find((m) =>
      m.subject.startsWith('Changed'),
    );
    const link = findLink(current?.text ?? '', `${PUBLIC_BASE_URL}/crew/`) ?? '';
    expect(emails['ben-okafor']).toBe(email);

    const response = await ask(link.slice(`${PUBLIC_BASE_URL}/crew/`.length));

    expect(response.status).toBe(303);
    expect(response.headers.location).toBe(link);
    expect(await freshMail(email)).toHaveLength(0);
    expect(id).toMatch(/^bk-fresh-/);
  });

  it('sends nothing to someone no longer on the charter', async () => {
    const { id, booking, token, email, emails } = await aReplacedLink();
    const without = sccEventFor(
      aBooking(
        { id, revision: 3, slug: booking.slug },
        aBookingInput({
          meetingPoint: 'Shelter Island, Dock A',
          crew: [{ crewId: 'ana-ruiz', name: 'Ana Ruiz', role: 'captain', hourlyRateCents: 6500 }],
        }),
      ),
      emails,
    );
    await h.call({ method: 'PUT', path: `/events/${id}`, body: without, key: SERVICE_KEY });

    const response = await ask(token);

    expect(response.status).toBe(410);
    expect(response.body).toContain('You are no longer on this charter');
    expect(response.body).not.toContain('Email me my current link');
    expect(await freshMail(email)).toHaveLength(0);
  });
});
