/**
 * A local HTTP server standing in for Slack's Web API (https://slack.com/api/<method>), for tests, the bench,
 * `npm run dev` and the browser Slack sandbox. It records every call (method, args, token), keeps the
 * messages and views the app creates, and answers the methods the app uses the way Slack does
 * (`{ok, ts, channel, view: {id, hash}}`, `message_not_found`, `hash_conflict`, …).
 * It also serves `response_url`s (POST /response/<id>) so `respond()` can be observed.
 *
 * It is as strict as Slack: every `chat.*` and `views.*` call is checked against Block Kit's documented limits
 * (slack-contract/block-kit-limits.ts: `invalid_blocks` / `invalid_arguments` with
 * `response_metadata.messages`), posts need a known channel the bot is in (`channel_not_found`,
 * `not_in_channel`), text has a ceiling (`msg_too_long`), a trigger is good for 3 s and once
 * (`expired_trigger_id`), and every method has its rate limit (HTTP 429 + Retry-After, `ratelimited`;
 * slack-contract/rate-limits.ts). Each refusal is also emitted (`call.refused`) so the sandbox can show it.
 *
 * Adding a method: write it in its own module as a `SlackMethodModule` (it gets the stand-in's state through
 * `StandInContext`, typed in slack-contract/method-module.ts) and add it to METHOD_MODULES below: one line.
 * Development only: never imported by a Lambda entry point, never reachable from production config.
 */
import { randomBytes } from 'node:crypto';
import { EventEmitter } from 'node:events';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  type ContractProblem,
  checkMessageBlocks,
  checkView,
  formatProblem,
  isMessageTooLong,
} from './slack-contract/block-kit-limits';
import type {
  ApiResult,
  Args,
  EphemeralMessage,
  ResponseUrlPost,
  SlackApiCall,
  SlackMethod,
  SlackMethodModule,
  SlackRefusal,
  SlackRoute,
  SlackStandInEvent,
  StandInContext,
  StoredMessage,
  StoredView,
} from './slack-contract/method-module';
import { createRateLimiter } from './slack-contract/rate-limits';
import { type SocketModeControls, socketModeModule } from './slack-contract/socket-mode';
import { createSlackFiles, type StandInFile } from './slack-files';

// The records and the method-module contract live in slack-contract/method-module.ts (socket-mode.ts and
// other method modules need them without importing this file); re-exported for the stand-in's users.
export type {
  ApiResult,
  Args,
  EphemeralMessage,
  ResponseUrlPost,
  SlackApiCall,
  SlackMethod,
  SlackMethodModule,
  SlackRefusal,
  SlackRoute,
  SlackStandInEvent,
  StandInContext,
  StoredMessage,
  StoredView,
} from './slack-contract/method-module';

export interface SlackUser {
  id: string;
  name: string;
  real_name: string;
  tz?: string;
  is_bot?: boolean;
  profile: { display_name: string; real_name: string; email?: string };
}

export interface SlackWebApiStandIn {
  /** The Web API base, ending in `/` (give it to `SLACK_API_URL` / WebClient's `slackApiUrl`). */
  url: string;
  /** Every call in arrival order (response_url posts are in `responsePosts`). */
  calls: SlackApiCall[];
  callsTo(method: string): SlackApiCall[];
  /** Top-level and thread messages in a channel, oldest first. */
  messages(channel: string): StoredMessage[];
  /** Replies in the thread under `threadTs`, oldest first, root excluded. */
  replies(channel: string, threadTs: string): StoredMessage[];
  ephemerals(channel?: string): EphemeralMessage[];
  responsePosts: ResponseUrlPost[];
  /** A response_url on this server; posts to it are recorded (and emitted). */
  responseUrl(id?: string): string;
  view(id: string): StoredView | undefined;
  /** Every view (modals and homes) in the order they were first opened. */
  views(): StoredView[];
  /** The App Home last published for a user. */
  homeView(userId: string): StoredView | undefined;
  addUser(user: Partial<SlackUser> & { id: string }): void;
  /** Defines (or replaces) a user group `S…` and its members, for `usergroups.users.list`. */
  setUserGroup(id: string, userIds: readonly string[]): void;
  /** Makes the next `views.open` with this trigger answer `expired_trigger_id`. */
  expireTrigger(triggerId: string): void;
  /** The bot leaves a channel: posts there answer `not_in_channel` until `joinChannel`. */
  leaveChannel(channel: string): void;
  joinChannel(channel: string): void;
  /** Makes the next call to `method` answer `{ok: false, error}`. */
  failNext(method: string, error: string): void;
  /** Subscribe to everything that happens; returns an unsubscribe function. */
  subscribe(listener: (event: SlackStandInEvent) => void): () => void;
  events: EventEmitter;
  /** A file uploaded through files.getUploadURLExternal (content included), by id. */
  file(id: string): StandInFile | undefined;
  /** Socket Mode: `apps.connections.open` and its WebSocket (envelopes, acks, disconnect). */
  socketMode: SocketModeControls;
  /** Forgets calls, messages and views (users stay). */
  reset(): void;
  stop(): Promise<void>;
}

export interface SlackWebApiOptions {
  port?: number;
  host?: string;
  /** When given, only these tokens are accepted (others get `invalid_auth`). */
  tokens?: string[];
  teamId?: string;
  botUserId?: string;
  /**
   * Slack's rate limits (default on). Only a test whose subject is not pace may turn them off, and says why.
   */
  rateLimits?: boolean;
  /** The clock for trigger expiry and rate limits (tests of those rules pass their own). */
  now?: () => number;
}

/** Methods that live in their own module. Adding one is one line here. */
const METHOD_MODULES: readonly SlackMethodModule[] = [];

/** A trigger is good for 3 s and once: https://docs.slack.dev/interactivity/handling-user-interaction (trigger_id). */
const TRIGGER_LIFETIME_MS = 3000;

/** Fields the WebClient sends as JSON-encoded strings inside its form body. */
const JSON_FIELDS = new Set(['blocks', 'attachments', 'view', 'metadata', 'unfurl_links', 'user_ids']);

export async function startSlackWebApi(options: SlackWebApiOptions = {}): Promise<SlackWebApiStandIn> {
  const teamId = options.teamId ?? 'T0CHARTER';
  const botUserId = options.botUserId ?? 'U0CHARTERBOT';
  const botId = 'B0CHARTERBOT';
  const appId = 'A0CHARTEROPS';
  const events = new EventEmitter();
  events.setMaxListeners(100);

  const calls: SlackApiCall[] = [];
  const channelMessages = new Map<string, StoredMessage[]>();
  const ephemeralMessages: EphemeralMessage[] = [];
  const responsePosts: ResponseUrlPost[] = [];
  const views = new Map<string, StoredView>();
  const homes = new Map<string, string>();
  const users = new Map<string, SlackUser>();
  const expiredTriggers = new Set<string>();
  const usedTriggers = new Set<string>();
  const leftChannels = new Set<string>();
  const failures = new Map<string, string>();
  const now = options.now ?? Date.now;
  const limiter = options.rateLimits === false ? undefined : createRateLimiter(now);
  const userGroups = new Map<string, string[]>();
  let lastTs = 0;
  let viewCounter = 0;
  let base = '';

  const emit = (event: SlackStandInEvent) => events.emit('event', event);

  function nextTs(): string {
    // Slack ts values are unique per channel and increase; microsecond-style suffix keeps them ordered.
    lastTs = Math.max(now() * 1000, lastTs + 1);
    const seconds = Math.floor(lastTs / 1_000_000);
    const micros = String(lastTs % 1_000_000).padStart(6, '0');
    return `${seconds}.${micros}`;
  }

  function nextViewId(): string {
    viewCounter += 1;
    return `V${String(viewCounter).padStart(4, '0')}${randomBytes(3).toString('hex').toUpperCase()}`;
  }

  function newHash(): string {
    return `${Math.floor(Date.now() / 1000)}.${randomBytes(4).toString('hex')}`;
  }

  function list(channel: string): StoredMessage[] {
    let found = channelMessages.get(channel);
    if (!found) {
      found = [];
      channelMessages.set(channel, found);
    }
    return found;
  }

  function userFor(id: string): SlackUser {
    const known = users.get(id);
    if (known) return known;
    const name = id.toLowerCase();
    return {
      id,
      name,
      real_name: `User ${id}`,
      tz: 'America/Los_Angeles',
      profile: { display_name: name, real_name: `User ${id}`, email: `${name}@example.com` },
    };
  }

  function buildView(input: Args, existing: StoredView | undefined, userId: string): StoredView {
    const view: StoredView = {
      ...(input as Record<string, unknown>),
      id: existing?.id ?? nextViewId(),
      hash: newHash(),
      team_id: teamId,
      app_id: appId,
      bot_id: botId,
      type: String(input.type ?? existing?.type ?? 'modal'),
      blocks: Array.isArray(input.blocks) ? (input.blocks as unknown[]) : [],
      state: { values: {} },
      root_view_id: existing?.root_view_id ?? '',
      previous_view_id: existing?.previous_view_id ?? null,
      user_id: existing?.user_id ?? userId,
    };
    if (!view.root_view_id) view.root_view_id = view.id;
    return view;
  }

  function findView(args: Args): StoredView | undefined {
    if (typeof args.view_id === 'string') return views.get(args.view_id);
    if (typeof args.external_id === 'string') {
      for (const view of views.values()) if (view.external_id === args.external_id) return view;
    }
    return undefined;
  }

  function publicView(view: StoredView): Record<string, unknown> {
    const { user_id: _user, ...rest } = view;
    return rest;
  }

  /**
   * chat.postMessage: channel_not_found "Value passed for channel was invalid"; not_in_channel "Cannot post
   * … to a channel they are not in" (https://docs.slack.dev/reference/methods/chat.postMessage, Errors).
   * Ids are C… (channel), G… (private), D… (DM) or a user id U…/W… (the app's DM with that user).
   */
  function channelRefusal(channel: string): ApiResult | undefined {
    if (!/^[CGDUW][A-Z0-9]+$/.test(channel)) return { ok: false, error: 'channel_not_found' };
    if (leftChannels.has(channel)) return { ok: false, error: 'not_in_channel' };
    return undefined;
  }

  /** views.open and views.push: a fresh view, only with a live trigger, as Slack does. */
  function openViewFromTrigger(args: Args, kind: 'view.opened' | 'view.pushed'): ApiResult {
    const trigger = String(args.trigger_id ?? '');
    const issued = triggerIssuedAt(trigger);
    if (issued === undefined) return { ok: false, error: 'invalid_trigger_id' };
    if (expiredTriggers.delete(trigger)) return { ok: false, error: 'expired_trigger_id' };
    // trigger_id: "expires in 3 seconds" and is single use.
    if (usedTriggers.has(trigger) || now() - issued > TRIGGER_LIFETIME_MS)
      return { ok: false, error: 'expired_trigger_id' };
    if (!isObject(args.view)) return { ok: false, error: 'invalid_arguments' };
    usedTriggers.add(trigger);
    const view = buildView(args.view, undefined, userFromTrigger(trigger));
    views.set(view.id, view);
    emit({ kind, view });
    return { ok: true, view: publicView(view) };
  }

  const methods: Record<string, SlackMethod> = {
    'api.test': (args) => ({ ok: true, args }),
    'auth.test': () => ({
      ok: true,
      url: 'https://charter-ops-local.slack.com/',
      team: 'Charter Ops (local)',
      user: 'charterops',
      team_id: teamId,
      user_id: botUserId,
      bot_id: botId,
      is_enterprise_install: false,
    }),
    'chat.postMessage': (args) => {
      const channel = String(args.channel ?? '');
      const refused = channelRefusal(channel);
      if (refused) return refused;
      if (!args.text && !args.blocks && !args.attachments) return { ok: false, error: 'no_text' };
      const message: StoredMessage = {
        type: 'message',
        channel,
        ts: nextTs(),
        user: botUserId,
        bot_id: botId,
        ...(typeof args.text === 'string' ? { text: args.text } : {}),
        ...(Array.isArray(args.blocks) ? { blocks: args.blocks } : {}),
        ...(Array.isArray(args.attachments) ? { attachments: args.attachments } : {}),
        ...(isMetadata(args.metadata) ? { metadata: args.metadata } : {}),
      };
      const threadTs = typeof args.thread_ts === 'string' ? args.thread_ts : undefined;
      const messages = list(channel);
      if (threadTs) {
        const root =
          messages.find((m) => m.ts === threadTs && !m.thread_ts) ?? messages.find((m) => m.ts === threadTs);
        if (!root) return { ok: false, error: 'thread_not_found' };
        const rootTs = root.thread_ts ?? root.ts;
        message.thread_ts = rootTs;
        const trueRoot = messages.find((m) => m.ts === rootTs);
        if (trueRoot) {
          trueRoot.thread_ts = rootTs;
          trueRoot.reply_count = (trueRoot.reply_count ?? 0) + 1;
          trueRoot.latest_reply = message.ts;
        }
      }
      messages.push(message);
      emit({ kind: 'message.posted', message });
      return { ok: true, channel, ts: message.ts, message: withoutChannel(message) };
    },
    'chat.update': (args) => {
      const channel = String(args.channel ?? '');
      const refused = channelRefusal(channel);
      if (refused) return refused;
      const message = list(channel).find((m) => m.ts === args.ts);
      if (!message) return { ok: false, error: 'message_not_found' };
      if (typeof args.text === 'string') message.text = args.text;
      if (Array.isArray(args.blocks)) message.blocks = args.blocks;
      if (Array.isArray(args.attachments)) message.attachments = args.attachments;
      if (isMetadata(args.metadata)) message.metadata = args.metadata;
      message.edited = { user: botUserId, ts: nextTs() };
      emit({ kind: 'message.updated', message });
      return {
        ok: true,
        channel,
        ts: message.ts,
        text: message.text ?? '',
        message: withoutChannel(message),
      };
    },
    'chat.delete': (args) => {
      const channel = String(args.channel ?? '');
      const messages = list(channel);
      const index = messages.findIndex((m) => m.ts === args.ts);
      if (index < 0) return { ok: false, error: 'message_not_found' };
      const [message] = messages.splice(index, 1);
      if (message) emit({ kind: 'message.deleted', message });
      return { ok: true, channel, ts: String(args.ts) };
    },
    'chat.postEphemeral': (args) => {
      const channel = String(args.channel ?? '');
      const user = String(args.user ?? '');
      const refused = channelRefusal(channel);
      if (refused) return refused;
      if (!user) return { ok: false, error: 'user_not_in_channel' };
      if (!args.text && !args.blocks) return { ok: false, error: 'no_text' };
      const ephemeral: EphemeralMessage = {
        channel,
        user,
        message_ts: nextTs(),
        ...(typeof args.text === 'string' ? { text: args.text } : {}),
        ...(Array.isArray(args.blocks) ? { blocks: args.blocks } : {}),
        ...(typeof args.thread_ts === 'string' ? { thread_ts: args.thread_ts } : {}),
      };
      ephemeralMessages.push(ephemeral);
      emit({ kind: 'message.ephemeral', ephemeral });
      return { ok: true, message_ts: ephemeral.message_ts };
    },
    'chat.getPermalink': (args) => {
      const channel = String(args.channel ?? '');
      const message = list(channel).find((m) => m.ts === args.message_ts);
      if (!message) return { ok: false, error: 'message_not_found' };
      return {
        ok: true,
        channel,
        permalink: `https://charter-ops-local.slack.com/archives/${channel}/p${message.ts.replace('.', '')}`,
      };
    },
    'conversations.history': (args) => {
      const channel = String(args.channel ?? '');
      const limit = Math.min(Number(args.limit ?? 100) || 100, 999);
      const oldest = args.oldest ? Number(args.oldest) : 0;
      const latest = args.latest ? Number(args.latest) : Number.POSITIVE_INFINITY;
      const inclusive = args.inclusive === true || args.inclusive === 'true' || args.inclusive === '1';
      const withMetadata = args.include_all_metadata === true || args.include_all_metadata === 'true';
      const inRange = (ts: number) => (inclusive ? ts >= oldest && ts <= latest : ts > oldest && ts < latest);
      // History holds the channel's own messages: thread replies stay in their thread.
      const topLevel = list(channel)
        .filter((m) => !m.thread_ts || m.thread_ts === m.ts)
        .filter((m) => inRange(Number(m.ts)))
        .reverse();
      const page = topLevel.slice(0, limit).map((m) => present(m, withMetadata));
      return { ok: true, messages: page, has_more: topLevel.length > limit, pin_count: 0 };
    },
    'conversations.replies': (args) => {
      const channel = String(args.channel ?? '');
      const ts = String(args.ts ?? '');
      const messages = list(channel);
      const root = messages.find((m) => m.ts === ts);
      if (!root) return { ok: false, error: 'thread_not_found' };
      const withMetadata = args.include_all_metadata === true || args.include_all_metadata === 'true';
      const thread = [root, ...messages.filter((m) => m.thread_ts === ts && m.ts !== ts)];
      return { ok: true, messages: thread.map((m) => present(m, withMetadata)), has_more: false };
    },
    'conversations.info': (args) => ({
      ok: true,
      channel: { id: String(args.channel ?? ''), name: String(args.channel ?? ''), is_channel: true },
    }),
    'users.info': (args) => {
      const id = String(args.user ?? '');
      if (!id) return { ok: false, error: 'user_not_found' };
      return { ok: true, user: { ...userFor(id), team_id: teamId } };
    },
    // https://docs.slack.dev/reference/methods/usergroups.users.list: `usergroup` is required; an unknown
    // group answers `no_such_subteam`; the answer is the members' user ids.
    'usergroups.users.list': (args) => {
      const id = typeof args.usergroup === 'string' ? args.usergroup : '';
      if (!id) return { ok: false, error: 'invalid_arguments' };
      const members = userGroups.get(id);
      if (!members) return { ok: false, error: 'no_such_subteam' };
      return { ok: true, users: [...members] };
    },
    'views.open': (args) => openViewFromTrigger(args, 'view.opened'),
    'views.push': (args) => openViewFromTrigger(args, 'view.pushed'),
    'views.update': (args) => {
      const existing = findView(args);
      if (!existing) return { ok: false, error: 'not_found' };
      if (typeof args.hash === 'string' && args.hash !== existing.hash)
        return { ok: false, error: 'hash_conflict' };
      if (!isObject(args.view)) return { ok: false, error: 'invalid_arguments' };
      const view = buildView(args.view, existing, existing.user_id);
      views.set(view.id, view);
      emit({ kind: 'view.updated', view });
      return { ok: true, view: publicView(view) };
    },
    'views.publish': (args) => {
      const userId = String(args.user_id ?? '');
      if (!userId) return { ok: false, error: 'invalid_arguments' };
      if (!isObject(args.view)) return { ok: false, error: 'invalid_arguments' };
      const existingId = homes.get(userId);
      const existing = existingId ? views.get(existingId) : undefined;
      if (typeof args.hash === 'string' && existing && args.hash !== existing.hash) {
        return { ok: false, error: 'hash_conflict' };
      }
      const view = buildView(args.view, existing, userId);
      views.set(view.id, view);
      homes.set(userId, view.id);
      emit({ kind: 'view.published', view });
      return { ok: true, view: publicView(view) };
    },
  };

  const context: StandInContext = {
    teamId,
    botUserId,
    botId,
    appId,
    baseUrl: () => base,
    now,
    nextTs,
    channelMessages: list,
    emit,
  };
  const routes: Record<string, SlackRoute> = {};
  // Socket Mode also needs the server's WebSocket upgrades, so it is wired here rather than in METHOD_MODULES.
  const socketMode = socketModeModule(context);
  Object.assign(methods, socketMode.methods);
  for (const module of METHOD_MODULES) {
    const added = module(context);
    Object.assign(methods, added.methods);
    Object.assign(routes, added.routes ?? {});
  }
  // Slack's upload flow lives in its own module; a method defined here first keeps precedence.
  const fileUploads = createSlackFiles({
    baseUrl: () => base,
    botUserId,
    shareMessage: ({ channel, text, files, threadTs }) => {
      const message: StoredMessage = {
        type: 'message',
        channel,
        ts: nextTs(),
        user: botUserId,
        bot_id: botId,
        text,
        files,
      };
      const messages = list(channel);
      if (threadTs) {
        const root = messages.find((m) => m.ts === threadTs && (!m.thread_ts || m.thread_ts === m.ts));
        if (!root) return undefined;
        message.thread_ts = root.ts;
        root.thread_ts = root.ts;
        root.reply_count = (root.reply_count ?? 0) + 1;
        root.latest_reply = message.ts;
      }
      messages.push(message);
      emit({ kind: 'message.posted', message });
      return { ts: message.ts };
    },
  });
  for (const [name, method] of Object.entries(fileUploads.methods)) methods[name] ??= method;

  const server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      sendJson(response, 500, { ok: false, error: 'internal_error', detail: String(error) });
    });
  });
  server.on('upgrade', (request, socket, head) => socketMode.upgrade(request, socket, head));

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? '/', 'http://stand-in');
    if (await fileUploads.handleHttp(request, response, bearerToken(request.headers.authorization))) return;
    const body = await readBody(request);
    const route = Object.keys(routes).find((prefix) => url.pathname.startsWith(prefix));
    if (route) return routes[route]?.(request, response, body);
    const raw = body.toString('utf8');
    const args = parseArgs(raw, String(request.headers['content-type'] ?? ''), url.searchParams);

    if (url.pathname.startsWith('/response/')) {
      const post: ResponseUrlPost = {
        id: decodeURIComponent(url.pathname.slice(10)),
        body: args,
        at: Date.now(),
      };
      responsePosts.push(post);
      emit({ kind: 'response_url', post });
      sendJson(response, 200, { ok: true });
      return;
    }

    const method = url.pathname.replace(/^\/(api\/)?/, '');
    const token =
      bearerToken(request.headers.authorization) ?? (typeof args.token === 'string' ? args.token : undefined);
    const { token: _token, ...recordedArgs } = args;
    const call: SlackApiCall = { method, args: recordedArgs, at: Date.now(), ...(token ? { token } : {}) };
    calls.push(call);
    emit({ kind: 'call', call });

    if (method !== 'api.test') {
      if (!token) {
        call.response = { ok: false, error: 'not_authed' };
        return sendJson(response, 200, call.response);
      }
      if (options.tokens && !options.tokens.includes(token)) {
        call.response = { ok: false, error: 'invalid_auth' };
        return sendJson(response, 200, call.response);
      }
    }
    const failure = failures.get(method);
    if (failure) {
      failures.delete(method);
      call.response = { ok: false, error: failure };
      return sendJson(response, 200, call.response);
    }
    const implementation = methods[method];
    if (!implementation) {
      call.response = { ok: false, error: 'unknown_method' };
      return sendJson(response, 200, call.response);
    }
    // Rate limits: "HTTP 429 Too Many Requests … a Retry-After HTTP header containing the number of seconds
    // until you can retry" (https://docs.slack.dev/apis/web-api/rate-limits).
    const wait = limiter?.take(
      method,
      typeof recordedArgs.channel === 'string' ? recordedArgs.channel : undefined,
    );
    if (wait !== undefined) {
      const limited: ApiResult = { ok: false, error: 'ratelimited' };
      call.response = limited;
      refused(method, recordedArgs, limited);
      response.writeHead(429, {
        'content-type': 'application/json; charset=utf-8',
        'retry-after': String(wait),
      });
      response.end(JSON.stringify(call.response));
      return;
    }
    const answer =
      contractRefusal(method, recordedArgs) ?? (await implementation(recordedArgs, token ? { token } : {}));
    call.response = answer;
    if (!answer.ok) refused(method, recordedArgs, answer);
    sendJson(response, 200, answer);
  }

  function refused(method: string, args: Args, answer: ApiResult): void {
    const metadata = answer.response_metadata as { messages?: string[] } | undefined;
    const view = isObject(args.view) ? args.view : undefined;
    const existing = findView(args);
    const refusal: SlackRefusal = {
      method,
      error: String(answer.error ?? 'unknown_error'),
      messages: metadata?.messages ?? [],
      at: now(),
      ...(typeof args.channel === 'string' ? { channel: args.channel } : {}),
      ...(typeof args.thread_ts === 'string' ? { thread_ts: args.thread_ts } : {}),
      ...(typeof args.user_id === 'string'
        ? { user_id: args.user_id }
        : typeof args.trigger_id === 'string'
          ? { user_id: userFromTrigger(args.trigger_id) }
          : existing
            ? { user_id: existing.user_id }
            : {}),
      ...(existing
        ? { view_id: existing.id }
        : view && typeof view.id === 'string'
          ? { view_id: view.id }
          : {}),
    };
    emit({ kind: 'call.refused', refusal });
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve());
  });
  const address = server.address() as AddressInfo;
  base = `http://${options.host ?? '127.0.0.1'}:${address.port}`;

  return {
    url: `${base}/api/`,
    calls,
    callsTo: (method) => calls.filter((c) => c.method === method),
    messages: (channel) => [...list(channel)],
    replies: (channel, threadTs) =>
      list(channel).filter((m) => m.thread_ts === threadTs && m.ts !== threadTs),
    ephemerals: (channel) => ephemeralMessages.filter((e) => channel === undefined || e.channel === channel),
    responsePosts,
    responseUrl: (id = randomBytes(6).toString('hex')) => `${base}/response/${encodeURIComponent(id)}`,
    view: (id) => views.get(id),
    views: () => [...views.values()],
    file: (id) => fileUploads.file(id),
    homeView: (userId) => {
      const id = homes.get(userId);
      return id ? views.get(id) : undefined;
    },
    addUser: (user) => {
      const base = userFor(user.id);
      users.set(user.id, { ...base, ...user, profile: { ...base.profile, ...user.profile } });
    },
    setUserGroup: (id, userIds) => {
      userGroups.set(id, [...userIds]);
    },
    expireTrigger: (triggerId) => {
      expiredTriggers.add(triggerId);
    },
    leaveChannel: (channel) => {
      leftChannels.add(channel);
    },
    joinChannel: (channel) => {
      leftChannels.delete(channel);
    },
    failNext: (method, error) => {
      failures.set(method, error);
    },
    subscribe: (listener) => {
      events.on('event', listener);
      return () => events.off('event', listener);
    },
    events,
    socketMode: socketMode.controls,
    reset: () => {
      calls.length = 0;
      responsePosts.length = 0;
      ephemeralMessages.length = 0;
      channelMessages.clear();
      views.clear();
      homes.clear();
      failures.clear();
      expiredTriggers.clear();
      usedTriggers.clear();
      leftChannels.clear();
      limiter?.reset();
      fileUploads.reset();
    },
    stop: () =>
      new Promise<void>((resolve) => {
        events.removeAllListeners();
        socketMode.close();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A trigger id shaped like Slack's that also names the user, so views.open knows whose view it is. */
export function makeTriggerId(userId: string): string {
  return `${Date.now()}.${userId}.${randomBytes(8).toString('hex')}`;
}

/**
 * Trigger ids made by makeTriggerId carry the user (`<n>.<user>.<hex>`); real ones don't, so
 * the view's owner is unknown and left blank.
 */
/** When a makeTriggerId trigger was issued; undefined for anything Slack would not have issued. */
function triggerIssuedAt(trigger: string): number | undefined {
  const match = /^(\d+)\.[A-Z0-9]+\.[0-9a-f]+$/.exec(trigger);
  return match ? Number(match[1]) : undefined;
}

/**
 * Block Kit and view limits for chat.* and views.* calls, answered as Slack answers them: `invalid_blocks` for
 * messages, `invalid_arguments` for views, each with `response_metadata.messages`; `msg_too_long` for text.
 */
function contractRefusal(method: string, args: Args): ApiResult | undefined {
  const answer = (error: string, problems: ContractProblem[]): ApiResult => {
    const messages = problems.map(formatProblem);
    return {
      ok: false,
      error,
      ...(error === 'invalid_blocks'
        ? { errors: problems.map((p) => `${p.message} [json-pointer:${p.pointer}]`) }
        : {}),
      response_metadata: { messages },
    };
  };
  if (method === 'chat.postMessage' || method === 'chat.update' || method === 'chat.postEphemeral') {
    if (isMessageTooLong(args.text)) return { ok: false, error: 'msg_too_long' };
    if (args.blocks === undefined) return undefined;
    if (typeof args.blocks === 'string') return answer('invalid_blocks_format', []);
    const problems = checkMessageBlocks(args.blocks);
    return problems.length > 0 ? answer('invalid_blocks', problems) : undefined;
  }
  if (
    method === 'views.open' ||
    method === 'views.push' ||
    method === 'views.update' ||
    method === 'views.publish'
  ) {
    if (args.view === undefined) return undefined;
    const problems = checkView(args.view);
    return problems.length > 0 ? answer('invalid_arguments', problems) : undefined;
  }
  return undefined;
}

function userFromTrigger(trigger: string): string {
  const parts = trigger.split('.');
  return parts.length >= 3 && parts[1]?.startsWith('U') ? parts[1] : '';
}

function present(message: StoredMessage, withMetadata: boolean): Record<string, unknown> {
  const { channel: _channel, metadata, ...rest } = message;
  return withMetadata && metadata ? { ...rest, metadata } : rest;
}

function withoutChannel(message: StoredMessage): Record<string, unknown> {
  const { channel: _channel, ...rest } = message;
  return rest;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isMetadata(value: unknown): value is StoredMessage['metadata'] & object {
  return isObject(value) && typeof value.event_type === 'string' && isObject(value.event_payload);
}

function bearerToken(header: string | undefined): string | undefined {
  const match = header?.match(/^Bearer\s+(\S+)$/i);
  return match?.[1];
}

function readBody(request: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => resolve(Buffer.concat(chunks)));
    request.on('error', reject);
  });
}

function parseArgs(raw: string, contentType: string, query: URLSearchParams): Args {
  const args: Args = Object.fromEntries(query.entries());
  if (!raw) return args;
  if (contentType.includes('application/json')) {
    const parsed: unknown = JSON.parse(raw);
    return isObject(parsed) ? { ...args, ...parsed } : args;
  }
  for (const [key, value] of new URLSearchParams(raw).entries()) {
    args[key] = JSON_FIELDS.has(key) ? parseJsonOr(value) : value;
  }
  return args;
}

function parseJsonOr(value: string): unknown {
  try {
    return JSON.parse(value);
  } catch {
    return value;
  }
}

function sendJson(response: ServerResponse, status: number, body: unknown): void {
  const payload = JSON.stringify(body);
  response.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
  response.end(payload);
}
