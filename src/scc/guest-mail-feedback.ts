/**
 * Guest mail in the SES bounce and complaint path: the mail feedback handler's guest target, fed by the
 * guest mailer's records (a sent guest email keeps SES's message id; GuestMailStore.bySesMessageId finds
 * the email from it). The handler then records the problem on the booking, and the thread says which guest
 * email bounced — never the guest's address.
 */
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { type DeliveryStore, guestFeedbackTarget, type MailFeedbackTarget } from '../mail';
import { SccEventStore } from './event-store';
import { GuestMailStore } from './guest-mail-store';

export function guestMailFeedbackTarget(deps: {
  doc: DynamoDBDocumentClient;
  tableName: string;
  deliveries: Pick<DeliveryStore, 'putGuest'>;
}): MailFeedbackTarget {
  const store = new GuestMailStore(deps.doc, deps.tableName, new SccEventStore(deps.doc, deps.tableName));
  return guestFeedbackTarget({
    deliveries: deps.deliveries,
    sent: async (sesMessageId) => {
      const found = await store.bySesMessageId(sesMessageId);
      return found ? { bookingId: found.bookingId, mail: found.kind, to: found.to } : undefined;
    },
  });
}
