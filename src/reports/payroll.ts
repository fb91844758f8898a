/**
 * Payroll for a period: per person, each charter with hours, role, rate and pay, and the person's total.
 * Pay is the domain's one rule (assignmentPayCents): hours between start and end × the person's rate on
 * that booking, except the captain of a booking with a captain fee, whose pay is that fee (their hourly
 * rate is not added). A fee with no captain assigned is listed apart. Cancelled charters pay nothing. Pure. `payrollFor` (one person's own lines) is the only part a crew member may ever see.
 */
import {
  assignmentPayCents,
  type Booking,
  captainOf,
  durationMinutes,
  hourlyPayCents,
  paidByCaptainFee,
  type Role,
} from '../domain';
import { inPeriod, type Period } from './period';

export interface PayLine {
  bookingId: string;
  slug: string;
  title: string;
  date: string;
  startTime: string;
  timeZone: string;
  role: Role;
  minutes: number;
  hourlyRateCents: number;
  /** Hours × rate: what this person's pay is, unless they are paid the captain fee (then 0). */
  hourlyPayCents: number;
  /** The charter's captain fee, on its captain's line only (0 elsewhere): then it is their whole pay. */
  captainFeeCents: number;
  /** assignmentPayCents: hourlyPayCents or captainFeeCents, never both. */
  payCents: number;
}

export interface PersonPay {
  crewId: string;
  name: string;
  lines: PayLine[];
  minutes: number;
  totalCents: number;
}

export interface Payroll {
  period: Period;
  people: PersonPay[];
  totalCents: number;
}

/** The id under which a captain fee is listed when a charter has no captain assigned. */
export const NO_CAPTAIN_ID = '(no captain assigned)';

function payLines(booking: Booking): { crewId: string; name: string; line: PayLine }[] {
  const minutes = durationMinutes(booking);
  const base = {
    bookingId: booking.id,
    slug: booking.slug,
    title: booking.title,
    date: booking.schedule.date,
    startTime: booking.schedule.startTime,
    timeZone: booking.schedule.timeZone,
    minutes,
  };
  const out = booking.crew.map((a) => {
    const byFee = paidByCaptainFee(booking, a);
    return {
      crewId: a.crewId,
      name: a.name,
      line: {
        ...base,
        role: a.role,
        hourlyRateCents: a.hourlyRateCents,
        hourlyPayCents: byFee ? 0 : hourlyPayCents(a.hourlyRateCents, minutes),
        captainFeeCents: byFee ? booking.captainFeeCents : 0,
        payCents: assignmentPayCents(booking, a),
      },
    };
  });
  // A fee with nobody in the captain's place is still owed: listed apart, so the totals keep it.
  const feeLeft = captainOf(booking) ? 0 : booking.captainFeeCents;
  if (feeLeft > 0) {
    out.push({
      crewId: NO_CAPTAIN_ID,
      name: NO_CAPTAIN_ID,
      line: {
        ...base,
        role: 'captain',
        minutes: 0,
        hourlyRateCents: 0,
        hourlyPayCents: 0,
        captainFeeCents: feeLeft,
        payCents: feeLeft,
      },
    });
  }
  return out;
}

export function buildPayroll(bookings: readonly Booking[], period: Period): Payroll {
  const people = new Map<string, PersonPay>();
  const paid = bookings
    .filter((b) => b.status !== 'cancelled' && inPeriod(b.schedule.date, period))
    .sort((a, b) =>
      `${a.schedule.date} ${a.schedule.startTime} ${a.title}`.localeCompare(
        `${b.schedule.date} ${b.schedule.startTime} ${b.title}`,
      ),
    );
  for (const booking of paid) {
    for (const { crewId, name, line } of payLines(booking)) {
      const person = people.get(crewId) ?? { crewId, name, lines: [], minutes: 0, totalCents: 0 };
      person.lines.push(line);
      person.minutes += line.minutes;
      person.totalCents += line.payCents;
      people.set(crewId, person);
    }
  }
  const list = [...people.values()].sort((a, b) => a.name.localeCompare(b.name));
  return { period, people: list, totalCents: list.reduce((sum, p) => sum + p.totalCents, 0) };
}

/** One person's own pay for the period (no lines when they worked none): what a crew member may see. */
export function payrollFor(bookings: readonly Booking[], period: Period, crewId: string): PersonPay {
  const mine = buildPayroll(
    bookings.filter((b) => b.crew.some((a) => a.crewId === crewId)),
    period,
  ).people.find((p) => p.crewId === crewId);
  return mine ?? { crewId, name: '', lines: [], minutes: 0, totalCents: 0 };
}
