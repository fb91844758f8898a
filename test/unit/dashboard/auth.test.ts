import { describe, expect, it } from 'vitest';
import { feedToken, tokensMatch } from '../../../src/dashboard';

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

describe('feedToken', () => {
  it('is stable per dashboard token, differs from it and between tokens, and is URL-safe', () => {
    const token = feedToken('dashboard-token');
    expect(feedToken('dashboard-token')).toBe(token);
    expect(token).not.toBe('dashboard-token');
    expect(feedToken('other-token')).not.toBe(token);
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });
});
