/**
 * The one global middleware deciding who may use what, before any listener runs (rules.ts is the table).
 * It names the request (subcommand, action_id, callback_id, event type), works out the person's access,
 * and either hands over to the listeners with `context.access` set, or refuses: a short private sentence
 * ("Only operators can edit charters — ask in #charter-ops"), no modal, nothing written, nothing of any
 * charter shown. A request with no rule is refused (default deny). Refusals are logged with the user and the
 * action, never the payload (it can carry a whole booking form).
 */
import type { AnyMiddlewareArgs, Middleware } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import type { Logger } from '../../logging';
import { buildNoticeModal } from '../blocks/booking-modal';
import { renderNotice } from '../blocks/notice';
import type { SlackStore } from '../deps';
import { subcommandOf } from '../listeners/commands/subcommand';
import type { Access } from './access';
import type { OperatorDirectory } from './operators';
import { ACTION_RULES, COMMAND_RULES, EVENT_RULES, type Rule, VIEW_RULES } from './rules';

/** What a request is, in the table's terms. */
export interface RequestName {
  kind: 'command' | 'action' | 'view' | 'event' | 'other';
  /** Subcommand, action_id, callback_id or event type. */
  name: string;
}

export function nameRequest(body: Record<string, unknown>): RequestName {
  if (typeof body.command === 'string') {
    return { kind: 'command', name: subcommandOf(typeof body.text === 'string' ? body.text : '') };
  }
  const type = body.type;
  if (type === 'block_actions') {
    const actions = Array.isArray(body.actions) ? (body.actions as { action_id?: unknown }[]) : [];
    // Slack sends one action per block_actions payload; more than one is not a payload Slack makes.
    const id = actions.length === 1 ? actions[0]?.action_id : undefined;
    return { kind: 'action', name: typeof id === 'string' ? id : '' };
  }
  if (type === 'view_submission' || type === 'view_closed') {
    const view = body.view as { callback_id?: unknown } | undefined;
    return { kind: 'view', name: typeof view?.callback_id === 'string' ? view.callback_id : '' };
  }
  if (type === 'event_callback') {
    const event = body.event as { type?: unknown } | undefined;
    return { kind: 'event', name: typeof event?.type === 'string' ? event.type : '' };
  }
  return { kind: 'other', name: typeof type === 'string' ? type : '' };
}

export function ruleFor(request: RequestName): Rule | undefined {
  const table =
    request.kind === 'command'
      ? COMMAND_RULES
      : request.kind === 'action'
        ? ACTION_RULES
        : request.kind === 'view'
          ? VIEW_RULES
          : request.kind === 'event'
            ? EVENT_RULES
            : {};
  return Object.hasOwn(table, request.name) ? table[request.name] : undefined;
}

export function allows(rule: Rule | undefined, access: Access): boolean {
  if (!rule) return false;
  if (rule.who === 'anyone') return true;
  if (rule.who === 'operator') return access.operator;
  return access.operator || access.member !== undefined;
}

/** The sentence a refused person reads. */
export function refusalText(rule: Rule | undefined, opsChannel: string): string {
  const where = /^[CG][A-Z0-9]+$/.test(opsChannel) ? `<#${opsChannel}>` : 'the ops channel';
  if (!rule) return `:raised_hand: That is not something Charter Ops does for you — ask in ${where}.`;
  const who = rule.who === 'operator' ? 'operators' : 'people on the crew roster';
  return `:raised_hand: Only ${who} can ${rule.what} — ask in ${where}.`;
}

export interface AuthorizeDeps {
  store: Pick<SlackStore, 'listCrew'>;
  operators: OperatorDirectory;
  opsChannel: string;
  logger: Logger;
}

export function authorizeRequests(deps: AuthorizeDeps): Middleware<AnyMiddlewareArgs> {
  return async (args) => {
    const { body, context, next } = args;
    const raw = body as unknown as Record<string, unknown>;
    const request = nameRequest(raw);
    const rule = ruleFor(request);
    const userId = typeof context.userId === 'string' ? context.userId : '';
    const client = (args as unknown as { client: WebClient }).client;
    const access = await accessFor(userId, rule, deps, client);
    if (userId && allows(rule, access)) {
      context.access = access;
      await next();
      return;
    }
    deps.logger.warn('Slack request refused by the authorization table', {
      user: userId || 'unknown',
      kind: request.kind,
      action: request.name.slice(0, 80),
      rule: rule?.who ?? 'none',
    });
    await refuse(args, request, refusalText(rule, deps.opsChannel), client);
  };
}

/** The person's access; nobody is looked up for a request the table does not know (it is refused anyway). */
async function accessFor(
  userId: string,
  rule: Rule | undefined,
  deps: AuthorizeDeps,
  client: WebClient,
): Promise<Access> {
  if (!userId || !rule) return { userId, operator: false };
  const [operator, roster] = await Promise.all([
    deps.operators.isOperator(userId, client),
    deps.store.listCrew(),
  ]);
  const member = roster.find((m) => m.slackUserId === userId && m.active);
  return { userId, operator, ...(member ? { member } : {}) };
}

async function refuse(
  args: AnyMiddlewareArgs,
  request: RequestName,
  text: string,
  client: WebClient,
): Promise<void> {
  const ack = (args as { ack?: (response?: unknown) => Promise<void> }).ack;
  const body = args.body as unknown as Record<string, unknown>;
  const notice = renderNotice(text);
  try {
    switch (request.kind) {
      case 'command':
        await ack?.({ response_type: 'ephemeral', ...notice });
        return;
      case 'view':
        // A submitted form is answered in place, with the sentence instead of the form; nothing is saved.
        if (body.type === 'view_submission') {
          await ack?.({ response_action: 'update', view: buildNoticeModal('Charter Ops', text) });
        } else await ack?.();
        return;
      case 'action': {
        await ack?.();
        const channel =
          (body.channel as { id?: string } | undefined)?.id ??
          (body.container as { channel_id?: string } | undefined)?.channel_id;
        const user = (body.user as { id?: string } | undefined)?.id;
        // Inside a modal or the App Home there is nowhere to answer privately but the log.
        if (channel && user) {
          // In the channel where the button was, or in the thread only when the button was on a reply.
          const message = body.message as { ts?: string; thread_ts?: string } | undefined;
          const thread =
            message?.thread_ts && message.thread_ts !== message.ts ? message.thread_ts : undefined;
          await client.chat.postEphemeral({
            channel,
            user,
            text: notice.text,
            blocks: notice.blocks,
            ...(thread ? { thread_ts: thread } : {}),
          });
        }
        return;
      }
      default:
        await ack?.();
    }
  } catch {
    // The refusal stands whether or not Slack took the sentence.
  }
}
