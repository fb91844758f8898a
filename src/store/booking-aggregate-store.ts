/**
 * The booking aggregate on DynamoDB: the booking item (BOOKING#<id> / BOOKING), its slugs (SLUG#<domain>#<slug>)
 * and its history (BOOKING#<id> / HISTORY#<revision>), plus the idempotency marker of a booking's creation. They
 * are one module because they are written in one transaction; keys come from keys.ts.
 *
 * Guarantees: a booking and its slug are written in one transaction (a slug is unique per domain); every write
 * succeeds only against the revision it was read at (StaleRevisionError otherwise, never a silent overwrite) and
 * writes its history entry in the same transaction, so a lost race leaves no history; cancelling keeps the
 * booking and its history. Must never write a booking without its history entry, nor move a slug without
 * reserving the new one.
 */
import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import {
  type DynamoDBDocumentClient,
  GetCommand,
  TransactWriteCommand,
  type TransactWriteCommandInput,
} from '@aws-sdk/lib-dynamodb';
import {
  type Booking,
  type BookingStatus,
  diffBookings,
  type HistoryEntry,
  transition,
  unguessableSlug,
  type ValidBookingInput,
} from '../domain';
import { ConflictError, NotFoundError, StaleRevisionError } from '../errors';
import { BOOKING_SCHEMA_VERSION, bookingFromItem } from './booking-item';
import { historyEntryFromData, historyItemData } from './history-item';
import { bookingKeys, bookingPartition, INDEX_PARTITION, indexKeys, SORT_PREFIX } from './keys';
import { queryAll, queryItems } from './query-items';
import { randomCode } from './random-ids';
import { TABLE_KEYS } from './table-definition';

type Item = Record<string, unknown>;
type NativeTransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];

export interface NewBooking {
  input: ValidBookingInput;
  boat: { id: string; name: string };
  startsAt: string;
  endsAt: string;
  actor: string;
  /** Business-level idempotency key (e.g. Slack view id + hash): a repeat returns the first booking. */
  idempotencyKey?: string;
  /** Fixed id, for tests and imports; normally generated. */
  id?: string;
}

export interface BookingChange {
  input: ValidBookingInput;
  boat: { id: string; name: string };
  startsAt: string;
  endsAt: string;
}

/** The captain's report when completing a charter. */
export interface CompletionReport {
  headCount: number;
  note: string;
}

export interface ListUpcomingOptions {
  from: Date;
  to?: Date;
  limit?: number;
  includeCancelled?: boolean;
}

const keys = bookingKeys;

export function newBookingId(): string {
  // Time-ordered and URL-safe: sorts by creation, readable in logs, safe in S3 keys. It also names the
  // booking's public page (g/<id>), so its random part is as strong as a slug's (60 bits).
  return `bk-${Date.now().toString(36)}-${randomCode()}`;
}

export class BookingAggregateStore {
  constructor(
    private readonly doc: DynamoDBDocumentClient,
    private readonly tableName: string,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** Creates a booking with a slug unique to its domain: its words plus a random code (drawn again if taken). */
  async createBooking(request: NewBooking): Promise<Booking> {
    if (request.idempotencyKey) {
      const earlier = await this.bookingForIdempotencyKey(request.idempotencyKey);
      if (earlier) return earlier;
    }
    const id = request.id ?? newBookingId();
    const { input } = request;
    const explicit = input.slug !== undefined;
    const words = { title: input.title, guestName: input.guest.name, date: input.schedule.date };
    const preferred = input.slug ?? unguessableSlug(words, randomCode());
    const candidates = explicit ? [preferred] : [preferred, unguessableSlug(words, randomCode())];

    for (const slug of candidates) {
      const booking = this.buildNewBooking(request, id, slug);
      try {
        await this.doc.send(new TransactWriteCommand({ TransactItems: this.createItems(booking, request) }));
        return booking;
      } catch (error) {
        const reasons = cancellationReasons(error);
        if (!reasons) throw error;
        // Item order: 0 booking, 1 slug, 2 idempotency marker.
        if (reasons[2] === 'ConditionalCheckFailed' && request.idempotencyKey) {
          const earlier = await this.bookingForIdempotencyKey(request.idempotencyKey);
          if (earlier) return earlier;
        }
        if (reasons[0] === 'ConditionalCheckFailed') throw new ConflictError(`Booking ${id} already exists.`);
        if (reasons[1] === 'ConditionalCheckFailed') {
          if (explicit) {
            throw new ConflictError(
              `The page address ${slug} is already used on ${input.domain}. Choose another.`,
            );
          }
          continue;
        }
        throw error;
      }
    }
    throw new ConflictError(`No free page address for ${preferred} on ${input.domain}.`);
  }

  async getBooking(id: string): Promise<Booking | undefined> {
    const { Item } = await this.doc.send(
      new GetCommand({ TableName: this.tableName, Key: keys.booking(id), ConsistentRead: true }),
    );
    return Item ? toBooking(Item) : undefined;
  }

  async requireBooking(id: string): Promise<Booking> {
    const booking = await this.getBooking(id);
    if (!booking) throw new NotFoundError(`No charter with id ${id}.`);
    return booking;
  }

  /** Finds a booking by its current or a previous slug on a domain. */
  async getBookingBySlug(domain: string, slug: string): Promise<Booking | undefined> {
    const { Item } = await this.doc.send(
      new GetCommand({ TableName: this.tableName, Key: keys.slug(domain, slug) }),
    );
    return Item ? this.getBooking(String(Item.bookingId)) : undefined;
  }

  /** Finds a booking by slug on any domain (slugs are unique per domain; the first match wins). */
  async findBookingBySlug(slug: string, domains: readonly string[]): Promise<Booking | undefined> {
    for (const domain of domains) {
      const booking = await this.getBookingBySlug(domain, slug);
      if (booking) return booking;
    }
    return undefined;
  }

  /** Charters starting from `from` (by start time), soonest first. */
  async listUpcoming(options: ListUpcomingOptions): Promise<Booking[]> {
    const { gsi1 } = TABLE_KEYS;
    const limit = options.limit ?? 25;
    const bookings: Booking[] = [];
    const items = queryItems(this.doc, {
      TableName: this.tableName,
      IndexName: gsi1.name,
      KeyConditionExpression: '#pk = :pk AND #sk BETWEEN :from AND :to',
      ExpressionAttributeNames: { '#pk': gsi1.partitionKey, '#sk': gsi1.sortKey },
      ExpressionAttributeValues: {
        ':pk': INDEX_PARTITION.booking,
        ':from': options.from.toISOString(),
        ':to': options.to ? `${options.to.toISOString()}~` : '~',
      },
    });
    for await (const item of items) {
      const booking = toBooking(item);
      if (booking.status === 'cancelled' && !options.includeCancelled) continue;
      bookings.push(booking);
      if (bookings.length >= limit) break;
    }
    return bookings;
  }

  /** Every change to a booking, oldest first: who, when, which fields, from → to. Ops-only data. */
  async listHistory(bookingId: string): Promise<HistoryEntry[]> {
    const items = await queryAll(this.doc, {
      TableName: this.tableName,
      KeyConditionExpression: 'PK = :pk AND begins_with(SK, :sk)',
      ExpressionAttributeValues: { ':pk': bookingPartition(bookingId), ':sk': SORT_PREFIX.history },
      ConsistentRead: true,
    });
    return items.map((item) => historyEntryFromData(item.data));
  }

  /**
   * Replaces the booking's editable fields, only if it is still at `expectedRevision`. A new slug is reserved
   * in the same transaction; the old one keeps pointing here so its page can redirect.
   */
  async updateBooking(
    id: string,
    expectedRevision: number,
    change: BookingChange,
    actor: string,
  ): Promise<Booking> {
    const current = await this.requireAt(id, expectedRevision);
    const { input } = change;
    const slug = input.slug ?? current.slug;
    const next: Booking = {
      ...current,
      ...editableFields(change),
      domain: current.domain,
      slug,
      previousSlugs: slug === current.slug ? current.previousSlugs : [...current.previousSlugs, current.slug],
    };
    if (input.domain !== current.domain) {
      throw new ConflictError(
        'A charter cannot move to another brand domain; cancel it and create a new one.',
      );
    }
    const written = this.nextRevision(next, expectedRevision, actor);
    const items: NativeTransactItem[] = [this.conditionalPut(written, expectedRevision)];
    if (slug !== current.slug) items.push(this.slugReservation(next.domain, slug, id));
    return this.writeRevision(current, written, items, 'updated');
  }

  /** Moves the booking to another status (e.g. confirmed by the captain), guarded by revision. */
  async setStatus(
    id: string,
    expectedRevision: number,
    status: BookingStatus,
    actor: string,
  ): Promise<Booking> {
    return this.reviseBooking(id, expectedRevision, actor, 'status', (current) => ({
      ...current,
      status: transition(current.status, status),
    }));
  }

  /** Cancels, keeping the booking and its history; the pipeline takes the downstream copies down. */
  async cancelBooking(id: string, expectedRevision: number, reason: string, actor: string): Promise<Booking> {
    return this.reviseBooking(id, expectedRevision, actor, 'cancelled', (current) => ({
      ...current,
      status: transition(current.status, 'cancelled'),
      cancelledAt: this.now().toISOString(),
      cancelReason: reason || undefined,
    }));
  }

  /** Completes the charter with the captain's report (`completion: {headCount, note, at, by}`). */
  async completeBooking(
    id: string,
    expectedRevision: number,
    report: CompletionReport,
    actor: string,
  ): Promise<Booking> {
    return this.reviseBooking(id, expectedRevision, actor, 'status', (current) => {
      const completion = { ...report, at: this.now().toISOString(), by: actor };
      return { ...current, status: transition(current.status, 'completed'), completion } as Booking;
    });
  }

  /**
   * The one guarded write for everything that rides on the booking item but is not a form edit (status,
   * cancellation, completion, requests to the pipeline; see booking-request-store.ts): reads the booking,
   * refuses a stale `expectedRevision` (StaleRevisionError), applies `change`, bumps the revision and writes
   * it with its history entry of `kind` in one transaction. `change` may throw to refuse (nothing is written);
   * it cannot move the booking's id, domain or slugs (updateBooking reserves slugs): those are kept as read.
   */
  async reviseBooking(
    id: string,
    expectedRevision: number,
    actor: string,
    kind: HistoryEntry['kind'],
    change: (current: Booking) => Booking,
  ): Promise<Booking> {
    const current = await this.requireAt(id, expectedRevision);
    const next: Booking = {
      ...change(current),
      id: current.id,
      domain: current.domain,
      slug: current.slug,
      previousSlugs: current.previousSlugs,
    };
    const written = this.nextRevision(next, expectedRevision, actor);
    return this.writeRevision(current, written, [this.conditionalPut(written, expectedRevision)], kind);
  }

  // ── internals ──────────────────────────────────────────────────────────────

  /** The booking, if it is still at `expectedRevision` (NotFoundError, StaleRevisionError otherwise). */
  private async requireAt(id: string, expectedRevision: number): Promise<Booking> {
    const current = await this.requireBooking(id);
    if (current.revision !== expectedRevision) throw new StaleRevisionError(expectedRevision);
    return current;
  }

  private buildNewBooking(request: NewBooking, id: string, slug: string): Booking {
    const { input } = request;
    const at = this.now().toISOString();
    return {
      id,
      slug,
      ...editableFields(request),
      domain: input.domain,
      status: 'pending',
      revision: 1,
      createdAt: at,
      updatedAt: at,
      createdBy: request.actor,
      updatedBy: request.actor,
      previousSlugs: [],
    };
  }

  private createItems(booking: Booking, request: NewBooking): NativeTransactItem[] {
    const items: NativeTransactItem[] = [
      {
        Put: {
          TableName: this.tableName,
          Item: bookingItem(booking),
          ConditionExpression: 'attribute_not_exists(PK)',
        },
      },
      this.slugReservation(booking.domain, booking.slug, booking.id),
    ];
    if (request.idempotencyKey) {
      items.push({
        Put: {
          TableName: this.tableName,
          Item: {
            ...keys.idempotency(`booking:${request.idempotencyKey}`),
            entity: 'idempotency',
            bookingId: booking.id,
          },
          ConditionExpression: 'attribute_not_exists(PK)',
        },
      });
    }
    // Last, so the cancellation reasons' indexes above stay fixed.
    items.push(
      this.historyPut({
        bookingId: booking.id,
        revision: 1,
        at: booking.createdAt,
        actor: booking.createdBy,
        kind: 'created',
        changes: [],
      }),
    );
    return items;
  }

  private historyPut(entry: HistoryEntry): NativeTransactItem {
    return {
      Put: {
        TableName: this.tableName,
        Item: {
          ...keys.history(entry.bookingId, entry.revision),
          entity: 'history',
          data: historyItemData(entry),
        },
        ConditionExpression: 'attribute_not_exists(PK)',
      },
    };
  }

  private slugReservation(domain: string, slug: string, bookingId: string): NativeTransactItem {
    return {
      Put: {
        TableName: this.tableName,
        Item: { ...keys.slug(domain, slug), entity: 'slug', bookingId, domain, slug },
        ConditionExpression: 'attribute_not_exists(PK) OR bookingId = :id',
        ExpressionAttributeValues: { ':id': bookingId },
      },
    };
  }

  private nextRevision(next: Booking, expectedRevision: number, actor: string): Booking {
    return { ...next, revision: expectedRevision + 1, updatedAt: this.now().toISOString(), updatedBy: actor };
  }

  private conditionalPut(written: Booking, expectedRevision: number): NativeTransactItem {
    return {
      Put: {
        TableName: this.tableName,
        Item: bookingItem(written),
        ConditionExpression: '#revision = :expected',
        ExpressionAttributeNames: { '#revision': 'revision' },
        ExpressionAttributeValues: { ':expected': expectedRevision },
      },
    };
  }

  /**
   * Writes `written` (one revision after `current`) with its guard items and, in the same transaction, the
   * history entry saying who changed what; maps a lost race to StaleRevisionError.
   */
  private async writeRevision(
    current: Booking,
    written: Booking,
    items: NativeTransactItem[],
    kind: HistoryEntry['kind'],
  ): Promise<Booking> {
    const expectedRevision = current.revision;
    const entry: HistoryEntry = {
      bookingId: written.id,
      revision: written.revision,
      at: written.updatedAt,
      actor: written.updatedBy,
      kind,
      changes: diffBookings(current, written),
    };
    try {
      await this.doc.send(new TransactWriteCommand({ TransactItems: [...items, this.historyPut(entry)] }));
    } catch (error) {
      const reasons = cancellationReasons(error);
      if (reasons?.[0] === 'ConditionalCheckFailed')
        throw new StaleRevisionError(expectedRevision, { cause: error });
      if (reasons?.[1] === 'ConditionalCheckFailed') {
        throw new ConflictError(
          `The page address ${written.slug} is already used on ${written.domain}. Choose another.`,
        );
      }
      throw error;
    }
    return written;
  }

  private async bookingForIdempotencyKey(key: string): Promise<Booking | undefined> {
    const { Item } = await this.doc.send(
      new GetCommand({
        TableName: this.tableName,
        Key: keys.idempotency(`booking:${key}`),
        ConsistentRead: true,
      }),
    );
    return Item ? this.getBooking(String(Item.bookingId)) : undefined;
  }
}

/** What a form submission sets on a booking, field by field (never a spread: the input has extra keys). */
function editableFields(change: BookingChange) {
  const { input } = change;
  return {
    title: input.title,
    guest: input.guest,
    schedule: input.schedule,
    boat: change.boat,
    meetingPoint: input.meetingPoint,
    guestNotes: input.guestNotes,
    internalNotes: input.internalNotes,
    priceCents: input.priceCents,
    depositCents: input.depositCents,
    captainFeeCents: input.captainFeeCents,
    portCostsCents: input.portCostsCents,
    crew: input.crew,
    guestMail: input.guestMail,
    startsAt: change.startsAt,
    endsAt: change.endsAt,
  } satisfies Partial<Booking>;
}

/** The stored item: the booking's fields at top level (the stream filter and GSI read them) plus keys. */
function bookingItem(booking: Booking): Item {
  return {
    ...keys.booking(booking.id),
    ...indexKeys.booking(booking.startsAt, booking.id),
    entity: 'booking',
    ...booking,
    schemaVersion: BOOKING_SCHEMA_VERSION,
  };
}

/** The Booking a stored item holds, upgraded and parsed (booking-item.ts). */
export function toBooking(item: Item): Booking {
  return bookingFromItem(item);
}

function cancellationReasons(error: unknown): (string | undefined)[] | undefined {
  if (
    error instanceof TransactionCanceledException ||
    (error as { name?: string })?.name === 'TransactionCanceledException'
  ) {
    return ((error as TransactionCanceledException).CancellationReasons ?? []).map((r) => r.Code);
  }
  return undefined;
}
