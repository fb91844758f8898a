/**
 * Time off: a crew member says "I'm away Dec 20–27". Whole local days, inclusive, in the business's zone
 * (DEFAULT_TIME_ZONE): a person is away from 00:00 on `from` to 24:00 on `to` there, whatever zone a charter
 * is in. Pure rules: what a valid entry is, whether someone is away during a charter, and how to say it.
 *
 * The note is the person's own ("family wedding"): only they and operators may see it (never the crew list,
 * the thread or another crew member's page). Surfaces that show time off to others say "away Dec 20–27" only.
 */
import { DEFAULT_TIME_ZONE, zonedToUtc } from './time';

export interface TimeOff {
  id: string;
  crewId: string;
  /** First day away, `YYYY-MM-DD`, inclusive, in the business zone. */
  from: string;
  /** Last day away, `YYYY-MM-DD`, inclusive. */
  to: string;
  note: string;
  /** Who entered it (a Slack user id, or `crew-page:<crewId>`), and when. */
  by: string;
  at: string;
}

export type TimeOffInput = Pick<TimeOff, 'from' | 'to' | 'note'>;

/** The longest single stretch of time off: a year keeps every list and query bounded. */
export const MAX_TIME_OFF_DAYS = 366;
export const MAX_TIME_OFF_NOTE = 200;
/** How far ahead time off may start. */
export const MAX_TIME_OFF_LEAD_DAYS = 2 * 366;

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** A real calendar day (rejects 2026-02-30, which Date.UTC would roll into March). */
export function isCalendarDay(text: string): boolean {
  if (!DAY.test(text)) return false;
  const [y, m, d] = text.split('-').map(Number) as [number, number, number];
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

/** `2026-12-31` + 1 → `2027-01-01` (calendar arithmetic, no zone involved). */
export function addDays(day: string, days: number): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

export interface TimeOffProblem {
  field: 'from' | 'to' | 'note';
  message: string;
}

/**
 * Every problem with an entry, each a sentence a person can act on (empty when it is fine). `today` is the
 * business's local day: time off may start today but not before (nobody is asked about the past).
 */
export function timeOffProblems(input: TimeOffInput, today: string): TimeOffProblem[] {
  const problems: TimeOffProblem[] = [];
  const fromOk = isCalendarDay(input.from);
  const toOk = isCalendarDay(input.to);
  if (!fromOk) problems.push({ field: 'from', message: `“${clip(input.from)}” is not a date (YYYY-MM-DD).` });
  if (!toOk) problems.push({ field: 'to', message: `“${clip(input.to)}” is not a date (YYYY-MM-DD).` });
  if (fromOk && toOk) {
    if (input.to < input.from) {
      problems.push({
        field: 'to',
        message: `The last day (${input.to}) is before the first (${input.from}).`,
      });
    } else if (daysBetween(input.from, input.to) + 1 > MAX_TIME_OFF_DAYS) {
      problems.push({ field: 'to', message: `Time off can be at most ${MAX_TIME_OFF_DAYS} days at once.` });
    }
  }
  if (fromOk && input.from < today) {
    problems.push({
      field: 'from',
      message: `${input.from} is in the past: time off starts today or later.`,
    });
  } else if (fromOk && daysBetween(today, input.from) > MAX_TIME_OFF_LEAD_DAYS) {
    problems.push({ field: 'from', message: 'Time off can be entered up to two years ahead.' });
  }
  if (input.note.length > MAX_TIME_OFF_NOTE) {
    problems.push({ field: 'note', message: `The note must be at most ${MAX_TIME_OFF_NOTE} characters.` });
  }
  return problems;
}

function clip(text: string): string {
  return text.length > 40 ? `${text.slice(0, 40)}…` : text;
}

/** The instants the time off covers: [from 00:00, the day after `to` 00:00) in the business zone. */
export function timeOffInterval(
  entry: Pick<TimeOff, 'from' | 'to'>,
  timeZone = DEFAULT_TIME_ZONE,
): { startsAt: string; endsAt: string } {
  return {
    startsAt: zonedToUtc(entry.from, '00:00', timeZone).toISOString(),
    endsAt: zonedToUtc(addDays(entry.to, 1), '00:00', timeZone).toISOString(),
  };
}

/** Whether the time off overlaps the charter's hours (touching ends do not: back at midnight is back). */
export function isAway(
  entry: Pick<TimeOff, 'from' | 'to'>,
  charter: { startsAt: string; endsAt: string },
  timeZone = DEFAULT_TIME_ZONE,
): boolean {
  const away = timeOffInterval(entry, timeZone);
  return (
    Date.parse(away.startsAt) < Date.parse(charter.endsAt) &&
    Date.parse(charter.startsAt) < Date.parse(away.endsAt)
  );
}

/** Each person's time off overlapping the charter, by crew id (the first entry that does). */
export function awayDuring<T extends Pick<TimeOff, 'crewId' | 'from' | 'to'>>(
  entries: readonly T[],
  charter: { startsAt: string; endsAt: string },
  timeZone = DEFAULT_TIME_ZONE,
): Map<string, T> {
  const away = new Map<string, T>();
  for (const entry of [...entries].sort((a, b) => a.from.localeCompare(b.from))) {
    if (!away.has(entry.crewId) && isAway(entry, charter, timeZone)) away.set(entry.crewId, entry);
  }
  return away;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** "Dec 20–27", "Dec 30–Jan 2", "Dec 20", "Dec 30, 2026–Jan 2, 2027" when `withYear`. */
export function formatAwayRange(entry: Pick<TimeOff, 'from' | 'to'>, withYear = false): string {
  const parts = (day: string) => {
    const [y, m, d] = day.split('-').map(Number) as [number, number, number];
    return { y, month: MONTHS[m - 1] ?? '', d };
  };
  const a = parts(entry.from);
  const b = parts(entry.to);
  if (withYear) {
    const left = `${a.month} ${a.d}${a.y !== b.y ? `, ${a.y}` : ''}`;
    if (entry.from === entry.to) return `${a.month} ${a.d}, ${a.y}`;
    const right = a.y === b.y && a.month === b.month ? `${b.d}, ${b.y}` : `${b.month} ${b.d}, ${b.y}`;
    return `${left}–${right}`;
  }
  if (entry.from === entry.to) return `${a.month} ${a.d}`;
  if (a.y === b.y && a.month === b.month) return `${a.month} ${a.d}–${b.d}`;
  return `${a.month} ${a.d}–${b.month} ${b.d}`;
}

/** "away Dec 20–27": what anyone (not only operators) may be told about someone's time off. */
export function awayLabel(entry: Pick<TimeOff, 'from' | 'to'>): string {
  return `away ${formatAwayRange(entry)}`;
}

/** What a charter needs for `chartersWhileAway`. */
export interface CharterTimes {
  title: string;
  status: string;
  startsAt: string;
  endsAt: string;
  schedule: { date: string };
  crew: ReadonlyArray<{ crewId: string }>;
}

/** The live charters `crewId` is on that the time off overlaps, soonest first. */
export function chartersWhileAway<T extends CharterTimes>(
  entry: Pick<TimeOff, 'from' | 'to'>,
  crewId: string,
  charters: readonly T[],
  timeZone = DEFAULT_TIME_ZONE,
): T[] {
  return charters
    .filter((c) => c.status === 'pending' || c.status === 'confirmed')
    .filter((c) => c.crew.some((a) => a.crewId === crewId) && isAway(entry, c, timeZone))
    .sort((a, b) => a.startsAt.localeCompare(b.startsAt));
}
