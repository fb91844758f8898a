import { describe, expect, it } from 'vitest';
import { tokensMatch } from '../../../src/dashboard';

describe('tokensMatch', () => {
  it('accepts the exact token only', () => {
    expect(tokensMatch('s3cret-token', 's3cret-token')).toBe(true);
    expect(tokensMatch('s3cret-tokeN', 's3cret-token')).toBe(false);
    expect(tokensMatch('s3cret', 's3cret-token')).toBe(false);
  });

  it('never matches a missing or empty token, even against an empty secret', () => {
    expect(tokensMatch(undefined, 'x')).toBe(false);
    expect(tokensMatch('', '')).toBe(false);
  });
});
