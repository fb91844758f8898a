/**
 * Change history: what changed between two revisions of a booking, field by field. Values are kept as the
 * text a person reads ("16:00–19:00"), except the crew, kept as data (crew-change.ts) because rules read it;
 * history-lines.ts turns changes into the thread's words. Internal (ops only): it may name prices and notes,
 * so it must never be rendered for crew or guests.
 */
import type { Booking } from './booking';
import { type CrewChange, crewListOf, describeCrewList, sameCrewList } from './crew-change';
import { formatCents } from './money';

/** A change to a value kept as text: `{ field: 'time', from: '16:00–19:00', to: '17:00–20:00' }`. */
export interface ValueChange {
  field: string;
  from: string;
  to: string;
}

/** One field's change: a value, or the crew as data (tell them apart with isCrewChange). */
export type FieldChange = ValueChange | CrewChange;

export function isCrewChange(change: FieldChange): change is CrewChange {
  return 'before' in change;
}

/** The change's values as text, for showing: the crew as "Ana Ruiz (captain), Ben Okafor (crew)". */
export function changeText(change: FieldChange): { from: string; to: string } {
  return isCrewChange(change)
    ? { from: describeCrewList(change.before), to: describeCrewList(change.after) }
    : { from: change.from, to: change.to };
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

/** How one field changed between two revisions, if it did. */
type Differ = (before: Booking, after: Booking) => FieldChange | undefined;

/** A field compared by how its value is shown. */
function shownAs(field: Exclude<TrackedField, 'crew'>, describe: Describer): Differ {
  return (before, after) => {
    const from = describe(before);
    const to = describe(after);
    return from !== to ? { field, from, to } : undefined;
  };
}

/** The crew, compared and kept as data: who, by crew id, name and role. */
const crewOf: Differ = (before, after) => {
  const [crewBefore, crewAfter] = [crewListOf(before), crewListOf(after)];
  return sameCrewList(crewBefore, crewAfter)
    ? undefined
    : { field: 'crew', before: crewBefore, after: crewAfter };
};

/** The fields a person cares about, in the order the history lists them. */
const TRACKED: readonly Differ[] = [
  shownAs('title', (b) => b.title),
  shownAs('date', (b) => b.schedule.date),
  shownAs('time', (b) => `${b.schedule.startTime}–${b.schedule.endTime}`),
  shownAs('time zone', (b) => b.schedule.timeZone),
  shownAs('boat', (b) => b.boat.name),
  shownAs('page address', (b) => b.slug),
  shownAs('meeting point', (b) => b.meetingPoint),
  shownAs('guest', (b) => `${b.guest.name} <${b.guest.email}>`),
  shownAs('party size', (b) => String(b.guest.partySize)),
  crewOf,
  shownAs('crew rates', (b) => b.crew.map((a) => `${a.name} ${formatCents(a.hourlyRateCents)}/h`).join(', ')),
  shownAs('price', (b) => formatCents(b.priceCents)),
  shownAs('deposit', (b) => formatCents(b.depositCents)),
  shownAs('captain fee', (b) => formatCents(b.captainFeeCents)),
  shownAs('port costs', (b) => formatCents(b.portCostsCents)),
  shownAs('guest notes', (b) => b.guestNotes),
  shownAs('guest email', (b) => (b.guestMail === false ? 'off' : 'on')),
  shownAs('internal notes', (b) => b.internalNotes),
  shownAs('status', (b) => b.status),
];

export function diffBookings(before: Booking, after: Booking): FieldChange[] {
  return TRACKED.flatMap((differ) => differ(before, after) ?? []);
}

/** Changes that mean the crew must be asked again: when or with whom they sail. */
export function needsCrewReconfirmation(changes: readonly FieldChange[]): boolean {
  return changes.some((c) => isWhenOrBoatChange(c) || isCrewChange(c));
}

export function summariseChanges(changes: readonly FieldChange[]): string {
  return changes
    .map((c) => {
      const { from, to } = changeText(c);
      return `${c.field} ${from || '—'} → ${to || '—'}`;
    })
    .join('; ');
}
