/**
 * A local stand-in for the part of Amazon SQS that the scheduler DLQ replay (src/scheduler/dlq-replay.ts) and
 * its tests use: CreateQueue, GetQueueUrl, SendMessage, ReceiveMessage, DeleteMessage, ChangeMessageVisibility
 * and GetQueueAttributes, on standard queues. It speaks the protocol @aws-sdk/client-sqs 3.x speaks: AWS JSON
 * 1.0 (`POST /`, `X-Amz-Target: AmazonSQS.<Action>`, `application/x-amz-json-1.0`), with errors as SQS sends
 * them, `__type` in the body and the query-compatible code in `x-amzn-query-error`
 * (https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-json-api-responses.html).
 * The SDK reaches it through AWS_ENDPOINT_URL_SQS, so the code under test is the code that runs in AWS.
 *
 * As strict as SQS where the replay could be wrong; each rule cites the page that states it. Two documented
 * behaviours are modelled on purpose because they break naive consumers:
 * - a receipt handle belongs to one receive: after the message is received again, deleting with the older
 *   handle "succeeds" and deletes nothing (API_DeleteMessage);
 * - messages come back oldest first, never more than MaxNumberOfMessages, and a message already handed out
 *   is hidden for the visibility timeout; a timeout of 0 hands the same messages out again.
 * Not modelled: FIFO queues, batches, redrive policies, short polling's sampling of servers (every receive
 * sees every message), message retention. Time comes from `now` so tests move it instead of waiting.
 * Development only: never imported by a Lambda entry point.
 */
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

const REF = 'https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference';

/** Limits, each from its page. */
export const SQS_LIMITS = {
  /** Queue names: 1–80 of [A-Za-z0-9_-] (API_CreateQueue, QueueName). */
  queueName: /^[A-Za-z0-9_-]{1,80}$/,
  /** 1–10 messages per receive (API_ReceiveMessage, MaxNumberOfMessages). */
  maxMessagesPerReceive: 10,
  /** Long polling waits 0–20 s (API_ReceiveMessage, WaitTimeSeconds). */
  maxWaitSeconds: 20,
  /** 0 s – 12 h (API_ReceiveMessage, VisibilityTimeout; API_ChangeMessageVisibility). */
  maxVisibilitySeconds: 43_200,
  /** MaximumMessageSize may be 1,024 B – 1 MiB, and is 1 MiB by default (API_SetQueueAttributes). */
  messageSize: { min: 1_024, max: 1_048_576, default: 1_048_576 },
  /** At most 10 message attributes per message (sqs-message-metadata, message attributes). */
  maxMessageAttributes: 10,
  /** DelaySeconds 0–900 (API_SendMessage). */
  maxDelaySeconds: 900,
} as const;

export interface SqsLocalOptions {
  port?: number;
  host?: string;
  /** The account id in queue URLs and ARNs. */
  accountId?: string;
  region?: string;
  /** The stand-in's clock (visibility timeouts, delays); the system clock by default. */
  now?: () => Date;
}

export interface SqsLocalMessage {
  messageId: string;
  body: string;
  attributes: Record<string, MessageAttributeValue>;
  receiveCount: number;
  visibleAt: number;
  sentAt: number;
}

export interface SqsLocal {
  endpoint: string;
  /** What a queue holds now (for tests: nothing here is reachable through the SDK). */
  messages(queueName: string): readonly SqsLocalMessage[];
  stop(): Promise<void>;
}

interface MessageAttributeValue {
  DataType: string;
  StringValue?: string;
  BinaryValue?: string;
}

interface StoredMessage extends SqsLocalMessage {
  /** The receipt handle of the latest receive; earlier ones no longer delete. */
  handle?: string;
}

interface Queue {
  name: string;
  url: string;
  arn: string;
  attributes: Record<string, string>;
  createdAt: number;
  messages: StoredMessage[];
}

class SqsError extends Error {
  constructor(
    readonly status: number,
    /** The shape name (`__type` after the namespace). */
    readonly type: string,
    /** The query-compatible code (x-amzn-query-error), which the SDK names the error by. */
    readonly code: string,
    message: string,
    readonly fault: 'Sender' | 'Receiver' = 'Sender',
  ) {
    super(message);
  }
}

const nonExistentQueue = () =>
  // API_GetQueueUrl, Errors: QueueDoesNotExist, query code AWS.SimpleQueueService.NonExistentQueue.
  new SqsError(
    400,
    'QueueDoesNotExist',
    'AWS.SimpleQueueService.NonExistentQueue',
    'The specified queue does not exist.',
  );
// CommonErrors.html: InvalidParameterValue, MissingParameter (HTTP 400).
const invalidParameter = (message: string) =>
  new SqsError(400, 'InvalidParameterValue', 'InvalidParameterValue', message);
const missingParameter = (name: string) =>
  new SqsError(
    400,
    'MissingParameter',
    'MissingParameter',
    `The request must contain the parameter ${name}.`,
  );

/** Attributes CreateQueue accepts, with their ranges and defaults (API_SetQueueAttributes). */
const QUEUE_ATTRIBUTES: Record<string, { min: number; max: number; default: number }> = {
  DelaySeconds: { min: 0, max: SQS_LIMITS.maxDelaySeconds, default: 0 },
  MaximumMessageSize: {
    min: SQS_LIMITS.messageSize.min,
    max: SQS_LIMITS.messageSize.max,
    default: SQS_LIMITS.messageSize.default,
  },
  MessageRetentionPeriod: { min: 60, max: 1_209_600, default: 345_600 },
  ReceiveMessageWaitTimeSeconds: { min: 0, max: SQS_LIMITS.maxWaitSeconds, default: 0 },
  VisibilityTimeout: { min: 0, max: SQS_LIMITS.maxVisibilitySeconds, default: 30 },
};

export async function startSqsLocal(options: SqsLocalOptions = {}): Promise<SqsLocal> {
  const now = () => (options.now ? options.now() : new Date()).getTime();
  const accountId = options.accountId ?? '000000000000';
  const region = options.region ?? 'us-west-2';
  const host = options.host ?? '127.0.0.1';
  const queues = new Map<string, Queue>();
  /** Receive calls waiting for a message (long polling): woken by a send. */
  const waiters = new Set<() => void>();
  let endpoint = '';
  /** Every handle ever given out, with its queue: an unknown one is invalid, an old one deletes nothing. */
  const issuedHandles = new Map<string, string>();

  const queueOf = (input: Record<string, unknown>): Queue => {
    const url = input.QueueUrl;
    if (typeof url !== 'string' || url === '') throw missingParameter('QueueUrl');
    let path: string;
    try {
      path = new URL(url).pathname;
    } catch {
      throw invalidParameter(`Value ${url} for parameter QueueUrl is invalid. Reason: not a URL.`);
    }
    const [, account, name] = path.split('/');
    const queue = name ? queues.get(name) : undefined;
    if (!queue || account !== accountId) throw nonExistentQueue();
    return queue;
  };

  const integerParameter = (
    input: Record<string, unknown>,
    name: string,
    range: { min: number; max: number },
    page: string,
  ): number | undefined => {
    const value = input[name];
    if (value === undefined || value === null) return undefined;
    if (typeof value !== 'number' || !Number.isInteger(value) || value < range.min || value > range.max) {
      // e.g. API_ReceiveMessage: "MaxNumberOfMessages … Valid values: 1 to 10."
      throw invalidParameter(
        `Value ${String(value)} for parameter ${name} is invalid. Reason: Must be between ${range.min} and ${range.max}, if provided. (${REF}/${page})`,
      );
    }
    return value;
  };

  const visible = (queue: Queue, at: number) => queue.messages.filter((m) => m.visibleAt <= at);

  const actions: Record<string, (input: Record<string, unknown>) => Promise<unknown> | unknown> = {
    // API_CreateQueue: idempotent for the same name and attributes; other attributes → QueueAlreadyExists.
    CreateQueue(input) {
      const name = input.QueueName;
      if (typeof name !== 'string' || name === '') throw missingParameter('QueueName');
      if (name.endsWith('.fifo') || (input.Attributes as Record<string, string> | undefined)?.FifoQueue) {
        throw new SqsError(
          400,
          'UnsupportedOperation',
          'AWS.SimpleQueueService.UnsupportedOperation',
          'This stand-in models standard queues only.',
        );
      }
      if (!SQS_LIMITS.queueName.test(name)) {
        throw invalidParameter(
          `Can only include alphanumeric characters, hyphens, or underscores. 1 to 80 in length (${REF}/API_CreateQueue.html).`,
        );
      }
      const attributes = queueAttributes((input.Attributes ?? {}) as Record<string, unknown>);
      const existing = queues.get(name);
      if (existing) {
        const differs = Object.entries(attributes).some(([k, v]) => existing.attributes[k] !== v);
        if (differs) {
          throw new SqsError(
            400,
            'QueueNameExists',
            'QueueAlreadyExists',
            `A queue already exists with the same name and a different value for attribute(s) (${REF}/API_CreateQueue.html).`,
          );
        }
        return { QueueUrl: existing.url };
      }
      const queue: Queue = {
        name,
        url: `${endpoint}/${accountId}/${name}`,
        arn: `arn:aws:sqs:${region}:${accountId}:${name}`,
        attributes,
        createdAt: now(),
        messages: [],
      };
      queues.set(name, queue);
      return { QueueUrl: queue.url };
    },

    // API_GetQueueUrl.
    GetQueueUrl(input) {
      const name = input.QueueName;
      if (typeof name !== 'string' || name === '') throw missingParameter('QueueName');
      const queue = queues.get(name);
      if (!queue) throw nonExistentQueue();
      return { QueueUrl: queue.url };
    },

    // API_SendMessage.
    SendMessage(input) {
      const queue = queueOf(input);
      const body = input.MessageBody;
      if (typeof body !== 'string' || body === '') throw missingParameter('MessageBody');
      // "A message can include only XML, JSON, and unformatted text" in these characters, else InvalidMessageContents.
      if (!allowedCharacters(body)) {
        throw new SqsError(
          400,
          'InvalidMessageContents',
          'InvalidMessageContents',
          `The message contains characters outside the allowed set (${REF}/API_SendMessage.html).`,
        );
      }
      const attributes = messageAttributes(input.MessageAttributes);
      // The limit counts the body and every attribute's name, type and value (sqs-message-metadata).
      const size = Buffer.byteLength(body) + attributesSize(attributes);
      const limit = Number(queue.attributes.MaximumMessageSize);
      if (size > limit) {
        throw invalidParameter(
          `One or more parameters are invalid. Reason: Message must be shorter than ${limit} bytes. (${REF}/API_SendMessage.html)`,
        );
      }
      const delay =
        integerParameter(
          input,
          'DelaySeconds',
          { min: 0, max: SQS_LIMITS.maxDelaySeconds },
          'API_SendMessage.html',
        ) ?? Number(queue.attributes.DelaySeconds);
      const sentAt = now();
      const message: StoredMessage = {
        messageId: randomUUID(),
        body,
        attributes,
        receiveCount: 0,
        sentAt,
        visibleAt: sentAt + delay * 1000,
      };
      queue.messages.push(message);
      for (const wake of waiters) wake();
      return {
        MessageId: message.messageId,
        MD5OfMessageBody: md5(body),
        ...(Object.keys(attributes).length > 0
          ? { MD5OfMessageAttributes: md5OfAttributes(attributes) }
          : {}),
      };
    },

    // API_ReceiveMessage.
    async ReceiveMessage(input) {
      const queue = queueOf(input);
      const page = 'API_ReceiveMessage.html';
      const max =
        integerParameter(
          input,
          'MaxNumberOfMessages',
          { min: 1, max: SQS_LIMITS.maxMessagesPerReceive },
          page,
        ) ?? 1;
      const wait =
        integerParameter(input, 'WaitTimeSeconds', { min: 0, max: SQS_LIMITS.maxWaitSeconds }, page) ??
        Number(queue.attributes.ReceiveMessageWaitTimeSeconds);
      const hide =
        integerParameter(
          input,
          'VisibilityTimeout',
          { min: 0, max: SQS_LIMITS.maxVisibilitySeconds },
          page,
        ) ?? Number(queue.attributes.VisibilityTimeout);
      // Long polling: answer as soon as a message is there, or empty after WaitTimeSeconds (real time).
      const giveUpAt = Date.now() + wait * 1000;
      while (
        visible(queue, now()).length === 0 &&
        Date.now() < giveUpAt &&
        queues.get(queue.name) === queue
      ) {
        await new Promise<void>((resolve) => {
          const wake = () => {
            waiters.delete(wake);
            clearTimeout(timer);
            resolve();
          };
          // Also look again now and then: a hidden message may have become visible on the clock.
          const timer = setTimeout(wake, Math.min(100, Math.max(1, giveUpAt - Date.now())));
          waiters.add(wake);
        });
      }
      const at = now();
      const picked = visible(queue, at).slice(0, max);
      const wantedAttributes = nameFilter(input.MessageAttributeNames);
      const wantedSystem = nameFilter(input.MessageSystemAttributeNames ?? input.AttributeNames);
      const messages = picked.map((m) => {
        m.receiveCount++;
        m.handle = randomBytes(96).toString('base64');
        issuedHandles.set(m.handle, queue.name);
        m.visibleAt = at + hide * 1000;
        const attrs = Object.fromEntries(Object.entries(m.attributes).filter(([k]) => wantedAttributes(k)));
        const system = Object.fromEntries(
          Object.entries({
            ApproximateReceiveCount: String(m.receiveCount),
            SentTimestamp: String(m.sentAt),
            ApproximateFirstReceiveTimestamp: String(m.sentAt),
          }).filter(([k]) => wantedSystem(k)),
        );
        return {
          MessageId: m.messageId,
          ReceiptHandle: m.handle,
          MD5OfBody: md5(m.body),
          Body: m.body,
          ...(Object.keys(system).length > 0 ? { Attributes: system } : {}),
          ...(Object.keys(attrs).length > 0
            ? { MessageAttributes: attrs, MD5OfMessageAttributes: md5OfAttributes(attrs) }
            : {}),
        };
      });
      return messages.length > 0 ? { Messages: messages } : {};
    },

    // API_DeleteMessage.
    DeleteMessage(input) {
      const queue = queueOf(input);
      const handle = input.ReceiptHandle;
      if (typeof handle !== 'string' || handle === '') throw missingParameter('ReceiptHandle');
      const issued = issuedHandles.get(handle);
      // Errors: ReceiptHandleIsInvalid, "The specified receipt handle isn't valid" (HTTP 404).
      if (!issued || issued !== queue.name) {
        throw new SqsError(
          404,
          'ReceiptHandleIsInvalid',
          'ReceiptHandleIsInvalid',
          `The input receipt handle "${handle.slice(0, 16)}…" is not a valid receipt handle. (${REF}/API_DeleteMessage.html)`,
        );
      }
      // "If you don't provide the most recently received receipt handle for the message, the request will still
      // succeed, but the message might not be deleted." Deleting a message already gone succeeds too.
      const at = queue.messages.findIndex((m) => m.handle === handle);
      if (at !== -1) queue.messages.splice(at, 1);
      return {};
    },

    // API_ChangeMessageVisibility.
    ChangeMessageVisibility(input) {
      const queue = queueOf(input);
      const handle = input.ReceiptHandle;
      if (typeof handle !== 'string' || handle === '') throw missingParameter('ReceiptHandle');
      const seconds = integerParameter(
        input,
        'VisibilityTimeout',
        { min: 0, max: SQS_LIMITS.maxVisibilitySeconds },
        'API_ChangeMessageVisibility.html',
      );
      if (seconds === undefined) throw missingParameter('VisibilityTimeout');
      if (issuedHandles.get(handle) !== queue.name) {
        throw new SqsError(
          404,
          'ReceiptHandleIsInvalid',
          'ReceiptHandleIsInvalid',
          `The input receipt handle is not a valid receipt handle. (${REF}/API_ChangeMessageVisibility.html)`,
        );
      }
      const message = queue.messages.find((m) => m.handle === handle);
      // Errors: MessageNotInflight, "The specified message isn't in flight."
      if (!message || message.visibleAt <= now()) {
        throw new SqsError(
          400,
          'MessageNotInflight',
          'AWS.SimpleQueueService.MessageNotInflight',
          'The specified message isn’t in flight.',
        );
      }
      message.visibleAt = now() + seconds * 1000;
      return {};
    },

    // API_GetQueueAttributes.
    GetQueueAttributes(input) {
      const queue = queueOf(input);
      const at = now();
      const all: Record<string, string> = {
        ...queue.attributes,
        ApproximateNumberOfMessages: String(visible(queue, at).length),
        ApproximateNumberOfMessagesNotVisible: String(
          queue.messages.filter((m) => m.visibleAt > at && m.receiveCount > 0).length,
        ),
        ApproximateNumberOfMessagesDelayed: String(
          queue.messages.filter((m) => m.visibleAt > at && m.receiveCount === 0).length,
        ),
        CreatedTimestamp: String(Math.floor(queue.createdAt / 1000)),
        LastModifiedTimestamp: String(Math.floor(queue.createdAt / 1000)),
        QueueArn: queue.arn,
      };
      const names = (input.AttributeNames ?? []) as unknown[];
      if (!Array.isArray(names)) throw invalidParameter('AttributeNames must be a list.');
      for (const name of names) {
        if (name !== 'All' && !(String(name) in all)) {
          // Errors: InvalidAttributeName, "The specified attribute doesn't exist."
          throw new SqsError(
            400,
            'InvalidAttributeName',
            'InvalidAttributeName',
            `Unknown Attribute ${String(name)}. (${REF}/API_GetQueueAttributes.html)`,
          );
        }
      }
      const picked = names.includes('All') ? all : Object.fromEntries(names.map((n) => [n, all[String(n)]]));
      return Object.keys(picked).length > 0 ? { Attributes: picked } : {};
    },
  };

  const server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      if (error instanceof SqsError) return sendError(response, error);
      sendError(response, new SqsError(500, 'InternalError', 'InternalError', String(error), 'Receiver'));
    });
  });

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const body = await readBody(request);
    if (request.method !== 'POST' || (request.url ?? '/').split('?')[0] !== '/') {
      throw new SqsError(
        404,
        'UnknownOperationException',
        'UnknownOperation',
        'This stand-in answers POST / only.',
      );
    }
    // SigV4 on every request (sqs-api-request-authentication); the signature itself is not checked here.
    if (!String(request.headers.authorization ?? '').startsWith('AWS4-HMAC-SHA256 ')) {
      throw new SqsError(
        403,
        'MissingAuthenticationToken',
        'MissingAuthenticationToken',
        'Request is missing Authentication Token',
      );
    }
    if (!String(request.headers['content-type'] ?? '').startsWith('application/x-amz-json-1.0')) {
      throw new SqsError(
        400,
        'UnsupportedOperation',
        'AWS.SimpleQueueService.UnsupportedOperation',
        'This stand-in speaks the AWS JSON 1.0 protocol only (Content-Type: application/x-amz-json-1.0).',
      );
    }
    const target = String(request.headers['x-amz-target'] ?? '');
    const action = target.startsWith('AmazonSQS.') ? actions[target.slice('AmazonSQS.'.length)] : undefined;
    if (!action) {
      throw new SqsError(
        400,
        'UnknownOperationException',
        'InvalidAction',
        `The action ${target || '(none)'} is not valid for this endpoint.`,
      );
    }
    let input: Record<string, unknown>;
    try {
      input = body === '' ? {} : (JSON.parse(body) as Record<string, unknown>);
    } catch {
      throw new SqsError(
        400,
        'SerializationException',
        'MalformedQueryString',
        'The request body is not JSON.',
      );
    }
    const output = await action(input);
    response.writeHead(200, {
      'content-type': 'application/x-amz-json-1.0',
      'x-amzn-requestid': randomUUID(),
    });
    response.end(JSON.stringify(output));
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  endpoint = `http://${host}:${port}`;

  return {
    endpoint,
    messages: (name) => (queues.get(name)?.messages ?? []).map(({ handle: _, ...m }) => ({ ...m })),
    stop: () =>
      new Promise<void>((resolve) => {
        for (const wake of waiters) wake();
        queues.clear();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function queueAttributes(given: Record<string, unknown>): Record<string, string> {
  const attributes: Record<string, string> = {};
  for (const [name, rule] of Object.entries(QUEUE_ATTRIBUTES)) attributes[name] = String(rule.default);
  for (const [name, value] of Object.entries(given)) {
    const rule = QUEUE_ATTRIBUTES[name];
    if (!rule) {
      throw new SqsError(
        400,
        'InvalidAttributeName',
        'InvalidAttributeName',
        `Unknown Attribute ${name}. (https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/API_CreateQueue.html)`,
      );
    }
    const n = Number(value);
    if (!/^\d+$/.test(String(value)) || n < rule.min || n > rule.max) {
      // Errors: InvalidAttributeValue, "A queue attribute value is invalid."
      throw new SqsError(
        400,
        'InvalidAttributeValue',
        'InvalidAttributeValue',
        `Invalid value for the parameter ${name}: must be ${rule.min}–${rule.max}.`,
      );
    }
    attributes[name] = String(n);
  }
  return attributes;
}

function messageAttributes(given: unknown): Record<string, MessageAttributeValue> {
  if (given === undefined || given === null) return {};
  const entries = Object.entries(given as Record<string, MessageAttributeValue>);
  if (entries.length > SQS_LIMITS.maxMessageAttributes) {
    throw new SqsError(
      400,
      'InvalidParameterValue',
      'InvalidParameterValue',
      `Number of message attributes [${entries.length}] exceeds the allowed maximum [10].`,
    );
  }
  for (const [name, value] of entries) {
    const type = value?.DataType ?? '';
    const base = type.split('.')[0];
    if (!['String', 'Number', 'Binary'].includes(base ?? '')) {
      throw new SqsError(
        400,
        'InvalidParameterValue',
        'InvalidParameterValue',
        `The message attribute '${name}' has an invalid message attribute type ${type || '(none)'}.`,
      );
    }
    if ((base === 'Binary' ? value.BinaryValue : value.StringValue) === undefined) {
      throw new SqsError(
        400,
        'InvalidParameterValue',
        'InvalidParameterValue',
        `The message attribute '${name}' must contain a non-empty message attribute value.`,
      );
    }
  }
  return Object.fromEntries(entries);
}

function attributesSize(attributes: Record<string, MessageAttributeValue>): number {
  let size = 0;
  for (const [name, v] of Object.entries(attributes)) {
    size += Buffer.byteLength(name) + Buffer.byteLength(v.DataType);
    size +=
      v.BinaryValue !== undefined
        ? Buffer.from(v.BinaryValue, 'base64').length
        : Buffer.byteLength(v.StringValue ?? '');
  }
  return size;
}

/**
 * The MD5 of message attributes as SQS computes it (sorted by name; each: length-prefixed name, type, a
 * transport byte 1 = string / 2 = binary, length-prefixed value), see
 * https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-message-metadata.html#sqs-attributes-md5-message-digest-calculation
 */
function md5OfAttributes(attributes: Record<string, MessageAttributeValue>): string {
  const parts: Buffer[] = [];
  const withLength = (bytes: Buffer) => {
    const length = Buffer.alloc(4);
    length.writeUInt32BE(bytes.length);
    parts.push(length, bytes);
  };
  for (const name of Object.keys(attributes).sort()) {
    const v = attributes[name] as MessageAttributeValue;
    withLength(Buffer.from(name, 'utf8'));
    withLength(Buffer.from(v.DataType, 'utf8'));
    const binary = v.BinaryValue !== undefined;
    parts.push(Buffer.from([binary ? 2 : 1]));
    withLength(
      binary ? Buffer.from(v.BinaryValue as string, 'base64') : Buffer.from(v.StringValue ?? '', 'utf8'),
    );
  }
  return createHash('md5').update(Buffer.concat(parts)).digest('hex');
}

/** #x9 | #xA | #xD | #x20 to #xD7FF | #xE000 to #xFFFD | #x10000 to #x10FFFF (API_SendMessage, MessageBody). */
function allowedCharacters(text: string): boolean {
  for (const char of text) {
    const c = char.codePointAt(0) ?? 0;
    const ok =
      c === 0x9 ||
      c === 0xa ||
      c === 0xd ||
      (c >= 0x20 && c <= 0xd7ff) ||
      (c >= 0xe000 && c <= 0xfffd) ||
      (c >= 0x10000 && c <= 0x10ffff);
    if (!ok) return false;
  }
  return true;
}

function md5(text: string): string {
  return createHash('md5').update(text, 'utf8').digest('hex');
}

/** `All`, `.*`, a name, or a prefix `name.*` (API_ReceiveMessage, MessageAttributeNames). */
function nameFilter(given: unknown): (name: string) => boolean {
  const names = Array.isArray(given) ? given.map(String) : [];
  return (name) =>
    names.some(
      (n) => n === 'All' || n === '.*' || n === name || (n.endsWith('.*') && name.startsWith(n.slice(0, -1))),
    );
}

function sendError(response: ServerResponse, error: SqsError): void {
  if (response.headersSent) return;
  response.writeHead(error.status, {
    'content-type': 'application/x-amz-json-1.0',
    'x-amzn-requestid': randomUUID(),
    'x-amzn-query-error': `${error.code};${error.fault}`,
  });
  response.end(JSON.stringify({ __type: `com.amazonaws.sqs#${error.type}`, message: error.message }));
}

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    request.on('error', reject);
  });
}
