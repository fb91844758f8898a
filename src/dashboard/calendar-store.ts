/**
 * Calendar entries in the shared single table. The only code that knows these keys:
 *
 *   CALENDAR#<id> / CALENDAR   one entry with its per-step progress map (entity "calendar-entry");
 *                              GSI1: CALENDAR / <startsAt as UTC ISO>#<id>, for range queries by start time
 *
 * An upsert replaces the entry's fields and keeps its createdAt, and its progress unless the input carries
 * a progress snapshot; a stated revision older than
 * the stored one is refused (ConflictError), so a late retry never rolls an entry back. Entries carry no
 * money (see calendar-entry.ts). The stream filter ignores this entity: writing here never starts the
 * booking pipeline.
 */
import { randomUUID } from 'node:crypto';
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { DeleteCommand, type DynamoDBDocumentClient, GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { ConflictError, NotFoundError } from '../errors';
import { INDEX_PARTITION, PARTITION_PREFIX, queryAll, TABLE_KEYS } from '../store';
import {
  type CalendarEntry,
  MAX_ENTRY_DAYS,
  type ProgressUpdate,
  type StepProgress,
  type ValidCalendarEntryInput,
} from './calendar-entry';

const ENTITY = 'calendar-entry';
// Both spellings are keys.ts's: the dashboard's IAM grant (dynamodb:LeadingKeys) is written against them.
const INDEX_PK = INDEX_PARTITION.calendar;
const DAY_MS = 86_400_000;
/** Fields an upsert owns; anything else on the item (progress, createdAt) survives it. */
const ENTRY_FIELDS = [
  'title',
  'startsAt',
  'endsAt',
  'timeZone',
  'date',
  'startTime',
  'endTime',
  'status',
  'meetingPoint',
  'description',
  'bookingId',
  'domain',
  'slug',
  'boatName',
  'partySize',
  'crew',
  'guestPageUrl',
  'revision',
] as const satisfies readonly (keyof ValidCalendarEntryInput)[];

const key = (id: string) => ({
  [TABLE_KEYS.partitionKey]: `${PARTITION_PREFIX.calendar}${id}`,
  [TABLE_KEYS.sortKey]: 'CALENDAR',
});

export interface CalendarStoreOptions {
  now?: () => Date;
}

export class CalendarStore {
  private readonly now: () => Date;

  constructor(
    private readonly doc: DynamoDBDocumentClient,
    private readonly tableName: string,
    options: CalendarStoreOptions = {},
  ) {
    this.now = options.now ?? (() => new Date());
  }

  newId(): string {
    return `cal-${Date.now().toString(36)}-${randomUUID().slice(0, 8)}`;
  }

  /** Creates an entry under a new id. */
  async create(input: ValidCalendarEntryInput): Promise<CalendarEntry> {
    const id = this.newId();
    const { entry } = await this.write(id, input, 'create');
    return entry;
  }

  /** Creates or replaces the entry `id`; `created` says which. Same input twice, same entry. */
  async upsert(
    id: string,
    input: ValidCalendarEntryInput,
  ): Promise<{ entry: CalendarEntry; created: boolean }> {
    return this.write(id, input, 'upsert');
  }

  async get(id: string): Promise<CalendarEntry | undefined> {
    const result = await this.doc.send(
      new GetCommand({ TableName: this.tableName, Key: key(id), ConsistentRead: true }),
    );
    return result.Item ? toEntry(result.Item) : undefined;
  }

  /** Removes the entry; NotFoundError when there was none. */
  async delete(id: string): Promise<void> {
    const result = await this.doc.send(
      new DeleteCommand({ TableName: this.tableName, Key: key(id), ReturnValues: 'ALL_OLD' }),
    );
    if (!result.Attributes) throw new NotFoundError(`There is no calendar entry ${id}.`);
  }

  /** Records one step's progress on the entry; NotFoundError when the entry does not exist. */
  async recordProgress(id: string, step: string, update: ProgressUpdate): Promise<CalendarEntry> {
    const progress: StepProgress = {
      status: update.status,
      at: update.at ?? this.now().toISOString(),
      ...(update.detail ? { detail: update.detail } : {}),
    };
    try {
      const result = await this.doc.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: key(id),
          UpdateExpression: 'SET #progress.#step = :progress, #updatedAt = :now',
          ConditionExpression: 'attribute_exists(#pk)',
          ExpressionAttributeNames: {
            '#pk': TABLE_KEYS.partitionKey,
            '#progress': 'progress',
            '#step': step,
            '#updatedAt': 'updatedAt',
          },
          ExpressionAttributeValues: { ':progress': progress, ':now': this.now().toISOString() },
          ReturnValues: 'ALL_NEW',
        }),
      );
      return toEntry(result.Attributes ?? {});
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) {
        throw new NotFoundError(`There is no calendar entry ${id}; create it before reporting progress.`);
      }
      throw error;
    }
  }

  /** Entries that overlap [from, to), earliest first. */
  async listBetween(from: Date, to: Date): Promise<CalendarEntry[]> {
    // An entry lasts at most MAX_ENTRY_DAYS, so one that overlaps `from` started no earlier than this.
    const earliestStart = new Date(from.getTime() - MAX_ENTRY_DAYS * DAY_MS).toISOString();
    const { gsi1 } = TABLE_KEYS;
    const items = await queryAll(this.doc, {
      TableName: this.tableName,
      IndexName: gsi1.name,
      KeyConditionExpression: '#gpk = :gpk AND #gsk BETWEEN :lo AND :hi',
      FilterExpression: '#endsAt > :from',
      ExpressionAttributeNames: { '#gpk': gsi1.partitionKey, '#gsk': gsi1.sortKey, '#endsAt': 'endsAt' },
      ExpressionAttributeValues: {
        ':gpk': INDEX_PK,
        ':lo': earliestStart,
        // Keys are "<start>#<id>" with fixed-width starts: every key starting at `to` sorts above "<to>#".
        ':hi': `${to.toISOString()}#`,
        ':from': from.toISOString(),
      },
    });
    return items.map((item) => toEntry(item));
  }

  private async write(
    id: string,
    input: ValidCalendarEntryInput,
    mode: 'create' | 'upsert',
  ): Promise<{ entry: CalendarEntry; created: boolean }> {
    const condition =
      mode === 'create'
        ? 'attribute_not_exists(#pk)'
        : input.revision === undefined
          ? undefined
          : 'attribute_not_exists(#pk) OR attribute_not_exists(#revision) OR #revision <= :revision';
    const now = this.now().toISOString();
    const names: Record<string, string> = {
      '#pk': TABLE_KEYS.partitionKey,
      '#entity': TABLE_KEYS.entityAttribute,
      '#gpk': TABLE_KEYS.gsi1.partitionKey,
      '#gsk': TABLE_KEYS.gsi1.sortKey,
      '#createdAt': 'createdAt',
      '#updatedAt': 'updatedAt',
      '#progress': 'progress',
      '#id': 'id',
    };
    const values: Record<string, unknown> = {
      ':entity': ENTITY,
      ':gpk': INDEX_PK,
      ':gsk': `${input.startsAt}#${id}`,
      ':now': now,
      ':id': id,
    };
    const sets = [
      '#entity = :entity',
      '#gpk = :gpk',
      '#gsk = :gsk',
      '#id = :id',
      '#createdAt = if_not_exists(#createdAt, :now)',
      '#updatedAt = :now',
      input.progress ? '#progress = :progress' : '#progress = if_not_exists(#progress, :empty)',
    ];
    const progress = input.progress ? stampedProgress(input.progress, now) : undefined;
    if (progress) values[':progress'] = progress;
    else values[':empty'] = {};
    const removes: string[] = [];
    for (const field of ENTRY_FIELDS) {
      names[`#${field}`] = field;
      const value = input[field];
      if (value === undefined) removes.push(`#${field}`);
      else {
        sets.push(`#${field} = :${field}`);
        values[`:${field}`] = value;
      }
    }
    if (condition?.includes(':revision')) values[':revision'] = input.revision;
    // DynamoDB refuses attribute names an expression does not use.
    if (!condition) delete names['#pk'];
    try {
      const result = await this.doc.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: key(id),
          UpdateExpression: `SET ${sets.join(', ')}${removes.length > 0 ? ` REMOVE ${removes.join(', ')}` : ''}`,
          ConditionExpression: condition,
          ExpressionAttributeNames: names,
          ExpressionAttributeValues: values,
          ReturnValues: 'ALL_OLD',
        }),
      );
      const old = result.Attributes;
      const entry = toEntry({
        ...input,
        id,
        progress: progress ?? old?.progress ?? {},
        createdAt: old?.createdAt ?? now,
        updatedAt: now,
      });
      return { entry, created: old === undefined };
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) {
        if (mode === 'create') throw new ConflictError(`Calendar entry ${id} already exists.`);
        throw new ConflictError(
          `Calendar entry ${id} already reflects a newer revision than ${input.revision}; nothing was changed.`,
        );
      }
      throw error;
    }
  }
}

function stampedProgress(
  snapshot: NonNullable<ValidCalendarEntryInput['progress']>,
  at: string,
): Record<string, StepProgress> {
  return Object.fromEntries(Object.entries(snapshot).map(([step, status]) => [step, { status, at }]));
}

function toEntry(item: Record<string, unknown>): CalendarEntry {
  const entry: Record<string, unknown> = {
    id: item.id,
    progress: item.progress ?? {},
    createdAt: item.createdAt,
    updatedAt: item.updatedAt,
  };
  for (const field of ENTRY_FIELDS) if (item[field] !== undefined) entry[field] = item[field];
  return entry as CalendarEntry;
}
