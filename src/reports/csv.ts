/**
 * CSV that opens cleanly in a spreadsheet: RFC 4180 (https://www.rfc-editor.org/rfc/rfc4180) — CRLF line
 * breaks, a header row, fields holding a comma, quote, CR or LF wrapped in quotes with quotes doubled — and
 * text cells neutralised against formula injection (OWASP "CSV Injection": a cell starting with =, +, -, @,
 * tab or CR is prefixed with a single quote, so a guest named "=HYPERLINK(…)" stays text). Amounts are
 * typed apart (`{ cents }`) so a negative margin stays a number and is never neutralised. Pure.
 */

/** A text cell, a whole number (a count), an amount in cents, or a duration in minutes (written as hours). */
export type CsvCell = string | number | { readonly cents: number } | { readonly minutes: number };

const FORMULA_START = /^[=+\-@\t\r]/;
const NEEDS_QUOTES = /[",\r\n]/;

/** 123456 → "1234.56", -5 → "-0.05": two decimals, a dot, no thousands separator, no currency sign. */
export function centsToDecimal(cents: number): string {
  if (!Number.isInteger(cents)) throw new Error(`not a whole number of cents: ${cents}`);
  const sign = cents < 0 ? '-' : '';
  const abs = Math.abs(cents);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

/** Minutes → hours with two decimals ("3.50"; 20 minutes → "0.33"). */
export function minutesToHours(minutes: number): string {
  return centsToDecimal(Math.round((minutes * 100) / 60));
}

export function neutraliseText(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

function field(cell: CsvCell): string {
  let text: string;
  if (typeof cell === 'number') text = String(cell);
  else if (typeof cell === 'object' && 'cents' in cell) text = centsToDecimal(cell.cents);
  else if (typeof cell === 'object') text = minutesToHours(cell.minutes);
  else text = neutraliseText(cell);
  return NEEDS_QUOTES.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function toCsv(header: readonly string[], rows: readonly (readonly CsvCell[])[]): string {
  for (const row of rows) {
    if (row.length !== header.length)
      throw new Error(`CSV row has ${row.length} cells, header ${header.length}`);
  }
  return [header, ...rows].map((row) => `${row.map(field).join(',')}\r\n`).join('');
}
