/** The dashboard API end to end through its Lambda handler, against DynamoDB Local. */
import ICAL from 'ical.js';
import { beforeAll, describe, expect, it } from 'vitest';
import { anEntry, type DashboardHarness, FEED_TOKEN, startDashboard, TOKEN } from './harness';

let dashboard: DashboardHarness;
const NOW = new Date('2026-11-24T17:00:00.000Z');

beforeAll(async () => {
  dashboard = await startDashboard(() => NOW);
});

const call = (...args: Parameters<DashboardHarness['call']>) => dashboard.call(...args);

describe('authentication', () => {
  it.each([
    ['no token', false as const],
    ['a wrong token of the same length', 'x'.repeat(TOKEN.length)],
    ['a wrong token of another length', 'nope'],
  ])('refuses %s with 401 and a JSON message', async (_case, token) => {
    const response = await call({ method: 'GET', path: '/calendar', token });
    expect(response.status).toBe(401);
    expect(response.json).toEqual({
      error: 'unauthorized',
      message: 'Send the dashboard token in the X-Dashboard-Token header.',
    });
  });

  it('refuses writes without a token and stores nothing', async () => {
    const response = await call({
      method: 'PUT',
      path: '/calendar/bk-noauth',
      body: anEntry(),
      token: false,
    });
    expect(response.status).toBe(401);
    expect(await dashboard.store.get('bk-noauth')).toBeUndefined();
  });
});

describe('POST /calendar', () => {
  it('creates an entry with a new id and says where it lives', async () => {
    const response = await call({ method: 'POST', path: '/calendar', body: anEntry() });
    expect(response.status).toBe(201);
    expect(response.json).toMatchObject({
      title: 'Sunset Sail · Jada',
      startsAt: '2026-12-06T00:00:00.000Z',
      endsAt: '2026-12-06T03:00:00.000Z',
      progress: {},
      createdAt: NOW.toISOString(),
    });
    expect(response.headers.location).toBe(`/dashboard/calendar/${response.json.id}`);
    const fetched = await call({ method: 'GET', path: `/calendar/${response.json.id}` });
    expect(fetched.json).toEqual(response.json);
  });

  it('refuses money (or any unknown field) with a 400 that names it', async () => {
    const response = await call({ method: 'POST', path: '/calendar', body: anEntry({ priceCents: 180000 }) });
    expect(response.status).toBe(400);
    expect(response.json.error).toBe('validation_failed');
    expect(response.json.message).toContain('priceCents');
    expect(response.json.message).toContain('carry no prices');
  });

  it('refuses an entry that ends before it starts, naming the field', async () => {
    const response = await call({
      method: 'POST',
      path: '/calendar',
      body: anEntry({ endsAt: '2026-12-05T15:00:00-08:00' }),
    });
    expect(response.status).toBe(400);
    expect(response.json.fields).toEqual([{ field: 'endsAt', message: 'endsAt must be after startsAt.' }]);
  });

  it('answers malformed JSON with 400', async () => {
    const response = await call({ method: 'POST', path: '/calendar', rawBody: '{"title":' });
    expect(response.status).toBe(400);
    expect(response.json.message).toBe('The body is not valid JSON.');
  });
});

describe('PUT /calendar/{id}', () => {
  it('creates with 201, then the same body again is a 200 with the same entry', async () => {
    const first = await call({ method: 'PUT', path: '/calendar/bk-put-1', body: anEntry({ revision: 1 }) });
    const second = await call({ method: 'PUT', path: '/calendar/bk-put-1', body: anEntry({ revision: 1 }) });
    expect(first.status).toBe(201);
    expect(second.status).toBe(200);
    expect(second.json).toEqual(first.json);
  });

  it('keeps progress and createdAt when the entry is replaced, and drops fields no longer sent', async () => {
    await call({ method: 'PUT', path: '/calendar/bk-put-2', body: anEntry({ revision: 1, partySize: 6 }) });
    await call({ method: 'PUT', path: '/calendar/bk-put-2/progress/scc', body: { status: 'succeeded' } });
    const replaced = await call({
      method: 'PUT',
      path: '/calendar/bk-put-2',
      body: anEntry({ revision: 2, title: 'Moonlight Sail', partySize: undefined }),
    });
    expect(replaced.status).toBe(200);
    expect(replaced.json.title).toBe('Moonlight Sail');
    expect(replaced.json.partySize).toBeUndefined();
    expect(replaced.json.progress.scc.status).toBe('succeeded');
    const stored = await call({ method: 'GET', path: '/calendar/bk-put-2' });
    expect(stored.json).toEqual(replaced.json);
  });

  it('replaces progress with a snapshot sent in the body, and keeps it when none is sent', async () => {
    await call({ method: 'PUT', path: '/calendar/bk-snap', body: anEntry({ progress: { scc: 'running' } }) });
    const snapshot = await call({
      method: 'PUT',
      path: '/calendar/bk-snap',
      body: anEntry({ progress: { scc: 'succeeded', 'guest-page': 'failed' } }),
    });
    expect(snapshot.json.progress).toEqual({
      scc: { status: 'succeeded', at: NOW.toISOString() },
      'guest-page': { status: 'failed', at: NOW.toISOString() },
    });
    const kept = await call({
      method: 'PUT',
      path: '/calendar/bk-snap',
      body: anEntry({ title: 'Renamed' }),
    });
    expect(kept.json.progress).toEqual(snapshot.json.progress);
  });

  it('never lets an older revision overwrite a newer one', async () => {
    await call({
      method: 'PUT',
      path: '/calendar/bk-put-3',
      body: anEntry({ revision: 5, title: 'Newest' }),
    });
    const stale = await call({
      method: 'PUT',
      path: '/calendar/bk-put-3',
      body: anEntry({ revision: 4, title: 'Old' }),
    });
    expect(stale.status).toBe(409);
    expect(stale.json.error).toBe('conflict');
    expect((await call({ method: 'GET', path: '/calendar/bk-put-3' })).json.title).toBe('Newest');
  });

  it('refuses an id that is not an id', async () => {
    const response = await call({ method: 'PUT', path: '/calendar/has%20space', body: anEntry() });
    expect(response.status).toBe(400);
    expect(response.json.fields[0].field).toBe('id');
  });
});

describe('GET and DELETE /calendar/{id}', () => {
  it('answers 404 in JSON for an unknown entry', async () => {
    const response = await call({ method: 'GET', path: '/calendar/bk-missing' });
    expect(response.status).toBe(404);
    expect(response.json).toEqual({ error: 'not_found', message: 'There is no calendar entry bk-missing.' });
  });

  it('deletes with 204, and a second delete is a 404', async () => {
    await call({ method: 'PUT', path: '/calendar/bk-del', body: anEntry() });
    expect((await call({ method: 'DELETE', path: '/calendar/bk-del' })).status).toBe(204);
    expect((await call({ method: 'GET', path: '/calendar/bk-del' })).status).toBe(404);
    expect((await call({ method: 'DELETE', path: '/calendar/bk-del' })).status).toBe(404);
  });
});

describe('PUT /calendar/{id}/progress/{step}', () => {
  it('records each step’s progress on the entry', async () => {
    await call({ method: 'PUT', path: '/calendar/bk-prog', body: anEntry() });
    await call({ method: 'PUT', path: '/calendar/bk-prog/progress/scc', body: { status: 'succeeded' } });
    const response = await call({
      method: 'PUT',
      path: '/calendar/bk-prog/progress/guest-page',
      body: { status: 'failed', detail: 'S3 said 503', at: '2026-11-24T17:05:00Z' },
    });
    expect(response.status).toBe(200);
    expect(response.json.progress).toEqual({
      scc: { status: 'succeeded', at: NOW.toISOString() },
      'guest-page': { status: 'failed', detail: 'S3 said 503', at: '2026-11-24T17:05:00.000Z' },
    });
  });

  it('answers 404 for progress on an entry that does not exist, and creates nothing', async () => {
    const response = await call({
      method: 'PUT',
      path: '/calendar/bk-ghost/progress/scc',
      body: { status: 'succeeded' },
    });
    expect(response.status).toBe(404);
    expect(await dashboard.store.get('bk-ghost')).toBeUndefined();
  });

  it.each([
    ['an unknown status', '/calendar/bk-prog/progress/scc', { status: 'great' }],
    ['a step name with odd characters', '/calendar/bk-prog/progress/s%24cc', { status: 'succeeded' }],
    ['an unknown field', '/calendar/bk-prog/progress/scc', { status: 'succeeded', costCents: 5 }],
  ])('refuses %s with 400', async (_case, path, body) => {
    expect((await call({ method: 'PUT', path, body })).status).toBe(400);
  });
});

describe('GET /calendar?from=&to=', () => {
  beforeAll(async () => {
    const day = (d: number, h: number) =>
      `2027-03-${String(d).padStart(2, '0')}T${String(h).padStart(2, '0')}:00:00Z`;
    await call({
      method: 'PUT',
      path: '/calendar/r-before',
      body: anEntry({ startsAt: day(1, 10), endsAt: day(1, 12) }),
    });
    await call({
      method: 'PUT',
      path: '/calendar/r-overnight',
      body: anEntry({ startsAt: day(9, 20), endsAt: day(10, 2) }),
    });
    await call({
      method: 'PUT',
      path: '/calendar/r-inside',
      body: anEntry({ startsAt: day(12, 16), endsAt: day(12, 19) }),
    });
    await call({
      method: 'PUT',
      path: '/calendar/r-at-end',
      body: anEntry({ startsAt: day(20, 0), endsAt: day(20, 3) }),
    });
  });

  it('lists the entries that overlap the range, earliest first', async () => {
    const response = await call({
      method: 'GET',
      path: '/calendar',
      query: { from: '2027-03-10', to: '2027-03-20' },
    });
    expect(response.status).toBe(200);
    expect(response.json.entries.map((e: { id: string }) => e.id)).toEqual(['r-overnight', 'r-inside']);
    expect(response.json.from).toBe('2027-03-10T00:00:00.000Z');
  });

  it.each([
    [{ from: 'yesterday' }, 'from'],
    [{ from: '2027-03-10', to: '2027-03-01' }, 'to'],
    [{ from: '2027-01-01', to: '2029-01-01' }, 'to'],
  ])('refuses the range %j with 400 on %s', async (query, field) => {
    const response = await call({ method: 'GET', path: '/calendar', query });
    expect(response.status).toBe(400);
    expect(response.json.fields[0].field).toBe(field);
  });
});

describe('GET /calendar.ics', () => {
  it('serves an iCalendar feed a real parser reads, with progress in each description', async () => {
    await call({
      method: 'PUT',
      path: '/calendar/ics-1',
      body: anEntry({ revision: 3, guestPageUrl: 'https://sailjada.com/g/x' }),
    });
    await call({ method: 'PUT', path: '/calendar/ics-1/progress/scc', body: { status: 'succeeded' } });
    await call({
      method: 'PUT',
      path: '/calendar/ics-2',
      body: anEntry({
        title: 'Cancelled charter',
        status: 'cancelled',
        startsAt: '2026-12-10T18:00:00Z',
        endsAt: '2026-12-10T20:00:00Z',
      }),
    });

    const response = await call({
      method: 'GET',
      path: '/calendar.ics',
      query: { token: FEED_TOKEN },
      token: false,
    });

    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toBe('text/calendar; charset=utf-8');
    const calendar = new ICAL.Component(ICAL.parse(response.text));
    expect(calendar.getFirstPropertyValue('x-wr-calname')).toBe('JADA test');
    const events = calendar.getAllSubcomponents('vevent').map((v) => new ICAL.Event(v));
    const first = events.find((e) => e.uid === 'ics-1@charter-ops.dashboard');
    expect(first?.summary).toBe('Sunset Sail · Jada');
    expect(first?.sequence).toBe(3);
    expect(first?.startDate.toJSDate().toISOString()).toBe('2026-12-06T00:00:00.000Z');
    expect(first?.description).toContain('✓ scc: succeeded');
    expect(first?.description).toContain('Crew: Ana (Captain), Ben (Crew)');
    const cancelled = events.find((e) => e.uid === 'ics-2@charter-ops.dashboard');
    expect(cancelled?.summary).toBe('Cancelled: Cancelled charter');
    expect(cancelled?.component.getFirstPropertyValue('status')).toBe('CANCELLED');
  });

  it.each([
    ['no token', {}],
    ['a wrong token', { token: 'guess' }],
  ])('refuses %s with 401', async (_case, query) => {
    const response = await call({ method: 'GET', path: '/calendar.ics', query, token: false });
    expect(response.status).toBe(401);
    expect(response.json.error).toBe('unauthorized');
  });

  it('gives the subscription URL to a caller with the dashboard token', async () => {
    const response = await call({ method: 'GET', path: '/calendar/feed-url' });
    expect(response.status).toBe(200);
    expect(response.json.url).toBe(`http://localhost:3000/dashboard/calendar.ics?token=${FEED_TOKEN}`);
  });
});

describe('routing', () => {
  it('answers an unknown path with a JSON 404 and a wrong method with 405', async () => {
    expect((await call({ method: 'GET', path: '/nowhere' })).json.error).toBe('not_found');
    expect((await call({ method: 'PATCH', path: '/calendar' })).status).toBe(405);
  });
});
