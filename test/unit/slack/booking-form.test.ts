import { describe, expect, it } from 'vitest';
import { DEFAULT_BOATS } from '../../../src/config/boats';
import { type Booking, validateBookingInput } from '../../../src/domain';
import {
  blockForField,
  bookingInputFromForm,
  decodeMetadata,
  encodeMetadata,
  estimateBooking,
  fieldErrorsToBlocks,
  formValuesFromBooking,
  formValuesFromState,
} from '../../../src/slack/booking-form';
import { BOOKING_BLOCK } from '../../../src/slack/ids';
import { aBooking, aBookingInput, FIXED_NOW, TEST_CREW } from '../../helpers/fixtures';

const context = { roster: TEST_CREW, boats: DEFAULT_BOATS, timeZone: 'America/Los_Angeles' };

describe('booking form', () => {
  it('reads Slack view state: text, dates, times, selects and multi-selects', () => {
    const values = formValuesFromState({
      [BOOKING_BLOCK.title]: { title: { type: 'plain_text_input', value: 'Sunset' } },
      [BOOKING_BLOCK.date]: { date: { type: 'datepicker', selected_date: '2026-12-05' } },
      [BOOKING_BLOCK.startTime]: { start_time: { type: 'timepicker', selected_time: '16:00' } },
      [BOOKING_BLOCK.boat]: { boat: { type: 'static_select', selected_option: { value: 'jada' } } },
      [BOOKING_BLOCK.crew]: {
        crew: { type: 'multi_static_select', selected_options: [{ value: 'a' }, { value: 'b' }] },
      },
      [BOOKING_BLOCK.guestPhone]: { guest_phone: { type: 'plain_text_input', value: null } },
    });

    expect(values).toMatchObject({
      title: 'Sunset',
      date: '2026-12-05',
      startTime: '16:00',
      boatId: 'jada',
      crewIds: ['a', 'b'],
    });
    expect(values.guestPhone).toBeUndefined();
    expect(values.hostessIds).toEqual([]);
  });

  it('round-trips a booking through the form into the same validated input', () => {
    const booking = aBooking();
    const { input, errors } = bookingInputFromForm(formValuesFromBooking(booking), {
      ...context,
      existing: booking,
    });
    const result = validateBookingInput(input, {
      now: FIXED_NOW,
      boats: DEFAULT_BOATS,
      domains: ['sailjada.com'],
    });

    expect(errors).toEqual([]);
    expect(result.ok && result.value).toMatchObject({
      priceCents: booking.priceCents,
      captainFeeCents: booking.captainFeeCents,
      crew: booking.crew,
      slug: booking.slug,
    });
  });

  it('turns dollars into integer cents, and says so when an amount is not dollars', () => {
    const values = { ...formValuesFromBooking(aBooking()), price: '1,250.5', portCosts: '', deposit: 'ten' };
    const { input, errors } = bookingInputFromForm(values, context);

    expect(input.priceCents).toBe(125050);
    expect(input.portCostsCents).toBe(0);
    expect(errors).toEqual([{ field: 'depositCents', message: expect.stringContaining('enter dollars') }]);
  });

  it('takes names and default rates from the roster; an edit keeps the rate people were booked at', () => {
    const booking = aBooking(
      {},
      aBookingInput({
        crew: [{ crewId: 'ana-ruiz', name: 'Ana Ruiz', role: 'captain', hourlyRateCents: 9900 }],
      }),
    );
    const values = { ...formValuesFromBooking(booking), hostessIds: ['cleo-marsh'] };

    const { input } = bookingInputFromForm(values, { ...context, existing: booking });

    expect(input.crew).toEqual([
      { crewId: 'ana-ruiz', name: 'Ana Ruiz', role: 'captain', hourlyRateCents: 9900 },
      { crewId: 'cleo-marsh', name: 'Cleo Marsh', role: 'hostess', hourlyRateCents: 2800 },
    ]);
  });

  it('maps every domain field path to a block of the modal', () => {
    expect(blockForField('guest.email')).toBe(BOOKING_BLOCK.guestEmail);
    expect(blockForField('schedule.endTime')).toBe(BOOKING_BLOCK.endTime);
    expect(blockForField('schedule.timeZone')).toBe(BOOKING_BLOCK.date);
    expect(blockForField('crew.captain')).toBe(BOOKING_BLOCK.captain);
    expect(blockForField('crew')).toBe(BOOKING_BLOCK.crew);
    expect(blockForField('portCostsCents')).toBe(BOOKING_BLOCK.portCosts);
    expect(blockForField('something.new')).toBe(BOOKING_BLOCK.title);
  });

  it('puts an assignment error on the block of that person’s role and keeps every message', () => {
    const input = aBookingInput({
      crew: [
        { crewId: 'ana-ruiz', name: 'Ana Ruiz', role: 'captain', hourlyRateCents: 1 },
        { crewId: 'cleo-marsh', name: 'Cleo Marsh', role: 'hostess', hourlyRateCents: 1 },
      ],
    });
    const errors = fieldErrorsToBlocks(
      [
        { field: 'crew.1.hourlyRateCents', message: 'Bad rate.' },
        { field: 'guest.email', message: 'One.' },
        { field: 'guest.email', message: 'Two.' },
      ],
      input,
    );

    expect(errors).toEqual({
      [BOOKING_BLOCK.hostesses]: 'Bad rate.',
      [BOOKING_BLOCK.guestEmail]: 'One. Two.',
    });
  });

  it('keeps the modal’s private metadata small and tolerant', () => {
    const metadata = { mode: 'edit' as const, bookingId: 'bk-1', revision: 3, channelId: 'C1' };
    expect(decodeMetadata(encodeMetadata(metadata))).toEqual(metadata);
    expect(decodeMetadata('not json')).toEqual({ mode: 'create' });
  });

  describe('estimate', () => {
    const input = aBookingInput();
    const other = (overrides: Partial<Booking>): Booking =>
      aBooking({ id: 'bk-other', title: 'Other', ...overrides });

    it('computes the margin: price − crew pay − captain fee − port costs, the captain counted once', () => {
      // The captain is paid the 250 fee, not 65 × 3 on top: 1800 − 32 × 3 − 250 − 40 = 1414
      expect(estimateBooking(input, [])).toMatchObject({
        marginCents: 141400,
        crewPayCents: 9600,
        captainFeeCents: 25000,
        captainPaidByFee: true,
      });
      // No fee: the captain's hours are crew pay. 1800 − (65 + 32) × 3 − 0 − 40 = 1469
      expect(estimateBooking({ ...input, captainFeeCents: 0 }, [])).toMatchObject({
        marginCents: 146900,
        crewPayCents: 29100,
        captainPaidByFee: false,
      });
    });

    it('warns about people and the boat on an overlapping charter, ignoring cancelled and touching ones', () => {
      const clash = other({});
      const later = other({
        id: 'bk-later',
        startsAt: clash.endsAt,
        endsAt: new Date(Date.parse(clash.endsAt) + 3_600_000).toISOString(),
      });
      const cancelled = other({ id: 'bk-cancelled', status: 'cancelled' });

      const { overlapping } = estimateBooking(input, [clash, later, cancelled]);

      expect(overlapping).toHaveLength(1);
      expect(overlapping[0]).toMatchObject({ who: ['Ana Ruiz', 'Ben Okafor'], boat: true });
    });

    it('leaves out the booking being edited and waits for times before computing', () => {
      expect(estimateBooking(input, [aBooking()], 'bk-test-0001').overlapping).toEqual([]);
      expect(estimateBooking({ ...input, schedule: { ...input.schedule, endTime: '' } }, [])).toEqual({
        overlapping: [],
      });
    });
  });
});
