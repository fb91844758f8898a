/**
 * While `npm run dev` starts, its gateway already holds the port; until every route is mounted it answers
 * 503 with `Retry-After: 1` and a JSON message — never 500, which clients (and Slack) read as a failure.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startDevStack } from '../../../src/dev/dev-stack';
import { startLocalGateway } from '../../../src/dev/gateway/local-gateway';

const dataDir = mkdtempSync(join(tmpdir(), 'gateway-starting-'));

describe('the dev gateway before it is ready', () => {
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('answers 503 + Retry-After on every route, byHost site and fallback until ready(), then serves', async () => {
    const gateway = await startLocalGateway({
      port: 0,
      host: '127.0.0.1',
      startsUnready: true,
      byHost: (host) =>
        host.startsWith('site.')
          ? async (_request, response) => {
              response.end('site');
            }
          : undefined,
      fallback: async (_request, response) => {
        response.writeHead(404);
        response.end('fallback');
      },
    });
    try {
      gateway.mount({
        name: 'scc',
        prefix: '/scc',
        lambda: async () => ({ statusCode: 200, body: 'lambda' }),
      });
      for (const [path, init] of [
        ['/scc/x', { method: 'POST', body: '{"a":1}' }],
        ['/nothing-here', {}],
      ] as const) {
        const response = await fetch(`${gateway.url}${path}`, init);
        expect(response.status).toBe(503);
        expect(response.headers.get('retry-after')).toBe('1');
        expect(response.headers.get('content-type')).toBe('application/json');
        expect(typeof (await response.json()).message).toBe('string');
      }
      gateway.ready();
      expect(await (await fetch(`${gateway.url}/scc/x`, { method: 'POST', body: '{}' })).text()).toBe(
        'lambda',
      );
      expect((await fetch(`${gateway.url}/nothing-here`)).status).toBe(404);
    } finally {
      await gateway.stop();
    }
  });

  it('npm run dev’s stack answers 503 (never 500) while it starts, and 200 once started', async () => {
    const port = 1250;
    const starting = startDevStack({ port, dataDir, fresh: true, logLevel: 'error' });
    let finished = false;
    const stack = starting.finally(() => {
      finished = true;
    });
    const seen: number[] = [];
    while (!finished) {
      try {
        const response = await fetch(`http://127.0.0.1:${port}/slack/events`, { method: 'POST', body: '{}' });
        if (!finished) {
          seen.push(response.status);
          if (response.status === 503) expect(response.headers.get('retry-after')).toBe('1');
        }
        await response.arrayBuffer();
      } catch {
        // not listening yet
      }
      await new Promise((r) => setTimeout(r, 100));
    }
    const started = await stack;
    try {
      // Java takes seconds to start, so the gateway was asked many times while unready.
      expect(seen.length).toBeGreaterThan(0);
      expect(new Set(seen)).toEqual(new Set([503]));
      expect((await fetch(`${started.endpoints.gateway}/endpoints.json`)).status).toBe(200);
    } finally {
      await started.stop();
    }
  }, 240_000);
});
