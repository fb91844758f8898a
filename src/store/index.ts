/** Persistence: the DynamoDB booking store and the one table definition. */
export { AuditRequestStore } from './audit-requests';
export type { BookingChange, NewBooking } from './booking-aggregate-store';
export { BookingAggregateStore, newBookingId } from './booking-aggregate-store';
export { BOOKING_SCHEMA_VERSION } from './booking-item';
export type { CrewReminderRequest, ReconcileRequest } from './booking-request-store';
export { BookingRequestStore, KEPT_REMINDER_REQUESTS } from './booking-request-store';
export { DynamoBookingStore } from './booking-store';
export { migrateLegacyConfirmations } from './confirmation-migration';
export { ConfirmationStore } from './confirmation-store';
export { CrewRosterStore } from './crew-roster-store';
export { HISTORY_SCHEMA_VERSION } from './history-item';
export {
  bookingIdOfPartition,
  bookingPartition,
  INDEX_PARTITION,
  indexKeys,
  lifecycleTimersKey,
  MARKER_NAMESPACE,
  PARTITION_PREFIX,
  SORT_PREFIX,
  sccKeys,
  stepKey,
  timerKey,
} from './keys';
export { MarkerStore } from './marker-store';
export { queryAll, queryItems } from './query-items';
export { createTableInput, STREAM_ENTITIES, TABLE_KEYS } from './table-definition';
export { DynamoTimeOffStore } from './time-off-store';
