/**
 * The business metrics port: what happened, counted where it happens (the booking write, a step's failure, an
 * email SES accepted, a crew answer). The Lambda entries back it with Powertools Metrics, which writes
 * CloudWatch embedded metric format (EMF) to the function's log when the handler flushes; `npm run dev` and
 * the tests get `noBusinessMetrics` unless they pass their own.
 *
 * Never carries a person, an address or an amount: only a metric name and a number.
 */
import { type Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import { METRIC, type MetricName } from './metric-names';

export interface BusinessMetrics {
  /** Adds `value` (default 1) to a count, or one sample of a duration in milliseconds. */
  record(name: MetricName, value?: number): void;
}

export const noBusinessMetrics: BusinessMetrics = { record() {} };

const UNITS: Partial<Record<MetricName, (typeof MetricUnit)[keyof typeof MetricUnit]>> = {
  [METRIC.timeToAllGreen]: MetricUnit.Milliseconds,
};

/** Business metrics into a Powertools Metrics instance (its namespace and service dimension). */
export function powertoolsBusinessMetrics(metrics: Metrics): BusinessMetrics {
  return {
    record(name, value = 1) {
      metrics.addMetric(name, UNITS[name] ?? MetricUnit.Count, value);
    },
  };
}
