/**
 * A history entry as the table stores it (the `data` of a booking's HISTORY# item), read back into a
 * HistoryEntry. Every entry this code writes carries `schemaVersion`; reading takes an older entry up one
 * version at a time through HISTORY_UPGRADES, then parses it, so the rules that read history (who was asked
 * again, the thread's lines) get data, never text to pick apart.
 *
 * Version 1 (no `schemaVersion`, written until crew changes became data): a crew change was the display
 * string "Ana Ruiz (captain), Ben Okafor (crew)" (or "nobody") in `from`/`to`. Version 2: a crew change is
 * `{ field: 'crew', before: [{ crewId, name, role }…], after: […] }`; every other change is unchanged.
 *
 * Must never hand out an unparsed entry as a HistoryEntry, and its errors name the entry, never its contents
 * (history may hold prices and notes).
 */
import { z } from 'zod';
import { type CrewListed, type HistoryEntry, ROLES } from '../domain';
import { StoredDataError } from '../errors';

/** The version this code writes. Bump it together with an entry in HISTORY_UPGRADES. */
export const HISTORY_SCHEMA_VERSION = 2;

/** A stored entry's fields between two versions: anything until the schema has had its say. */
export type StoredHistoryFields = Record<string, unknown>;
/** Takes a version-n entry's fields to version n+1. Pure; tested on its own. */
export type HistoryUpgrade = (fields: StoredHistoryFields) => StoredHistoryFields;

/** The entry as written to the item's `data`: the entry and the version it was written at. */
export function historyItemData(entry: HistoryEntry): StoredHistoryFields {
  return { ...entry, schemaVersion: HISTORY_SCHEMA_VERSION };
}

/** One "Name (role)" of a version-1 crew list, up to the ", " before the next one or the end. */
const V1_MEMBER = `(.+?) \\((${ROLES.join('|')})\\)(?:, (?=.)|$)`;

/**
 * The people in a version-1 crew list: "Ana Ruiz (captain), Ben Okafor (crew)" → Ana as captain, Ben as crew;
 * "nobody" → nobody. Each person ends at their "(role)", so a name holding ", " ("Ruiz, Ana") stays whole.
 * Version 1 did not record crew ids: the people come back by name and role only. Undefined when the text is
 * not such a list.
 */
export function parseCrewListV1(described: string): CrewListed[] | undefined {
  if (described === 'nobody' || described === '') return [];
  const members: CrewListed[] = [];
  const member = new RegExp(V1_MEMBER, 'ys');
  while (member.lastIndex < described.length) {
    const match = member.exec(described);
    if (!match) return undefined;
    members.push({ name: match[1] as string, role: match[2] as CrewListed['role'] });
  }
  return members;
}

/** Version 1 → 2: each crew change's display strings become the people they list. */
export function upgradeHistoryV1ToV2(fields: StoredHistoryFields): StoredHistoryFields {
  if (!Array.isArray(fields.changes)) return fields;
  const changes = fields.changes.map((change: unknown) => {
    if (!isRecord(change) || change.field !== 'crew') return change;
    const before = typeof change.from === 'string' ? parseCrewListV1(change.from) : undefined;
    const after = typeof change.to === 'string' ? parseCrewListV1(change.to) : undefined;
    // Left as it was when it is not a version-1 list: the parse below then names it as unreadable.
    return before && after ? { field: 'crew', before, after } : change;
  });
  return { ...fields, changes };
}

/** `HISTORY_UPGRADES[n]` takes a version-n entry to version n+1; one entry per version below the current. */
export const HISTORY_UPGRADES: Readonly<Record<number, HistoryUpgrade>> = {
  1: upgradeHistoryV1ToV2,
};

const CrewListedSchema = z.object({
  crewId: z.string().min(1).optional(),
  name: z.string(),
  role: z.enum(ROLES),
});

const CrewChangeSchema = z.object({
  field: z.literal('crew'),
  before: z.array(CrewListedSchema),
  after: z.array(CrewListedSchema),
});

const ValueChangeSchema = z.object({
  field: z.string().refine((field) => field !== 'crew'),
  // A value a booking did not have yet (a field added later) was written as nothing.
  from: z.string().default(''),
  to: z.string().default(''),
});

const HistoryEntrySchema = z.object({
  bookingId: z.string().min(1),
  revision: z.number().int().min(1),
  at: z.string(),
  actor: z.string(),
  kind: z.enum(['created', 'updated', 'status', 'cancelled']),
  changes: z.array(z.union([CrewChangeSchema, ValueChangeSchema])),
}) satisfies z.ZodType<HistoryEntry>;

/** The HistoryEntry an item's `data` holds, upgraded and parsed; StoredDataError when it cannot be read. */
export function historyEntryFromData(data: unknown): HistoryEntry {
  if (!isRecord(data)) throw new StoredDataError('A history entry could not be read: it holds no data.');
  const version = data.schemaVersion === undefined ? 1 : data.schemaVersion;
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) {
    throw new StoredDataError(`History entry ${describe(data)} has an unreadable schema version.`);
  }
  if (version > HISTORY_SCHEMA_VERSION) {
    throw new StoredDataError(
      `History entry ${describe(data)} was written at schema version ${version}; this code reads up to ${HISTORY_SCHEMA_VERSION}.`,
    );
  }
  let fields: StoredHistoryFields = data;
  for (let at = version; at < HISTORY_SCHEMA_VERSION; at++) {
    const upgrade = HISTORY_UPGRADES[at];
    if (!upgrade) throw new StoredDataError(`No upgrade from history schema version ${at} to ${at + 1}.`);
    fields = upgrade(fields);
  }
  const parsed = HistoryEntrySchema.safeParse(fields);
  if (!parsed.success) {
    const paths = [...new Set(parsed.error.issues.map((issue) => issue.path.join('.') || '(entry)'))];
    throw new StoredDataError(
      `History entry ${describe(data)} could not be read: ${paths.join(', ')} invalid.`,
      {
        cause: parsed.error,
      },
    );
  }
  return parsed.data;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** "bk-1 r3": the entry's booking and revision, never its contents. */
function describe(data: Record<string, unknown>): string {
  const id = typeof data.bookingId === 'string' ? data.bookingId : '(no booking)';
  return typeof data.revision === 'number' ? `${id} r${data.revision}` : id;
}
