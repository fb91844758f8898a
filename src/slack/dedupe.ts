/**
 * At most once for Slack's deliveries: a global middleware that claims each event id and each button
 * click (action_ts) in DynamoDB (store.claimOnce, TTL longer than Slack's retry window) and drops repeats,
 * acknowledging them so Slack stops retrying. View submissions are deduped in their listener, where the
 * answer to a repeat can still be useful (the same "created" view). Never drops a delivery it cannot
 * identify: those pass through.
 */
import { createHash } from 'node:crypto';
import type { AnyMiddlewareArgs, Middleware } from '@slack/bolt';
import type { Logger } from '../logging';
import { DELIVERY_TTL_SECONDS, type SlackStore } from './deps';

interface DeliveryBody {
  type?: string;
  event_id?: string;
  actions?: { action_id?: string; action_ts?: string }[];
  user?: { id?: string };
  view?: { id?: string };
  container?: { message_ts?: string; view_id?: string };
}

/** The once-only key of a delivery, or undefined when it has no stable id. */
export function deliveryKey(body: DeliveryBody): string | undefined {
  if (body.type === 'event_callback' && body.event_id) return `slack:event:${body.event_id}`;
  if (body.type === 'block_actions') {
    const action = body.actions?.[0];
    if (!action?.action_ts) return undefined;
    const where = body.container?.message_ts ?? body.container?.view_id ?? body.view?.id ?? '';
    return `slack:action:${action.action_ts}:${body.user?.id ?? ''}:${where}:${action.action_id ?? ''}`;
  }
  return undefined;
}

/** A short digest of a view's submitted state: the same form submitted twice has the same digest. */
export function stateDigest(values: unknown): string {
  return createHash('sha256')
    .update(JSON.stringify(values ?? {}))
    .digest('hex')
    .slice(0, 32);
}

export function dedupeDeliveries(
  store: Pick<SlackStore, 'claimOnce'>,
  logger: Logger,
): Middleware<AnyMiddlewareArgs> {
  return async (args) => {
    const { body, next } = args;
    const key = deliveryKey(body as DeliveryBody);
    if (!key) return next();
    const first = await store.claimOnce(key, DELIVERY_TTL_SECONDS);
    if (first) return next();
    logger.info('duplicate Slack delivery dropped', { key, retryNum: args.context.retryNum });
    // Events are acknowledged by Bolt before middleware runs; actions need it here.
    if ('ack' in args && typeof args.ack === 'function' && (body as DeliveryBody).type !== 'event_callback') {
      await (args.ack as () => Promise<void>)();
    }
  };
}
