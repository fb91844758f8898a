/** The Slack app: listeners, views, blocks and the authorization table, built for Bolt. */

export type { SlackApp, SlackHttpResponse } from './app';
export { createSlackApp } from './app';
export { renderBookedWhileAway } from './blocks/away-notice';
export { renderCrewDirectMessage } from './blocks/crew-assignment';
export type { Completion, CrewRef } from './blocks/follow-up-messages';
export {
  renderCompleted,
  renderDeadlinePassed,
  renderDeclineProposal,
  renderPostCharterPrompt,
  renderReminderSent,
  renderRosterSent,
  renderUnreachable,
} from './blocks/follow-up-messages';
export { renderGuestMailed } from './blocks/guest-mail';
export type { CrewBoardEntry, StepState, ThreadEvent } from './blocks/status-thread';
export { buildCrewBoard, renderRootMessage, renderThreadReply } from './blocks/status-thread';
export type { SlackStore, SlackTimeOffStore } from './deps';
