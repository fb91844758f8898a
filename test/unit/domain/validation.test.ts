import { describe, expect, it } from 'vitest';
import { DEFAULT_BOATS } from '../../../src/config/boats';
import { type BookingInput, type ValidationContext, validateBookingInput } from '../../../src/domain';
import { aBooking, aBookingInput, FIXED_NOW } from '../../helpers/fixtures';

const context: ValidationContext = {
  now: FIXED_NOW,
  boats: DEFAULT_BOATS,
  domains: ['sailjada.com', 'queenofsandiego.com'],
};

function errorsFor(input: unknown, ctx = context) {
  const result = validateBookingInput(input, ctx);
  return result.ok ? [] : result.errors;
}

function withChanges(change: (input: BookingInput) => void): BookingInput {
  const input = structuredClone(aBookingInput()) as BookingInput;
  change(input);
  return input;
}

describe('validateBookingInput', () => {
  it('accepts a complete, sensible booking and derives its UTC instants', () => {
    const result = validateBookingInput(aBookingInput(), context);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    // 16:00 Pacific standard time on 5 December is midnight UTC the next day.
    expect(result.startsAt).toBe('2026-12-06T00:00:00.000Z');
    expect(result.endsAt).toBe('2026-12-06T03:00:00.000Z');
  });

  it('refuses an end time that is not after the start time', () => {
    const input = withChanges((i) => {
      i.schedule.endTime = '15:00';
    });
    expect(errorsFor(input)).toContainEqual({
      field: 'schedule.endTime',
      message: 'End time must be after the start time.',
    });
  });

  it('refuses a new charter in the past', () => {
    const input = withChanges((i) => {
      i.schedule.date = '2026-11-20';
    });
    expect(errorsFor(input).map((e) => e.field)).toContain('schedule.date');
  });

  it('lets an edit keep a start time that has already passed', () => {
    const input = withChanges((i) => {
      i.schedule.date = '2026-11-20';
    });
    const existing = { startsAt: '2026-11-21T00:00:00.000Z' };
    expect(errorsFor(input, { ...context, existing })).toEqual([]);
  });

  it('refuses a party larger than the boat takes, naming the boat and its capacity', () => {
    const input = withChanges((i) => {
      i.guest.partySize = 13;
    });
    expect(errorsFor(input)).toContainEqual({
      field: 'guest.partySize',
      message: 'Jada takes at most 12 guests; this party is 13.',
    });
  });

  it('requires exactly one captain', () => {
    const none = withChanges((i) => {
      i.crew = i.crew.filter((a) => a.role !== 'captain');
    });
    const two = withChanges((i) => {
      i.crew.push({ crewId: 'zed', name: 'Zed Two', role: 'captain', hourlyRateCents: 100 });
    });
    expect(errorsFor(none)).toContainEqual({ field: 'crew.captain', message: 'Assign a captain.' });
    expect(errorsFor(two)).toContainEqual({ field: 'crew.captain', message: 'Assign exactly one captain.' });
  });

  it('refuses the same person assigned twice, by name', () => {
    const input = withChanges((i) => {
      i.crew.push({ crewId: 'ben-okafor', name: 'Ben Okafor', role: 'hostess', hourlyRateCents: 100 });
    });
    expect(errorsFor(input)).toContainEqual({
      field: 'crew',
      message: 'Ben Okafor is assigned more than once.',
    });
  });

  it('refuses negative and fractional money', () => {
    const negative = withChanges((i) => {
      i.portCostsCents = -1;
    });
    const fractional = withChanges((i) => {
      i.priceCents = 10.5;
    });
    expect(errorsFor(negative)).toContainEqual({
      field: 'portCostsCents',
      message: 'Port costs cannot be negative.',
    });
    expect(errorsFor(fractional)).toContainEqual({
      field: 'priceCents',
      message: 'Charter price must be a whole number of cents.',
    });
  });

  it('refuses a malformed guest email', () => {
    const input = withChanges((i) => {
      i.guest.email = 'jordan-at-example';
    });
    expect(errorsFor(input)).toContainEqual({
      field: 'guest.email',
      message: 'Enter a valid email address, like name@example.com.',
    });
  });

  it('refuses an unknown boat, an unknown brand domain and a bad time zone', () => {
    const input = withChanges((i) => {
      i.boatId = 'titanic';
      i.domain = 'example.org';
    });
    const fields = errorsFor(input).map((e) => e.field);
    expect(fields).toEqual(expect.arrayContaining(['boatId', 'domain']));
    const zone = withChanges((i) => {
      i.schedule.timeZone = 'Mars/Olympus';
    });
    expect(errorsFor(zone).map((e) => e.field)).toContain('schedule.timeZone');
  });

  it('refuses a deposit larger than the price', () => {
    const input = withChanges((i) => {
      i.depositCents = i.priceCents + 1;
    });
    expect(errorsFor(input).map((e) => e.field)).toContain('depositCents');
  });

  it('defaults the time zone to America/Los_Angeles', () => {
    const input = withChanges((i) => {
      delete (i.schedule as { timeZone?: string }).timeZone;
    });
    const result = validateBookingInput(input, context);
    expect(result.ok && result.value.schedule.timeZone).toBe('America/Los_Angeles');
  });

  it('reports one message per field even when several rules fail on it', () => {
    const input = withChanges((i) => {
      i.guest.name = '';
    });
    expect(errorsFor(input).filter((e) => e.field === 'guest.name')).toHaveLength(1);
  });

  it('flags every broken field at once, even when the schema already refused one (issue #18)', () => {
    const input = withChanges((i) => {
      i.guest.name = '   ';
      i.schedule.date = '2026-11-20';
      i.schedule.startTime = '18:00';
      i.schedule.endTime = '16:00';
      i.guest.partySize = 40;
      i.depositCents = i.priceCents + 1;
      i.crew = i.crew.filter((a) => a.role !== 'captain');
    });
    const fields = errorsFor(input).map((e) => e.field);
    expect(fields).toEqual(
      expect.arrayContaining([
        'guest.name',
        'schedule.endTime',
        'schedule.date',
        'guest.partySize',
        'depositCents',
        'crew.captain',
      ]),
    );
  });

  it('still checks the rules across fields when the input is not even an object of the right shape', () => {
    const fields = errorsFor({ boatId: 'jada', guest: { partySize: 99 } }).map((e) => e.field);
    expect(fields).toContain('title');
    expect(fields).toContain('guest.partySize');
    expect(errorsFor({ boatId: 'jada', guest: { partySize: 99 } })).toContainEqual(
      expect.objectContaining({ field: 'guest.partySize', message: expect.stringMatching(/at most 12/) }),
    );
  });

  it('keeps a fixture booking consistent with its input', () => {
    expect(aBooking().startsAt).toBe('2026-12-06T00:00:00.000Z');
  });
});
