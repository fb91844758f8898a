/**
 * Signs requests the way Slack signs what it sends to an app (v0: HMAC-SHA256 over `v0:<timestamp>:<body>`
 * with the app's signing secret), so the sandbox's requests pass the very verification Bolt does in AWS.
 * Runs only on the server side of the sandbox: the signing secret never reaches the browser.
 */
import { createHmac } from 'node:crypto';

export function slackSignatureHeaders(
  signingSecret: string,
  body: string,
  now: Date = new Date(),
): Record<string, string> {
  const timestamp = String(Math.floor(now.getTime() / 1000));
  const digest = createHmac('sha256', signingSecret).update(`v0:${timestamp}:${body}`).digest('hex');
  return { 'x-slack-request-timestamp': timestamp, 'x-slack-signature': `v0=${digest}` };
}
