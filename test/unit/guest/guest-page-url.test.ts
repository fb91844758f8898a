/** The one guest page URL (src/guest/paths.ts): the configured guest site (GUEST_SITE_URL) plus /g/<slug>. */
import { describe, expect, it } from 'vitest';
import { guestSiteUrl } from '../../../src/config/brands';
import { guestPageUrl, guestPageUrlOf } from '../../../src/guest/paths';

describe('guestPageUrl', () => {
  it('puts the page under the configured site, not the bare brand domain', () => {
    const url = guestPageUrlOf((domain) => guestSiteUrl('http://localhost:3000/sites/{domain}', domain));
    expect(url({ domain: 'sailjada.com', slug: 'sunset-sail' })).toBe(
      'http://localhost:3000/sites/sailjada.com/g/sunset-sail',
    );
  });

  it('is https://<domain>/g/<slug> with the default GUEST_SITE_URL', () => {
    expect(guestPageUrl(guestSiteUrl('https://{domain}', 'sailjada.com'), 'sunset-sail')).toBe(
      'https://sailjada.com/g/sunset-sail',
    );
  });

  it('does not double a trailing slash of the site', () => {
    expect(guestPageUrl('https://cdn.example/', 'a')).toBe('https://cdn.example/g/a');
  });

  it('refuses a slug that could leave /g/', () => {
    expect(() => guestPageUrl('https://sailjada.com', '../admin')).toThrow(/cannot be used/);
  });
});
