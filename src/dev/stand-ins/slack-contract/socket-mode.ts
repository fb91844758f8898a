/**
 * Socket Mode, as Slack runs it, for the Web API stand-in: `apps.connections.open` hands out a one-use WebSocket
 * URL; a client that connects gets `hello`, then envelopes (slash_commands, interactive, events_api) that it
 * must ack with their `envelope_id`; `disconnect` (e.g. refresh_requested) makes it reconnect through a fresh
 * `apps.connections.open`. Tests drive it through `SocketModeControls`. It must never accept a bot token for
 * the connection, a URL twice, or an ack for an envelope it did not send on that connection.
 * Protocol: https://docs.slack.dev/apis/events-api/using-socket-mode
 */
import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import WebSocket from 'ws';
import type { ApiResult, SlackMethod, StandInContext } from './method-module';

export type EnvelopeType = 'slash_commands' | 'interactive' | 'events_api';

export interface SocketModeAck {
  envelope_id: string;
  /** What the app put in `ack(…)`: a slash command's or view submission's answer. */
  payload?: Record<string, unknown>;
}

export interface SocketModeControls {
  /** Connections that got `hello` and are still open. */
  openConnections(): number;
  /** Every connection ever opened (a reconnect adds one). */
  connectionsOpened(): number;
  /** Resolves once `count` connections in all have said hello (e.g. 2 after one reconnect). */
  waitForConnections(count: number): Promise<void>;
  /** Sends an envelope on the newest connection; resolves with the app's ack. */
  send(type: EnvelopeType, payload: Record<string, unknown>): Promise<SocketModeAck>;
  /** Slack asks every open connection to go (its reason, e.g. refresh_requested), then closes them. */
  disconnect(reason?: 'refresh_requested' | 'warning' | 'link_disabled'): void;
  /** Acks that named no envelope sent on their connection (must stay empty). */
  strayAcks: unknown[];
}

/** Slack pings its end of the socket; clients treat a long silence as a dead link (SDK default: 30 s). */
const PING_EVERY_MS = 10_000;

interface Connection {
  socket: WebSocket;
  pending: Map<string, (ack: SocketModeAck) => void>;
}

export function socketModeModule(context: StandInContext): {
  methods: Record<string, SlackMethod>;
  upgrade(request: IncomingMessage, socket: Duplex, head: Buffer): void;
  controls: SocketModeControls;
  close(): void;
} {
  const server = new WebSocket.Server({ noServer: true });
  const tickets = new Set<string>();
  const open: Connection[] = [];
  let opened = 0;
  const waiters: Array<{ count: number; resolve: () => void }> = [];
  const strayAcks: unknown[] = [];

  const methods: Record<string, SlackMethod> = {
    // https://docs.slack.dev/reference/methods/apps.connections.open: needs an app-level token (xapp-…) with
    // connections:write; any other token type is `not_allowed_token_type`.
    'apps.connections.open': (_args, call): ApiResult => {
      if (!call?.token?.startsWith('xapp-')) return { ok: false, error: 'not_allowed_token_type' };
      const ticket = randomUUID();
      tickets.add(ticket);
      const ws = context.baseUrl().replace(/^http/, 'ws');
      return { ok: true, url: `${ws}/socket-mode/link/?ticket=${ticket}&app_id=${context.appId}` };
    },
  };

  function upgrade(request: IncomingMessage, socket: Duplex, head: Buffer): void {
    const url = new URL(request.url ?? '/', 'http://stand-in');
    const ticket = url.searchParams.get('ticket') ?? '';
    // The URL is good for one connection: a second use (or a made-up one) is refused.
    if (url.pathname !== '/socket-mode/link/' || !tickets.delete(ticket)) {
      socket.end('HTTP/1.1 401 Unauthorized\r\ncontent-length: 0\r\n\r\n');
      return;
    }
    server.handleUpgrade(request, socket, head, (ws) => accept(ws));
  }

  function accept(socket: WebSocket): void {
    const connection: Connection = { socket, pending: new Map() };
    open.push(connection);
    opened += 1;
    const pinger = setInterval(() => socket.ping(), PING_EVERY_MS);
    pinger.unref();
    socket.on('message', (data: unknown) => {
      let ack: SocketModeAck | undefined;
      try {
        ack = JSON.parse(String(data)) as SocketModeAck;
      } catch {
        strayAcks.push(String(data));
        return;
      }
      const settle =
        typeof ack?.envelope_id === 'string' ? connection.pending.get(ack.envelope_id) : undefined;
      if (!settle) {
        strayAcks.push(ack);
        return;
      }
      connection.pending.delete(ack.envelope_id);
      settle(ack);
    });
    socket.on('close', () => {
      clearInterval(pinger);
      const at = open.indexOf(connection);
      if (at >= 0) open.splice(at, 1);
    });
    socket.send(
      JSON.stringify({
        type: 'hello',
        num_connections: open.length,
        debug_info: { host: 'stand-in', approximate_connection_time: 18060 },
        connection_info: { app_id: context.appId },
      }),
    );
    for (const waiter of waiters.splice(0)) {
      if (opened >= waiter.count) waiter.resolve();
      else waiters.push(waiter);
    }
  }

  const controls: SocketModeControls = {
    openConnections: () => open.length,
    connectionsOpened: () => opened,
    waitForConnections: (count) =>
      opened >= count ? Promise.resolve() : new Promise((resolve) => waiters.push({ count, resolve })),
    send(type, payload) {
      const connection = open.at(-1);
      if (!connection) return Promise.reject(new Error('No Socket Mode connection is open.'));
      const envelopeId = randomUUID();
      return new Promise<SocketModeAck>((resolve) => {
        connection.pending.set(envelopeId, resolve);
        connection.socket.send(
          JSON.stringify({
            envelope_id: envelopeId,
            type,
            payload,
            // Events get no answer in their ack; commands and interactions may answer in it.
            accepts_response_payload: type !== 'events_api',
            ...(type === 'events_api' ? { retry_attempt: 0, retry_reason: '' } : {}),
          }),
        );
      });
    },
    disconnect(reason = 'refresh_requested') {
      for (const connection of [...open]) {
        connection.socket.send(
          JSON.stringify({ type: 'disconnect', reason, debug_info: { host: 'stand-in' } }),
        );
      }
    },
    strayAcks,
  };

  return {
    methods,
    upgrade,
    controls,
    close() {
      for (const connection of open.splice(0)) connection.socket.terminate();
      server.close();
    },
  };
}
