/**
 * The dashboard API (JADA's internal calendar and progress tracking), as an HTTP app on the shared router:
 *
 *   POST   /calendar                          create an entry (201, Location)
 *   GET    /calendar?from=&to=                entries overlapping [from, to)
 *   GET    /calendar/feed-url                 the iCalendar subscription URL (read-only token)
 *   GET    /calendar/{id}                     one entry with its progress
 *   PUT    /calendar/{id}                     create or replace (201 or 200); idempotent
 *   DELETE /calendar/{id}                     204, or 404
 *   PUT    /calendar/{id}/progress/{step}     one step's progress
 *   GET    /calendar.ics?token=               the iCalendar feed (feed token in the URL, as calendar apps need)
 *   GET    /reports/{summary|charters|payroll}.csv?month=2026-12 (or from=&to=, days inclusive; none:
 *          this month)                     the operators' report and payroll as CSV, for a spreadsheet to pull
 *
 * Every route but the feed needs X-Dashboard-Token, in the header only. The feed takes the calendar feed token
 * alone (DASHBOARD_FEED_TOKEN), never the API token, so a URL can never carry write access. Errors are JSON
 * {error, message}; never a stack trace.
 */
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { z } from 'zod';
import { ICS_CONTENT_TYPE } from '../calendar';
import { DEFAULT_TIME_ZONE } from '../domain';
import { AuthError, ConfigError, ValidationError } from '../errors';
import {
  errorToHttp,
  type HttpRequest,
  type HttpResponse,
  json,
  parseJsonBody,
  Router,
  text,
  toHttpRequest,
} from '../http';
import type { Logger } from '../logging';
import {
  bookingsForPeriod,
  buildMoneyReport,
  buildPayroll,
  localDay,
  parsePeriod,
  payrollCsvFile,
  reportCsvFiles,
} from '../reports';
import type { DynamoBookingStore } from '../store';
import { MIN_FEED_TOKEN_LENGTH, TOKEN_HEADER, tokensMatch } from './auth';
import { CalendarEntryInputSchema, ENTRY_ID, ProgressUpdateSchema, STEP_NAME } from './calendar-entry';
import { renderCalendarFeed } from './calendar-feed';
import type { CalendarStore } from './calendar-store';

export interface DashboardSettings {
  /** Shown by calendar apps as the subscribed calendar's name. */
  readonly calendarName: string;
  /** Public base URL of this API (for the feed URL); from the request's Host when unset. */
  readonly publicBaseUrl?: string;
}

export interface DashboardDeps {
  readonly store: CalendarStore;
  /** The dashboard token (X-Dashboard-Token), resolved lazily: from Secrets Manager in AWS. */
  readonly token: () => Promise<string>;
  /** The calendar feed token (`?token=` of the subscription URL), its own random secret; rotate to revoke. */
  readonly feedToken: () => Promise<string>;
  readonly logger: Logger;
  readonly settings: DashboardSettings;
  readonly now?: () => Date;
  /** The bookings, read-only, for the report CSVs (absent: those routes answer 404). */
  readonly bookings?: Pick<DynamoBookingStore, 'listUpcoming'>;
}

const REPORT_KINDS = ['summary', 'charters', 'payroll'] as const;

const MAX_BODY_BYTES = 32 * 1024;
const DAY_MS = 86_400_000;
/** Without from/to: a month back, a year ahead. */
const DEFAULT_PAST_DAYS = 30;
const DEFAULT_FUTURE_DAYS = 365;
const MAX_RANGE_DAYS = 400;

const RangeBoundSchema = z.union([
  z.iso.datetime({ offset: true }).transform((v) => new Date(v)),
  z.iso.date().transform((v) => new Date(`${v}T00:00:00.000Z`)),
]);

export function createDashboardApp(
  deps: DashboardDeps,
  options: { mountPath?: string } = {},
): (request: HttpRequest) => Promise<HttpResponse> {
  const mountPath = options.mountPath ?? '';
  const now = deps.now ?? (() => new Date());
  const router = new Router();

  const feedToken = async () => {
    const token = await deps.feedToken();
    if (token.length < MIN_FEED_TOKEN_LENGTH) {
      throw new ConfigError(`The calendar feed token must be at least ${MIN_FEED_TOKEN_LENGTH} characters.`);
    }
    return token;
  };

  const requireToken = async (request: HttpRequest) => {
    if (!tokensMatch(request.headers[TOKEN_HEADER], await deps.token())) {
      throw new AuthError('Send the dashboard token in the X-Dashboard-Token header.');
    }
  };

  router
    .on('POST', '/calendar', async (request) => {
      await requireToken(request);
      const entry = await deps.store.create(parseJsonBody(request, CalendarEntryInputSchema, MAX_BODY_BYTES));
      return json(201, entry, { location: `${mountPath}/calendar/${entry.id}` });
    })
    .on('GET', '/calendar', async (request) => {
      await requireToken(request);
      const { from, to } = parseRange(request.query, now());
      const entries = await deps.store.listBetween(from, to);
      return json(200, { from: from.toISOString(), to: to.toISOString(), entries });
    })
    .on('GET', '/calendar/feed-url', async (request) => {
      await requireToken(request);
      const base = deps.settings.publicBaseUrl ?? `${originOf(request)}${mountPath}`;
      return json(200, { url: `${base}/calendar.ics?token=${await feedToken()}` });
    })
    .on('GET', '/calendar/{id}', async (request, params) => {
      await requireToken(request);
      const id = entryId(params.id);
      const entry = await deps.store.get(id);
      if (!entry) return notFound(id);
      return json(200, entry);
    })
    .on('PUT', '/calendar/{id}', async (request, params) => {
      await requireToken(request);
      const id = entryId(params.id);
      const { entry, created } = await deps.store.upsert(
        id,
        parseJsonBody(request, CalendarEntryInputSchema, MAX_BODY_BYTES),
      );
      return json(created ? 201 : 200, entry);
    })
    .on('DELETE', '/calendar/{id}', async (request, params) => {
      await requireToken(request);
      await deps.store.delete(entryId(params.id));
      return { statusCode: 204, headers: { 'cache-control': 'no-store' }, body: '' };
    })
    .on('PUT', '/calendar/{id}/progress/{step}', async (request, params) => {
      await requireToken(request);
      const id = entryId(params.id);
      const step = params.step ?? '';
      if (!STEP_NAME.test(step)) {
        throw new ValidationError([
          { field: 'step', message: 'A step name is letters, digits, - or _, starting with a letter.' },
        ]);
      }
      const update = parseJsonBody(request, ProgressUpdateSchema, MAX_BODY_BYTES);
      return json(200, await deps.store.recordProgress(id, step, update));
    })
    .on('GET', '/calendar.ics', async (request) => {
      if (!tokensMatch(request.query.token, await feedToken())) {
        throw new AuthError(
          'Add ?token=<calendar feed token> to the URL (GET /calendar/feed-url gives the full URL).',
        );
      }
      const at = now();
      const entries = await deps.store.listBetween(
        new Date(at.getTime() - 60 * DAY_MS),
        new Date(at.getTime() + DEFAULT_FUTURE_DAYS * DAY_MS),
      );
      return text(200, renderCalendarFeed(entries, { name: deps.settings.calendarName }), ICS_CONTENT_TYPE, {
        'cache-control': 'private, max-age=300',
        'content-disposition': 'inline; filename="charters.ics"',
      }) as HttpResponse;
    })
    .on('GET', '/reports/{file}', async (request, params) => {
      await requireToken(request);
      const kind = /^(summary|charters|payroll)\.csv$/.exec(params.file ?? '')?.[1] as
        | (typeof REPORT_KINDS)[number]
        | undefined;
      if (!kind || !deps.bookings) {
        return json(404, {
          error: 'not_found',
          message: `Reports are ${REPORT_KINDS.map((k) => `${k}.csv`).join(', ')}.`,
        });
      }
      const { month, from, to } = request.query;
      const args = month ? [month] : from || to ? [from ?? '', to ?? ''] : [];
      const period = parsePeriod(args, localDay(now(), DEFAULT_TIME_ZONE));
      const { bookings } = await bookingsForPeriod(deps.bookings, period);
      const file =
        kind === 'payroll'
          ? payrollCsvFile(buildPayroll(bookings, period))
          : reportCsvFiles(buildMoneyReport(bookings, period))[kind === 'summary' ? 0 : 1];
      if (!file) throw new Error('report file missing');
      return text(200, file.content, 'text/csv; charset=utf-8', {
        'cache-control': 'no-store',
        'content-disposition': `attachment; filename="${file.filename}"`,
        'x-content-type-options': 'nosniff',
      }) as HttpResponse;
    });

  return async (request) => {
    try {
      return await router.handle(request);
    } catch (error) {
      return errorToHttp(error, deps.logger);
    }
  };
}

/** The Lambda-shaped handler; `stripPrefix` is the mount path locally (`/dashboard`), empty in AWS. */
export function createDashboardHandler(deps: DashboardDeps, options: { stripPrefix?: string } = {}) {
  const prefix = options.stripPrefix ?? '';
  const app = createDashboardApp(deps, { mountPath: prefix });
  return async (event: APIGatewayProxyEventV2, _context?: unknown): Promise<HttpResponse> =>
    app(toHttpRequest(event, prefix));
}

function entryId(raw: string | undefined): string {
  if (!raw || !ENTRY_ID.test(raw)) {
    throw new ValidationError([
      { field: 'id', message: 'An entry id is letters, digits, - or _ (at most 128).' },
    ]);
  }
  return raw;
}

function notFound(id: string): HttpResponse {
  return json(404, { error: 'not_found', message: `There is no calendar entry ${id}.` });
}

function parseRange(query: Readonly<Record<string, string>>, now: Date): { from: Date; to: Date } {
  const bound = (name: 'from' | 'to') => {
    const raw = query[name];
    if (raw === undefined || raw === '') return undefined;
    const parsed = RangeBoundSchema.safeParse(raw);
    if (!parsed.success) {
      throw new ValidationError([
        {
          field: name,
          message: `${name} must be a date (2026-12-05) or a date-time (2026-12-05T16:00:00Z).`,
        },
      ]);
    }
    return parsed.data;
  };
  const from = bound('from') ?? new Date(now.getTime() - DEFAULT_PAST_DAYS * DAY_MS);
  const to = bound('to') ?? new Date(from.getTime() + (DEFAULT_PAST_DAYS + DEFAULT_FUTURE_DAYS) * DAY_MS);
  const issues = [];
  if (to <= from) issues.push({ field: 'to', message: 'to must be after from.' });
  if (to.getTime() - from.getTime() > MAX_RANGE_DAYS * DAY_MS) {
    issues.push({ field: 'to', message: `Ask for at most ${MAX_RANGE_DAYS} days at a time.` });
  }
  if (issues.length > 0) throw new ValidationError(issues);
  return { from, to };
}

function originOf(request: HttpRequest): string {
  const host = request.headers['x-forwarded-host'] ?? request.headers.host ?? 'localhost';
  const proto =
    request.headers['x-forwarded-proto'] ?? (/^(localhost|127\.|\[::1\])/.test(host) ? 'http' : 'https');
  return `${proto}://${host}`;
}
