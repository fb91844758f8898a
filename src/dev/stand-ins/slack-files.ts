/**
 * Slack's current file upload flow, for the Slack Web API stand-in (registered by slack-web-api.ts):
 *   1. files.getUploadURLExternal {filename, length} → {upload_url, file_id}
 *   2. POST the bytes to upload_url (raw body or multipart form)
 *   3. files.completeUploadExternal {files: [{id, title}], channel_id | channels, initial_comment, thread_ts}
 *      → the file is shared: a message carrying it appears in the channel (for a DM, the person's DM)
 * plus conversations.open, which an app uses to find the DM it shares into. The retired files.upload is
 * answered `method_deprecated`, as Slack does since its sunset. Files are served back at url_private with
 * the bot token (as Slack requires) so the sandbox can offer a download.
 * Development only: never imported by a Lambda entry point.
 */
import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';

type Args = Record<string, unknown>;
type ApiResult = Record<string, unknown> & { ok: boolean };

export interface StandInFile {
  id: string;
  name: string;
  title: string;
  /** Declared in files.getUploadURLExternal. */
  length: number;
  content?: Buffer;
  mimetype: string;
  filetype: string;
  created: number;
  user: string;
  url_private: string;
  url_private_download: string;
  /** Channels (DMs as the person's user id) the file was shared into. */
  channels: string[];
  completed: boolean;
}

/** What the files module needs from the stand-in: its address, and a way to post the share message. */
export interface SlackFilesHost {
  baseUrl(): string;
  botUserId: string;
  /** Posts the message that shares files into a channel (or thread); undefined when the thread is unknown. */
  shareMessage(input: {
    channel: string;
    text: string;
    files: Record<string, unknown>[];
    threadTs?: string;
  }): { ts: string } | undefined;
}

export interface SlackFiles {
  methods: Record<string, (args: Args) => ApiResult>;
  /** Handles the upload URL and file downloads; false when the path is not the files module's. */
  handleHttp(request: IncomingMessage, response: ServerResponse, token: string | undefined): Promise<boolean>;
  file(id: string): StandInFile | undefined;
  files(): StandInFile[];
  reset(): void;
}

/** The largest upload accepted here; Slack's own ceiling is 1 GB per file. */
const MAX_FILE_BYTES = 1024 * 1024 * 1024;
const UPLOAD_PATH = '/upload/';
const DOWNLOAD_PATH = '/files-pri/';

export function createSlackFiles(host: SlackFilesHost): SlackFiles {
  const files = new Map<string, StandInFile>();
  /** DM channel ids handed out by conversations.open → the person's user id (where the stand-in keeps DMs). */
  const dms = new Map<string, string>();

  function newFileId(): string {
    return `F${randomBytes(5).toString('hex').toUpperCase()}`;
  }

  function publicFile(file: StandInFile): Record<string, unknown> {
    const { content: _content, completed: _completed, length: _length, ...rest } = file;
    return { ...rest, size: file.content?.length ?? 0, is_external: false, mode: 'hosted' };
  }

  /** A channel the share may go to: an opened DM, a person (user id) or a channel id. */
  function resolveChannel(id: string): string | undefined {
    if (dms.has(id)) return dms.get(id);
    if (/^[UW][A-Z0-9]+$/.test(id) || /^[CG][A-Z0-9]+$/.test(id)) return id;
    return undefined;
  }

  const methods: Record<string, (args: Args) => ApiResult> = {
    // https://docs.slack.dev/reference/methods/conversations.open — `users` opens (or finds) the DM.
    'conversations.open': (args) => {
      const users = String(args.users ?? '')
        .split(',')
        .filter(Boolean);
      if (users.length === 0) return { ok: false, error: 'users_list_not_supplied' };
      // Group DMs (several users) are real but unused by this app: refused here rather than faked.
      if (users.length > 1) return { ok: false, error: 'invalid_arguments' };
      const user = users[0] ?? '';
      if (!/^[UW][A-Z0-9]+$/.test(user)) return { ok: false, error: 'user_not_found' };
      const id = `D${user.slice(1)}`;
      dms.set(id, user);
      return { ok: true, channel: { id, is_im: true, user } };
    },

    // https://docs.slack.dev/reference/methods/files.getUploadURLExternal — filename and length are
    // required; "missing_argument … typically only occurs when the length provided is 0"; alt_txt at
    // most 1000 characters (alt_txt_too_large).
    'files.getUploadURLExternal': (args) => {
      const filename = typeof args.filename === 'string' ? args.filename.trim() : '';
      const lengthText = args.length === undefined ? '' : String(args.length);
      if (!filename || lengthText === '') return { ok: false, error: 'invalid_arguments' };
      if (!/^\d+$/.test(lengthText)) return { ok: false, error: 'invalid_arguments' };
      const length = Number(lengthText);
      if (length === 0) return { ok: false, error: 'missing_argument' };
      if (length > MAX_FILE_BYTES) return { ok: false, error: 'file_upload_size_restricted' };
      if (typeof args.alt_txt === 'string' && args.alt_txt.length > 1000)
        return { ok: false, error: 'alt_txt_too_large' };
      const id = newFileId();
      const base = host.baseUrl();
      const extension = /\.([a-z0-9]+)$/i.exec(filename)?.[1]?.toLowerCase() ?? 'binary';
      files.set(id, {
        id,
        name: filename,
        title: filename,
        length,
        mimetype: extension === 'csv' ? 'text/csv' : 'application/octet-stream',
        filetype: extension,
        created: Math.floor(Date.now() / 1000),
        user: host.botUserId,
        url_private: `${base}${DOWNLOAD_PATH}${id}/${encodeURIComponent(filename)}`,
        url_private_download: `${base}${DOWNLOAD_PATH}${id}/download/${encodeURIComponent(filename)}`,
        channels: [],
        completed: false,
      });
      return { ok: true, upload_url: `${base}${UPLOAD_PATH}${id}`, file_id: id };
    },

    // https://docs.slack.dev/reference/methods/files.completeUploadExternal — `files` (required) is an
    // array of {id, title}; channel_id (or channels) shares them, otherwise the file stays private;
    // thread_ts must be a parent message's ts; initial_comment is the text of the share message.
    'files.completeUploadExternal': (args) => {
      const list = typeof args.files === 'string' ? parseJson(args.files) : args.files;
      if (!Array.isArray(list) || list.length === 0) return { ok: false, error: 'invalid_arguments' };
      const chosen: { file: StandInFile; title?: string }[] = [];
      for (const entry of list) {
        const id = isObject(entry) && typeof entry.id === 'string' ? entry.id : '';
        const file = files.get(id);
        // A file id never handed out, or whose bytes never arrived at the upload URL, is not a file yet.
        if (!file?.content) return { ok: false, error: 'file_not_found' };
        chosen.push({
          file,
          ...(isObject(entry) && typeof entry.title === 'string' ? { title: entry.title } : {}),
        });
      }
      const targets = [
        ...(typeof args.channel_id === 'string' && args.channel_id ? [args.channel_id] : []),
        ...(typeof args.channels === 'string' ? args.channels.split(',').filter(Boolean) : []),
      ];
      const threadTs = typeof args.thread_ts === 'string' && args.thread_ts ? args.thread_ts : undefined;
      if (threadTs && targets.length > 1) return { ok: false, error: 'invalid_arguments' };
      const resolved: string[] = [];
      for (const target of targets) {
        const channel = resolveChannel(target);
        if (!channel) return { ok: false, error: 'channel_not_found' };
        resolved.push(channel);
      }
      for (const { file, title } of chosen) {
        if (title) file.title = title.slice(0, 255);
        file.completed = true;
      }
      const shared = chosen.map(({ file }) => file);
      for (const channel of resolved) {
        const posted = host.shareMessage({
          channel,
          text: typeof args.initial_comment === 'string' ? args.initial_comment : '',
          files: shared.map(publicFile),
          ...(threadTs ? { threadTs } : {}),
        });
        if (!posted) return { ok: false, error: 'thread_not_found' };
        for (const file of shared) file.channels.push(channel);
      }
      return { ok: true, files: shared.map((f) => ({ id: f.id, title: f.title })) };
    },

    // https://docs.slack.dev/changelog/2024-04-a-better-way-to-upload-files-is-here-to-stay — files.upload
    // was retired for new apps in 2024 and for every app on 2025-11-12.
    'files.upload': () => ({ ok: false, error: 'method_deprecated' }),
  };

  async function handleHttp(
    request: IncomingMessage,
    response: ServerResponse,
    token: string | undefined,
  ): Promise<boolean> {
    const url = new URL(request.url ?? '/', 'http://stand-in');
    if (url.pathname.startsWith(UPLOAD_PATH) && request.method === 'POST') {
      const file = files.get(url.pathname.slice(UPLOAD_PATH.length));
      const body = await readRaw(request);
      if (!file || file.completed) {
        send(response, 404, 'text/plain', 'not found');
        return true;
      }
      const content = multipartFile(body, String(request.headers['content-type'] ?? '')) ?? body;
      file.content = content;
      // "Slack will return HTTP 200 if the upload is successful" (files.getUploadURLExternal usage info).
      send(response, 200, 'text/plain', `OK - ${content.length}`);
      return true;
    }
    if (url.pathname.startsWith(DOWNLOAD_PATH) && request.method === 'GET') {
      const [id = ''] = url.pathname.slice(DOWNLOAD_PATH.length).split('/');
      const file = files.get(id);
      // url_private needs the token in an Authorization header (docs.slack.dev/messaging/working-with-files).
      if (!token) {
        send(response, 401, 'text/plain', 'not authed');
        return true;
      }
      if (!file?.content || !file.completed) {
        send(response, 404, 'text/plain', 'not found');
        return true;
      }
      response.writeHead(200, {
        'content-type': `${file.mimetype}; charset=utf-8`,
        'content-disposition': `attachment; filename="${file.name.replace(/[^\w.-]/g, '_')}"`,
        'x-content-type-options': 'nosniff',
      });
      response.end(file.content);
      return true;
    }
    return false;
  }

  return {
    methods,
    handleHttp,
    file: (id) => files.get(id),
    files: () => [...files.values()],
    reset: () => {
      files.clear();
      dms.clear();
    },
  };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function readRaw(request: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => resolve(Buffer.concat(chunks)));
    request.on('error', reject);
  });
}

/** The first file part of a multipart/form-data body, or undefined when the body is not multipart. */
function multipartFile(body: Buffer, contentType: string): Buffer | undefined {
  const boundary = /boundary=(?:"([^"]+)"|([^;]+))/i.exec(contentType);
  if (!contentType.toLowerCase().startsWith('multipart/form-data') || !boundary) return undefined;
  const marker = Buffer.from(`--${boundary[1] ?? boundary[2]}`);
  let start = body.indexOf(marker);
  while (start !== -1) {
    const headerEnd = body.indexOf('\r\n\r\n', start);
    if (headerEnd === -1) return undefined;
    const headers = body.subarray(start, headerEnd).toString('utf8');
    const next = body.indexOf(marker, headerEnd);
    if (next === -1) return undefined;
    if (/filename=/i.test(headers)) return body.subarray(headerEnd + 4, next - 2);
    start = next;
  }
  return undefined;
}

function send(response: ServerResponse, status: number, type: string, text: string): void {
  response.writeHead(status, { 'content-type': `${type}; charset=utf-8` });
  response.end(text);
}
