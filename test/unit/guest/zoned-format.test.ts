import { describe, expect, it } from 'vitest';
import { formatLocalDate } from '../../../src/domain';
import { createZonedFormats } from '../../../src/guest/zoned-format';

const formats = createZonedFormats();

describe('createZonedFormats', () => {
  it.each(['America/Los_Angeles', 'America/New_York', 'Europe/London', 'Pacific/Auckland', 'UTC'])(
    'writes the long date exactly as the domain does in %s',
    (zone) => {
      for (const instant of ['2026-12-06T07:30:00Z', '2026-03-08T09:59:00Z', '2026-06-30T23:00:00Z']) {
        expect(formats.longDate(new Date(instant), zone)).toBe(formatLocalDate(new Date(instant), zone));
      }
    },
  );

  it('shows a charter that crosses midnight UTC on its local day', () => {
    const start = new Date('2026-12-06T00:00:00Z');
    expect(formats.longDate(start, 'America/Los_Angeles')).toBe('Saturday, December 5, 2026');
    expect(formats.shortDate(start, 'America/Los_Angeles')).toBe('Sat, Dec 5');
    expect(formats.timeRange(start, new Date('2026-12-06T03:00:00Z'), 'America/Los_Angeles')).toMatch(
      /^4:00\s*–\s*7:00\sPM\sPST$/,
    );
  });

  it('keeps an emoji or an accented letter whole as an initial', () => {
    expect(formats.firstGrapheme('👩🏽‍✈️ Ana')).toBe('👩🏽‍✈️');
    expect(formats.firstGrapheme('Émile')).toBe('É');
    expect(formats.firstGrapheme('  ')).toBe('?');
  });
});
