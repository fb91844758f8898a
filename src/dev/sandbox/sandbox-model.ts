/**
 * What the Slack sandbox shows each person, kept in one place: the messages, threads and views the app
 * created (read from the Slack Web API stand-in, which records them), plus what Slack itself would keep
 * on its side and the stand-in cannot know: the modal stack per person, inline modal errors, ephemeral
 * replies to commands and response_urls, and messages people type. Pure state; no HTTP here.
 */
import type {
  EphemeralMessage,
  SlackRefusal,
  SlackStandInEvent,
  SlackWebApiStandIn,
  StoredMessage,
  StoredView,
} from '../stand-ins/slack-web-api';

export interface SandboxPersonView {
  id: string;
  name: string;
  title: string;
}

export interface UiMessage {
  ts: string;
  channel: string;
  author: { id: string; name: string; isBot: boolean; isSlackbot?: boolean };
  text: string;
  blocks: unknown[];
  edited: boolean;
  ephemeral: boolean;
  threadTs?: string;
  replies: UiMessage[];
  replyCount: number;
  /** Files shared with the message (files.completeUploadExternal), each with a sandbox download link. */
  files?: UiFile[];
}

export interface UiFile {
  id: string;
  name: string;
  title: string;
  size: number;
  href: string;
}

export interface UiChannel {
  id: string;
  name: string;
  kind: 'channel' | 'app';
}

export interface UiView {
  id: string;
  hash: string;
  view: Record<string, unknown>;
  errors: Record<string, string>;
}

export interface UiNotice {
  id: number;
  level: 'info' | 'warning' | 'error';
  text: string;
}

export interface SandboxSnapshot {
  version: number;
  me: SandboxPersonView;
  people: SandboxPersonView[];
  channels: UiChannel[];
  messages: Record<string, UiMessage[]>;
  modal: UiView[];
  home: UiView | null;
  notices: UiNotice[];
}

/** Where a response_url points back to, so a post to it lands where Slack would put it. */
export interface ResponseTarget {
  user: string;
  channel: string;
  messageTs?: string;
  ephemeral: boolean;
  threadTs?: string;
}

interface LocalMessage {
  channel: string;
  ts: string;
  user: string;
  text: string;
  thread_ts?: string;
}

interface LocalEphemeral extends EphemeralMessage {
  fromSlackbot?: boolean;
}

/** Refusals that leave nothing missing on screen, so they get no red notice (see onRefused). */
const UNSEEN_REFUSALS: ReadonlySet<string> = new Set(['hash_conflict', 'ratelimited']);

export class SandboxModel {
  private version = 0;
  private readonly localMessages: LocalMessage[] = [];
  private readonly localEphemerals: LocalEphemeral[] = [];
  private readonly hiddenEphemerals = new Set<string>();
  private readonly ephemeralOverrides = new Map<string, { text?: string; blocks?: unknown[] }>();
  private readonly stacks = new Map<string, string[]>();
  private readonly viewOverrides = new Map<string, StoredView>();
  private readonly viewErrors = new Map<string, Record<string, string>>();
  private readonly responseTargets = new Map<string, ResponseTarget>();
  private readonly notices = new Map<string, UiNotice[]>();
  private readonly listeners = new Set<(version: number) => void>();
  private lastTs = 0;
  private noticeId = 0;
  private readonly unsubscribe: () => void;

  constructor(
    private readonly standIn: SlackWebApiStandIn,
    private readonly people: readonly SandboxPersonView[],
    private readonly opsChannel: { id: string; name: string },
    private readonly postAsApp: (channel: string, body: Record<string, unknown>) => Promise<void>,
    private readonly appName: string,
  ) {
    this.unsubscribe = standIn.subscribe((event) => this.onStandInEvent(event));
  }

  close(): void {
    this.unsubscribe();
    this.listeners.clear();
  }

  onChange(listener: (version: number) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  person(id: string): SandboxPersonView | undefined {
    return this.people.find((p) => p.id === id);
  }

  channelName(id: string): string {
    if (id === this.opsChannel.id) return this.opsChannel.name;
    return this.person(id) ? 'directmessage' : id.toLowerCase();
  }

  // ── views ────────────────────────────────────────────────────────────────

  view(id: string): StoredView | undefined {
    return this.viewOverrides.get(id) ?? this.standIn.view(id);
  }

  topView(user: string): StoredView | undefined {
    const stack = this.stacks.get(user) ?? [];
    const id = stack[stack.length - 1];
    return id ? this.view(id) : undefined;
  }

  isOpenFor(user: string, viewId: string): boolean {
    return (this.stacks.get(user) ?? []).includes(viewId);
  }

  showViewErrors(viewId: string, errors: Record<string, string>): void {
    this.viewErrors.set(viewId, errors);
    this.changed();
  }

  /** response_action: update: the same view, new content, as Slack does it (same id, new hash). */
  replaceView(viewId: string, next: Record<string, unknown>): void {
    const current = this.view(viewId);
    if (!current) return;
    this.viewOverrides.set(viewId, this.localView(next, current.user_id, viewId, current));
    this.viewErrors.delete(viewId);
    this.changed();
  }

  pushView(user: string, next: Record<string, unknown>): void {
    const id = `VSB${Date.now().toString(36).toUpperCase()}`;
    this.viewOverrides.set(id, this.localView(next, user, id, undefined));
    this.stacks.set(user, [...(this.stacks.get(user) ?? []), id]);
    this.changed();
  }

  /** Closes the top view (an empty answer to a submission) or every view (response_action: clear). */
  closeViews(user: string, which: 'top' | 'all', viewId?: string): void {
    const stack = this.stacks.get(user) ?? [];
    if (which === 'all') this.stacks.set(user, []);
    else this.stacks.set(user, viewId ? stack.filter((id) => id !== viewId) : stack.slice(0, -1));
    this.changed();
  }

  // ── messages ─────────────────────────────────────────────────────────────

  addUserMessage(user: string, channel: string, text: string, threadTs?: string): void {
    this.localMessages.push({
      channel,
      ts: this.nextTs(),
      user,
      text,
      ...(threadTs ? { thread_ts: threadTs } : {}),
    });
    this.changed();
  }

  addEphemeral(input: {
    user: string;
    channel: string;
    text?: string;
    blocks?: unknown[];
    threadTs?: string;
    fromSlackbot?: boolean;
  }): string {
    const ts = this.nextTs();
    this.localEphemerals.push({
      channel: input.channel,
      user: input.user,
      message_ts: ts,
      ...(input.text !== undefined ? { text: input.text } : {}),
      ...(input.blocks ? { blocks: input.blocks } : {}),
      ...(input.threadTs ? { thread_ts: input.threadTs } : {}),
      ...(input.fromSlackbot ? { fromSlackbot: true } : {}),
    });
    this.changed();
    return ts;
  }

  dismissEphemeral(ts: string): void {
    this.hiddenEphemerals.add(ts);
    this.changed();
  }

  findMessage(channel: string, ts: string): StoredMessage | undefined {
    return this.standIn.messages(channel).find((m) => m.ts === ts);
  }

  findEphemeral(user: string, ts: string): EphemeralMessage | undefined {
    return this.allEphemerals().find((e) => e.user === user && e.message_ts === ts);
  }

  rememberResponseTarget(id: string, target: ResponseTarget): void {
    this.responseTargets.set(id, target);
  }

  notify(user: string, level: UiNotice['level'], text: string): void {
    this.noticeId += 1;
    const list = [...(this.notices.get(user) ?? []), { id: this.noticeId, level, text }];
    this.notices.set(user, list.slice(-5));
    this.changed();
  }

  dismissNotice(user: string, id: number): void {
    this.notices.set(
      user,
      (this.notices.get(user) ?? []).filter((n) => n.id !== id),
    );
    this.changed();
  }

  // ── snapshot ─────────────────────────────────────────────────────────────

  snapshot(userId: string): SandboxSnapshot {
    const me = this.person(userId) ?? this.people[0]!;
    const channels: UiChannel[] = [
      { id: this.opsChannel.id, name: this.opsChannel.name, kind: 'channel' },
      { id: me.id, name: this.appName, kind: 'app' },
    ];
    const messages: Record<string, UiMessage[]> = {};
    for (const channel of channels) messages[channel.id] = this.channelMessages(channel.id, me.id);
    const stack = (this.stacks.get(me.id) ?? [])
      .map((id) => this.view(id))
      .filter((v): v is StoredView => v !== undefined);
    const home = this.standIn.homeView(me.id);
    return {
      version: this.version,
      me,
      people: [...this.people],
      channels,
      messages,
      modal: stack.map((v) => this.uiView(v)),
      home: home ? this.uiView(home) : null,
      notices: this.notices.get(me.id) ?? [],
    };
  }

  private uiView(view: StoredView): UiView {
    const { user_id: _owner, ...rest } = view;
    return { id: view.id, hash: view.hash, view: rest, errors: this.viewErrors.get(view.id) ?? {} };
  }

  private channelMessages(channel: string, userId: string): UiMessage[] {
    const all: UiMessage[] = [
      ...this.standIn.messages(channel).map((m) => this.fromStored(m)),
      ...this.localMessages.filter((m) => m.channel === channel).map((m) => this.fromLocal(m)),
      ...this.allEphemerals()
        .filter((e) => e.channel === channel && e.user === userId && !this.hiddenEphemerals.has(e.message_ts))
        .map((e) => this.fromEphemeral(e)),
    ].sort((a, b) => Number(a.ts) - Number(b.ts));
    const roots = all.filter((m) => !m.threadTs || m.threadTs === m.ts);
    for (const reply of all.filter((m) => m.threadTs && m.threadTs !== m.ts)) {
      const root = roots.find((r) => r.ts === reply.threadTs);
      if (root) root.replies.push(reply);
    }
    for (const root of roots) root.replyCount = root.replies.filter((r) => !r.ephemeral).length;
    return roots;
  }

  private fromStored(message: StoredMessage): UiMessage {
    return {
      ts: message.ts,
      channel: message.channel,
      author: { id: message.user, name: this.appName, isBot: true },
      text: message.text ?? '',
      blocks: message.blocks ?? [],
      edited: message.edited !== undefined,
      ephemeral: false,
      ...(message.thread_ts ? { threadTs: message.thread_ts } : {}),
      replies: [],
      replyCount: 0,
      ...(message.files?.length ? { files: message.files.map(uiFile) } : {}),
    };
  }

  private fromLocal(message: LocalMessage): UiMessage {
    const person = this.person(message.user);
    return {
      ts: message.ts,
      channel: message.channel,
      author: { id: message.user, name: person?.name ?? message.user, isBot: false },
      text: message.text,
      blocks: [],
      edited: false,
      ephemeral: false,
      ...(message.thread_ts ? { threadTs: message.thread_ts } : {}),
      replies: [],
      replyCount: 0,
    };
  }

  private fromEphemeral(message: LocalEphemeral): UiMessage {
    const override = this.ephemeralOverrides.get(message.message_ts);
    return {
      ts: message.message_ts,
      channel: message.channel,
      author: message.fromSlackbot
        ? { id: 'USLACKBOT', name: 'Slackbot', isBot: true, isSlackbot: true }
        : { id: 'app', name: this.appName, isBot: true },
      text: override?.text ?? message.text ?? '',
      blocks: override?.blocks ?? message.blocks ?? [],
      edited: false,
      ephemeral: true,
      ...(message.thread_ts ? { threadTs: message.thread_ts } : {}),
      replies: [],
      replyCount: 0,
    };
  }

  private allEphemerals(): LocalEphemeral[] {
    return [...this.standIn.ephemerals(), ...this.localEphemerals];
  }

  // ── the stand-in's events ────────────────────────────────────────────────

  private onStandInEvent(event: SlackStandInEvent): void {
    switch (event.kind) {
      case 'call':
        return;
      case 'view.opened':
        if (event.view.user_id) this.stacks.set(event.view.user_id, [event.view.id]);
        break;
      case 'view.pushed':
        if (event.view.user_id) {
          this.stacks.set(event.view.user_id, [
            ...(this.stacks.get(event.view.user_id) ?? []),
            event.view.id,
          ]);
        }
        break;
      case 'view.updated':
        this.viewOverrides.delete(event.view.id);
        this.viewErrors.delete(event.view.id);
        break;
      case 'response_url':
        void this.onResponseUrl(event.post.id, event.post.body);
        return;
      case 'call.refused':
        this.onRefused(event.refusal);
        return;
      default:
        break;
    }
    this.changed();
  }

  /**
   * Slack refused a call (issue #12): in a real workspace the message or modal would silently not appear, so
   * here whoever would have seen it gets a red notice saying what Slack said instead.
   */
  private onRefused(refusal: SlackRefusal): void {
    // Nothing a person would notice in Slack: a stale views.update losing to a newer one (the hash exists for
    // that race: the margin redrawn while typing) and a rate-limited call the app waits out and sends again.
    if (UNSEEN_REFUSALS.has(refusal.error)) return;
    const where = refusal.method.startsWith('views.')
      ? refusal.method === 'views.publish'
        ? 'App Home'
        : 'modal'
      : 'message';
    const detail = refusal.messages.length > 0 ? `: ${refusal.messages.slice(0, 3).join(' ')}` : '';
    const text = `Slack refused this ${where} (${refusal.method} → ${refusal.error})${detail}`;
    const viewer = refusal.user_id || undefined;
    const audience = viewer ? [viewer] : this.people.map((p) => p.id);
    for (const user of audience) this.notify(user, 'error', text);
  }

  /** A post to a response_url, applied the way Slack applies it. */
  private async onResponseUrl(id: string, body: Record<string, unknown>): Promise<void> {
    const target = this.responseTargets.get(id);
    if (!target) return;
    const blocks = Array.isArray(body.blocks) ? (body.blocks as unknown[]) : undefined;
    const text = typeof body.text === 'string' ? body.text : undefined;
    const truthy = (v: unknown) => v === true || v === 'true';
    if (truthy(body.delete_original)) {
      if (target.messageTs && target.ephemeral) this.hiddenEphemerals.add(target.messageTs);
      this.changed();
      return;
    }
    if (truthy(body.replace_original) && target.messageTs) {
      if (target.ephemeral) {
        this.ephemeralOverrides.set(target.messageTs, {
          ...(text !== undefined ? { text } : {}),
          ...(blocks ? { blocks } : {}),
        });
        this.changed();
      } else {
        await this.postAsApp('chat.update', { channel: target.channel, ts: target.messageTs, text, blocks });
      }
      return;
    }
    if (body.response_type === 'in_channel') {
      await this.postAsApp('chat.postMessage', {
        channel: target.channel,
        text,
        blocks,
        ...(target.threadTs ? { thread_ts: target.threadTs } : {}),
      });
      return;
    }
    this.addEphemeral({
      user: target.user,
      channel: target.channel,
      ...(text !== undefined ? { text } : {}),
      ...(blocks ? { blocks } : {}),
      ...(target.threadTs ? { threadTs: target.threadTs } : {}),
    });
  }

  private localView(
    next: Record<string, unknown>,
    user: string,
    id: string,
    current: StoredView | undefined,
  ): StoredView {
    return {
      ...(next as Record<string, unknown>),
      id,
      hash: `${Math.floor(Date.now() / 1000)}.sandbox${this.version}`,
      team_id: current?.team_id ?? '',
      app_id: current?.app_id ?? '',
      bot_id: current?.bot_id ?? '',
      type: String(next.type ?? 'modal'),
      blocks: Array.isArray(next.blocks) ? (next.blocks as unknown[]) : [],
      state: { values: {} },
      root_view_id: current?.root_view_id ?? id,
      previous_view_id: current?.previous_view_id ?? null,
      user_id: user,
    };
  }

  private nextTs(): string {
    // Offset by half a millisecond from the stand-in's own ts values, which start at the whole millisecond.
    const now = Date.now() * 1000 + 500;
    this.lastTs = Math.max(now, this.lastTs + 1);
    return `${Math.floor(this.lastTs / 1_000_000)}.${String(this.lastTs % 1_000_000).padStart(6, '0')}`;
  }

  private changed(): void {
    this.version += 1;
    for (const listener of this.listeners) listener(this.version);
  }
}

/** A shared file as the sandbox shows it; the link goes through the sandbox (see slack-sandbox.ts). */
function uiFile(file: Record<string, unknown>): UiFile {
  const id = String(file.id ?? '');
  return {
    id,
    name: String(file.name ?? ''),
    title: String(file.title ?? file.name ?? ''),
    size: Number(file.size ?? 0),
    href: `/slack-sandbox/files/${encodeURIComponent(id)}`,
  };
}
