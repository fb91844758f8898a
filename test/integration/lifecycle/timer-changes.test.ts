/**
 * Timers follow the charter: a rescheduled charter moves every timer (and asks the crew again), a cancelled
 * one removes them, and a timer that fires twice, or after things changed, does nothing wrong.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scheduleInstants } from '../../../src/domain';
import { timerName } from '../../../src/scheduler';
import { aBookingInput } from '../../helpers/fixtures';
import { type LifecycleStack, recipient, startLifecycleStack } from './helpers/lifecycle-stack';

describe('timers follow the charter', () => {
  let stack: LifecycleStack;

  beforeAll(async () => {
    stack = await startLifecycleStack();
  });
  afterAll(() => stack?.stop());

  async function timesOf(bookingId: string): Promise<Record<string, string>> {
    const timers = await stack.pendingTimers(bookingId);
    return Object.fromEntries(timers.map((t) => [t.name.replace(`.${bookingId}`, ''), t.at.toISOString()]));
  }

  it('a rescheduled charter moves every timer, and asks the crew who had answered again', async () => {
    stack.clock.set(new Date('2026-11-24T17:00:00Z'));
    const booking = await stack.createBooking({}, 'bk-move-0001');
    await stack.reconcile(booking.id);
    await stack.answerFromEmail('ana@crew.test', 'confirmed');
    await stack.reconcile(booking.id);
    expect(await timesOf(booking.id)).toEqual({
      'reminder.ben-okafor': '2026-11-25T17:00:00.000Z',
      'deadline.ben-okafor': '2026-11-26T17:00:00.000Z',
      roster: '2026-12-04T17:00:00.000Z',
      'post-charter': '2026-12-06T03:00:00.000Z',
      // The guest's day-before email goes out with the roster.
      'guest-day-before': '2026-12-04T17:00:00.000Z',
    });

    // A day later, the charter moves to Sunday at 17:00.
    stack.clock.set(new Date('2026-11-25T12:00:00Z'));
    const input = aBookingInput({ schedule: { date: '2026-12-06', startTime: '17:00', endTime: '20:00' } });
    const instants = scheduleInstants(input.schedule);
    await stack.store.updateBooking(
      booking.id,
      (await stack.store.requireBooking(booking.id)).revision,
      { input, boat: booking.boat, startsAt: instants.startsAt, endsAt: instants.endsAt },
      'U0OPS',
    );
    await stack.reconcile(booking.id);

    // Same names, new times: everyone (Ana too) is asked again from the change, 48 hours to answer.
    expect(await timesOf(booking.id)).toEqual({
      'reminder.ana-ruiz': '2026-11-26T12:00:00.000Z',
      'deadline.ana-ruiz': '2026-11-27T12:00:00.000Z',
      'reminder.ben-okafor': '2026-11-26T12:00:00.000Z',
      'deadline.ben-okafor': '2026-11-27T12:00:00.000Z',
      roster: '2026-12-05T17:00:00.000Z',
      'post-charter': '2026-12-07T04:00:00.000Z',
      'guest-day-before': '2026-12-05T17:00:00.000Z',
    });
    // Ana had confirmed: the crew board shows her waiting again.
    expect(JSON.stringify(stack.root(booking.id)?.blocks)).toContain(
      'Captain Ana Ruiz (<@UCAPTAIN1>): waiting — asked again after a change (had confirmed)',
    );
    const thread = stack.replies(booking.id).map((r) => r.text ?? '');
    expect(thread.join('\n')).toMatch(
      /date moved Sat, Dec 5 → Sun, Dec 6; time moved 4:00 PM–7:00 PM → 5:00 PM–8:00 PM by <@U0OPS>; crew re-notified/,
    );
  });

  it('a cancelled charter removes its timers, and a late firing sends nothing', async () => {
    stack.clock.set(new Date('2026-11-24T17:00:00Z'));
    const booking = await stack.createBooking({ title: 'Cancelled Sail' }, 'bk-cancel-0001');
    await stack.reconcile(booking.id);
    expect(await stack.pendingTimers(booking.id)).toHaveLength(7); // with the guest's day-before timer

    await stack.store.cancelBooking(booking.id, booking.revision, 'Weather', 'U0OPS');
    await stack.reconcile(booking.id);
    expect(await stack.pendingTimers(booking.id)).toEqual([]);

    // EventBridge may still deliver a timer it had already started firing.
    await stack.clearMail();
    const outcome = await stack.lifecycle.handleTimer({
      name: timerName({ kind: 'reminder', bookingId: booking.id, crewId: 'ben-okafor' }),
      payload: { kind: 'reminder', bookingId: booking.id, revision: 1, crewId: 'ben-okafor' },
    });
    expect(outcome).toBe('stale');
    expect(await stack.mail()).toEqual([]);
  });

  it('no reminder is sent twice, even when the scheduler fires twice (one after the other, or at once)', async () => {
    stack.clock.set(new Date('2026-11-24T17:00:00Z'));
    const booking = await stack.createBooking({ title: 'Twice Sail' }, 'bk-twice-0001');
    await stack.reconcile(booking.id);
    await stack.clearMail();
    stack.clock.set(new Date('2026-11-25T17:00:00Z'));
    const fire = (crewId: string) =>
      stack.lifecycle.handleTimer({
        name: timerName({ kind: 'reminder', bookingId: booking.id, crewId }),
        payload: { kind: 'reminder', bookingId: booking.id, revision: 1, crewId },
      });

    expect(await fire('ana-ruiz')).toBe('done');
    expect(await fire('ana-ruiz')).toBe('done');
    const both = await Promise.allSettled([fire('ben-okafor'), fire('ben-okafor')]);
    // One of two simultaneous firings may be told to come back later; neither sends a second email.
    expect(both.some((r) => r.status === 'fulfilled')).toBe(true);
    await fire('ben-okafor');

    const mail = await stack.mail();
    expect(mail.map(recipient).sort()).toEqual(['ana@crew.test', 'ben@crew.test']);
    const notes = stack.replies(booking.id).filter((r) => r.text?.includes('emailed them a reminder'));
    expect(notes).toHaveLength(2);
  });

  it('a timer that fires before its (moved) time does nothing', async () => {
    stack.clock.set(new Date('2026-11-24T17:00:00Z'));
    const booking = await stack.createBooking({ title: 'Early Sail' }, 'bk-early-0001');
    await stack.reconcile(booking.id);
    await stack.clearMail();
    const outcome = await stack.lifecycle.handleTimer({
      name: timerName({ kind: 'roster', bookingId: booking.id }),
      payload: { kind: 'roster', bookingId: booking.id, revision: 1 },
    });
    expect(outcome).toBe('early');
    expect(await stack.mail()).toEqual([]);
  });
});
