/**
 * Change history: what changed between two revisions of a booking, field by field, in words a person reads
 * in the ops thread ("time moved 14:00 → 15:00"). Internal (ops only): it may name prices and notes, so it
 * must never be rendered for crew or guests.
 */
import type { Booking } from './booking';
import { formatCents } from './money';

export interface FieldChange {
  field: string;
  from: string;
  to: string;
}

export interface HistoryEntry {
  bookingId: string;
  revision: number;
  at: string;
  actor: string;
  kind: 'created' | 'updated' | 'status' | 'cancelled';
  changes: FieldChange[];
}

type Describer = (b: Booking) => string;

const crewList: Describer = (b) =>
  b.crew
    .map((a) => `${a.name} (${a.role})`)
    .sort()
    .join(', ') || 'nobody';

/** A field the history tracks, by the name it is stored under. */
export type TrackedField =
  | 'title'
  | 'date'
  | 'time'
  | 'time zone'
  | 'boat'
  | 'page address'
  | 'meeting point'
  | 'guest'
  | 'party size'
  | 'crew'
  | 'crew rates'
  | 'price'
  | 'deposit'
  | 'captain fee'
  | 'port costs'
  | 'guest notes'
  | 'guest email'
  | 'internal notes'
  | 'status';

/** When the charter sails: a change to one of these "moves" it. */
export const WHEN_FIELDS = ['date', 'time', 'time zone'] as const satisfies readonly TrackedField[];

/**
 * When or on what the crew sail. After a change to one of these everyone on board is asked to confirm again,
 * the captain included: the one list the reconciler, the crew answers and the history lines follow.
 */
export const WHEN_OR_BOAT_FIELDS = [...WHEN_FIELDS, 'boat'] as const satisfies readonly TrackedField[];

/** Whether a change is to when or on what the crew sail (WHEN_OR_BOAT_FIELDS). */
export function isWhenOrBoatChange(change: Pick<FieldChange, 'field'>): boolean {
  return (WHEN_OR_BOAT_FIELDS as readonly string[]).includes(change.field);
}

/** The fields a person cares about, each with how to show its value. */
const TRACKED: ReadonlyArray<[TrackedField, Describer]> = [
  ['title', (b) => b.title],
  ['date', (b) => b.schedule.date],
  ['time', (b) => `${b.schedule.startTime}–${b.schedule.endTime}`],
  ['time zone', (b) => b.schedule.timeZone],
  ['boat', (b) => b.boat.name],
  ['page address', (b) => b.slug],
  ['meeting point', (b) => b.meetingPoint],
  ['guest', (b) => `${b.guest.name} <${b.guest.email}>`],
  ['party size', (b) => String(b.guest.partySize)],
  ['crew', crewList],
  ['crew rates', (b) => b.crew.map((a) => `${a.name} ${formatCents(a.hourlyRateCents)}/h`).join(', ')],
  ['price', (b) => formatCents(b.priceCents)],
  ['deposit', (b) => formatCents(b.depositCents)],
  ['captain fee', (b) => formatCents(b.captainFeeCents)],
  ['port costs', (b) => formatCents(b.portCostsCents)],
  ['guest notes', (b) => b.guestNotes],
  ['guest email', (b) => (b.guestMail === false ? 'off' : 'on')],
  ['internal notes', (b) => b.internalNotes],
  ['status', (b) => b.status],
];

export function diffBookings(before: Booking, after: Booking): FieldChange[] {
  const changes: FieldChange[] = [];
  for (const [field, describe] of TRACKED) {
    const from = describe(before);
    const to = describe(after);
    if (from !== to) changes.push({ field, from, to });
  }
  return changes;
}

/** Changes that mean the crew must be asked again: when or with whom they sail. */
export function needsCrewReconfirmation(changes: readonly FieldChange[]): boolean {
  return changes.some((c) => isWhenOrBoatChange(c) || c.field === 'crew');
}

export function summariseChanges(changes: readonly FieldChange[]): string {
  return changes.map((c) => `${c.field} ${c.from || '—'} → ${c.to || '—'}`).join('; ');
}
