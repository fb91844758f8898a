import { describe, expect, it } from 'vitest';
import { describeChange, describeChanges, describeEntry } from '../../../src/domain/history-lines';

describe('history lines', () => {
  it('says a time moved and that the crew were re-notified', () => {
    expect(describeChanges([{ field: 'time', from: '14:00–17:00', to: '15:00–18:00' }])).toBe(
      'time moved 2:00 PM–5:00 PM → 3:00 PM–6:00 PM; crew re-notified',
    );
  });

  it('names who joined and who left the crew', () => {
    expect(
      describeChange({
        field: 'crew',
        from: 'Ana Ruiz (captain), Ben Okafor (crew)',
        to: 'Ana Ruiz (captain), Dana Lee (crew)',
      }),
    ).toBe('crew: Dana Lee (crew) joined, Ben Okafor (crew) left');
  });

  it('does not claim the crew were re-notified for a price change', () => {
    expect(describeChanges([{ field: 'price', from: '$1,800.00', to: '$2,000.00' }])).toBe(
      'price $1,800.00 → $2,000.00',
    );
  });

  it('describes entries without field changes', () => {
    expect(describeEntry({ kind: 'created', changes: [] })).toBe('created');
    expect(describeEntry({ kind: 'cancelled', changes: [] })).toBe('cancelled');
    expect(describeEntry({ kind: 'updated', changes: [] })).toBe('asked the pipeline to run again');
  });
});
