/**
 * The dashboard's calendar as an iCalendar subscription feed (phones, Google Calendar): one event per entry,
 * with the pipeline's progress in the description. Built from stored entries only, which hold no money.
 */
import { buildCalendar, type IcsEvent, type IcsEventStatus } from '../calendar';
import type { Role } from '../domain';
import type { CalendarEntry } from './calendar-entry';

const ROLE_LABELS: Readonly<Record<Role, string>> = { captain: 'Captain', crew: 'Crew', hostess: 'Hostess' };
const STATUS: Readonly<Record<CalendarEntry['status'], IcsEventStatus>> = {
  pending: 'TENTATIVE',
  confirmed: 'CONFIRMED',
  completed: 'CONFIRMED',
  cancelled: 'CANCELLED',
};
const PROGRESS_MARK: Readonly<Record<string, string>> = {
  succeeded: '✓',
  failed: '✗',
  running: '…',
  retrying: '…',
  pending: '·',
  skipped: '–',
};
/** Calendar apps poll at their own pace; this is the hint for those that listen. */
const REFRESH_MINUTES = 15;

export function renderCalendarFeed(entries: readonly CalendarEntry[], options: { name: string }): string {
  return buildCalendar({
    prodId: '-//Charter Ops//Dashboard calendar//EN',
    name: options.name,
    description: 'Charters and their provisioning progress',
    refreshMinutes: REFRESH_MINUTES,
    events: entries.map(toEvent),
  });
}

function toEvent(entry: CalendarEntry): IcsEvent {
  const lines: string[] = [];
  if (entry.boatName) lines.push(`Boat: ${entry.boatName}`);
  if (entry.partySize) lines.push(`Party of ${entry.partySize}`);
  if (entry.crew.length > 0) {
    lines.push(`Crew: ${entry.crew.map((c) => `${c.firstName} (${ROLE_LABELS[c.role]})`).join(', ')}`);
  }
  const steps = Object.entries(entry.progress).sort(([a], [b]) => a.localeCompare(b));
  if (steps.length > 0) {
    lines.push('', 'Progress:');
    for (const [step, p] of steps) {
      lines.push(`${PROGRESS_MARK[p.status] ?? '·'} ${step}: ${p.status}${p.detail ? ` (${p.detail})` : ''}`);
    }
  }
  if (entry.description) lines.push('', entry.description);
  if (entry.guestPageUrl) lines.push('', entry.guestPageUrl);
  return {
    uid: `${entry.id}@charter-ops.dashboard`,
    start: entry.startsAt,
    end: entry.endsAt,
    stamp: entry.updatedAt,
    lastModified: entry.updatedAt,
    sequence: entry.revision ?? 0,
    status: STATUS[entry.status],
    summary: entry.status === 'cancelled' ? `Cancelled: ${entry.title}` : entry.title,
    location: entry.meetingPoint || undefined,
    description: lines.join('\n'),
    url: entry.guestPageUrl,
    categories: entry.domain ? [entry.domain] : undefined,
  };
}
