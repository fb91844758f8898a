/** Reads mail back from aws-ses-v2-local (src/dev/stand-ins/ses-local.ts): what SES would have delivered. */

export interface SentMail {
  messageId: string;
  from: string;
  to: string[];
  subject: string;
  html: string;
  text: string;
  attachments: { filename?: string; contentType: string; content: Buffer }[];
  at: number;
}

interface StoredEmail {
  messageId: string;
  from: string;
  destination: { to: string[]; cc: string[]; bcc: string[] };
  subject: string;
  body: { html?: string; text?: string };
  attachments: { filename?: string; contentType: string; content: string }[];
  at: number;
}

/** Every message the stand-in holds, optionally only those addressed to `to` (matched inside the header). */
export async function readSentMail(endpoint: string, filter: { to?: string } = {}): Promise<SentMail[]> {
  const response = await fetch(`${endpoint}/store`);
  if (!response.ok) throw new Error(`SES stand-in answered ${response.status}`);
  const { emails } = (await response.json()) as { emails: StoredEmail[] };
  return emails
    .map((e) => ({
      messageId: e.messageId,
      from: e.from,
      to: e.destination.to,
      subject: e.subject,
      html: e.body.html ?? '',
      text: e.body.text ?? '',
      attachments: e.attachments.map((a) => ({
        filename: a.filename,
        contentType: a.contentType,
        content: Buffer.from(a.content, 'base64'),
      })),
      at: e.at,
    }))
    .filter(
      (mail) =>
        !filter.to || mail.to.some((address) => address.toLowerCase().includes(filter.to!.toLowerCase())),
    );
}

export async function clearSentMail(endpoint: string): Promise<void> {
  await fetch(`${endpoint}/clear-store`, { method: 'POST' });
}

/** The first http(s) link in a text that starts with `prefix`. */
export function findLink(text: string, prefix: string): string | undefined {
  const escaped = prefix.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`${escaped}[^\\s"'<>)]*`).exec(text)?.[0];
}
