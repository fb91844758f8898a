import type { AddressInfo } from 'node:net';
import { createServer, type Server } from 'node:net';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { afterEach, describe, expect, it } from 'vitest';
import { type LocalGateway, startLocalGateway } from '../../../src/dev/gateway/local-gateway';
import { PortInUseError } from '../../../src/dev/ports';

const running: LocalGateway[] = [];
const blockers: Server[] = [];

afterEach(async () => {
  for (const gateway of running.splice(0)) await gateway.stop();
  for (const blocker of blockers.splice(0)) blocker.close();
});

async function gateway(errors: unknown[] = []) {
  const started = await startLocalGateway({
    port: 0,
    host: '127.0.0.1',
    fallback: async (_request, response) => {
      response.writeHead(404);
      response.end('fallback');
    },
    onError: (_route, error) => errors.push(error),
  });
  running.push(started);
  return started;
}

describe('the local gateway', () => {
  it('hands a Lambda route the API Gateway v2 event and answers with its result', async () => {
    const local = await gateway();
    let seen: APIGatewayProxyEventV2 | undefined;
    local.mount({
      name: 'scc',
      prefix: '/scc',
      lambda: async (event) => {
        seen = event;
        return { statusCode: 201, headers: { 'content-type': 'application/json' }, body: '{"ok":true}' };
      },
    });

    const answer = await fetch(`${local.url}/scc/events?x=1`, {
      method: 'POST',
      headers: { 'x-service-key': 'k', 'content-type': 'application/json' },
      body: '{"a":1}',
    });

    expect(answer.status).toBe(201);
    expect(await answer.json()).toEqual({ ok: true });
    expect(seen).toMatchObject({ rawPath: '/scc/events', rawQueryString: 'x=1', body: '{"a":1}' });
    expect(seen?.headers['x-service-key']).toBe('k');
  });

  it('routes by the longest prefix and only on whole path segments', async () => {
    const local = await gateway();
    const hit = (name: string) => async () => ({ statusCode: 200, body: name });
    local.mount({ name: 'slack', prefix: '/slack/events', lambda: hit('slack') });
    local.mount({
      name: 'sandbox',
      prefix: '/slack-sandbox',
      page: async (_request, response) => {
        response.end('sandbox');
      },
    });

    expect(await (await fetch(`${local.url}/slack/events`, { method: 'POST' })).text()).toBe('slack');
    expect(await (await fetch(`${local.url}/slack-sandbox/api/state`)).text()).toBe('sandbox');
    expect(await (await fetch(`${local.url}/slack/eventsX`)).text()).toBe('fallback');
  });

  it('answers a crashing handler as API Gateway does, without any detail', async () => {
    const errors: unknown[] = [];
    const local = await gateway(errors);
    local.mount({
      name: 'broken',
      prefix: '/broken',
      lambda: async () => {
        throw new Error('secret detail in a stack trace');
      },
    });

    const answer = await fetch(`${local.url}/broken`);

    expect(answer.status).toBe(500);
    const body = await answer.text();
    expect(JSON.parse(body)).toEqual({ message: 'Internal Server Error' });
    expect(body).not.toContain('secret detail');
    expect(String(errors[0])).toContain('secret detail');
  });

  it('gives up on a handler after its timeout with 503', async () => {
    const local = await gateway();
    local.mount({
      name: 'slow',
      prefix: '/slow',
      timeoutMs: 50,
      lambda: () => new Promise(() => {}),
    });

    const answer = await fetch(`${local.url}/slow`);

    expect(answer.status).toBe(503);
    expect(await answer.json()).toEqual({ message: 'Service Unavailable' });
  });

  it('says clearly when its port is taken', async () => {
    const blocker = createServer();
    blockers.push(blocker);
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const { port } = blocker.address() as AddressInfo;

    const start = startLocalGateway({
      port,
      host: '127.0.0.1',
      fallback: async () => {},
    });

    await expect(start).rejects.toBeInstanceOf(PortInUseError);
    await expect(start).rejects.toThrow(new RegExp(`Port ${port} .* already in use.*PORT=`));
  });
});
