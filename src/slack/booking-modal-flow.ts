/**
 * The booking modal's round trips with Slack: open at once (trigger ids expire in 3 seconds, a cold start
 * included) and fill in the roster with views.update; redraw the margin and overlap context as the form
 * changes. Reads the store (roster, nearby charters); never writes.
 */
import type { WebClient } from '@slack/web-api';
import { addDays, type Booking, opsView, scheduleInstants } from '../domain';
import { buildBookingModal } from './blocks/booking-modal';
import {
  type BookingFormValues,
  type BookingModalMetadata,
  bookingInputFromForm,
  type Estimate,
  estimateBooking,
  formValuesFromBooking,
} from './booking-form';
import type { SlackDeps } from './deps';
import { slackApiErrorCode } from './errors';

const DAY_MS = 24 * 60 * 60 * 1000;

export function defaultTimeZone(deps: SlackDeps, domain: string | undefined): string {
  const brand = deps.brands.all.find((b) => b.domain === domain) ?? deps.brands.all[0];
  return brand?.timeZone ?? 'America/Los_Angeles';
}

/** Charters that could overlap the form's times (starting up to a day before it ends). */
async function nearbyCharters(
  deps: SlackDeps,
  values: BookingFormValues,
  timeZone: string,
): Promise<Booking[]> {
  if (!values.date || !values.startTime || !values.endTime) return [];
  let window: { startsAt: string; endsAt: string };
  try {
    window = scheduleInstants({
      date: values.date,
      startTime: values.startTime,
      endTime: values.endTime,
      timeZone,
    });
  } catch {
    return [];
  }
  return deps.store.listUpcoming({
    from: new Date(Date.parse(window.startsAt) - DAY_MS),
    to: new Date(window.endsAt),
    limit: 100,
  });
}

export async function estimateForm(
  deps: SlackDeps,
  values: BookingFormValues,
  roster: Parameters<typeof bookingInputFromForm>[1]['roster'],
  existing: Booking | undefined,
): Promise<Estimate> {
  const timeZone = existing?.schedule.timeZone ?? defaultTimeZone(deps, values.domain);
  const { input } = bookingInputFromForm(values, {
    roster,
    boats: deps.boats,
    timeZone,
    ...(existing ? { existing } : {}),
  });
  const [others, timeOff] = await Promise.all([
    nearbyCharters(deps, values, timeZone),
    timeOffAround(deps, values.date),
  ]);
  return estimateBooking(input, others, existing?.id, timeOff);
}

/**
 * Time off that could touch a charter on `date`: a day either side, since the charter's zone and the
 * business's may fall on different days; estimateBooking keeps only what overlaps the charter's hours.
 */
export async function timeOffAround(deps: Pick<SlackDeps, 'timeOff'>, date: string | undefined) {
  if (!date || !/^\d{4}-\d{2}-\d{2}$/.test(date)) return [];
  return deps.timeOff.listTimeOffBetween(addDays(date, -1), addDays(date, 1));
}

/**
 * Opens the booking modal (empty, or filled from `booking` to edit it) and then fills in the roster and the
 * estimate. Only views.open races the trigger's expiry; the reads run alongside it.
 */
export async function openBookingModal(options: {
  client: WebClient;
  triggerId: string;
  deps: SlackDeps;
  booking?: Booking;
  channelId?: string;
}): Promise<void> {
  const { client, deps, booking } = options;
  const metadata: BookingModalMetadata = booking
    ? {
        mode: 'edit',
        bookingId: booking.id,
        revision: booking.revision,
        ...(options.channelId ? { channelId: options.channelId } : {}),
      }
    : { mode: 'create', ...(options.channelId ? { channelId: options.channelId } : {}) };
  const values = booking ? formValuesFromBooking(booking) : undefined;
  const shape = { metadata, boats: deps.boats, brands: deps.brands.all, ...(values ? { values } : {}) };

  const opening = client.views.open({
    trigger_id: options.triggerId,
    view: buildBookingModal({
      ...shape,
      roster: 'loading',
      ...(booking
        ? {
            estimate: {
              marginCents: opsView(booking).marginCents,
              crewPayCents: opsView(booking).crewPayCents,
              overlapping: [],
            },
          }
        : {}),
    }),
  });
  const reading = Promise.all([
    deps.store.listCrew(),
    booking
      ? deps.store.listUpcoming({
          from: new Date(Date.parse(booking.startsAt) - DAY_MS),
          to: new Date(booking.endsAt),
          limit: 100,
        })
      : Promise.resolve([]),
    booking ? timeOffAround(deps, booking.schedule.date) : Promise.resolve([]),
  ]);
  // Both settle before either result is used, so a failed read never leaves a rejected promise behind.
  const [opened, read] = await Promise.allSettled([opening, reading]);
  if (opened.status === 'rejected') throw opened.reason;
  if (read.status === 'rejected') throw read.reason;
  const [roster, nearby, timeOff] = read.value;
  const view = opened.value.view;
  if (!view?.id) return;
  const fromBooking = booking
    ? estimateBooking(
        { ...booking, boatId: booking.boat.id, slug: booking.slug },
        nearby,
        booking.id,
        timeOff,
      )
    : undefined;
  const estimate: Estimate | undefined =
    booking && fromBooking
      ? {
          marginCents: opsView(booking).marginCents,
          crewPayCents: opsView(booking).crewPayCents,
          overlapping: fromBooking.overlapping,
          away: fromBooking.away ?? [],
        }
      : undefined;
  await updateViewQuietly(
    deps,
    client,
    view.id,
    view.hash,
    buildBookingModal({ ...shape, roster, ...(estimate ? { estimate } : {}) }),
  );
}

/** views.update that gives way when the person already changed the view (hash_conflict): theirs wins. */
export async function updateViewQuietly(
  deps: SlackDeps,
  client: WebClient,
  viewId: string,
  hash: string | undefined,
  view: Parameters<WebClient['views']['update']>[0]['view'],
): Promise<void> {
  try {
    await client.views.update({ view_id: viewId, ...(hash ? { hash } : {}), view });
  } catch (error) {
    if (slackApiErrorCode(error) === 'hash_conflict') {
      deps.logger.debug('view changed meanwhile; update skipped', { viewId });
      return;
    }
    throw error;
  }
}
