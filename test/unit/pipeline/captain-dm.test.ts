/** Issue #13: the captain is asked in a direct message built from crewView, once per time they are asked. */
import { describe, expect, it } from 'vitest';
import type { HistoryEntry } from '../../../src/domain';
import { plannedCaptainMessages } from '../../../src/pipeline/steps/captain-dm';
import { ACTION } from '../../../src/slack/ids';
import { canaryBooking, expectNoCanary } from '../../helpers/canary';
import { aBooking, TEST_CREW } from '../../helpers/fixtures';

const roster = TEST_CREW;

describe('the captain’s direct message', () => {
  it('asks the captain (by the roster’s Slack id) with their own pay, the checklist and Confirm / Decline', () => {
    const [dm, ...more] = plannedCaptainMessages(canaryBooking(), [], roster, new Set());

    expect(more).toEqual([]);
    expect(dm?.userId).toBe('UCAPTAIN1');
    expect(dm?.key).toBe('dm:ana-ruiz:1');
    const shown = JSON.stringify(dm?.message);
    // Her own pay is the charter's captain fee, not $88.11 × 3 hours = $264.33 (issue #18 item 6).
    expect(shown).toContain('$7,771.23 (captain fee)');
    expect(shown).not.toContain('$264.33');
    expect(shown).toContain('Review the float plan');
    expect(shown).toContain(ACTION.captainConfirm);
    expect(shown).toContain(ACTION.captainDecline);
    expectNoCanary(shown, 'crew', 'ana-ruiz');
    expect(dm?.message.blocks.length).toBeLessThanOrEqual(50);
  });

  it('is sent once per ask: not again for the same revision, again after a change of time', () => {
    const booking = aBooking({ revision: 3 });
    expect(plannedCaptainMessages(booking, [], roster, new Set(['dm:ana-ruiz:1']))).toEqual([]);
    const moved: HistoryEntry = {
      bookingId: booking.id,
      revision: 3,
      at: '2026-11-25T10:00:00.000Z',
      actor: 'U0OPS',
      kind: 'updated',
      changes: [{ field: 'time', from: '16:00–19:00', to: '17:00–20:00' }],
    };
    const [again] = plannedCaptainMessages(booking, [moved], roster, new Set(['dm:ana-ruiz:1']));
    expect(again?.key).toBe('dm:ana-ruiz:3');
    expect(again?.message.text).toMatch(/^Your answer, please/);
    expect(JSON.stringify(again?.message)).toContain('changed. Can you still captain it?');
  });

  it('goes to the Slack account recorded on the booking, not one the roster was rebound to since', () => {
    const booking = aBooking();
    const recorded = {
      ...booking,
      crew: booking.crew.map((a) => (a.role === 'captain' ? { ...a, slackUserId: 'U0ANAREAL' } : a)),
    };
    const rebound = roster.map((m) => (m.id === 'ana-ruiz' ? { ...m, slackUserId: 'U0SOMEONE' } : m));
    expect(plannedCaptainMessages(recorded, [], rebound, new Set())[0]?.userId).toBe('U0ANAREAL');
  });

  it('is not sent for a cancelled charter, nor to a captain without a Slack account', () => {
    expect(plannedCaptainMessages(aBooking({ status: 'cancelled' }), [], roster, new Set())).toEqual([]);
    const noSlack = roster.map((m) => ({ ...m, slackUserId: undefined }));
    expect(plannedCaptainMessages(aBooking(), [], noSlack, new Set())).toEqual([]);
  });
});
