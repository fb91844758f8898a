/**
 * The owner's books for a period: charters, guests, revenue, deposits, captain fees, crew pay, port costs
 * and margin, in total, by brand, by boat and per charter. Pure and operator-only: this is the money
 * every outward projection hides, so nothing built here may reach a crew, guest or channel surface.
 * All sums are integer cents; crew pay and margin come from the domain's one formula (assignmentPayCents).
 */
import { type Booking, type BookingStatus, crewPayCents, durationMinutes, marginCents } from '../domain';
import { inPeriod, type Period } from './period';

export interface MoneyTotals {
  charters: number;
  guests: number;
  revenueCents: number;
  depositCents: number;
  captainFeeCents: number;
  crewPayCents: number;
  portCostsCents: number;
  marginCents: number;
}

export interface CharterLine extends Omit<MoneyTotals, 'charters'> {
  bookingId: string;
  slug: string;
  title: string;
  /** Local start date and time in the charter's zone. */
  date: string;
  startTime: string;
  timeZone: string;
  brand: string;
  boat: string;
  status: BookingStatus;
  minutes: number;
  /** True when the guests are the captain's recorded head count rather than the booked party size. */
  headCounted: boolean;
}

export interface GroupTotals {
  key: string;
  totals: MoneyTotals;
}

export interface MoneyReport {
  period: Period;
  totals: MoneyTotals;
  byBrand: GroupTotals[];
  byBoat: GroupTotals[];
  /** Charters counted in the totals, by start. */
  charters: CharterLine[];
  /** Cancelled charters in the period: listed apart, never counted. */
  cancelled: CharterLine[];
}

type WithCompletion = Booking & { completion?: { headCount?: unknown } };

/** Guests aboard: a completed charter's recorded head count, otherwise the booked party size. */
export function guestsOf(booking: Booking): { guests: number; headCounted: boolean } {
  const headCount = (booking as WithCompletion).completion?.headCount;
  if (booking.status === 'completed' && typeof headCount === 'number' && Number.isInteger(headCount))
    return { guests: headCount, headCounted: true };
  return { guests: booking.guest.partySize, headCounted: false };
}

export function charterLine(booking: Booking): CharterLine {
  const { guests, headCounted } = guestsOf(booking);
  return {
    bookingId: booking.id,
    slug: booking.slug,
    title: booking.title,
    date: booking.schedule.date,
    startTime: booking.schedule.startTime,
    timeZone: booking.schedule.timeZone,
    brand: booking.domain,
    boat: booking.boat.name,
    status: booking.status,
    minutes: durationMinutes(booking),
    guests,
    headCounted,
    revenueCents: booking.priceCents,
    depositCents: booking.depositCents,
    captainFeeCents: booking.captainFeeCents,
    crewPayCents: crewPayCents(booking),
    portCostsCents: booking.portCostsCents,
    marginCents: marginCents(booking),
  };
}

export function emptyTotals(): MoneyTotals {
  return {
    charters: 0,
    guests: 0,
    revenueCents: 0,
    depositCents: 0,
    captainFeeCents: 0,
    crewPayCents: 0,
    portCostsCents: 0,
    marginCents: 0,
  };
}

function add(totals: MoneyTotals, line: CharterLine): void {
  totals.charters += 1;
  totals.guests += line.guests;
  totals.revenueCents += line.revenueCents;
  totals.depositCents += line.depositCents;
  totals.captainFeeCents += line.captainFeeCents;
  totals.crewPayCents += line.crewPayCents;
  totals.portCostsCents += line.portCostsCents;
  totals.marginCents += line.marginCents;
}

function grouped(lines: readonly CharterLine[], keyOf: (line: CharterLine) => string): GroupTotals[] {
  const groups = new Map<string, MoneyTotals>();
  for (const line of lines) {
    const key = keyOf(line);
    const totals = groups.get(key) ?? emptyTotals();
    add(totals, line);
    groups.set(key, totals);
  }
  return [...groups.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([key, totals]) => ({ key, totals }));
}

/** Charters are in order of local start (date, time), then title, so the table reads like a diary. */
function byStart(a: CharterLine, b: CharterLine): number {
  return `${a.date} ${a.startTime} ${a.title}`.localeCompare(`${b.date} ${b.startTime} ${b.title}`);
}

/** The report for `period` from any list of bookings (those outside the period are ignored). */
export function buildMoneyReport(bookings: readonly Booking[], period: Period): MoneyReport {
  const inside = bookings.filter((b) => inPeriod(b.schedule.date, period));
  const charters = inside
    .filter((b) => b.status !== 'cancelled')
    .map(charterLine)
    .sort(byStart);
  const cancelled = inside
    .filter((b) => b.status === 'cancelled')
    .map(charterLine)
    .sort(byStart);
  const totals = emptyTotals();
  for (const line of charters) add(totals, line);
  return {
    period,
    totals,
    byBrand: grouped(charters, (l) => l.brand),
    byBoat: grouped(charters, (l) => l.boat),
    charters,
    cancelled,
  };
}
