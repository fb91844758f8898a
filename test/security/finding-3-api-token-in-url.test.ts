/**
 * Finding 3 of #14, "the dashboard's read/write token works in a URL": `GET /calendar.ics?token=<API token>`
 * answered 200, and the feed token was derived from the API token, so it could not be revoked alone. Now the
 * feed has its own random token (DASHBOARD_FEED_TOKEN; rotating it is `aws secretsmanager put-secret-value`,
 * see README), and the API token is accepted in the X-Dashboard-Token header and nowhere else.
 */
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  type DashboardHarness,
  FEED_TOKEN,
  feed,
  startDashboard,
  TOKEN,
} from '../integration/dashboard/harness';

let dashboard: DashboardHarness;

beforeAll(async () => {
  dashboard = await startDashboard();
});
afterEach(() => {
  feed.token = FEED_TOKEN;
});

const feedWith = (token: string) =>
  dashboard.call({ method: 'GET', path: '/calendar.ics', query: { token }, token: false });

describe('finding 3: only a feed token ever travels in a URL', () => {
  it('the API token in the feed URL is refused with 401', async () => {
    const response = await feedWith(TOKEN);
    expect(response.status).toBe(401);
    expect(response.json.error).toBe('unauthorized');
  });

  it('the API token in the query of an API route is refused: header only', async () => {
    const response = await dashboard.call({
      method: 'GET',
      path: '/calendar',
      query: { token: TOKEN },
      token: false,
    });
    expect(response.status).toBe(401);
  });

  it('the feed token cannot be used as the API token', async () => {
    const response = await dashboard.call({ method: 'GET', path: '/calendar', token: FEED_TOKEN });
    expect(response.status).toBe(401);
  });

  it('the subscription URL carries the feed token, which is not derived from the API token', async () => {
    const url = (await dashboard.call({ method: 'GET', path: '/calendar/feed-url' })).json.url as string;
    const token = new URL(url).searchParams.get('token');
    expect(token).toBe(FEED_TOKEN);
    expect(url).not.toContain(TOKEN);
    expect((await feedWith(FEED_TOKEN)).status).toBe(200);
  });

  it('rotating the feed token revokes the old subscription URL and nothing else', async () => {
    expect((await feedWith(FEED_TOKEN)).status).toBe(200);

    feed.token = 'rotated-feed-token-0f1e2d3c4b5a69788796a5b4c3d2e1f0';

    expect((await feedWith(FEED_TOKEN)).status).toBe(401);
    expect((await feedWith(feed.token)).status).toBe(200);
    expect((await dashboard.call({ method: 'GET', path: '/calendar' })).status).toBe(200);
  });

  it('a feed token shorter than 32 characters is treated as misconfiguration, not accepted', async () => {
    feed.token = 'short';
    const response = await feedWith('short');
    expect(response.status).toBe(500);
    expect(response.text).not.toContain('short');
  });
});
