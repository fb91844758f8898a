/**
 * Issue #19 item 3, the last piece: someone booked while away is said in the booking's ops thread, once —
 * when the charter is created with them, when an edit adds them or moves the charter into their time off —
 * through the real reconciler and crew lifecycle step. Never the note: only its person and operators see it,
 * and crew can be members of the ops channel.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Booking, scheduleInstants } from '../../../src/domain';
import { aBookingInput } from '../../helpers/fixtures';
import { type LifecycleStack, replyText, startLifecycleStack } from './helpers/lifecycle-stack';

const NOTE = 'CANARY-AWAY-NOTE sister’s wedding';
const BEN_LINE = 'Crew Ben Okafor is booked while away (Dec 4–6).';

describe('the thread says who is booked while away', () => {
  let stack: LifecycleStack;

  beforeAll(async () => {
    stack = await startLifecycleStack();
    stack.clock.set(new Date('2026-11-24T17:00:00Z'));
    const entry = { note: NOTE, by: 'crew-page:x', at: '2026-11-24T16:00:00.000Z' };
    await stack.timeOff.addTimeOff({ ...entry, crewId: 'ben-okafor', from: '2026-12-04', to: '2026-12-06' });
    await stack.timeOff.addTimeOff({ ...entry, crewId: 'cleo-marsh', from: '2026-12-12', to: '2026-12-13' });
  });
  afterAll(() => stack?.stop());

  const all = (id: string) => [stack.root(id), ...stack.replies(id)].map((m) => (m ? replyText(m) : ''));
  const awayLines = (id: string) =>
    stack
      .replies(id)
      .map((r) => r.text ?? '')
      .filter((t) => t.includes('booked while away'));

  async function edit(booking: Booking, overrides: Parameters<typeof aBookingInput>[0]): Promise<void> {
    const input = aBookingInput(overrides);
    const { startsAt, endsAt } = scheduleInstants(input.schedule);
    const current = await stack.store.requireBooking(booking.id);
    await stack.store.updateBooking(
      booking.id,
      current.revision,
      { input, boat: booking.boat, startsAt, endsAt },
      'U0OPS',
    );
    await stack.reconcile(booking.id);
  }

  it('books Ben on Dec 5 while he is away Dec 4–6: one line, with the days and never the note', async () => {
    const booking = await stack.createBooking({ title: 'Away Sail' }, 'bk-away-0001');
    await stack.reconcile(booking.id);
    expect(awayLines(booking.id)).toEqual([`:warning: ${BEN_LINE}`]);
    expect(all(booking.id).join('\n')).not.toContain('CANARY-AWAY-NOTE');
    expect(all(booking.id).join('\n')).not.toContain('wedding');
  });

  it('another reconcile and an edit that keeps him away add nothing', async () => {
    const booking = await stack.store.requireBooking('bk-away-0001');
    await stack.reconcile(booking.id);
    await edit(booking, { title: 'Away Sail, renamed' });
    await stack.reconcile(booking.id);
    expect(awayLines(booking.id)).toHaveLength(1);
  });

  it('taken off the charter and put back on: said again, once', async () => {
    const booking = await stack.store.requireBooking('bk-away-0001');
    const anaOnly = [
      { crewId: 'ana-ruiz', name: 'Ana Ruiz', role: 'captain' as const, hourlyRateCents: 6500 },
    ];
    await edit(booking, { title: 'Away Sail, renamed', crew: anaOnly });
    expect(awayLines(booking.id)).toHaveLength(1);
    await edit(booking, { title: 'Away Sail, renamed' });
    await stack.reconcile(booking.id);
    expect(awayLines(booking.id)).toEqual([`:warning: ${BEN_LINE}`, `:warning: ${BEN_LINE}`]);
  });

  it('a charter with nobody away says nothing of the kind', async () => {
    const booking = await stack.createBooking(
      { title: 'Clear Sail', schedule: { date: '2026-12-10' } },
      'bk-away-0002',
    );
    await stack.reconcile(booking.id);
    await stack.reconcile(booking.id);
    expect(stack.replies(booking.id).length + (stack.root(booking.id) ? 1 : 0)).toBeGreaterThan(0);
    expect(awayLines(booking.id)).toEqual([]);
  });

  it('an edit that adds someone away says it, once', async () => {
    const booking = await stack.store.requireBooking('bk-away-0002');
    await edit(booking, {
      title: 'Clear Sail',
      schedule: { date: '2026-12-12' },
      crew: [
        { crewId: 'ana-ruiz', name: 'Ana Ruiz', role: 'captain', hourlyRateCents: 6500 },
        { crewId: 'cleo-marsh', name: 'Cleo Marsh', role: 'hostess', hourlyRateCents: 2800 },
      ],
    });
    await stack.reconcile(booking.id);
    expect(awayLines(booking.id)).toEqual([':warning: Hostess Cleo Marsh is booked while away (Dec 12–13).']);
    expect(all(booking.id).join('\n')).not.toContain('CANARY-AWAY-NOTE');
  });

  it('an edit that moves the charter into someone’s time off says it, once', async () => {
    const booking = await stack.createBooking(
      { title: 'Moved Sail', schedule: { date: '2026-12-09' } },
      'bk-away-0003',
    );
    await stack.reconcile(booking.id);
    expect(awayLines(booking.id)).toEqual([]);
    await edit(booking, { title: 'Moved Sail', schedule: { date: '2026-12-06' } });
    await edit(booking, { title: 'Moved Sail', schedule: { date: '2026-12-06', startTime: '15:00' } });
    expect(awayLines(booking.id)).toEqual([`:warning: Crew Ben Okafor is booked while away (Dec 4–6).`]);
  });
});
