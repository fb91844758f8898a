/**
 * The SQS stand-in refuses what SQS refuses and hands out what SQS hands out, through the real
 * @aws-sdk/client-sqs (AWS JSON 1.0): errors arrive as the SDK's own classes with SQS's query codes.
 */
import {
  ChangeMessageVisibilityCommand,
  CreateQueueCommand,
  DeleteMessageCommand,
  GetQueueAttributesCommand,
  GetQueueUrlCommand,
  QueueDoesNotExist,
  ReceiptHandleIsInvalid,
  ReceiveMessageCommand,
  SendMessageCommand,
  SQSClient,
} from '@aws-sdk/client-sqs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type SqsLocal, startSqsLocal } from '../../../src/dev/stand-ins/sqs-local';
import { ManualClock } from '../../../src/scheduler/local-scheduler';

const clock = new ManualClock(new Date('2026-12-05T14:00:00Z'));
let sqs: SqsLocal;
let client: SQSClient;

beforeAll(async () => {
  sqs = await startSqsLocal({ now: () => clock.now() });
  client = new SQSClient({
    endpoint: sqs.endpoint,
    region: 'us-west-2',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    maxAttempts: 1,
  });
});

afterAll(async () => {
  client?.destroy();
  await sqs?.stop();
});

let queues = 0;
async function aQueue(attributes?: Record<string, string>): Promise<string> {
  const { QueueUrl } = await client.send(
    new CreateQueueCommand({ QueueName: `q-${++queues}`, ...(attributes ? { Attributes: attributes } : {}) }),
  );
  return QueueUrl as string;
}

const depth = async (QueueUrl: string) =>
  (
    await client.send(
      new GetQueueAttributesCommand({ QueueUrl, AttributeNames: ['ApproximateNumberOfMessages'] }),
    )
  ).Attributes?.ApproximateNumberOfMessages;

async function failure(
  promise: Promise<unknown>,
): Promise<Error & { Code?: string; $metadata?: { httpStatusCode?: number } }> {
  try {
    await promise;
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected the call to fail');
}

describe('the SQS stand-in', () => {
  it('sends, receives and deletes a message, and counts what is waiting', async () => {
    const QueueUrl = await aQueue();
    await client.send(
      new SendMessageCommand({
        QueueUrl,
        MessageBody: '{"hello":1}',
        MessageAttributes: { ERROR_CODE: { DataType: 'String', StringValue: 'Throttled' } },
      }),
    );
    expect(await depth(QueueUrl)).toBe('1');

    const { Messages = [] } = await client.send(
      new ReceiveMessageCommand({ QueueUrl, MessageAttributeNames: ['All'] }),
    );

    expect(Messages.map((m) => [m.Body, m.MessageAttributes?.ERROR_CODE?.StringValue])).toEqual([
      ['{"hello":1}', 'Throttled'],
    ]);
    expect(await depth(QueueUrl)).toBe('0');
    await client.send(new DeleteMessageCommand({ QueueUrl, ReceiptHandle: Messages[0]?.ReceiptHandle }));
    clock.advance(60_000);
    expect(await depth(QueueUrl)).toBe('0');
  });

  it('finds a queue by name, and says QueueDoesNotExist for one that is not there', async () => {
    const QueueUrl = await aQueue();
    const name = QueueUrl.split('/').at(-1);
    expect((await client.send(new GetQueueUrlCommand({ QueueName: name }))).QueueUrl).toBe(QueueUrl);

    const missing = await failure(client.send(new GetQueueUrlCommand({ QueueName: 'nope' })));
    const gone = await failure(
      client.send(new ReceiveMessageCommand({ QueueUrl: `${QueueUrl}-gone`, MaxNumberOfMessages: 1 })),
    );

    for (const error of [missing, gone]) {
      expect(error).toBeInstanceOf(QueueDoesNotExist);
      expect(error.Code).toBe('AWS.SimpleQueueService.NonExistentQueue');
      expect(error.message).toBe('The specified queue does not exist.');
    }
  });

  it('gives at most MaxNumberOfMessages, oldest first, and refuses a number outside 1–10', async () => {
    const QueueUrl = await aQueue();
    for (let i = 0; i < 12; i++)
      await client.send(new SendMessageCommand({ QueueUrl, MessageBody: `m${i}` }));

    const { Messages = [] } = await client.send(
      new ReceiveMessageCommand({ QueueUrl, MaxNumberOfMessages: 10 }),
    );
    expect(Messages.map((m) => m.Body)).toEqual(['m0', 'm1', 'm2', 'm3', 'm4', 'm5', 'm6', 'm7', 'm8', 'm9']);

    for (const MaxNumberOfMessages of [0, 11]) {
      const error = await failure(client.send(new ReceiveMessageCommand({ QueueUrl, MaxNumberOfMessages })));
      expect(error.name).toBe('InvalidParameterValue');
      expect(error.message).toMatch(/MaxNumberOfMessages .*Must be between 1 and 10/);
    }
    const wait = await failure(client.send(new ReceiveMessageCommand({ QueueUrl, WaitTimeSeconds: 21 })));
    expect(wait.name).toBe('InvalidParameterValue');
  });

  it('refuses a message larger than the queue allows, counting its attributes', async () => {
    const QueueUrl = await aQueue({ MaximumMessageSize: String(256 * 1024) });
    const fits = 'x'.repeat(256 * 1024);
    await client.send(new SendMessageCommand({ QueueUrl, MessageBody: fits }));

    const tooLong = await failure(client.send(new SendMessageCommand({ QueueUrl, MessageBody: `${fits}x` })));
    const withAttribute = await failure(
      client.send(
        new SendMessageCommand({
          QueueUrl,
          MessageBody: fits.slice(10),
          MessageAttributes: { a: { DataType: 'String', StringValue: 'xxxxxxxxxx' } },
        }),
      ),
    );

    for (const error of [tooLong, withAttribute]) {
      expect(error.name).toBe('InvalidParameterValue');
      expect(error.message).toMatch(/Message must be shorter than 262144 bytes/);
    }
    expect(await depth(QueueUrl)).toBe('1');
  });

  it('allows 1 MiB by default, as SQS does since 2025', async () => {
    const QueueUrl = await aQueue();
    await client.send(new SendMessageCommand({ QueueUrl, MessageBody: 'x'.repeat(1_048_576) }));
    const error = await failure(
      client.send(new SendMessageCommand({ QueueUrl, MessageBody: 'x'.repeat(1_048_577) })),
    );
    expect(error.name).toBe('InvalidParameterValue');
  });

  it('hides a received message for its visibility timeout, then hands it out again with a new handle', async () => {
    const QueueUrl = await aQueue();
    await client.send(new SendMessageCommand({ QueueUrl, MessageBody: 'once' }));

    const first = (await client.send(new ReceiveMessageCommand({ QueueUrl, VisibilityTimeout: 60 })))
      .Messages;
    expect((await client.send(new ReceiveMessageCommand({ QueueUrl }))).Messages).toBeUndefined();
    clock.advance(61_000);
    const second = (await client.send(new ReceiveMessageCommand({ QueueUrl, VisibilityTimeout: 60 })))
      .Messages;

    expect(second?.[0]?.MessageId).toBe(first?.[0]?.MessageId);
    expect(second?.[0]?.ReceiptHandle).not.toBe(first?.[0]?.ReceiptHandle);
    // The older handle "succeeds" and deletes nothing (API_DeleteMessage); the latest one deletes.
    await client.send(new DeleteMessageCommand({ QueueUrl, ReceiptHandle: first?.[0]?.ReceiptHandle }));
    expect(sqs.messages(QueueUrl.split('/').at(-1) as string)).toHaveLength(1);
    await client.send(new DeleteMessageCommand({ QueueUrl, ReceiptHandle: second?.[0]?.ReceiptHandle }));
    expect(sqs.messages(QueueUrl.split('/').at(-1) as string)).toHaveLength(0);
  });

  it('hands out a message received with VisibilityTimeout 0 again at once', async () => {
    const QueueUrl = await aQueue();
    await client.send(new SendMessageCommand({ QueueUrl, MessageBody: 'peek' }));
    const peek = () => client.send(new ReceiveMessageCommand({ QueueUrl, VisibilityTimeout: 0 }));
    expect((await peek()).Messages?.[0]?.Body).toBe('peek');
    expect((await peek()).Messages?.[0]?.Body).toBe('peek');
  });

  it('says ReceiptHandleIsInvalid for a handle it never gave out, or gave out for another queue', async () => {
    const QueueUrl = await aQueue();
    const other = await aQueue();
    await client.send(new SendMessageCommand({ QueueUrl: other, MessageBody: 'elsewhere' }));
    const { Messages = [] } = await client.send(new ReceiveMessageCommand({ QueueUrl: other }));

    for (const ReceiptHandle of ['made-up', Messages[0]?.ReceiptHandle]) {
      const error = await failure(client.send(new DeleteMessageCommand({ QueueUrl, ReceiptHandle })));
      expect(error).toBeInstanceOf(ReceiptHandleIsInvalid);
      expect(error.$metadata?.httpStatusCode).toBe(404);
    }
  });

  it('changes the visibility of a message in flight only', async () => {
    const QueueUrl = await aQueue();
    await client.send(new SendMessageCommand({ QueueUrl, MessageBody: 'back' }));
    const { Messages = [] } = await client.send(
      new ReceiveMessageCommand({ QueueUrl, VisibilityTimeout: 600 }),
    );
    const ReceiptHandle = Messages[0]?.ReceiptHandle;

    await client.send(new ChangeMessageVisibilityCommand({ QueueUrl, ReceiptHandle, VisibilityTimeout: 0 }));
    expect(await depth(QueueUrl)).toBe('1');
    const error = await failure(
      client.send(new ChangeMessageVisibilityCommand({ QueueUrl, ReceiptHandle, VisibilityTimeout: 0 })),
    );
    expect(error.name).toBe('MessageNotInflight');
  });

  it('answers a long poll as soon as a message arrives', async () => {
    const QueueUrl = await aQueue();
    const waiting = client.send(new ReceiveMessageCommand({ QueueUrl, WaitTimeSeconds: 20 }));
    await new Promise((resolve) => setTimeout(resolve, 50));
    await client.send(new SendMessageCommand({ QueueUrl, MessageBody: 'late' }));
    expect((await waiting).Messages?.[0]?.Body).toBe('late');
  });

  it('creates a queue once: the same attributes again are fine, others are QueueAlreadyExists', async () => {
    const url = await client.send(
      new CreateQueueCommand({ QueueName: 'dlq', Attributes: { VisibilityTimeout: '60' } }),
    );
    const again = await client.send(
      new CreateQueueCommand({ QueueName: 'dlq', Attributes: { VisibilityTimeout: '60' } }),
    );
    expect(again.QueueUrl).toBe(url.QueueUrl);

    const other = await failure(
      client.send(new CreateQueueCommand({ QueueName: 'dlq', Attributes: { VisibilityTimeout: '30' } })),
    );
    const badName = await failure(client.send(new CreateQueueCommand({ QueueName: 'has space' })));
    const badValue = await failure(
      client.send(new CreateQueueCommand({ QueueName: 'dlq2', Attributes: { VisibilityTimeout: '43201' } })),
    );
    expect(other.name).toBe('QueueNameExists');
    expect(other.Code).toBe('QueueAlreadyExists');
    expect(badName.name).toBe('InvalidParameterValue');
    expect(badValue.name).toBe('InvalidAttributeValue');
  });

  it('refuses an unsigned request', async () => {
    const response = await fetch(sqs.endpoint, {
      method: 'POST',
      headers: { 'content-type': 'application/x-amz-json-1.0', 'x-amz-target': 'AmazonSQS.ListQueues' },
      body: '{}',
    });
    expect(response.status).toBe(403);
    expect(response.headers.get('x-amzn-query-error')).toBe('MissingAuthenticationToken;Sender');
  });
});
