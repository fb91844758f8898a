/**
 * Answers the person who pressed a button, privately: an ephemeral message where the button was (a
 * channel), or a small modal where there is no channel (App Home). Never posts publicly.
 */
import type { AllMiddlewareArgs, BlockAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import { buildNoticeModal } from '../../blocks/booking-modal';
import type { SlackMessage } from '../../blocks/primitives';

export type ButtonArgs = SlackActionMiddlewareArgs<BlockAction> & AllMiddlewareArgs;

export async function tellUser(args: ButtonArgs, answer: SlackMessage, title = 'Charter Ops'): Promise<void> {
  const { body, client } = args;
  const channel = body.channel?.id ?? body.container?.channel_id;
  if (channel) {
    await client.chat.postEphemeral({
      channel,
      user: body.user.id,
      text: answer.text,
      blocks: answer.blocks,
      ...(body.message?.thread_ts ? { thread_ts: body.message.thread_ts } : {}),
    });
    return;
  }
  await client.views.open({ trigger_id: body.trigger_id, view: buildNoticeModal(title, answer.text) });
}

/** The button's value (booking id, or `id:revision`); empty when the action is not a button. */
export function buttonValue(body: BlockAction): string {
  const action = body.actions[0];
  return action && 'value' in action && typeof action.value === 'string' ? action.value : '';
}
