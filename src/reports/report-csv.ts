/**
 * The report and payroll as CSV files (operator-only: they carry every amount). Dates are ISO
 * (YYYY-MM-DD, the charter's local start date) with the time zone in its own column; amounts are decimals
 * with two places. Pure.
 */
import { type CsvCell, toCsv } from './csv';
import type { CharterLine, GroupTotals, MoneyReport, MoneyTotals } from './money-report';
import type { Payroll } from './payroll';

export interface CsvFile {
  filename: string;
  title: string;
  content: string;
}

const TOTAL_HEADER = [
  'charters',
  'guests',
  'revenue',
  'deposits',
  'captain_fees',
  'crew_pay',
  'port_costs',
  'margin',
] as const;

function totalCells(t: MoneyTotals): CsvCell[] {
  return [
    t.charters,
    t.guests,
    { cents: t.revenueCents },
    { cents: t.depositCents },
    { cents: t.captainFeeCents },
    { cents: t.crewPayCents },
    { cents: t.portCostsCents },
    { cents: t.marginCents },
  ];
}

function charterRow(line: CharterLine): CsvCell[] {
  return [
    line.date,
    line.startTime,
    line.timeZone,
    line.title,
    line.slug,
    line.brand,
    line.boat,
    line.status,
    { minutes: line.minutes },
    line.guests,
    line.headCounted ? 'head count' : 'booked',
    { cents: line.revenueCents },
    { cents: line.depositCents },
    { cents: line.captainFeeCents },
    { cents: line.crewPayCents },
    { cents: line.portCostsCents },
    { cents: line.marginCents },
  ];
}

const CHARTER_HEADER = [
  'date',
  'start',
  'time_zone',
  'charter',
  'slug',
  'brand',
  'boat',
  'status',
  'hours',
  'guests',
  'guests_from',
  'revenue',
  'deposit',
  'captain_fee',
  'crew_pay',
  'port_costs',
  'margin',
];

function groupRows(kind: string, groups: readonly GroupTotals[]): CsvCell[][] {
  return groups.map((g) => [kind, g.key, ...totalCells(g.totals)]);
}

function stem(kind: string, report: { period: { from: string; to: string } }): string {
  return `charter-${kind}-${report.period.from}-to-${report.period.to}`;
}

/** Two files: the summary (total, by brand, by boat) and one row per charter, cancelled ones marked. */
export function reportCsvFiles(report: MoneyReport): CsvFile[] {
  const summary = toCsv(
    ['group', 'name', ...TOTAL_HEADER],
    [
      ['total', 'all charters', ...totalCells(report.totals)],
      ...groupRows('brand', report.byBrand),
      ...groupRows('boat', report.byBoat),
    ],
  );
  const charters = toCsv(CHARTER_HEADER, [...report.charters, ...report.cancelled].map(charterRow));
  return [
    { filename: `${stem('summary', report)}.csv`, title: 'Charter report: summary', content: summary },
    { filename: `${stem('charters', report)}.csv`, title: 'Charter report: charters', content: charters },
  ];
}

const PAYROLL_HEADER = [
  'crew_id',
  'name',
  'date',
  'start',
  'time_zone',
  'charter',
  'slug',
  'role',
  'hours',
  'hourly_rate',
  'hourly_pay',
  'captain_fee',
  'pay',
  'person_total',
];

/** One row per person per charter, then a total row per person (`charter` = "TOTAL"). */
export function payrollCsvFile(payroll: Payroll): CsvFile {
  const rows: CsvCell[][] = [];
  for (const person of payroll.people) {
    for (const line of person.lines) {
      rows.push([
        person.crewId,
        person.name,
        line.date,
        line.startTime,
        line.timeZone,
        line.title,
        line.slug,
        line.role,
        { minutes: line.minutes },
        { cents: line.hourlyRateCents },
        { cents: line.hourlyPayCents },
        { cents: line.captainFeeCents },
        { cents: line.payCents },
        '',
      ]);
    }
    rows.push([
      person.crewId,
      person.name,
      '',
      '',
      '',
      'TOTAL',
      '',
      '',
      { minutes: person.minutes },
      '',
      '',
      '',
      '',
      { cents: person.totalCents },
    ]);
  }
  return {
    filename: `${stem('payroll', payroll)}.csv`,
    title: 'Payroll',
    content: toCsv(PAYROLL_HEADER, rows),
  };
}
