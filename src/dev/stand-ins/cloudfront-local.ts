/**
 * A local stand-in for the part of CloudFront's REST API the pipeline uses: CreateInvalidation (and
 * GetInvalidation / ListInvalidations to look at them). The AWS SDK reaches it through
 * AWS_ENDPOINT_URL_CLOUDFRONT, so the publisher's code path is the one that runs in AWS. Each invalidation
 * is handed to `onInvalidate`, which clears the dev gateway's edge cache: a step that forgets to invalidate
 * leaves a stale page, exactly as it would behind a real distribution.
 * Development only: never imported by a Lambda entry point.
 */
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface LocalInvalidation {
  id: string;
  distributionId: string;
  callerReference: string;
  paths: string[];
  createTime: string;
}

export interface CloudFrontLocal {
  endpoint: string;
  invalidations: readonly LocalInvalidation[];
  stop(): Promise<void>;
}

export interface CloudFrontLocalOptions {
  port?: number;
  host?: string;
  /** Distributions that exist; others answer NoSuchDistribution as CloudFront does. */
  distributionIds: readonly string[];
  onInvalidate(invalidation: LocalInvalidation): void;
}

const XMLNS = 'http://cloudfront.amazonaws.com/doc/2020-05-31/';
const MAX_PATHS = 3000;
const ROUTE = /^\/2020-05-31\/distribution\/([^/]+)\/invalidation(?:\/([^/]+))?\/?$/;

export async function startCloudFrontLocal(options: CloudFrontLocalOptions): Promise<CloudFrontLocal> {
  const distributions = new Set(options.distributionIds);
  const invalidations: LocalInvalidation[] = [];

  const server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      sendError(response, 500, 'Receiver', 'InternalError', String(error));
    });
  });

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? '/', 'http://cloudfront.local');
    const route = ROUTE.exec(url.pathname);
    if (!route) return sendError(response, 404, 'Sender', 'NotFound', 'Unknown CloudFront API path.');
    const distributionId = decodeURIComponent(route[1] ?? '');
    const invalidationId = route[2] ? decodeURIComponent(route[2]) : undefined;
    if (!distributions.has(distributionId)) {
      return sendError(
        response,
        404,
        'Sender',
        'NoSuchDistribution',
        'The specified distribution does not exist.',
      );
    }
    const ofDistribution = invalidations.filter((i) => i.distributionId === distributionId);

    if (request.method === 'POST' && !invalidationId) {
      const batch = parseBatch(await readBody(request));
      if ('error' in batch) return sendError(response, 400, 'Sender', batch.code, batch.error);
      const earlier = ofDistribution.find((i) => i.callerReference === batch.callerReference);
      if (earlier) {
        if (earlier.paths.join('\n') !== batch.paths.join('\n')) {
          return sendError(
            response,
            409,
            'Sender',
            'InvalidationBatchAlreadyExists',
            'A different invalidation batch already used this CallerReference.',
          );
        }
        return sendInvalidation(response, 201, earlier);
      }
      const invalidation: LocalInvalidation = {
        id: `I${randomBytes(6).toString('hex').toUpperCase()}`,
        distributionId,
        callerReference: batch.callerReference,
        paths: batch.paths,
        createTime: new Date().toISOString(),
      };
      invalidations.push(invalidation);
      // The cache is cleared before the answer, so the invalidation is "Completed" when the caller hears of it.
      options.onInvalidate(invalidation);
      return sendInvalidation(response, 201, invalidation);
    }
    if (request.method === 'GET' && invalidationId) {
      const found = ofDistribution.find((i) => i.id === invalidationId);
      if (!found) {
        return sendError(
          response,
          404,
          'Sender',
          'NoSuchInvalidation',
          'The specified invalidation does not exist.',
        );
      }
      return sendInvalidation(response, 200, found);
    }
    if (request.method === 'GET') {
      const items = [...ofDistribution]
        .reverse()
        .map(
          (i) =>
            `<InvalidationSummary><Id>${i.id}</Id><CreateTime>${i.createTime}</CreateTime><Status>Completed</Status></InvalidationSummary>`,
        )
        .join('');
      return sendXml(
        response,
        200,
        `<InvalidationList xmlns="${XMLNS}"><Marker></Marker><MaxItems>100</MaxItems><IsTruncated>false</IsTruncated>` +
          `<Quantity>${ofDistribution.length}</Quantity><Items>${items}</Items></InvalidationList>`,
      );
    }
    return sendError(response, 405, 'Sender', 'MethodNotAllowed', `${request.method} is not supported here.`);
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;

  return {
    endpoint: `http://${options.host ?? '127.0.0.1'}:${port}`,
    invalidations,
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

type ParsedBatch = { paths: string[]; callerReference: string } | { error: string; code: string };

function parseBatch(xml: string): ParsedBatch {
  const paths = [...xml.matchAll(/<Path>([\s\S]*?)<\/Path>/g)].map((m) => unescapeXml(m[1] ?? ''));
  const quantity = Number(/<Quantity>\s*(\d+)\s*<\/Quantity>/.exec(xml)?.[1] ?? Number.NaN);
  const callerReference = unescapeXml(/<CallerReference>([\s\S]*?)<\/CallerReference>/.exec(xml)?.[1] ?? '');
  if (!callerReference) return { code: 'MissingArgument', error: 'CallerReference is required.' };
  if (paths.length === 0) return { code: 'MissingArgument', error: 'At least one path is required.' };
  if (quantity !== paths.length) {
    return { code: 'InconsistentQuantities', error: 'Quantity does not match the number of paths.' };
  }
  if (paths.length > MAX_PATHS) return { code: 'TooManyInvalidationsInProgress', error: 'Too many paths.' };
  for (const path of paths) {
    if (!path.startsWith('/')) return { code: 'InvalidArgument', error: `Path ${path} must start with /.` };
    const star = path.indexOf('*');
    if (star !== -1 && star !== path.length - 1) {
      return { code: 'InvalidArgument', error: `Path ${path}: * may only end a path.` };
    }
  }
  return { paths, callerReference };
}

function sendInvalidation(response: ServerResponse, status: number, invalidation: LocalInvalidation): void {
  const items = invalidation.paths.map((p) => `<Path>${escapeXml(p)}</Path>`).join('');
  response.setHeader(
    'location',
    `https://cloudfront.amazonaws.com/2020-05-31/distribution/${invalidation.distributionId}/invalidation/${invalidation.id}`,
  );
  sendXml(
    response,
    status,
    `<Invalidation xmlns="${XMLNS}"><Id>${invalidation.id}</Id><Status>Completed</Status>` +
      `<CreateTime>${invalidation.createTime}</CreateTime><InvalidationBatch><Paths>` +
      `<Quantity>${invalidation.paths.length}</Quantity><Items>${items}</Items></Paths>` +
      `<CallerReference>${escapeXml(invalidation.callerReference)}</CallerReference></InvalidationBatch></Invalidation>`,
  );
}

function sendError(
  response: ServerResponse,
  status: number,
  type: string,
  code: string,
  message: string,
): void {
  sendXml(
    response,
    status,
    `<ErrorResponse xmlns="${XMLNS}"><Error><Type>${type}</Type><Code>${code}</Code>` +
      `<Message>${escapeXml(message)}</Message></Error><RequestId>${randomBytes(8).toString('hex')}</RequestId></ErrorResponse>`,
  );
}

function sendXml(response: ServerResponse, status: number, body: string): void {
  response.writeHead(status, {
    'content-type': 'text/xml',
    'x-amz-request-id': randomBytes(8).toString('hex'),
  });
  response.end(`<?xml version="1.0" encoding="UTF-8"?>\n${body}`);
}

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    request.on('error', reject);
  });
}

function escapeXml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

function unescapeXml(text: string): string {
  return text
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&#(\d+);/g, (_, code: string) => String.fromCodePoint(Number(code)))
    .replace(/&amp;/g, '&');
}
