/**
 * The change history in the words the ops thread and `/charter history` use: "date moved Sat, Dec 5 → Sun,
 * Dec 6; time moved 2:00 PM–5:00 PM → 3:00 PM–6:00 PM; crew re-notified". Pure. Ops-only, like the history
 * itself: lines may name prices, rates, guest contact details and internal notes, so they must never be
 * rendered for crew or guests.
 */
import { type CrewChange, crewMoves, describeCrewList, describeCrewMember } from './crew-change';
import {
  type FieldChange,
  type HistoryEntry,
  isCrewChange,
  needsCrewReconfirmation,
  type ValueChange,
  WHEN_FIELDS,
} from './history';
import { formatCalendarDate, formatClock } from './time';

const MOVED: ReadonlySet<string> = new Set(WHEN_FIELDS);

/** "16:00–19:00" as every other time is shown: "4:00 PM–7:00 PM". */
function clockRange(range: string): string {
  return range.replace(/\b(?:[01]?\d|2[0-3]):[0-5]\d\b/g, (hhmm) => formatClock(hhmm));
}

/**
 * "2026-12-05 → 2026-12-06" as days are shown elsewhere in Slack: "Sat, Dec 5 → Sun, Dec 6", with the years
 * when they differ ("Thu, Dec 31, 2026 → Fri, Jan 1, 2027").
 */
function dateMove(from: string, to: string): string {
  const year = from.slice(0, 4) !== to.slice(0, 4);
  return `${formatCalendarDate(from, { year })} → ${formatCalendarDate(to, { year })}`;
}

/**
 * Who joined, left or changed role: "crew: Dana Lee (crew) joined, Ben Okafor (crew) left, Cleo Park now
 * hostess (was crew)". Made from the change's data each time it is shown.
 */
function crewPhrase(change: CrewChange): string {
  const { joined, left, roleChanged, renamed } = crewMoves(change);
  const moves = [
    ...joined.map((m) => `${describeCrewMember(m)} joined`),
    ...left.map((m) => `${describeCrewMember(m)} left`),
    ...roleChanged.map(({ member, fromRole }) => `${member.name} now ${member.role} (was ${fromRole})`),
    ...renamed.map(({ member, fromName }) => `${fromName} now listed as ${member.name}`),
  ];
  return moves.length > 0
    ? `crew: ${moves.join(', ')}`
    : `crew ${describeCrewList(change.before)} → ${describeCrewList(change.after)}`;
}

function valuePhrase(change: ValueChange): string {
  const from = change.from || '—';
  const to = change.to || '—';
  if (change.field === 'time') return `time moved ${clockRange(from)} → ${clockRange(to)}`;
  if (change.field === 'date') return `date moved ${dateMove(from, to)}`;
  if (MOVED.has(change.field)) return `${change.field} moved ${from} → ${to}`;
  return `${change.field} ${from} → ${to}`;
}

/**
 * One change as a phrase: "time moved 4:00 PM–7:00 PM → 5:00 PM–8:00 PM", "date moved Sat, Dec 5 → Sun,
 * Dec 6", "crew: Dana Lee (crew) joined".
 */
export function describeChange(change: FieldChange): string {
  return isCrewChange(change) ? crewPhrase(change) : valuePhrase(change);
}

/**
 * Fields whose values are for operators only: money, internal notes and the guest's contact details. A
 * channel is read by whoever is in it, so there these changes are named without their values ("price changed").
 */
export const OPERATOR_ONLY_FIELDS: ReadonlySet<string> = new Set([
  'guest',
  'price',
  'deposit',
  'captain fee',
  'port costs',
  'crew rates',
  'internal notes',
]);

/** One change as a channel may show it: what changed, and for money and internal notes not the values. */
export function describeChangeForChannel(change: FieldChange): string {
  return OPERATOR_ONLY_FIELDS.has(change.field) ? `${change.field} changed` : describeChange(change);
}

/** Whether the crew were told and asked again because of these changes. */
export function crewRenotified(changes: readonly FieldChange[]): boolean {
  return needsCrewReconfirmation(changes);
}

/**
 * One entry as a line, without the actor: "time moved 2:00 PM–5:00 PM → 3:00 PM–6:00 PM; crew re-notified". The
 * caller says who (a Slack mention) in its own markup.
 */
export function describeChanges(changes: readonly FieldChange[]): string {
  if (changes.length === 0) return 'no visible change';
  const text = changes.map(describeChange).join('; ');
  return crewRenotified(changes) ? `${text}; crew re-notified` : text;
}

/** A history entry's kind in a few words, for entries that carry no field changes. */
export function describeEntry(entry: Pick<HistoryEntry, 'kind' | 'changes'>): string {
  if (entry.kind === 'created') return 'created';
  if (entry.changes.length > 0) return describeChanges(entry.changes);
  if (entry.kind === 'cancelled') return 'cancelled';
  return 'asked the pipeline to run again';
}
