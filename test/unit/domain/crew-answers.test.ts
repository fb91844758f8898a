import { describe, expect, it } from 'vitest';
import type { Confirmation, CrewListed, HistoryEntry } from '../../../src/domain';
import {
  countingAnswers,
  declinedCrew,
  declinedOnBooking,
  lastAsked,
} from '../../../src/domain/crew-answers';
import { aBooking } from '../../helpers/fixtures';

const booking = aBooking({ revision: 4 });
const [captain, deck] = booking.crew as [(typeof booking.crew)[0], (typeof booking.crew)[0]];

function entry(revision: number, changes: HistoryEntry['changes'] = []): HistoryEntry {
  return {
    bookingId: booking.id,
    revision,
    at: `2026-11-2${revision}T10:00:00.000Z`,
    actor: 'UOPS',
    kind: revision === 1 ? 'created' : 'updated',
    changes,
  };
}

/** How a history crew change lists an assignment. */
function listed(assignment: (typeof booking.crew)[0]): CrewListed {
  return { crewId: assignment.crewId, name: assignment.name, role: assignment.role };
}

function answer(crewId: string, revision: number, value: Confirmation['answer'] = 'confirmed'): Confirmation {
  return {
    bookingId: booking.id,
    crewId,
    answer: value,
    at: `2026-11-2${revision}T12:00:00.000Z`,
    via: 'crew-page',
    revision,
  };
}

describe('who must answer again', () => {
  it('asks everyone at creation', () => {
    expect(lastAsked(booking, deck, [entry(1)])).toEqual({ revision: 1, at: entry(1).at });
  });

  it('asks everyone again when the time, date, zone or boat changes', () => {
    for (const field of ['time', 'date', 'time zone', 'boat']) {
      const history = [entry(1), entry(2, [{ field, from: 'a', to: 'b' }])];
      expect(lastAsked(booking, deck, history).revision).toBe(2);
    }
  });

  it('does not ask again for a price or a note', () => {
    const history = [entry(1), entry(2, [{ field: 'price', from: '$1', to: '$2' }])];
    expect(lastAsked(booking, deck, history).revision).toBe(1);
  });

  it('asks only the person who joined, not the others', () => {
    const history = [
      entry(1),
      entry(3, [{ field: 'crew', before: [listed(captain)], after: [listed(captain), listed(deck)] }]),
    ];
    expect(lastAsked(booking, deck, history).revision).toBe(3);
    expect(lastAsked(booking, captain, history).revision).toBe(1);
  });

  it('asks a person again when their role changes', () => {
    const before = [listed(captain), { ...listed(deck), role: 'hostess' as const }];
    const history = [entry(1), entry(3, [{ field: 'crew', before, after: [listed(captain), listed(deck)] }])];
    expect(lastAsked(booking, deck, history).revision).toBe(3);
    expect(lastAsked(booking, captain, history).revision).toBe(1);
  });

  it('does not ask a person again when only their name changed', () => {
    const before = [listed(captain), { ...listed(deck), name: 'Benjamin Okafor' }];
    const history = [entry(1), entry(3, [{ field: 'crew', before, after: [listed(captain), listed(deck)] }])];
    expect(lastAsked(booking, deck, history).revision).toBe(1);
  });

  it('knows a person by crew id, whatever their name holds (", " included)', () => {
    const comma = aBooking({
      revision: 4,
      crew: [{ crewId: 'ruiz-ana', name: 'Ruiz, Ana', role: 'captain', hourlyRateCents: 6500 }],
    });
    const [ruiz] = comma.crew as [(typeof comma.crew)[0]];
    const history = [entry(1), entry(2, [{ field: 'crew', before: [], after: [listed(ruiz)] }])];
    expect(lastAsked(comma, ruiz, history).revision).toBe(2);
  });

  it('knows people by name and role on changes written before history recorded crew ids', () => {
    const byName = (a: typeof deck) => ({ name: a.name, role: a.role });
    const history = [
      entry(1),
      entry(3, [{ field: 'crew', before: [byName(captain)], after: [byName(captain), byName(deck)] }]),
    ];
    expect(lastAsked(booking, deck, history).revision).toBe(3);
    expect(lastAsked(booking, captain, history).revision).toBe(1);
  });

  it('an answer about an earlier revision than the last ask no longer counts', () => {
    const history = [entry(1), entry(2, [{ field: 'time', from: '16:00–19:00', to: '17:00–20:00' }])];
    const counting = countingAnswers(booking, [answer('ana-ruiz', 1), answer('ben-okafor', 2)], history);
    expect([...counting.keys()]).toEqual(['ben-okafor']);
  });

  it('the latest answer per person wins', () => {
    const counting = countingAnswers(
      booking,
      [answer('ben-okafor', 1, 'declined'), answer('ben-okafor', 2, 'confirmed')],
      [entry(1)],
    );
    expect(counting.get('ben-okafor')?.answer).toBe('confirmed');
  });

  it('remembers who declined, even once they are off the charter', () => {
    expect(declinedOnBooking([answer('gone-person', 1, 'declined'), answer('ana-ruiz', 1)])).toEqual(
      new Set(['gone-person']),
    );
  });
});

describe('declinedCrew: who is not on board', () => {
  const at = (a: Confirmation, when: string): Confirmation => ({ ...a, at: when });

  it('lists the assigned people whose latest answer is a decline, and only them', () => {
    const answers = [
      at(answer(deck.crewId, 4, 'declined'), '2026-11-24T19:00:00.000Z'),
      at(answer(captain.crewId, 4, 'confirmed'), '2026-11-24T18:00:00.000Z'),
      // Declined once and was taken off the charter: not on this list, which is about the assigned.
      at(answer('someone-removed', 2, 'declined'), '2026-11-20T18:00:00.000Z'),
    ];
    expect(declinedCrew(booking.crew, answers)).toEqual([deck.crewId]);
  });

  it('puts back someone who changed their mind, and counts a replacement with no answer yet as on board', () => {
    const answers = [
      at(answer(deck.crewId, 4, 'declined'), '2026-11-24T19:00:00.000Z'),
      at(answer(deck.crewId, 4, 'confirmed'), '2026-11-24T19:30:00.000Z'),
    ];
    expect(declinedCrew(booking.crew, answers)).toEqual([]);
    expect(declinedCrew([...booking.crew, { crewId: 'dana-lee' }], [])).toEqual([]);
  });
});
