/**
 * The contract between the Slack Web API stand-in (slack-web-api.ts) and its method modules (socket-mode.ts,
 * and any method written as a `SlackMethodModule`): what a method gets (`StandInContext`), what it answers,
 * and the records the stand-in keeps and emits. Types only, importing nothing of the stand-in, so a method
 * module never imports the stand-in that loads it. Development only.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';

export interface SlackApiCall {
  method: string;
  args: Record<string, unknown>;
  /** The bearer token (or `token` argument) the call carried, if any. */
  token?: string;
  at: number;
  /** What the stand-in answered (set once the call is handled). */
  response?: Record<string, unknown>;
}

export interface StoredMessage {
  type: 'message';
  channel: string;
  ts: string;
  thread_ts?: string;
  text?: string;
  blocks?: unknown[];
  attachments?: unknown[];
  metadata?: { event_type: string; event_payload: Record<string, unknown> };
  user: string;
  bot_id: string;
  edited?: { user: string; ts: string };
  /** Files shared by files.completeUploadExternal (see slack-files.ts). */
  files?: Record<string, unknown>[];
  reply_count?: number;
  latest_reply?: string;
}

export interface EphemeralMessage {
  channel: string;
  user: string;
  text?: string;
  blocks?: unknown[];
  thread_ts?: string;
  message_ts: string;
}

export interface ResponseUrlPost {
  id: string;
  body: Record<string, unknown>;
  at: number;
}

export interface StoredView {
  id: string;
  hash: string;
  team_id: string;
  app_id: string;
  bot_id: string;
  type: string;
  callback_id?: string;
  external_id?: string;
  private_metadata?: string;
  title?: unknown;
  submit?: unknown;
  close?: unknown;
  blocks: unknown[];
  state: { values: Record<string, unknown> };
  root_view_id: string;
  previous_view_id: string | null;
  /** Who the view was opened for (views.open/push) or published to (views.publish). */
  user_id: string;
  [key: string]: unknown;
}

export type SlackStandInEvent =
  | { kind: 'call'; call: SlackApiCall }
  | { kind: 'message.posted' | 'message.updated' | 'message.deleted'; message: StoredMessage }
  | { kind: 'message.ephemeral'; ephemeral: EphemeralMessage }
  | { kind: 'response_url'; post: ResponseUrlPost }
  | { kind: 'view.opened' | 'view.updated' | 'view.pushed' | 'view.published'; view: StoredView }
  | { kind: 'call.refused'; refusal: SlackRefusal };

/** A call Slack would have refused, with what it would have said: for the sandbox to show in red. */
export interface SlackRefusal {
  method: string;
  error: string;
  /** Slack's `response_metadata.messages` (empty for errors that carry none). */
  messages: string[];
  channel?: string;
  thread_ts?: string;
  /** The user whose modal or App Home it would have been (views.*). */
  user_id?: string;
  view_id?: string;
  at: number;
}

export type Args = Record<string, unknown>;
export type ApiResult = Record<string, unknown> & { ok: boolean };
export type SlackMethod = (args: Args, call?: { token?: string }) => ApiResult | Promise<ApiResult>;

/** What a method module may use: the stand-in's identity, clock, stores and event stream. */
export interface StandInContext {
  teamId: string;
  botUserId: string;
  botId: string;
  appId: string;
  /** `http://host:port` of this stand-in (for URLs it hands out). */
  baseUrl(): string;
  now(): number;
  nextTs(): string;
  /** The channel's messages, oldest first (mutable: a method may append). */
  channelMessages(channel: string): StoredMessage[];
  emit(event: SlackStandInEvent): void;
}

/** A raw HTTP route a method module serves beside the API (e.g. an upload URL), by path prefix. */
export type SlackRoute = (request: IncomingMessage, response: ServerResponse, body: Buffer) => void;

export type SlackMethodModule = (context: StandInContext) => {
  methods: Record<string, SlackMethod>;
  routes?: Record<string, SlackRoute>;
};
