/**
 * The captain's direct message, sent by the Slack thread step: when a captain is assigned, and again when
 * they are asked again (a change of time, boat or their place; see src/domain/crew-answers.ts). Built from
 * crewView only: when, boat, meeting point, their role and own pay, the checklist, Confirm / Decline.
 *
 * Each message has a key (`dm:<crewId>:<asked revision>`) recorded on the step's result once sent, so a
 * rerun does not send it again. A crash between the post and the record can send one twice; that is the
 * lesser harm than a captain never asked. A captain with no Slack user id on the roster gets the email only.
 */
import { type Booking, type CrewMember, crewView, type HistoryEntry, lastAskedByCrew } from '../../domain';
import { renderCrewDirectMessage } from '../../slack';
import type { SlackMessage } from '../../slack/blocks/primitives';

export interface PlannedDirectMessage {
  key: string;
  userId: string;
  message: SlackMessage;
}

export function plannedCaptainMessages(
  booking: Booking,
  history: readonly HistoryEntry[],
  roster: readonly Pick<CrewMember, 'id' | 'slackUserId' | 'active'>[],
  alreadySent: ReadonlySet<string>,
): PlannedDirectMessage[] {
  if (booking.status === 'cancelled' || booking.status === 'completed') return [];
  const asked = lastAskedByCrew(booking, history);
  const slackIds = new Map(roster.filter((m) => m.active).map((m) => [m.id, m.slackUserId]));
  const planned: PlannedDirectMessage[] = [];
  for (const assignment of booking.crew) {
    if (assignment.role !== 'captain') continue;
    // The account recorded when they were assigned; older bookings without one use the roster's.
    const userId = assignment.slackUserId ?? slackIds.get(assignment.crewId);
    if (!userId) continue;
    const revision = asked.get(assignment.crewId)?.revision ?? 1;
    const key = `dm:${assignment.crewId}:${revision}`;
    if (alreadySent.has(key)) continue;
    const view = crewView(booking, assignment.crewId);
    planned.push({
      key,
      userId,
      message: renderCrewDirectMessage({ view, answer: 'waiting' }, revision > 1 ? 'asked-again' : 'asked'),
    });
  }
  return planned;
}
