/**
 * Lambda entry of the mail feedback handler: SES bounce and complaint notifications from the SQS queue
 * subscribed to the configuration set's SNS topic. The composition root: configuration and clients once per
 * container; the crew target marks crew invitations, the guest target the guest's emails (by SES message id).
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { loadMailFeedbackConfig } from '../config/mail-feedback';
import { createLogger } from '../logging/logger';
import { createMailFeedbackHandler, type MailFeedbackHandler } from '../mail/feedback-handler';
import { crewFeedbackTarget, DeliveryStore } from '../mail/mail-feedback';
import { guestMailFeedbackTarget } from '../scc/guest-mail-feedback';
import { DynamoBookingStore } from '../store';

let built: MailFeedbackHandler | undefined;

function build(): MailFeedbackHandler {
  const config = loadMailFeedbackConfig(process.env);
  const doc = DynamoDBDocumentClient.from(new DynamoDBClient({ region: config.awsRegion }), {
    marshallOptions: { removeUndefinedValues: true },
  });
  const deliveries = new DeliveryStore(doc, config.tableName);
  const store = new DynamoBookingStore(doc, config.tableName);
  return createMailFeedbackHandler({
    deliveries,
    targets: [
      crewFeedbackTarget({ store, deliveries }),
      guestMailFeedbackTarget({ doc, tableName: config.tableName, deliveries }),
    ],
    logger: createLogger('mail-feedback', config.logLevel),
  });
}

export async function handler(event: SQSEvent): Promise<SQSBatchResponse> {
  built ??= build();
  return built(event);
}
