/**
 * The Slack sandbox answers only itself. Its API acts as any person in the workspace (it signs requests to
 * the app), so a web page elsewhere must not be able to drive it:
 *   - DNS rebinding: a page on evil.example whose name later resolves to 127.0.0.1 sends `Host: evil.example`;
 *     only `localhost` and IP literals (which cannot be rebound) are served.
 *   - Cross-origin POSTs: a form or `fetch(…, {mode: 'no-cors'})` can send `text/plain` or form bodies
 *     without a preflight, never `application/json`; and a browser names the page's Origin, which must be
 *     the sandbox's own.
 * Development only. Must never trust a request because it comes from the loopback interface alone.
 */
import type { IncomingMessage } from 'node:http';
import { isIP } from 'node:net';

export type OriginVerdict = { ok: true } | { ok: false; status: 403 | 415; reason: string };

function hostnameOf(host: string): string | undefined {
  try {
    return new URL(`http://${host}`).hostname.replace(/^\[|\]$/g, '');
  } catch {
    return undefined;
  }
}

/** Host names the sandbox serves: localhost, and IP literals (a rebinding attack needs a domain name). */
function isOwnHostname(hostname: string | undefined): boolean {
  return hostname !== undefined && (hostname === 'localhost' || isIP(hostname) !== 0);
}

export function checkSandboxRequest(request: IncomingMessage): OriginVerdict {
  const host = request.headers.host ?? '';
  if (!isOwnHostname(hostnameOf(host)))
    return {
      ok: false,
      status: 403,
      reason: 'This sandbox only answers requests to localhost or its IP address.',
    };
  const method = request.method ?? 'GET';
  const origin = request.headers.origin;
  if (origin !== undefined && origin !== `http://${host}` && origin !== `https://${host}`)
    return { ok: false, status: 403, reason: 'This sandbox only answers its own page.' };
  const site = request.headers['sec-fetch-site'];
  if (site !== undefined && site !== 'same-origin' && site !== 'none')
    return { ok: false, status: 403, reason: 'This sandbox only answers its own page.' };
  if (method === 'POST') {
    const type = (request.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase();
    if (type !== 'application/json')
      return { ok: false, status: 415, reason: 'The sandbox API takes application/json only.' };
  }
  return { ok: true };
}
