/**
 * The contract between the pipeline and the dashboard: the pipeline's own calendar step and DashboardClient,
 * talking through fetch to this Lambda handler (in-process, against DynamoDB Local), create, update and
 * remove an entry. If either side changes its shape, this fails.
 */

import { beforeAll, describe, expect, it } from 'vitest';
import { DashboardClient } from '../../../src/clients/dashboard-client';
import { guestView } from '../../../src/domain';
import { guestPageUrlOf } from '../../../src/guest/paths';
import { silentLogger } from '../../../src/logging/logger';
import { calendarEntryStep } from '../../../src/pipeline/steps/calendar-entry';
import { aBooking } from '../../helpers/fixtures';
import { type DashboardHarness, startDashboard, TOKEN } from './harness';

let dashboard: DashboardHarness;
let client: DashboardClient;

/** fetch as the pipeline calls it, answered by the dashboard's handler. */
function handlerFetch(): typeof fetch {
  return (async (input: string | URL | Request, init?: RequestInit) => {
    const url = new URL(String(input));
    const headers = new Headers(init?.headers);
    const token = headers.get('x-dashboard-token');
    const response = await dashboard.call({
      method: init?.method ?? 'GET',
      path: url.pathname.replace(/^\/dashboard/, ''),
      rawBody: typeof init?.body === 'string' ? init.body : undefined,
      token: token ?? false,
    });
    return new Response(response.status === 204 ? null : response.text, {
      status: response.status,
      headers: response.headers,
    });
  }) as typeof fetch;
}

beforeAll(async () => {
  dashboard = await startDashboard();
  client = new DashboardClient({
    baseUrl: 'http://localhost:3000/dashboard',
    token: { get: async () => TOKEN, origin: 'env:DASHBOARD_TOKEN' },
    timeoutMs: 5_000,
    fetch: handlerFetch(),
  });
});

function runStep(booking: ReturnType<typeof aBooking>) {
  return calendarEntryStep({ dashboard: client, guestPageUrl: guestPageUrlOf((d) => `https://${d}`) }).run({
    booking,
    previous: undefined,
    records: new Map(),
    attempt: 1,
    save: async () => {},
    logger: silentLogger,
  });
}

describe('pipeline calendar step against the dashboard', () => {
  it('creates the entry under the booking id with its schedule, crew and progress', async () => {
    const booking = aBooking({ id: 'bk-contract-1', status: 'confirmed' });
    await runStep(booking);
    const entry = await dashboard.store.get(booking.id);
    const view = guestView(booking);
    expect(entry).toMatchObject({
      id: booking.id,
      title: view.title,
      startsAt: view.startsAt,
      endsAt: view.endsAt,
      meetingPoint: view.meetingPoint,
      status: 'confirmed',
      revision: 1,
      crew: [
        { firstName: 'Ana', role: 'captain' },
        { firstName: 'Ben', role: 'crew' },
      ],
    });
    expect(entry?.progress['calendar-entry']?.status).toBe('succeeded');
  });

  it('updates it on the next revision, and removes it when the booking is cancelled', async () => {
    const booking = aBooking({ id: 'bk-contract-2' });
    await runStep(booking);
    await runStep({ ...booking, revision: 2, title: 'Moonlight Sail' });
    expect((await dashboard.store.get(booking.id))?.title).toBe('Moonlight Sail');

    await runStep({ ...booking, revision: 3, status: 'cancelled' });
    expect(await dashboard.store.get(booking.id)).toBeUndefined();
    // Already gone: the pipeline's retry of the delete must still succeed.
    await expect(runStep({ ...booking, revision: 3, status: 'cancelled' })).resolves.toBeDefined();
  });
});
