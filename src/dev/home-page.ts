/**
 * The gateway's own pages: `/` (what runs and where, for someone who just typed `npm run dev`) and `/sites`
 * (each brand's published guest pages, read from its bucket). Development only; shows addresses, never
 * secrets.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { ListObjectsV2Command, type S3Client } from '@aws-sdk/client-s3';
import type { Brand } from '../domain';
import type { DevEndpoints } from './endpoints';
import { escapeHtml } from './html-escape';

export function homePage(endpoints: () => DevEndpoints | undefined) {
  return async (_request: IncomingMessage, response: ServerResponse): Promise<void> => {
    const e = endpoints();
    if (!e) return send(response, 503, layout('Starting…', '<p>Still starting. Reload in a moment.</p>'));
    const card = (title: string, href: string | undefined, text: string) =>
      href
        ? `<a class="card" href="${escapeHtml(href)}"><h2>${escapeHtml(title)}</h2><p>${text}</p><code>${escapeHtml(href)}</code></a>`
        : '';
    const slackCard =
      e.slack.mode === 'sandbox'
        ? card(
            'Slack sandbox',
            e.slack.sandbox,
            'A Slack channel for this app, in your browser. Type <b>/charter new</b>, switch between operator, captain and crew.',
          )
        : `<div class="card"><h2>Slack</h2><p>${
            e.slack.mode === 'socket'
              ? 'Connected to your workspace over Socket Mode: use /charter there.'
              : `Talking to the Slack Web API at <code>${escapeHtml(e.slack.webApi ?? '')}</code>.`
          }</p></div>`;
    const sites = Object.entries(e.sites)
      .map(
        ([domain, site]) =>
          `<li><a href="${escapeHtml(`${e.sitesIndex}#${domain}`)}">${escapeHtml(domain)}</a> <span class="muted">bucket ${escapeHtml(site.bucket)}, distribution ${escapeHtml(site.distributionId)}</span></li>`,
      )
      .join('');
    const rows = (
      [
        ['Slack events URL', e.slack.eventsUrl],
        ['SCC API', e.scc],
        ['Crew pages', e.crewPage],
        ['Dashboard API', e.dashboard],
        ['DynamoDB Local', `${e.aws.dynamodb} (table ${e.aws.tableName})`],
        ['S3 (s3rver)', e.aws.s3],
        ['SES (aws-ses-v2-local)', e.aws.ses],
        ['CloudFront stand-in', e.aws.cloudfront],
        ['Region', e.aws.region],
        ['Data directory', e.dataDir],
      ] as const
    )
      .map(([k, v]) => `<tr><th>${escapeHtml(k)}</th><td><code>${escapeHtml(v)}</code></td></tr>`)
      .join('');
    const body = `
      <p class="lead">The whole system on this machine: create a charter in Slack, watch its thread, confirm as the
      captain, open the crew email, confirm as crew, and read the guest page.</p>
      <div class="cards">
        ${slackCard}
        ${card('Mail outbox', e.mail.outbox, 'Every email the system sent: crew invitations with their magic links.')}
        ${card('Guest sites', e.sitesIndex, 'Each brand’s published charter pages, served through the CloudFront Function and an edge cache.')}
      </div>
      <h2>Brand sites</h2><ul>${sites}</ul>
      <h2>Endpoints</h2><table>${rows}</table>
      <p class="muted">Started in ${(e.startupMs / 1000).toFixed(1)} s at ${escapeHtml(e.startedAt)}. Scripts: <a href="/endpoints.json">endpoints.json</a>.</p>`;
    send(response, 200, layout('Charter Ops — local', body));
  };
}

export function sitesIndexPage(brands: readonly Brand[], s3: S3Client, sitesBase: () => string) {
  return async (_request: IncomingMessage, response: ServerResponse): Promise<void> => {
    const sections: string[] = [];
    for (const brand of brands) {
      let items: { key: string; modified?: Date }[] = [];
      let problem = '';
      try {
        const listed = await s3.send(new ListObjectsV2Command({ Bucket: brand.bucket, Prefix: 'g/' }));
        items = (listed.Contents ?? [])
          .filter((o) => o.Key?.endsWith('.html'))
          .map((o) => ({ key: o.Key!, ...(o.LastModified ? { modified: o.LastModified } : {}) }))
          .sort((a, b) => (b.modified?.getTime() ?? 0) - (a.modified?.getTime() ?? 0));
      } catch (error) {
        problem = `The bucket could not be read: ${escapeHtml(String(error))}`;
      }
      const base = `${sitesBase()}/sites/${brand.domain}`;
      const list = items
        .map((item) => {
          const path = `/${item.key.replace(/\.html$/, '')}`;
          return `<li><a href="${escapeHtml(base + path)}">${escapeHtml(path)}</a> <span class="muted">${escapeHtml(item.modified?.toLocaleString('en-US') ?? '')}</span></li>`;
        })
        .join('');
      sections.push(
        `<section id="${escapeHtml(brand.domain)}"><h2>${escapeHtml(brand.brandName)} <span class="muted">${escapeHtml(brand.domain)}</span></h2>${
          problem || (list ? `<ul>${list}</ul>` : '<p class="muted">No guest pages published yet.</p>')
        }</section>`,
      );
    }
    send(response, 200, layout('Guest sites', sections.join('')));
  };
}

function layout(title: string, body: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>
  body{font-family:system-ui,-apple-system,"Segoe UI",sans-serif;margin:0;color:#1b1f23;background:#f7f5f0}
  header{background:#0b3d5c;color:#fff;padding:16px 28px;display:flex;gap:18px;align-items:baseline}
  header a{color:#cfe3f1} h1{margin:0;font-size:22px}
  main{max-width:980px;margin:0 auto;padding:24px 28px}
  .lead{font-size:17px;line-height:1.5}
  .cards{display:grid;grid-template-columns:repeat(auto-fit,minmax(260px,1fr));gap:16px;margin:20px 0}
  .card{display:block;background:#fff;border:1px solid #ddd;border-radius:10px;padding:16px 18px;color:inherit;text-decoration:none}
  a.card:hover{border-color:#0b3d5c;box-shadow:0 2px 8px rgba(0,0,0,.08)}
  .card h2{margin:0 0 6px;font-size:18px;color:#0b3d5c}.card p{margin:0 0 10px;line-height:1.45}
  code{font-size:13px;background:#eef2f5;border-radius:4px;padding:1px 5px}
  table{border-collapse:collapse;background:#fff;border:1px solid #ddd;width:100%}
  th,td{text-align:left;padding:8px 12px;border-bottom:1px solid #eee;font-size:14px}
  th{width:220px;font-weight:600}
  section{background:#fff;border:1px solid #ddd;border-radius:10px;padding:6px 18px 12px;margin-bottom:16px}
  li{margin:6px 0}.muted{color:#6a737d;font-size:13px;font-weight:400}
</style></head><body>
<header><h1>${escapeHtml(title)}</h1><a href="/">Home</a><a href="/slack-sandbox">Slack sandbox</a><a href="/mail">Mail</a><a href="/sites">Sites</a></header>
<main>${body}</main></body></html>`;
}

function send(response: ServerResponse, status: number, html: string): void {
  response.writeHead(status, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
  response.end(html);
}
