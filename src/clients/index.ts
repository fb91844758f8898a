/** Outbound HTTP clients: SCC, SCC follow-ups, guest mail, the dashboard, the Slack thread, JSON over fetch. */

export type { CalendarEntryInput } from './dashboard-client';
export { DASHBOARD_SERVICE, DashboardClient } from './dashboard-client';
export type { GuestMailSender } from './guest-mail-client';
export { GuestMailClient } from './guest-mail-client';
export { SCC_SERVICE, SccClient } from './scc-client';
export { SccFollowUpClient } from './scc-follow-up-client';
export { SlackThread } from './slack-thread';
