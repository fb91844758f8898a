/**
 * The canary leak test where the crew lifecycle's words leave the system: every email the crew get through
 * a charter's whole conversation (invites, the reminder, the update after a change, the day-before roster)
 * carries no secret of the canary booking, while the change history, which does name the price, stays in
 * the ops thread. Ben is booked while away: the thread says so with the days, never his time-off note.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scheduleInstants } from '../../../src/domain';
import { CANARY, expectNoCanary } from '../../helpers/canary';
import { aBookingInput } from '../../helpers/fixtures';
import { type LifecycleStack, recipient, startLifecycleStack } from './helpers/lifecycle-stack';

const CREW_BY_EMAIL: Record<string, string> = {
  'ana@crew.test': 'ana-ruiz',
  'ben@crew.test': 'ben-okafor',
  'cleo@crew.test': 'cleo-marsh',
};

function canaryInput(overrides: Parameters<typeof aBookingInput>[0] = {}) {
  return aBookingInput({
    title: 'Canary Sail',
    guest: { name: 'Casey Canary', email: CANARY.guestEmail, phone: CANARY.guestPhone, partySize: 8 },
    internalNotes: CANARY.internalNotes,
    priceCents: CANARY.priceCents,
    depositCents: CANARY.depositCents,
    captainFeeCents: CANARY.captainFeeCents,
    portCostsCents: CANARY.portCostsCents,
    crew: [
      { crewId: 'ana-ruiz', name: 'Ana Ruiz', role: 'captain', hourlyRateCents: CANARY.ratesCents[0] },
      { crewId: 'ben-okafor', name: 'Ben Okafor', role: 'crew', hourlyRateCents: CANARY.ratesCents[1] },
      { crewId: 'cleo-marsh', name: 'Cleo Marsh', role: 'hostess', hourlyRateCents: CANARY.ratesCents[2] },
    ],
    ...overrides,
  });
}

const AWAY_NOTE = 'CANARY-AWAY-NOTE sister’s wedding';

describe('crew lifecycle canary', () => {
  let stack: LifecycleStack;
  const id = 'bk-canary-life';

  beforeAll(async () => {
    stack = await startLifecycleStack();
    await stack.timeOff.addTimeOff({
      crewId: 'ben-okafor',
      from: '2026-12-05',
      to: '2026-12-05',
      note: AWAY_NOTE,
      by: 'crew-page:ben-okafor',
      at: '2026-11-20T10:00:00.000Z',
    });
    const booking = await stack.createBooking(canaryInput(), id);
    await stack.reconcile(id);
    await stack.answerFromEmail('ana@crew.test', 'confirmed');
    await stack.answerFromEmail('cleo@crew.test', 'confirmed');
    await stack.reconcile(id);
    await stack.advanceTo('2026-11-25T17:00:00Z');

    // The office moves the charter an hour later and changes the price (from the canary amount).
    const moved = canaryInput({ schedule: { startTime: '17:00', endTime: '20:00' }, priceCents: 200_000 });
    const instants = scheduleInstants(moved.schedule);
    await stack.store.updateBooking(
      id,
      (await stack.store.requireBooking(id)).revision,
      { input: moved, boat: booking.boat, startsAt: instants.startsAt, endsAt: instants.endsAt },
      'U0OPS',
    );
    await stack.reconcile(id);
    await stack.answerFromEmail('ana@crew.test', 'confirmed');
    await stack.answerFromEmail('cleo@crew.test', 'confirmed');
    await stack.reconcile(id);
    await stack.advanceTo('2026-12-04T17:00:00Z');
  });
  afterAll(() => stack?.stop());

  it('sent every kind of crew email on the way', async () => {
    const subjects = (await stack.mail()).map((m) => m.subject);
    expect(subjects.some((s) => s.startsWith('Crew call: Canary Sail'))).toBe(true);
    expect(subjects.some((s) => s.startsWith('Reminder: please answer for Canary Sail'))).toBe(true);
    expect(subjects.some((s) => s.startsWith('Changed: Canary Sail'))).toBe(true);
    expect(subjects.filter((s) => s.startsWith('Tomorrow: Canary Sail'))).toHaveLength(2);
  });

  it('no crew email carries a secret (the roster not even the person’s own pay)', async () => {
    for (const mail of await stack.mail()) {
      const text = `${mail.subject}\n${mail.html}\n${mail.text}`;
      if (mail.subject.startsWith('Tomorrow:')) expectNoCanary(text, 'crew');
      else expectNoCanary(text, 'crew', CREW_BY_EMAIL[recipient(mail)]);
    }
  });

  it('issue #13: the ops channel (root and every reply) names a price change without any amount', () => {
    const thread = stack
      .replies(id)
      .map((r) => r.text ?? '')
      .join('\n');
    expect(thread).toContain('price changed');
    expect(thread).toMatch(/time moved 4:00 PM–7:00 PM → 5:00 PM–8:00 PM/);
    const channel = JSON.stringify([stack.root(id), ...stack.replies(id)]);
    expectNoCanary(channel, 'crew');
  });

  it('issue #19: the thread says Ben is booked while away, once, and never his time-off note', () => {
    const thread = stack.replies(id).map((r) => r.text ?? '');
    expect(thread.filter((t) => t.includes('booked while away'))).toEqual([
      ':warning: Crew Ben Okafor is booked while away (Dec 5).',
    ]);
    const channel = JSON.stringify([stack.root(id), ...stack.replies(id)]);
    expect(channel).not.toContain('CANARY-AWAY-NOTE');
    expect(JSON.stringify(stack.slack.messages('UCAPTAIN1'))).not.toContain('CANARY-AWAY-NOTE');
  });

  it('issue #13: the captain’s direct messages carry only their own pay', () => {
    const dms = stack.slack.messages('UCAPTAIN1');
    expect(dms.length).toBeGreaterThanOrEqual(2); // asked, then asked again after the move
    expectNoCanary(JSON.stringify(dms), 'crew', 'ana-ruiz');
    // Her own pay: the charter's captain fee, not $88.11 × 3 hours = $264.33 (issue #18 item 6).
    expect(JSON.stringify(dms)).toContain('$7,771.23 (captain fee)');
  });
});
