/**
 * What went wrong with an outside call, in two words the pipeline acts on (transient: try again later;
 * permanent: trying again will not help) and one sentence an operator reads in the Slack thread.
 *
 * Never puts a stack, a secret or a response body longer than a sentence into `message`: it is shown in Slack.
 */
import { AppError, UpstreamError } from '../errors';

export type FailureKind = 'transient' | 'permanent';

export interface StepFailure {
  kind: FailureKind;
  /** Plain words for the thread, e.g. "ShipCaptainCrew did not answer within 10 seconds." */
  message: string;
  /** HTTP status when there was one. */
  status?: number;
  /**
   * Not the outside system failing but its work still under way (SCC still sending an email): retried like a
   * transient failure, but never counted as an attempt nor shown as one.
   */
  wait?: boolean;
}

const TRANSIENT_NAMES = new Set([
  'TimeoutError',
  'AbortError',
  'ThrottlingException',
  'Throttling',
  'TooManyRequestsException',
  'RequestLimitExceeded',
  'SlowDown',
  'ServiceUnavailable',
  'InternalError',
  'RequestTimeout',
  'RequestTimeoutException',
  'ProvisionedThroughputExceededException',
  'TooManyInvalidationsInProgress',
]);

const TRANSIENT_NETWORK_CODES = new Set([
  'ECONNRESET',
  'ECONNREFUSED',
  'ETIMEDOUT',
  'EPIPE',
  'ENOTFOUND',
  'EAI_AGAIN',
  'UND_ERR_SOCKET',
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_HEADERS_TIMEOUT',
  'UND_ERR_BODY_TIMEOUT',
]);

/** Slack platform errors (ok: false) that are Slack's trouble, not ours. */
const SLACK_TRANSIENT_ERRORS = new Set([
  'ratelimited',
  'internal_error',
  'fatal_error',
  'service_unavailable',
  'request_timeout',
]);

export function isTransientStatus(status: number): boolean {
  return status >= 500 || status === 429 || status === 408;
}

/** Classifies any error thrown by an outside call made on behalf of `service` (a name people know). */
export function describeFailure(error: unknown, service: string): StepFailure {
  if (error instanceof UpstreamError) {
    return {
      kind: error.transient || error.wait ? 'transient' : 'permanent',
      message: error.message,
      status: error.status,
      ...(error.wait ? { wait: true } : {}),
    };
  }
  const slack = slackFailure(error, service);
  if (slack) return slack;
  const aws = awsFailure(error, service);
  if (aws) return aws;
  const network = networkCode(error);
  if (network) {
    return { kind: 'transient', message: `${service} could not be reached (${network}).` };
  }
  if (error instanceof AppError) {
    // Our own errors (a missing roster entry, a bad brand) will not fix themselves on a retry.
    return { kind: 'permanent', message: error.message, status: error.statusCode };
  }
  const name = (error as { name?: string })?.name ?? '';
  // Another run holds the side effect's once-only lease (src/pipeline/once-only.ts): a wait, not a fault.
  // Seen when a retry timer's run and a stream run reach the guest email together; as a permanent failure
  // it left the step waiting for a person.
  if (name === 'BusyError') {
    return {
      kind: 'transient',
      wait: true,
      message: `${service} is busy in another run: ${oneSentence(errorMessage(error))}`,
    };
  }
  if (TRANSIENT_NAMES.has(name)) {
    return { kind: 'transient', message: `${service} did not answer in time.` };
  }
  return {
    kind: 'permanent',
    message: `${service} failed unexpectedly: ${oneSentence(errorMessage(error))}`,
  };
}

function slackFailure(error: unknown, service: string): StepFailure | undefined {
  const e = error as {
    code?: string;
    statusCode?: number;
    retryAfter?: number;
    data?: { error?: string };
    original?: unknown;
  };
  switch (e?.code) {
    case 'slack_webapi_rate_limited_error':
      return { kind: 'transient', message: `${service} asked us to slow down (rate limited).`, status: 429 };
    case 'slack_webapi_http_error': {
      const status = e.statusCode ?? 0;
      return isTransientStatus(status)
        ? { kind: 'transient', message: `${service} is having trouble (HTTP ${status}).`, status }
        : { kind: 'permanent', message: `${service} refused the request (HTTP ${status}).`, status };
    }
    case 'slack_webapi_request_error': {
      const timedOut = /timeout|aborted/i.test(errorMessage(e.original));
      return {
        kind: 'transient',
        message: timedOut
          ? `${service} did not answer in time.`
          : `${service} could not be reached (${networkCode(e.original) ?? 'network error'}).`,
      };
    }
    case 'slack_webapi_platform_error': {
      const code = e.data?.error ?? 'unknown_error';
      return SLACK_TRANSIENT_ERRORS.has(code)
        ? { kind: 'transient', message: `${service} is having trouble (${code}).` }
        : { kind: 'permanent', message: `${service} refused the request: ${slackErrorWords(code)}` };
    }
    default:
      return undefined;
  }
}

function slackErrorWords(code: string): string {
  switch (code) {
    case 'channel_not_found':
      return 'the ops channel was not found (check SLACK_OPS_CHANNEL).';
    case 'not_in_channel':
      return 'the app is not in the ops channel; invite it with /invite.';
    case 'invalid_auth':
    case 'not_authed':
    case 'token_revoked':
      return 'the bot token is not valid (check SLACK_BOT_TOKEN).';
    case 'message_not_found':
      return 'the booking message was deleted from the channel.';
    default:
      return `${code}.`;
  }
}

function awsFailure(error: unknown, service: string): StepFailure | undefined {
  const e = error as {
    name?: string;
    $metadata?: { httpStatusCode?: number };
    $retryable?: unknown;
    $fault?: string;
    message?: string;
  };
  if (!e?.$metadata) return undefined;
  const status = e.$metadata.httpStatusCode;
  const name = e.name ?? 'Error';
  const transient =
    TRANSIENT_NAMES.has(name) ||
    Boolean(e.$retryable) ||
    (status !== undefined && isTransientStatus(status)) ||
    (status === undefined && e.$fault !== 'client');
  const detail = status ? `${name}, HTTP ${status}` : name;
  if (transient) return { kind: 'transient', message: `${service} is having trouble (${detail}).`, status };
  return {
    kind: 'permanent',
    message: `${service} refused the request (${detail}): ${oneSentence(e.message ?? '')}`,
    status,
  };
}

function networkCode(error: unknown): string | undefined {
  let current: unknown = error;
  for (let depth = 0; current && depth < 4; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string' && TRANSIENT_NETWORK_CODES.has(code)) return code;
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}

function errorMessage(error: unknown): string {
  if (error instanceof Error) return error.message;
  return String(error);
}

/** The first sentence of a message, at most 200 characters: a thread reply is not a log. */
export function oneSentence(text: string): string {
  const first = text.split('\n')[0]?.trim() ?? '';
  return first.length > 200 ? `${first.slice(0, 197)}…` : first;
}
