/**
 * The only three ways booking data leaves the system.
 *
 * - opsView: everything, for the ops channel in Slack.
 * - crewView: what one crew member needs, including their own pay; never the price, costs, margin, other
 *   people's rates, guest contact details or internal notes.
 * - guestView: what a guest may read on a public page; no money at all, no internal notes, no emails.
 *
 * Each view is branded: only these functions can make one, and every outward renderer takes a view, not a
 * Booking, so handing a raw booking to a guest template is a compile error. Views are built field by field
 * (never by spreading a booking) so a field added to Booking does not silently flow out.
 */
import {
  assignmentPayCents,
  type Booking,
  type BookingStatus,
  crewPayCents,
  durationMinutes,
  firstName,
  marginCents,
  paidByCaptainFee,
  type Role,
} from './booking';
import { type Checklists, DEFAULT_CHECKLISTS } from './crew';

declare const guestBrand: unique symbol;
declare const crewBrand: unique symbol;
declare const opsBrand: unique symbol;

export interface CrewListEntry {
  readonly firstName: string;
  readonly role: Role;
}

interface SharedSchedule {
  readonly bookingId: string;
  readonly slug: string;
  readonly domain: string;
  readonly title: string;
  readonly status: BookingStatus;
  readonly revision: number;
  readonly date: string;
  readonly startTime: string;
  readonly endTime: string;
  readonly timeZone: string;
  readonly startsAt: string;
  readonly endsAt: string;
  readonly durationMinutes: number;
  readonly boatName: string;
  readonly meetingPoint: string;
  readonly partySize: number;
  readonly crew: readonly CrewListEntry[];
}

export type GuestView = SharedSchedule & {
  readonly hostFirstName: string;
  readonly guestNotes: string;
  readonly [guestBrand]: true;
};

export type CrewView = SharedSchedule & {
  readonly guestNotes: string;
  readonly you: {
    readonly crewId: string;
    readonly firstName: string;
    readonly role: Role;
    readonly hourlyRateCents: number;
    /** This person's own pay for the charter (assignmentPayCents: the captain fee or hours × rate). */
    readonly payCents: number;
    /** How payCents is made: the captain fee (the captain, when the booking has one) or hours × rate. */
    readonly payBasis: 'captain-fee' | 'hourly';
  };
  readonly checklist: readonly string[];
  /**
   * How this person reaches the captain on the day: the captain's first name and roster phone, for the crew
   * of this very charter only (crewView refuses anyone else). Absent for the captain themselves, or when the
   * roster has no number.
   */
  readonly captainContact?: { readonly firstName: string; readonly phone: string };
  readonly [crewBrand]: true;
};

export type OpsView = Booking & {
  readonly crewPayCents: number;
  readonly marginCents: number;
  readonly durationMinutes: number;
  readonly [opsBrand]: true;
};

const ROLE_ORDER: Readonly<Record<Role, number>> = { captain: 0, crew: 1, hostess: 2 };

/**
 * Exactly the booking fields a crew view is built from. Naming them lets a service that holds only a
 * booking's crew-safe copy (ShipCaptainCrew's event) reuse crewView, and proves no money field but the
 * crew's own rates can reach it.
 */
export type CrewViewSource = Pick<
  Booking,
  | 'id'
  | 'slug'
  | 'domain'
  | 'title'
  | 'status'
  | 'revision'
  | 'schedule'
  | 'startsAt'
  | 'endsAt'
  | 'boat'
  | 'meetingPoint'
  | 'guestNotes'
  | 'captainFeeCents'
> & {
  readonly guest: Pick<Booking['guest'], 'partySize'>;
  /** The assignments; an SCC event adds the captain's roster phone (a booking itself holds none). */
  readonly crew: readonly (Booking['crew'][number] & { readonly phone?: string })[];
};

function sharedSchedule(booking: CrewViewSource): SharedSchedule {
  return {
    bookingId: booking.id,
    slug: booking.slug,
    domain: booking.domain,
    title: booking.title,
    status: booking.status,
    revision: booking.revision,
    date: booking.schedule.date,
    startTime: booking.schedule.startTime,
    endTime: booking.schedule.endTime,
    timeZone: booking.schedule.timeZone,
    startsAt: booking.startsAt,
    endsAt: booking.endsAt,
    durationMinutes: durationMinutes(booking),
    boatName: booking.boat.name,
    meetingPoint: booking.meetingPoint,
    partySize: booking.guest.partySize,
    crew: [...booking.crew]
      .sort((a, b) => ROLE_ORDER[a.role] - ROLE_ORDER[b.role])
      .map((a) => ({ firstName: firstName(a.name), role: a.role })),
  };
}

/** Who is on board: `declined` (crew-answers.ts `declinedCrew`) lists the assigned people who said no. */
export interface OnBoardOptions {
  readonly declined?: readonly string[];
}

/** The booking with its crew list down to who is on board: a decline takes a person off every list. */
function onBoard<T extends { readonly crew: readonly { readonly crewId: string }[] }>(
  booking: T,
  options: OnBoardOptions,
): T {
  const declined = new Set(options.declined ?? []);
  return declined.size === 0
    ? booking
    : { ...booking, crew: booking.crew.filter((a) => !declined.has(a.crewId)) };
}

/**
 * `declined`: crew whose latest answer is a decline; guests see only the crew who have not declined
 * (issue #18), so a hostess who can't come is not promised on the page.
 */
export function guestView(booking: Booking, options: OnBoardOptions = {}): GuestView {
  const shown = onBoard(booking, options);
  const view: Omit<GuestView, typeof guestBrand> = {
    ...sharedSchedule(shown),
    hostFirstName: firstName(booking.guest.name),
    guestNotes: booking.guestNotes,
  };
  return view as GuestView;
}

/** Throws when the person is not on this charter: a crew view for a stranger is a bug, not an empty page. */
/**
 * `declined`, as for guestView: the crew list ("who is on board") leaves off the people who declined, the
 * viewer included (their own part of the view stays: they may still change their answer), and the captain's
 * phone is offered only while the captain is on board.
 */
export function crewView(
  booking: CrewViewSource,
  crewId: string,
  checklists: Checklists = DEFAULT_CHECKLISTS,
  options: OnBoardOptions = {},
): CrewView {
  const assignment = booking.crew.find((a) => a.crewId === crewId);
  if (!assignment) throw new Error(`crew ${crewId} is not assigned to booking ${booking.id}`);
  const shown = onBoard(booking, options);
  const view: Omit<CrewView, typeof crewBrand> = {
    ...sharedSchedule(shown),
    guestNotes: booking.guestNotes,
    you: {
      crewId: assignment.crewId,
      firstName: firstName(assignment.name),
      role: assignment.role,
      hourlyRateCents: assignment.hourlyRateCents,
      payCents: assignmentPayCents(booking, assignment),
      payBasis: paidByCaptainFee(booking, assignment) ? 'captain-fee' : 'hourly',
    },
    checklist: [...checklists[assignment.role]],
  };
  const captain = shown.crew.find((a) => a.role === 'captain');
  if (captain?.phone && captain.crewId !== crewId) {
    return {
      ...view,
      captainContact: { firstName: firstName(captain.name), phone: captain.phone },
    } as CrewView;
  }
  return view as CrewView;
}

export function opsView(booking: Booking): OpsView {
  const view: Omit<OpsView, typeof opsBrand> = {
    ...booking,
    crewPayCents: crewPayCents(booking),
    marginCents: marginCents(booking),
    durationMinutes: durationMinutes(booking),
  };
  return view as OpsView;
}
