/**
 * Lambda entry of the mail feedback handler: SES bounce and complaint notifications from the SQS queue
 * subscribed to the configuration set's SNS topic. The composition root: configuration and clients once per
 * container; the crew target marks crew invitations, the guest target the guest's emails (by SES message id).
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { Context, SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { loadMailFeedbackConfig } from '../config';
import {
  createMailFeedbackHandler,
  crewFeedbackTarget,
  DeliveryStore,
  type MailFeedbackHandler,
} from '../mail';
import { createLambdaObservability, METRIC, observeHandler } from '../observability';
import { guestMailFeedbackTarget } from '../scc';
import { DynamoBookingStore } from '../store';

let built: ((event: SQSEvent, context?: Context) => Promise<SQSBatchResponse>) | undefined;

function build(): (event: SQSEvent, context?: Context) => Promise<SQSBatchResponse> {
  const config = loadMailFeedbackConfig(process.env);
  const obs = createLambdaObservability('mail-feedback', config.logLevel);
  const dynamo = obs.tracer.captureAWSv3Client(new DynamoDBClient({ region: config.awsRegion }));
  const doc = DynamoDBDocumentClient.from(dynamo, {
    marshallOptions: { removeUndefinedValues: true },
  });
  const deliveries = new DeliveryStore(doc, config.tableName);
  const store = new DynamoBookingStore(doc, config.tableName);
  const handle: MailFeedbackHandler = createMailFeedbackHandler({
    deliveries,
    targets: [
      crewFeedbackTarget({ store, deliveries }),
      guestMailFeedbackTarget({ doc, tableName: config.tableName, deliveries }),
    ],
    logger: obs.logger,
    onFeedback: (kind, recipients) =>
      obs.business.record(kind === 'bounced' ? METRIC.emailsBounced : METRIC.emailsComplained, recipients),
  });
  return observeHandler(obs, handle);
}

export async function handler(event: SQSEvent, context?: Context): Promise<SQSBatchResponse> {
  built ??= build();
  return built(event, context);
}
