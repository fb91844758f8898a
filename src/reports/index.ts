/** Reports and payroll: pure sums over bookings, and their CSV files. Operator-only, except `payrollFor`. */
export * from './csv';
export * from './money-report';
export * from './payroll';
export * from './period';
export * from './period-bookings';
export * from './report-csv';
export * from './your-pay';
