import { describe, expect, it } from 'vitest';
import { slackSignatureHeaders } from '../../../../src/dev/sandbox/slack-signature';
import { verifySlackSignature } from '../../../../src/slack/signature';

describe('the sandbox’s request signatures', () => {
  it('pass the verification the Slack app does in AWS', () => {
    const now = new Date('2026-11-24T12:00:00Z');
    const body = 'payload=%7B%22type%22%3A%22block_actions%22%7D';
    const headers = slackSignatureHeaders('local-secret', body, now);

    const check = verifySlackSignature({
      signingSecret: 'local-secret',
      rawBody: body,
      timestamp: headers['x-slack-request-timestamp'],
      signature: headers['x-slack-signature'],
      nowSeconds: Math.floor(now.getTime() / 1000),
    });

    expect(check.ok).toBe(true);
  });

  it('fail with any other secret or body', () => {
    const now = new Date();
    const headers = slackSignatureHeaders('local-secret', 'text=new', now);
    const verify = (secret: string, body: string) =>
      verifySlackSignature({
        signingSecret: secret,
        rawBody: body,
        timestamp: headers['x-slack-request-timestamp'],
        signature: headers['x-slack-signature'],
        nowSeconds: Math.floor(now.getTime() / 1000),
      }).ok;

    expect(verify('other-secret', 'text=new')).toBe(false);
    expect(verify('local-secret', 'text=cancel')).toBe(false);
  });
});
