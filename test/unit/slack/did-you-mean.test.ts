import { describe, expect, it } from 'vitest';
import { closestWord, editDistance, slugsLike } from '../../../src/slack/did-you-mean';

const SUBCOMMANDS = ['new', 'edit', 'list', 'status', 'history', 'cancel', 'crew', 'help'];
const SLUGS = ['sunset-sail-smith-2026-12-05', 'harbor-cruise-lee-2026-12-06', 'sunset-sail-ng-2026-12-09'];

describe('did you mean (issue #18)', () => {
  it('counts a swapped pair of letters as one edit', () => {
    expect(editDistance('stauts', 'status')).toBe(1);
    expect(editDistance('status', 'status')).toBe(0);
  });

  it('suggests status for stauts and histroy for history, case-insensitively', () => {
    expect(closestWord('stauts', SUBCOMMANDS)).toBe('status');
    expect(closestWord('HISTROY', SUBCOMMANDS)).toBe('history');
    expect(closestWord('cancle', SUBCOMMANDS)).toBe('cancel');
  });

  it('suggests nothing for a word that is not close to any subcommand', () => {
    expect(closestWord('weather', SUBCOMMANDS)).toBeUndefined();
    expect(closestWord('xy', SUBCOMMANDS)).toBeUndefined();
    expect(closestWord('', SUBCOMMANDS)).toBeUndefined();
  });

  it('offers the slugs a partial slug is part of, and a slug with a typo', () => {
    expect(slugsLike('sunset-sail', SLUGS)).toEqual([
      'sunset-sail-smith-2026-12-05',
      'sunset-sail-ng-2026-12-09',
    ]);
    expect(slugsLike('harbor-cruise-lee-2026-12-60', SLUGS)).toEqual(['harbor-cruise-lee-2026-12-06']);
    expect(slugsLike('zz', SLUGS)).toEqual([]);
  });
});
