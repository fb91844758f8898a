import { describe, expect, it } from 'vitest';
import {
  canTransition,
  fallbackSlug,
  formatCalendarDate,
  formatCents,
  formatLocalTime,
  marginCents,
  overlaps,
  parseDollarsToCents,
  proposeSlug,
  slugify,
  transition,
  unguessableSlug,
  zonedToUtc,
} from '../../../src/domain';
import { ConflictError } from '../../../src/errors';
import { aBooking } from '../../helpers/fixtures';

describe('slugs', () => {
  it('proposes title, guest last name and date', () => {
    expect(proposeSlug({ title: 'Sunset Sail', guestName: 'Jordan Smith', date: '2026-12-05' })).toBe(
      'sunset-sail-smith-2026-12-05',
    );
  });

  it('folds accents, punctuation and emoji into plain dashes', () => {
    expect(slugify('  Crème Brûlée ⛵ Party!! ')).toBe('creme-brulee-party');
  });

  it('falls back to a stable suffix from the booking id', () => {
    const a = fallbackSlug('sunset-sail-smith-2026-12-05', 'bk-mf1abc-1234abcd');
    expect(a).toBe(fallbackSlug('sunset-sail-smith-2026-12-05', 'bk-mf1abc-1234abcd'));
    expect(a).toMatch(/^sunset-sail-smith-2026-12-05-[a-z0-9]{6}$/);
    expect(a).not.toBe(fallbackSlug('sunset-sail-smith-2026-12-05', 'bk-mf1abc-9999ffff'));
  });

  it('keeps long slugs within 80 characters and whole words', () => {
    const slug = proposeSlug({ title: 'word '.repeat(40), guestName: 'Smith', date: '2026-12-05' });
    expect(slug.length).toBeLessThanOrEqual(80);
    expect(slug).toMatch(/^(word-)+2026-12-05$/);
  });

  it('appends the random code after the date, shortening the words and never the code', () => {
    const input = { title: 'word '.repeat(40), guestName: 'Smith', date: '2026-12-05' };
    expect(
      unguessableSlug(
        { title: 'Sunset Sail', guestName: 'Jordan Smith', date: '2026-12-05' },
        '7qk2m9xw4rtd',
      ),
    ).toBe('sunset-sail-smith-2026-12-05-7qk2m9xw4rtd');
    const long = unguessableSlug(input, '7qk2m9xw4rtd');
    expect(long.length).toBeLessThanOrEqual(80);
    expect(long).toMatch(/^(word-)+2026-12-05-7qk2m9xw4rtd$/);
  });

  it('never produces an empty slug', () => {
    expect(proposeSlug({ title: '⛵⛵', guestName: '!!', date: '2026-12-05' })).toBe('charter-2026-12-05');
  });
});

describe('status transitions', () => {
  it('moves pending → confirmed → completed', () => {
    expect(transition('pending', 'confirmed')).toBe('confirmed');
    expect(transition('confirmed', 'completed')).toBe('completed');
  });

  it('cancels from pending or confirmed, never from completed', () => {
    expect(canTransition('pending', 'cancelled')).toBe(true);
    expect(canTransition('confirmed', 'cancelled')).toBe(true);
    expect(() => transition('completed', 'cancelled')).toThrow(ConflictError);
  });

  it('does not revive a cancelled charter', () => {
    expect(() => transition('cancelled', 'pending')).toThrow('A cancelled charter cannot become pending.');
  });

  it('cannot complete a charter nobody confirmed', () => {
    expect(canTransition('pending', 'completed')).toBe(false);
  });
});

describe('time zones', () => {
  it('converts Pacific wall time to UTC on both sides of daylight saving', () => {
    expect(zonedToUtc('2026-07-04', '20:00', 'America/Los_Angeles').toISOString()).toBe(
      '2026-07-05T03:00:00.000Z',
    );
    expect(zonedToUtc('2026-12-05', '16:00', 'America/Los_Angeles').toISOString()).toBe(
      '2026-12-06T00:00:00.000Z',
    );
  });

  it('handles the morning clocks change (2026-03-08)', () => {
    expect(zonedToUtc('2026-03-08', '10:00', 'America/Los_Angeles').toISOString()).toBe(
      '2026-03-08T17:00:00.000Z',
    );
  });

  it('formats times in the charter zone, not the machine zone', () => {
    expect(formatLocalTime(new Date('2026-12-06T00:00:00Z'), 'America/Los_Angeles')).toBe('4:00 PM PST');
  });

  it('shows a calendar date as a short day, with the year when asked', () => {
    expect(formatCalendarDate('2026-12-05')).toBe('Sat, Dec 5');
    expect(formatCalendarDate('2027-01-01', { year: true })).toBe('Fri, Jan 1, 2027');
  });

  it('leaves anything that is not a real calendar date as it was', () => {
    for (const text of ['2026-02-30', '2026-13-01', 'next Tuesday', '']) {
      expect(formatCalendarDate(text)).toBe(text);
    }
  });
});

describe('money', () => {
  it('formats and parses cents without floating-point drift', () => {
    expect(formatCents(123456)).toBe('$1,234.56');
    expect(parseDollarsToCents('$1,234.56')).toBe(123456);
    expect(parseDollarsToCents('0.1')).toBe(10);
    expect(parseDollarsToCents('12.345')).toBeUndefined();
    expect(parseDollarsToCents('-5')).toBeUndefined();
  });

  it('computes the margin as price − crew pay − captain fee − port costs', () => {
    // 3 hours: the captain is paid the 250.00 fee (not 3 × 65.00 on top); deck 3 × 32.00 = 96.00 crew pay,
    // then the captain fee and port costs
    expect(marginCents(aBooking())).toBe(180000 - 9600 - 25000 - 4000);
  });

  it('pays a captain without a fee by the hour, counted once', () => {
    // 3 hours: captain 65.00/h, deck 32.00/h → crew pay 291.00
    expect(marginCents({ ...aBooking(), captainFeeCents: 0 })).toBe(180000 - 29100 - 4000);
  });

  it('detects overlapping charters but not back-to-back ones', () => {
    const a = { startsAt: '2026-12-06T00:00:00Z', endsAt: '2026-12-06T03:00:00Z' };
    expect(overlaps(a, { startsAt: '2026-12-06T02:00:00Z', endsAt: '2026-12-06T04:00:00Z' })).toBe(true);
    expect(overlaps(a, { startsAt: '2026-12-06T03:00:00Z', endsAt: '2026-12-06T04:00:00Z' })).toBe(false);
  });
});
