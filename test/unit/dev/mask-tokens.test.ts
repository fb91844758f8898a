import { describe, expect, it } from 'vitest';
import { maskTokens } from '../../../src/dev/gateway/local-gateway';
import { signCrewLink } from '../../../src/scc/magic-link';

describe('the dev request log', () => {
  it('never shows a crew link token', () => {
    const token = signCrewLink({ eventId: 'bk-1', crewId: 'ana', version: 1, expiresAt: 1 }, 'k'.repeat(32));
    expect(maskTokens(`/scc/crew/${token}`)).toBe('/scc/crew/…');
    expect(maskTokens(`/scc/crew/${token}/charter.ics`)).toBe('/scc/crew/…/charter.ics');
  });

  it('keeps ids and slugs readable', () => {
    expect(maskTokens('/sites/sailjada.com/g/sunset-sail-smith-2026-12-05')).toBe(
      '/sites/sailjada.com/g/sunset-sail-smith-2026-12-05',
    );
  });
});
