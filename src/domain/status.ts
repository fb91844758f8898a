/**
 * The booking's life: pending → confirmed → completed, and cancelled from any state but completed.
 * One function decides; everything else asks it.
 */
import { ConflictError } from '../errors';
import type { BookingStatus } from './booking';

const ALLOWED: Readonly<Record<BookingStatus, readonly BookingStatus[]>> = {
  pending: ['confirmed', 'cancelled'],
  // back to pending when the captain withdraws or is replaced
  confirmed: ['pending', 'completed', 'cancelled'],
  completed: [],
  cancelled: [],
};

export function canTransition(from: BookingStatus, to: BookingStatus): boolean {
  return ALLOWED[from].includes(to);
}

export function transition(from: BookingStatus, to: BookingStatus): BookingStatus {
  if (from === to) return to;
  if (!canTransition(from, to)) {
    throw new ConflictError(`A ${from} charter cannot become ${to}.`);
  }
  return to;
}

export function isEditable(status: BookingStatus): boolean {
  return status === 'pending' || status === 'confirmed';
}
