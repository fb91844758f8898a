/**
 * SCC's records in the shared table. The only code that knows these keys:
 *
 *   SCC#<eventId>     / EVENT                    the event (entity "scc-event"); `seq` guards every write
 *   SCC#<eventId>     / CREW#<crewId>            one person's assignment state and link version
 *                                                 (entity "scc-assignment"); while active also
 *                                                 GSI1: SCCCREW#<crewId> / <startsAt>#<eventId> for their feed
 *   SCC#<eventId>     / EMAIL#<crewId>#v<ver>    the one email owed for that assignment version
 *                                                 (entity "scc-email": pending → sent | rejected | failed)
 *   SCC#<eventId>     / BOUNCE#<crewId>          SES refused this person's address (entity "scc-bounce")
 *   SCC#<eventId>     / RATE#<digest>#<window>   POST counter per crew link and window, TTL (entity "scc-rate");
 *                                                 also the fresh-link slots per person (fresh-link.ts)
 *   SCCCREW#<crewId>  / FEED                     the person's calendar-feed version (entity "scc-feed")
 *   SCC#<eventId>     / SENT#<kind>#<crewId>#v<ver>#<key>
 *                                                 a follow-up email (answer reminder, day-before roster),
 *                                                 one per key and assignment version (entity "scc-follow-up":
 *                                                 pending → sent | rejected | failed); sorts after RATE#, so
 *                                                 loadState never reads them
 *
 * The event id is the booking id. None of these entities is on the pipeline's stream filter; the crew's
 * answers are written as booking confirmations by the booking store, which is what reaches Slack.
 */
import {
  DeleteCommand,
  type DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  QueryCommand,
  TransactWriteCommand,
  type TransactWriteCommandInput,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import { ConflictError } from '../errors';
import { INDEX_PARTITION, indexKeys, SORT_PREFIX, sccKeys, TABLE_KEYS } from '../store';
import type { EmailState, SccEvent } from './contract';
import type { NoticeKind, SccAssignmentState } from './event-schema';

type Item = Record<string, unknown>;
type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];

export interface EmailRecord {
  crewId: string;
  version: number;
  kind: NoticeKind;
  to: string;
  state: EmailState;
  attempts: number;
  leaseUntil: number;
  updatedAt: string;
  messageId?: string;
  sentAt?: string;
  lastError?: string;
}

export interface BounceRecord {
  crewId: string;
  email: string;
  reason: string;
  at: string;
  version: number;
}

export interface EventState {
  event: SccEvent;
  seq: number;
  assignments: Map<string, SccAssignmentState>;
  emails: EmailRecord[];
  bounces: BounceRecord[];
}

export interface CrewFeedEntry {
  eventId: string;
  startsAt: string;
  /** The person's assignment version: the calendar entry's SEQUENCE. */
  version: number;
}

const keys = sccKeys;

export type FollowUpKind = 'reminder' | 'roster' | 'fresh-link';

/** One follow-up email: at most one per (event, person, assignment version, kind, key). */
export interface FollowUpId {
  kind: FollowUpKind;
  crewId: string;
  version: number;
  /** The caller's name for it: "auto-r1" (a timer's reminder), "manual-<id>", the roster's time. */
  key: string;
}

export interface FollowUpRecord extends FollowUpId {
  to: string;
  state: EmailState;
  attempts: number;
  updatedAt: string;
  sentAt?: string;
  messageId?: string;
  lastError?: string;
}

/** How one send ended. */
export type SendOutcome = { state: Exclude<EmailState, 'pending'>; messageId?: string; error?: string };

export class SccEventStore {
  constructor(
    readonly doc: DynamoDBDocumentClient,
    readonly tableName: string,
  ) {}

  async getEvent(id: string): Promise<SccEvent | undefined> {
    const { Item } = await this.doc.send(
      new GetCommand({ TableName: this.tableName, Key: keys.event(id), ConsistentRead: true }),
    );
    return Item ? (Item.data as SccEvent) : undefined;
  }

  /** The event with its assignments, emails and bounces, read consistently in one query. */
  async loadState(id: string): Promise<EventState | undefined> {
    const items: Item[] = [];
    let startKey: Item | undefined;
    do {
      const page = await this.doc.send(
        new QueryCommand({
          TableName: this.tableName,
          // Everything but the rate counters, which sort after EVENT.
          KeyConditionExpression: 'PK = :pk AND SK < :rate',
          ExpressionAttributeValues: { ':pk': keys.partition(id), ':rate': SORT_PREFIX.sccRate },
          ConsistentRead: true,
          ExclusiveStartKey: startKey,
        }),
      );
      items.push(...(page.Items ?? []));
      startKey = page.LastEvaluatedKey;
    } while (startKey);
    const eventItem = items.find((i) => i.SK === keys.eventSortKey);
    if (!eventItem) return undefined;
    const assignments = new Map<string, SccAssignmentState>();
    const emails: EmailRecord[] = [];
    const bounces: BounceRecord[] = [];
    for (const item of items) {
      if (item.entity === 'scc-assignment') {
        const state = item.data as SccAssignmentState;
        assignments.set(state.crewId, state);
      } else if (item.entity === 'scc-email') emails.push(toEmailRecord(item));
      else if (item.entity === 'scc-bounce') bounces.push(item.data as BounceRecord);
    }
    return { event: eventItem.data as SccEvent, seq: Number(eventItem.seq), assignments, emails, bounces };
  }

  /**
   * Writes the event and the assignments that changed in one transaction: only if no one else wrote the
   * event since it was read at `expectedSeq` (undefined: it must not exist yet). ConflictError otherwise.
   */
  async writeEvent(
    event: SccEvent,
    changed: readonly SccAssignmentState[],
    expectedSeq: number | undefined,
  ): Promise<number> {
    const seq = (expectedSeq ?? 0) + 1;
    const items: TransactItem[] = [
      {
        Put: {
          TableName: this.tableName,
          Item: { ...keys.event(event.id), entity: 'scc-event', seq, revision: event.revision, data: event },
          ...(expectedSeq === undefined
            ? { ConditionExpression: 'attribute_not_exists(PK)' }
            : {
                ConditionExpression: '#seq = :seq',
                ExpressionAttributeNames: { '#seq': 'seq' },
                ExpressionAttributeValues: { ':seq': expectedSeq },
              }),
        },
      },
      ...changed.map(
        (state): TransactItem => ({
          Put: { TableName: this.tableName, Item: this.assignmentItem(event, state) },
        }),
      ),
    ];
    try {
      await this.doc.send(new TransactWriteCommand({ TransactItems: items }));
    } catch (error) {
      if ((error as { name?: string }).name === 'TransactionCanceledException') {
        const reasons = (error as { CancellationReasons?: { Code?: string }[] }).CancellationReasons ?? [];
        if (reasons[0]?.Code === 'ConditionalCheckFailed') {
          throw new ConflictError('The event was changed at the same time. Try again.', { cause: error });
        }
      }
      throw error;
    }
    return seq;
  }

  /**
   * Records the intent to send before sending: succeeds when this version's email was never tried, or its
   * last try failed, or a try still marked pending has outlived its lease (the sender crashed). So a crash
   * can at worst repeat one email; it can never lose one.
   */
  async claimEmail(
    eventId: string,
    claim: { crewId: string; version: number; kind: NoticeKind; to: string },
    now: Date,
    leaseSeconds: number,
  ): Promise<boolean> {
    const { crewId, version, kind, to } = claim;
    return this.claimSend(
      keys.email(eventId, crewId, version),
      { entity: 'scc-email', crewId, version, kind, to },
      now,
      leaseSeconds,
    );
  }

  async finishEmail(
    eventId: string,
    crewId: string,
    version: number,
    outcome: SendOutcome,
    now: Date,
  ): Promise<void> {
    await this.finishSend(keys.email(eventId, crewId, version), outcome, now);
  }

  async recordBounce(eventId: string, bounce: BounceRecord): Promise<void> {
    await this.doc.send(
      new PutCommand({
        TableName: this.tableName,
        Item: { ...keys.bounce(eventId, bounce.crewId), entity: 'scc-bounce', data: bounce },
      }),
    );
  }

  async clearBounce(eventId: string, crewId: string): Promise<void> {
    await this.doc.send(new DeleteCommand({ TableName: this.tableName, Key: keys.bounce(eventId, crewId) }));
  }

  /** Counts one more hit in a window and returns the count so far (the item expires with the window). */
  async countHit(eventId: string, digest: string, windowStart: number, expiresAt: number): Promise<number> {
    const { Attributes } = await this.doc.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: keys.rate(eventId, digest, windowStart),
        UpdateExpression: 'SET entity = :entity, expiresAt = :exp ADD hits :one',
        ExpressionAttributeValues: { ':entity': 'scc-rate', ':exp': expiresAt, ':one': 1 },
        ReturnValues: 'UPDATED_NEW',
      }),
    );
    return Number(Attributes?.hits ?? 1);
  }

  /**
   * Takes one of `limit` slots in a window, or none: unlike countHit, a refused request does not count, so
   * a flood cannot push a person's own later request out. The counter expires with the window (TTL).
   */
  async takeSlot(
    eventId: string,
    digest: string,
    window: { start: number; expiresAt: number; limit: number },
  ): Promise<boolean> {
    try {
      await this.doc.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: keys.rate(eventId, digest, window.start),
          UpdateExpression: 'SET entity = :entity, expiresAt = :exp ADD hits :one',
          ConditionExpression: 'attribute_not_exists(hits) OR hits < :limit',
          ExpressionAttributeValues: {
            ':entity': 'scc-rate',
            ':exp': window.expiresAt,
            ':one': 1,
            ':limit': window.limit,
          },
        }),
      );
      return true;
    } catch (error) {
      if ((error as { name?: string }).name === 'ConditionalCheckFailedException') return false;
      throw error;
    }
  }

  /** Gives a slot back (the request it was taken for did nothing, e.g. SES was down). */
  async releaseSlot(eventId: string, digest: string, windowStart: number): Promise<void> {
    await this.doc
      .send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: keys.rate(eventId, digest, windowStart),
          UpdateExpression: 'ADD hits :minus',
          ConditionExpression: 'hits > :zero',
          ExpressionAttributeValues: { ':minus': -1, ':zero': 0 },
        }),
      )
      .catch((error: unknown) => {
        if ((error as { name?: string }).name !== 'ConditionalCheckFailedException') throw error;
      });
  }

  async getFeedVersion(crewId: string): Promise<number> {
    const { Item } = await this.doc.send(
      new GetCommand({ TableName: this.tableName, Key: keys.feed(crewId), ConsistentRead: true }),
    );
    return Item ? Number(Item.version) : 1;
  }

  /** Revokes the person's feed URL: the next version's token is the only one that works. */
  async bumpFeedVersion(crewId: string): Promise<number> {
    const current = await this.getFeedVersion(crewId);
    const { Attributes } = await this.doc.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: keys.feed(crewId),
        UpdateExpression: 'SET entity = :entity, #version = :next',
        ConditionExpression: 'attribute_not_exists(PK) OR #version = :current',
        ExpressionAttributeNames: { '#version': 'version' },
        ExpressionAttributeValues: { ':entity': 'scc-feed', ':next': current + 1, ':current': current },
        ReturnValues: 'ALL_NEW',
      }),
    );
    return Number(Attributes?.version);
  }

  /** The person's active assignments on charters starting from `from`, soonest first. */
  async listCrewAssignments(crewId: string, from: Date, limit = 100): Promise<CrewFeedEntry[]> {
    const { gsi1 } = TABLE_KEYS;
    const { Items } = await this.doc.send(
      new QueryCommand({
        TableName: this.tableName,
        IndexName: gsi1.name,
        KeyConditionExpression: '#pk = :pk AND #sk >= :from',
        ExpressionAttributeNames: { '#pk': gsi1.partitionKey, '#sk': gsi1.sortKey },
        ExpressionAttributeValues: { ':pk': INDEX_PARTITION.sccCrew(crewId), ':from': from.toISOString() },
        Limit: limit,
      }),
    );
    return (Items ?? []).map((item) => ({
      eventId: String(item.eventId),
      startsAt: String(item.startsAt),
      version: Number((item.data as SccAssignmentState | undefined)?.version ?? 1),
    }));
  }

  async getFollowUp(eventId: string, id: FollowUpId): Promise<FollowUpRecord | undefined> {
    const { Item } = await this.doc.send(
      new GetCommand({ TableName: this.tableName, Key: keys.followUp(eventId, id), ConsistentRead: true }),
    );
    if (!Item) return undefined;
    return {
      ...id,
      to: String(Item.to ?? ''),
      state: Item.state as EmailState,
      attempts: Number(Item.attempts ?? 0),
      updatedAt: String(Item.updatedAt ?? ''),
      ...(Item.sentAt ? { sentAt: String(Item.sentAt) } : {}),
      ...(Item.messageId ? { messageId: String(Item.messageId) } : {}),
      ...(Item.lastError ? { lastError: String(Item.lastError) } : {}),
    };
  }

  /**
   * Records the intent to send a follow-up, like claimEmail: true unless it was sent or refused, or another
   * sender holds a live lease on it.
   */
  async claimFollowUp(
    eventId: string,
    id: FollowUpId,
    to: string,
    now: Date,
    leaseSeconds: number,
  ): Promise<boolean> {
    return this.claimSend(
      keys.followUp(eventId, id),
      { entity: 'scc-follow-up', crewId: id.crewId, kind: id.kind, to },
      now,
      leaseSeconds,
    );
  }

  /**
   * The one intent record behind every email: written as pending with a lease unless that email was already
   * sent or refused, or another sender holds a live lease on it. Attempts are counted. Also the guest
   * mail's (src/scc/guest-mail-store.ts), so both audiences share one once-only rule.
   */
  async claimSend(
    key: Record<string, string>,
    fields: Record<string, string | number>,
    now: Date,
    leaseSeconds: number,
  ): Promise<boolean> {
    const nowSeconds = Math.floor(now.getTime() / 1000);
    const names: Record<string, string> = { '#state': 'state' };
    const values: Record<string, unknown> = {
      ':pending': 'pending',
      ':failed': 'failed',
      ':lease': nowSeconds + leaseSeconds,
      ':now': nowSeconds,
      ':at': now.toISOString(),
      ':one': 1,
    };
    const sets = Object.entries(fields).map(([name, value]) => {
      names[`#${name}`] = name;
      values[`:${name}`] = value;
      return `#${name} = :${name}`;
    });
    try {
      await this.doc.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: key,
          UpdateExpression: `SET ${sets.join(', ')}, #state = :pending, leaseUntil = :lease, updatedAt = :at ADD attempts :one`,
          ConditionExpression:
            'attribute_not_exists(PK) OR #state = :failed OR (#state = :pending AND leaseUntil < :now)',
          ExpressionAttributeNames: names,
          ExpressionAttributeValues: values,
        }),
      );
      return true;
    } catch (error) {
      if ((error as { name?: string }).name === 'ConditionalCheckFailedException') return false;
      throw error;
    }
  }

  async finishFollowUp(eventId: string, id: FollowUpId, outcome: SendOutcome, now: Date): Promise<void> {
    await this.finishSend(keys.followUp(eventId, id), outcome, now);
  }

  /** Closes an intent record: sent (with SES's message id), failed (to be tried again) or refused. */
  async finishSend(key: Record<string, string>, outcome: SendOutcome, now: Date): Promise<void> {
    const values: Record<string, unknown> = { ':state': outcome.state, ':at': now.toISOString() };
    let expression = 'SET #state = :state, updatedAt = :at';
    if (outcome.messageId) {
      expression += ', messageId = :mid, sentAt = :at';
      values[':mid'] = outcome.messageId;
    }
    if (outcome.error) {
      expression += ', lastError = :err';
      values[':err'] = outcome.error.slice(0, 500);
    }
    await this.doc.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: key,
        UpdateExpression: expression,
        ExpressionAttributeNames: { '#state': 'state' },
        ExpressionAttributeValues: values,
      }),
    );
  }

  private assignmentItem(event: SccEvent, state: SccAssignmentState): Item {
    const item: Item = {
      ...keys.assignment(event.id, state.crewId),
      entity: 'scc-assignment',
      eventId: event.id,
      startsAt: event.schedule.startsAt,
      data: state,
    };
    // Only a current assignment appears in the person's calendar feed.
    if (state.active)
      Object.assign(item, indexKeys.sccCrewFeed(state.crewId, event.schedule.startsAt, event.id));
    return item;
  }
}

function toEmailRecord(item: Item): EmailRecord {
  return {
    crewId: String(item.crewId),
    version: Number(item.version),
    kind: item.kind as NoticeKind,
    to: String(item.to ?? ''),
    state: item.state as EmailState,
    attempts: Number(item.attempts ?? 0),
    leaseUntil: Number(item.leaseUntil ?? 0),
    updatedAt: String(item.updatedAt ?? ''),
    ...(item.messageId ? { messageId: String(item.messageId) } : {}),
    ...(item.sentAt ? { sentAt: String(item.sentAt) } : {}),
    ...(item.lastError ? { lastError: String(item.lastError) } : {}),
  };
}
