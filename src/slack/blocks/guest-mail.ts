/**
 * The ops thread's line for each guest email ("Guest emailed: confirmation"). Ops channel only; names the
 * kind of email and never its content, the guest's address or anything about money.
 */
import { GUEST_MAIL_LABEL, type GuestMailKind } from '../../domain';
import { escapeMrkdwn, message, type SlackMessage, section, truncate } from './primitives';

export function renderGuestMailed(input: {
  kind: GuestMailKind;
  state: 'sent' | 'rejected';
  reason?: string;
}): SlackMessage {
  const what = GUEST_MAIL_LABEL[input.kind];
  const text =
    input.state === 'sent'
      ? `:email: Guest emailed: ${what}`
      : `:warning: Guest email not delivered: ${what}${input.reason ? ` — ${escapeMrkdwn(truncate(input.reason, 300))}` : ''}`;
  return message(text, [section(text)]);
}
