/** Reports and payroll: pure sums over bookings, and their CSV files. Operator-only, except `payrollFor`. */
export { centsToDecimal, toCsv } from './csv';
export type { MoneyReport, MoneyTotals } from './money-report';
export { buildMoneyReport } from './money-report';
export type { Payroll } from './payroll';
export { buildPayroll, NO_CAPTAIN_ID, payrollFor } from './payroll';
export type { Period } from './period';
export { describePeriod, localDay, monthPeriod, parsePeriod, queryWindow } from './period';
export { bookingsForPeriod } from './period-bookings';
export { payrollCsvFile, reportCsvFiles } from './report-csv';
export type { YourPay } from './your-pay';
export { yourPay } from './your-pay';
