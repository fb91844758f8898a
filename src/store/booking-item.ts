/**
 * A booking as the table stores it, read back into a Booking. Every booking item carries `schemaVersion`;
 * reading takes an older item up one version at a time through BOOKING_UPGRADES, then parses it with the
 * domain's BookingSchema, so a field added later arrives with its default instead of as `undefined` in a
 * render, and a broken item fails here, by name, instead of deep inside a step.
 *
 * Must never hand out an unparsed item as a Booking, and never drop an attribute it does not know: the parse
 * is loose at the top level because requests to the pipeline (`reconcileRequest`, `reminderRequests`,
 * `completion`) ride on the booking item and are written back with it.
 */
import { type Booking, BookingSchema } from '../domain';
import { StoredDataError } from '../errors';
import { TABLE_KEYS } from './table-definition';

type Item = Record<string, unknown>;

/** The version this code writes. Bump it together with an entry in BOOKING_UPGRADES (README: how to change). */
export const BOOKING_SCHEMA_VERSION = 2;

/** Item attributes that belong to the table, not to the booking. */
const ITEM_ATTRIBUTES = [
  TABLE_KEYS.partitionKey,
  TABLE_KEYS.sortKey,
  TABLE_KEYS.gsi1.partitionKey,
  TABLE_KEYS.gsi1.sortKey,
  TABLE_KEYS.entityAttribute,
  'schemaVersion',
] as const;

/** A booking's stored fields, between two versions: anything until the schema has had its say. */
export type StoredBookingFields = Record<string, unknown>;
/** Takes a version-n item's fields to version n+1. Pure; tested on its own. */
export type BookingUpgrade = (fields: StoredBookingFields) => StoredBookingFields;

/**
 * Version 1: every item written before items carried a version (no `schemaVersion` attribute). Version 2 has
 * the same fields with the version written down, so this step has nothing to convert.
 */
export function upgradeV1ToV2(fields: StoredBookingFields): StoredBookingFields {
  return fields;
}

/** `BOOKING_UPGRADES[n]` takes a version-n item to version n+1; one entry per version below the current one. */
export const BOOKING_UPGRADES: Readonly<Record<number, BookingUpgrade>> = {
  1: upgradeV1ToV2,
};

/** The stored booking: the domain's schema, keeping attributes it does not declare (see the header). */
const StoredBookingSchema = BookingSchema.loose();

/** The version an item was written at; items from before versioning are version 1. */
export function storedVersionOf(item: Item): number {
  const version = item.schemaVersion;
  if (version === undefined) return 1;
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) {
    throw new StoredDataError(`Booking ${describe(item)} has an unreadable schema version.`);
  }
  return version;
}

/** Takes `fields` from version `from` to `to`, one upgrade at a time. */
export function upgradeBookingFields(
  fields: StoredBookingFields,
  from: number,
  upgrades: Readonly<Record<number, BookingUpgrade>> = BOOKING_UPGRADES,
  to: number = BOOKING_SCHEMA_VERSION,
): StoredBookingFields {
  let current = fields;
  for (let version = from; version < to; version++) {
    const upgrade = upgrades[version];
    if (!upgrade) {
      throw new StoredDataError(`No upgrade from booking schema version ${version} to ${version + 1}.`);
    }
    current = upgrade(current);
  }
  return current;
}

/** The Booking an item holds, upgraded and parsed; StoredDataError when it cannot be read. */
export function bookingFromItem(item: Item): Booking {
  const version = storedVersionOf(item);
  if (version > BOOKING_SCHEMA_VERSION) {
    // A newer deployment wrote it: reading it with an older schema could drop what it added on the next write.
    throw new StoredDataError(
      `Booking ${describe(item)} was written at schema version ${version}; this code reads up to ${BOOKING_SCHEMA_VERSION}.`,
    );
  }
  const fields: Item = { ...item };
  for (const attribute of ITEM_ATTRIBUTES) delete fields[attribute];
  const parsed = StoredBookingSchema.safeParse(upgradeBookingFields(fields, version));
  if (!parsed.success) {
    const paths = [...new Set(parsed.error.issues.map((issue) => issue.path.join('.') || '(item)'))];
    throw new StoredDataError(`Booking ${describe(item)} could not be read: ${paths.join(', ')} invalid.`, {
      cause: parsed.error,
    });
  }
  return parsed.data;
}

function describe(item: Item): string {
  return typeof item.id === 'string' ? item.id : String(item.PK ?? '(no key)');
}
