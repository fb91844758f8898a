/**
 * What the Slack listeners depend on, passed in by the composition root (src/handlers/slack.ts) or a test.
 * Listeners use the store and configuration only: never SCC, the dashboard, S3, SES or CloudFront.
 */
import type { BrandDirectory, OperatorList } from '../config';
import type { Boat, Booking } from '../domain';
import type { Logger } from '../logging';
import type { DynamoBookingStore, DynamoTimeOffStore } from '../store';
import type { StepState } from './blocks/status-thread';

export type SlackStore = Pick<
  DynamoBookingStore,
  | 'createBooking'
  | 'getBooking'
  | 'getBookingBySlug'
  | 'listUpcoming'
  | 'updateBooking'
  | 'cancelBooking'
  | 'requestReconcile'
  | 'putCrewMember'
  | 'getCrewMember'
  | 'listCrew'
  | 'removeCrewMember'
  | 'recordConfirmation'
  | 'listConfirmations'
  | 'listAnswers'
  | 'claimOnce'
  | 'listHistory'
  | 'requestCrewReminder'
  | 'completeBooking'
>;

/** Crew time off (`/charter away`, the booking form, the cascade). */
export type SlackTimeOffStore = Pick<
  DynamoTimeOffStore,
  'addTimeOff' | 'listTimeOff' | 'listTimeOffBetween' | 'removeTimeOff'
>;

export interface SlackDeps {
  store: SlackStore;
  timeOff: SlackTimeOffStore;
  boats: readonly Boat[];
  brands: BrandDirectory;
  /** The ops channel (status threads live there). */
  opsChannel: string;
  logger: Logger;
  now: () => Date;
  /** Each pipeline step's state for a booking, from the pipeline's step records (`/charter status`). */
  readSteps?: (booking: Booking) => Promise<StepState[]>;
  /** Records an operator's `/charter audit` for the reconciler (store/audit-requests.ts). */
  requestAudit?: (requestedBy: string) => Promise<string>;
  /** SLACK_OPERATORS, parsed. Absent or empty: nobody is an operator, so every operator action is refused. */
  operators?: OperatorList;
}

/**
 * How long a Slack delivery id stays claimed. Slack retries an event three times within about an hour
 * (immediately, after 1 minute, after 5 minutes; a disabled-then-reenabled app can replay later): a day
 * is comfortably longer and the markers expire by DynamoDB TTL.
 */
export const DELIVERY_TTL_SECONDS = 24 * 60 * 60;
