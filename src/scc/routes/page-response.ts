/**
 * An HTML page from SCC (crew pages, notices, the guest unsubscribe page) with the headers every such page
 * carries: a CSP that allows only the page's own hashed style and script, posts to SCC itself and the
 * upload origins, no framing, no indexing.
 */
import { type HttpResponse, html } from '../../http';
import type { SccSettings } from '../app-deps';
import type { RenderedPage } from '../crew-templates';

export function pageResponse(settings: SccSettings, status: number, page: RenderedPage): HttpResponse {
  const formOrigin = new URL(settings.publicBaseUrl).origin;
  const csp = [
    "default-src 'none'",
    `style-src ${page.styleHash}`,
    page.scriptHash ? `script-src ${page.scriptHash}` : "script-src 'none'",
    `connect-src 'self' ${formOrigin} ${settings.uploadOrigins.join(' ')}`.trim(),
    "img-src 'self' data:",
    `form-action 'self' ${formOrigin}`,
    "base-uri 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
  return html(status, page.html, {
    'content-security-policy': csp,
    'x-frame-options': 'DENY',
    'x-robots-tag': 'noindex, nofollow',
  });
}
