/** The dashboard service: calendar entries with per-step progress, and their iCalendar feed. */
export * from './app';
export * from './auth';
export * from './calendar-entry';
export * from './calendar-feed';
export * from './calendar-store';
