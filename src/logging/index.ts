/** The structured logger. */

export type { CreatedLogger, Logger, LogLevel } from './logger';
export { createLogger, silentLogger } from './logger';
