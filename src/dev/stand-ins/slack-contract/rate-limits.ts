/**
 * Slack's Web API rate limits, for the stand-in: each method's tier (requests per minute per workspace)
 * and the special limit on posting (about one message per second per channel). A call over the limit gets
 * HTTP 429 with `Retry-After` in whole seconds and `{ok: false, error: "ratelimited"}`, as Slack answers.
 *
 * Rates: https://docs.slack.dev/apis/web-api/rate-limits ("Tier 1: 1+ per minute … Tier 4: 100+ per minute";
 * "chat.postMessage … generally allows posting one message per second per channel, while also maintaining a
 * workspace-wide limit"; "Slack allows bursts over the limit for short periods"). Each method's tier is on its
 * own reference page, https://docs.slack.dev/reference/methods/<method> ("Rate limits" row).
 * The size of a "short burst" is not documented; BURST below is our assumption, kept small so that a client
 * that ignores Retry-After is caught. Development only; must never be looser than the documented rates.
 */

export type Tier = 1 | 2 | 3 | 4 | 'post';

/** Requests per minute per workspace for each tier (the documented "N+" minimum). */
const PER_MINUTE: Record<1 | 2 | 3 | 4, number> = { 1: 1, 2: 20, 3: 50, 4: 100 };

/** Posting: one message per second per channel. */
const POSTS_PER_SECOND = 1;
/** Our assumption for Slack's undocumented "short burst" of posts to one channel. */
const POST_BURST = 5;

/** Each method's tier, from its reference page. Methods not listed are Tier 3 (the common default). */
export const METHOD_TIERS: Record<string, Tier> = {
  'chat.postMessage': 'post',
  'chat.update': 3,
  'chat.delete': 3,
  'chat.postEphemeral': 4,
  'chat.getPermalink': 4,
  'conversations.history': 3,
  'conversations.replies': 3,
  'conversations.info': 3,
  'users.info': 4,
  'views.open': 4,
  'views.push': 4,
  'views.update': 4,
  'views.publish': 4,
  'auth.test': 4,
  'apps.connections.open': 1,
  'files.getUploadURLExternal': 4,
  'files.completeUploadExternal': 4,
};

interface Bucket {
  tokens: number;
  at: number;
}

export interface RateLimiter {
  /** Takes one call's token; returns the seconds to wait (Retry-After) when there is none. */
  take(method: string, channel?: string): number | undefined;
  reset(): void;
}

/** Token buckets: a tier holds a minute's worth (refilled evenly); a channel holds POST_BURST posts. */
export function createRateLimiter(now: () => number = Date.now): RateLimiter {
  const buckets = new Map<string, Bucket>();

  function take(key: string, capacity: number, perSecond: number): number | undefined {
    const t = now();
    const bucket = buckets.get(key) ?? { tokens: capacity, at: t };
    bucket.tokens = Math.min(capacity, bucket.tokens + ((t - bucket.at) / 1000) * perSecond);
    bucket.at = t;
    buckets.set(key, bucket);
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return undefined;
    }
    // Retry-After is whole seconds; never 0, or a client would retry at once.
    return Math.max(1, Math.ceil((1 - bucket.tokens) / perSecond));
  }

  return {
    take(method, channel) {
      const tier = METHOD_TIERS[method] ?? 3;
      if (tier === 'post') {
        // The workspace-wide posting limit is undocumented; the per-channel one is what a busy thread meets.
        return take(`post:${channel ?? ''}`, POST_BURST, POSTS_PER_SECOND);
      }
      const perMinute = PER_MINUTE[tier];
      return take(`tier:${method}`, perMinute, perMinute / 60);
    },
    reset: () => buckets.clear(),
  };
}
