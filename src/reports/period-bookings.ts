/**
 * Reads the bookings a period's report needs through the store passed in (one paginated index query over
 * a UTC window wide enough for every zone; `inPeriod` on the local date then decides). The only part of
 * src/reports that touches I/O, and only through that interface.
 */
import type { Booking } from '../domain';
import type { DynamoBookingStore } from '../store';
import { type Period, queryWindow } from './period';

/** A generous ceiling: a year of a busy fleet. Past it, the caller is told the figures are partial. */
export const MAX_REPORT_BOOKINGS = 5000;

export async function bookingsForPeriod(
  store: Pick<DynamoBookingStore, 'listUpcoming'>,
  period: Period,
): Promise<{ bookings: Booking[]; complete: boolean }> {
  const window = queryWindow(period);
  const bookings = await store.listUpcoming({
    from: window.from,
    to: window.to,
    includeCancelled: true,
    limit: MAX_REPORT_BOOKINGS + 1,
  });
  return {
    bookings: bookings.slice(0, MAX_REPORT_BOOKINGS),
    complete: bookings.length <= MAX_REPORT_BOOKINGS,
  };
}
