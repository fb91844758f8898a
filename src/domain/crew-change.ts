/**
 * A change to who is on board, as data: the crew before and after, each person by crew id, name and role.
 * The history stores it this way so that the rules reading it (who was asked again, who joined, left or
 * changed role) compare people, never words; the text a person reads ("Dana Lee (crew) joined") is made
 * from it when it is shown. Pure.
 *
 * Ops-only like the rest of the history: it is never rendered for crew or guests (no rates are in it, but the
 * lines it makes sit beside prices).
 */
import type { Booking, CrewAssignment, Role } from './booking';

/** One person on the crew as a history change lists them. */
export interface CrewListed {
  /**
   * Who they are. Absent only on changes written before history recorded crew ids (stored history version 1,
   * upgraded on read): those people are known by name.
   */
  crewId?: string;
  name: string;
  role: Role;
}

/** The crew before and after a change, each sorted by name (crewListOf). */
export interface CrewChange {
  field: 'crew';
  before: CrewListed[];
  after: CrewListed[];
}

/** What a crew change did, person by person. */
export interface CrewMoves {
  joined: CrewListed[];
  left: CrewListed[];
  /** On board before and after in another role; `member` as they are after. */
  roleChanged: { member: CrewListed; fromRole: Role }[];
  /** The same person (same crew id) under another name, same role. */
  renamed: { member: CrewListed; fromName: string }[];
}

function byNameThenRole(a: CrewListed, b: CrewListed): number {
  const key = (m: CrewListed) => `${m.name}\u0000${m.role}\u0000${m.crewId ?? ''}`;
  const [x, y] = [key(a), key(b)];
  return x < y ? -1 : x > y ? 1 : 0;
}

/** The booking's crew as the history lists it: id, name and role (no rates), sorted by name. */
export function crewListOf(booking: Pick<Booking, 'crew'>): CrewListed[] {
  return booking.crew.map(({ crewId, name, role }) => ({ crewId, name, role })).sort(byNameThenRole);
}

/** Whether two lists hold the same people in the same roles under the same names (order aside). */
export function sameCrewList(a: readonly CrewListed[], b: readonly CrewListed[]): boolean {
  const canonical = (list: readonly CrewListed[]) =>
    JSON.stringify([...list].sort(byNameThenRole).map((m) => [m.crewId ?? null, m.name, m.role]));
  return canonical(a) === canonical(b);
}

/**
 * Whether `listed` is `person`: by crew id when both have one, by name for people listed before history
 * recorded ids.
 */
export function isSamePerson(
  listed: Pick<CrewListed, 'crewId' | 'name'>,
  person: Pick<CrewListed, 'crewId' | 'name'>,
): boolean {
  return listed.crewId !== undefined && person.crewId !== undefined
    ? listed.crewId === person.crewId
    : listed.name === person.name;
}

/** Who joined, who left, whose role or name changed. */
export function crewMoves(change: Pick<CrewChange, 'before' | 'after'>): CrewMoves {
  const moves: CrewMoves = { joined: [], left: [], roleChanged: [], renamed: [] };
  const unmatched = [...change.before];
  for (const member of change.after) {
    const index = unmatched.findIndex((earlier) => isSamePerson(earlier, member));
    const earlier = index >= 0 ? unmatched.splice(index, 1)[0] : undefined;
    if (!earlier) moves.joined.push(member);
    else if (earlier.role !== member.role) moves.roleChanged.push({ member, fromRole: earlier.role });
    else if (earlier.name !== member.name) moves.renamed.push({ member, fromName: earlier.name });
  }
  moves.left = unmatched;
  return moves;
}

/**
 * Whether this change asks `person` (in their role now) to confirm again: they joined, came back, or
 * changed role. A rename or someone else's move does not.
 */
export function asksAgain(
  change: Pick<CrewChange, 'before' | 'after'>,
  person: Pick<CrewAssignment, 'crewId' | 'name' | 'role'>,
): boolean {
  const after = change.after.find((m) => isSamePerson(m, person));
  if (!after || after.role !== person.role) return false;
  const before = change.before.find((m) => isSamePerson(m, person));
  return !before || before.role !== after.role;
}

/** "Ana Ruiz (captain)". */
export function describeCrewMember(member: Pick<CrewListed, 'name' | 'role'>): string {
  return `${member.name} (${member.role})`;
}

/** "Ana Ruiz (captain), Ben Okafor (crew)", or "nobody". For showing only: never parsed back. */
export function describeCrewList(list: readonly CrewListed[]): string {
  return list.map(describeCrewMember).sort().join(', ') || 'nobody';
}
