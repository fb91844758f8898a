/**
 * Bolt's Logger interface on top of the app's structured logger, so Bolt's own lines are JSON too and go
 * through the same redaction. Must never log request bodies at info level (they carry guest details).
 */
import { type Logger as BoltLogger, LogLevel } from '@slack/logger';
import type { Logger } from '../logging';

export function toBoltLogger(logger: Logger, initial: LogLevel = LogLevel.INFO): BoltLogger {
  let level = initial;
  let name = 'bolt';
  const order: Record<LogLevel, number> = {
    [LogLevel.DEBUG]: 10,
    [LogLevel.INFO]: 20,
    [LogLevel.WARN]: 30,
    [LogLevel.ERROR]: 40,
  };
  const say = (at: LogLevel, write: (m: string, f?: Record<string, unknown>) => void, parts: unknown[]) => {
    if (order[at] < order[level]) return;
    const errors = parts.filter((p): p is Error => p instanceof Error);
    const text = parts
      .filter((p) => !(p instanceof Error))
      .map((p) => (typeof p === 'string' ? p : safeJson(p)))
      .join(' ');
    write(text || errors[0]?.message || '(bolt)', {
      logger: name,
      ...(errors[0] ? { error: errors[0] } : {}),
    });
  };
  return {
    debug: (...parts: unknown[]) => say(LogLevel.DEBUG, logger.debug, parts),
    info: (...parts: unknown[]) => say(LogLevel.INFO, logger.info, parts),
    warn: (...parts: unknown[]) => say(LogLevel.WARN, logger.warn, parts),
    error: (...parts: unknown[]) => say(LogLevel.ERROR, logger.error, parts),
    setLevel: (next: LogLevel) => {
      level = next;
    },
    getLevel: () => level,
    setName: (next: string) => {
      name = next;
    },
  };
}

function safeJson(value: unknown): string {
  try {
    return JSON.stringify(value);
  } catch {
    return String(value);
  }
}
