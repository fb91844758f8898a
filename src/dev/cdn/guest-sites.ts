/**
 * The brands' guest sites on one machine, served the way CloudFront serves them in AWS: the real
 * viewer-request function file (infra/functions/guest-rewrite.js) runs first, then the edge cache, then the
 * brand's bucket (s3rver) as origin. Reached at /sites/<domain>/… on the gateway, or at
 * http://<domain>.localhost:<PORT>/… where absolute links on the pages work as they do on the real domain.
 * Headers per path and the answer for a missing object come from src/guest/edge-config.ts, the description
 * the CDK builds the distributions from: the brand's 404.html with status 404, or S3's own 403 when that page
 * is missing too (as CloudFront does when it cannot fetch a custom error page).
 * Development only. Never serves anything but GET/HEAD, as the distributions allow.
 */
import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { GetObjectCommand, type S3Client, S3ServiceException } from '@aws-sdk/client-s3';
import type { BrandDirectory } from '../../config';
import type { Brand } from '../../domain';
import {
  edgeBehaviorFor,
  edgeHeaderValues,
  GUEST_EDGE,
  type ViewerRequestFunction,
  viewerRequestEvent,
} from '../../guest';
import type { EdgeCache } from './edge-cache';

export interface GuestSitesOptions {
  brands: BrandDirectory;
  s3: S3Client;
  viewerRequest: ViewerRequestFunction;
  cache: EdgeCache;
  /** CloudFront's default root object. */
  defaultRootObject?: string;
}

export interface GuestSites {
  /** Serves a request for `uri` (path and query as the viewer sent them) on the brand's distribution. */
  serve(brand: Brand, uri: string, request: IncomingMessage, response: ServerResponse): Promise<void>;
  /** The brand a `<domain>.localhost[:port]` Host header names, if any. */
  brandForHost(host: string): Brand | undefined;
}

const ALLOWED = new Set(['GET', 'HEAD']);
const FORWARDED_HEADERS = ['content-type', 'cache-control', 'etag', 'last-modified', 'content-language'];

export function createGuestSites(options: GuestSitesOptions): GuestSites {
  const { brands, s3, viewerRequest, cache } = options;
  const rootObject = options.defaultRootObject ?? 'index.html';

  async function serve(brand: Brand, uri: string, request: IncomingMessage, response: ServerResponse) {
    const method = (request.method ?? 'GET').toUpperCase();
    const requestId = randomBytes(20).toString('base64url');
    const edgeHeaders = {
      via: '1.1 local.cloudfront.net (CloudFront)',
      'x-amz-cf-pop': 'LOCAL',
      'x-amz-cf-id': requestId,
    };
    if (!ALLOWED.has(method)) {
      return send(
        response,
        method,
        403,
        { 'content-type': 'text/plain', ...edgeHeaders, 'x-cache': 'Error from cloudfront' },
        Buffer.from(
          'This distribution is not configured to allow the HTTP request method that was used for this request.',
        ),
      );
    }
    const [path = '/', search = ''] = splitUri(uri);
    const event = viewerRequestEvent({
      uri: path,
      search,
      method,
      headers: { ...request.headers, host: brand.domain },
      ip: request.socket.remoteAddress ?? '127.0.0.1',
    });
    event.context.distributionId = brand.distributionId;
    event.context.requestId = requestId;
    const outcome = await viewerRequest(event);

    if (outcome.kind === 'response') {
      const answer = outcome.response;
      const headers: Record<string, string> = {
        ...edgeHeaders,
        'x-cache': 'FunctionGeneratedResponse from cloudfront',
      };
      for (const [name, entry] of Object.entries(answer.headers ?? {})) headers[name] = entry.value;
      const body =
        typeof answer.body === 'string'
          ? Buffer.from(answer.body)
          : answer.body
            ? Buffer.from(answer.body.data, answer.body.encoding === 'base64' ? 'base64' : 'utf8')
            : Buffer.alloc(0);
      return send(response, method, answer.statusCode, headers, body);
    }

    const key = outcome.request.uri === '/' ? `/${rootObject}` : outcome.request.uri;
    // The response headers policy of the behaviour the rewritten path falls under, overriding the origin.
    const policyHeaders = edgeHeaderValues(edgeBehaviorFor(key).headers);
    const cached = cache.get(brand.distributionId, key);
    if (cached) {
      const age = Math.floor((Date.now() - cached.storedAt) / 1000);
      return send(
        response,
        method,
        cached.status,
        {
          ...cached.headers,
          ...policyHeaders,
          ...edgeHeaders,
          age: String(age),
          'x-cache': cached.status >= 400 ? 'Error from cloudfront' : 'Hit from cloudfront',
        },
        cached.body,
      );
    }
    const fetched = await fetchWithErrorPage(brand, key);
    cache.put(brand.distributionId, key, fetched, fetched.ttlSeconds);
    return send(
      response,
      method,
      fetched.status,
      {
        ...fetched.headers,
        ...policyHeaders,
        ...edgeHeaders,
        'x-cache': fetched.status >= 400 ? 'Error from cloudfront' : 'Miss from cloudfront',
      },
      fetched.body,
    );
  }

  /** The distribution's custom error responses: a 403 or 404 from the bucket becomes the brand's 404 page. */
  async function fetchWithErrorPage(
    brand: Brand,
    uri: string,
  ): Promise<OriginAnswer & { ttlSeconds?: number }> {
    const { errorPage } = GUEST_EDGE;
    const fetched = await fetchFromOrigin(brand, uri);
    if (!(errorPage.originStatuses as readonly number[]).includes(fetched.status)) return fetched;
    const page = await fetchFromOrigin(brand, errorPage.path);
    if (page.status !== 200) return fetched;
    return { ...page, status: errorPage.responseStatus, ttlSeconds: errorPage.ttlSeconds };
  }

  async function fetchFromOrigin(brand: Brand, uri: string): Promise<OriginAnswer> {
    let objectKey: string;
    try {
      objectKey = decodeURIComponent(uri.slice(1));
    } catch {
      return accessDenied();
    }
    try {
      const object = await s3.send(new GetObjectCommand({ Bucket: brand.bucket, Key: objectKey }));
      const body = Buffer.from((await object.Body?.transformToByteArray()) ?? new Uint8Array());
      const headers: Record<string, string> = {};
      const fields: Record<string, string | Date | undefined> = {
        'content-type': object.ContentType,
        'cache-control': object.CacheControl,
        etag: object.ETag,
        'last-modified': object.LastModified?.toUTCString(),
        'content-language': object.ContentLanguage,
      };
      for (const name of FORWARDED_HEADERS) {
        const value = fields[name];
        if (value !== undefined) headers[name] = String(value);
      }
      return { status: 200, headers, body };
    } catch (error) {
      // Through Origin Access Control without ListBucket, S3 answers a missing key with 403 AccessDenied.
      if (error instanceof S3ServiceException && [403, 404].includes(error.$metadata.httpStatusCode ?? 0)) {
        return accessDenied();
      }
      throw error;
    }
  }

  return {
    serve,
    brandForHost(host) {
      const name = host.replace(/:\d+$/, '').toLowerCase();
      if (!name.endsWith('.localhost')) return undefined;
      const domain = name.slice(0, -'.localhost'.length);
      return brands.all.find((b) => b.domain === domain);
    },
  };
}

interface OriginAnswer {
  status: number;
  headers: Record<string, string>;
  body: Buffer;
}

/** What a private bucket behind Origin Access Control answers for a key that is not there. */
function accessDenied(): OriginAnswer {
  return {
    status: 403,
    headers: { 'content-type': 'application/xml' },
    body: Buffer.from(
      '<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>AccessDenied</Code><Message>Access Denied</Message></Error>',
    ),
  };
}

function splitUri(uri: string): [string, string] {
  const at = uri.indexOf('?');
  return at === -1 ? [uri, ''] : [uri.slice(0, at), uri.slice(at + 1)];
}

function send(
  response: ServerResponse,
  method: string,
  status: number,
  headers: Record<string, string>,
  body: Buffer,
): void {
  response.writeHead(status, { ...headers, 'content-length': String(body.length) });
  response.end(method === 'HEAD' ? undefined : body);
}
