import { describe, expect, it } from 'vitest';
import type { CrewListed } from '../../../src/domain';
import {
  describeChange,
  describeChangeForChannel,
  describeChanges,
  describeEntry,
} from '../../../src/domain/history-lines';

const ana: CrewListed = { crewId: 'ana-ruiz', name: 'Ana Ruiz', role: 'captain' };
const ben: CrewListed = { crewId: 'ben-okafor', name: 'Ben Okafor', role: 'crew' };
const dana: CrewListed = { crewId: 'dana-lee', name: 'Dana Lee', role: 'crew' };

describe('history lines', () => {
  it('says a time moved and that the crew were re-notified', () => {
    expect(describeChanges([{ field: 'time', from: '14:00–17:00', to: '15:00–18:00' }])).toBe(
      'time moved 2:00 PM–5:00 PM → 3:00 PM–6:00 PM; crew re-notified',
    );
  });

  it('says a date moved as people read days, not as ISO dates (#18)', () => {
    expect(describeChange({ field: 'date', from: '2026-12-05', to: '2026-12-06' })).toBe(
      'date moved Sat, Dec 5 → Sun, Dec 6',
    );
  });

  it('names the years when a date moves into another year', () => {
    expect(describeChange({ field: 'date', from: '2026-12-31', to: '2027-01-01' })).toBe(
      'date moved Thu, Dec 31, 2026 → Fri, Jan 1, 2027',
    );
  });

  it('names who joined and who left the crew', () => {
    expect(describeChange({ field: 'crew', before: [ana, ben], after: [ana, dana] })).toBe(
      'crew: Dana Lee (crew) joined, Ben Okafor (crew) left',
    );
  });

  it('says whose role changed instead of a join and a leave', () => {
    expect(
      describeChange({ field: 'crew', before: [ana, ben], after: [ana, { ...ben, role: 'hostess' }] }),
    ).toBe('crew: Ben Okafor now hostess (was crew)');
  });

  it('keeps a name holding ", " whole', () => {
    const ruiz: CrewListed = { crewId: 'ruiz-ana', name: 'Ruiz, Ana', role: 'crew' };
    expect(describeChange({ field: 'crew', before: [ana], after: [ana, ruiz] })).toBe(
      'crew: Ruiz, Ana (crew) joined',
    );
  });

  it('tells a renamed person from someone new by their crew id', () => {
    expect(
      describeChange({
        field: 'crew',
        before: [ana, ben],
        after: [ana, { ...ben, name: 'Benjamin Okafor' }],
      }),
    ).toBe('crew: Ben Okafor now listed as Benjamin Okafor');
  });

  it('says who joined and left on a change read from history written before crew ids (no ids)', () => {
    const byName = (m: CrewListed): CrewListed => ({ name: m.name, role: m.role });
    expect(
      describeChange({
        field: 'crew',
        before: [byName(ana), byName(ben)],
        after: [byName(ana), { name: 'Ben Okafor', role: 'hostess' }, byName(dana)],
      }),
    ).toBe('crew: Dana Lee (crew) joined, Ben Okafor now hostess (was crew)');
  });

  it('does not claim the crew were re-notified for a price change', () => {
    expect(describeChanges([{ field: 'price', from: '$1,800.00', to: '$2,000.00' }])).toBe(
      'price $1,800.00 → $2,000.00',
    );
  });

  it('names money in a channel without its values', () => {
    expect(describeChangeForChannel({ field: 'price', from: '$1,800.00', to: '$2,000.00' })).toBe(
      'price changed',
    );
    expect(describeChangeForChannel({ field: 'crew', before: [ana], after: [ana, ben] })).toBe(
      'crew: Ben Okafor (crew) joined',
    );
  });

  it('describes entries without field changes', () => {
    expect(describeEntry({ kind: 'created', changes: [] })).toBe('created');
    expect(describeEntry({ kind: 'cancelled', changes: [] })).toBe('cancelled');
    expect(describeEntry({ kind: 'updated', changes: [] })).toBe('asked the pipeline to run again');
  });
});
