/**
 * Which crew answers still count. A person is asked again when they are (re)added to a charter, when their
 * role on it changes, or when its date, time, time zone or boat changes; an answer given about an earlier
 * revision than that no longer counts, so the crew board shows them as waiting again and their answer
 * deadline starts over. Pure: derived from the booking's change history, nothing stored.
 */
import type { Booking, CrewAssignment } from './booking';
import type { Confirmation } from './crew';
import { asksAgain } from './crew-change';
import { type HistoryEntry, isCrewChange, isWhenOrBoatChange } from './history';

export interface Asked {
  /** The revision whose answer counts: answers about an earlier one are stale. */
  revision: number;
  /** When that revision was written: the person's answer deadline counts from here. */
  at: string;
}

/** When `assignment`'s person was last asked to confirm this charter. */
export function lastAsked(
  booking: Pick<Booking, 'createdAt'>,
  assignment: Pick<CrewAssignment, 'crewId' | 'name' | 'role'>,
  history: readonly HistoryEntry[],
): Asked {
  let asked: Asked = { revision: 1, at: booking.createdAt };
  for (const entry of history) {
    if (entry.revision < asked.revision) continue;
    const reasked = entry.changes.some((change) => {
      if (isWhenOrBoatChange(change)) return true;
      // Joined (or came back, or changed role) in the role they hold now.
      return isCrewChange(change) && asksAgain(change, assignment);
    });
    if (entry.revision === 1 || reasked) asked = { revision: entry.revision, at: entry.at };
  }
  return asked;
}

/** Each assigned person's last ask, by crew id. */
export function lastAskedByCrew(
  booking: Pick<Booking, 'createdAt' | 'crew'>,
  history: readonly HistoryEntry[],
): Map<string, Asked> {
  return new Map(booking.crew.map((a) => [a.crewId, lastAsked(booking, a, history)]));
}

/**
 * The latest answer of each person on the booking that still counts (given about the revision they were
 * last asked at, or a later one). People with no counting answer are absent.
 */
export function countingAnswers(
  booking: Pick<Booking, 'createdAt' | 'crew'>,
  confirmations: readonly Confirmation[],
  history: readonly HistoryEntry[],
): Map<string, Confirmation> {
  const asked = lastAskedByCrew(booking, history);
  const latest = latestPerPerson(confirmations);
  const counting = new Map<string, Confirmation>();
  for (const [crewId, answer] of latest) {
    const since = asked.get(crewId);
    if (since && answer.revision >= since.revision) counting.set(crewId, answer);
  }
  return counting;
}

/** The latest answer per person, whoever they are (removed people included). */
export function latestPerPerson(confirmations: readonly Confirmation[]): Map<string, Confirmation> {
  const latest = new Map<string, Confirmation>();
  for (const answer of confirmations) {
    const seen = latest.get(answer.crewId);
    if (!seen || seen.at <= answer.at) latest.set(answer.crewId, answer);
  }
  return latest;
}

/** Everyone whose latest answer on this charter is a decline: never offered its place again. */
export function declinedOnBooking(confirmations: readonly Confirmation[]): Set<string> {
  return new Set(
    [...latestPerPerson(confirmations).values()].filter((a) => a.answer === 'declined').map((a) => a.crewId),
  );
}

/**
 * Who is not on board: the people assigned to the charter whose latest answer is a decline (sorted ids).
 * The one rule every "who is on board" list follows (guest page, calendar entry, crew page, roster email):
 * a decline takes the person off it at once, a replacement is on it as soon as they are assigned, and a
 * person who declined and then confirmed is back on it.
 */
export function declinedCrew(
  crew: readonly { readonly crewId: string }[],
  confirmations: readonly Confirmation[],
): string[] {
  const declined = declinedOnBooking(confirmations);
  return [...new Set(crew.map((a) => a.crewId))].filter((id) => declined.has(id)).sort();
}
