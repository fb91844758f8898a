import { describe, expect, it } from 'vitest';
import { type MailTrouble, unreachableCrew, unreachableEver } from '../../../src/domain';

const crew = [{ crewId: 'ana' }, { crewId: 'ben' }];
const asked = new Map([
  ['ana', { at: '2026-11-24T17:00:00.000Z' }],
  ['ben', { at: '2026-11-24T17:00:00.000Z' }],
]);
const bounce = (crewId: string, at: string, kind: MailTrouble['kind'] = 'bounced'): MailTrouble => ({
  crewId,
  kind,
  at,
  problem: 'mailbox does not exist',
});

describe('unreachableCrew', () => {
  it('counts someone whose invitation bounced after they were asked, and who has not answered', () => {
    const trouble = [bounce('ben', '2026-11-24T17:05:00.000Z')];
    const found = unreachableCrew({ crew, asked, answered: new Set(), trouble });
    expect([...found.keys()]).toEqual(['ben']);
    expect(found.get('ben')?.problem).toBe('mailbox does not exist');
  });

  it('counts a complaint like a bounce', () => {
    const trouble = [bounce('ana', '2026-11-24T18:00:00.000Z', 'complained')];
    expect([...unreachableCrew({ crew, asked, answered: new Set(), trouble }).keys()]).toEqual(['ana']);
  });

  it('does not count someone who answered: the mail reached them', () => {
    const trouble = [bounce('ben', '2026-11-24T17:05:00.000Z')];
    expect(unreachableCrew({ crew, asked, answered: new Set(['ben']), trouble }).size).toBe(0);
  });

  it('does not count a bounce of an earlier email, before they were asked again', () => {
    const trouble = [bounce('ben', '2026-11-24T16:59:59.000Z')];
    expect(unreachableCrew({ crew, asked, answered: new Set(), trouble }).size).toBe(0);
  });

  it('does not count people no longer on the charter', () => {
    const trouble = [bounce('cleo', '2026-11-24T17:05:00.000Z')];
    expect(unreachableCrew({ crew, asked, answered: new Set(), trouble }).size).toBe(0);
  });

  it('goes by the latest report per person', () => {
    const trouble = [bounce('ben', '2026-11-24T17:05:00.000Z'), bounce('ben', '2026-11-24T16:00:00.000Z')];
    expect(unreachableCrew({ crew, asked, answered: new Set(), trouble }).get('ben')?.at).toBe(
      '2026-11-24T17:05:00.000Z',
    );
  });
});

describe('unreachableEver', () => {
  it('is everyone the charter could not reach, on it now or before', () => {
    expect(unreachableEver([bounce('ben', 'x'), bounce('cleo', 'y', 'complained')])).toEqual(
      new Set(['ben', 'cleo']),
    );
  });
});
