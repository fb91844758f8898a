/**
 * Attacks on the photo upload itself (#14, finding 1's other half): a presigned POST whose form was changed
 * to claim another type, another key, a bigger file or an extra field is refused by S3's policy check, and
 * now by the local S3 too (src/dev/stand-ins/s3-post-policy.ts in front of s3rver, which checks no policy).
 * https://docs.aws.amazon.com/AmazonS3/latest/API/sigv4-HTTPPOSTConstructPolicy.html
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkPostPolicy } from '../../src/dev/stand-ins/s3-post-policy';
import { localS3Client, type S3Local, startS3Local } from '../../src/dev/stand-ins/s3rver';
import { type PhotoGrant, PRESIGN_EXPIRES_SECONDS, presignPhotoUpload } from '../../src/scc/photo-presign';

const BUCKET = 'sailjada.com';
const MAX_BYTES = 4096;
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64',
);
const SVG = Buffer.from(
  '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(document.domain)</script></svg>',
);

let s3: S3Local;
beforeAll(async () => {
  s3 = await startS3Local({ buckets: [BUCKET], postPolicy: true });
});
afterAll(async () => {
  await s3.stop();
});

async function aGrant(): Promise<PhotoGrant> {
  const client = localS3Client(s3.endpoint);
  const grant = await presignPhotoUpload(client, {
    bucket: BUCKET,
    bookingId: 'bk-lying-1',
    crewId: 'ana-ruiz',
    contentType: 'image/png',
    maxBytes: MAX_BYTES,
    now: new Date(),
  });
  client.destroy();
  return grant;
}

function formOf(fields: Record<string, string>, file: Buffer, type: string): FormData {
  const form = new FormData();
  for (const [name, value] of Object.entries(fields)) form.append(name, value);
  form.append('file', new Blob([new Uint8Array(file)], { type }), 'photo');
  return form;
}

async function upload(
  grant: PhotoGrant,
  change: Record<string, string> = {},
  file = PNG,
  type = 'image/png',
) {
  const response = await fetch(grant.url, {
    method: 'POST',
    body: formOf({ ...grant.fields, ...change }, file, type),
  });
  return { status: response.status, body: await response.text() };
}

describe('uploads lying about their type, size or place', () => {
  it('accepts the upload the grant was made for (so the refusals below are about the lie)', async () => {
    expect((await upload(await aGrant())).status).toBeLessThan(300);
  });

  it('refuses an SVG whose form claims image/svg+xml instead of the granted type (403)', async () => {
    const refused = await upload(await aGrant(), { 'Content-Type': 'image/svg+xml' }, SVG, 'image/svg+xml');
    expect(refused.status).toBe(403);
    expect(refused.body).toContain('<Code>AccessDenied</Code>');
  });

  it('refuses a file over the granted size (400 EntityTooLarge)', async () => {
    const refused = await upload(await aGrant(), {}, Buffer.alloc(MAX_BYTES + 1, 1));
    expect(refused.status).toBe(400);
    expect(refused.body).toContain('EntityTooLarge');
  });

  it('refuses a key outside the booking’s own prefix (403)', async () => {
    expect((await upload(await aGrant(), { key: 'photos/bk-someone-else/x.png' })).status).toBe(403);
    expect((await upload(await aGrant(), { key: 'g/index.html' })).status).toBe(403);
  });

  it('refuses a field the policy does not name, such as a public ACL (403)', async () => {
    expect((await upload(await aGrant(), { acl: 'public-read' })).status).toBe(403);
  });

  it('refuses a policy after its expiry', async () => {
    const grant = await aGrant();
    const form = formOf(grant.fields, PNG, 'image/png');
    const request = new Request(grant.url, { method: 'POST', body: form });
    const body = Buffer.from(await request.arrayBuffer());
    const later = new Date(Date.now() + (PRESIGN_EXPIRES_SECONDS + 1) * 1000);
    expect(
      await checkPostPolicy(BUCKET, request.headers.get('content-type') ?? '', body, later),
    ).toMatchObject({
      status: 403,
      message: expect.stringContaining('Policy expired'),
    });
    expect(
      await checkPostPolicy(BUCKET, request.headers.get('content-type') ?? '', body, new Date()),
    ).toBeUndefined();
  });
});
