import {
  WebAPIHTTPError,
  WebAPIPlatformError,
  WebAPIRateLimitedError,
  WebAPIRequestError,
} from '@slack/web-api';
import { describe, expect, it } from 'vitest';
import { NotFoundError, UpstreamError } from '../../../src/errors';
import { BusyError } from '../../../src/pipeline/once-only';
import { describeFailure, oneSentence } from '../../../src/retry/failures';

function awsError(name: string, status: number | undefined, extra: Record<string, unknown> = {}) {
  return Object.assign(new Error(`${name} happened`), {
    name,
    $metadata: { httpStatusCode: status },
    ...extra,
  });
}

describe('describeFailure', () => {
  it('keeps what our own clients decided', () => {
    expect(
      describeFailure(new UpstreamError('scc', 'SCC is having trouble (HTTP 503).', true), 'SCC'),
    ).toEqual({
      kind: 'transient',
      message: 'SCC is having trouble (HTTP 503).',
      status: undefined,
    });
    expect(describeFailure(new UpstreamError('scc', 'refused', false, { status: 400 }), 'SCC').kind).toBe(
      'permanent',
    );
  });

  it.each([
    ['rate limited', new WebAPIRateLimitedError(30), 'transient'],
    ['HTTP 503', new WebAPIHTTPError(503, 'Service Unavailable', {}), 'transient'],
    ['HTTP 400', new WebAPIHTTPError(400, 'Bad Request', {}), 'permanent'],
    [
      'a network error',
      new WebAPIRequestError(Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' })),
      'transient',
    ],
    ['ok:false ratelimited', new WebAPIPlatformError({ ok: false, error: 'ratelimited' }), 'transient'],
    [
      'ok:false channel_not_found',
      new WebAPIPlatformError({ ok: false, error: 'channel_not_found' }),
      'permanent',
    ],
  ])('classes a Slack %s', (_what, error, kind) => {
    expect(describeFailure(error, 'Slack').kind).toBe(kind);
  });

  it('explains Slack refusals an operator can fix', () => {
    const failure = describeFailure(new WebAPIPlatformError({ ok: false, error: 'not_in_channel' }), 'Slack');
    expect(failure.message).toBe(
      'Slack refused the request: the app is not in the ops channel; invite it with /invite.',
    );
  });

  it.each([
    ['a 5xx', awsError('InternalError', 500), 'transient'],
    ['throttling', awsError('ThrottlingException', 400), 'transient'],
    ['S3 SlowDown', awsError('SlowDown', 503), 'transient'],
    ['a timeout', awsError('TimeoutError', undefined), 'transient'],
    ['access denied', awsError('AccessDenied', 403, { $fault: 'client' }), 'permanent'],
    ['a missing distribution', awsError('NoSuchDistribution', 404, { $fault: 'client' }), 'permanent'],
  ])('classes an AWS SDK %s', (_what, error, kind) => {
    expect(describeFailure(error, 'CloudFront').kind).toBe(kind);
  });

  it('treats connection errors as transient', () => {
    const error = new TypeError('fetch failed', {
      cause: Object.assign(new Error('refused'), { code: 'ECONNREFUSED' }),
    });
    expect(describeFailure(error, 'the dashboard')).toEqual({
      kind: 'transient',
      message: 'the dashboard could not be reached (ECONNREFUSED).',
    });
  });

  it('treats our own errors (a missing roster entry) as permanent, keeping their sentence', () => {
    expect(
      describeFailure(new NotFoundError('Ben is not on the crew roster.'), 'ShipCaptainCrew'),
    ).toMatchObject({
      kind: 'permanent',
      message: 'Ben is not on the crew roster.',
    });
  });

  it('treats another run holding a side effect (once-only BusyError) as a wait, not a failure for a person', () => {
    const failure = describeFailure(
      new BusyError('reply:bk-1:guest-mail:confirmation is being handled by another run.'),
      'ShipCaptainCrew (guest email)',
    );
    expect(failure).toMatchObject({ kind: 'transient', wait: true });
    expect(failure.message).toMatch(/^ShipCaptainCrew \(guest email\) is busy in another run/);
  });

  it('says an unknown error failed unexpectedly, in one line and without a stack', () => {
    const failure = describeFailure(new Error('boom\n    at secret (file.ts:1:1)'), 'Amazon S3');
    expect(failure).toEqual({ kind: 'permanent', message: 'Amazon S3 failed unexpectedly: boom' });
  });
});

describe('oneSentence', () => {
  it('keeps the first line and at most 200 characters', () => {
    expect(oneSentence('first\nsecond')).toBe('first');
    expect(oneSentence('x'.repeat(300))).toHaveLength(198);
  });
});
