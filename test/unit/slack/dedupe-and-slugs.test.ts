import { describe, expect, it } from 'vitest';
import { businessKey, parseSlugArgument } from '../../../src/slack/charters';
import { deliveryKey, stateDigest } from '../../../src/slack/dedupe';
import { aBookingInput } from '../../helpers/fixtures';

describe('delivery keys', () => {
  it('keys events by event id and button clicks by action_ts, user and where', () => {
    expect(deliveryKey({ type: 'event_callback', event_id: 'Ev1' })).toBe('slack:event:Ev1');
    expect(
      deliveryKey({
        type: 'block_actions',
        user: { id: 'U1' },
        container: { message_ts: '1.2' },
        actions: [{ action_id: 'a', action_ts: '3.4' }],
      }),
    ).toBe('slack:action:3.4:U1:1.2:a');
  });

  it('lets through what it cannot identify (commands, submissions)', () => {
    expect(deliveryKey({ type: 'view_submission' })).toBeUndefined();
    expect(deliveryKey({})).toBeUndefined();
    expect(deliveryKey({ type: 'block_actions', actions: [{ action_id: 'a' }] })).toBeUndefined();
  });

  it('digests the same state the same way and a changed state differently', () => {
    expect(stateDigest({ a: 1 })).toBe(stateDigest({ a: 1 }));
    expect(stateDigest({ a: 1 })).not.toBe(stateDigest({ a: 2 }));
  });
});

describe('business key', () => {
  it('is the same for the same brand, boat, day, departure and guest, whatever else differs', () => {
    expect(businessKey(aBookingInput({ guestNotes: 'x' }))).toBe(
      businessKey(aBookingInput({ guestNotes: 'y', priceCents: 1 })),
    );
    expect(businessKey(aBookingInput())).not.toBe(
      businessKey(aBookingInput({ schedule: { startTime: '17:00' } })),
    );
  });
});

describe('slug arguments', () => {
  it.each([
    ['sunset-sail-smith-2026-12-05', 'sunset-sail-smith-2026-12-05'],
    ['`Sunset-Sail-Smith-2026-12-05`', 'sunset-sail-smith-2026-12-05'],
    ['https://sailjada.com/g/sunset-sail-smith-2026-12-05', 'sunset-sail-smith-2026-12-05'],
    ['<https://sailjada.com/g/sunset-sail.html|sailjada.com/g/sunset-sail>', 'sunset-sail'],
  ])('%s → %s', (typed, slug) => {
    expect(parseSlugArgument(typed)).toBe(slug);
  });

  it('refuses what cannot be a slug', () => {
    expect(parseSlugArgument('')).toBeUndefined();
    expect(parseSlugArgument('drop table;')).toBeUndefined();
  });
});
