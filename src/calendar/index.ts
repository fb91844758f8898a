/** Calendar files (iCalendar) shared by the guest page and the dashboard feed. */

export type { IcsEvent, IcsEventStatus } from './ics';
export { buildCalendar, ICS_CONTENT_TYPE } from './ics';
