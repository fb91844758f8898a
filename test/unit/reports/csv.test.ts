import { describe, expect, it } from 'vitest';
import {
  buildMoneyReport,
  buildPayroll,
  centsToDecimal,
  monthPeriod,
  payrollCsvFile,
  reportCsvFiles,
  toCsv,
} from '../../../src/reports';
import { aBooking, aBookingInput } from '../../helpers/fixtures';
import { DECEMBER_BOOKINGS } from './fixture-month';

/** A small RFC 4180 reader, written apart from the writer, to prove what a spreadsheet would see. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i += 1) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        cell += '"';
        i += 1;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      row.push(cell);
      cell = '';
    } else if (ch === '\r' && text[i + 1] === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      i += 1;
    } else cell += ch;
  }
  return rows;
}

describe('CSV', () => {
  it('writes amounts as decimals with two places, negatives included', () => {
    expect(centsToDecimal(123456)).toBe('1234.56');
    expect(centsToDecimal(5)).toBe('0.05');
    expect(centsToDecimal(-5)).toBe('-0.05');
    expect(centsToDecimal(0)).toBe('0.00');
  });

  it('quotes commas, quotes and line breaks (RFC 4180) and ends every record with CRLF', () => {
    const csv = toCsv(['a', 'b'], [['Smith, Jo', 'say "hi"\nthen go']]);
    expect(csv).toBe('a,b\r\n"Smith, Jo","say ""hi""\nthen go"\r\n');
    expect(parseCsv(csv)).toEqual([
      ['a', 'b'],
      ['Smith, Jo', 'say "hi"\nthen go'],
    ]);
  });

  it.each(['=HYPERLINK("http://evil.test","x")', '+1+1', '-2+3', '@SUM(A1)', '\tcmd', '\rcmd'])(
    'neutralises a text cell starting with a formula character: %j',
    (hostile) => {
      const [, row] = parseCsv(toCsv(['t'], [[hostile]]));
      expect(row?.[0]).toBe(`'${hostile}`);
    },
  );

  it('leaves a negative amount a number', () => {
    expect(toCsv(['m'], [[{ cents: -1999 }]])).toBe('m\r\n-19.99\r\n');
  });

  it('writes the report summary with a header row and the hand-computed totals', () => {
    const [summary, charters] = reportCsvFiles(buildMoneyReport(DECEMBER_BOOKINGS, monthPeriod(2026, 12)));
    const rows = parseCsv(summary?.content ?? '');
    expect(rows[0]).toEqual([
      'group',
      'name',
      'charters',
      'guests',
      'revenue',
      'deposits',
      'captain_fees',
      'crew_pay',
      'port_costs',
      'margin',
    ]);
    expect(rows[1]).toEqual([
      'total',
      'all charters',
      '4',
      '20',
      '6300.00',
      '3100.00',
      '700.00',
      '403.25',
      '125.50',
      '5071.25',
    ]);
    expect(summary?.filename).toBe('charter-summary-2026-12-01-to-2026-12-31.csv');
    const lines = parseCsv(charters?.content ?? '');
    expect(lines.map((l) => l[0])).toEqual([
      'date',
      '2026-12-05',
      '2026-12-12',
      '2026-12-20',
      '2026-12-31',
      '2026-12-08',
    ]);
    expect(lines.find((l) => l[7] === 'cancelled')?.[4]).toBe('d-dec-08');
  });

  it('keeps a hostile charter title inert in the charters file', () => {
    const hostile = aBooking({ id: 'h', slug: 'h' }, aBookingInput({ title: '=cmd|"/c calc"!A1' }));
    const [, charters] = reportCsvFiles(buildMoneyReport([hostile], monthPeriod(2026, 12)));
    expect(parseCsv(charters?.content ?? '')[1]?.[3]).toBe(`'=cmd|"/c calc"!A1`);
  });

  it('writes payroll per person per charter with hours and a total row', () => {
    const file = payrollCsvFile(buildPayroll(DECEMBER_BOOKINGS, monthPeriod(2026, 12)));
    const rows = parseCsv(file.content);
    const ben = rows.filter((r) => r[0] === 'ben-okafor');
    expect(ben).toEqual([
      [
        'ben-okafor',
        'Ben Okafor',
        '2026-12-05',
        '16:00',
        'America/Los_Angeles',
        'Sunset Sail',
        'a-dec-05',
        'crew',
        '3.00',
        '32.00',
        '96.00',
        '0.00',
        '96.00',
        '',
      ],
      [
        'ben-okafor',
        'Ben Okafor',
        '2026-12-20',
        '09:00',
        'America/Los_Angeles',
        'Sunset Sail',
        'c-dec-20',
        'crew',
        '4.33',
        '32.25',
        '139.75',
        '0.00',
        '139.75',
        '',
      ],
      ['ben-okafor', 'Ben Okafor', '', '', '', 'TOTAL', '', '', '7.33', '', '', '', '', '235.75'],
    ]);
    // The captain's line shows the fee as the pay, with no hours × rate beside it (fixture-month.ts).
    const anaOnA = rows.find((r) => r[0] === 'ana-ruiz' && r[6] === 'a-dec-05');
    expect(anaOnA?.slice(7, 13)).toEqual(['captain', '3.00', '65.00', '0.00', '250.00', '250.00']);
    expect(rows.find((r) => r[0] === 'ana-ruiz' && r[5] === 'TOTAL')?.[13]).toBe('797.50');
  });
});
