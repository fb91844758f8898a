/**
 * SES's bounce and complaint notifications, as they arrive: an SQS message whose body is an SNS envelope
 * (`{Type: 'Notification', Message: '<json>'}`) around SES's JSON, or SES's JSON itself when the subscription
 * delivers raw messages. Parsed into MailFeedback: who, what happened, and a few plain words a person can act
 * on. Delivery notifications and anything else are ignored (undefined), never an error.
 *
 * Format: https://docs.aws.amazon.com/ses/latest/dg/notification-contents.html — `notificationType` for
 * identity notifications, `eventType` for configuration-set event publishing; SES may add fields, so unknown
 * ones are ignored. Bounce types and subtypes: same page, "Bounce types".
 *
 * Never keeps or returns a message body: only addresses, ids and SES's short diagnostic.
 */

export type MailFeedbackKind = 'bounced' | 'complained';

export interface MailFeedback {
  kind: MailFeedbackKind;
  /** SES's message id of the email this is about (mail.messageId). */
  messageId: string;
  /** Recipients concerned, lower-cased. */
  recipients: { address: string; problem: string }[];
  at: string;
  /** A soft bounce (mailbox full, …): SES already retried; shown, but the address is not wrong for good. */
  permanent: boolean;
}

interface SesRecipient {
  emailAddress?: unknown;
  diagnosticCode?: unknown;
  status?: unknown;
}

interface SesNotification {
  notificationType?: unknown;
  eventType?: unknown;
  mail?: { messageId?: unknown; timestamp?: unknown };
  bounce?: {
    bounceType?: unknown;
    bounceSubType?: unknown;
    bouncedRecipients?: SesRecipient[];
    timestamp?: unknown;
  };
  complaint?: {
    complainedRecipients?: SesRecipient[];
    complaintFeedbackType?: unknown;
    complaintSubType?: unknown;
    timestamp?: unknown;
  };
}

/** Parses one SQS message body (SNS envelope or raw). Undefined for anything that is not a bounce or complaint. */
export function parseMailFeedback(body: string): MailFeedback | undefined {
  const outer = parseJson(body) as { Type?: unknown; Message?: unknown } | undefined;
  if (!outer || typeof outer !== 'object') return undefined;
  const inner =
    outer.Type === 'Notification' && typeof outer.Message === 'string'
      ? (parseJson(outer.Message) as SesNotification | undefined)
      : (outer as SesNotification);
  if (!inner || typeof inner !== 'object') return undefined;
  const type = inner.eventType ?? inner.notificationType;
  const messageId = typeof inner.mail?.messageId === 'string' ? inner.mail.messageId : '';
  if (type === 'Bounce' && inner.bounce) {
    const { bounce } = inner;
    const permanent = bounce.bounceType === 'Permanent';
    const recipients = (bounce.bouncedRecipients ?? []).flatMap((r) => {
      const address = addressOf(r.emailAddress);
      return address ? [{ address, problem: bounceProblem(bounce, r) }] : [];
    });
    return { kind: 'bounced', messageId, recipients, at: timestamp(bounce.timestamp), permanent };
  }
  if (type === 'Complaint' && inner.complaint) {
    const { complaint } = inner;
    const recipients = (complaint.complainedRecipients ?? []).flatMap((r) => {
      const address = addressOf(r.emailAddress);
      return address ? [{ address, problem: 'they marked the email as spam' }] : [];
    });
    return { kind: 'complained', messageId, recipients, at: timestamp(complaint.timestamp), permanent: true };
  }
  return undefined;
}

/** Plain words for a bounce, from SES's type and subtype (the diagnostic is an SMTP line, not for people). */
function bounceProblem(bounce: NonNullable<SesNotification['bounce']>, recipient: SesRecipient): string {
  const sub = String(bounce.bounceSubType ?? '');
  if (bounce.bounceType === 'Permanent') {
    switch (sub) {
      case 'NoEmail':
        return 'mailbox does not exist';
      case 'Suppressed':
        return 'the address is on the SES suppression list (it bounced before)';
      case 'OnAccountSuppressionList':
        return "the address is on this account's suppression list";
      case 'UnsubscribedRecipient':
        return 'they unsubscribed';
      default:
        // The simulator's bounce@ is a General hard bounce with "550 5.1.1 user unknown".
        return /5\.1\.1|user unknown|does not exist/i.test(String(recipient.diagnosticCode ?? ''))
          ? 'mailbox does not exist'
          : 'the receiving server refused it for good';
    }
  }
  switch (sub) {
    case 'MailboxFull':
      return 'their mailbox is full';
    case 'MessageTooLarge':
      return 'the email was too large for their mailbox';
    default:
      return 'the receiving server could not take it (SES gave up retrying)';
  }
}

function addressOf(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  // SES may give `"Name" <a@b>`; keep the address.
  const address = (/<([^>]+)>/.exec(value)?.[1] ?? value).trim().toLowerCase();
  return address.includes('@') ? address : undefined;
}

function timestamp(value: unknown): string {
  return typeof value === 'string' && !Number.isNaN(Date.parse(value))
    ? new Date(value).toISOString()
    : new Date().toISOString();
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
