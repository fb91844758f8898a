/**
 * The SQS consumer of SES's bounce and complaint notifications (configuration set → SNS → SQS): parses each
 * message and marks the recipients (mail-feedback.ts). A message that cannot be handled now (DynamoDB
 * trouble) is reported in `batchItemFailures`, so SQS delivers only it again and, after its retries, keeps it
 * in the queue's dead-letter queue. A message that is not a bounce or complaint is dropped with a log line.
 *
 * Never logs message bodies beyond the SES message id and the counts.
 */
import type { SQSBatchResponse, SQSEvent } from 'aws-lambda';
import type { Logger } from '../logging';
import { type DeliveryStore, type MailFeedbackTarget, markMailFeedback } from './mail-feedback';
import { parseMailFeedback } from './ses-notification';

export type MailFeedbackHandler = (event: Pick<SQSEvent, 'Records'>) => Promise<SQSBatchResponse>;

export function createMailFeedbackHandler(deps: {
  deliveries: Pick<DeliveryStore, 'putAddress'>;
  targets: readonly MailFeedbackTarget[];
  logger: Logger;
  /** Told of each parsed notification (metrics). */
  onFeedback?(kind: 'bounced' | 'complained', recipients: number): void;
}): MailFeedbackHandler {
  return async (event) => {
    const batchItemFailures: SQSBatchResponse['batchItemFailures'] = [];
    for (const record of event.Records ?? []) {
      const feedback = parseMailFeedback(record.body);
      if (!feedback) {
        deps.logger.info('not a bounce or complaint; dropped', { sqsMessageId: record.messageId });
        continue;
      }
      try {
        const marked = await markMailFeedback(feedback, deps);
        deps.onFeedback?.(feedback.kind, feedback.recipients.length);
        deps.logger.info('mail feedback recorded', {
          kind: feedback.kind,
          messageId: feedback.messageId,
          recipients: feedback.recipients.length,
          marked,
        });
      } catch (error) {
        deps.logger.error('mail feedback could not be recorded; SQS will deliver it again', {
          messageId: feedback.messageId,
          error,
        });
        batchItemFailures.push({ itemIdentifier: record.messageId });
      }
    }
    return { batchItemFailures };
  };
}
