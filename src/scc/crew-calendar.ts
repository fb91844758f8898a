/**
 * A crew member's charters as iCalendar: one charter for the email attachment and the page's "add to
 * calendar", or all their upcoming charters as a private subscription feed. Built from CrewViews only,
 * and without pay: calendars get synced, shared and shown on lock screens.
 */
import { buildCalendar, type IcsEvent } from '../calendar/ics';
import type { CrewView } from '../domain';
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

export function buildCrewFeed(
  firstName: string,
  entries: readonly { view: CrewView; sequence: number }[],
  stamp: Date,
): string {
  return buildCalendar({
    prodId: PRODID,
    name: `Charters: ${firstName}`,
    description: 'Your upcoming charters as crew. Private: do not share this calendar.',
    refreshMinutes: 60,
    events: entries.map((entry) => crewIcsEvent(entry.view, { sequence: entry.sequence, stamp })),
  });
}
