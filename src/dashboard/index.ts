/** The dashboard service: calendar entries with per-step progress, and their iCalendar feed. */

export type { DashboardDeps } from './app';
export { createDashboardApp, createDashboardHandler } from './app';
export { tokensMatch } from './auth';
export type { CalendarEntry } from './calendar-entry';
export { CalendarEntryInputSchema, calendarEntryFromGuestView } from './calendar-entry';
export { renderCalendarFeed } from './calendar-feed';
export { CalendarStore } from './calendar-store';
