/**
 * The crew's view of an SCC event, through the one projection (crewView): the event is mapped field by field
 * onto the booking fields crewView reads (CrewViewSource) and nothing else. No money but the assignments'
 * own rates and the captain's fee (on the captain's assignment) exists on an SCC event, and crewView shows
 * each person only their own pay.
 */
import {
  type BookingStatus,
  type Checklists,
  type CrewView,
  type CrewViewSource,
  crewView,
  DEFAULT_CHECKLISTS,
} from '../domain';
import type { SccCrewAssignment, SccEvent } from './contract';

export interface EventViewOptions {
  /**
   * The assignment of someone no longer on the event (their removal email still needs their name and the
   * charter's details); it joins the list only for them.
   */
  readonly former?: SccCrewAssignment;
  /** Who declined (domain `declinedCrew` over the answers SCC records): off "who is on board". */
  readonly declined?: readonly string[];
}

export function crewViewFromEvent(
  event: SccEvent,
  crewId: string,
  checklists: Checklists = DEFAULT_CHECKLISTS,
  options: EventViewOptions = {},
): CrewView {
  const { former } = options;
  const assignments = event.crew_assignments.some((a) => a.crewId === crewId)
    ? event.crew_assignments
    : former && former.crewId === crewId
      ? [...event.crew_assignments, former]
      : event.crew_assignments;
  const status: BookingStatus = event.status === 'cancelled' ? 'cancelled' : 'pending';
  const source: CrewViewSource = {
    id: event.bookingId,
    slug: event.slug ?? event.bookingId,
    domain: event.domain,
    title: event.title,
    status,
    revision: event.revision,
    schedule: {
      date: event.schedule.date,
      startTime: event.schedule.startTime,
      endTime: event.schedule.endTime,
      timeZone: event.schedule.timeZone,
    },
    startsAt: event.schedule.startsAt,
    endsAt: event.schedule.endsAt,
    boat: { id: event.boat.id, name: event.boat.name },
    meetingPoint: event.meetingPoint,
    guestNotes: event.notes,
    guest: { partySize: event.partySize ?? 0 },
    // The fee rides on the captain's assignment; crewView makes it the captain's pay and nobody else's.
    captainFeeCents: assignments.find((a) => a.role === 'captain')?.captain_fee ?? 0,
    crew: assignments.map((a) => ({
      crewId: a.crewId,
      name: a.name,
      role: a.role,
      hourlyRateCents: a.hourly_rate,
      ...(a.phone ? { phone: a.phone } : {}),
    })),
  };
  return crewView(source, crewId, checklists, options.declined ? { declined: options.declined } : {});
}
