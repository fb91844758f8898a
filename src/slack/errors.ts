/**
 * The one mapping from errors to what Slack users see: a clear sentence for people, the cause for the logs,
 * never a stack trace. Listeners catch and call these; `registerErrorHandler` installs the global
 * `app.error()` for anything a listener misses (it logs and resolves, so an ack already given stands).
 */
import type { App } from '@slack/bolt';
import { ConfigError, isAppError, StaleRevisionError, ValidationError } from '../errors';
import type { Logger } from '../logging';

export const GENERIC_FAILURE =
  'Something went wrong on our side and nothing was changed. Try again in a moment.';

/** The sentence to show a person for an error. */
export function userMessageFor(error: unknown): string {
  if (error instanceof ConfigError)
    return 'Charter Ops is not set up correctly. Ask whoever runs it to check its settings.';
  if (error instanceof StaleRevisionError) {
    return 'This charter was changed by someone else since you opened it. Close this and open it again to see the latest.';
  }
  if (isAppError(error) && error.statusCode < 500) return error.message;
  const slackError = slackApiErrorCode(error);
  if (slackError === 'expired_trigger_id' || slackError === 'invalid_trigger_id') {
    return 'Slack took too long to open the form. Run the command again.';
  }
  return GENERIC_FAILURE;
}

/** `response_action: errors` for a view: field errors where they belong, anything else on `fallbackBlock`. */
export function viewErrorsFor(
  error: unknown,
  fallbackBlock: string,
  mapFields: (fields: ValidationError['fields']) => Record<string, string>,
): Record<string, string> {
  if (error instanceof ValidationError) return mapFields(error.fields);
  return { [fallbackBlock]: userMessageFor(error) };
}

/** The Web API error code (`expired_trigger_id`, `hash_conflict`, …) of a failed Slack call, if it is one. */
export function slackApiErrorCode(error: unknown): string | undefined {
  const data = (error as { data?: { error?: unknown } } | undefined)?.data;
  return typeof data?.error === 'string' ? data.error : undefined;
}

export function logListenerError(logger: Logger, error: unknown, where: string): void {
  if (isAppError(error) && error.statusCode < 500) {
    logger.info('request refused', { where, code: error.code, message: error.message });
  } else {
    logger.error('listener failed', { where, error, slackError: slackApiErrorCode(error) });
  }
}

export function registerErrorHandler(app: App, logger: Logger): void {
  app.error(async (error) => {
    const cause = (error as { original?: unknown }).original ?? error;
    logger.error('unhandled Slack listener error', { code: (error as { code?: string }).code, error: cause });
  });
}
