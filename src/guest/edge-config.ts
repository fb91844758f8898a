/**
 * The guest sites' edge, described once: which headers each path gets, how long pages are cached and what a
 * missing page answers. The CDK builds each brand's CloudFront distribution from this description
 * (infra/lib/constructs/guest-site.ts) and the local CDN (src/dev/cdn/guest-sites.ts) serves by it, so the
 * two cannot drift apart.
 *
 * Pure data and two small helpers; must never read the environment or import the CDK.
 */

/** The security headers a behaviour adds, overriding whatever the origin sent. */
export interface EdgeSecurityHeaders {
  /** Content-Security-Policy, when the behaviour sets one. */
  readonly contentSecurityPolicy?: string;
  /** X-Content-Type-Options: nosniff. */
  readonly noSniff: true;
  readonly frameOptions: 'DENY' | 'SAMEORIGIN';
  readonly referrerPolicy: 'no-referrer' | 'strict-origin-when-cross-origin';
  readonly hstsMaxAgeSeconds: number;
  /** X-XSS-Protection: 1; mode=block (older browsers). */
  readonly xssProtectionBlock: true;
}

export interface EdgeBehavior {
  /** CloudFront path pattern; the default behaviour has none. */
  readonly pathPattern?: string;
  readonly headers: EdgeSecurityHeaders;
  /**
   * `managed-security-headers`: CloudFront's managed SecurityHeadersPolicy, whose values `headers` repeats
   * (https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/using-managed-response-headers-policies.html);
   * `custom`: a response headers policy built from `headers`.
   */
  readonly headersPolicy: 'managed-security-headers' | 'custom';
}

/** CloudFront's managed SecurityHeadersPolicy, as documented (link above). */
const MANAGED_SECURITY_HEADERS: EdgeSecurityHeaders = {
  noSniff: true,
  frameOptions: 'SAMEORIGIN',
  referrerPolicy: 'strict-origin-when-cross-origin',
  hstsMaxAgeSeconds: 31_536_000,
  xssProtectionBlock: true,
};

/**
 * Crew photos are files from outside, served on the brand's own origin: even if a script slipped into one,
 * `sandbox` and `default-src 'none'` keep it from running or loading anything, and `nosniff` keeps the
 * browser to the Content-Type the presign fixed.
 */
export const PHOTO_CONTENT_SECURITY_POLICY = "default-src 'none'; sandbox";

export const GUEST_EDGE = {
  defaultBehavior: { headers: MANAGED_SECURITY_HEADERS, headersPolicy: 'managed-security-headers' },
  additionalBehaviors: [
    {
      pathPattern: '/assets/*',
      headers: MANAGED_SECURITY_HEADERS,
      headersPolicy: 'managed-security-headers',
    },
    {
      pathPattern: '/photos/*',
      headers: {
        ...MANAGED_SECURITY_HEADERS,
        contentSecurityPolicy: PHOTO_CONTENT_SECURITY_POLICY,
        frameOptions: 'DENY',
        referrerPolicy: 'no-referrer',
      },
      headersPolicy: 'custom',
    },
  ],
  /**
   * A missing object (the private bucket answers 403 to CloudFront for it, a 404 where listing is allowed)
   * becomes the brand's own `404.html` with status 404, cached briefly so a page published a moment later
   * shows up soon. https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/GeneratingCustomErrorResponses.html
   */
  errorPage: {
    key: '404.html',
    path: '/404.html',
    originStatuses: [403, 404],
    responseStatus: 404,
    ttlSeconds: 60,
  },
} as const satisfies {
  defaultBehavior: EdgeBehavior;
  additionalBehaviors: readonly EdgeBehavior[];
  errorPage: unknown;
};

/** The behaviour CloudFront picks for a (rewritten) request path: the first matching pattern, else default. */
export function edgeBehaviorFor(path: string): EdgeBehavior {
  for (const behavior of GUEST_EDGE.additionalBehaviors) {
    if (matchesPathPattern(behavior.pathPattern, path)) return behavior;
  }
  return GUEST_EDGE.defaultBehavior;
}

/** CloudFront path patterns: `*` matches any run of characters, `?` one; case-sensitive. */
export function matchesPathPattern(pattern: string, path: string): boolean {
  const source = pattern
    .split('')
    .map((c) => (c === '*' ? '.*' : c === '?' ? '.' : c.replace(/[\\^$.|+()[\]{}]/g, '\\$&')))
    .join('');
  return new RegExp(`^${source}$`).test(path);
}

/** The header lines a behaviour adds to every response, lower-case names as HTTP/2 sends them. */
export function edgeHeaderValues(headers: EdgeSecurityHeaders): Record<string, string> {
  return {
    ...(headers.contentSecurityPolicy ? { 'content-security-policy': headers.contentSecurityPolicy } : {}),
    'x-content-type-options': 'nosniff',
    'x-frame-options': headers.frameOptions,
    'referrer-policy': headers.referrerPolicy,
    'strict-transport-security': `max-age=${headers.hstsMaxAgeSeconds}`,
    'x-xss-protection': '1; mode=block',
  };
}
