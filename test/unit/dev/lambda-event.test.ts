import { createServer, request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { APIGatewayProxyEventV2, APIGatewayProxyResultV2 } from 'aws-lambda';
import { afterEach, describe, expect, it } from 'vitest';
import { sendLambdaResult, toLambdaEvent } from '../../../src/dev/gateway/lambda-event';

/** One real HTTP exchange: the server side turns the request into an event and answers with `result`. */
async function exchange(
  send: { method?: string; path: string; headers?: Record<string, string>; body?: Buffer | string },
  result: APIGatewayProxyResultV2 | undefined = { statusCode: 204 },
) {
  let event: APIGatewayProxyEventV2 | undefined;
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      event = toLambdaEvent(req, Buffer.concat(chunks));
      sendLambdaResult(res, result);
    });
  });
  servers.push(server);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  const answer = await new Promise<{ status: number; headers: Record<string, unknown>; body: Buffer }>(
    (resolve, reject) => {
      const req = httpRequest(
        { host: '127.0.0.1', port, method: send.method ?? 'GET', path: send.path, headers: send.headers },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () =>
            resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }),
          );
        },
      );
      req.on('error', reject);
      req.end(send.body);
    },
  );
  return { event: event!, ...answer };
}

const servers: ReturnType<typeof createServer>[] = [];
afterEach(() => {
  for (const server of servers.splice(0)) server.close();
});

describe('API Gateway v2 events from HTTP requests', () => {
  it('carries the raw path and query, decoded parameters, lower-case headers and cookies apart', async () => {
    const { event } = await exchange({
      path: '/scc/crew/abc%2Fdef?x=1&x=2&name=J%C3%BCrgen',
      headers: { 'X-Service-Key': 'k', Cookie: 'a=1; b=2', 'User-Agent': 'test' },
    });
    expect(event.version).toBe('2.0');
    expect(event.rawPath).toBe('/scc/crew/abc%2Fdef');
    expect(event.rawQueryString).toBe('x=1&x=2&name=J%C3%BCrgen');
    expect(event.queryStringParameters).toEqual({ x: '1,2', name: 'Jürgen' });
    expect(event.headers['x-service-key']).toBe('k');
    expect(event.headers.cookie).toBeUndefined();
    expect(event.cookies).toEqual(['a=1', 'b=2']);
    expect(event.requestContext.http).toMatchObject({
      method: 'GET',
      path: '/scc/crew/abc%2Fdef',
      userAgent: 'test',
    });
    expect(event.requestContext.stage).toBe('$default');
  });

  it('passes text bodies as text and binary bodies as base64', async () => {
    const form = await exchange({
      method: 'POST',
      path: '/slack/events',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'command=%2Fcharter&text=new',
    });
    expect(form.event).toMatchObject({ body: 'command=%2Fcharter&text=new', isBase64Encoded: false });

    const bytes = Buffer.from([0xff, 0xd8, 0xff, 0x00, 0x10]);
    const image = await exchange({
      method: 'PUT',
      path: '/upload',
      headers: { 'content-type': 'image/jpeg' },
      body: bytes,
    });
    expect(image.event.isBase64Encoded).toBe(true);
    expect(Buffer.from(image.event.body ?? '', 'base64')).toEqual(bytes);
  });
});

describe('HTTP responses from Lambda results', () => {
  it('answers a structured result with its status, headers, cookies and decoded body', async () => {
    const answer = await exchange(
      { path: '/' },
      {
        statusCode: 201,
        headers: { 'Content-Type': 'image/png', 'X-Thing': 'yes' },
        cookies: ['a=1; HttpOnly', 'b=2'],
        body: Buffer.from('png-bytes').toString('base64'),
        isBase64Encoded: true,
      },
    );
    expect(answer.status).toBe(201);
    expect(answer.headers['content-type']).toBe('image/png');
    expect(answer.headers['x-thing']).toBe('yes');
    expect(answer.headers['set-cookie']).toEqual(['a=1; HttpOnly', 'b=2']);
    expect(answer.body.toString()).toBe('png-bytes');
  });

  it('treats a bare object or string as a 200 JSON answer, as API Gateway does', async () => {
    const object = await exchange({ path: '/' }, { ok: true } as unknown as APIGatewayProxyResultV2);
    expect(object.status).toBe(200);
    expect(object.headers['content-type']).toBe('application/json');
    expect(JSON.parse(object.body.toString())).toEqual({ ok: true });

    const text = await exchange({ path: '/' }, '"hello"');
    expect(text.status).toBe(200);
    expect(text.body.toString()).toBe('"hello"');
  });
});
