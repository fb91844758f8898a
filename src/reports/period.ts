/**
 * The period a report or a payroll covers: whole local days, inclusive. A charter belongs to the period
 * holding its start date in the charter's own time zone (`schedule.date`, as the operator typed it), so a
 * 23:30 departure on the 31st stays in its month wherever the server runs. Pure: no clock is read here.
 */
import { ValidationError } from '../errors';

function invalid(message: string): ValidationError {
  return new ValidationError([{ field: 'period', message }]);
}

export interface Period {
  /** First day, `YYYY-MM-DD`, inclusive. */
  readonly from: string;
  /** Last day, `YYYY-MM-DD`, inclusive. */
  readonly to: string;
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const MONTH = /^(\d{4})-(\d{2})$/;

/** A real calendar day (rejects 2026-02-30, which Date.UTC would roll into March). */
function isCalendarDay(text: string): boolean {
  if (!DAY.test(text)) return false;
  const [y, m, d] = text.split('-').map(Number) as [number, number, number];
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

export function monthPeriod(year: number, month: number): Period {
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  const mm = String(month).padStart(2, '0');
  return { from: `${year}-${mm}-01`, to: `${year}-${mm}-${String(last).padStart(2, '0')}` };
}

/** Today's date in a zone, `YYYY-MM-DD` (the operator's "this month" is the business's month). */
export function localDay(instant: Date, timeZone: string): string {
  return new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(instant);
}

/** The longest period one request may cover: a year keeps one answer (and one query) bounded. */
export const MAX_PERIOD_DAYS = 366;

/**
 * `[]` → the month holding `today`; `['2026-12']` → that month; `['2026-12-01', '2026-12-15']` → those
 * days. Anything else is a ValidationError whose message says what to type.
 */
export function parsePeriod(args: readonly string[], today: string): Period {
  const usage = 'Give a month (2026-12) or two dates (2026-12-01 2026-12-15).';
  if (args.length === 0) {
    const [y, m] = today.split('-').map(Number) as [number, number];
    return monthPeriod(y, m);
  }
  if (args.length === 1) {
    const month = MONTH.exec(args[0] ?? '');
    const mm = Number(month?.[2]);
    if (!month || mm < 1 || mm > 12) throw invalid(`“${clip(args[0])}” is not a month. ${usage}`);
    return monthPeriod(Number(month[1]), mm);
  }
  if (args.length === 2) return parseRange(args[0] ?? '', args[1] ?? '', usage);
  throw invalid(`Too many words. ${usage}`);
}

/** Two calendar days, first not after last, at most MAX_PERIOD_DAYS apart. */
export function parseRange(fromText: string, toText: string, usage: string): Period {
  for (const text of [fromText, toText]) {
    if (!isCalendarDay(text)) throw invalid(`“${clip(text)}” is not a date (YYYY-MM-DD). ${usage}`);
  }
  if (fromText > toText) throw invalid(`The period ends (${toText}) before it starts (${fromText}).`);
  if (daysInPeriod({ from: fromText, to: toText }) > MAX_PERIOD_DAYS)
    throw invalid(`A period can cover at most ${MAX_PERIOD_DAYS} days.`);
  return { from: fromText, to: toText };
}

export function daysInPeriod(period: Period): number {
  return (
    Math.round((Date.parse(`${period.to}T00:00:00Z`) - Date.parse(`${period.from}T00:00:00Z`)) / 86_400_000) +
    1
  );
}

export function inPeriod(localDate: string, period: Period): boolean {
  return localDate >= period.from && localDate <= period.to;
}

/**
 * UTC bounds wide enough to hold every charter whose local start date is in the period, whatever its zone
 * (UTC−12 to UTC+14): the store query uses them, then `inPeriod` on the local date decides.
 */
export function queryWindow(period: Period): { from: Date; to: Date } {
  return {
    from: new Date(Date.parse(`${period.from}T00:00:00Z`) - 14 * 3_600_000),
    to: new Date(Date.parse(`${period.to}T23:59:59.999Z`) + 12 * 3_600_000),
  };
}

export function describePeriod(period: Period): string {
  return period.from === period.to ? period.from : `${period.from} – ${period.to}`;
}

/** User text echoed in an error stays short (a pasted essay is not repeated back). */
function clip(text: string | undefined): string {
  const value = text ?? '';
  return value.length > 24 ? `${value.slice(0, 24)}…` : value;
}
