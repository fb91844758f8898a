/**
 * The booking's thread in the ops channel, through the Slack Web API. Every message the pipeline posts
 * carries `metadata` naming the booking (and, for replies, what the reply is about), so that a step that
 * crashed after posting finds its message again instead of posting a second one: the root through
 * conversations.history, replies through conversations.replies (both with include_all_metadata).
 *
 * Ops channel only: callers hand it messages rendered from opsView. Reads and chat.update are tried a few
 * times with backoff (retryCall); chat.postMessage is tried once, since only the step's search-before-post
 * can repeat it safely. The WebClient's own retries are off and it rejects rate-limited calls, so that every
 * call here waits out Slack's Retry-After itself (waitOutRateLimits: a 429 means Slack did nothing, so even
 * a post is safe to repeat) and a busy channel slows the thread down instead of failing the step.
 */
import { LogLevel, WebClient } from '@slack/web-api';
import type { RetrySettings, SecretSource } from '../config';
import { describeFailure, retryCall } from '../retry';
import type { SlackMessage } from '../slack/blocks/primitives';
import { METADATA_EVENT } from '../slack/ids';
import { waitOutRateLimits } from './slack-rate-limit-wait';

/** The root message's metadata event type (the renderer sets it; the search looks for it). */
export const ROOT_EVENT_TYPE = METADATA_EVENT.bookingThread;
/** Thread replies posted by the pipeline carry this event type and a `key` saying what they report. */
export const REPLY_EVENT_TYPE = 'charter_booking_update';

export interface RootSlackMessage extends SlackMessage {
  metadata: { event_type: string; event_payload: Record<string, string | number | boolean> };
}

export interface SlackThreadOptions {
  apiUrl: string;
  channel: string;
  botToken: SecretSource;
  timeoutMs: number;
  /** Tries per Web API call. */
  callRetry: RetrySettings;
}

interface HistoryMessage {
  ts?: string;
  thread_ts?: string;
  metadata?: { event_type?: string; event_payload?: Record<string, unknown> };
}

const HISTORY_PAGE = 200;
/** How far back the root is looked for before the booking existed, to allow for clock skew. */
const SEARCH_MARGIN_SECONDS = 3600;

export class SlackThread {
  private readonly client: WebClient;

  constructor(private readonly options: SlackThreadOptions) {
    this.client = new WebClient(undefined, {
      slackApiUrl: options.apiUrl,
      retryConfig: { retries: 0 },
      rejectRateLimitedCalls: true,
      timeout: options.timeoutMs,
      // Failures reach our logs through the step runner, in plain words; the client's own warnings are noise.
      logLevel: LogLevel.ERROR,
    });
  }

  get channel(): string {
    return this.options.channel;
  }

  private retry<T>(call: () => Promise<T>): Promise<T> {
    return retryCall(
      () => waitOutRateLimits(call),
      this.options.callRetry,
      (error) => describeFailure(error, 'Slack'),
    );
  }

  /**
   * The root message of a booking posted earlier, found by its metadata among top-level messages posted since
   * `since` (the booking's creation). Undefined when there is none.
   */
  async findRoot(bookingId: string, since: Date): Promise<string | undefined> {
    const token = await this.options.botToken.get();
    const oldest = String(Math.floor(since.getTime() / 1000) - SEARCH_MARGIN_SECONDS);
    let cursor: string | undefined;
    let latest: string | undefined;
    for (;;) {
      const page = await this.retry(() =>
        this.client.conversations.history({
          token,
          channel: this.options.channel,
          oldest,
          ...(latest ? { latest } : {}),
          ...(cursor ? { cursor } : {}),
          limit: HISTORY_PAGE,
          include_all_metadata: true,
        }),
      );
      const messages = (page.messages ?? []) as HistoryMessage[];
      const found = messages.find(
        (m) =>
          m.metadata?.event_type === ROOT_EVENT_TYPE && m.metadata.event_payload?.bookingId === bookingId,
      );
      if (found?.ts) return found.ts;
      if (!page.has_more || messages.length === 0) return undefined;
      cursor = page.response_metadata?.next_cursor || undefined;
      // Without a cursor, page back in time from the oldest message seen (newest first).
      if (!cursor) latest = messages[messages.length - 1]?.ts;
    }
  }

  /**
   * Whether the root message is still in the channel (the drift audit): conversations.history narrowed to its
   * ts. A deleted root is gone from history, or, when it had replies, left as Slack's "tombstone" ("This
   * message was deleted.", subtype `tombstone`, https://docs.slack.dev/reference/events/message/message_deleted).
   */
  async rootExists(ts: string): Promise<boolean> {
    const token = await this.options.botToken.get();
    const page = await this.retry(() =>
      this.client.conversations.history({
        token,
        channel: this.options.channel,
        oldest: ts,
        latest: ts,
        inclusive: true,
        limit: 1,
      }),
    );
    const found = ((page.messages ?? []) as (HistoryMessage & { subtype?: string })[]).find(
      (m) => m.ts === ts,
    );
    return found !== undefined && found.subtype !== 'tombstone';
  }

  /** Posts the root; its metadata (event type ROOT_EVENT_TYPE, payload.bookingId) is what findRoot looks for. */
  async postRoot(message: RootSlackMessage): Promise<string> {
    // Never retried here: a lost answer can hide a posted message; only the step's search can tell.
    const ts = await this.postToChannel(message, message.metadata);
    if (!ts) throw new Error('Slack answered chat.postMessage without a ts.');
    return ts;
  }

  async updateRoot(ts: string, message: RootSlackMessage): Promise<void> {
    const token = await this.options.botToken.get();
    await this.retry(() =>
      this.client.chat.update({
        token,
        channel: this.options.channel,
        ts,
        text: message.text,
        blocks: message.blocks,
        metadata: message.metadata,
      }),
    );
  }

  /** A message of its own in the ops channel (the drift audit's summary); ops data only. Tried once. */
  async postNotice(message: SlackMessage): Promise<string> {
    return (await this.postToChannel(message)) ?? '';
  }

  /** One chat.postMessage to the ops channel (rate limits waited out, nothing else retried). */
  private async postToChannel(
    message: SlackMessage,
    metadata?: RootSlackMessage['metadata'],
  ): Promise<string | undefined> {
    const token = await this.options.botToken.get();
    const result = await waitOutRateLimits(() =>
      this.client.chat.postMessage({
        token,
        channel: this.options.channel,
        text: message.text,
        blocks: message.blocks,
        ...(metadata ? { metadata } : {}),
        unfurl_links: false,
      }),
    );
    return result.ts;
  }

  /** Keys of the replies already in the thread (set by postReply). */
  async replyKeys(rootTs: string): Promise<Set<string>> {
    const token = await this.options.botToken.get();
    const keys = new Set<string>();
    let cursor: string | undefined;
    do {
      const page = await this.retry(() =>
        this.client.conversations.replies({
          token,
          channel: this.options.channel,
          ts: rootTs,
          limit: HISTORY_PAGE,
          include_all_metadata: true,
          ...(cursor ? { cursor } : {}),
        }),
      );
      for (const m of (page.messages ?? []) as HistoryMessage[]) {
        const key = m.metadata?.event_type === REPLY_EVENT_TYPE ? m.metadata.event_payload?.key : undefined;
        if (typeof key === 'string') keys.add(key);
      }
      cursor = page.has_more ? page.response_metadata?.next_cursor || undefined : undefined;
    } while (cursor);
    return keys;
  }

  /**
   * A direct message from the app to one person (chat.postMessage with their user id as the channel opens
   * the app's DM with them). Crew-facing: callers hand it messages rendered from crewView only. Tried once,
   * like the other posts; the caller records what it sent.
   */
  async postDirect(userId: string, message: SlackMessage): Promise<string> {
    const result = await this.client.chat.postMessage({
      token: await this.options.botToken.get(),
      channel: userId,
      text: message.text,
      blocks: message.blocks,
      unfurl_links: false,
    });
    return result.ts ?? '';
  }

  async postReply(rootTs: string, bookingId: string, key: string, message: SlackMessage): Promise<string> {
    // Never retried here, like postRoot: the step looks for the reply's key before posting it again.
    const token = await this.options.botToken.get();
    const result = await waitOutRateLimits(() =>
      this.client.chat.postMessage({
        token,
        channel: this.options.channel,
        thread_ts: rootTs,
        text: message.text,
        blocks: message.blocks,
        metadata: { event_type: REPLY_EVENT_TYPE, event_payload: { bookingId, key } },
        unfurl_links: false,
      }),
    );
    return result.ts ?? '';
  }
}
