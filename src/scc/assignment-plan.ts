/**
 * Who is owed which email after an event is created, changed or cancelled. Pure: given the event before
 * and after and each person's assignment state, it returns the states that change. Every state that owes an
 * email gets a new version, so its links replace all earlier ones and its email is sent once per version.
 *
 *   added (or re-added)                 → invite
 *   on both, time/boat/meeting point or
 *   their own role or rate changed      → update (invite if nothing ever reached them)
 *   on both, new email address          → invite at the new address
 *   removed                             → "no longer on this charter" (nothing if nothing ever reached them)
 *   event cancelled                     → cancellation (likewise)
 */
import { formatCents } from '../domain';
import type { SccCrewAssignment, SccEvent } from './contract';
import { formatTimeRange } from './crew-presenter';
import { roleLabel, type SccAssignmentState } from './event-schema';

/** True when some email about this event already reached (or is on its way to) the person. */
export type WasNotified = (crewId: string) => boolean;

export function planAssignments(
  before: SccEvent | undefined,
  after: SccEvent,
  current: ReadonlyMap<string, SccAssignmentState>,
  wasNotified: WasNotified,
): SccAssignmentState[] {
  if (after.status === 'cancelled') return planCancellation(current, wasNotified);
  const changed: SccAssignmentState[] = [];
  const shared = before ? sharedChanges(before, after) : [];
  for (const assignment of after.crew_assignments) {
    const state = current.get(assignment.crewId);
    if (!state) {
      changed.push(fresh(assignment, 1));
      continue;
    }
    if (!state.active) {
      changed.push(fresh(assignment, state.version + 1));
      continue;
    }
    if (state.assignment.email !== assignment.email) {
      changed.push(fresh(assignment, state.version + 1));
      continue;
    }
    const changes = [...shared, ...personalChanges(state.assignment, assignment)];
    if (changes.length > 0) {
      changed.push({
        crewId: assignment.crewId,
        version: state.version + 1,
        active: true,
        notice: wasNotified(assignment.crewId) ? 'update' : 'invite',
        changes,
        assignment,
      });
    } else if (state.assignment.name !== assignment.name) {
      // No email owed, but the stored copy must follow.
      changed.push({ ...state, assignment });
    }
  }
  const staying = new Set(after.crew_assignments.map((a) => a.crewId));
  for (const state of current.values()) {
    if (!state.active || staying.has(state.crewId)) continue;
    changed.push({
      ...state,
      version: state.version + 1,
      active: false,
      notice: wasNotified(state.crewId) ? 'removed' : 'none',
      changes: [],
    });
  }
  return changed;
}

function planCancellation(
  current: ReadonlyMap<string, SccAssignmentState>,
  wasNotified: WasNotified,
): SccAssignmentState[] {
  return [...current.values()]
    .filter((state) => state.active)
    .map((state) => ({
      ...state,
      version: state.version + 1,
      notice: wasNotified(state.crewId) ? 'cancelled' : 'none',
      changes: [],
    }));
}

function fresh(assignment: SccCrewAssignment, version: number): SccAssignmentState {
  return { crewId: assignment.crewId, version, active: true, notice: 'invite', changes: [], assignment };
}

/** Sentences about what changed for everyone on board. */
export function sharedChanges(before: SccEvent, after: SccEvent): string[] {
  const changes: string[] = [];
  const b = before.schedule;
  const a = after.schedule;
  if (b.startsAt !== a.startsAt || b.endsAt !== a.endsAt || b.timeZone !== a.timeZone) {
    changes.push(`New time: ${when(a)} (was ${when(b)})`);
  }
  if (before.boat.id !== after.boat.id || before.boat.name !== after.boat.name) {
    changes.push(`New boat: ${after.boat.name} (was ${before.boat.name})`);
  }
  if (before.meetingPoint !== after.meetingPoint) {
    changes.push(`New meeting point: ${after.meetingPoint} (was ${before.meetingPoint})`);
  }
  return changes;
}

/** Sentences about what changed for this person only: their role and their own rate. */
export function personalChanges(before: SccCrewAssignment, after: SccCrewAssignment): string[] {
  const changes: string[] = [];
  if (before.role !== after.role) {
    changes.push(`Your role is now ${roleLabel(after.role)} (was ${roleLabel(before.role)})`);
  }
  if (before.hourly_rate !== after.hourly_rate) {
    changes.push(
      `Your rate is now ${formatCents(after.hourly_rate)}/hour (was ${formatCents(before.hourly_rate)}/hour)`,
    );
  }
  if (before.captain_fee !== after.captain_fee) {
    const fee = (cents: number | undefined) =>
      cents === undefined ? 'none: paid by the hour' : formatCents(cents);
    changes.push(`Your captain fee is now ${fee(after.captain_fee)} (was ${fee(before.captain_fee)})`);
  }
  return changes;
}

function when(schedule: SccEvent['schedule']): string {
  const start = new Date(schedule.startsAt);
  const date = new Intl.DateTimeFormat('en-US', {
    timeZone: schedule.timeZone,
    weekday: 'long',
    month: 'long',
    day: 'numeric',
  }).format(start);
  return `${date}, ${formatTimeRange(start, new Date(schedule.endsAt), schedule.timeZone)}`;
}
