/**
 * Where guest-site objects live in a brand's bucket and under which URL paths they are served. The one
 * place that spells `g/…` and `photos/…`; the CloudFront Function maps `/g/<name>` to `g/<name>.html`.
 */

const SAFE_NAME = /^[A-Za-z0-9][A-Za-z0-9_-]{0,127}$/;

/** Slugs and booking ids become object keys: refuse anything that could climb out of `g/`. */
export function assertSafeName(name: string, what: string): string {
  if (!SAFE_NAME.test(name)) throw new Error(`${what} "${name}" cannot be used in a guest-site path`);
  return name;
}

export function guestPageKey(name: string): string {
  return `g/${assertSafeName(name, 'Page name')}.html`;
}

export function guestCalendarKey(bookingId: string): string {
  return `g/${assertSafeName(bookingId, 'Booking id')}.ics`;
}

/** The URL path a guest types or shares: `/g/<slug>` (served from `g/<slug>.html`). */
export function guestPagePath(slug: string): string {
  return `/g/${assertSafeName(slug, 'Slug')}`;
}

/**
 * The one guest page URL: a brand's guest site (GUEST_SITE_URL, see config guestSiteUrl) plus `/g/<slug>`.
 * Slack, the pipeline, the lifecycle and the pages all link through this.
 */
export function guestPageUrl(siteUrl: string, slug: string): string {
  return `${siteUrl.replace(/\/+$/, '')}${guestPagePath(slug)}`;
}

/** A booking's guest page URL from the configured site of its brand. */
export type GuestPageUrl = (booking: { domain: string; slug: string }) => string;

/** GuestPageUrl over a config's `guestSiteUrl(domain)` (GUEST_SITE_URL). */
export function guestPageUrlOf(guestSiteUrl: (domain: string) => string): GuestPageUrl {
  return (booking) => guestPageUrl(guestSiteUrl(booking.domain), booking.slug);
}

export function guestCalendarPath(bookingId: string): string {
  return `/${guestCalendarKey(bookingId)}`;
}

/** The key prefix of a booking's crew-uploaded photos. */
export function photoPrefix(bookingId: string): string {
  return `photos/${assertSafeName(bookingId, 'Booking id')}/`;
}

export function isPhotoOfBooking(key: string, bookingId: string): boolean {
  const rest = key.startsWith(photoPrefix(bookingId)) ? key.slice(photoPrefix(bookingId).length) : '';
  return rest !== '' && !rest.includes('/') && !rest.startsWith('.') && !/\.\./.test(rest);
}

/** A photo key as a URL path, each segment percent-encoded. */
export function photoPath(key: string): string {
  return `/${key.split('/').map(encodeURIComponent).join('/')}`;
}

/** The invalidation path of an object key: CloudFront caches by the rewritten URI, i.e. the key itself. */
export function invalidationPath(key: string): string {
  return `/${key}`;
}
