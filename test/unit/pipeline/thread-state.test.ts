import { describe, expect, it } from 'vitest';
import { opsView } from '../../../src/domain';
import { guestPageUrlOf } from '../../../src/guest/paths';
import type { StepName, StepRecord } from '../../../src/pipeline/step-records';
import { plannedReplies, stepStatesFor, threadFingerprint } from '../../../src/pipeline/steps/slack-thread';
import { aBooking } from '../../helpers/fixtures';

function record(
  name: StepName,
  revision: number,
  status: StepRecord['status'],
  extra: Partial<StepRecord> = {},
) {
  return {
    bookingId: 'bk-test-0001',
    name,
    status,
    revision,
    attempts: 1,
    failures: status === 'failed' ? 1 : 0,
    result: {},
    updatedAt: '2026-11-24T17:00:00.000Z',
    version: 1,
    ...extra,
  } satisfies StepRecord;
}

const records = (...list: StepRecord[]) => new Map(list.map((r) => [r.name, r]));

/** GUEST_SITE_URL as `npm run dev` sets it: not the brand domain itself. */
const PAGE_URL = guestPageUrlOf((domain) => `http://localhost:3000/sites/${domain}`);

describe('stepStatesFor', () => {
  it('shows each step at the booking’s revision, and an older outcome as pending', () => {
    const booking = aBooking({ revision: 2 });
    const states = stepStatesFor(
      booking,
      records(
        record('scc-event', 2, 'succeeded'),
        record('calendar-entry', 1, 'succeeded'),
        record('guest-page', 2, 'failed', {
          attempts: 5,
          lastError: { kind: 'transient', message: 'Amazon S3 is having trouble (HTTP 503).', at: '' },
        }),
        record('invalidation', 2, 'retrying', {
          attempts: 2,
          lastError: { kind: 'transient', message: 'CloudFront did not answer in time.', at: '' },
        }),
      ),
      PAGE_URL,
    );
    expect(states).toEqual([
      { name: 'scc', status: 'done' },
      { name: 'calendar', status: 'pending' },
      { name: 'guestPage', status: 'failed', attempts: 5, reason: 'Amazon S3 is having trouble (HTTP 503).' },
      {
        name: 'invalidation',
        status: 'running',
        attempts: 2,
        reason: 'retrying: CloudFront did not answer in time.',
      },
    ]);
  });

  it('links the guest page once it is up, on the configured guest site, and names the take-down steps of a cancelled booking', () => {
    const live = stepStatesFor(aBooking(), records(record('guest-page', 1, 'succeeded')), PAGE_URL);
    expect(live[2]).toEqual({
      name: 'guestPage',
      status: 'done',
      url: 'http://localhost:3000/sites/sailjada.com/g/sunset-sail-smith-2026-12-05',
    });
    const cancelled = stepStatesFor(
      aBooking({ status: 'cancelled' }),
      records(record('guest-page', 1, 'succeeded')),
      PAGE_URL,
    );
    expect(cancelled.map((s) => s.label)).toEqual([
      'Crew event cancelled (ShipCaptainCrew)',
      'Dashboard calendar entry removed',
      'Guest page replaced by a cancellation notice',
      'Guest page cache refresh',
    ]);
    expect(cancelled[2]?.url).toBeUndefined();
  });
});

describe('threadFingerprint', () => {
  const answer = {
    bookingId: 'bk-test-0001',
    crewId: 'ana-ruiz',
    answer: 'confirmed' as const,
    at: '2026-11-24T18:00:00.000Z',
    via: 'crew-page' as const,
    revision: 1,
  };

  it('changes when a crew member answers, a step moves on, or the booking changes', () => {
    const booking = aBooking();
    const steps = records(record('scc-event', 1, 'succeeded'));
    const base = threadFingerprint(booking, steps, []);
    expect(threadFingerprint(booking, steps, [])).toBe(base);
    expect(threadFingerprint(booking, steps, [answer])).not.toBe(base);
    expect(threadFingerprint(booking, records(record('scc-event', 1, 'failed')), [])).not.toBe(base);
    expect(threadFingerprint(aBooking({ revision: 2 }), steps, [])).not.toBe(base);
  });
});

describe('plannedReplies: crew SES would not deliver to (issue #7)', () => {
  const refused = { undeliverable: [{ crewId: 'ben-okafor', problem: 'Address blacklisted' }] };

  it('says once in the thread whose invitation could not be emailed, and why', () => {
    const booking = aBooking({ revision: 2 });
    const replies = plannedReplies(
      opsView(booking),
      records(record('scc-event', 2, 'succeeded', { result: refused })),
      [],
      [],
      [],
      1,
      PAGE_URL,
    ).filter((r) => r.key.startsWith('undeliverable:'));
    expect(replies.map((r) => r.key)).toEqual(['undeliverable:ben-okafor:Address blacklisted']);
    expect(replies[0]?.message.text).toContain('Could not email Ben Okafor: Address blacklisted');
  });

  it('says nothing about a refusal recorded for an older revision', () => {
    const replies = plannedReplies(
      opsView(aBooking({ revision: 3 })),
      records(record('scc-event', 2, 'succeeded', { result: refused })),
      [],
      [],
      [],
      1,
      PAGE_URL,
    );
    expect(replies.filter((r) => r.key.startsWith('undeliverable:'))).toEqual([]);
  });
});
