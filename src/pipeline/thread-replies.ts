/**
 * The crew lifecycle's replies in a booking's ops thread (reminders sent, deadlines passed, who to offer a
 * place to, the post-charter prompt). Each reply has a key: it is posted once, however often the timer or
 * the stream record behind it arrives, and a run that crashed after posting finds it by its key in the
 * thread (the same metadata the pipeline's own replies carry) instead of posting it twice.
 *
 * Ops channel only: callers render from ops data (src/slack/blocks/follow-up-messages.ts).
 */
import type { SlackThread } from '../clients';
import type { SlackMessage } from '../slack/blocks/primitives';
import type { OnceOnly } from './once-only';
import type { StepRecordStore } from './step-records';

export type ReplyOutcome = 'posted' | 'already' | 'no-thread';

export interface ThreadRepliesDeps {
  thread: Pick<SlackThread, 'replyKeys' | 'postReply'> & Partial<Pick<SlackThread, 'postDirect'>>;
  /** Where the pipeline keeps the root message's ts (its slack-thread step record). */
  stepRecords: Pick<StepRecordStore, 'get'>;
  once: OnceOnly;
}

/** Keyed replies in a booking's ops thread (and keyed direct messages), each posted once. */
export class ThreadReplies {
  constructor(private readonly deps: ThreadRepliesDeps) {}

  /** The root message's ts, once the pipeline has posted it. */
  async rootTs(bookingId: string): Promise<string | undefined> {
    const record = await this.deps.stepRecords.get(bookingId, 'slack-thread');
    const ts = (record?.result as { ts?: unknown } | undefined)?.ts;
    return typeof ts === 'string' && ts ? ts : undefined;
  }

  /** Whether the reply `key` is known to be in the thread. */
  async isPosted(bookingId: string, key: string): Promise<boolean> {
    return this.deps.once.isDone(`reply:${bookingId}:${key}`);
  }

  /** Posts `message` under `key` in the booking's thread, unless it is there already. */
  async post(bookingId: string, key: string, message: SlackMessage): Promise<ReplyOutcome> {
    const replyKey = `lifecycle:${key}`;
    if (await this.isPosted(bookingId, key)) return 'already';
    const ts = await this.rootTs(bookingId);
    if (!ts) return 'no-thread';
    let posted = false;
    const outcome = await this.deps.once.run(`reply:${bookingId}:${key}`, async () => {
      const there = await this.deps.thread.replyKeys(ts);
      if (there.has(replyKey)) return;
      await this.deps.thread.postReply(ts, bookingId, replyKey, message);
      posted = true;
    });
    return outcome === 'done' && posted ? 'posted' : 'already';
  }

  /**
   * A direct message to one person under `key`, once (the once-only marker, as for replies). Crew-facing:
   * callers render it from crewView only. Without a direct-message client, nothing is sent.
   */
  async direct(bookingId: string, key: string, userId: string, message: SlackMessage): Promise<boolean> {
    const postDirect = this.deps.thread.postDirect?.bind(this.deps.thread);
    if (!postDirect) return false;
    let sent = false;
    await this.deps.once.run(`dm:${bookingId}:${key}`, async () => {
      await postDirect(userId, message);
      sent = true;
    });
    return sent;
  }
}
