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
      ...threadOf(body.message),
    });
    return;
  }
  await client.views.open({ trigger_id: body.trigger_id, view: buildNoticeModal(title, answer.text) });
}

/**
 * Where an ephemeral answer goes: into a thread only when the button was on a reply in it. A root message with
 * replies carries `thread_ts` equal to its own `ts`; an answer sent there would land in the thread, where the
 * person who pressed the button in the channel does not look.
 */
export function threadOf(message: { ts?: string; thread_ts?: string } | undefined): { thread_ts?: string } {
  const thread = message?.thread_ts;
  return thread && thread !== message?.ts ? { thread_ts: thread } : {};
}

/** The button's value (booking id, or `id:revision`); empty when the action is not a button. */
export function buttonValue(body: BlockAction): string {
  const action = body.actions[0];
  return action && 'value' in action && typeof action.value === 'string' ? action.value : '';
}
