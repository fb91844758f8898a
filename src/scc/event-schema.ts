/**
 * What SCC keeps about each person on an event beyond the wire: their assignment state, which signs their
 * links and says which email they are owed. The event itself, as callers send and read it, is SCC's wire
 * contract (contract.ts); it is re-exported here, unchanged, for modules and tests that name it from here.
 */
import type { Role } from '../domain';
import type { SccCrewAssignment } from './contract';

export {
  EVENT_STATUSES,
  type SccCrewAssignment,
  SccCrewAssignmentSchema,
  type SccEvent,
  type SccEventInput,
  SccEventInputSchema,
  type SccEventStatus,
  SccScheduleSchema,
} from './contract';

/** What a crew member is owed for their current assignment version. */
export type NoticeKind = 'invite' | 'update' | 'removed' | 'cancelled' | 'none';

/**
 * One person's place on an event, kept even after removal: `version` signs their links (bumping it revokes
 * every older link) and each version owes at most one email, of kind `notice`.
 */
export interface SccAssignmentState {
  crewId: string;
  version: number;
  active: boolean;
  notice: NoticeKind;
  /** Sentences for an update email ("The start time moved to …"). */
  changes: string[];
  /** Snapshot for emailing someone no longer on the event. */
  assignment: SccCrewAssignment;
}

export function roleLabel(role: Role): string {
  return { captain: 'Captain', crew: 'Crew', hostess: 'Hostess' }[role];
}
