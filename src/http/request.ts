/**
 * HTTP requests as every Lambda behind API Gateway (HTTP API, payload v2) sees them, reduced to what the
 * handlers need. The local gateway builds the same events, so a handler cannot tell it is running locally.
 */
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import type { z } from 'zod';
import { zodIssuesToFieldErrors } from '../domain';
import { PayloadTooLargeError, ValidationError } from '../errors';

export interface HttpRequest {
  method: string;
  /** Path with any stage or mount prefix removed, e.g. `/events/abc`. */
  path: string;
  headers: Readonly<Record<string, string>>;
  query: Readonly<Record<string, string>>;
  body: Buffer;
  sourceIp: string;
}

export const DEFAULT_MAX_BODY_BYTES = 256 * 1024;

export function toHttpRequest(event: APIGatewayProxyEventV2, stripPrefix = ''): HttpRequest {
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(event.headers ?? {})) if (v !== undefined) headers[k.toLowerCase()] = v;
  const query: Record<string, string> = {};
  for (const [k, v] of Object.entries(event.queryStringParameters ?? {})) if (v !== undefined) query[k] = v;
  const raw = event.body ?? '';
  let path = event.rawPath || '/';
  if (stripPrefix && path.startsWith(stripPrefix)) path = path.slice(stripPrefix.length) || '/';
  return {
    method: event.requestContext?.http?.method?.toUpperCase() ?? 'GET',
    path,
    headers,
    query,
    body: Buffer.from(raw, event.isBase64Encoded ? 'base64' : 'utf8'),
    sourceIp: event.requestContext?.http?.sourceIp ?? '',
  };
}

/** Parses a JSON body against a schema: 413 when too large, 400 with field messages when malformed. */
export function parseJsonBody<S extends z.ZodType>(
  request: HttpRequest,
  schema: S,
  maxBytes = DEFAULT_MAX_BODY_BYTES,
): z.output<S> {
  if (request.body.length > maxBytes) throw new PayloadTooLargeError(maxBytes);
  let json: unknown;
  try {
    json = JSON.parse(request.body.toString('utf8') || 'null');
  } catch {
    throw new ValidationError([{ field: '', message: 'The body is not valid JSON.' }]);
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) throw new ValidationError(zodIssuesToFieldErrors(parsed.error.issues));
  return parsed.data;
}

/** Parses an application/x-www-form-urlencoded body (HTML forms that work without JavaScript). */
export function parseFormBody(request: HttpRequest, maxBytes = 16 * 1024): Record<string, string> {
  if (request.body.length > maxBytes) throw new PayloadTooLargeError(maxBytes);
  return Object.fromEntries(new URLSearchParams(request.body.toString('utf8')));
}
