/**
 * Every partition and sort key of the one table, spelled once (the layout is drawn in table-definition.ts).
 * Stores build their keys here instead of writing `BOOKING#${id}` themselves, so two modules can never spell
 * the same item two ways, and a new item kind shows up in one file.
 *
 * Key spelling only: no I/O, no SDK, nothing about what the items hold.
 */
import { TABLE_KEYS } from './table-definition';

const { gsi1 } = TABLE_KEYS;

/** Sort keys that order by a number (history revisions, email versions) carry it zero-padded. */
const padded = (n: number) => String(n).padStart(6, '0');

/**
 * Partition-key prefixes. IAM grants are written against them (dynamodb:LeadingKeys in infra/): a function
 * facing the internet gets only the prefixes it needs, so a prefix is part of the security boundary.
 */
export const PARTITION_PREFIX = {
  /** The booking, its history and pipeline step records: money and internal notes. Ops-side functions only. */
  booking: 'BOOKING#',
  /** Crew answers (latest and append-only), apart from the booking so SCC can write them without reading it. */
  confirm: 'CONFIRM#',
  slug: 'SLUG#',
  crew: 'CREW#',
  idempotency: 'IDEMPOTENCY#',
  scc: 'SCC#',
  sccCrew: 'SCCCREW#',
  guestMail: 'GUESTMAIL#',
  /** SES message id → the guest email it was (written by SCC's guest mail, read by mail feedback). */
  guestMailSes: 'GUESTMAIL-SES#',
  calendar: 'CALENDAR#',
  lifecycle: 'LIFECYCLE#',
  timer: 'TIMER#',
  mail: 'MAIL#',
  /** A person's time off: SCC's crew page reads and writes it without the roster (which holds rates). */
  timeOff: 'TIMEOFF#',
} as const;

/**
 * Namespaces of once-only markers (IDEMPOTENCY#<namespace><key>) written by a function whose IAM is limited to
 * them: SCC's idempotent event creation.
 */
export const MARKER_NAMESPACE = { sccEvents: 'scc-events:' } as const;

const BOOKING_PARTITION_PREFIX = PARTITION_PREFIX.booking;

/** A booking's partition: the booking, its history and pipeline step records. */
export const bookingPartition = (bookingId: string) => `${BOOKING_PARTITION_PREFIX}${bookingId}`;

/** A booking's crew answers: the latest per person and every answer ever given. */
export const confirmPartition = (bookingId: string) => `${PARTITION_PREFIX.confirm}${bookingId}`;

/**
 * The booking a partition key belongs to (its own partition or its confirmations'); undefined when it is
 * neither.
 */
export function bookingIdOfPartition(partitionKey: string): string | undefined {
  for (const prefix of [BOOKING_PARTITION_PREFIX, PARTITION_PREFIX.confirm]) {
    if (partitionKey.startsWith(prefix)) return partitionKey.slice(prefix.length) || undefined;
  }
  return undefined;
}

/** Sort-key prefixes that queries read with begins_with (or compare against). */
export const SORT_PREFIX = {
  confirmation: 'CONFIRMATION#',
  answer: 'ANSWER#',
  history: 'HISTORY#',
  step: 'STEP#',
  sccRate: 'RATE#',
} as const;

/**
 * Items of the booking store: the booking, slugs, history and creation marker (booking-aggregate-store.ts),
 * crew (crew-roster-store.ts), answers (confirmation-store.ts), once-only markers (marker-store.ts).
 */
export const bookingKeys = {
  booking: (id: string) => ({ PK: bookingPartition(id), SK: 'BOOKING' }),
  slug: (domain: string, slug: string) => ({ PK: `SLUG#${domain}#${slug}`, SK: 'SLUG' }),
  crew: (id: string) => ({ PK: `CREW#${id}`, SK: 'CREW' }),
  confirmation: (bookingId: string, crewId: string) => ({
    PK: confirmPartition(bookingId),
    SK: `${SORT_PREFIX.confirmation}${crewId}`,
  }),
  answer: (bookingId: string, crewId: string, at: string) => ({
    PK: confirmPartition(bookingId),
    SK: `${SORT_PREFIX.answer}${crewId}#${at}`,
  }),
  idempotency: (key: string) => ({ PK: `IDEMPOTENCY#${key}`, SK: 'IDEMPOTENCY' }),
  history: (bookingId: string, revision: number) => ({
    PK: bookingPartition(bookingId),
    SK: `${SORT_PREFIX.history}${padded(revision)}`,
  }),
};

/**
 * Where crew answers were written before they moved to CONFIRM#<bookingId> (same sort keys, in the booking's
 * own partition). Read only by the fallback and the migration (store/confirmation-migration.ts); never written.
 */
export const legacyConfirmationKeys = {
  partition: bookingPartition,
  confirmation: (bookingId: string, crewId: string) => ({
    PK: bookingPartition(bookingId),
    SK: `${SORT_PREFIX.confirmation}${crewId}`,
  }),
};

/** A pipeline step's record (pipeline/step-records.ts). */
export const stepKey = (bookingId: string, name: string) => ({
  PK: bookingPartition(bookingId),
  SK: `${SORT_PREFIX.step}${name}`,
});

/** The timers the crew lifecycle last scheduled for a booking (lifecycle/lifecycle-store.ts). */
export const lifecycleTimersKey = (bookingId: string) => ({ PK: `LIFECYCLE#${bookingId}`, SK: 'TIMERS' });

/**
 * Time off (store/time-off-store.ts): one partition per person, away from the roster item (`CREW#`, which
 * holds rates), so a service that may read someone's time off (SCC's crew page) need not read the roster.
 * GSI1 lists everyone's by last day, so "who is away during this charter" reads only entries not yet over.
 */
export const timeOffKeys = {
  partition: (crewId: string) => `${PARTITION_PREFIX.timeOff}${crewId}`,
  sortPrefix: 'AWAY#',
  entry: (crewId: string, from: string, id: string) => ({
    PK: `${PARTITION_PREFIX.timeOff}${crewId}`,
    SK: `AWAY#${from}#${id}`,
  }),
  index: (to: string, crewId: string, id: string) => ({
    [gsi1.partitionKey]: INDEX_PARTITION.timeOff,
    [gsi1.sortKey]: `${to}#${crewId}#${id}`,
  }),
};

/** A local timer (scheduler/local-scheduler.ts; never used in AWS). */
export const timerKey = (name: string) => ({ PK: `TIMER#${name}`, SK: 'TIMER' });

/** GSI1 partitions: the lists read through the index. */
export const INDEX_PARTITION = {
  booking: 'BOOKING',
  crew: 'CREW',
  timer: 'TIMER',
  /** The dashboard's calendar entries (dashboard/calendar-store.ts). */
  calendar: 'CALENDAR',
  sccCrew: (crewId: string) => `SCCCREW#${crewId}`,
  timeOff: 'TIMEOFF',
} as const;

/** GSI1 attributes of the items that appear in those lists, sorted by what each list is ordered by. */
export const indexKeys = {
  booking: (startsAt: string, id: string) => ({
    [gsi1.partitionKey]: INDEX_PARTITION.booking,
    [gsi1.sortKey]: `${startsAt}#${id}`,
  }),
  crew: (name: string, id: string) => ({
    [gsi1.partitionKey]: INDEX_PARTITION.crew,
    [gsi1.sortKey]: `${name.toLowerCase()}#${id}`,
  }),
  timer: (dueAt: string, name: string) => ({
    [gsi1.partitionKey]: INDEX_PARTITION.timer,
    [gsi1.sortKey]: `${dueAt}#${name}`,
  }),
  sccCrewFeed: (crewId: string, startsAt: string, eventId: string) => ({
    [gsi1.partitionKey]: INDEX_PARTITION.sccCrew(crewId),
    [gsi1.sortKey]: `${startsAt}#${eventId}`,
  }),
};

/** SCC's items (scc/event-store.ts documents what each holds). */
export const sccKeys = {
  partition: (eventId: string) => `SCC#${eventId}`,
  /** The event item's sort key; assignments, emails and bounces sort before the rate counters. */
  eventSortKey: 'EVENT',
  event: (id: string) => ({ PK: sccKeys.partition(id), SK: sccKeys.eventSortKey }),
  assignment: (id: string, crewId: string) => ({ PK: sccKeys.partition(id), SK: `CREW#${crewId}` }),
  email: (id: string, crewId: string, version: number) => ({
    PK: sccKeys.partition(id),
    SK: `EMAIL#${crewId}#v${padded(version)}`,
  }),
  bounce: (id: string, crewId: string) => ({ PK: sccKeys.partition(id), SK: `BOUNCE#${crewId}` }),
  rate: (id: string, digest: string, window: number) => ({
    PK: sccKeys.partition(id),
    SK: `${SORT_PREFIX.sccRate}${digest}#${window}`,
  }),
  feed: (crewId: string) => ({ PK: INDEX_PARTITION.sccCrew(crewId), SK: 'FEED' }),
  followUp: (id: string, f: { kind: string; crewId: string; version: number; key: string }) => ({
    PK: sccKeys.partition(id),
    SK: `SENT#${f.kind}#${f.crewId}#v${padded(f.version)}#${f.key}`,
  }),
};

/** An operator's `/charter audit` (store/audit-requests.ts): on the stream, so the reconciler runs the audit. */
export const auditRequestKey = (id: string) => ({ PK: `AUDIT#${id}`, SK: 'AUDIT' });
