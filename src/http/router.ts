/**
 * A tiny router: `GET /events/{id}` patterns, path parameters decoded once, 404 and 405 as JSON. Enough for
 * the handful of routes each service has; no framework.
 */
import { NotFoundError } from '../errors';
import type { HttpRequest } from './request';
import { type HttpResponse, json } from './responses';

export type RouteHandler = (
  request: HttpRequest,
  params: Readonly<Record<string, string>>,
) => Promise<HttpResponse>;

interface Route {
  method: string;
  segments: string[];
  handler: RouteHandler;
}

export class Router {
  private readonly routes: Route[] = [];

  on(method: string, pattern: string, handler: RouteHandler): this {
    this.routes.push({ method: method.toUpperCase(), segments: split(pattern), handler });
    return this;
  }

  async handle(request: HttpRequest): Promise<HttpResponse> {
    const parts = split(request.path);
    let pathMatched = false;
    for (const route of this.routes) {
      const params = match(route.segments, parts);
      if (!params) continue;
      pathMatched = true;
      if (route.method === request.method || (route.method === 'GET' && request.method === 'HEAD')) {
        return route.handler(request, params);
      }
    }
    if (pathMatched)
      return json(405, { error: 'method_not_allowed', message: `${request.method} is not allowed here.` });
    throw new NotFoundError(`No such endpoint: ${request.method} ${request.path}`);
  }
}

function split(path: string): string[] {
  return path.split('/').filter(Boolean);
}

function match(pattern: string[], parts: string[]): Record<string, string> | undefined {
  if (pattern.length !== parts.length) return undefined;
  const params: Record<string, string> = {};
  for (let i = 0; i < pattern.length; i++) {
    const want = pattern[i]!;
    const got = parts[i]!;
    if (want.startsWith('{') && want.endsWith('}')) {
      try {
        params[want.slice(1, -1)] = decodeURIComponent(got);
      } catch {
        return undefined;
      }
    } else if (want !== got) return undefined;
  }
  return params;
}
