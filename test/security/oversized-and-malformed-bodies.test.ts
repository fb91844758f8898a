/**
 * Attacks that held (#14): bodies too large, not JSON, JSON of the wrong shape, or with extra fields are
 * refused with a clear 413 or 400 naming the problem, before any work is done, and never with a stack.
 * (parseJsonBody / parseFormBody are what every JSON and form route of SCC and the dashboard uses.)
 */
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { errorToHttp, type HttpRequest, parseFormBody, parseJsonBody } from '../../src/http';
import { silentLogger } from '../../src/logging/logger';

const Schema = z.strictObject({
  answer: z.enum(['confirmed', 'declined']),
  reason: z.string().max(500).optional(),
});
const LIMIT = 4 * 1024;

const request = (body: string | Buffer): HttpRequest => ({
  method: 'POST',
  path: '/x',
  headers: { 'content-type': 'application/json' },
  query: {},
  body: Buffer.isBuffer(body) ? body : Buffer.from(body),
  sourceIp: '203.0.113.9',
});

/** What the client would see: the HTTP answer of the error thrown. */
function answerTo(parse: () => unknown) {
  try {
    parse();
  } catch (error) {
    const response = errorToHttp(error, silentLogger);
    return { status: response.statusCode, body: String(response.body) };
  }
  return { status: 200, body: '' };
}

describe('oversized bodies', () => {
  it('refuses a JSON body one byte over the route limit with 413, before parsing it', () => {
    const huge = JSON.stringify({ answer: 'confirmed', reason: 'x'.repeat(LIMIT) });
    const answer = answerTo(() => parseJsonBody(request(huge), Schema, LIMIT));
    expect(answer.status).toBe(413);
    const exact = Buffer.alloc(LIMIT, ' ');
    exact.write('{"answer":"confirmed"}');
    expect(answerTo(() => parseJsonBody(request(exact), Schema, LIMIT)).status).toBe(200);
    expect(
      answerTo(() => parseJsonBody(request(Buffer.concat([exact, Buffer.from(' ')])), Schema, LIMIT)).status,
    ).toBe(413);
  });

  it('refuses an oversized form post (the crew page answer) with 413', () => {
    const form = `answer=declined&reason=${'x'.repeat(17 * 1024)}`;
    expect(answerTo(() => parseFormBody(request(form))).status).toBe(413);
  });
});

describe('malformed bodies', () => {
  it.each([
    ['not JSON', '{"answer": confirmed}'],
    ['truncated JSON', '{"answer":"confirmed"'],
    ['a JSON string', '"confirmed"'],
    ['an array', '[{"answer":"confirmed"}]'],
    ['an empty body', ''],
    ['an unknown answer', '{"answer":"maybe"}'],
    ['an extra field', '{"answer":"confirmed","priceCents":1}'],
    ['a prototype key', '{"answer":"confirmed","__proto__":{"admin":true}}'],
    ['invalid UTF-8', Buffer.from([0x7b, 0xff, 0xfe, 0x7d])],
  ])('refuses %s with 400 and a sentence, never a stack', (_what, body) => {
    const answer = answerTo(() => parseJsonBody(request(body), Schema, LIMIT));
    expect(answer.status).toBe(400);
    expect(answer.body).not.toMatch(/\n\s+at |node_modules|\.ts:\d+/);
    expect(JSON.parse(answer.body)).toMatchObject({ error: expect.any(String), message: expect.any(String) });
  });
});
