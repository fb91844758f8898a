/** Metrics and tracing: what the functions report about themselves. */

export type { BusinessMetrics } from './business-metrics';
export { noBusinessMetrics } from './business-metrics';
export { countedMailer, countedStore } from './counted';
export type { LambdaObservability } from './lambda-observability';
export { createLambdaObservability, observeHandler } from './lambda-observability';
export { METRIC } from './metric-names';
