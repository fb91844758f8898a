/**
 * createPipeline with timers (as the Lambda entry and `npm run dev` build it) runs the crew lifecycle step
 * after the provisioning steps and exposes its timer handler; without timers it is the pipeline it was.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadBrands } from '../../../src/config/brands';
import { loadPipelineConfig } from '../../../src/config/pipeline';
import { silentLogger } from '../../../src/logging/logger';
import { createPipelineAwsClients } from '../../../src/pipeline/aws-clients';
import { createPipeline, type PipelineDeps } from '../../../src/wiring/create-pipeline';
import { type LifecycleStack, OPS_CHANNEL, SCC_BASE, startLifecycleStack } from './helpers/lifecycle-stack';

describe('the pipeline with the crew lifecycle', () => {
  let stack: LifecycleStack;
  let deps: Omit<PipelineDeps, 'timers'>;

  beforeAll(async () => {
    stack = await startLifecycleStack();
    const config = loadPipelineConfig({
      TABLE_NAME: stack.table.tableName,
      SCC_URL: SCC_BASE,
      SCC_SERVICE_KEY: stack.secrets.sccServiceKey,
      // Only the SCC step and the lifecycle matter here; the dashboard is not running.
      DASHBOARD_URL: 'http://127.0.0.1:9',
      DASHBOARD_TOKEN: 'unused',
      SLACK_API_URL: stack.slack.url,
      SLACK_BOT_TOKEN: stack.secrets.botToken,
      SLACK_OPS_CHANNEL: OPS_CHANNEL,
      PIPELINE_MAX_ATTEMPTS: '1',
      S3_FORCE_PATH_STYLE: 'true',
    });
    const { s3, cloudFront } = createPipelineAwsClients(config, {
      s3Endpoint: 'http://127.0.0.1:9',
      cloudFrontEndpoint: 'http://127.0.0.1:9',
    });
    deps = {
      config,
      doc: stack.table.doc,
      s3,
      cloudFront,
      brands: loadBrands('templates'),
      logger: silentLogger,
      fetch: stack.sccFetch,
      sleep: async () => {},
    };
  });
  afterAll(() => stack?.stop());

  it('without timers: the five provisioning steps and the guest mail after the thread', () => {
    const pipeline = createPipeline(deps);
    expect(pipeline.lifecycle).toBeUndefined();
    expect(pipeline.steps.map((s) => s.name)).toEqual([
      'scc-event',
      'calendar-entry',
      'guest-page',
      'invalidation',
      'slack-thread',
      'guest-mail',
    ]);
  });

  it('with timers: the lifecycle runs last and plans the booking’s timers', async () => {
    const pipeline = createPipeline({
      ...deps,
      timers: { scheduler: stack.scheduler, now: () => stack.clock.now() },
    });
    expect(pipeline.steps.at(-1)?.name).toBe('crew-lifecycle');
    const booking = await stack.createBooking({ title: 'Wired Sail' }, 'bk-wired-0001');

    await pipeline.reconciler.reconcileBooking(booking.id);

    const all = (await stack.pendingTimers(booking.id)).map((t) => t.name).sort();
    // S3 is unreachable here (port 9): the guest page step failed and is retried in the background (#16).
    expect(all.filter((name) => name.startsWith('retry.page.'))).toHaveLength(1);
    const names = all.filter((name) => !name.startsWith('retry.'));
    expect(names).toEqual([
      'deadline.bk-wired-0001.ana-ruiz',
      'deadline.bk-wired-0001.ben-okafor',
      'guest-day-before.bk-wired-0001',
      'post-charter.bk-wired-0001',
      'reminder.bk-wired-0001.ana-ruiz',
      'reminder.bk-wired-0001.ben-okafor',
      'roster.bk-wired-0001',
    ]);
    expect(
      await pipeline.lifecycle?.handleTimer({
        name: 'roster.bk-gone',
        payload: { kind: 'roster', bookingId: 'bk-gone', revision: 1 },
      }),
    ).toBe('missing');
  });
});
