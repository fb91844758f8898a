/** `/charter cancel <slug>`: the ephemeral question, and what replaces it once answered. Ops-only. */
import type { OpsView } from '../../domain';
import { ACTION } from '../ids';
import { charterLabel, charterWhen } from './format';
import {
  actions,
  button,
  confirmDialog,
  escapeMrkdwn,
  message,
  type SlackMessage,
  section,
} from './primitives';

/** Button value: the booking id and the revision the person saw, so a later change is not cancelled blind. */
export function cancelValue(view: Pick<OpsView, 'id' | 'revision'>): string {
  return `${view.id}:${view.revision}`;
}

export function parseCancelValue(value: string): { bookingId: string; revision: number | undefined } {
  const at = value.lastIndexOf(':');
  if (at === -1) return { bookingId: value, revision: undefined };
  const revision = Number(value.slice(at + 1));
  return { bookingId: value.slice(0, at), revision: Number.isInteger(revision) ? revision : undefined };
}

export function renderCancelPrompt(view: OpsView): SlackMessage {
  const text = `Cancel ${charterLabel(view)}?\n${charterWhen(view)} · ${escapeMrkdwn(view.boat.name)} · ${escapeMrkdwn(view.guest.name)}\nThe guest page comes down and the crew are told.`;
  return message(`Cancel ${escapeMrkdwn(view.title)}?`, [
    section(text),
    actions([
      button('Yes, cancel it', ACTION.confirmCancel, cancelValue(view), {
        style: 'danger',
        confirm: confirmDialog(
          'Cancel this charter?',
          `This cannot be undone.`,
          'Cancel charter',
          'Keep it',
          'danger',
        ),
      }),
      button('Keep it', ACTION.keepCharter, view.id),
    ]),
  ]);
}
