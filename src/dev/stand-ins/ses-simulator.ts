/**
 * SES's mailbox simulator, on top of the SES stand-in (ses-local.ts): mail the stand-in accepted for one of
 * the simulator's addresses produces the notification SES would publish for it through a configuration set
 * (eventType Bounce / Complaint), wrapped as SNS wraps it, delivered as the SQS record the mail feedback
 * Lambda receives. So the whole bounce path runs in `npm run dev` and the tests.
 *
 * Rules, from https://docs.aws.amazon.com/ses/latest/dg/send-an-email-from-console.html#send-email-simulator
 * ("Using the mailbox simulator"):
 * - bounce@simulator.amazonses.com: SES accepts the send, then a hard bounce (Permanent / General,
 *   "550 5.1.1 user unknown");
 * - complaint@simulator.amazonses.com: SES accepts and delivers, then a complaint;
 * - suppressionlist@simulator.amazonses.com: SES treats the address as on the global suppression list: a
 *   hard bounce (Permanent / Suppressed);
 * - success@ and ooto@: delivered; no bounce or complaint (an auto-reply is not one), so nothing here.
 * Addresses may carry a label (bounce+ben@simulator.amazonses.com), as the page allows.
 * Notification shape: https://docs.aws.amazon.com/ses/latest/dg/event-publishing-retrieving-sns-contents.html
 *
 * Development only: never imported by a Lambda entry point.
 */
import { randomUUID } from 'node:crypto';
import type { SQSEvent, SQSRecord } from 'aws-lambda';

export const SIMULATOR_DOMAIN = 'simulator.amazonses.com';

type Outcome = 'bounce' | 'complaint' | 'suppressionlist';

interface StoredEmail {
  messageId: string;
  from: string;
  destination: { to: string[]; cc: string[]; bcc: string[] };
  /** Epoch seconds (aws-ses-v2-local's getCurrentTimestamp), not milliseconds. */
  at: number;
}

export interface SesSimulator {
  /** Reads the stand-in's mail once and delivers a notification for each new simulator message; returns how many. */
  pass(): Promise<number>;
  /** Runs `pass` every `intervalMs` until stopped. */
  start(intervalMs?: number): void;
  stop(): Promise<void>;
}

/** What the simulator does with mail to `address`, or undefined for any other address. */
export function simulatorOutcome(address: string): Outcome | undefined {
  const match = /^([a-z]+)(\+[^@]*)?@simulator\.amazonses\.com$/i.exec(address.trim());
  const local = match?.[1]?.toLowerCase();
  return local === 'bounce' || local === 'complaint' || local === 'suppressionlist' ? local : undefined;
}

/** The SES event SES publishes for one simulator recipient (configuration-set event publishing). */
export function simulatorEvent(mail: { messageId: string; from: string; at: Date }, address: string) {
  const outcome = simulatorOutcome(address);
  if (!outcome) return undefined;
  const timestamp = new Date(mail.at.getTime() + 1_000).toISOString();
  const base = {
    mail: {
      timestamp: mail.at.toISOString(),
      messageId: mail.messageId,
      source: mail.from,
      destination: [address],
    },
  };
  if (outcome === 'complaint') {
    return {
      eventType: 'Complaint',
      ...base,
      complaint: {
        complainedRecipients: [{ emailAddress: address }],
        timestamp,
        feedbackId: `sim-${randomUUID()}`,
        complaintFeedbackType: 'abuse',
      },
    };
  }
  return {
    eventType: 'Bounce',
    ...base,
    bounce: {
      bounceType: 'Permanent',
      bounceSubType: outcome === 'bounce' ? 'General' : 'Suppressed',
      bouncedRecipients: [
        outcome === 'bounce'
          ? {
              emailAddress: address,
              action: 'failed',
              status: '5.1.1',
              diagnosticCode: 'smtp; 550 5.1.1 user unknown',
            }
          : {
              emailAddress: address,
              action: 'failed',
              status: '5.1.1',
              diagnosticCode:
                'Amazon SES has suppressed sending to this address because it has a recent history of bouncing as an invalid address.',
            },
      ],
      timestamp,
      feedbackId: `sim-${randomUUID()}`,
    },
  };
}

/** As SNS delivers to an SQS queue without raw message delivery: the event is the envelope's Message. */
export function asSqsRecord(event: object, topicArn: string): SQSRecord {
  const envelope = {
    Type: 'Notification',
    MessageId: randomUUID(),
    TopicArn: topicArn,
    Message: JSON.stringify(event),
    Timestamp: new Date().toISOString(),
  };
  return {
    messageId: randomUUID(),
    receiptHandle: randomUUID(),
    body: JSON.stringify(envelope),
    attributes: {
      ApproximateReceiveCount: '1',
      SentTimestamp: String(Date.now()),
      SenderId: 'sns',
      ApproximateFirstReceiveTimestamp: String(Date.now()),
    },
    messageAttributes: {},
    md5OfBody: '',
    eventSource: 'aws:sqs',
    eventSourceARN: 'arn:aws:sqs:local:000000000000:mail-feedback',
    awsRegion: 'local',
  };
}

export function startSesSimulator(options: {
  /** The SES stand-in's endpoint. */
  sesEndpoint: string;
  deliver(event: SQSEvent): Promise<unknown>;
  onError?(error: unknown): void;
}): SesSimulator {
  const seen = new Set<string>();
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<number> | undefined;

  async function pass(): Promise<number> {
    const response = await fetch(`${options.sesEndpoint}/store`);
    if (!response.ok) throw new Error(`SES stand-in answered ${response.status}`);
    const { emails } = (await response.json()) as { emails: StoredEmail[] };
    const records: SQSRecord[] = [];
    for (const mail of emails) {
      if (seen.has(mail.messageId)) continue;
      seen.add(mail.messageId);
      const recipients = [...mail.destination.to, ...mail.destination.cc, ...mail.destination.bcc];
      for (const recipient of recipients) {
        const address = (/<([^>]+)>/.exec(recipient)?.[1] ?? recipient).trim().toLowerCase();
        const event = simulatorEvent(
          { messageId: mail.messageId, from: mail.from, at: new Date(mail.at * 1000) },
          address,
        );
        if (event) records.push(asSqsRecord(event, 'arn:aws:sns:local:000000000000:ses-feedback'));
      }
    }
    if (records.length > 0) await options.deliver({ Records: records });
    return records.length;
  }

  return {
    pass: () => {
      running ??= pass().finally(() => {
        running = undefined;
      });
      return running;
    },
    start(intervalMs = 2_000) {
      timer = setInterval(() => {
        if (running) return;
        running = pass()
          .catch((error: unknown) => {
            options.onError?.(error);
            return 0;
          })
          .finally(() => {
            running = undefined;
          });
      }, intervalMs);
      timer.unref();
    },
    async stop() {
      if (timer) clearInterval(timer);
      await running?.catch(() => 0);
    },
  };
}
