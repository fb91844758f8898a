/** The dashboard's report CSVs: behind the dashboard token, bookings read from the real store. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CalendarStore, createDashboardHandler } from '../../../src/dashboard';
import { scheduleInstants } from '../../../src/domain';
import { silentLogger } from '../../../src/logging/logger';
import { DynamoBookingStore } from '../../../src/store';
import { createTestTable } from '../../helpers/dynamo';
import { aBookingInput } from '../../helpers/fixtures';
import { apiGatewayEvent, TOKEN } from './harness';

describe('dashboard report CSVs', () => {
  let handler: ReturnType<typeof createDashboardHandler>;

  beforeAll(async () => {
    const table = await createTestTable('dashboard-reports');
    const bookings = new DynamoBookingStore(table.doc, table.tableName);
    const input = aBookingInput({
      title: '=HYPERLINK("http://evil.test")',
      schedule: { date: '2026-12-05' },
    });
    await bookings.createBooking({
      input,
      boat: { id: 'jada', name: 'Jada' },
      ...scheduleInstants(input.schedule),
      actor: 'U1',
    });
    handler = createDashboardHandler(
      {
        store: new CalendarStore(table.doc, table.tableName),
        bookings,
        token: async () => TOKEN,
        feedToken: async () => 'f'.repeat(40),
        logger: silentLogger,
        settings: { calendarName: 'JADA test' },
      },
      { stripPrefix: '/dashboard' },
    );
  });
  afterAll(() => undefined);

  const get = (path: string, query: Record<string, string>, token: string | false = TOKEN) =>
    handler(apiGatewayEvent({ method: 'GET', path, query, token }));

  it('serves the month’s charters as an attachment with formula cells neutralised', async () => {
    const response = await get('/reports/charters.csv', { month: '2026-12' });
    expect(response.statusCode).toBe(200);
    expect(response.headers?.['content-type']).toBe('text/csv; charset=utf-8');
    expect(response.headers?.['content-disposition']).toContain(
      'charter-charters-2026-12-01-to-2026-12-31.csv',
    );
    const body = String(response.body);
    expect(body.startsWith('date,start,time_zone,charter,')).toBe(true);
    expect(body).toContain(`"'=HYPERLINK(""http://evil.test"")"`);
    expect(body).toContain(',1800.00,'); // the price, two decimals
  });

  it('serves payroll for a range of days', async () => {
    const response = await get('/reports/payroll.csv', { from: '2026-12-01', to: '2026-12-15' });
    expect(String(response.body)).toContain('ana-ruiz,Ana Ruiz,2026-12-05');
  });

  it('refuses without the token, and learns nothing', async () => {
    const response = await get('/reports/summary.csv', { month: '2026-12' }, false);
    expect(response.statusCode).toBe(401);
    expect(String(response.body)).not.toContain('1800');
  });

  it('refuses the dashboard token in the URL (a forwarded link must not carry the books)', async () => {
    const response = await get('/reports/payroll.csv', { month: '2026-12', token: TOKEN }, false);
    expect(response.statusCode).toBe(401);
    expect(String(response.body)).not.toContain('ana-ruiz');
  });

  it('answers a bad period with 400 and a sentence, and an unknown report with 404', async () => {
    const bad = await get('/reports/summary.csv', { from: '2026-12-15', to: '2026-12-01' });
    expect(bad.statusCode).toBe(400);
    expect(JSON.parse(String(bad.body)).message).toContain('before it starts');
    expect((await get('/reports/secrets.csv', {})).statusCode).toBe(404);
  });
});
