/**
 * Finding 5 of #14, "internet-facing functions can read the whole table": SCC and the dashboard had read/write
 * on every item, bookings with prices and internal notes included. Now each function's role names the
 * partitions it may reach (dynamodb:LeadingKeys, infra/lib/constructs/table-access.ts), crew answers live in
 * CONFIRM#<bookingId> instead of the booking's partition, guest mail and the report CSVs run as functions of
 * their own, and these tests read the synthesized policies and ask, key by key, what each role may do.
 */
import { describe, expect, it } from 'vitest';
import { PARTITION_PREFIX } from '../../src/store/keys';
import { allowsTableAccess, roleOf, type Statement, statementsOf } from '../unit/infra/iam-helpers';
import { synthesize } from '../unit/infra/synth-helper';

const { servicesTemplate: template } = synthesize();
const roles = {
  scc: statementsOf(template, roleOf(template, 'SccServiceFunction')),
  sccGuestMail: statementsOf(template, roleOf(template, 'SccGuestMailFunction')),
  dashboard: statementsOf(template, roleOf(template, 'DashboardServiceFunction')),
  reports: statementsOf(template, roleOf(template, 'DashboardReportsFunction')),
  slack: statementsOf(template, roleOf(template, 'SlackAppServiceFunction')),
  reconciler: statementsOf(template, roleOf(template, 'ReconcilerServiceFunction')),
};

const BOOKING = `${PARTITION_PREFIX.booking}bk-1`;
const READS = ['dynamodb:GetItem', 'dynamodb:Query', 'dynamodb:BatchGetItem'];
const WRITES = ['dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem', 'dynamodb:BatchWriteItem'];

const may = (role: readonly Statement[], action: string, key: string, target: 'table' | 'index' = 'table') =>
  allowsTableAccess(role, action, target, [key]);

describe('finding 5: SCC reaches its own partitions, never a booking', () => {
  it.each(READS)('cannot %s a BOOKING# item (prices, internal notes)', (action) => {
    expect(may(roles.scc, action, BOOKING)).toBe(false);
  });

  it('cannot read the bookings through the index (GSI1 projects whole items)', () => {
    expect(may(roles.scc, 'dynamodb:Query', 'BOOKING', 'index')).toBe(false);
  });

  it('cannot Scan, nor slip a booking key into a batch of its own keys', () => {
    expect(allowsTableAccess(roles.scc, 'dynamodb:Scan', 'table', [])).toBe(false);
    expect(allowsTableAccess(roles.scc, 'dynamodb:BatchGetItem', 'table', ['SCC#bk-1', BOOKING])).toBe(false);
  });

  it('reaches what it owns: events, crew feeds, crew answers, its idempotency markers', () => {
    for (const key of ['SCC#bk-1', 'SCCCREW#ana', 'CONFIRM#bk-1', 'IDEMPOTENCY#scc-events:abc']) {
      expect({
        key,
        read: may(roles.scc, 'dynamodb:GetItem', key),
        write: may(roles.scc, 'dynamodb:PutItem', key),
      }).toEqual({ key, read: true, write: true });
    }
    expect(may(roles.scc, 'dynamodb:Query', 'SCCCREW#ana', 'index')).toBe(true);
  });

  it("cannot write the Slack side's markers or the roster", () => {
    expect(may(roles.scc, 'dynamodb:PutItem', 'IDEMPOTENCY#booking:v-1')).toBe(false);
    expect(may(roles.scc, 'dynamodb:GetItem', 'CREW#ana')).toBe(false);
  });

  it('leaves booking reads to its guest-mail function, read-only', () => {
    expect(may(roles.sccGuestMail, 'dynamodb:GetItem', BOOKING)).toBe(true);
    for (const action of WRITES) expect(may(roles.sccGuestMail, action, BOOKING)).toBe(false);
    expect(may(roles.sccGuestMail, 'dynamodb:PutItem', 'GUESTMAIL#bk-1')).toBe(true);
    expect(may(roles.sccGuestMail, 'dynamodb:GetItem', 'SCC#bk-1')).toBe(false);
  });
});

describe('finding 5: the dashboard reaches its calendar entries, never a booking', () => {
  it.each(READS)('cannot %s a BOOKING# item', (action) => {
    expect(may(roles.dashboard, action, BOOKING)).toBe(false);
  });

  it('cannot read the bookings through the index', () => {
    expect(may(roles.dashboard, 'dynamodb:Query', 'BOOKING', 'index')).toBe(false);
  });

  it('reaches its calendar entries and their index list', () => {
    expect(may(roles.dashboard, 'dynamodb:UpdateItem', 'CALENDAR#e-1')).toBe(true);
    expect(may(roles.dashboard, 'dynamodb:Query', 'CALENDAR', 'index')).toBe(true);
  });

  it('leaves the report CSVs to a function that reads bookings through the index and writes nothing', () => {
    expect(may(roles.reports, 'dynamodb:Query', 'BOOKING', 'index')).toBe(true);
    for (const action of [...WRITES, 'dynamodb:GetItem']) {
      for (const key of [BOOKING, 'CALENDAR#e-1', 'CONFIRM#bk-1']) {
        expect({ action, key, allowed: may(roles.reports, action, key) }).toEqual({
          action,
          key,
          allowed: false,
        });
      }
    }
    expect(may(roles.reports, 'dynamodb:Query', 'CALENDAR', 'index')).toBe(false);
  });
});

describe('the evaluator itself', () => {
  it('sees the full table access of the ops-side functions (so a false above is not a misreading)', () => {
    for (const role of [roles.slack, roles.reconciler]) {
      expect(may(role, 'dynamodb:GetItem', BOOKING)).toBe(true);
      expect(may(role, 'dynamodb:Query', 'BOOKING', 'index')).toBe(true);
    }
  });
});
