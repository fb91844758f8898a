/**
 * Which guest emails a charter owes (pure), the `/charter status` line that reports them, and the colours
 * a guest email is drawn in (WCAG AA contrast for every brand).
 */
import { describe, expect, it } from 'vitest';
import { loadBrands } from '../../../src/config/brands';
import { type Booking, guestFactsOf, guestView, owedGuestMail } from '../../../src/domain';
import { contrastRatio } from '../../../src/guest/theme';
import type { StepName, StepRecord } from '../../../src/pipeline/step-records';
import { GUEST_MAIL_STEP, guestMailState } from '../../../src/pipeline/steps/guest-mail';
import { brandModel } from '../../../src/scc/crew-presenter';
import { aBooking, aBookingInput } from '../../helpers/fixtures';

function booking(overrides: Partial<Booking> = {}, input = aBookingInput()): Booking {
  return { ...aBooking({}, input), ...overrides };
}

describe('owedGuestMail', () => {
  it('a new charter owes its confirmation, and only that', () => {
    expect(owedGuestMail(guestView(booking()), {}, { photoCount: 0 })).toEqual([
      { kind: 'confirmation', key: 'confirmation' },
    ]);
  });

  it('a change of time owes one change notice for that revision; a price change owes nothing', () => {
    const told = guestFactsOf(guestView(booking()));
    const moved = booking(
      { revision: 2 },
      aBookingInput({ schedule: { startTime: '17:00', endTime: '20:00' } }),
    );
    const repriced = booking({ revision: 3, priceCents: 1 });
    expect(owedGuestMail(guestView(repriced), { told }, { photoCount: 0 })).toEqual([]);
    expect(owedGuestMail(guestView(moved), { told }, { photoCount: 0 })).toEqual([
      { kind: 'change', key: 'change-r2', told },
    ]);
  });

  it('a cancellation is owed once, and only to a guest who was told about the charter', () => {
    const cancelled = guestView(booking({ status: 'cancelled' }));
    const told = guestFactsOf(cancelled);
    expect(owedGuestMail(cancelled, {}, { photoCount: 0 })).toEqual([]);
    expect(owedGuestMail(cancelled, { told }, { photoCount: 0 })).toEqual([
      { kind: 'cancellation', key: 'cancellation' },
    ]);
    expect(owedGuestMail(cancelled, { told, cancelled: true }, { photoCount: 0 })).toEqual([]);
  });

  it('photos are owed once the charter is completed and photos exist', () => {
    const done = guestView(booking({ status: 'completed' }));
    const told = guestFactsOf(done);
    expect(owedGuestMail(done, { told }, { photoCount: 0 })).toEqual([]);
    expect(owedGuestMail(done, { told }, { photoCount: 2 })).toEqual([{ kind: 'photos', key: 'photos' }]);
    expect(owedGuestMail(done, { told, photos: true }, { photoCount: 2 })).toEqual([]);
  });
});

describe('guestMailState (the /charter status line)', () => {
  const record = (result: Record<string, unknown>): StepRecord => ({
    bookingId: 'bk-1',
    name: GUEST_MAIL_STEP as StepName,
    status: 'succeeded',
    revision: 1,
    attempts: 1,
    failures: 0,
    result,
    updatedAt: '2026-11-24T17:00:00.000Z',
    version: 1,
  });

  it('lists what went out', () => {
    const state = guestMailState(
      { guestMail: true },
      record({
        log: [
          { kind: 'confirmation', key: 'confirmation', state: 'sent', at: '2026-11-24T17:00:00.000Z' },
          { kind: 'change', key: 'change-r2', state: 'sent', at: '2026-11-25T10:00:00.000Z' },
        ],
      }),
    );
    expect(state).toMatchObject({
      label: 'Guest email',
      status: 'done',
      reason: 'confirmation 2026-11-24 · change notice 2026-11-25',
    });
  });

  it('says when the guest unsubscribed, and when an operator turned guest mail off', () => {
    expect(guestMailState({ guestMail: true }, record({ stopped: 'unsubscribed' })).reason).toBe(
      'the guest unsubscribed',
    );
    expect(guestMailState({ guestMail: false }, undefined).reason).toBe('off for this charter');
  });
});

describe('guest email colours', () => {
  it('every text colour the email uses meets 4.5:1 on its background, for every brand', () => {
    for (const brand of loadBrands('templates').all) {
      const { theme } = brandModel(brand);
      const pairs: Array<[string, string]> = [
        [theme.text, theme.surface],
        [theme.text, theme.background],
        [theme.link, theme.surface],
        [theme.muted, theme.background],
        [theme.onPrimary, theme.primary],
      ];
      for (const [fg, bg] of pairs)
        expect(contrastRatio(fg, bg), `${brand.domain} ${fg} on ${bg}`).toBeGreaterThanOrEqual(4.5);
    }
  });
});
