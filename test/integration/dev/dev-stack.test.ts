/**
 * `npm run dev`'s start function: what it writes for scripts, what it seeds, that data survives a restart,
 * that --fresh starts over, and that stopping leaves nothing running.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GetObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { afterAll, describe, expect, it } from 'vitest';
import { type DevStack, startDevStack } from '../../../src/dev/dev-stack';
import { slackSignatureHeaders } from '../../../src/dev/sandbox/slack-signature';
import { DEV_ROSTER } from '../../../src/dev/seed';
import { createDevStore } from '../../../src/dev/services/dev-store';
import { localDynamoClient } from '../../../src/dev/stand-ins/dynamodb-local';
import { localS3Client } from '../../../src/dev/stand-ins/s3rver';
import { makeTriggerId, startSlackWebApi } from '../../../src/dev/stand-ins/slack-web-api';
import { twoBrandTemplates } from '../../helpers/templates';

// Two brands (test/fixtures/templates/), so that a third brand under templates/ changes nothing here.
const templates = twoBrandTemplates();
const dataDir = mkdtempSync(join(tmpdir(), 'dev-stack-'));
const start = (fresh: boolean) =>
  startDevStack({ port: 0, dataDir, fresh, logLevel: 'error', templatesDir: templates.dir });

async function roster(stack: DevStack) {
  const client = localDynamoClient(stack.endpoints.aws.dynamodb);
  try {
    return await createDevStore(client, stack.endpoints.aws.tableName).listCrew({ includeInactive: true });
  } finally {
    client.destroy();
  }
}

describe('the local system’s start function', () => {
  afterAll(() => {
    rmSync(dataDir, { recursive: true, force: true });
    templates.remove();
  });

  it('starts, seeds, keeps its data across a restart, starts over with --fresh, and stops cleanly', async () => {
    const first = await start(true);
    let s3 = localS3Client(first.endpoints.aws.s3);
    try {
      expect(first.firstStart).toBe(true);
      expect(JSON.parse(readFileSync(join(dataDir, 'endpoints.json'), 'utf8'))).toEqual(first.endpoints);
      expect(Object.keys(first.endpoints.sites).sort()).toEqual(['queenofsandiego.com', 'sailjada.com']);
      expect(first.endpoints.slack.mode).toBe('sandbox');
      expect((await fetch(first.endpoints.home)).status).toBe(200);
      expect((await fetch(`${first.endpoints.slack.sandbox}`)).status).toBe(200);
      expect((await fetch(`${first.endpoints.gateway}/endpoints.json`)).status).toBe(200);
      expect((await roster(first)).map((m) => m.id).sort()).toEqual(DEV_ROSTER.map((m) => m.id).sort());

      const client = localDynamoClient(first.endpoints.aws.dynamodb);
      await createDevStore(client, first.endpoints.aws.tableName).removeCrewMember('lena-park');
      client.destroy();
      await s3.send(new PutObjectCommand({ Bucket: 'sailjada.com', Key: 'g/kept.html', Body: 'kept' }));
    } finally {
      s3.destroy();
      await first.stop();
    }
    await expect(fetch(first.endpoints.aws.dynamodb)).rejects.toThrow();
    await expect(fetch(first.endpoints.gateway)).rejects.toThrow();

    const again = await start(false);
    s3 = localS3Client(again.endpoints.aws.s3);
    try {
      expect(again.firstStart).toBe(false);
      const members = await roster(again);
      expect(members.find((m) => m.id === 'lena-park')?.active).toBe(false);
      const kept = await s3.send(new GetObjectCommand({ Bucket: 'sailjada.com', Key: 'g/kept.html' }));
      expect(await kept.Body?.transformToString()).toBe('kept');
    } finally {
      s3.destroy();
      await again.stop();
    }

    const fresh = await start(true);
    try {
      expect(fresh.firstStart).toBe(true);
      expect((await roster(fresh)).find((m) => m.id === 'lena-park')?.active).toBe(true);
      expect(existsSync(join(dataDir, 's3', 'sailjada.com', 'g', 'kept.html'))).toBe(false);
    } finally {
      await fresh.stop();
    }
  }, 120_000);

  it('talks to the Slack Web API at SLACK_API_URL instead of serving the sandbox', async () => {
    const slack = await startSlackWebApi({ tokens: ['xoxb-given'] });
    const ownDir = mkdtempSync(join(tmpdir(), 'dev-stack-web-api-'));
    const stack = await startDevStack({
      port: 0,
      dataDir: ownDir,
      fresh: true,
      logLevel: 'error',
      templatesDir: templates.dir,
      slack: { kind: 'web-api', apiUrl: slack.url, botToken: 'xoxb-given' },
      slackSigningSecret: 'given-signing-secret',
      // With a real Web API nobody is an operator unless named (issue #13).
      slackOperators: 'U0OPERATOR',
    });
    try {
      expect(stack.endpoints.slack).toMatchObject({ mode: 'web-api', webApi: slack.url });
      expect(stack.sandbox).toBeUndefined();
      expect((await fetch(`${stack.endpoints.gateway}/slack-sandbox`)).status).toBe(404);

      const body = new URLSearchParams({
        command: '/charter',
        text: 'new',
        user_id: 'U0OPERATOR',
        channel_id: 'C0CHARTEROPS',
        team_id: 'T0CHARTER',
        trigger_id: makeTriggerId('U0OPERATOR'),
        response_url: slack.responseUrl(),
      }).toString();
      const answer = await fetch(stack.endpoints.slack.eventsUrl, {
        method: 'POST',
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          ...slackSignatureHeaders('given-signing-secret', body),
        },
        body,
      });

      expect(answer.status).toBe(200);
      expect(slack.callsTo('views.open')[0]?.token).toBe('xoxb-given');
    } finally {
      await stack.stop();
      await slack.stop();
      rmSync(ownDir, { recursive: true, force: true });
    }
  }, 60_000);
});
