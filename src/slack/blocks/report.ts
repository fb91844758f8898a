/**
 * `/charter report` and `/charter payroll` answers: ephemeral, to an operator only (they carry every
 * amount). Tables are preformatted text inside Slack's limits (3000 characters a section, 50 blocks a
 * message); what does not fit ends with "and N more" and is in the CSV files in the operator's DM.
 */
import type { KnownBlock } from '@slack/types';
import { describePeriod, type MoneyReport, type MoneyTotals, type Payroll } from '../../reports';
import { COMMAND } from '../ids';
import { money } from './format';
import { context, fields, header, LIMIT, message, type SlackMessage, section } from './primitives';

/** Room left for the table inside a section once the heading and the code fences are in. */
const TABLE_ROOM = LIMIT.sectionText - 200;

function pad(text: string, width: number): string {
  const clipped = text.length > width ? `${text.slice(0, width - 1)}…` : text;
  return clipped.padEnd(width);
}

function padLeft(text: string, width: number): string {
  return text.padStart(width);
}

/**
 * Rows of a preformatted table, as many as fit in `room` characters, then "… and N more". Backticks in
 * user text would close the code block: they are replaced, so a charter title cannot break out of it.
 */
export function fitTable(head: string, rows: readonly string[], room = TABLE_ROOM): string {
  const safe = (line: string) => line.replace(/`/g, "'");
  const out = [safe(head)];
  let used = head.length + 1;
  for (let i = 0; i < rows.length; i += 1) {
    const line = safe(rows[i] ?? '');
    const more = rows.length - i;
    const tail = `… and ${more} more (in the CSV)`;
    if (used + line.length + 1 + (i < rows.length - 1 ? tail.length + 1 : 0) > room) {
      out.push(tail);
      break;
    }
    out.push(line);
    used += line.length + 1;
  }
  return `\`\`\`${out.join('\n')}\`\`\``;
}

function totalsFields(t: MoneyTotals): string[] {
  return [
    `*Charters*\n${t.charters}`,
    `*Guests*\n${t.guests}`,
    `*Revenue*\n${money(t.revenueCents)}`,
    `*Deposits*\n${money(t.depositCents)}`,
    `*Captain fees*\n${money(t.captainFeeCents)}`,
    `*Crew pay*\n${money(t.crewPayCents)}`,
    `*Port costs*\n${money(t.portCostsCents)}`,
    `*Margin*\n${money(t.marginCents)}`,
  ];
}

function groupTable(groups: MoneyReport['byBrand']): string {
  const head = `${pad('', 22)} ${padLeft('#', 3)} ${padLeft('guests', 6)} ${padLeft('revenue', 12)} ${padLeft('margin', 12)}`;
  return fitTable(
    head,
    groups.map(
      (g) =>
        `${pad(g.key, 22)} ${padLeft(String(g.totals.charters), 3)} ${padLeft(String(g.totals.guests), 6)} ${padLeft(money(g.totals.revenueCents), 12)} ${padLeft(money(g.totals.marginCents), 12)}`,
    ),
  );
}

function charterTable(lines: MoneyReport['charters']): string {
  const head = `${pad('date', 10)} ${pad('charter', 22)} ${padLeft('guests', 6)} ${padLeft('revenue', 11)} ${padLeft('margin', 11)}`;
  return fitTable(
    head,
    lines.map(
      (l) =>
        `${l.date} ${pad(l.title, 22)} ${padLeft(`${l.guests}${l.headCounted ? '*' : ''}`, 6)} ${padLeft(money(l.revenueCents), 11)} ${padLeft(money(l.marginCents), 11)}`,
    ),
  );
}

export function renderReport(report: MoneyReport, filesNote: string): SlackMessage {
  const period = describePeriod(report.period);
  const blocks: KnownBlock[] = [header(`Charter report · ${period}`), fields(totalsFields(report.totals))];
  if (report.charters.length === 0) {
    blocks.push(section('No charters start in this period.'));
  } else {
    blocks.push(section(`*By brand*\n${groupTable(report.byBrand)}`));
    blocks.push(section(`*By boat*\n${groupTable(report.byBoat)}`));
    blocks.push(section(`*Charters* (${report.charters.length})\n${charterTable(report.charters)}`));
  }
  if (report.cancelled.length > 0) {
    blocks.push(
      section(`*Cancelled* (${report.cancelled.length}, not counted)\n${charterTable(report.cancelled)}`),
    );
  }
  blocks.push(
    context([
      `Charters count in the period of their start date in their own time zone. * = the captain’s head count. ${filesNote}`,
    ]),
  );
  const t = report.totals;
  return message(
    `Charter report ${period}: ${t.charters} charters, revenue ${money(t.revenueCents)}, margin ${money(t.marginCents)}.`,
    blocks,
  );
}

export function renderPayroll(payroll: Payroll, filesNote: string): SlackMessage {
  const period = describePeriod(payroll.period);
  const blocks: KnownBlock[] = [header(`Payroll · ${period}`)];
  if (payroll.people.length === 0) {
    blocks.push(section('Nobody worked a charter in this period.'));
  } else {
    const head = `${pad('person', 24)} ${padLeft('charters', 8)} ${padLeft('hours', 7)} ${padLeft('pay', 12)}`;
    const rows = payroll.people.map(
      (p) =>
        `${pad(p.name, 24)} ${padLeft(String(p.lines.length), 8)} ${padLeft((p.minutes / 60).toFixed(2), 7)} ${padLeft(money(p.totalCents), 12)}`,
    );
    blocks.push(section(`*Total ${money(payroll.totalCents)}*\n${fitTable(head, rows)}`));
  }
  blocks.push(
    context([
      `Pay = hours × the person’s rate on each charter; a captain’s fee once per charter. ${filesNote}`,
    ]),
  );
  return message(`Payroll ${period}: total ${money(payroll.totalCents)}.`, blocks);
}

export const REPORT_USAGE = `\`${COMMAND} report\` (this month), \`${COMMAND} report 2026-12\` or \`${COMMAND} report 2026-12-01 2026-12-15\``;
export const PAYROLL_USAGE = `\`${COMMAND} payroll 2026-12-01 2026-12-15\` (or a month: \`${COMMAND} payroll 2026-12\`)`;
