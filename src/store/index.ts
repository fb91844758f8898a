/** Persistence: the DynamoDB booking store and the one table definition. */
export * from './booking-aggregate-store';
export * from './booking-item';
export * from './booking-request-store';
export * from './booking-store';
export * from './confirmation-migration';
export * from './confirmation-store';
export * from './crew-roster-store';
export * from './history-item';
export * from './marker-store';
export * from './query-items';
export * from './table-definition';
export * from './time-off-store';
