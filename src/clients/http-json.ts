/**
 * JSON over HTTP to our own services (SCC, dashboard): one timeout per call, the auth header from a
 * SecretSource, and every failure turned into an UpstreamError that says in plain words what happened and
 * whether trying again can help (5xx, 408, 429, timeouts and network errors can; other 4xx cannot).
 *
 * Each call is tried a few times with backoff (retryCall): every call the pipeline makes here is safe to
 * repeat (POST only with an Idempotency-Key, PUT and DELETE by id). Never logs or echoes the secret header.
 */
import type { RetrySettings, SecretSource } from '../config';
import { UpstreamError } from '../errors';
import { describeFailure, isTransientStatus, oneSentence, retryCall } from '../retry';

export interface JsonServiceOptions {
  /** A name people know, used in messages: "ShipCaptainCrew", "the dashboard". */
  service: string;
  baseUrl: string;
  timeoutMs: number;
  auth: { header: string; secret: SecretSource };
  /** Tries per call; omit for one try. */
  callRetry?: RetrySettings;
  fetch?: typeof fetch;
}

export interface JsonCall {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  path: string;
  body?: unknown;
  idempotencyKey?: string;
  /** Statuses that are answers, not failures (e.g. 404 on DELETE: already gone). */
  accept?: readonly number[];
}

export interface JsonReply {
  status: number;
  body: unknown;
}

export class JsonService {
  private readonly fetch: typeof fetch;

  constructor(private readonly options: JsonServiceOptions) {
    this.fetch = options.fetch ?? globalThis.fetch;
  }

  async call(request: JsonCall): Promise<JsonReply> {
    if (request.method === 'POST' && !request.idempotencyKey) return this.once(request);
    const { callRetry, service } = this.options;
    if (!callRetry) return this.once(request);
    return retryCall(
      () => this.once(request),
      callRetry,
      (error) => describeFailure(error, service),
    );
  }

  private async once(request: JsonCall): Promise<JsonReply> {
    const { service, baseUrl, timeoutMs, auth } = this.options;
    const headers: Record<string, string> = {
      accept: 'application/json',
      [auth.header]: await auth.secret.get(),
    };
    if (request.body !== undefined) headers['content-type'] = 'application/json';
    if (request.idempotencyKey) headers['idempotency-key'] = request.idempotencyKey;
    let response: Response;
    let text: string;
    try {
      response = await this.fetch(`${baseUrl}${request.path}`, {
        method: request.method,
        headers,
        body: request.body === undefined ? undefined : JSON.stringify(request.body),
        signal: AbortSignal.timeout(timeoutMs),
      });
      text = await response.text();
    } catch (error) {
      const name = (error as { name?: string })?.name;
      if (name === 'TimeoutError' || name === 'AbortError') {
        throw new UpstreamError(
          service,
          `${capitalise(service)} did not answer within ${seconds(timeoutMs)}.`,
          true,
          { cause: error },
        );
      }
      throw new UpstreamError(service, `${capitalise(service)} could not be reached.`, true, {
        cause: error,
      });
    }
    const body = parseJson(text);
    if (response.ok || request.accept?.includes(response.status)) return { status: response.status, body };
    throw this.failure(response.status, body, request);
  }

  private failure(status: number, body: unknown, request: JsonCall): UpstreamError {
    const service = capitalise(this.options.service);
    const said = messageOf(body);
    if (status === 401 || status === 403) {
      return new UpstreamError(
        this.options.service,
        `${service} did not accept our credentials (HTTP ${status}); check its key or token.`,
        false,
        { status },
      );
    }
    if (isTransientStatus(status)) {
      const what = status === 429 ? 'asked us to slow down' : 'is having trouble';
      return new UpstreamError(this.options.service, `${service} ${what} (HTTP ${status}).`, true, {
        status,
      });
    }
    const detail = said ? `: ${said}` : '.';
    return new UpstreamError(
      this.options.service,
      `${service} refused ${request.method} ${request.path.split('?')[0]} (HTTP ${status})${detail}`,
      false,
      { status },
    );
  }
}

function parseJson(text: string): unknown {
  if (!text) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function messageOf(body: unknown): string | undefined {
  const message = (body as { message?: unknown })?.message;
  return typeof message === 'string' && message ? oneSentence(message) : undefined;
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function seconds(ms: number): string {
  return ms >= 1000 ? `${Math.round(ms / 100) / 10} seconds` : `${ms} ms`;
}
