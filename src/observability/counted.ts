/**
 * Business events counted at the call that makes them happen, without touching the callers: the Lambda
 * entries wrap the booking store (a booking created, a crew answer recorded) and the mailer (an email SES
 * accepted) before handing them to the app. Every other method is the original's, unchanged.
 *
 * Counts only what really happened: an idempotent repeat of a booking write returns the earlier booking
 * (created before the call) and is not counted; an answer that changed nothing is not counted.
 */
import type { Booking } from '../domain';
import type { BusinessMetrics } from './business-metrics';
import { METRIC } from './metric-names';

interface CountableStore {
  createBooking?(...args: never[]): Promise<Booking>;
  recordConfirmation?(...args: never[]): Promise<{ changed: boolean }>;
}

/** The store with createBooking and recordConfirmation counted (those it has). */
export function countedStore<S extends object>(
  store: S,
  metrics: BusinessMetrics,
  now = () => Date.now(),
): S {
  const original = store as S & CountableStore;
  const counted = Object.create(store) as S & CountableStore;
  if (typeof original.createBooking === 'function') {
    const create = original.createBooking.bind(store);
    counted.createBooking = async (...args: never[]) => {
      const startedAt = now();
      const booking = await create(...args);
      if (Date.parse(booking.createdAt) >= startedAt - 1) metrics.record(METRIC.bookingsCreated);
      return booking;
    };
  }
  if (typeof original.recordConfirmation === 'function') {
    const record = original.recordConfirmation.bind(store);
    counted.recordConfirmation = async (...args: never[]) => {
      const result = await record(...args);
      if (result.changed) metrics.record(METRIC.crewAnswers);
      return result;
    };
  }
  return counted;
}

/** The mailer with every accepted email counted. */
export function countedMailer<M extends { send(...args: never[]): Promise<unknown> }>(
  mailer: M,
  metrics: BusinessMetrics,
): M {
  const send = mailer.send.bind(mailer);
  const counted = Object.create(mailer) as M;
  counted.send = (async (...args: never[]) => {
    const result = await send(...args);
    metrics.record(METRIC.emailsSent);
    return result;
  }) as M['send'];
  return counted;
}
