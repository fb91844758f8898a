import { MessageRejected, SESClient, SendRawEmailCommand } from '@aws-sdk/client-ses';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it } from 'vitest';
import { UpstreamError } from '../../../src/errors';
import {
  backoffMs,
  composeMime,
  type OutgoingEmail,
  PermanentRejectionError,
  type RetryPolicy,
  SesMailer,
} from '../../../src/scc/ses-mailer';

const ses = mockClient(SESClient);
afterEach(() => ses.reset());

const email: OutgoingEmail = {
  from: { name: 'Sail Jada', address: 'charters@sailjada.com' },
  to: { name: 'Ana Ruiz', address: 'ana@crew.test' },
  subject: 'Crew call: Sunset Sail',
  html: '<p>Hi Ana</p>',
  text: 'Hi Ana',
  attachments: [
    {
      filename: 'charter.ics',
      contentType: 'text/calendar; charset=utf-8',
      content: 'BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n',
    },
  ],
  messageId: '<scc.bk-1.ana.v1@sailjada.com>',
};

function policy(): RetryPolicy & { slept: number[] } {
  const slept: number[] = [];
  return {
    maxAttempts: 4,
    baseDelayMs: 100,
    maxDelayMs: 1000,
    random: () => 1,
    sleep: async (ms) => {
      slept.push(ms);
    },
    slept,
  };
}

const throttling = () =>
  Object.assign(new Error('Maximum sending rate exceeded.'), {
    name: 'Throttling',
    $metadata: { httpStatusCode: 400 },
  });

describe('composeMime', () => {
  it('builds a real multipart message: text, HTML and the calendar attachment', async () => {
    const raw = (await composeMime(email)).toString('utf8');
    expect(raw).toMatch(/^Content-Type: multipart\/mixed;\s+boundary=/m);
    expect(raw).toMatch(/^Content-Type: multipart\/alternative;\s+boundary=/m);
    expect(raw).toMatch(/^Content-Type: text\/plain; charset=utf-8/m);
    expect(raw).toMatch(/^Content-Type: text\/html; charset=utf-8/m);
    expect(raw).toMatch(/^Content-Disposition: attachment; filename=charter\.ics/m);
    expect(raw).toContain('From: Sail Jada <charters@sailjada.com>');
    expect(raw).toContain('To: Ana Ruiz <ana@crew.test>');
    expect(raw).toContain('Message-ID: <scc.bk-1.ana.v1@sailjada.com>');
  });
});

describe('SesMailer', () => {
  it('sends the raw message with SendRawEmail', async () => {
    ses.on(SendRawEmailCommand).resolves({ MessageId: 'm-1' });

    const result = await new SesMailer(new SESClient({}), policy()).send(email);

    expect(result).toEqual({ messageId: 'm-1' });
    const sent = ses.commandCalls(SendRawEmailCommand)[0]?.args[0].input.RawMessage?.Data;
    expect(Buffer.from(sent ?? []).toString('utf8')).toContain('Subject: Crew call: Sunset Sail');
  });

  it('retries throttling with growing backoff until SES takes the message', async () => {
    ses
      .on(SendRawEmailCommand)
      .rejectsOnce(throttling())
      .rejectsOnce(throttling())
      .resolves({ MessageId: 'm-2' });
    const retry = policy();

    const result = await new SesMailer(new SESClient({}), retry).send(email);

    expect(result.messageId).toBe('m-2');
    expect(ses.commandCalls(SendRawEmailCommand)).toHaveLength(3);
    expect(retry.slept).toEqual([100, 200]);
  });

  it('gives up after the last attempt with a transient error the caller can retry later', async () => {
    ses.on(SendRawEmailCommand).rejects(throttling());
    const retry = policy();

    const error = await new SesMailer(new SESClient({}), retry).send(email).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(UpstreamError);
    expect((error as UpstreamError).transient).toBe(true);
    expect(ses.commandCalls(SendRawEmailCommand)).toHaveLength(4);
    expect(retry.slept).toEqual([100, 200, 400]);
  });

  it('does not wait out a spent daily quota', async () => {
    ses.on(SendRawEmailCommand).rejects(
      Object.assign(new Error('Daily message quota exceeded.'), {
        name: 'Throttling',
        $metadata: { httpStatusCode: 400 },
      }),
    );

    await expect(new SesMailer(new SESClient({}), policy()).send(email)).rejects.toBeInstanceOf(
      UpstreamError,
    );
    expect(ses.commandCalls(SendRawEmailCommand)).toHaveLength(1);
  });

  it('reports a rejected address as permanent, without retrying', async () => {
    ses
      .on(SendRawEmailCommand)
      .rejects(new MessageRejected({ message: 'Address blacklisted.', $metadata: {} }));

    const error = await new SesMailer(new SESClient({}), policy()).send(email).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(PermanentRejectionError);
    expect((error as PermanentRejectionError).message).toBe('SES rejected the message: Address blacklisted.');
    expect(ses.commandCalls(SendRawEmailCommand)).toHaveLength(1);
  });

  it('retries SES’s own 5xx answers', async () => {
    ses
      .on(SendRawEmailCommand)
      .rejectsOnce(
        Object.assign(new Error('Service Unavailable'), {
          name: 'ServiceUnavailable',
          $metadata: { httpStatusCode: 503 },
        }),
      )
      .resolves({ MessageId: 'm-3' });

    await expect(new SesMailer(new SESClient({}), policy()).send(email)).resolves.toEqual({
      messageId: 'm-3',
    });
  });
});

describe('backoffMs', () => {
  it('doubles the ceiling per attempt up to the cap, with full jitter below it', () => {
    const at = (attempt: number, random: number) =>
      backoffMs(attempt, { baseDelayMs: 200, maxDelayMs: 1000, random: () => random });
    expect([1, 2, 3, 4].map((n) => at(n, 1))).toEqual([200, 400, 800, 1000]);
    expect(at(3, 0.5)).toBe(400);
    expect(at(3, 0)).toBe(0);
  });
});
