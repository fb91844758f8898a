/**
 * Step 2: the booking's entry in the dashboard calendar, with the pipeline's progress. Upserted on every
 * revision, removed when the booking is cancelled. Written again at the end of a run when the later steps'
 * outcomes changed the progress it shows (see isStale), so the calendar ends showing how the run ended.
 *
 * Safe to repeat because the entry is written with a PUT by the booking's id and removed with a DELETE by
 * it (404: already gone): there is no create that could run twice.
 *
 * A crew answer is no new revision: when who has declined changes (a decline, or a change of mind), the entry
 * is written again at the same revision, so its crew list is who is on board (declinedCrew, as the guest page).
 *
 * Built from guestView: the calendar never carries prices, costs, rates, notes or contact details.
 */

import { type CalendarEntryInput, DASHBOARD_SERVICE, type DashboardClient } from '../../clients';
import { type Booking, declinedCrew, guestView } from '../../domain';
import type { GuestPageUrl } from '../../guest';
import type { DynamoBookingStore } from '../../store';
import type { StepName, StepRecord } from '../step-records';
import type { PipelineStep } from './step';

export interface CalendarEntryResult {
  entryId?: string;
  removed?: boolean;
  /** The progress the entry shows: when the steps after this one move on, the entry is written again. */
  progress?: Record<string, string>;
  /** Crew left off the entry because their latest answer is a decline (sorted ids). */
  declined?: string[];
  [key: string]: unknown;
}

export function calendarEntryStep(deps: {
  dashboard: DashboardClient;
  guestPageUrl: GuestPageUrl;
  /** Crew answers; without it every assigned person is listed. */
  answers?: Pick<DynamoBookingStore, 'listConfirmations'>;
}): PipelineStep {
  /** Crew on the booking whose latest answer is a decline. */
  const declinedOf = async (booking: Booking): Promise<string[]> =>
    deps.answers ? declinedCrew(booking.crew, await deps.answers.listConfirmations(booking.id)) : [];
  return {
    name: 'calendar-entry',
    service: DASHBOARD_SERVICE,
    dependsOn: [],
    async isStale(booking, record, records) {
      if (booking.status === 'cancelled') return false;
      const result = record.result as CalendarEntryResult;
      const shown = result.progress ?? {};
      const now = progressOf(booking.revision, records);
      if (Object.keys(now).some((name) => shown[name] !== now[name])) return true;
      // Progress first: it needs no read. Then the crew answers, which a decline changes without a revision.
      if (!deps.answers) return false;
      return (await declinedOf(booking)).join(',') !== (result.declined ?? []).join(',');
    },
    async run({ booking, records, previous }) {
      const prior = (previous?.result ?? {}) as CalendarEntryResult;
      if (booking.status === 'cancelled') {
        await deps.dashboard.deleteEntry(prior.entryId ?? booking.id);
        return { ...prior, removed: true } satisfies CalendarEntryResult;
      }
      const declined = await declinedOf(booking);
      const view = guestView(booking, { declined });
      const entry: CalendarEntryInput = {
        bookingId: view.bookingId,
        revision: view.revision,
        title: view.title,
        status: view.status,
        date: view.date,
        startTime: view.startTime,
        endTime: view.endTime,
        timeZone: view.timeZone,
        startsAt: view.startsAt,
        endsAt: view.endsAt,
        boatName: view.boatName,
        meetingPoint: view.meetingPoint,
        domain: view.domain,
        slug: view.slug,
        guestPageUrl: deps.guestPageUrl(view),
        partySize: view.partySize,
        crew: view.crew.map((c) => ({ firstName: c.firstName, role: c.role })),
        progress: progressOf(booking.revision, records),
      };
      const { entryId } = await deps.dashboard.putEntry(entry);
      return { entryId, removed: false, progress: entry.progress, declined } satisfies CalendarEntryResult;
    },
  };
}

function progressOf(revision: number, records: ReadonlyMap<StepName, StepRecord>): Record<string, string> {
  const progress: Record<string, string> = {};
  for (const name of ['scc-event', 'calendar-entry', 'guest-page', 'invalidation', 'slack-thread'] as const) {
    const record = records.get(name);
    progress[name] =
      name === 'calendar-entry' ? 'succeeded' : record?.revision === revision ? record.status : 'pending';
  }
  return progress;
}
