/**
 * The headers SCC's crew routes answer with, pinned one by one: calendars are never cached by a shared
 * cache (a feed URL is a credential), a charter's file downloads under the event's name, and every page
 * refuses to be framed. Written when the routes moved into src/scc/routes/ (issue #15): a move must not
 * drop a header that no other test looked at.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aBookingInput } from '../../helpers/fixtures';
import { findLink, readSentMail } from '../../helpers/ses';
import { type Harness, PUBLIC_BASE_URL, SERVICE_KEY, sccEventFor, startHarness } from './harness';

let h: Harness;
let seq = 0;

beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h.stop();
});

async function anEventWithLink() {
  const id = `bk-headers-${++seq}`;
  const booking = await h.seedBooking(aBookingInput(), id);
  const created = await h.call({
    method: 'POST',
    path: '/events',
    body: sccEventFor(booking),
    key: SERVICE_KEY,
  });
  expect(created.status).toBe(201);
  const invite = (await readSentMail(h.ses.endpoint, { to: 'ana@crew.test' })).find((m) =>
    m.attachments.some((a) => a.content.toString('utf8').includes(`UID:scc-${id}-ana-ruiz@`)),
  );
  const link = findLink(invite?.text ?? '', `${PUBLIC_BASE_URL}/crew/`) ?? '';
  return { id, path: link.slice(PUBLIC_BASE_URL.length) };
}

describe('SCC crew route headers', () => {
  it('serves the private feed as a calendar that no cache keeps, and the charter file as a download', async () => {
    const { id, path } = await anEventWithLink();
    const { url } = (await h.call({ method: 'GET', path: '/crew-feeds/ana-ruiz', key: SERVICE_KEY })).json();
    const feedUrl = new URL(url);

    const feed = await h.call({
      method: 'GET',
      path: feedUrl.pathname.replace('/scc', ''),
      query: { token: feedUrl.searchParams.get('token') ?? '' },
    });
    const charter = await h.call({ method: 'GET', path: `${path}/charter.ics` });

    expect(feed.status).toBe(200);
    expect(feed.headers['content-type']).toBe('text/calendar; charset=utf-8');
    expect(feed.headers['cache-control']).toBe('private, no-store');
    expect(charter.status).toBe(200);
    expect(charter.headers['content-type']).toBe('text/calendar; charset=utf-8');
    expect(charter.headers['content-disposition']).toBe(`attachment; filename="${id}.ics"`);
    expect(charter.headers['cache-control']).toBe('no-store');
  });

  it('refuses to let another site frame the crew page or a refusal page', async () => {
    const { path } = await anEventWithLink();

    const crewPage = await h.call({ method: 'GET', path });
    const refused = await h.call({ method: 'GET', path: '/crew/not-a-real-link' });

    for (const response of [crewPage, refused]) {
      expect(response.headers['x-frame-options']).toBe('DENY');
      expect(response.headers['content-security-policy']).toContain("frame-ancestors 'none'");
      expect(response.headers['content-security-policy']).toContain("base-uri 'none'");
    }
    expect(refused.status).toBeGreaterThanOrEqual(400);
  });
});
