/**
 * Feedback where the button was pressed: a crew member's direct message is redrawn in place after they
 * answer ("✅ Confirmed by Ana · 2:02 PM PST · Change"), so the buttons they pressed give way to the answer
 * instead of a note appearing somewhere else. Crew-facing: renders from crewView only.
 */

import type { KnownBlock } from '@slack/types';
import type { WebClient } from '@slack/web-api';
import { isHttpUrl } from '../../../config';
import { type Booking, crewView } from '../../../domain';
import { type CrewAnswer, renderCrewDirectMessage } from '../../blocks/crew-assignment';
import type { SlackDeps } from '../../deps';
import { type JustAnswered, mineMessage } from '../../mine-message';

/** A message (not ephemeral, not a view) whose button was pressed: the one to redraw. */
export interface PressedMessage {
  channel: string;
  ts: string;
  /** The message's own first block: its intro ("You are the captain of…" or "…changed"), kept as it was. */
  intro?: KnownBlock;
}

interface PressedBody {
  container?: { type?: string; is_ephemeral?: boolean; channel_id?: string; message_ts?: string };
  channel?: { id?: string };
  message?: { ts?: string; blocks?: unknown[] };
  response_url?: string;
}

/**
 * The response_url of an ephemeral message whose button was pressed (`/charter mine`): the only way to redraw
 * it, since chat.update cannot change an ephemeral message
 * (https://docs.slack.dev/reference/methods/chat.update; "replace_original" on a response_url does:
 * https://docs.slack.dev/interactivity/handling-user-interaction#message_responses).
 */
export function pressedEphemeral(body: PressedBody): string | undefined {
  const { container } = body;
  if (container?.type !== 'message' || !container.is_ephemeral) return undefined;
  return isHttpUrl(body.response_url) ? body.response_url : undefined;
}

/**
 * Redraws the person's `/charter mine` message in place through its response_url, with the answer just given
 * where that charter's buttons were. The URL came from Slack (a signed request, or private_metadata Slack
 * keeps for the app); a response_url lasts 30 minutes and 5 uses, after which this throws and the caller
 * answers privately instead.
 */
export async function redrawMine(
  deps: Pick<SlackDeps, 'store' | 'now'>,
  responseUrl: string,
  member: { id: string; name: string },
  answered?: JustAnswered,
  fetchImpl: typeof fetch = fetch,
): Promise<void> {
  if (!isHttpUrl(responseUrl)) throw new Error('not a response_url');
  const redrawn = await mineMessage(deps, member, answered);
  const response = await fetchImpl(responseUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json; charset=utf-8' },
    body: JSON.stringify({ replace_original: true, text: redrawn.text, blocks: redrawn.blocks }),
  });
  if (!response.ok) throw new Error(`response_url answered ${response.status}`);
}

export function pressedMessage(body: PressedBody): PressedMessage | undefined {
  const { container, message } = body;
  if (container?.type !== 'message' || container.is_ephemeral) return undefined;
  const channel = body.channel?.id ?? container.channel_id;
  const ts = message?.ts ?? container.message_ts;
  if (!channel || !ts) return undefined;
  const first = message?.blocks?.[0] as KnownBlock | undefined;
  return { channel, ts, ...(first?.type === 'section' ? { intro: first } : {}) };
}

/** Redraws the direct message at `where` for this person's assignment: answered, or asking again. */
export async function redrawDirectMessage(
  client: WebClient,
  where: PressedMessage,
  booking: Booking,
  crewId: string,
  answer: CrewAnswer,
  answered?: { at: Date; reason?: string },
): Promise<void> {
  const view = crewView(booking, crewId);
  const rendered = renderCrewDirectMessage(
    {
      view,
      answer,
      ...(answered && answer !== 'waiting'
        ? { answeredAt: answered.at, ...(answered.reason ? { reason: answered.reason } : {}) }
        : {}),
    },
    'asked',
  );
  const blocks = where.intro ? [where.intro, ...rendered.blocks.slice(1)] : rendered.blocks;
  await client.chat.update({ channel: where.channel, ts: where.ts, text: rendered.text, blocks });
}

/**
 * An ops thread reply whose buttons were acted on ("Offer to Sam", "Remind again"): its buttons give way to a
 * line saying what was done and by whom, in place, so nobody presses them again. Ops channel only: the line
 * is ops wording. Returns false when there is no message to redraw (an ephemeral, a view) or it is gone.
 */
export async function settleButtons(
  client: WebClient,
  body: PressedBody & { message?: { text?: string } },
  line: string,
  /** Only this button goes (the others still make sense); by default every button does. */
  onlyActionId?: string,
): Promise<boolean> {
  const where = pressedMessage(body);
  const blocks = body.message?.blocks as KnownBlock[] | undefined;
  if (!where || !blocks || blocks.length === 0) return false;
  const kept = blocks.flatMap((block): KnownBlock[] => {
    if (block.type !== 'actions') return [block];
    if (!onlyActionId) return [];
    const elements = block.elements.filter((e) => !('action_id' in e) || e.action_id !== onlyActionId);
    return elements.length > 0 ? [{ ...block, elements }] : [];
  });
  try {
    await client.chat.update({
      channel: where.channel,
      ts: where.ts,
      text: body.message?.text ?? line,
      blocks: [...kept, { type: 'context', elements: [{ type: 'mrkdwn', text: line }] }],
    });
    return true;
  } catch {
    // The reply was deleted or cannot be edited: the person still gets the ephemeral answer.
    return false;
  }
}
