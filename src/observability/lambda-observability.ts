/**
 * Powertools for one Lambda entry: the Logger (through src/logging/logger.ts, so callers keep the app's
 * interface), Metrics (EMF, flushed after every invocation) and Tracer (the handler as a subsegment, AWS SDK
 * clients captured). Built once per container by the entry's composition root.
 *
 * Quiet and cheap outside Lambda: Tracer switches itself off when not in a Lambda execution environment (or
 * with POWERTOOLS_TRACE_ENABLED=false), and POWERTOOLS_METRICS_DISABLED=true / POWERTOOLS_DEV=true stop
 * metrics being written. https://docs.aws.amazon.com/powertools/typescript/latest/environment-variables
 *
 * Must never log the event or the response (they carry guest details and tokens): captureResponse is off.
 */
import { Metrics } from '@aws-lambda-powertools/metrics';
import { Tracer } from '@aws-lambda-powertools/tracer';
import type { Context } from 'aws-lambda';
import { type CreatedLogger, createLogger, type LogLevel } from '../logging';
import { type BusinessMetrics, powertoolsBusinessMetrics } from './business-metrics';
import { METRICS_NAMESPACE } from './metric-names';

export interface LambdaObservability {
  readonly logger: CreatedLogger;
  readonly metrics: Metrics;
  readonly business: BusinessMetrics;
  readonly tracer: Tracer;
}

export function createLambdaObservability(service: string, level: LogLevel): LambdaObservability {
  const metrics = new Metrics({ namespace: METRICS_NAMESPACE, serviceName: service });
  return {
    logger: createLogger(service, level),
    metrics,
    business: powertoolsBusinessMetrics(metrics),
    tracer: new Tracer({ serviceName: service, captureHTTPsRequests: true }),
  };
}

/**
 * What Powertools' captureLambdaHandler does, without middy: a `## handler` subsegment annotated with the cold
 * start and service, the request id on every log line, and the metrics flushed whatever happens.
 */
export function observeHandler<E, R>(
  observability: LambdaObservability,
  handler: (event: E, context?: Context) => Promise<R>,
): (event: E, context?: Context) => Promise<R> {
  const { tracer, metrics, logger } = observability;
  return async (event, context) => {
    if (context) logger.powertools.addContext(context);
    const segment = tracer.isTracingEnabled() ? tracer.getSegment() : undefined;
    const subsegment = segment?.addNewSubsegment('## handler');
    if (subsegment) {
      tracer.setSegment(subsegment);
      tracer.annotateColdStart();
      tracer.addServiceNameAnnotation();
    }
    try {
      return await handler(event, context);
    } catch (error) {
      if (subsegment) tracer.addErrorAsMetadata(error as Error);
      throw error;
    } finally {
      if (metrics.hasStoredMetrics()) metrics.publishStoredMetrics();
      if (subsegment && segment) {
        subsegment.close();
        tracer.setSegment(segment);
      }
    }
  };
}
