/** A short ephemeral answer (refusals, errors, confirmations of small actions). Ops-only. */
import { context, message, type SlackMessage, section } from './primitives';

export function renderNotice(text: string, hint?: string): SlackMessage {
  return message(text, [section(text), ...(hint ? [context([hint])] : [])]);
}
