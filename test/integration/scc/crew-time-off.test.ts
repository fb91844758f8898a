/**
 * Issue #19 item 3 on the crew page: a person lists, adds and removes their own time off with their magic
 * link (a form that works without JavaScript); bad input comes back with every problem and what was typed;
 * another site cannot post it; and their private calendar feed shows it (without the note).
 */
import ICAL from 'ical.js';
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

/** The harness's clock is FIXED_NOW (2026-11-24): dates from there. */
const NOTE = 'CANARY-AWAY-NOTE brother’s wedding';

async function linkFor(crewId = 'ben-okafor', email = 'ben@crew.test') {
  const id = `bk-away-${++seq}`;
  const booking = await h.seedBooking(aBookingInput(), id);
  const created = await h.call({
    method: 'POST',
    path: '/events',
    body: sccEventFor(booking),
    key: SERVICE_KEY,
  });
  expect(created.status).toBe(201);
  const invite = (await readSentMail(h.ses.endpoint, { to: email })).find((m) =>
    m.attachments.some((a) => a.content.toString('utf8').includes(`UID:scc-${id}-${crewId}@`)),
  );
  const link = findLink(invite?.text ?? '', `${PUBLIC_BASE_URL}/crew/`) ?? '';
  return `/crew/${link.slice(`${PUBLIC_BASE_URL}/crew/`.length)}`;
}

const post = (path: string, form: Record<string, string>, headers: Record<string, string> = {}) =>
  h.call({
    method: 'POST',
    path,
    rawBody: new URLSearchParams(form).toString(),
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
  });

describe('time off on the crew page', () => {
  it('Ben adds time off from his page; it is listed with his note, and he can remove it', async () => {
    const path = await linkFor();
    const empty = await h.call({ method: 'GET', path });
    expect(empty.body).toContain('Your time off');
    expect(empty.body).toContain(`action="${PUBLIC_BASE_URL}${path}/away"`);

    const saved = await post(`${path}/away`, { from: '2026-12-20', to: '2026-12-27', note: NOTE });
    expect(saved.status).toBe(303);
    expect(saved.headers.location).toBe(`${PUBLIC_BASE_URL}${path}?away=saved#time-off`);
    const [entry] = await h.timeOff.listTimeOff('ben-okafor');
    expect(entry).toMatchObject({
      from: '2026-12-20',
      to: '2026-12-27',
      note: NOTE,
      by: 'crew-page:ben-okafor',
    });

    const after = await h.call({ method: 'GET', path, query: { away: 'saved' } });
    expect(after.body).toContain('Dec 20–27, 2026');
    expect(after.body).toContain('CANARY-AWAY-NOTE brother’s wedding');
    expect(after.body).toContain('Your time off is saved');

    const removed = await post(`${path}/away`, { remove: entry!.id });
    expect(removed.status).toBe(303);
    expect(await h.timeOff.listTimeOff('ben-okafor')).toEqual([]);
  });

  it('bad input comes back with every problem and what was typed; nothing is stored', async () => {
    const path = await linkFor();
    const response = await post(`${path}/away`, {
      from: '2026-11-01',
      to: '2026-10-30',
      note: 'typed <b>this</b>',
    });
    expect(response.status).toBe(400);
    expect(response.body).toContain('Your time off was not saved');
    expect(response.body).toContain('The last day (2026-10-30) is before the first (2026-11-01).');
    expect(response.body).toContain('2026-11-01 is in the past');
    expect(response.body).toContain('value="typed &lt;b&gt;this&lt;/b&gt;"');
    expect(response.body).not.toMatch(/at \w+ \(|Error:/);
    expect(await h.timeOff.listTimeOff('ben-okafor')).toEqual([]);
  });

  it('Ana’s page shows only Ana’s time off: Ben’s dates and note never reach it; nor can she remove his', async () => {
    const benPath = await linkFor();
    await post(`${benPath}/away`, { from: '2026-12-01', to: '2026-12-02', note: NOTE });
    const [bens] = await h.timeOff.listTimeOff('ben-okafor');
    const anaPath = await linkFor('ana-ruiz', 'ana@crew.test');

    const anaPage = await h.call({ method: 'GET', path: anaPath });
    expect(anaPage.body).not.toContain('CANARY-AWAY-NOTE');
    expect(anaPage.body).not.toContain('Dec 1–2');

    const attempt = await post(`${anaPath}/away`, { remove: bens!.id });
    expect(attempt.status).toBe(404);
    expect(await h.timeOff.listTimeOff('ben-okafor')).toHaveLength(1);
    await h.timeOff.removeTimeOff('ben-okafor', bens!.id);
  });

  it('time off over a charter they are already on says so after saving: “tell the office”', async () => {
    const path = await linkFor(); // Sunset Sail, Dec 5, with Ben on it
    await post(`${path}/away`, { from: '2026-12-10', to: '2026-12-12', note: NOTE });
    const clear = await h.call({ method: 'GET', path, query: { away: 'saved' } });
    expect(clear.body).toContain('Your time off is saved');
    expect(clear.body).not.toContain('tell the office');

    await post(`${path}/away`, { from: '2026-12-04', to: '2026-12-06', note: NOTE });
    const clash = await h.call({ method: 'GET', path, query: { away: 'saved' } });
    expect(clash.body).toContain('You’re on Sunset Sail Dec 5');
    expect(clash.body).toContain('— tell the office.');
    // Only right after saving: the page itself does not keep saying it.
    expect((await h.call({ method: 'GET', path })).body).not.toContain('tell the office');
    for (const entry of await h.timeOff.listTimeOff('ben-okafor')) {
      await post(`${path}/away`, { remove: entry.id });
    }
  });

  it('another site cannot post it: a cross-site post is refused, and a tampered link changes nothing', async () => {
    const path = await linkFor();
    const crossSite = await post(
      `${path}/away`,
      { from: '2026-12-20', to: '2026-12-21' },
      { 'sec-fetch-site': 'cross-site' },
    );
    expect(crossSite.status).toBe(403);
    const tampered = await post(`${path.slice(0, -1)}${path.endsWith('A') ? 'B' : 'A'}/away`, {
      from: '2026-12-20',
      to: '2026-12-21',
    });
    expect(tampered.status).toBeGreaterThanOrEqual(400);
    expect(await h.timeOff.listTimeOff('ben-okafor')).toEqual([]);
  });

  it('the person’s calendar feed shows their time off as "Away", without the note', async () => {
    const path = await linkFor();
    await post(`${path}/away`, { from: '2026-12-20', to: '2026-12-27', note: NOTE });
    const { url } = (
      await h.call({ method: 'GET', path: '/crew-feeds/ben-okafor', key: SERVICE_KEY })
    ).json();
    const feed = new URL(url);

    const response = await h.call({
      method: 'GET',
      path: feed.pathname.replace('/scc', ''),
      query: { token: feed.searchParams.get('token') ?? '' },
    });

    expect(response.status).toBe(200);
    const events = new ICAL.Component(ICAL.parse(response.body)).getAllSubcomponents('vevent');
    const away = events.find((e) => String(e.getFirstPropertyValue('summary')).startsWith('Away'));
    expect(away?.getFirstPropertyValue('summary')).toBe('Away (time off, Dec 20–27)');
    // Midnight to midnight in Los Angeles: 08:00Z on the 20th to 08:00Z on the 28th.
    expect(String(away?.getFirstPropertyValue('dtstart'))).toBe('2026-12-20T08:00:00Z');
    expect(String(away?.getFirstPropertyValue('dtend'))).toBe('2026-12-28T08:00:00Z');
    expect(response.body).not.toContain('CANARY-AWAY-NOTE');
  });
});
