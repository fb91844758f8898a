/**
 * Runs the guest sites' CloudFront Function (infra/functions/guest-rewrite.js) outside CloudFront: the dev
 * gateway serves guest sites through it and the tests execute it, so the file that is deployed is the file
 * that is exercised. The file runs in a fresh node:vm context with nothing but `console`; it must never be
 * given Node APIs CloudFront does not have.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createContext, Script } from 'node:vm';

export interface CloudFrontValue {
  value: string;
  multiValue?: CloudFrontValue[];
}

export interface CloudFrontRequest {
  method: string;
  uri: string;
  querystring: Record<string, CloudFrontValue>;
  headers: Record<string, CloudFrontValue>;
  cookies: Record<string, CloudFrontValue>;
}

export interface CloudFrontResponse {
  statusCode: number;
  statusDescription?: string;
  headers?: Record<string, CloudFrontValue>;
  body?: string | { encoding: 'text' | 'base64'; data: string };
}

export interface CloudFrontViewerRequestEvent {
  version: '1.0';
  context: { eventType: 'viewer-request'; distributionId?: string; requestId?: string };
  viewer: { ip: string };
  request: CloudFrontRequest;
}

export type ViewerRequestResult =
  | { kind: 'request'; request: CloudFrontRequest }
  | { kind: 'response'; response: CloudFrontResponse };

export type ViewerRequestFunction = (event: CloudFrontViewerRequestEvent) => Promise<ViewerRequestResult>;

/** Where the function lives in this repository (the infra deploys the same path). */
export function guestRewriteFunctionPath(): string {
  return fileURLToPath(new URL('../../infra/functions/guest-rewrite.js', import.meta.url));
}

/** Loads the function file once; each call of the result runs `handler(event)` on a deep copy of the event. */
export function loadViewerRequestFunction(path: string = guestRewriteFunctionPath()): ViewerRequestFunction {
  const source = readFileSync(path, 'utf8');
  const context = createContext({ console });
  new Script(source, { filename: path }).runInContext(context);
  const handler: unknown = context.handler;
  if (typeof handler !== 'function') throw new Error(`${path} does not define function handler(event)`);
  return async (event) => {
    // The copy crosses into the vm realm as plain JSON, as CloudFront hands the function a fresh object.
    const result = (await handler(JSON.parse(JSON.stringify(event)))) as Record<string, unknown>;
    if (result && typeof result === 'object' && 'statusCode' in result) {
      return { kind: 'response', response: result as unknown as CloudFrontResponse };
    }
    return { kind: 'request', request: result as unknown as CloudFrontRequest };
  };
}

/**
 * A CloudFront-shaped viewer-request event from a plain HTTP request: `uri` is the path exactly as received
 * (still percent-encoded), `search` the raw query string with or without its `?`.
 */
export function viewerRequestEvent(input: {
  uri: string;
  search?: string;
  method?: string;
  headers?: Record<string, string | string[] | undefined>;
  ip?: string;
}): CloudFrontViewerRequestEvent {
  const headers: Record<string, CloudFrontValue> = {};
  for (const [name, value] of Object.entries(input.headers ?? {})) {
    if (value === undefined) continue;
    headers[name.toLowerCase()] = toValue(Array.isArray(value) ? value : [value]);
  }
  return {
    version: '1.0',
    context: { eventType: 'viewer-request' },
    viewer: { ip: input.ip ?? '127.0.0.1' },
    request: {
      method: input.method ?? 'GET',
      uri: input.uri,
      querystring: parseQuerystring(input.search ?? ''),
      headers,
      cookies: {},
    },
  };
}

/** CloudFront's query string shape: one entry per name, repeated names under multiValue. */
export function parseQuerystring(search: string): Record<string, CloudFrontValue> {
  const grouped = new Map<string, string[]>();
  const raw = search.startsWith('?') ? search.slice(1) : search;
  for (const pair of raw.split('&')) {
    if (pair === '') continue;
    const eq = pair.indexOf('=');
    const name = eq === -1 ? pair : pair.slice(0, eq);
    const value = eq === -1 ? '' : pair.slice(eq + 1);
    grouped.set(name, [...(grouped.get(name) ?? []), value]);
  }
  const result: Record<string, CloudFrontValue> = {};
  for (const [name, values] of grouped) result[name] = toValue(values);
  return result;
}

/** The query string back in URL form, as CloudFront forwards it to the origin. */
export function formatQuerystring(querystring: Record<string, CloudFrontValue>): string {
  const parts: string[] = [];
  for (const [name, entry] of Object.entries(querystring)) {
    const values = entry.multiValue?.map((v) => v.value) ?? [entry.value];
    for (const value of values) parts.push(value === '' ? name : `${name}=${value}`);
  }
  return parts.length === 0 ? '' : `?${parts.join('&')}`;
}

function toValue(values: readonly string[]): CloudFrontValue {
  const first = values[0] ?? '';
  if (values.length === 1) return { value: first };
  return { value: first, multiValue: values.map((value) => ({ value })) };
}
