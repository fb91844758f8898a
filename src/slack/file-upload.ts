/**
 * Puts files into a person's direct message with the app, with Slack's current upload flow
 * (https://docs.slack.dev/messaging/working-with-files#uploading_files): files.getUploadURLExternal for
 * each file, a POST of its bytes to the URL Slack returns, then one files.completeUploadExternal that
 * shares them all into the DM found with conversations.open. The retired files.upload is never used.
 * Only ever called with the DM of the person who asked: never a channel.
 */
import type { WebClient } from '@slack/web-api';
import { UpstreamError } from '../errors';

export interface UploadFile {
  filename: string;
  title: string;
  content: string;
}

export async function uploadFilesToDm(
  client: WebClient,
  userId: string,
  files: readonly UploadFile[],
  comment: string,
): Promise<void> {
  const opened = await client.conversations.open({ users: userId });
  const channel = opened.channel?.id;
  if (!channel) throw new UpstreamError('slack', 'Slack did not open the direct message.', true);
  const uploaded: { id: string; title: string }[] = [];
  for (const file of files) {
    const bytes = Buffer.from(file.content, 'utf8');
    const target = await client.files.getUploadURLExternal({ filename: file.filename, length: bytes.length });
    if (!target.upload_url || !target.file_id)
      throw new UpstreamError('slack', 'Slack gave no upload URL.', true);
    const response = await fetch(target.upload_url, {
      method: 'POST',
      headers: { 'content-type': 'text/csv; charset=utf-8' },
      body: bytes,
      signal: AbortSignal.timeout(10_000),
    });
    // "Slack will return HTTP 200 if the upload is successful; a non-200 response otherwise."
    if (response.status !== 200)
      throw new UpstreamError('slack', `Slack refused the upload (HTTP ${response.status}).`, true);
    uploaded.push({ id: target.file_id, title: file.title });
  }
  await client.files.completeUploadExternal({
    files: uploaded as [{ id: string; title: string }],
    channel_id: channel,
    initial_comment: comment,
  });
}
