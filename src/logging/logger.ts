/**
 * Structured JSON logs, one line per entry, written by Powertools Logger (service, level, timestamp, and in
 * Lambda the request id, cold start and X-Ray trace id). The interface is the app's own, so callers never
 * see Powertools: `createLogger(service, level)`, `logger.info(message, fields)`, `logger.child(fields)`.
 *
 * Keys that look like secrets are redacted before anything is written, wherever they are nested: tokens,
 * keys, signatures and passwords never reach the logs (Powertools' JSON replacer runs on every key).
 * In tests and tools a `write` function receives each line instead of stdout.
 */
import { type LogItem, Logger as PowertoolsLogger } from '@aws-lambda-powertools/logger';
import type { ConstructorOptions } from '@aws-lambda-powertools/logger/types';

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

export interface Logger {
  debug(message: string, fields?: Record<string, unknown>): void;
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
  child(fields: Record<string, unknown>): Logger;
}

const SECRET_KEY = /(token|secret|password|salt|signature|authorization|cookie|service-?key|api-?key|^key$)/i;
export const REDACTED = '[redacted]';

/** Replaces the values of secret-looking keys, at any depth; errors keep name, message, cause and stack. */
export function redact(value: unknown, depth = 0): unknown {
  if (depth > 6 || value === null || typeof value !== 'object') return value;
  if (value instanceof Error) {
    return {
      name: value.name,
      message: value.message,
      cause: redact(value.cause, depth + 1),
      stack: value.stack,
    };
  }
  if (Array.isArray(value)) return value.map((v) => redact(v, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) out[k] = SECRET_KEY.test(k) ? REDACTED : redact(v, depth + 1);
  return out;
}

/** Powertools' JSON replacer hook: called for every key of every entry before it is serialized. */
function redactingReplacer(key: string, value: unknown): unknown {
  if (key !== '' && SECRET_KEY.test(key)) return REDACTED;
  if (value instanceof Error) return redact(value);
  return value;
}

type Write = (line: string) => void;

/** Powertools Logger that hands each finished line to `write` when one is given (tests, tools). */
class LineLogger extends PowertoolsLogger {
  readonly #write: Write | undefined;

  constructor(options: ConstructorOptions, write?: Write) {
    super(options);
    this.#write = write;
  }

  protected override printLog(logLevel: number, log: LogItem): void {
    if (!this.#write) {
      super.printLog(logLevel, log);
      return;
    }
    log.prepareForPrint();
    this.#write(JSON.stringify(log.getAttributes(), this.getJsonReplacer()));
  }

  protected override createLogger(options?: ConstructorOptions): PowertoolsLogger {
    return new LineLogger(options ?? {}, this.#write);
  }
}

function wrap(logger: PowertoolsLogger): Logger {
  return {
    debug: (message, fields) => (fields ? logger.debug(message, fields) : logger.debug(message)),
    info: (message, fields) => (fields ? logger.info(message, fields) : logger.info(message)),
    warn: (message, fields) => (fields ? logger.warn(message, fields) : logger.warn(message)),
    error: (message, fields) => (fields ? logger.error(message, fields) : logger.error(message)),
    child: (fields) => {
      const child = logger.createChild();
      child.appendPersistentKeys(fields);
      return wrap(child);
    },
  };
}

export interface CreatedLogger extends Logger {
  /** The Powertools logger underneath, for the Lambda entry (request context); nothing else needs it. */
  readonly powertools: PowertoolsLogger;
}

export function createLogger(
  service: string,
  level: LogLevel = 'info',
  write?: Write,
  base: Record<string, unknown> = {},
): CreatedLogger {
  const logger = new LineLogger(
    {
      serviceName: service,
      logLevel: level.toUpperCase() as 'INFO',
      jsonReplacerFn: redactingReplacer as ConstructorOptions['jsonReplacerFn'],
      ...(Object.keys(base).length > 0 ? { persistentKeys: base as Record<string, never> } : {}),
    },
    write,
  );
  return { ...wrap(logger), powertools: logger };
}

/** For tests and tools that must stay quiet. */
export const silentLogger: Logger = {
  debug() {},
  info() {},
  warn() {},
  error() {},
  child: () => silentLogger,
};
