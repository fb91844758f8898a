/**
 * One booking all the way through the real change feed: written to DynamoDB Local, read from its stream by
 * the poller, provisioned to SCC, the dashboard, S3, CloudFront and Slack; then edited, then cancelled.
 */
import { GetObjectCommand } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Booking, bookingInputOf, scheduleInstants } from '../../../src/domain';
import type { StreamPoller } from '../../../src/pipeline/stream-poller';
import type { Pipeline } from '../../../src/wiring/create-pipeline';
import { OPS_CHANNEL, type PipelineStack, startPipelineStack } from './helpers/pipeline-stack';

let stack: PipelineStack;
let pipeline: Pipeline;
let poller: StreamPoller;

beforeAll(async () => {
  stack = await startPipelineStack();
  pipeline = stack.buildPipeline();
  poller = await stack.startPoller(pipeline);
});

afterAll(async () => {
  await stack?.stop();
});

async function pageText(bucket: string, key: string): Promise<string> {
  const object = await stack.s3.s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
  return (await object.Body?.transformToString()) ?? '';
}

describe('one booking through the pipeline', () => {
  it('provisions every copy once the booking is written', async () => {
    const booking = await stack.createBooking({ title: 'Harbor Lights' }, 'bk-one-0001');
    await stack.waitFor('the booking to converge', () => stack.isConverged(booking.id));

    expect((await stack.sccEvent(booking.id))?.event.status).toBe('scheduled');
    expect(stack.sccCreates(booking.id)).toBe(1);
    const invites = (await stack.crewMail()).filter(
      (m) => m.kind === 'invite' && m.subject.includes('Harbor Lights'),
    );
    expect(invites.map((m) => m.to).sort()).toEqual([
      expect.stringContaining('ana@crew.test'),
      expect.stringContaining('ben@crew.test'),
    ]);
    const entry = await stack.calendarEntry(booking.id);
    expect(entry?.title).toBe('Harbor Lights');
    // The calendar ends showing how the run ended, every step included.
    expect(
      Object.fromEntries(Object.entries(entry?.progress ?? {}).map(([step, p]) => [step, p.status])),
    ).toEqual({
      'scc-event': 'succeeded',
      'calendar-entry': 'succeeded',
      'guest-page': 'succeeded',
      invalidation: 'succeeded',
      'slack-thread': 'succeeded',
    });
    const brand = stack.brands.get(booking.domain);
    expect(await pageText(brand.bucket, `g/${booking.slug}.html`)).toContain('Harbor Lights');
    expect(await pageText(brand.bucket, `g/${booking.id}.html`)).toContain('Harbor Lights');
    const invalidations = stack.cloudFront.invalidations.filter((i) =>
      i.callerReference.startsWith(booking.id),
    );
    expect(invalidations).toHaveLength(1);
    expect(invalidations[0]?.paths).toEqual(
      expect.arrayContaining([`/g/${booking.slug}.html`, `/g/${booking.id}.html`]),
    );
    const roots = stack.rootMessages(booking.id);
    expect(roots).toHaveLength(1);
    const replies = stack.slack.replies(OPS_CHANNEL, roots[0]?.ts ?? '');
    // Issue #18: the steps' progress is in the root's lines; the thread has the booking, not "…set up: done.".
    expect(JSON.stringify(roots[0]?.blocks)).toContain('Guest page cache refresh: done');
    expect(replies.map((r) => r.text).join('\n')).toMatch(/Charter booked/);
    expect(replies.map((r) => r.text).join('\n')).not.toMatch(/set up/);
    expect(poller.delivered).toBeGreaterThan(0);
  });

  it('brings every copy up to date when the booking is edited', async () => {
    const before = await requireBooking('bk-one-0001');
    const edited = await edit(before, {
      title: 'Harbor Lights Encore',
      startTime: '17:00',
      endTime: '20:00',
    });
    await stack.waitFor('the edit to converge', () => stack.isConverged(edited.id));

    const event = (await stack.sccEvent(edited.id))?.event;
    expect(event?.title).toBe('Harbor Lights Encore');
    expect(event?.schedule.startTime).toBe('17:00');
    expect(event?.revision).toBe(edited.revision);
    expect(stack.sccCreates(edited.id)).toBe(1);
    const entry = await stack.calendarEntry(edited.id);
    expect(entry?.revision).toBe(edited.revision);
    expect(entry?.title).toBe('Harbor Lights Encore');
    const brand = stack.brands.get(edited.domain);
    expect(await pageText(brand.bucket, `g/${edited.slug}.html`)).toContain('Harbor Lights Encore');
    const invalidations = stack.cloudFront.invalidations.filter((i) =>
      i.callerReference.startsWith(edited.id),
    );
    expect(invalidations.map((i) => i.callerReference)).toEqual([
      expect.stringMatching(/-r1-/),
      expect.stringMatching(/-r2-/),
    ]);
    const roots = stack.rootMessages(edited.id);
    expect(roots).toHaveLength(1);
    expect(roots[0]?.text).toContain('Harbor Lights Encore');
    const replies = stack.slack.replies(OPS_CHANNEL, roots[0]?.ts ?? '').map((r) => r.text ?? '');
    expect(replies.some((t) => t.includes('Charter changed') && t.includes('revision 2'))).toBe(true);
  });

  it('posts crew answers to the thread and lets the captain confirm the charter', async () => {
    const booking = await requireBooking('bk-one-0001');
    await answer(booking, 'ben-okafor', 'confirmed');
    await answer(booking, 'ana-ruiz', 'confirmed');
    await stack.waitFor('the captain to confirm the charter', async () => {
      const latest = await requireBooking(booking.id);
      return latest.status === 'confirmed' && (await stack.isConverged(latest.id));
    });

    const [root] = stack.rootMessages(booking.id);
    const replies = stack.slack.replies(OPS_CHANNEL, root?.ts ?? '').map((r) => r.text ?? '');
    expect(replies.filter((t) => /Ben Okafor confirmed/.test(t))).toHaveLength(1);
    expect(replies.filter((t) => /Ana Ruiz confirmed/.test(t))).toHaveLength(1);
    // Issue #18: one reply per answer; the status that follows the captain is the root's, not a reply.
    expect(replies.some((t) => t.includes('Status is now'))).toBe(false);
    expect(JSON.stringify(root?.blocks)).toContain(':white_check_mark: Confirmed');
    expect(JSON.stringify(root?.blocks)).toContain('updated by crew answer');
    expect(JSON.stringify(root?.blocks)).toContain('Ben Okafor');
    expect(stack.rootMessages(booking.id)).toHaveLength(1);
  });

  it('takes every copy down when the booking is cancelled', async () => {
    const booking = await requireBooking('bk-one-0001');
    await stack.store.cancelBooking(booking.id, booking.revision, 'Guest had to postpone', 'UOPERATOR');
    await stack.waitFor('the cancellation to converge', () => stack.isConverged(booking.id));

    expect((await stack.sccEvent(booking.id))?.event.status).toBe('cancelled');
    expect(await stack.calendarEntry(booking.id)).toBeUndefined();
    const cancelled = (await stack.crewMail()).filter((m) => m.kind === 'cancelled');
    expect(cancelled).toHaveLength(2);
    const brand = stack.brands.get(booking.domain);
    expect(await pageText(brand.bucket, `g/${booking.slug}.html`)).toMatch(/cancelled/i);
    expect(await pageText(brand.bucket, `g/${booking.id}.html`)).toMatch(/cancelled/i);
    const [root] = stack.rootMessages(booking.id);
    expect(root?.text).toMatch(/^Cancelled/);
    const replies = stack.slack.replies(OPS_CHANNEL, root?.ts ?? '').map((r) => r.text ?? '');
    expect(replies.some((t) => t.includes('Charter cancelled'))).toBe(true);
    expect(JSON.stringify(root?.blocks)).toContain('Guest page replaced by a cancellation notice: done');
  });
});

async function requireBooking(id: string): Promise<Booking> {
  const booking = await stack.store.getBooking(id);
  if (!booking) throw new Error(`no booking ${id}`);
  return booking;
}

async function edit(
  booking: Booking,
  change: { title: string; startTime: string; endTime: string },
): Promise<Booking> {
  const schedule = { ...booking.schedule, startTime: change.startTime, endTime: change.endTime };
  const { startsAt, endsAt } = scheduleInstants(schedule);
  return stack.store.updateBooking(
    booking.id,
    booking.revision,
    {
      input: { ...bookingInputOf(booking), title: change.title, schedule },
      boat: booking.boat,
      startsAt,
      endsAt,
    },
    'UOPERATOR',
  );
}

async function answer(booking: Booking, crewId: string, reply: 'confirmed' | 'declined'): Promise<void> {
  await stack.store.recordConfirmation({
    bookingId: booking.id,
    crewId,
    answer: reply,
    at: new Date().toISOString(),
    via: 'crew-page',
    revision: booking.revision,
  });
}
