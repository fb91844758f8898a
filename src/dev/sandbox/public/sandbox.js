// The Slack sandbox page: a channel, its threads, the app's DM and Home, modals and confirm dialogs, for
// whichever roster person you choose to be. Everything it shows comes from /slack-sandbox/api/state; everything
// you do goes to the sandbox server, which signs it and sends it to the app as Slack would.

import { collectState, renderBlocks, restoreState, showErrors, validateForm } from './block-kit.js';
import { escapeHtml, mrkdwnToHtml, plainToHtml, setLinkRewriter, textToHtml } from './mrkdwn.js';

const API = '/slack-sandbox/api';
const $ = (id) => document.getElementById(id);

const params = new URLSearchParams(location.search);
const ui = {
  user: params.get('user') ?? localStorage.getItem('sandbox.user') ?? '',
  place: params.get('channel') === 'app' ? 'app' : 'ops',
  tab: 'messages',
  threadTs: null,
  snapshot: null,
  keys: { messages: '', thread: '', modal: '', sidebar: '' },
  modalViewId: null,
};

async function post(path, body) {
  const response = await fetch(`${API}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  const answer = await response.json().catch(() => ({ ok: false, error: `HTTP ${response.status}` }));
  if (answer.ok === false && answer.error && path !== '/submit') toast('error', answer.error);
  return answer;
}

let refreshing = null;
let again = false;
async function refresh() {
  if (refreshing) {
    again = true;
    return refreshing;
  }
  refreshing = (async () => {
    try {
      // A tab left open while the system (re)starts asks before the sandbox is mounted, or while the gateway
      // is down: keep what is shown and let the event stream's reconnect (or the interval) ask again.
      const snapshot = await fetch(`${API}/state?user=${encodeURIComponent(ui.user)}`)
        .then((response) => (response.ok ? response.json() : undefined))
        .catch(() => undefined);
      if (!snapshot) return;
      ui.snapshot = snapshot;
      if (!ui.user) ui.user = ui.snapshot.me.id;
      setLinkRewriter(localSiteLink(ui.snapshot.sites ?? {}));
      render();
    } finally {
      refreshing = null;
      if (again) {
        again = false;
        refresh();
      }
    }
  })();
  return refreshing;
}

/** https://<brand domain>/g/x in a message opens the local site's /sites/<domain>/g/x instead. */
function localSiteLink(sites) {
  return (url) => {
    try {
      const parsed = new URL(url);
      const local = sites[parsed.hostname];
      return local ? `${local}${parsed.pathname.slice(1)}${parsed.search}${parsed.hash}` : url;
    } catch {
      return url;
    }
  };
}

function currentChannel() {
  const { channels } = ui.snapshot;
  return ui.place === 'app'
    ? channels.find((c) => c.kind === 'app')
    : channels.find((c) => c.kind === 'channel');
}

/**
 * Names by id for `<@U…>` and `<#C…>`. Channels only of kind 'channel': the app's DM is keyed by the
 * viewer's own user id, which must keep naming the person.
 */
function peopleMap() {
  const channels = ui.snapshot.channels.filter((c) => c.kind === 'channel');
  return Object.fromEntries([...channels, ...ui.snapshot.people].map((p) => [p.id, p.name]));
}

function blockContext(surface, source, extra = {}) {
  return {
    surface,
    people: ui.snapshot.people,
    channels: ui.snapshot.channels.filter((c) => c.kind === 'channel'),
    errors: extra.errors ?? {},
    confirm: confirmDialog,
    async onAction(action) {
      const state = extra.stateRoot ? collectState(extra.stateRoot()) : {};
      await post('/action', { user: ui.user, source, action, state });
      await refresh();
    },
    onSuggest(actionId, blockId, value) {
      const state = extra.stateRoot ? collectState(extra.stateRoot()) : {};
      return post('/suggest', { user: ui.user, viewId: source.viewId, actionId, blockId, value, state });
    },
  };
}

// ── rendering ──────────────────────────────────────────────────────────────

function render() {
  const snap = ui.snapshot;
  document.body.dataset.version = String(snap.version);
  document.body.dataset.user = snap.me.id;
  renderSidebar();
  const channel = currentChannel();
  $('channel-title').textContent = channel.kind === 'app' ? channel.name : `# ${channel.name}`;
  renderTabs(channel);
  $('composer-input').placeholder =
    channel.kind === 'app' ? `Message ${channel.name}` : `Message #${channel.name} — try /charter new`;

  const messages = snap.messages[channel.id] ?? [];
  if (ui.tab === 'home' && snap.home) {
    const key = `home:${snap.home.id}:${snap.home.hash}`;
    if (ui.keys.messages !== key) {
      ui.keys.messages = key;
      const home = document.createElement('div');
      home.className = 'home';
      home.appendChild(
        renderBlocks(
          snap.home.view.blocks ?? [],
          blockContext('home', { kind: 'view', viewId: snap.home.id }),
        ),
      );
      $('messages').replaceChildren(home);
    }
    $('composer').hidden = true;
  } else {
    $('composer').hidden = false;
    const key = `${snap.me.id}:${channel.id}:${JSON.stringify(messages)}`;
    if (ui.keys.messages !== key) {
      ui.keys.messages = key;
      renderMessageList($('messages'), messages, channel, emptyNote(channel));
    }
  }
  renderThread(channel, messages);
  renderModal();
  renderNotices();
}

function emptyNote(channel) {
  const note = document.createElement('div');
  note.className = 'empty';
  note.innerHTML =
    channel.kind === 'app'
      ? `Messages from ${escapeHtml(channel.name)} to you appear here.`
      : 'No messages yet. Type <code>/charter new</code> below to create a charter.';
  return note;
}

function renderSidebar() {
  const snap = ui.snapshot;
  const key = JSON.stringify([snap.me.id, snap.people, snap.links, ui.place, snap.team]);
  if (ui.keys.sidebar === key) return;
  ui.keys.sidebar = key;
  $('workspace-name').textContent = snap.team?.name ?? 'Charter Ops';
  const switcher = $('user-switcher');
  switcher.replaceChildren(
    ...snap.people.map((p) => {
      const option = document.createElement('option');
      option.value = p.id;
      option.textContent = `${p.name} — ${p.title}`;
      return option;
    }),
  );
  switcher.value = snap.me.id;

  const navButton = (label, active, onClick) => {
    const li = document.createElement('li');
    const button = document.createElement('button');
    button.type = 'button';
    button.innerHTML = label;
    button.classList.toggle('active', active);
    button.addEventListener('click', onClick);
    li.appendChild(button);
    return li;
  };
  const ops = snap.channels.find((c) => c.kind === 'channel');
  const app = snap.channels.find((c) => c.kind === 'app');
  $('channel-list').replaceChildren(
    navButton(`<span>#</span> ${escapeHtml(ops.name)}`, ui.place === 'ops', () => go('ops')),
  );
  $('app-list').replaceChildren(
    navButton(`<span>⚓</span> ${escapeHtml(app.name)}`, ui.place === 'app', () => go('app')),
  );
  $('link-list').replaceChildren(
    ...Object.entries(snap.links ?? {}).map(([label, href]) => {
      const li = document.createElement('li');
      const a = document.createElement('a');
      a.href = href;
      a.target = '_blank';
      a.rel = 'noopener';
      a.textContent = `↗ ${label}`;
      li.appendChild(a);
      return li;
    }),
  );
}

function renderTabs(channel) {
  const tabs = $('channel-tabs');
  if (channel.kind !== 'app') {
    tabs.replaceChildren();
    return;
  }
  const tab = (name, label) => {
    const button = document.createElement('button');
    button.type = 'button';
    button.role = 'tab';
    button.textContent = label;
    button.classList.toggle('active', ui.tab === name);
    button.addEventListener('click', () => openTab(name));
    return button;
  };
  const app = ui.snapshot.app ?? { homeTab: true, messagesTab: true };
  const hasMessages = (ui.snapshot.messages[channel.id] ?? []).length > 0;
  const shown = [];
  if (app.homeTab) shown.push(tab('home', 'Home'));
  if (app.messagesTab || hasMessages) shown.push(tab('messages', 'Messages'));
  tabs.replaceChildren(...shown);
}

/** Slack tells the app (app_home_opened) whenever someone opens one of its tabs. */
function openTab(name) {
  ui.tab = name;
  ui.keys.messages = '';
  render();
  post('/home-opened', { user: ui.user, tab: name });
}

function go(place) {
  ui.place = place;
  ui.threadTs = null;
  ui.keys.messages = '';
  $('messages').dataset.follow = 'true';
  ui.keys.sidebar = '';
  syncUrl();
  if (place === 'app') openTab(ui.snapshot.app?.homeTab === false ? 'messages' : 'home');
  else {
    ui.tab = 'messages';
    render();
  }
}

function syncUrl() {
  const url = new URL(location.href);
  url.searchParams.set('user', ui.user);
  if (ui.place === 'app') url.searchParams.set('channel', 'app');
  else url.searchParams.delete('channel');
  history.replaceState(null, '', url);
  localStorage.setItem('sandbox.user', ui.user);
}

function renderMessageList(container, messages, channel, empty, options = {}) {
  const nodes = messages.map((m) => renderMessage(m, channel, options));
  if (nodes.length === 0 && empty) nodes.push(empty);
  const follow = container.dataset.follow !== 'false' || options.forceBottom;
  container.replaceChildren(...nodes);
  if (follow) scrollToNewest(container);
}

// ── following the newest message ───────────────────────────────────────────
// Like Slack's client: a pane opens at its newest message and stays there as messages arrive, until the person
// scrolls up to read; scrolling back to the bottom (or sending something) follows again.

const FOLLOW_SLACK_PX = 80;

function atBottom(container) {
  return container.scrollHeight - container.scrollTop - container.clientHeight < FOLLOW_SLACK_PX;
}

function scrollToNewest(container) {
  container.dataset.follow = 'true';
  container.scrollTop = container.scrollHeight;
}

function followNewest(container) {
  container.dataset.follow = 'true';
  container.addEventListener('scroll', () => {
    container.dataset.follow = String(atBottom(container));
  });
  // Images (app icons, a charter's photo) load after the list is drawn and push the newest message down.
  container.addEventListener(
    'load',
    () => {
      if (container.dataset.follow === 'true') container.scrollTop = container.scrollHeight;
    },
    true,
  );
  // Opening or closing the thread pane rewraps every message in the channel pane.
  new ResizeObserver(() => {
    if (container.dataset.follow === 'true') container.scrollTop = container.scrollHeight;
  }).observe(container);
}

const PALETTE = ['#e8912d', '#2bac76', '#4a154b', '#1264a3', '#cd2553', '#7c3085', '#0b4c8c'];
function avatarFor(author) {
  const node = document.createElement('div');
  node.className = 'avatar';
  if (author.isSlackbot) {
    node.classList.add('slackbot');
    node.textContent = '✱';
  } else if (author.isBot) {
    node.classList.add('bot');
    const icon = document.createElement('img');
    icon.src = '/slack-sandbox/static/app-icon.svg';
    icon.alt = '';
    node.appendChild(icon);
  } else {
    const hash = [...author.id].reduce((sum, c) => sum + c.charCodeAt(0), 0);
    node.style.background = PALETTE[hash % PALETTE.length];
    node.textContent = author.name
      .split(/\s+/)
      .map((part) => part[0])
      .join('')
      .slice(0, 2);
  }
  return node;
}

/** A shared file as Slack shows it: a card with the name, the size and a download link. */
function renderFile(file) {
  const card = document.createElement('div');
  card.className = 'file-card';
  const icon = document.createElement('span');
  icon.className = 'file-icon';
  icon.textContent = file.name.toLowerCase().endsWith('.csv') ? 'CSV' : 'FILE';
  const info = document.createElement('div');
  info.className = 'file-info';
  const title = document.createElement('div');
  title.className = 'file-title';
  title.textContent = file.title || file.name;
  const meta = document.createElement('div');
  meta.className = 'file-meta';
  meta.textContent = `${file.name} · ${file.size < 1024 ? `${file.size} B` : `${(file.size / 1024).toFixed(1)} KB`}`;
  info.append(title, meta);
  const link = document.createElement('a');
  link.className = 'file-download';
  link.href = `${file.href}?user=${encodeURIComponent(ui.user)}`;
  link.setAttribute('download', file.name);
  link.textContent = 'Download';
  card.append(icon, info, link);
  return card;
}

function renderMessage(message, channel, options) {
  const row = document.createElement('div');
  row.className = `message${message.ephemeral ? ' ephemeral' : ''}`;
  row.dataset.ts = message.ts;
  row.appendChild(avatarFor(message.author));
  const body = document.createElement('div');
  body.className = 'message-body';

  if (message.ephemeral) {
    const note = document.createElement('div');
    note.className = 'only-you';
    note.innerHTML = '<span>👁 Only visible to you</span>';
    const dismiss = document.createElement('button');
    dismiss.type = 'button';
    dismiss.className = 'link-button';
    dismiss.textContent = 'Dismiss';
    dismiss.addEventListener('click', async () => {
      await post('/dismiss', { user: ui.user, ts: message.ts });
      refresh();
    });
    note.appendChild(dismiss);
    body.appendChild(note);
  }
  const head = document.createElement('div');
  head.className = 'message-head';
  const time = new Date(Number(message.ts) * 1000).toLocaleTimeString([], {
    hour: 'numeric',
    minute: '2-digit',
  });
  head.innerHTML = `<span class="author">${escapeHtml(message.author.name)}</span>${
    message.author.isBot && !message.author.isSlackbot ? '<span class="app-tag">APP</span>' : ''
  }<span class="time">${escapeHtml(time)}</span>`;
  body.appendChild(head);

  if (message.blocks.length > 0) {
    const source = message.ephemeral
      ? { kind: 'ephemeral', channel: channel.id, ts: message.ts }
      : { kind: 'message', channel: channel.id, ts: message.ts };
    body.appendChild(renderBlocks(message.blocks, blockContext('message', source)));
  } else {
    const text = document.createElement('div');
    text.className = 'message-text';
    text.innerHTML = mrkdwnToHtml(message.text, peopleMap());
    body.appendChild(text);
  }
  for (const file of message.files ?? []) body.appendChild(renderFile(file));
  if (message.edited) {
    const edited = document.createElement('span');
    edited.className = 'edited';
    edited.textContent = '(edited)';
    body.appendChild(edited);
  }
  if (!options.inThread && message.replyCount > 0) {
    const summary = document.createElement('button');
    summary.type = 'button';
    summary.className = 'thread-summary';
    summary.textContent = `${message.replyCount} ${message.replyCount === 1 ? 'reply' : 'replies'}`;
    summary.addEventListener('click', () => openThread(message.ts));
    body.appendChild(summary);
  }
  row.appendChild(body);
  if (!options.inThread && !message.ephemeral) {
    const actions = document.createElement('div');
    actions.className = 'message-actions';
    const reply = document.createElement('button');
    reply.type = 'button';
    reply.textContent = '💬 Reply in thread';
    reply.addEventListener('click', () => openThread(message.ts));
    actions.appendChild(reply);
    row.appendChild(actions);
  }
  return row;
}

function openThread(ts) {
  ui.threadTs = ts;
  ui.keys.thread = '';
  render();
}

function renderThread(channel, messages) {
  const pane = $('thread');
  const root = ui.threadTs ? messages.find((m) => m.ts === ui.threadTs) : undefined;
  if (!root) {
    pane.hidden = true;
    ui.keys.thread = '';
    return;
  }
  pane.hidden = false;
  $('thread-channel').textContent = channel.kind === 'app' ? channel.name : `#${channel.name}`;
  const key = JSON.stringify(root);
  if (ui.keys.thread === key) return;
  const first = ui.keys.thread === '';
  ui.keys.thread = key;
  const container = $('thread-messages');
  const divider = document.createElement('div');
  divider.className = 'thread-divider';
  divider.textContent = `${root.replyCount} ${root.replyCount === 1 ? 'reply' : 'replies'}`;
  const nodes = [renderMessage(root, channel, { inThread: true }), divider];
  for (const reply of root.replies) nodes.push(renderMessage(reply, channel, { inThread: true }));
  const follow = first || container.dataset.follow !== 'false';
  container.replaceChildren(...nodes);
  if (follow) scrollToNewest(container);
}

function renderModal() {
  const stack = ui.snapshot.modal;
  const top = stack[stack.length - 1];
  const backdrop = $('modal-backdrop');
  if (!top) {
    backdrop.hidden = true;
    ui.keys.modal = '';
    ui.modalViewId = null;
    return;
  }
  const key = `${top.id}:${top.hash}:${JSON.stringify(top.errors)}`;
  if (ui.keys.modal === key) return;
  const body = $('modal-body');
  const sameView = ui.modalViewId === top.id;
  const kept = sameView ? collectState(body) : undefined;
  ui.keys.modal = key;
  ui.modalViewId = top.id;
  const { view } = top;
  $('modal-title').innerHTML = plainToHtml(view.title);
  $('modal-submit').hidden = !view.submit;
  $('modal-submit').innerHTML = view.submit ? plainToHtml(view.submit) : 'Submit';
  $('modal-close').innerHTML = view.close ? plainToHtml(view.close) : 'Cancel';
  $('modal-back').hidden = stack.length < 2;
  $('modal-banner').hidden = true;
  const blocks = renderBlocks(
    view.blocks ?? [],
    blockContext('modal', { kind: 'view', viewId: top.id }, { errors: top.errors, stateRoot: () => body }),
  );
  // Slack redraws a view under the person's fingers (a margin that follows each keystroke): the field they are
  // typing in keeps its focus and caret.
  const focused = sameView ? focusOf(body) : undefined;
  body.replaceChildren(blocks);
  if (kept) restoreState(body, kept);
  if (focused) refocus(body, focused);
  backdrop.hidden = false;
  if (!sameView) {
    body.scrollTop = 0;
    body.querySelector('input, textarea, select')?.focus();
  } else if (Object.keys(top.errors).length > 0) {
    body.querySelector('.bk-has-error')?.scrollIntoView({ block: 'center' });
  }
}

function focusOf(root) {
  const active = document.activeElement;
  if (!active || !root.contains(active)) return undefined;
  const input = active.closest('[data-bk-input]') ?? active;
  const caret = typeof active.selectionStart === 'number' ? active.selectionStart : null;
  return { blockId: input.dataset.blockId, actionId: input.dataset.actionId, caret };
}

function refocus(root, focused) {
  const input = [...root.querySelectorAll('[data-bk-input]')].find(
    (node) => node.dataset.blockId === focused.blockId && node.dataset.actionId === focused.actionId,
  );
  const target = input?.matches('input, select, textarea')
    ? input
    : input?.querySelector('input, select, textarea');
  if (!target) return;
  target.focus({ preventScroll: true });
  if (focused.caret !== null && typeof target.setSelectionRange === 'function') {
    try {
      target.setSelectionRange(focused.caret, focused.caret);
    } catch {
      // number inputs have no caret position to set
    }
  }
}

async function submitModal() {
  const viewId = ui.modalViewId;
  if (!viewId) return;
  const body = $('modal-body');
  const local = validateForm(body);
  if (Object.keys(local).length > 0) {
    showErrors(body, local);
    body.querySelector('.bk-has-error')?.scrollIntoView({ block: 'center' });
    return;
  }
  showErrors(body, {});
  const button = $('modal-submit');
  button.disabled = true;
  button.classList.add('bk-busy');
  try {
    const answer = await post('/submit', { user: ui.user, viewId, state: collectState(body) });
    if (!answer.ok) {
      $('modal-banner').textContent = answer.error ?? 'Something went wrong. Try again?';
      $('modal-banner').hidden = false;
    }
  } finally {
    button.disabled = false;
    button.classList.remove('bk-busy');
  }
  await refresh();
}

async function closeModal() {
  const viewId = ui.modalViewId;
  if (!viewId) return;
  await post('/close', { user: ui.user, viewId, state: collectState($('modal-body')) });
  await refresh();
}

function confirmDialog(dialog) {
  return new Promise((resolve) => {
    $('confirm-title').innerHTML = plainToHtml(dialog.title ?? { text: 'Are you sure?' });
    $('confirm-text').innerHTML = textToHtml(dialog.text, peopleMap());
    const ok = $('confirm-ok');
    ok.innerHTML = plainToHtml(dialog.confirm ?? { text: 'Yes' });
    ok.className = `bk-button ${dialog.style === 'danger' ? 'bk-danger' : 'bk-primary'}`;
    $('confirm-deny').innerHTML = plainToHtml(dialog.deny ?? { text: 'Cancel' });
    const backdrop = $('confirm-backdrop');
    backdrop.hidden = false;
    ok.focus();
    const finish = (answer) => {
      backdrop.hidden = true;
      ok.onclick = null;
      $('confirm-deny').onclick = null;
      resolve(answer);
    };
    ok.onclick = () => finish(true);
    $('confirm-deny').onclick = () => finish(false);
  });
}

const localToasts = [];
function toast(level, text) {
  localToasts.push({ id: `local-${Date.now()}-${Math.random()}`, level, text });
  renderNotices();
}

function renderNotices() {
  const server = ui.snapshot?.notices ?? [];
  const all = [...server, ...localToasts];
  $('toasts').replaceChildren(
    ...all.map((notice) => {
      const node = document.createElement('div');
      node.className = `toast ${notice.level}`;
      node.setAttribute('role', 'status');
      const p = document.createElement('p');
      p.textContent = notice.text;
      const close = document.createElement('button');
      close.type = 'button';
      close.className = 'icon-button';
      close.setAttribute('aria-label', 'Dismiss');
      close.textContent = '×';
      close.addEventListener('click', async () => {
        const index = localToasts.findIndex((t) => t.id === notice.id);
        if (index >= 0) {
          localToasts.splice(index, 1);
          renderNotices();
        } else {
          await post('/dismiss', { user: ui.user, notice: notice.id });
          refresh();
        }
      });
      node.append(p, close);
      return node;
    }),
  );
}

// ── composing ──────────────────────────────────────────────────────────────

async function send(input, threadTs) {
  const text = input.value.trim();
  if (!text) return;
  input.value = '';
  autosize(input);
  $('command-menu').hidden = true;
  // Whoever sends something wants to see it (and the app's answer), wherever they had scrolled to.
  $(threadTs ? 'thread-messages' : 'messages').dataset.follow = 'true';
  await post('/command', {
    user: ui.user,
    channel: currentChannel().id,
    text,
    ...(threadTs ? { threadTs } : {}),
  });
  await refresh();
}

function autosize(textarea) {
  textarea.style.height = 'auto';
  textarea.style.height = `${Math.min(textarea.scrollHeight, 200)}px`;
}

function updateCommandMenu() {
  const input = $('composer-input');
  const menu = $('command-menu');
  const value = input.value;
  const commands = ui.snapshot?.commands ?? [];
  if (!value.startsWith('/') || value.includes(' ')) {
    menu.hidden = true;
    return;
  }
  const matches = commands.filter((c) => c.command.startsWith(value));
  if (matches.length === 0) {
    menu.hidden = true;
    return;
  }
  menu.replaceChildren(
    ...matches.map((c) => {
      const button = document.createElement('button');
      button.type = 'button';
      button.innerHTML = `<b>${escapeHtml(c.command)}</b><span class="usage">${escapeHtml(c.usageHint ?? '')}</span><br><small>${escapeHtml(c.description ?? '')}</small>`;
      button.addEventListener('click', () => {
        input.value = `${c.command} `;
        menu.hidden = true;
        input.focus();
      });
      return button;
    }),
  );
  menu.hidden = false;
}

function wireComposer(form, input, threadTs) {
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    send(input, threadTs());
  });
  input.addEventListener('keydown', (event) => {
    if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
      event.preventDefault();
      send(input, threadTs());
    }
  });
  input.addEventListener('input', () => autosize(input));
}

// ── start ──────────────────────────────────────────────────────────────────

followNewest($('messages'));
followNewest($('thread-messages'));
wireComposer($('composer'), $('composer-input'), () => undefined);
wireComposer($('thread-composer'), $('thread-input'), () => ui.threadTs);
$('composer-input').addEventListener('input', updateCommandMenu);
$('thread-close').addEventListener('click', () => {
  ui.threadTs = null;
  render();
});
$('user-switcher').addEventListener('change', (event) => {
  ui.user = event.target.value;
  ui.threadTs = null;
  ui.keys = { messages: '', thread: '', modal: '', sidebar: '' };
  ui.modalViewId = null;
  syncUrl();
  refresh();
});
$('modal-submit').addEventListener('click', submitModal);
$('modal-close').addEventListener('click', closeModal);
$('modal-back').addEventListener('click', async () => {
  if (!ui.modalViewId) return;
  await post('/close', { user: ui.user, viewId: ui.modalViewId, back: true });
  await refresh();
});
$('modal-x').addEventListener('click', closeModal);
document.addEventListener('keydown', (event) => {
  if (event.key === 'Escape' && !$('confirm-backdrop').hidden) $('confirm-deny').click();
  else if (event.key === 'Escape' && !$('modal-backdrop').hidden) closeModal();
});

const events = new EventSource(`${API}/events`);
let pending;
events.addEventListener('change', () => {
  clearTimeout(pending);
  pending = setTimeout(refresh, 40);
});
events.addEventListener('open', () => refresh());
setInterval(refresh, 10_000);
await refresh();
syncUrl();
