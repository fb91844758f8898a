import { Metrics } from '@aws-lambda-powertools/metrics';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { powertoolsBusinessMetrics } from '../../../src/observability/business-metrics';
import { countedStore } from '../../../src/observability/counted';
import { METRIC, METRICS_NAMESPACE } from '../../../src/observability/metric-names';

afterEach(() => {
  vi.restoreAllMocks();
  vi.unstubAllEnvs();
});

/** What Powertools writes to stdout when the handler flushes: one EMF document per line. */
function flushed(metrics: Metrics): Record<string, unknown>[] {
  const lines: string[] = [];
  // Powertools writes through its own Console on process.stdout.
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    lines.push(String(chunk));
    return true;
  });
  metrics.publishStoredMetrics();
  vi.mocked(process.stdout.write).mockRestore();
  return lines.map((line) => JSON.parse(line) as Record<string, unknown>);
}

describe('business metrics as CloudWatch embedded metric format', () => {
  it('counts a booking created at the store’s write, in EMF shape with the service dimension', async () => {
    vi.stubEnv('POWERTOOLS_METRICS_DISABLED', 'false');
    vi.stubEnv('POWERTOOLS_DEV', '');
    const metrics = new Metrics({ namespace: METRICS_NAMESPACE, serviceName: 'slack' });
    const store = countedStore(
      {
        createBooking: async () => ({ id: 'bk-1', createdAt: new Date().toISOString() }) as never,
      },
      powertoolsBusinessMetrics(metrics),
    );

    await store.createBooking();
    const [document] = flushed(metrics);

    // https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/CloudWatch_Embedded_Metric_Format_Specification.html
    expect(document).toMatchObject({
      _aws: {
        Timestamp: expect.any(Number),
        CloudWatchMetrics: [
          {
            Namespace: METRICS_NAMESPACE,
            Dimensions: [['service']],
            Metrics: [{ Name: METRIC.bookingsCreated, Unit: 'Count' }],
          },
        ],
      },
      service: 'slack',
      [METRIC.bookingsCreated]: 1,
    });
  });

  it('does not count an idempotent repeat that returned an earlier booking', async () => {
    const record = vi.fn();
    const store = countedStore(
      { createBooking: async () => ({ id: 'bk-1', createdAt: '2026-01-01T00:00:00.000Z' }) as never },
      { record },
    );
    await store.createBooking();
    expect(record).not.toHaveBeenCalled();
  });

  it('writes nothing when metrics are disabled (tests, npm run dev)', () => {
    vi.stubEnv('POWERTOOLS_METRICS_DISABLED', 'true');
    const metrics = new Metrics({ namespace: METRICS_NAMESPACE, serviceName: 'slack' });
    powertoolsBusinessMetrics(metrics).record(METRIC.emailsSent);
    expect(flushed(metrics)).toEqual([]);
  });
});
