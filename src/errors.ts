/**
 * The one error hierarchy of Charter Ops. Every error a person can cause has a code, an HTTP status and a
 * sentence fit to show them; the cause stays in logs. Mapping to HTTP or Slack responses happens in one place
 * per surface (src/http/responses.ts, src/slack/errors.ts), never ad hoc.
 */

export const ErrorCode = {
  Validation: 'validation_failed',
  NotFound: 'not_found',
  Conflict: 'conflict',
  StaleRevision: 'stale_revision',
  Auth: 'unauthorized',
  Forbidden: 'forbidden',
  Gone: 'gone',
  PayloadTooLarge: 'payload_too_large',
  RateLimited: 'rate_limited',
  Upstream: 'upstream_failed',
  Config: 'config_invalid',
  StoredData: 'stored_data_invalid',
} as const;
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

export interface FieldError {
  /** Dotted path of the offending field, e.g. `guest.email` or `schedule.endTime`. */
  field: string;
  message: string;
}

export class AppError extends Error {
  override readonly name: string = 'AppError';
  constructor(
    readonly code: ErrorCode,
    readonly statusCode: number,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

export class ValidationError extends AppError {
  override readonly name = 'ValidationError';
  constructor(
    readonly fields: FieldError[],
    message = fields.map((f) => f.message).join(' '),
  ) {
    super(ErrorCode.Validation, 400, message);
  }
}

export class NotFoundError extends AppError {
  override readonly name = 'NotFoundError';
  constructor(message: string) {
    super(ErrorCode.NotFound, 404, message);
  }
}

export class ConflictError extends AppError {
  override readonly name: string = 'ConflictError';
  constructor(message: string, options?: { cause?: unknown }) {
    super(ErrorCode.Conflict, 409, message, options);
  }
}

/** An optimistic-lock failure: someone else changed the record since it was read. */
export class StaleRevisionError extends ConflictError {
  override readonly name = 'StaleRevisionError';
  override readonly code = ErrorCode.StaleRevision;
  constructor(
    readonly expectedRevision: number,
    options?: { cause?: unknown },
  ) {
    super('This booking was changed by someone else. Reload it and try again.', options);
  }
}

export class AuthError extends AppError {
  override readonly name = 'AuthError';
  constructor(message = 'Unauthorized') {
    super(ErrorCode.Auth, 401, message);
  }
}

export class ForbiddenError extends AppError {
  override readonly name = 'ForbiddenError';
  constructor(message = 'Forbidden') {
    super(ErrorCode.Forbidden, 403, message);
  }
}

export class GoneError extends AppError {
  override readonly name = 'GoneError';
  constructor(message: string) {
    super(ErrorCode.Gone, 410, message);
  }
}

export class PayloadTooLargeError extends AppError {
  override readonly name = 'PayloadTooLargeError';
  constructor(limitBytes: number) {
    super(ErrorCode.PayloadTooLarge, 413, `The request body is larger than ${limitBytes} bytes.`);
  }
}

export class RateLimitError extends AppError {
  override readonly name = 'RateLimitError';
  constructor(message = 'Too many requests. Wait a minute and try again.') {
    super(ErrorCode.RateLimited, 429, message);
  }
}

/** A call to an outside system failed. `transient` decides whether the pipeline retries it. */
export class UpstreamError extends AppError {
  override readonly name = 'UpstreamError';
  constructor(
    readonly service: string,
    message: string,
    readonly transient: boolean,
    options?: { cause?: unknown; status?: number; wait?: boolean },
  ) {
    super(ErrorCode.Upstream, 502, message, options);
    this.status = options?.status;
    this.wait = options?.wait === true;
  }
  readonly status: number | undefined;
  /** Not a failure but work still under way elsewhere (an email being sent): retried without counting it. */
  readonly wait: boolean;
}

export class ConfigError extends AppError {
  override readonly name = 'ConfigError';
  constructor(message: string) {
    super(ErrorCode.Config, 500, message);
  }
}

/**
 * A stored record that this code cannot read: written by a newer version, or not what its schema says. The
 * message names the record, never its contents; the parse issues travel as the cause, for logs.
 */
export class StoredDataError extends AppError {
  override readonly name = 'StoredDataError';
  constructor(message: string, options?: { cause?: unknown }) {
    super(ErrorCode.StoredData, 500, message, options);
  }
}

export function isAppError(error: unknown): error is AppError {
  return error instanceof AppError;
}
