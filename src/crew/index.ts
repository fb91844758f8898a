/** The decline cascade: what happens to a booking when a crew member declines (used by Slack and the lifecycle). */

export type { OfferOutcome, TimeOffReader } from './replace-crew';
export { findCandidates, offerPlace, timeOffAround } from './replace-crew';
