import { describe, expect, it } from 'vitest';
import { createLogger } from '../../../src/logging/logger';

function capture(level: 'debug' | 'info' | 'warn' | 'error' = 'info') {
  const lines: string[] = [];
  const logger = createLogger('test-service', level, (line) => lines.push(line));
  return { logger, lines, entries: () => lines.map((l) => JSON.parse(l) as Record<string, unknown>) };
}

describe('the logger (Powertools underneath, the app’s interface on top)', () => {
  it('writes one JSON line per entry with level, service, message and the fields', () => {
    const { logger, entries } = capture();
    logger.info('booking reconciled', { bookingId: 'bk-1', steps: 5 });
    expect(entries()).toEqual([
      expect.objectContaining({
        level: 'INFO',
        service: 'test-service',
        message: 'booking reconciled',
        bookingId: 'bk-1',
        steps: 5,
      }),
    ]);
  });

  it('leaves out entries below its level', () => {
    const { logger, lines } = capture('warn');
    logger.debug('a');
    logger.info('b');
    logger.warn('c');
    expect(lines).toHaveLength(1);
  });

  it('never writes a secret, at any depth, in fields, children or error causes', () => {
    const { logger, lines } = capture();
    const cause = Object.assign(new Error('upstream said no'), { apiKey: 'SECRET-IN-CAUSE' });
    logger.error('call failed', {
      token: 'SECRET-TOKEN',
      headers: { Authorization: 'Bearer SECRET-BEARER', 'X-Service-Key': 'SECRET-KEY' },
      nested: [{ password: 'SECRET-PASSWORD', salt: 'SECRET-SALT' }],
      error: new Error('boom', { cause: { signature: 'SECRET-SIGNATURE' } }),
      other: cause,
    });
    logger.child({ magicLinkSecret: 'SECRET-CHILD' }).warn('child line');
    const text = lines.join('\n');
    expect(lines).toHaveLength(2);
    expect(text).not.toMatch(/SECRET-/);
    expect(text).toContain('[redacted]');
    expect(text).toContain('upstream said no');
  });

  it('keeps a child’s fields on every line it writes, and not on the parent’s', () => {
    const { logger, entries } = capture();
    const child = logger.child({ bookingId: 'bk-2' });
    child.info('one');
    logger.info('two');
    const [one, two] = entries();
    expect(one).toMatchObject({ message: 'one', bookingId: 'bk-2' });
    expect(two).not.toHaveProperty('bookingId');
  });
});
