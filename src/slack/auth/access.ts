/**
 * Who is asking: an operator (SLACK_OPERATORS), a roster member (captain, crew, hostess, by Slack user id),
 * both, or neither. Worked out once per request by the global middleware and handed to listeners as
 * `context.access`, so no listener decides roles on its own.
 */
import type { CrewMember } from '../../domain';

export interface Access {
  userId: string;
  operator: boolean;
  /** The active roster member with this Slack user id, if any. */
  member?: CrewMember;
}

/** The access the middleware put on Bolt's context; a listener reached without one is a wiring bug. */
export function accessOf(context: Record<string, unknown>): Access {
  const access = context.access as Access | undefined;
  if (!access) throw new Error('No access on the context: the authorization middleware did not run.');
  return access;
}
