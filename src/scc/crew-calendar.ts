/**
 * A crew member's charters as iCalendar: one charter for the email attachment and the page's "add to
 * calendar", or all their upcoming charters as a private subscription feed. Built from CrewViews only,
 * and without pay: calendars get synced, shared and shown on lock screens.
 */
import { buildCalendar, type IcsEvent } from '../calendar';
import { type CrewView, formatAwayRange, type TimeOff, timeOffInterval } from '../domain';
import { formatTimeRange } from './crew-presenter';

const PRODID = '-//Charter Ops//ShipCaptainCrew//EN';
const ROLE_LABELS = { captain: 'Captain', crew: 'Crew', hostess: 'Hostess' } as const;

export interface CrewIcsOptions {
  /** Bumped with every change so calendar apps replace their copy: the assignment version. */
  sequence: number;
  stamp: Date;
  /** The crew page, when the calendar is private to the person (never in a feed). */
  pageUrl?: string;
  /** Marks the charter cancelled for this person (they were removed, or it was called off). */
  cancelled?: boolean;
}

export function crewIcsEvent(view: CrewView, options: CrewIcsOptions): IcsEvent {
  const cancelled = options.cancelled === true || view.status === 'cancelled';
  const role = ROLE_LABELS[view.you.role];
  const lines = [
    `${role} aboard ${view.boatName}`,
    `Time: ${formatTimeRange(new Date(view.startsAt), new Date(view.endsAt), view.timeZone)}`,
    `Meet at: ${view.meetingPoint}`,
    `Crew: ${view.crew.map((c) => `${c.firstName} (${ROLE_LABELS[c.role]})`).join(', ')}`,
  ];
  if (view.guestNotes.trim()) lines.push('', `Notes: ${view.guestNotes.trim()}`);
  if (view.checklist.length > 0) lines.push('', 'Checklist:', ...view.checklist.map((item) => `- ${item}`));
  if (options.pageUrl) lines.push('', `Confirm or decline: ${options.pageUrl}`);
  return {
    uid: `scc-${view.bookingId}-${view.you.crewId}@${view.domain}`,
    start: view.startsAt,
    end: view.endsAt,
    stamp: options.stamp,
    summary: `${cancelled ? 'Cancelled: ' : ''}${view.title} (${role})`,
    description: lines.join('\n'),
    location: view.meetingPoint,
    status: cancelled ? 'CANCELLED' : 'CONFIRMED',
    sequence: options.sequence,
    ...(options.pageUrl ? { url: options.pageUrl } : {}),
    ...(cancelled ? {} : { alarmMinutesBefore: 120 }),
  };
}

export function buildCrewCharterIcs(view: CrewView, brandName: string, options: CrewIcsOptions): string {
  return buildCalendar({ prodId: PRODID, name: `${brandName} crew`, events: [crewIcsEvent(view, options)] });
}

/**
 * The person's private feed: their charters and their own time off ("Away", midnight to midnight in the
 * business zone). The time-off note stays out: a feed URL is easily subscribed to by a shared calendar.
 */
export function buildCrewFeed(
  firstName: string,
  entries: readonly { view: CrewView; sequence: number }[],
  stamp: Date,
  away: readonly Pick<TimeOff, 'id' | 'from' | 'to'>[] = [],
): string {
  return buildCalendar({
    prodId: PRODID,
    name: `Charters: ${firstName}`,
    description: 'Your upcoming charters as crew. Private: do not share this calendar.',
    refreshMinutes: 60,
    events: [
      ...entries.map((entry) => crewIcsEvent(entry.view, { sequence: entry.sequence, stamp })),
      ...away.map((entry) => {
        const { startsAt, endsAt } = timeOffInterval(entry);
        return {
          uid: `away-${entry.id}@charter-ops`,
          start: startsAt,
          end: endsAt,
          stamp,
          summary: `Away (time off, ${formatAwayRange(entry)})`,
          description: 'Time off you entered: the office will not book you then without asking.',
          categories: ['Time off'],
        };
      }),
    ],
  });
}
