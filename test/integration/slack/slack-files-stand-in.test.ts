/** The stand-in's upload flow refuses what Slack refuses (see src/dev/stand-ins/slack-files.ts for sources). */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type SlackWebApiStandIn, startSlackWebApi } from '../../../src/dev/stand-ins/slack-web-api';

const TOKEN = 'xoxb-files-test';

describe('Slack stand-in: files.getUploadURLExternal + files.completeUploadExternal', () => {
  let slack: SlackWebApiStandIn;
  const call = async (method: string, args: Record<string, unknown>) => {
    const response = await fetch(`${slack.url}${method}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
      body: JSON.stringify(args),
    });
    return (await response.json()) as Record<string, unknown>;
  };

  beforeAll(async () => {
    slack = await startSlackWebApi({ tokens: [TOKEN] });
  });
  afterAll(() => slack.stop());
  beforeEach(() => slack.reset());

  it('shares an uploaded file into the DM opened with conversations.open, downloadable with the token', async () => {
    const dm = await call('conversations.open', { users: 'U0ALICE' });
    const target = await call('files.getUploadURLExternal', { filename: 'a.csv', length: 4 });
    const upload = await fetch(String(target.upload_url), { method: 'POST', body: 'a,b\n' });
    expect(upload.status).toBe(200);
    const done = await call('files.completeUploadExternal', {
      files: [{ id: target.file_id, title: 'A' }],
      channel_id: (dm.channel as { id: string }).id,
      initial_comment: 'here',
    });
    expect(done).toMatchObject({ ok: true, files: [{ id: target.file_id, title: 'A' }] });
    const [message] = slack.messages('U0ALICE');
    expect(message?.text).toBe('here');
    const url = String(message?.files?.[0]?.url_private_download);
    expect((await fetch(url)).status).toBe(401);
    const download = await fetch(url, { headers: { authorization: `Bearer ${TOKEN}` } });
    expect(await download.text()).toBe('a,b\n');
  });

  it('refuses a missing filename or length, and a zero length (missing_argument)', async () => {
    expect(await call('files.getUploadURLExternal', { length: 4 })).toEqual({
      ok: false,
      error: 'invalid_arguments',
    });
    expect(await call('files.getUploadURLExternal', { filename: 'a.csv' })).toEqual({
      ok: false,
      error: 'invalid_arguments',
    });
    expect(await call('files.getUploadURLExternal', { filename: 'a.csv', length: 0 })).toEqual({
      ok: false,
      error: 'missing_argument',
    });
  });

  it('will not complete a file whose bytes never arrived, or an unknown one', async () => {
    const target = await call('files.getUploadURLExternal', { filename: 'a.csv', length: 4 });
    expect(await call('files.completeUploadExternal', { files: [{ id: target.file_id }] })).toEqual({
      ok: false,
      error: 'file_not_found',
    });
    expect(await call('files.completeUploadExternal', { files: [{ id: 'FNOPE' }] })).toEqual({
      ok: false,
      error: 'file_not_found',
    });
    expect(await call('files.completeUploadExternal', {})).toEqual({ ok: false, error: 'invalid_arguments' });
  });

  it('refuses a DM that was never opened, and answers the retired files.upload as deprecated', async () => {
    const target = await call('files.getUploadURLExternal', { filename: 'a.csv', length: 1 });
    await fetch(String(target.upload_url), { method: 'POST', body: 'x' });
    expect(
      await call('files.completeUploadExternal', { files: [{ id: target.file_id }], channel_id: 'DNEVER' }),
    ).toEqual({ ok: false, error: 'channel_not_found' });
    expect(await call('files.upload', { channels: 'C1', content: 'x' })).toEqual({
      ok: false,
      error: 'method_deprecated',
    });
  });

  it('takes a multipart upload as Slack does', async () => {
    const target = await call('files.getUploadURLExternal', { filename: 'm.csv', length: 3 });
    const form = new FormData();
    form.append('filename', new Blob(['x,y']), 'm.csv');
    expect((await fetch(String(target.upload_url), { method: 'POST', body: form })).status).toBe(200);
    expect(slack.file(String(target.file_id))?.content?.toString('utf8')).toBe('x,y');
  });
});
