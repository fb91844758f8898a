/**
 * SCC's guest-mail records in the shared table. The only code that knows these keys:
 *
 *   GUESTMAIL#<bookingId> / SENT#<kind>#<key>   one guest email, at most once per (booking, kind, key)
 *                                                (entity "guest-mail": pending → sent | rejected | failed)
 *   GUESTMAIL#<bookingId> / OPTOUT              the guest unsubscribed: no further mail for this booking
 *                                                (entity "guest-mail-optout")
 *
 * The intent is written before SES is called, with the same conditional claim as crew mail
 * (SccEventStore.claimSend), so a retry skips what was sent and a crash mid-send repeats at most that one
 * email. None of these entities is on the pipeline's stream filter.
 */
import { type DynamoDBDocumentClient, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { GuestMailKind } from '../domain';
import { PARTITION_PREFIX } from '../store';
import type { EmailState } from './contract';
import type { SccEventStore, SendOutcome } from './event-store';

// The prefix is keys.ts's: the guest-mail function's IAM grant (dynamodb:LeadingKeys) is written against it.
const partition = (bookingId: string) => `${PARTITION_PREFIX.guestMail}${bookingId}`;
const keys = {
  mail: (bookingId: string, kind: GuestMailKind, key: string) => ({
    PK: partition(bookingId),
    SK: `SENT#${kind}#${key}`,
  }),
  optOut: (bookingId: string) => ({ PK: partition(bookingId), SK: 'OPTOUT' }),
  /** SES's message id → the guest email it was, for bounce and complaint notifications (src/mail). */
  sesMessage: (sesMessageId: string) => ({
    PK: `${PARTITION_PREFIX.guestMailSes}${sesMessageId}`,
    SK: 'SENT',
  }),
};

/** Kept as long as SES may still report on a message (bounces come within days; complaints within weeks). */
const SES_MESSAGE_TTL_DAYS = 90;

export interface GuestMailRecord {
  state: EmailState;
  attempts: number;
  messageId?: string;
  sentAt?: string;
  lastError?: string;
}

export interface GuestOptOut {
  at: string;
  via: 'one-click' | 'page';
}

export class GuestMailStore {
  constructor(
    private readonly doc: DynamoDBDocumentClient,
    private readonly tableName: string,
    private readonly sends: Pick<SccEventStore, 'claimSend' | 'finishSend'>,
  ) {}

  async get(bookingId: string, kind: GuestMailKind, key: string): Promise<GuestMailRecord | undefined> {
    const { Item } = await this.doc.send(
      new GetCommand({
        TableName: this.tableName,
        Key: keys.mail(bookingId, kind, key),
        ConsistentRead: true,
      }),
    );
    if (!Item) return undefined;
    return {
      state: Item.state as EmailState,
      attempts: Number(Item.attempts ?? 0),
      ...(Item.messageId ? { messageId: String(Item.messageId) } : {}),
      ...(Item.sentAt ? { sentAt: String(Item.sentAt) } : {}),
      ...(Item.lastError ? { lastError: String(Item.lastError) } : {}),
    };
  }

  /** Records the intent to send; false when it was sent or refused, or another sender holds it now. */
  async claim(
    bookingId: string,
    kind: GuestMailKind,
    key: string,
    to: string,
    now: Date,
    leaseSeconds: number,
  ): Promise<boolean> {
    return this.sends.claimSend(
      keys.mail(bookingId, kind, key),
      { entity: 'guest-mail', bookingId, kind, key, to },
      now,
      leaseSeconds,
    );
  }

  async finish(
    bookingId: string,
    kind: GuestMailKind,
    key: string,
    outcome: SendOutcome,
    now: Date,
  ): Promise<void> {
    await this.sends.finishSend(keys.mail(bookingId, kind, key), outcome, now);
    if (outcome.state === 'sent' && outcome.messageId) {
      // The SES message id is on the record (finishSend); this item finds the record from it.
      await this.doc.send(
        new PutCommand({
          TableName: this.tableName,
          Item: {
            ...keys.sesMessage(outcome.messageId),
            entity: 'guest-mail-ses',
            bookingId,
            kind,
            key,
            expiresAt: Math.floor(now.getTime() / 1000) + SES_MESSAGE_TTL_DAYS * 86_400,
          },
        }),
      );
    }
  }

  /** The guest email SES gave `sesMessageId` to, with its recipient; undefined for any other message. */
  async bySesMessageId(
    sesMessageId: string,
  ): Promise<{ bookingId: string; kind: GuestMailKind; key: string; to: string } | undefined> {
    const { Item: index } = await this.doc.send(
      new GetCommand({ TableName: this.tableName, Key: keys.sesMessage(sesMessageId) }),
    );
    if (!index) return undefined;
    const bookingId = String(index.bookingId);
    const kind = index.kind as GuestMailKind;
    const key = String(index.key);
    const { Item } = await this.doc.send(
      new GetCommand({ TableName: this.tableName, Key: keys.mail(bookingId, kind, key) }),
    );
    if (!Item || Item.messageId !== sesMessageId) return undefined;
    return { bookingId, kind, key, to: String(Item.to ?? '') };
  }

  async optOut(bookingId: string): Promise<GuestOptOut | undefined> {
    const { Item } = await this.doc.send(
      new GetCommand({ TableName: this.tableName, Key: keys.optOut(bookingId), ConsistentRead: true }),
    );
    return Item ? { at: String(Item.at), via: Item.via as GuestOptOut['via'] } : undefined;
  }

  /** Stops further guest mail for the booking. Repeating it keeps the first time (and says it was there). */
  async recordOptOut(bookingId: string, optOut: GuestOptOut): Promise<'recorded' | 'already'> {
    try {
      await this.doc.send(
        new PutCommand({
          TableName: this.tableName,
          Item: { ...keys.optOut(bookingId), entity: 'guest-mail-optout', bookingId, ...optOut },
          ConditionExpression: 'attribute_not_exists(PK)',
        }),
      );
      return 'recorded';
    } catch (error) {
      if ((error as { name?: string }).name === 'ConditionalCheckFailedException') return 'already';
      throw error;
    }
  }
}
