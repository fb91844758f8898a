/**
 * The drift audit (issue #16): deleting the guest page object, the SCC event, the calendar entry or the root
 * message behind the system's back is repaired by one audit pass, through the pipeline's own steps, and the
 * thread and the ops channel say what was repaired. A pass with nothing drifted changes nothing.
 */
import { DeleteObjectCommand, HeadObjectCommand } from '@aws-sdk/client-s3';
import { DeleteCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GuestPageResult } from '../../../src/pipeline/steps/guest-page';
import type { SccEventResult } from '../../../src/pipeline/steps/scc-event';
import type { SlackThreadResult } from '../../../src/pipeline/steps/slack-thread';
import { AuditRequestStore } from '../../../src/store/audit-requests';
import type { Pipeline } from '../../../src/wiring/create-pipeline';
import {
  BOT_TOKEN,
  DASHBOARD_TOKEN,
  OPS_CHANNEL,
  type PipelineStack,
  startPipelineStack,
} from './helpers/pipeline-stack';

let stack: PipelineStack;
let pipeline: Pipeline;

beforeAll(async () => {
  // A loaded machine answers slowly: nothing here injects faults, so a call may take its time.
  stack = await startPipelineStack({ httpTimeoutMs: 5_000 });
  pipeline = stack.buildPipeline();
  await stack.startPoller(pipeline);
}, 120_000);

afterAll(() => stack?.stop());

async function converged(title: string, id: string) {
  const booking = await stack.createBooking({ title }, id);
  await stack.waitFor(`${id} to converge`, () => stack.isConverged(id), 120_000);
  return booking;
}

const record = async (id: string, step: Parameters<Pipeline['stepRecords']['get']>[1]) =>
  (await pipeline.stepRecords.get(id, step))?.result ?? {};

/** Every message in the booking's current thread (root first). */
function thread(id: string): string[] {
  const [root] = stack.rootMessages(id);
  return [root, ...stack.slack.replies(OPS_CHANNEL, root?.ts ?? '')].map((m) => m?.text ?? '');
}

const notices = () =>
  stack.slack
    .messages(OPS_CHANNEL)
    .filter((m) => m.text?.startsWith(':mag: Audit'))
    .map((m) => m.text ?? '');

describe('the drift audit', () => {
  it('changes nothing when nothing drifted, and says so when asked', { timeout: 240_000 }, async () => {
    const booking = await converged('Calm Sail', 'bk-audit-calm');
    const before = await pipeline.stepRecords.list(booking.id);
    const messages = stack.slack.messages(OPS_CHANNEL).length;

    const report = await pipeline.audit.run({ trigger: 'request', runId: 'calm' });

    expect(report.drifted).toEqual([]);
    expect(report.checked).toBeGreaterThanOrEqual(1);
    const after = await pipeline.stepRecords.list(booking.id);
    for (const [name, r] of before) expect(after.get(name)?.version).toBe(r.version);
    // Only the summary, on request: no thread line.
    expect(stack.slack.messages(OPS_CHANNEL).length).toBe(messages + 1);
    expect(notices().at(-1)).toMatch(/^:mag: Audit: \d+ upcoming charters? checked — all in order\.$/);

    // Nightly, nothing to say: silence.
    await pipeline.audit.run({ trigger: 'nightly', runId: 'calm-night' });
    expect(stack.slack.messages(OPS_CHANNEL).length).toBe(messages + 1);
  });

  it('republishes a guest page deleted from S3', { timeout: 240_000 }, async () => {
    const booking = await converged('Page Sail', 'bk-audit-page');
    const { bucket, keys } = (await record(booking.id, 'guest-page')) as GuestPageResult;
    const key = keys?.find((k) => k.endsWith('.html')) as string;
    await stack.s3.s3.send(new DeleteObjectCommand({ Bucket: bucket, Key: key }));
    const invalidationsBefore = stack.cloudFront.invalidations.length;

    const report = await pipeline.audit.run({ trigger: 'nightly', runId: 'page' });

    expect(report.drifted.map((b) => [b.bookingId, b.repaired])).toEqual([[booking.id, true]]);
    const head = await stack.s3.s3.send(new HeadObjectCommand({ Bucket: bucket, Key: key }));
    expect(head.Metadata?.['content-sha256']).toBeTruthy();
    // The edge may still hold the page's 404: the republish is invalidated, as the pipeline's own publish is.
    const made = stack.cloudFront.invalidations.slice(invalidationsBefore);
    expect(made.map((i) => i.paths)).toEqual([expect.arrayContaining([`/${key}`])]);
    const step = (await record(booking.id, 'invalidation')) as { invalidationId?: string };
    expect(step.invalidationId).toBe(made[0]?.id);
    expect(thread(booking.id)).toContain(':mag: Audit: the guest page was missing — republished.');
    expect(notices().at(-1)).toBe(
      ':mag: Audit: 2 upcoming charters checked, 1 repaired: *Page Sail* (guest page).',
    );
  });

  it('creates again an SCC event deleted in SCC', { timeout: 240_000 }, async () => {
    const booking = await converged('Event Sail', 'bk-audit-event');
    const { eventId } = (await record(booking.id, 'scc-event')) as SccEventResult;
    const { Items } = await stack.table.doc.send(
      new QueryCommand({
        TableName: stack.table.tableName,
        KeyConditionExpression: 'PK = :pk',
        ExpressionAttributeValues: { ':pk': `SCC#${eventId}` },
      }),
    );
    for (const item of Items ?? []) {
      await stack.table.doc.send(
        new DeleteCommand({ TableName: stack.table.tableName, Key: { PK: item.PK, SK: item.SK } }),
      );
    }
    expect(await stack.sccEvent(booking.id)).toBeUndefined();

    const report = await pipeline.audit.run({ trigger: 'nightly', runId: 'event' });

    expect(report.drifted.map((b) => [b.bookingId, b.repaired])).toEqual([[booking.id, true]]);
    expect((await stack.sccEvent(booking.id))?.event.status).toBe('scheduled');
    expect(thread(booking.id)).toContain(
      ':mag: Audit: the crew event was missing in ShipCaptainCrew — created again.',
    );
  });

  it('adds again a calendar entry deleted from the dashboard', { timeout: 240_000 }, async () => {
    const booking = await converged('Calendar Sail', 'bk-audit-calendar');
    const gone = await fetch(`${stack.proxies.dashboard.url}/calendar/${booking.id}`, {
      method: 'DELETE',
      headers: { 'x-dashboard-token': DASHBOARD_TOKEN },
    });
    expect(gone.status).toBeLessThan(300);
    expect(await stack.calendarEntry(booking.id)).toBeUndefined();

    const report = await pipeline.audit.run({ trigger: 'nightly', runId: 'calendar' });

    expect(report.drifted.map((b) => [b.bookingId, b.repaired])).toEqual([[booking.id, true]]);
    expect((await stack.calendarEntry(booking.id))?.title).toBe('Calendar Sail');
    expect(thread(booking.id)).toContain(':mag: Audit: the calendar entry was missing — added again.');
  });

  it('posts a new root message when the old one was deleted in Slack', { timeout: 240_000 }, async () => {
    const booking = await converged('Root Sail', 'bk-audit-root');
    const { ts: oldTs } = (await record(booking.id, 'slack-thread')) as SlackThreadResult;
    const deleted = await fetch(new URL('chat.delete', stack.slack.url), {
      method: 'POST',
      headers: { authorization: `Bearer ${BOT_TOKEN}`, 'content-type': 'application/json' },
      body: JSON.stringify({ channel: OPS_CHANNEL, ts: oldTs }),
    });
    expect(((await deleted.json()) as { ok: boolean }).ok).toBe(true);

    const report = await pipeline.audit.run({ trigger: 'nightly', runId: 'root' });

    expect(report.drifted.map((b) => [b.bookingId, b.repaired])).toEqual([[booking.id, true]]);
    const { ts: newTs } = (await record(booking.id, 'slack-thread')) as SlackThreadResult;
    expect(newTs).toBeTruthy();
    expect(newTs).not.toBe(oldTs);
    const roots = stack.rootMessages(booking.id);
    expect(roots.map((m) => m.ts)).toEqual([newTs]);
    // The new thread tells the story again, then says why it is new.
    const lines = thread(booking.id);
    expect(lines.some((l) => l.includes('Charter booked'))).toBe(true);
    expect(lines.at(-1)).toBe(
      ':mag: Audit: the root message was deleted in Slack — posted a new one; this thread continues the old one.',
    );
  });

  it("runs on an operator's request, recorded by the Slack handler and picked up from the change feed", {
    timeout: 240_000,
  }, async () => {
    const before = notices().length;
    await new AuditRequestStore(stack.table.doc, stack.table.tableName).request('U0OPS', new Date());
    await stack.waitFor('the audit summary', async () => notices().length > before, 120_000);
    expect(notices().at(-1)).toMatch(/^:mag: Audit: \d+ upcoming charters checked — all in order\.$/);
  });
});
