/** Reading a stored booking: versions, upgrades one step at a time, and the parse (src/store/booking-item.ts). */
import { describe, expect, it } from 'vitest';
import { StoredDataError } from '../../../src/errors';
import {
  BOOKING_SCHEMA_VERSION,
  BOOKING_UPGRADES,
  type BookingUpgrade,
  bookingFromItem,
  storedVersionOf,
  upgradeBookingFields,
  upgradeV1ToV2,
} from '../../../src/store/booking-item';
import { aBooking } from '../../helpers/fixtures';

const item = (fields: Record<string, unknown> = {}) => ({
  PK: 'BOOKING#bk-test-0001',
  SK: 'BOOKING',
  GSI1PK: 'BOOKING',
  GSI1SK: 'x',
  entity: 'booking',
  ...aBooking(),
  ...fields,
});

describe('the stored version', () => {
  it('is 1 for items written before items carried a version', () => {
    expect(storedVersionOf({ id: 'a' })).toBe(1);
  });

  it('is the number the item carries', () => {
    expect(storedVersionOf({ schemaVersion: 2 })).toBe(2);
  });

  it.each([0, -1, 1.5, '2', null])('is refused when it is %j', (schemaVersion) => {
    expect(() => storedVersionOf({ id: 'bk-x', schemaVersion })).toThrow(StoredDataError);
  });
});

describe('upgrades', () => {
  it('has one step for every version below the current one', () => {
    for (let version = 1; version < BOOKING_SCHEMA_VERSION; version++) {
      expect(BOOKING_UPGRADES[version], `upgrade from ${version}`).toBeTypeOf('function');
    }
  });

  it('from version 1 to 2 keeps every field: version 2 only writes the version down', () => {
    const fields = { title: 'Sunset Sail', reminderRequests: [{ id: '1-a' }] };
    expect(upgradeV1ToV2(fields)).toEqual(fields);
  });

  it('run one after the other, in version order, from the stored version up to the target', () => {
    const seen: number[] = [];
    const step =
      (from: number): BookingUpgrade =>
      (fields) => {
        seen.push(from);
        return { ...fields, trail: `${String(fields.trail ?? '')}${from}` };
      };
    const upgrades = { 1: step(1), 2: step(2), 3: step(3) };

    expect(upgradeBookingFields({}, 2, upgrades, 4)).toEqual({ trail: '23' });
    expect(seen).toEqual([2, 3]);
  });

  it('do nothing to an item already at the target', () => {
    const fields = { title: 'x' };
    expect(upgradeBookingFields(fields, 4, {}, 4)).toBe(fields);
  });

  it('refuse a version with no step to the next one', () => {
    expect(() => upgradeBookingFields({}, 1, { 1: (f) => f }, 3)).toThrow(
      /from booking schema version 2 to 3/,
    );
  });
});

describe('bookingFromItem', () => {
  it('returns the booking without the table attributes', () => {
    const booking = bookingFromItem(item({ schemaVersion: BOOKING_SCHEMA_VERSION }));
    expect(booking).toEqual(aBooking());
    for (const attribute of ['PK', 'SK', 'GSI1PK', 'GSI1SK', 'entity', 'schemaVersion']) {
      expect(booking).not.toHaveProperty(attribute);
    }
  });

  it('keeps attributes the schema does not declare (requests to the pipeline ride on the item)', () => {
    const booking = bookingFromItem(item({ completion: { headCount: 5, note: '', at: 'a', by: 'U' } }));
    expect(booking).toHaveProperty('completion.headCount', 5);
  });

  it('gives a field missing from an older item its default instead of undefined', () => {
    const { guestNotes: _g, previousSlugs: _p, ...older } = item();
    const booking = bookingFromItem(older);
    expect(booking.guestNotes).toBe('');
    expect(booking.previousSlugs).toEqual([]);
  });

  it('refuses an item whose fields break the schema, naming the fields', () => {
    const error = (() => {
      try {
        bookingFromItem(item({ revision: 0, crew: [{ crewId: 'a', hourlyRateCents: 6000 }] }));
      } catch (e) {
        return e as Error;
      }
    })();
    expect(error).toBeInstanceOf(StoredDataError);
    expect(error?.message).toMatch(/^Booking bk-test-0001 could not be read: /);
    for (const field of ['revision', 'crew.0.name', 'crew.0.role']) expect(error?.message).toContain(field);
    expect(error?.message).not.toContain('hourlyRateCents');
  });

  it('refuses an item from a newer version', () => {
    expect(() => bookingFromItem(item({ schemaVersion: BOOKING_SCHEMA_VERSION + 1 }))).toThrow(
      StoredDataError,
    );
  });
});
