import { describe, expect, it } from 'vitest';
import { CalendarEntryInputSchema, calendarEntryFromGuestView } from '../../../src/dashboard';
import { guestView } from '../../../src/domain';
import { aBooking } from '../../helpers/fixtures';

const valid = {
  title: 'Sunset Sail',
  start: '2026-12-05T16:00:00-08:00',
  end: '2026-12-05T19:00:00-08:00',
};

describe('CalendarEntryInputSchema', () => {
  it('normalises instants to UTC and fills defaults', () => {
    expect(CalendarEntryInputSchema.parse(valid)).toEqual({
      ...valid,
      start: '2026-12-06T00:00:00.000Z',
      end: '2026-12-06T03:00:00.000Z',
      timeZone: 'America/Los_Angeles',
      status: 'pending',
      location: '',
      description: '',
      crew: [],
    });
  });

  it.each(['priceCents', 'depositCents', 'hourlyRateCents', 'marginCents', 'internalNotes', 'guestEmail'])(
    'refuses %s: entries carry no money and no unknown fields',
    (field) => {
      const result = CalendarEntryInputSchema.safeParse({ ...valid, [field]: 1 });
      expect(result.success).toBe(false);
      expect(result.error?.issues[0]?.message).toContain(field);
    },
  );

  it('refuses money hidden in a crew member', () => {
    const result = CalendarEntryInputSchema.safeParse({
      ...valid,
      crew: [{ firstName: 'Ana', role: 'captain', hourlyRateCents: 6500 }],
    });
    expect(result.success).toBe(false);
  });

  it('refuses an entry longer than two weeks', () => {
    const result = CalendarEntryInputSchema.safeParse({ ...valid, end: '2027-01-05T00:00:00Z' });
    expect(result.error?.issues[0]?.message).toBe('An entry can last at most 14 days.');
  });
});

describe('calendarEntryFromGuestView', () => {
  it('builds a valid entry keyed by booking and revision', () => {
    const booking = aBooking({ revision: 7, status: 'confirmed' });
    const entry = CalendarEntryInputSchema.parse(
      calendarEntryFromGuestView(guestView(booking), { pageUrl: 'https://sailjada.com/g/sunset' }),
    );
    expect(entry).toMatchObject({
      title: 'Sunset Sail · Jada',
      start: booking.startsAt,
      end: booking.endsAt,
      status: 'confirmed',
      bookingId: 'bk-test-0001',
      revision: 7,
      url: 'https://sailjada.com/g/sunset',
      crew: [
        { firstName: 'Ana', role: 'captain' },
        { firstName: 'Ben', role: 'crew' },
      ],
    });
  });
});
