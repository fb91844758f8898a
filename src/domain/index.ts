/** The booking domain: pure rules and projections. Depends on nothing outside src/domain and src/errors. */

export * from './answer-deadlines';
export * from './booking';
export * from './catalogue';
export * from './crew';
export * from './crew-answers';
export * from './crew-change';
export * from './crew-reachability';
export * from './guest-mail';
export * from './history';
export * from './history-lines';
export * from './money';
export * from './projections';
export * from './slug';
export * from './status';
export * from './time';
export * from './time-off';
export * from './validation';
