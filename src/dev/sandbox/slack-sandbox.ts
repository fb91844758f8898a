/**
 * The Slack sandbox at /slack-sandbox: a browser page that behaves like a Slack channel for this app, for
 * people without a workspace. The page talks to this server; this server plays Slack's part: it signs and
 * posts slash commands and interactions to the app's real endpoint (/slack/events on the gateway), applies
 * the app's answers (inline modal errors, updates, ephemeral replies) and shows what the app did through the
 * Web API (recorded by the Slack Web API stand-in). Development only; the signing secret stays here.
 */
import { readdir, readFile } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { makeTriggerId, type SlackWebApiStandIn, type StoredView } from '../stand-ins/slack-web-api';
import type { SandboxAppManifest } from './app-manifest';
import {
  type ActionInput,
  type ActionSource,
  blockActionsPayload,
  blockSuggestionPayload,
  interactionBody,
  type SandboxTeam,
  type StateValues,
  slashCommandBody,
  viewClosedPayload,
  viewPayload,
  viewSubmissionPayload,
} from './interaction-payloads';
import { checkSandboxRequest } from './same-origin';
import { SandboxModel, type SandboxPersonView } from './sandbox-model';
import { slackSignatureHeaders } from './slack-signature';

export interface SlackSandboxOptions {
  standIn: SlackWebApiStandIn;
  people: readonly SandboxPersonView[];
  opsChannel: { id: string; name: string };
  /** The app's request URL (the gateway's /slack/events); a function because the port is known late. */
  eventsUrl: () => string;
  signingSecret: string;
  botToken: string;
  team: SandboxTeam & { name: string };
  /** From the app's manifest: its name, slash commands and App Home tabs. */
  app: SandboxAppManifest;
  /** Links shown in the sandbox's sidebar (mail outbox, guest sites, …). */
  links: () => Record<string, string>;
  /** Brand domain → its local site root: links to https://<domain>/… in messages open the local copy. */
  sites: () => Record<string, string>;
  log: (message: string) => void;
}

export interface SlackSandbox {
  readonly model: SandboxModel;
  handle(request: IncomingMessage, response: ServerResponse, body: Buffer): Promise<void>;
  close(): void;
}

export const SANDBOX_PREFIX = '/slack-sandbox';
/** Slack gives an app three seconds to answer; slower answers fail in a real workspace. */
const SLACK_ACK_DEADLINE_MS = 3000;

const PUBLIC_DIR = fileURLToPath(new URL('./public/', import.meta.url));
const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
};

const StateSchema = z.record(z.string(), z.record(z.string(), z.record(z.string(), z.unknown())));
const ActionSchema = z.looseObject({ action_id: z.string(), block_id: z.string(), type: z.string() });

const CommandRequest = z.object({
  user: z.string(),
  channel: z.string(),
  text: z.string().max(4000),
  threadTs: z.string().optional(),
});
const ActionRequest = z.object({
  user: z.string(),
  source: z.discriminatedUnion('kind', [
    z.object({ kind: z.literal('message'), channel: z.string(), ts: z.string() }),
    z.object({ kind: z.literal('ephemeral'), channel: z.string(), ts: z.string() }),
    z.object({ kind: z.literal('view'), viewId: z.string() }),
  ]),
  action: ActionSchema,
  state: StateSchema.default({}),
});
const ViewRequest = z.object({
  user: z.string(),
  viewId: z.string(),
  state: StateSchema.default({}),
  /** The modal's back arrow: leave this view for the one under it, telling the app nothing (as Slack). */
  back: z.boolean().optional(),
});
const HomeOpenedRequest = z.object({ user: z.string(), tab: z.enum(['home', 'messages']) });
const SuggestRequest = ViewRequest.extend({ actionId: z.string(), blockId: z.string(), value: z.string() });
const DismissRequest = z.object({
  user: z.string(),
  ts: z.string().optional(),
  notice: z.number().optional(),
});

export function createSlackSandbox(options: SlackSandboxOptions): SlackSandbox {
  const { standIn, team } = options;
  const clients = new Set<ServerResponse>();

  const postAsApp = async (method: string, body: Record<string, unknown>) => {
    await fetch(`${standIn.url}${method}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${options.botToken}` },
      body: JSON.stringify(body),
    });
  };
  const model = new SandboxModel(standIn, options.people, options.opsChannel, postAsApp, options.app.name);
  for (const person of options.people) {
    standIn.addUser({
      id: person.id,
      name: person.name.split(' ')[0]!.toLowerCase(),
      real_name: person.name,
      profile: { display_name: person.name, real_name: person.name },
    });
  }
  model.onChange((version) => {
    for (const client of clients) client.write(`event: change\ndata: ${version}\n\n`);
  });
  const keepAlive = setInterval(() => {
    for (const client of clients) client.write(': keep-alive\n\n');
  }, 15_000);
  keepAlive.unref();

  const channelOf = (id: string) => ({ id, name: model.channelName(id) });

  function personOrThrow(id: string): SandboxPersonView {
    const person = model.person(id);
    if (!person) throw new RequestError(400, `No sandbox person ${id}.`);
    return person;
  }

  /** Posts to the app as Slack would; returns its answer, or a sentence saying what went wrong. */
  async function sendToApp(
    user: string,
    kind: string,
    body: string,
    contentType = 'application/x-www-form-urlencoded',
  ): Promise<{ ok: true; status: number; text: string } | { ok: false; message: string }> {
    const started = performance.now();
    let answer: Response;
    try {
      answer = await fetch(options.eventsUrl(), {
        method: 'POST',
        headers: {
          'content-type': contentType,
          ...slackSignatureHeaders(options.signingSecret, body),
        },
        body,
      });
    } catch (error) {
      options.log(`slack sandbox: the app is unreachable (${String(error)})`);
      return { ok: false, message: 'The app could not be reached. Is the gateway running?' };
    }
    const text = await answer.text();
    const ms = Math.round(performance.now() - started);
    if (ms > SLACK_ACK_DEADLINE_MS) {
      model.notify(
        user,
        'warning',
        `The app took ${ms} ms to answer this ${kind}; Slack gives up after 3 seconds, so in a real workspace this would have failed.`,
      );
    }
    if (answer.status !== 200) {
      options.log(
        `slack sandbox: the app answered ${kind} with HTTP ${answer.status}: ${text.slice(0, 300)}`,
      );
      return { ok: false, message: `The app answered HTTP ${answer.status}.` };
    }
    return { ok: true, status: answer.status, text };
  }

  async function onCommand(input: z.infer<typeof CommandRequest>) {
    const person = personOrThrow(input.user);
    const text = input.text.trim();
    if (!text.startsWith('/')) {
      model.addUserMessage(person.id, input.channel, text, input.threadTs);
      return { ok: true };
    }
    const [command = '', ...rest] = text.split(/\s+/);
    if (!options.app.commands.some((c) => c.command === command)) {
      model.addEphemeral({
        user: person.id,
        channel: input.channel,
        fromSlackbot: true,
        text: `*${command}* is not a valid command. In Slack, all messages that start with the "/" character are interpreted as commands.`,
        ...(input.threadTs ? { threadTs: input.threadTs } : {}),
      });
      return { ok: true };
    }
    const responseId = `cmd-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
    model.rememberResponseTarget(responseId, {
      user: person.id,
      channel: input.channel,
      ephemeral: true,
      ...(input.threadTs ? { threadTs: input.threadTs } : {}),
    });
    const body = slashCommandBody({
      team,
      user: { id: person.id, name: person.name },
      channel: channelOf(input.channel),
      command,
      text: rest.join(' '),
      responseUrl: standIn.responseUrl(responseId),
      triggerId: makeTriggerId(person.id),
    });
    const answer = await sendToApp(person.id, command, body);
    if (!answer.ok) {
      model.addEphemeral({
        user: person.id,
        channel: input.channel,
        fromSlackbot: true,
        text: `${command} failed with the error "dispatch_failed". ${answer.message}`,
      });
      return { ok: false, error: answer.message };
    }
    const reply = parseJson(answer.text);
    if (reply && (typeof reply.text === 'string' || Array.isArray(reply.blocks))) {
      if (reply.response_type === 'in_channel') {
        await postAsApp('chat.postMessage', {
          channel: input.channel,
          text: reply.text,
          blocks: reply.blocks,
        });
      } else {
        model.addEphemeral({
          user: person.id,
          channel: input.channel,
          ...(typeof reply.text === 'string' ? { text: reply.text } : {}),
          ...(Array.isArray(reply.blocks) ? { blocks: reply.blocks } : {}),
          ...(input.threadTs ? { threadTs: input.threadTs } : {}),
        });
      }
    } else if (answer.text.trim() && !reply) {
      model.addEphemeral({ user: person.id, channel: input.channel, text: answer.text.trim() });
    }
    return { ok: true };
  }

  async function onAction(input: z.infer<typeof ActionRequest>) {
    const person = personOrThrow(input.user);
    const user = { id: person.id, name: person.name };
    const triggerId = makeTriggerId(person.id);
    let source: ActionSource;
    let responseUrl: string | undefined;
    if (input.source.kind === 'view') {
      const view = model.view(input.source.viewId);
      if (!view) throw new RequestError(404, 'That view is no longer open.');
      source = { kind: 'view', view, state: input.state as StateValues };
    } else {
      const responseId = `act-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
      responseUrl = standIn.responseUrl(responseId);
      if (input.source.kind === 'message') {
        const message = model.findMessage(input.source.channel, input.source.ts);
        if (!message) throw new RequestError(404, 'That message no longer exists.');
        source = { kind: 'message', channel: channelOf(input.source.channel), message };
        model.rememberResponseTarget(responseId, {
          user: person.id,
          channel: input.source.channel,
          messageTs: message.ts,
          ephemeral: false,
          ...(message.thread_ts ? { threadTs: message.thread_ts } : {}),
        });
      } else {
        const ephemeral = model.findEphemeral(person.id, input.source.ts);
        if (!ephemeral) throw new RequestError(404, 'That message is gone.');
        source = {
          kind: 'ephemeral',
          channel: channelOf(input.source.channel),
          messageTs: ephemeral.message_ts,
          ...(ephemeral.thread_ts ? { threadTs: ephemeral.thread_ts } : {}),
        };
        model.rememberResponseTarget(responseId, {
          user: person.id,
          channel: input.source.channel,
          messageTs: ephemeral.message_ts,
          ephemeral: true,
          ...(ephemeral.thread_ts ? { threadTs: ephemeral.thread_ts } : {}),
        });
      }
    }
    const payload = blockActionsPayload({
      team,
      user,
      source,
      action: input.action as ActionInput,
      triggerId,
      ...(responseUrl ? { responseUrl } : {}),
    });
    const answer = await sendToApp(person.id, 'button', interactionBody(payload));
    if (!answer.ok) {
      model.notify(
        person.id,
        'error',
        `That did not work: ${answer.message} (see the terminal for the app's log).`,
      );
      return { ok: false, error: answer.message };
    }
    return { ok: true };
  }

  async function onSubmit(input: z.infer<typeof ViewRequest>) {
    const person = personOrThrow(input.user);
    const view = openView(person.id, input.viewId);
    const payload = viewSubmissionPayload({
      team,
      user: { id: person.id, name: person.name },
      view,
      state: input.state as StateValues,
      triggerId: makeTriggerId(person.id),
    });
    const answer = await sendToApp(person.id, 'form', interactionBody(payload));
    if (!answer.ok) {
      return { ok: false, error: `We had some trouble connecting. ${answer.message} Try again?` };
    }
    const reply = parseJson(answer.text);
    switch (reply?.response_action) {
      case 'errors': {
        const errors = z.record(z.string(), z.string()).safeParse(reply.errors);
        model.showViewErrors(view.id, errors.success ? errors.data : {});
        return { ok: true, outcome: 'errors' };
      }
      case 'update':
        if (isObject(reply.view)) model.replaceView(view.id, reply.view);
        return { ok: true, outcome: 'updated' };
      case 'push':
        if (isObject(reply.view)) model.pushView(person.id, reply.view);
        return { ok: true, outcome: 'pushed' };
      case 'clear':
        model.closeViews(person.id, 'all');
        return { ok: true, outcome: 'cleared' };
      default:
        model.closeViews(person.id, 'top', view.id);
        return { ok: true, outcome: 'closed' };
    }
  }

  async function onClose(input: z.infer<typeof ViewRequest>) {
    const person = personOrThrow(input.user);
    const view = openView(person.id, input.viewId);
    if (input.back) {
      model.closeViews(person.id, 'top', view.id);
      return { ok: true };
    }
    model.closeViews(person.id, 'all');
    if (view.notify_on_close === true) {
      const payload = viewClosedPayload({
        team,
        user: { id: person.id, name: person.name },
        view,
        state: input.state as StateValues,
      });
      await sendToApp(person.id, 'closed form', interactionBody(payload));
    }
    return { ok: true };
  }

  async function onSuggest(input: z.infer<typeof SuggestRequest>) {
    const person = personOrThrow(input.user);
    const view = openView(person.id, input.viewId);
    const payload = blockSuggestionPayload({
      team,
      user: { id: person.id, name: person.name },
      view,
      state: input.state as StateValues,
      actionId: input.actionId,
      blockId: input.blockId,
      value: input.value,
    });
    const answer = await sendToApp(person.id, 'search', interactionBody(payload));
    if (!answer.ok) return { ok: false, error: answer.message, options: [] };
    const reply = parseJson(answer.text) ?? {};
    return { ok: true, options: reply.options ?? [], option_groups: reply.option_groups ?? [] };
  }

  /** The Events API's app_home_opened, sent when someone opens the app's Home or Messages tab. */
  async function onHomeOpened(input: z.infer<typeof HomeOpenedRequest>) {
    const person = personOrThrow(input.user);
    const now = Date.now() / 1000;
    const home = standIn.homeView(person.id);
    const body = JSON.stringify({
      token: 'sandbox-verification-token',
      team_id: team.id,
      api_app_id: team.appId,
      event: {
        type: 'app_home_opened',
        user: person.id,
        channel: `D${person.id.slice(1)}`,
        tab: input.tab,
        event_ts: now.toFixed(6),
        ...(home && input.tab === 'home' ? { view: viewPayload(home, {}) } : {}),
      },
      type: 'event_callback',
      event_id: `Ev${Date.now().toString(36).toUpperCase()}`,
      event_time: Math.floor(now),
      authorizations: [
        { team_id: team.id, user_id: 'U0CHARTERBOT', is_bot: true, is_enterprise_install: false },
      ],
      is_ext_shared_channel: false,
    });
    const answer = await sendToApp(person.id, 'app_home_opened event', body, 'application/json');
    return answer.ok ? { ok: true } : { ok: false, error: answer.message };
  }

  function openView(user: string, viewId: string): StoredView {
    const view = model.view(viewId);
    if (!view || !model.isOpenFor(user, viewId)) throw new RequestError(404, 'That form is no longer open.');
    return view;
  }

  async function serveStatic(name: string, response: ServerResponse): Promise<void> {
    const files = await readdir(PUBLIC_DIR);
    if (!files.includes(name))
      return sendJson(response, 404, { error: 'not_found', message: 'No such file.' });
    const body = await readFile(join(PUBLIC_DIR, name));
    response.writeHead(200, {
      'content-type': CONTENT_TYPES[extname(name)] ?? 'application/octet-stream',
      'cache-control': 'no-cache',
    });
    response.end(body);
  }

  /**
   * A shared file, downloaded as Slack would let a member of the conversation: only by the person whose
   * DM it is in (or anyone, for the ops channel). The bytes come from the stand-in's store.
   */
  function serveFile(id: string, url: URL, response: ServerResponse): void {
    const file = standIn.file(decodeURIComponent(id));
    const user = url.searchParams.get('user') ?? '';
    const visible =
      file?.completed && file.content && file.channels.some((c) => c === user || c === options.opsChannel.id);
    if (!file?.content || !visible) {
      sendJson(response, 404, { error: 'not_found', message: 'No such file here.' });
      return;
    }
    response.writeHead(200, {
      'content-type': `${file.mimetype}; charset=utf-8`,
      'content-disposition': `attachment; filename="${file.name.replace(/[^\w.-]/g, '_')}"`,
      'x-content-type-options': 'nosniff',
      'cache-control': 'no-store',
    });
    response.end(file.content);
  }

  function openEvents(request: IncomingMessage, response: ServerResponse): void {
    response.writeHead(200, {
      'content-type': 'text/event-stream',
      'cache-control': 'no-cache',
      connection: 'keep-alive',
    });
    response.write('retry: 1000\n\n');
    clients.add(response);
    request.on('close', () => clients.delete(response));
  }

  async function route(request: IncomingMessage, response: ServerResponse, body: Buffer): Promise<void> {
    const verdict = checkSandboxRequest(request);
    if (!verdict.ok) return sendJson(response, verdict.status, { ok: false, error: verdict.reason });
    const url = new URL(request.url ?? '/', 'http://sandbox');
    const path = url.pathname.slice(SANDBOX_PREFIX.length) || '/';
    const method = request.method ?? 'GET';
    if (method === 'GET' && (path === '/' || path === '')) return serveStatic('index.html', response);
    if (method === 'GET' && path.startsWith('/static/')) return serveStatic(path.slice(8), response);
    if (method === 'GET' && path === '/api/events') return openEvents(request, response);
    if (method === 'GET' && path.startsWith('/files/')) return serveFile(path.slice(7), url, response);
    if (method === 'GET' && path === '/api/state') {
      const user = url.searchParams.get('user') ?? options.people[0]!.id;
      return sendJson(response, 200, {
        ...model.snapshot(user),
        team: { name: team.name },
        commands: options.app.commands,
        app: { name: options.app.name, homeTab: options.app.homeTab, messagesTab: options.app.messagesTab },
        links: options.links(),
        sites: options.sites(),
      });
    }
    if (method !== 'POST') return sendJson(response, 404, { error: 'not_found', message: 'No such page.' });
    const json = parseJson(body.toString('utf8'));
    switch (path) {
      case '/api/command':
        return sendJson(response, 200, await onCommand(parse(CommandRequest, json)));
      case '/api/action':
        return sendJson(response, 200, await onAction(parse(ActionRequest, json)));
      case '/api/submit':
        return sendJson(response, 200, await onSubmit(parse(ViewRequest, json)));
      case '/api/close':
        return sendJson(response, 200, await onClose(parse(ViewRequest, json)));
      case '/api/home-opened':
        return sendJson(response, 200, await onHomeOpened(parse(HomeOpenedRequest, json)));
      case '/api/suggest':
        return sendJson(response, 200, await onSuggest(parse(SuggestRequest, json)));
      case '/api/dismiss': {
        const input = parse(DismissRequest, json);
        if (input.ts) model.dismissEphemeral(input.ts);
        if (input.notice !== undefined) model.dismissNotice(input.user, input.notice);
        return sendJson(response, 200, { ok: true });
      }
      default:
        return sendJson(response, 404, { error: 'not_found', message: 'No such sandbox API.' });
    }
  }

  return {
    model,
    async handle(request, response, body) {
      try {
        await route(request, response, body);
      } catch (error) {
        if (error instanceof RequestError) {
          return sendJson(response, error.status, { ok: false, error: error.message });
        }
        options.log(
          `slack sandbox: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
        );
        return sendJson(response, 500, { ok: false, error: 'The sandbox hit a problem; see the terminal.' });
      }
    },
    close() {
      clearInterval(keepAlive);
      for (const client of clients) client.end();
      clients.clear();
      model.close();
    },
  };
}

class RequestError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

function parse<S extends z.ZodType>(schema: S, value: unknown): z.output<S> {
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw new RequestError(400, 'The sandbox sent a request it could not read.');
  return parsed.data;
}

function parseJson(text: string): Record<string, unknown> | undefined {
  if (!text.trim()) return undefined;
  try {
    const value: unknown = JSON.parse(text);
    return isObject(value) ? value : undefined;
  } catch {
    return undefined;
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function sendJson(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'cache-control': 'no-store',
  });
  response.end(JSON.stringify(body));
}
