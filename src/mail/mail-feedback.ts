/**
 * Marks who SES could not reach. One function, markMailFeedback, takes a bounce or complaint (keyed by the
 * address and SES's message id) and:
 * - keeps it per address (MAIL#<address> / FEEDBACK): the one place anything can ask "does this address
 *   work?" — guest mail plugs in here with its own MailFeedbackTarget;
 * - hands it to each target. The crew target finds the roster members with that address and writes a
 *   delivery record on each of their upcoming bookings (BOOKING#<id> / DELIVERY#<crewId>, entity "delivery",
 *   which is in the stream filter), so the pipeline redraws that booking's crew board and says it in the
 *   thread within one stream pass.
 *
 * Idempotent: SES and SQS deliver at least once; a repeat writes the same records again (the booking's
 * record only when something changed, so a repeat wakes nobody). Never stores a message body.
 */
import { type DynamoDBDocumentClient, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { DynamoBookingStore } from '../store';
import type { MailFeedback, MailFeedbackKind } from './ses-notification';

/** What one booking knows about one crew member's mail. */
export interface Delivery {
  bookingId: string;
  crewId: string;
  address: string;
  kind: MailFeedbackKind;
  /** Plain words: "mailbox does not exist". */
  problem: string;
  permanent: boolean;
  messageId: string;
  at: string;
}

/** A kind of recipient (crew, guests) that wants to hear about its addresses. */
export interface MailFeedbackTarget {
  name: string;
  /** Marks what this target knows under `address`; returns how many records it marked. */
  mark(feedback: { address: string; problem: string } & Omit<MailFeedback, 'recipients'>): Promise<number>;
}

/**
 * What one booking knows about its guest's email: which email (kind) and what happened. Never the guest's
 * address: this record reaches the ops thread, which crew may read.
 */
export interface GuestDelivery {
  bookingId: string;
  /** The guest email it is about: "confirmation", "change", … */
  mail: string;
  kind: MailFeedbackKind;
  problem: string;
  permanent: boolean;
  messageId: string;
  at: string;
}

/** The guest email SES's message id belongs to, as the guest mailer recorded it when SES took it. */
export interface GuestMailSent {
  bookingId: string;
  /** The guest email's kind. */
  mail: string;
  /** Who it went to (checked against the notification's recipient, never shown). */
  to: string;
}

const DELIVERY_PREFIX = 'DELIVERY#';
/** Guest mail problems sort apart from the crew's (DELIVERY#<crewId>), so crew readers never see them. */
const GUEST_DELIVERY_PREFIX = 'GUEST-DELIVERY#';

export class DeliveryStore {
  constructor(
    private readonly doc: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  /** Every delivery problem recorded on a booking, one per crew member (the latest). */
  async list(bookingId: string): Promise<Delivery[]> {
    const { Items } = await this.doc.send(
      new QueryCommand({
        TableName: this.tableName,
        KeyConditionExpression: 'PK = :pk AND begins_with(SK, :sk)',
        ExpressionAttributeValues: { ':pk': `BOOKING#${bookingId}`, ':sk': DELIVERY_PREFIX },
        ConsistentRead: true,
      }),
    );
    return (Items ?? []).map((item) => item.data as Delivery);
  }

  /** Records the problem on the booking; false when the same problem was already there (nothing written). */
  async put(delivery: Delivery): Promise<boolean> {
    try {
      await this.doc.send(
        new PutCommand({
          TableName: this.tableName,
          Item: {
            PK: `BOOKING#${delivery.bookingId}`,
            SK: `${DELIVERY_PREFIX}${delivery.crewId}`,
            entity: 'delivery',
            data: delivery,
          },
          // A repeat of the same notification must not wake the pipeline again.
          ConditionExpression: 'attribute_not_exists(PK) OR #data.messageId <> :mid OR #data.kind <> :kind',
          ExpressionAttributeNames: { '#data': 'data' },
          ExpressionAttributeValues: { ':mid': delivery.messageId, ':kind': delivery.kind },
        }),
      );
      return true;
    } catch (error) {
      if ((error as { name?: string }).name === 'ConditionalCheckFailedException') return false;
      throw error;
    }
  }

  /** The guest's mail problems recorded on a booking, oldest first. */
  async listGuest(bookingId: string): Promise<GuestDelivery[]> {
    const { Items } = await this.doc.send(
      new QueryCommand({
        TableName: this.tableName,
        KeyConditionExpression: 'PK = :pk AND begins_with(SK, :sk)',
        ExpressionAttributeValues: { ':pk': `BOOKING#${bookingId}`, ':sk': GUEST_DELIVERY_PREFIX },
        ConsistentRead: true,
      }),
    );
    return (Items ?? []).map((item) => item.data as GuestDelivery).sort((a, b) => a.at.localeCompare(b.at));
  }

  /**
   * Records a guest mail problem on the booking (entity "delivery": the pipeline redraws the thread); false
   * when this message's problem was recorded already (a repeat wakes nobody).
   */
  async putGuest(delivery: GuestDelivery): Promise<boolean> {
    try {
      await this.doc.send(
        new PutCommand({
          TableName: this.tableName,
          Item: {
            PK: `BOOKING#${delivery.bookingId}`,
            SK: `${GUEST_DELIVERY_PREFIX}${delivery.messageId}#${delivery.kind}`,
            entity: 'delivery',
            data: delivery,
          },
          ConditionExpression: 'attribute_not_exists(PK)',
        }),
      );
      return true;
    } catch (error) {
      if ((error as { name?: string }).name === 'ConditionalCheckFailedException') return false;
      throw error;
    }
  }

  /** Keeps the latest feedback per address, whatever sent the mail. */
  async putAddress(feedback: { address: string; problem: string } & Omit<MailFeedback, 'recipients'>) {
    await this.doc.send(
      new PutCommand({
        TableName: this.tableName,
        Item: {
          PK: `MAIL#${feedback.address}`,
          SK: 'FEEDBACK',
          entity: 'mail-feedback',
          address: feedback.address,
          kind: feedback.kind,
          problem: feedback.problem,
          permanent: feedback.permanent,
          messageId: feedback.messageId,
          at: feedback.at,
        },
      }),
    );
  }
}

/** Crew: roster members with the address → their upcoming bookings → a delivery record on each. */
export function crewFeedbackTarget(deps: {
  store: Pick<DynamoBookingStore, 'listCrew' | 'listUpcoming'>;
  deliveries: Pick<DeliveryStore, 'put'>;
  now?: () => Date;
}): MailFeedbackTarget {
  const now = deps.now ?? (() => new Date());
  return {
    name: 'crew',
    async mark(feedback) {
      const roster = await deps.store.listCrew({ includeInactive: true });
      const members = roster.filter((m) => m.email.trim().toLowerCase() === feedback.address);
      if (members.length === 0) return 0;
      // Bookings that ended a day ago no longer need anyone's answer.
      const from = new Date(now().getTime() - 24 * 3_600_000);
      const bookings = await deps.store.listUpcoming({ from, limit: 500 });
      let marked = 0;
      for (const member of members) {
        for (const booking of bookings) {
          if (!booking.crew.some((a) => a.crewId === member.id)) continue;
          const wrote = await deps.deliveries.put({
            bookingId: booking.id,
            crewId: member.id,
            address: feedback.address,
            kind: feedback.kind,
            problem: feedback.problem,
            permanent: feedback.permanent,
            messageId: feedback.messageId,
            at: feedback.at,
          });
          if (wrote) marked++;
        }
      }
      return marked;
    },
  };
}

/**
 * Guests: SES's message id → the guest email it was (recorded by SCC's guest mailer when SES took it) → a
 * guest delivery record on that booking. Matched by message id, not by address: a guest's address belongs
 * to their booking, and the same person may book twice.
 */
export function guestFeedbackTarget(deps: {
  sent: (sesMessageId: string) => Promise<GuestMailSent | undefined>;
  deliveries: Pick<DeliveryStore, 'putGuest'>;
}): MailFeedbackTarget {
  return {
    name: 'guest',
    async mark(feedback) {
      if (!feedback.messageId) return 0;
      const sent = await deps.sent(feedback.messageId);
      // Not a guest email, or not to this recipient (a crew email, another recipient of a multi-recipient mail).
      if (!sent || sent.to.trim().toLowerCase() !== feedback.address) return 0;
      const wrote = await deps.deliveries.putGuest({
        bookingId: sent.bookingId,
        mail: sent.mail,
        kind: feedback.kind,
        problem: feedback.problem,
        permanent: feedback.permanent,
        messageId: feedback.messageId,
        at: feedback.at,
      });
      return wrote ? 1 : 0;
    },
  };
}

/** Records a bounce or complaint against every recipient it names, for every target. */
export async function markMailFeedback(
  feedback: MailFeedback,
  deps: { deliveries: Pick<DeliveryStore, 'putAddress'>; targets: readonly MailFeedbackTarget[] },
): Promise<number> {
  let marked = 0;
  for (const recipient of feedback.recipients) {
    const one = { ...feedback, address: recipient.address, problem: recipient.problem };
    await deps.deliveries.putAddress(one);
    for (const target of deps.targets) marked += await target.mark(one);
  }
  return marked;
}
