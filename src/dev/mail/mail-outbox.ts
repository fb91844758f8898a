/**
 * The local mail outbox at /mail: every email the system "sent" through the SES stand-in
 * (aws-ses-v2-local, read from its GET /store), newest first, each openable with its links working, so a
 * crew magic link goes straight to the local crew page. Development only. Email HTML is shown in a
 * sandboxed frame without scripts; links in it open in the top window.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { escapeHtml } from '../html-escape';

export interface MailOutboxOptions {
  /** The SES stand-in's base URL (its own viewer lives there too). */
  sesEndpoint: () => string;
}

interface StoredEmail {
  messageId: string;
  from: string;
  destination: { to: string[]; cc: string[]; bcc: string[] };
  subject: string;
  body: { html?: string; text?: string };
  at: number;
}

export const MAIL_PREFIX = '/mail';

export function createMailOutbox(options: MailOutboxOptions) {
  async function emails(): Promise<StoredEmail[]> {
    const answer = await fetch(`${options.sesEndpoint()}/store`);
    if (!answer.ok) throw new Error(`The SES stand-in answered ${answer.status}`);
    const store = (await answer.json()) as { emails?: StoredEmail[] };
    return [...(store.emails ?? [])].sort((a, b) => b.at - a.at);
  }

  return async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? '/', 'http://outbox');
    const rest = url.pathname.slice(MAIL_PREFIX.length).replace(/^\/+/, '');
    let list: StoredEmail[];
    try {
      list = await emails();
    } catch {
      return send(
        response,
        502,
        page('Mail outbox', '<p>The SES stand-in is not answering. Is npm run dev still running?</p>'),
      );
    }
    if (rest === 'api/count') {
      response.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'no-store' });
      response.end(JSON.stringify({ count: list.length }));
      return;
    }
    if (rest === '')
      return send(response, 200, listPage(list, url.searchParams.get('to') ?? '', options.sesEndpoint()));
    const [id = '', part] = rest.split('/');
    const email = list.find((e) => e.messageId === decodeURIComponent(id));
    if (!email)
      return send(
        response,
        404,
        page('Not found', '<p>No such email. <a href="/mail">Back to the outbox</a></p>'),
      );
    if (part === 'html')
      return send(
        response,
        200,
        withTopTarget(email.body.html ?? ''),
        'sandbox allow-popups allow-popups-to-escape-sandbox allow-top-navigation-by-user-activation',
      );
    return send(response, 200, emailPage(email));
  };
}

function listPage(list: StoredEmail[], to: string, sesEndpoint: string): string {
  const shown = to
    ? list.filter((e) => e.destination.to.some((t) => t.toLowerCase().includes(to.toLowerCase())))
    : list;
  const rows = shown
    .map(
      (e) => `<tr>
        <td class="when">${escapeHtml(new Date(e.at * 1000).toLocaleString('en-US'))}</td>
        <td>${escapeHtml(e.destination.to.join(', '))}</td>
        <td><a href="/mail/${encodeURIComponent(e.messageId)}">${escapeHtml(e.subject || '(no subject)')}</a></td>
        <td class="from">${escapeHtml(e.from)}</td>
      </tr>`,
    )
    .join('');
  const body = `
    <form class="filter" method="get" action="/mail">
      <input type="search" name="to" value="${escapeHtml(to)}" placeholder="Filter by recipient" aria-label="Filter by recipient">
      <button>Filter</button>${to ? ' <a href="/mail">Show all</a>' : ''}
      <span class="note">${shown.length} email${shown.length === 1 ? '' : 's'} · also in <a href="${escapeHtml(sesEndpoint)}/" target="_blank" rel="noopener">the SES stand-in's own viewer</a></span>
    </form>
    ${
      shown.length === 0
        ? '<p class="empty">No emails yet. Create a charter with crew in the Slack sandbox: ShipCaptainCrew emails each of them a link.</p>'
        : `<table><colgroup><col class="when"><col class="to"><col><col class="from"></colgroup><thead><tr><th>Sent</th><th>To</th><th>Subject</th><th>From</th></tr></thead><tbody>${rows}</tbody></table>`
    }
    <script>
      let known = ${list.length};
      setInterval(async () => {
        const r = await fetch('/mail/api/count');
        const { count } = await r.json();
        if (count !== known) location.reload();
      }, 2000);
    </script>`;
  return page('Mail outbox', body);
}

function emailPage(email: StoredEmail): string {
  const text = email.body.text ? `<h2>Plain text</h2><pre>${linkify(escapeHtml(email.body.text))}</pre>` : '';
  const html = email.body.html
    ? `<iframe title="Email" src="/mail/${encodeURIComponent(email.messageId)}/html" sandbox="allow-popups allow-popups-to-escape-sandbox allow-top-navigation-by-user-activation"></iframe>`
    : '';
  return page(
    email.subject || '(no subject)',
    `<p><a href="/mail">← All mail</a></p>
     <dl class="headers">
       <dt>From</dt><dd>${escapeHtml(email.from)}</dd>
       <dt>To</dt><dd>${escapeHtml(email.destination.to.join(', '))}</dd>
       ${email.destination.cc.length ? `<dt>Cc</dt><dd>${escapeHtml(email.destination.cc.join(', '))}</dd>` : ''}
       <dt>Sent</dt><dd>${escapeHtml(new Date(email.at * 1000).toLocaleString('en-US'))}</dd>
     </dl>
     ${html}${text}`,
  );
}

/** Links inside the framed email navigate the whole tab, as they would from a mail client. */
function withTopTarget(html: string): string {
  const base = '<base target="_top">';
  return /<head[^>]*>/i.test(html) ? html.replace(/<head[^>]*>/i, (m) => `${m}${base}`) : `${base}${html}`;
}

function linkify(escaped: string): string {
  return escaped.replace(/https?:\/\/[^\s<>"]+/g, (url) => `<a href="${url}" target="_top">${url}</a>`);
}

function page(title: string, body: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)} · Charter Ops (local)</title>
<style>
  body{font-family:system-ui,-apple-system,"Segoe UI",sans-serif;margin:0;color:#1d1c1d;background:#f6f7f9}
  header{background:#0b3d5c;color:#fff;padding:14px 24px;display:flex;gap:16px;align-items:baseline}
  header a{color:#cfe3f1}
  main{max-width:1000px;margin:0 auto;padding:20px 24px}
  h1{font-size:22px;margin:0}
  table{width:100%;border-collapse:collapse;background:#fff;border:1px solid #ddd;border-radius:8px;overflow:hidden;table-layout:fixed}
  col.when{width:170px} col.to{width:26%} col.from{width:24%}
  td{overflow-wrap:anywhere}
  th,td{text-align:left;padding:10px 12px;border-bottom:1px solid #eee;font-size:14px;vertical-align:top}
  th{background:#fafafa;font-weight:600}
  td.when,td.from{color:#616061}
  td a{font-weight:600}
  .filter{display:flex;gap:8px;align-items:center;margin-bottom:14px}
  .filter input{padding:6px 10px;border:1px solid #bbb;border-radius:6px;min-width:260px}
  .note{color:#616061;font-size:13px}
  .empty{background:#fff;border:1px dashed #bbb;border-radius:8px;padding:28px;text-align:center;color:#616061}
  .headers{display:grid;grid-template-columns:80px 1fr;gap:4px 12px;background:#fff;border:1px solid #ddd;border-radius:8px;padding:12px 16px}
  .headers dt{color:#616061}.headers dd{margin:0}
  iframe{width:100%;height:70vh;border:1px solid #ddd;border-radius:8px;background:#fff;margin-top:14px}
  pre{white-space:pre-wrap;background:#fff;border:1px solid #ddd;border-radius:8px;padding:12px}
</style></head>
<body><header><h1>${escapeHtml(title)}</h1><a href="/">Charter Ops (local)</a><a href="/mail">Outbox</a><a href="/slack-sandbox">Slack sandbox</a></header>
<main>${body}</main></body></html>`;
}

function send(response: ServerResponse, status: number, html: string, csp?: string): void {
  response.writeHead(status, {
    'content-type': 'text/html; charset=utf-8',
    'cache-control': 'no-store',
    ...(csp ? { 'content-security-policy': csp } : {}),
  });
  response.end(html);
}
