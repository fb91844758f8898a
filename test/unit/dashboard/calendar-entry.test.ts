import { describe, expect, it } from 'vitest';
import { CalendarEntryInputSchema, calendarEntryFromGuestView } from '../../../src/dashboard';
import { guestView } from '../../../src/domain';
import { aBooking } from '../../helpers/fixtures';

const valid = {
  title: 'Sunset Sail',
  startsAt: '2026-12-05T16:00:00-08:00',
  endsAt: '2026-12-05T19:00:00-08:00',
};

describe('CalendarEntryInputSchema', () => {
  it('normalises instants to UTC and fills defaults', () => {
    expect(CalendarEntryInputSchema.parse(valid)).toEqual({
      ...valid,
      startsAt: '2026-12-06T00:00:00.000Z',
      endsAt: '2026-12-06T03:00:00.000Z',
      timeZone: 'America/Los_Angeles',
      status: 'pending',
      meetingPoint: '',
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
    const result = CalendarEntryInputSchema.safeParse({ ...valid, endsAt: '2027-01-05T00:00:00Z' });
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
      title: 'Sunset Sail',
      startsAt: booking.startsAt,
      endsAt: booking.endsAt,
      date: '2026-12-05',
      startTime: '16:00',
      meetingPoint: 'Harbor Island West Marina, Dock C',
      status: 'confirmed',
      bookingId: 'bk-test-0001',
      revision: 7,
      guestPageUrl: 'https://sailjada.com/g/sunset',
      crew: [
        { firstName: 'Ana', role: 'captain' },
        { firstName: 'Ben', role: 'crew' },
      ],
    });
  });
});

describe('what the pipeline sends', () => {
  it('is accepted as is: a guestView’s schedule fields plus a progress snapshot', () => {
    const result = CalendarEntryInputSchema.safeParse({
      bookingId: 'bk-1',
      revision: 2,
      title: 'Sunset Sail',
      status: 'confirmed',
      date: '2026-12-05',
      startTime: '16:00',
      endTime: '19:00',
      timeZone: 'America/Los_Angeles',
      startsAt: '2026-12-06T00:00:00.000Z',
      endsAt: '2026-12-06T03:00:00.000Z',
      boatName: 'Jada',
      meetingPoint: 'Dock C',
      domain: 'sailjada.com',
      slug: 'sunset-sail-smith-2026-12-05',
      guestPageUrl: 'https://sailjada.com/g/sunset-sail-smith-2026-12-05',
      partySize: 6,
      crew: [{ firstName: 'Ana', role: 'captain' }],
      progress: { 'scc-event': 'succeeded', 'calendar-entry': 'succeeded', 'guest-page': 'pending' },
    });
    expect(result.error?.issues).toBeUndefined();
  });
});
