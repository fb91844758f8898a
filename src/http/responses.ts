/**
 * Responses in API Gateway's shape, and the one mapping from errors to HTTP: an AppError becomes its status
 * and a JSON {error, message, fields?}; anything else is logged with its cause and answered with a plain 500.
 * No stack trace ever reaches a client.
 */
import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { isAppError, ValidationError } from '../errors';
import type { Logger } from '../logging';

export type HttpResponse = APIGatewayProxyStructuredResultV2 & {
  statusCode: number;
  headers: Record<string, string>;
};

const SECURITY_HEADERS = {
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
};

export function json(statusCode: number, body: unknown, headers: Record<string, string> = {}): HttpResponse {
  return {
    statusCode,
    headers: {
      'content-type': 'application/json; charset=utf-8',
      'cache-control': 'no-store',
      ...SECURITY_HEADERS,
      ...headers,
    },
    body: JSON.stringify(body),
  };
}

export function html(statusCode: number, body: string, headers: Record<string, string> = {}): HttpResponse {
  return {
    statusCode,
    headers: {
      'content-type': 'text/html; charset=utf-8',
      'cache-control': 'no-store',
      ...SECURITY_HEADERS,
      ...headers,
    },
    body,
  };
}

export function text(
  statusCode: number,
  body: string,
  contentType: string,
  headers: Record<string, string> = {},
) {
  return { statusCode, headers: { 'content-type': contentType, ...SECURITY_HEADERS, ...headers }, body };
}

export function redirect(location: string, statusCode = 303): HttpResponse {
  return { statusCode, headers: { location, 'cache-control': 'no-store', ...SECURITY_HEADERS }, body: '' };
}

export function errorToHttp(error: unknown, logger: Logger): HttpResponse {
  if (isAppError(error)) {
    if (error.statusCode >= 500) logger.error(error.message, { error });
    else logger.info('request refused', { code: error.code, status: error.statusCode });
    const body: Record<string, unknown> = { error: error.code, message: error.message };
    if (error instanceof ValidationError) body.fields = error.fields;
    return json(error.statusCode, body);
  }
  logger.error('unhandled error', { error });
  return json(500, {
    error: 'internal_error',
    message: 'Something went wrong on our side. Try again shortly.',
  });
}
