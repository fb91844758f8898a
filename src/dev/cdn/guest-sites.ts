/**
 * The brands' guest sites on one machine, served the way CloudFront serves them in AWS: the real
 * viewer-request function file (infra/functions/guest-rewrite.js) runs first, then the edge cache, then the
 * brand's bucket (s3rver) as origin. Reached at /sites/<domain>/… on the gateway, or at
 * http://<domain>.localhost:<PORT>/… where absolute links on the pages work as they do on the real domain.
 * Development only. Never serves anything but GET/HEAD, as the distributions allow.
 */
import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { GetObjectCommand, type S3Client, S3ServiceException } from '@aws-sdk/client-s3';
import type { BrandDirectory } from '../../config/brands';
import type { Brand } from '../../domain/catalogue';
import { type ViewerRequestFunction, viewerRequestEvent } from '../../guest/cloudfront-function';
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
    const cached = cache.get(brand.distributionId, key);
    if (cached) {
      const age = Math.floor((Date.now() - cached.storedAt) / 1000);
      return send(
        response,
        method,
        cached.status,
        {
          ...cached.headers,
          ...edgeHeaders,
          age: String(age),
          'x-cache': cached.status >= 400 ? 'Error from cloudfront' : 'Hit from cloudfront',
        },
        cached.body,
      );
    }
    const fetched = await fetchFromOrigin(brand, key);
    cache.put(brand.distributionId, key, fetched);
    return send(
      response,
      method,
      fetched.status,
      {
        ...fetched.headers,
        ...edgeHeaders,
        'x-cache': fetched.status >= 400 ? 'Error from cloudfront' : 'Miss from cloudfront',
      },
      fetched.body,
    );
  }

  async function fetchFromOrigin(brand: Brand, uri: string) {
    let objectKey: string;
    try {
      objectKey = decodeURIComponent(uri.slice(1));
    } catch {
      return notFound();
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
      // A private bucket answers 403 for a missing key; the distributions turn both into the same 404.
      if (error instanceof S3ServiceException && [403, 404].includes(error.$metadata.httpStatusCode ?? 0)) {
        return notFound();
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

function notFound() {
  return {
    status: 404,
    headers: { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' },
    body: Buffer.from(
      '<!doctype html><html lang="en"><meta charset="utf-8"><title>Not found</title>' +
        '<body style="font-family:system-ui;margin:4rem auto;max-width:32rem;text-align:center">' +
        '<h1>There is no charter page here</h1><p>Check the address in your invitation.</p></body></html>',
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
