import { describe, expect, it } from 'vitest';
import type { Booking, Confirmation, HistoryEntry } from '../../../src/domain';
import { UpstreamError } from '../../../src/errors';
import { guestPageUrlOf } from '../../../src/guest/paths';
import { crewLifecycleStep, lifecycleFingerprint } from '../../../src/lifecycle/lifecycle-step';
import { silentLogger } from '../../../src/logging/logger';
import type { StepRecord } from '../../../src/pipeline/step-records';
import type { Timer } from '../../../src/scheduler';
import { aBooking, TEST_CREW } from '../../helpers/fixtures';

const NOW = new Date('2026-11-24T18:00:00Z');

function stepWith(options: { booking: Booking; confirmations?: Confirmation[]; failScc?: boolean }) {
  const scheduled: Timer[] = [];
  const posted: string[] = [];
  const history: HistoryEntry[] = [
    {
      bookingId: options.booking.id,
      revision: 1,
      at: options.booking.createdAt,
      actor: 'U0OPS',
      kind: 'created',
      changes: [],
    },
  ];
  const step = crewLifecycleStep({
    store: {
      getBooking: async () => options.booking,
      listHistory: async () => history,
      listConfirmations: async () => options.confirmations ?? [],
      listCrew: async () => [...TEST_CREW],
      listUpcoming: async () => [],
    },
    timeOff: { listTimeOffBetween: async () => [] },
    lifecycle: { scheduledTimers: async () => new Map(), saveScheduledTimers: async () => {} },
    scheduler: {
      schedule: async (timer) => {
        scheduled.push(timer);
      },
      cancel: async () => {},
    },
    scc: {
      remind: async () => {
        if (options.failScc)
          throw new UpstreamError('ShipCaptainCrew', 'ShipCaptainCrew is having trouble (HTTP 503).', true);
        return { crewId: 'ben-okafor', state: 'sent' };
      },
      sendRoster: async () => [],
    },
    guestPageUrl: guestPageUrlOf((domain) => `https://${domain}`),
    thread: {
      post: async (_id, key) => {
        posted.push(key);
        return 'posted';
      },
      isPosted: async () => false,
    },
    now: () => NOW,
    logger: silentLogger,
  });
  const run = () =>
    step.run({
      booking: options.booking,
      previous: undefined,
      records: new Map(),
      attempt: 1,
      save: async () => {},
      logger: silentLogger,
    });
  return { step, run, scheduled, posted };
}

const withRequest = aBooking({
  revision: 2,
  reminderRequests: [{ id: '2-ben-okafor', crewId: 'ben-okafor', at: NOW.toISOString(), by: 'U0OPS' }],
} as Partial<Booking>);

describe('the crew lifecycle step', () => {
  it('plans the timers even when a follow-up fails, and asks to run again', async () => {
    const { run, scheduled, posted } = stepWith({ booking: withRequest, failScc: true });

    const result = await run();

    expect(scheduled.map((t) => t.name)).toContain('deadline.bk-test-0001.ben-okafor');
    expect(posted).toEqual([]);
    expect(result).toMatchObject({ retryLater: true, timers: 7 }); // with the guest's day-before email
  });

  it('sends a requested reminder and reports it', async () => {
    const { run, posted } = stepWith({ booking: withRequest });
    expect(await run()).toMatchObject({ retryLater: false });
    expect(posted).toEqual(['remind-again:2-ben-okafor']);
  });

  it('is stale when an answer arrives, or when something was left for later', async () => {
    const { step } = stepWith({ booking: withRequest });
    const record = (result: Record<string, unknown>) => ({ result }) as StepRecord;
    const answer: Confirmation = {
      bookingId: withRequest.id,
      crewId: 'ana-ruiz',
      answer: 'confirmed',
      at: NOW.toISOString(),
      via: 'slack',
      revision: 2,
    };
    const before = lifecycleFingerprint(withRequest, []);
    expect(await step.isStale?.(withRequest, record({ fingerprint: before }), new Map())).toBe(false);
    expect(
      await step.isStale?.(withRequest, record({ fingerprint: before, retryLater: true }), new Map()),
    ).toBe(true);
    expect(lifecycleFingerprint(withRequest, [answer])).not.toBe(before);
  });
});
