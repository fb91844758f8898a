/** Persistence: the DynamoDB booking store and the one table definition. */
export * from './booking-item';
export * from './booking-store';
export * from './confirmation-migration';
export * from './confirmation-store';
export * from './history-item';
export * from './query-items';
export * from './table-definition';
export * from './time-off-store';
