import { describe, expect, it } from 'vitest';
import { localDay, parsePeriod, queryWindow } from '../../../src/reports';

describe('the report period', () => {
  it('is this month with no argument', () => {
    expect(parsePeriod([], '2026-02-14')).toEqual({ from: '2026-02-01', to: '2026-02-28' });
  });
  it('is a whole month from YYYY-MM, leap years included', () => {
    expect(parsePeriod(['2028-02'], '2026-12-02')).toEqual({ from: '2028-02-01', to: '2028-02-29' });
  });
  it('is two inclusive dates', () => {
    expect(parsePeriod(['2026-12-01', '2026-12-15'], '2026-12-02')).toEqual({
      from: '2026-12-01',
      to: '2026-12-15',
    });
  });
  it.each([
    [['2026-13']],
    [['december']],
    [['2026-02-30', '2026-03-01']],
    [['2026-12-15', '2026-12-01']],
    [['2020-01-01', '2026-01-01']],
    [['a', 'b', 'c']],
  ])('refuses %j with a sentence saying what to type', (args) => {
    expect(() => parsePeriod(args, '2026-12-02')).toThrow(/\S/);
  });
  it('takes "today" in the business zone, not UTC', () => {
    expect(localDay(new Date('2027-01-01T06:00:00Z'), 'America/Los_Angeles')).toBe('2026-12-31');
  });
  it('queries wide enough for UTC−12 to UTC+14', () => {
    const w = queryWindow({ from: '2026-12-01', to: '2026-12-31' });
    expect(w.from.toISOString()).toBe('2026-11-30T10:00:00.000Z');
    expect(w.to.toISOString()).toBe('2027-01-01T11:59:59.999Z');
  });
});
