import { describe, expect, it } from 'vitest';
import { DEFAULT_BOATS } from '../../../src/config/boats';
import { loadBrands } from '../../../src/config/brands';
import { silentLogger } from '../../../src/logging/logger';
import { createSlackApp, type SlackAppOptions } from '../../../src/slack/app';
import type { SlackStore, SlackTimeOffStore } from '../../../src/slack/deps';

const secret = (value: string) => ({ get: async () => value });

function options(overrides: Partial<SlackAppOptions> = {}): SlackAppOptions {
  return {
    store: {} as SlackStore,
    timeOff: {} as SlackTimeOffStore,
    boats: DEFAULT_BOATS,
    brands: loadBrands('templates'),
    opsChannel: 'C0OPS',
    logger: silentLogger,
    now: () => new Date(),
    signingSecret: secret('s'),
    botToken: secret('xoxb-1'),
    apiUrl: 'http://127.0.0.1:9/api/',
    ...overrides,
  };
}

describe('createSlackApp', () => {
  it('runs over HTTP (AwsLambdaReceiver) without an app token', async () => {
    const app = await createSlackApp(options());

    expect(app.mode).toBe('http');
  });

  it('runs in Socket Mode with an app token and then takes no HTTP requests', async () => {
    const app = await createSlackApp(options({ appToken: secret('xapp-1-test') }));

    expect(app.mode).toBe('socket');
    const response = await app.handle({ requestContext: { http: { method: 'POST' } } } as never);
    expect(response.statusCode).toBe(404);
  });

  it('answers 405 to anything but POST, before looking at signatures', async () => {
    const app = await createSlackApp(options());

    const response = await app.handle({ headers: {}, requestContext: { http: { method: 'GET' } } } as never);

    expect(response.statusCode).toBe(405);
  });
});
