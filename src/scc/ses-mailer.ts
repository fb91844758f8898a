/**
 * Crew email out through SES: a real MIME message (nodemailer's MailComposer: HTML + text + attachments)
 * sent with SendRawEmail. Throttling and SES's own hiccups are retried with exponential backoff and jitter;
 * a permanent rejection (SES MessageRejected) is reported as such so the caller can record it against
 * the person instead of retrying for ever.
 * Must never log message bodies: they carry magic links.
 */
import { type SESClient, SendRawEmailCommand } from '@aws-sdk/client-ses';
import MailComposer from 'nodemailer/lib/mail-composer';
import { UpstreamError } from '../errors';

export interface EmailAttachment {
  filename: string;
  contentType: string;
  content: string | Buffer;
}

export interface OutgoingEmail {
  from: { name: string; address: string };
  to: { name: string; address: string };
  subject: string;
  html: string;
  text: string;
  attachments?: readonly EmailAttachment[];
  /** A stable Message-ID lets mail clients fold a rare duplicate into one message. */
  messageId?: string;
  headers?: Record<string, string>;
}

export interface Mailer {
  send(email: OutgoingEmail): Promise<{ messageId: string }>;
}

/** SES refused the message for good (bad or suppressed address, unverified recipient in the sandbox). */
export class PermanentRejectionError extends UpstreamError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('ses', message, false, options);
  }
}

export interface RetryPolicy {
  maxAttempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
  sleep: (ms: number) => Promise<void>;
  random: () => number;
}

export const DEFAULT_RETRY: RetryPolicy = {
  maxAttempts: 5,
  baseDelayMs: 200,
  maxDelayMs: 5_000,
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  random: Math.random,
};

/** Builds the raw RFC 5322 message. */
export async function composeMime(email: OutgoingEmail): Promise<Buffer> {
  const composer = new MailComposer({
    from: email.from,
    to: email.to,
    replyTo: email.from,
    subject: email.subject,
    text: email.text,
    html: email.html,
    attachments: (email.attachments ?? []).map((a) => ({
      filename: a.filename,
      contentType: a.contentType,
      content: a.content,
    })),
    ...(email.messageId ? { messageId: email.messageId } : {}),
    headers: email.headers ?? {},
    disableFileAccess: true,
    disableUrlAccess: true,
  });
  return composer.compile().build();
}

export class SesMailer implements Mailer {
  constructor(
    private readonly ses: SESClient,
    private readonly retry: RetryPolicy = DEFAULT_RETRY,
    /** Names the configuration set whose event destination reports bounces and complaints (src/mail). */
    private readonly configurationSet?: string,
  ) {}

  async send(email: OutgoingEmail): Promise<{ messageId: string }> {
    const raw = await composeMime(email);
    for (let attempt = 1; ; attempt++) {
      try {
        const result = await this.ses.send(
          new SendRawEmailCommand({
            RawMessage: { Data: raw },
            ...(this.configurationSet ? { ConfigurationSetName: this.configurationSet } : {}),
          }),
        );
        return { messageId: result.MessageId ?? '' };
      } catch (error) {
        const kind = classifySesError(error);
        if (kind === 'permanent') {
          throw new PermanentRejectionError(`SES rejected the message: ${errorMessage(error)}`, {
            cause: error,
          });
        }
        if (kind === 'retryable' && attempt < this.retry.maxAttempts) {
          await this.retry.sleep(backoffMs(attempt, this.retry));
          continue;
        }
        throw new UpstreamError('ses', `Sending email failed: ${errorMessage(error)}`, true, {
          cause: error,
        });
      }
    }
  }
}

export type SesErrorKind = 'permanent' | 'retryable' | 'fatal';

export function classifySesError(error: unknown): SesErrorKind {
  const name = (error as { name?: string })?.name ?? '';
  const message = errorMessage(error);
  if (name === 'MessageRejected') return 'permanent';
  if (/Throttl|TooManyRequests|RequestLimitExceeded/i.test(name)) {
    // Running out of the day's quota is throttling too, but no backoff within a request will fix it.
    return /daily message quota/i.test(message) ? 'fatal' : 'retryable';
  }
  const status = (error as { $metadata?: { httpStatusCode?: number } })?.$metadata?.httpStatusCode;
  if (status !== undefined && status >= 500) return 'retryable';
  if (status === undefined && /ECONNRESET|ETIMEDOUT|EPIPE|socket hang up/i.test(`${name} ${message}`)) {
    return 'retryable';
  }
  return 'fatal';
}

/** Full jitter: a random wait up to base·2^(attempt−1), capped. */
export function backoffMs(
  attempt: number,
  policy: Pick<RetryPolicy, 'baseDelayMs' | 'maxDelayMs' | 'random'>,
) {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
  return Math.round(policy.random() * ceiling);
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
