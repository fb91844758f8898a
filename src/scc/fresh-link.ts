/**
 * "Email me a fresh link" on a replaced link's page: a crew member whose old link was replaced (the charter
 * changed and a newer link went out) gets their current link mailed again, so an old email is never a dead
 * end (issue #18).
 *
 * Safe against abuse because:
 * - it mails only the address on file for that person on that charter, never one from the request, and the
 *   request carries nothing but the old link's own signed token (a cross-site POST can at worst mail the
 *   owner their own link);
 * - only a genuine, unexpired link of an older version of someone still on the live charter qualifies;
 * - it is rate-limited per person and charter in the table (slots with a TTL, so they hold across Lambda
 *   containers): one email per 10 minutes and three a day; a refused request takes no slot;
 * - the same 10-minute window names the email (a follow-up key), so a double submit sends one email;
 * - pages show at most a masked hint of the address ("s•••@c•••.com"), never the address.
 * Must never log a token, a link or an address.
 */
import { createHash } from 'node:crypto';
import type { BrandDirectory } from '../config';
import type { Brand } from '../domain';
import type { Logger } from '../logging';
import { ReplacedLinkRefused, resolveCrewLink } from './crew-access';
import type { CrewFollowUps } from './crew-follow-ups';
import type { CrewLinkSettings } from './crew-links';
import type { SccEventStore } from './event-store';

export interface FreshLinkLimits {
  /** At most one email per window of this many seconds. */
  windowSeconds: number;
  /** At most this many emails per UTC day. */
  perDay: number;
}

export const FRESH_LINK_LIMITS: FreshLinkLimits = { windowSeconds: 600, perDay: 3 };

const DAY_SECONDS = 24 * 3600;

export type FreshLinkOutcome =
  /** The link is the person's current one: nothing to send, open the page. */
  | { kind: 'current' }
  | { kind: 'sent'; title: string; brand: Brand | undefined; addressHint: string }
  | {
      kind: 'limited';
      title: string;
      brand: Brand | undefined;
      addressHint: string;
      retryAfterSeconds: number;
      reason: 'window' | 'day';
    }
  /** SES refused the address on file for good: the office has to fix it. */
  | { kind: 'undeliverable'; title: string; brand: Brand | undefined }
  /** SES could not take it just now; the slot was given back, so trying again soon works. */
  | { kind: 'failed'; title: string; brand: Brand | undefined };

export interface FreshLinkDeps {
  events: Pick<SccEventStore, 'loadState' | 'takeSlot' | 'releaseSlot'>;
  followUps: Pick<CrewFollowUps, 'sendFreshLink'>;
  brands: BrandDirectory;
  logger: Logger;
  now: () => Date;
  limits?: FreshLinkLimits;
}

export class FreshLinks {
  constructor(private readonly deps: FreshLinkDeps) {}

  /** Throws CrewLinkRefused (invalid, expired, removed, cancelled) like the crew page itself. */
  async request(token: string, links: CrewLinkSettings): Promise<FreshLinkOutcome> {
    const { events, logger } = this.deps;
    const limits = this.deps.limits ?? FRESH_LINK_LIMITS;
    let replaced: ReplacedLinkRefused;
    try {
      await resolveCrewLink(token, {
        events,
        brands: this.deps.brands,
        secret: links.secret,
        now: this.deps.now(),
      });
      return { kind: 'current' };
    } catch (error) {
      if (!(error instanceof ReplacedLinkRefused)) throw error;
      replaced = error;
    }
    const { state, assignment, brand } = replaced;
    const event = state.event;
    const title = event.title;
    const addressHint = maskEmail(assignment.assignment.email);
    const nowSeconds = Math.floor(this.deps.now().getTime() / 1000);
    const person = createHash('sha256').update(`fresh-link:${assignment.crewId}`).digest('hex').slice(0, 24);
    const window = nowSeconds - (nowSeconds % limits.windowSeconds);
    const day = nowSeconds - (nowSeconds % DAY_SECONDS);
    const log = logger.child({ eventId: event.id, crewId: assignment.crewId });

    const inWindow = await events.takeSlot(event.id, `${person}-w`, {
      start: window,
      expiresAt: window + 2 * limits.windowSeconds,
      limit: 1,
    });
    if (!inWindow) {
      log.info('fresh link refused: asked again within the window');
      return {
        kind: 'limited',
        title,
        brand,
        addressHint,
        retryAfterSeconds: window + limits.windowSeconds - nowSeconds,
        reason: 'window',
      };
    }
    const today = await events.takeSlot(event.id, `${person}-d`, {
      start: day,
      expiresAt: day + 2 * DAY_SECONDS,
      limit: limits.perDay,
    });
    if (!today) {
      log.info('fresh link refused: daily limit');
      return {
        kind: 'limited',
        title,
        brand,
        addressHint,
        retryAfterSeconds: day + DAY_SECONDS - nowSeconds,
        reason: 'day',
      };
    }
    const outcome = await this.deps.followUps.sendFreshLink(event, assignment, `fresh-${window}`, links);
    log.info('fresh link asked for', { state: outcome.state });
    if (outcome.state === 'rejected') return { kind: 'undeliverable', title, brand };
    if (outcome.state === 'failed') {
      await events.releaseSlot(event.id, `${person}-w`, window);
      await events.releaseSlot(event.id, `${person}-d`, day);
      return { kind: 'failed', title, brand };
    }
    return { kind: 'sent', title, brand, addressHint };
  }
}

/** "sam.okafor@crew.example.com" → "s•••@c•••.com": enough to recognise one's own address, not to learn it. */
export function maskEmail(address: string): string {
  const at = address.lastIndexOf('@');
  const local = at > 0 ? address.slice(0, at) : address;
  const domain = at > 0 ? address.slice(at + 1) : '';
  const labels = domain.split('.');
  const tld = labels.length > 1 ? labels[labels.length - 1] : '';
  return `${[...local][0] ?? ''}•••@${[...domain][0] ?? ''}•••${tld ? `.${tld}` : ''}`;
}
