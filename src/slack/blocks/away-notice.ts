/**
 * "⚠️ Crew Ben Okafor is booked while away (Dec 20–27)": the ops thread's reply when someone on a charter has
 * time off during it (issue #19). Says the days only, never the note: the note is the person's own (operators
 * see it in the crew list), and crew can be members of the ops channel.
 */
import { formatAwayRange, type Role, type TimeOff } from '../../domain';
import { ROLE_LABEL } from './format';
import { escapeMrkdwn, message, type SlackMessage, section } from './primitives';

export function renderBookedWhileAway(input: {
  name: string;
  role: Role;
  away: Pick<TimeOff, 'from' | 'to'>;
}): SlackMessage {
  const text = `:warning: ${ROLE_LABEL[input.role]} ${escapeMrkdwn(input.name)} is booked while away (${formatAwayRange(input.away)}).`;
  return message(text, [section(text)]);
}
