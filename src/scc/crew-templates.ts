/**
 * The crew's mustache templates (templates/crew/): the crew page, the notice page (expired, invalid and
 * other dead-end links) and the four crew emails, HTML and text. Read once per container.
 * Crew-facing: every render function takes a CrewView or plain notice text, never a booking or an event.
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Mustache from 'mustache';
import {
  type Brand,
  type CrewView,
  formatAwayRange,
  formatCents,
  MAX_TIME_OFF_NOTE,
  type TimeOff,
} from '../domain';
import { ConfigError } from '../errors';
import { describePeriod, monthPeriod, type YourPay } from '../reports';
import type { CrewEmailKind } from './contract';
import {
  type BrandModel,
  brandModel,
  type CrewLinks,
  type CrewModel,
  presentCrewView,
} from './crew-presenter';

export const CREW_TEMPLATE_NAMES = [
  'crew-page',
  'notice-page',
  'email-invite.html',
  'email-invite.txt',
  'email-update.html',
  'email-update.txt',
  'email-removed.html',
  'email-removed.txt',
  'email-cancelled.html',
  'email-cancelled.txt',
  'email-reminder.html',
  'email-reminder.txt',
  'email-roster.html',
  'email-roster.txt',
  'email-fresh-link.html',
  'email-fresh-link.txt',
] as const;
export type CrewTemplateName = (typeof CREW_TEMPLATE_NAMES)[number];

export interface CrewTemplates {
  readonly templates: Readonly<Record<CrewTemplateName, string>>;
  readonly partials: Readonly<Record<string, string>>;
  /** The crew page's upload script, static so the page's CSP can allow it by hash. */
  readonly uploadScript: string;
}

export function loadCrewTemplates(templatesDir: string): CrewTemplates {
  const dir = join(templatesDir, 'crew');
  const templates = {} as Record<CrewTemplateName, string>;
  for (const name of CREW_TEMPLATE_NAMES) {
    const file = join(dir, `${name}.mustache`);
    if (!existsSync(file)) throw new ConfigError(`Crew template ${file} is missing.`);
    templates[name] = readFileSync(file, 'utf8');
  }
  const partials: Record<string, string> = {};
  const partialsDir = join(dir, 'partials');
  if (existsSync(partialsDir)) {
    for (const entry of readdirSync(partialsDir)) {
      if (entry.endsWith('.mustache'))
        partials[entry.slice(0, -'.mustache'.length)] = readFileSync(join(partialsDir, entry), 'utf8');
    }
  }
  return { templates, partials, uploadScript: UPLOAD_SCRIPT };
}

export interface CrewPageOptions {
  links: CrewLinks;
  /** Where the page's forms post (the page's own magic-link URL). */
  formAction: string;
  answer?: { answer: 'confirmed' | 'declined'; at: string; reason?: string };
  flash?: string;
  /** Photo uploads; left out, the page has no upload section. */
  uploads?: { presignUrl: string; token: string; maxBytes: number };
  /** This person's own pay over the period (their crew views only); left out, no such section. */
  yourPay?: YourPay;
  /** This person's own time off (issue #19): the list, the form, and a refused form's values and problems. */
  timeOff?: CrewPageTimeOff;
}

export interface CrewPageTimeOff {
  /** Where the form posts (the page's own link + `/away`). */
  action: string;
  entries: readonly TimeOff[];
  /** The business's today, `YYYY-MM-DD`: the date inputs' minimum. */
  today: string;
  values?: { from: string; to: string; note: string };
  problems?: string[];
}

/** The time-off section's model: the person's own entries, with their notes (only they see this page). */
function presentTimeOff(timeOff: CrewPageTimeOff) {
  return {
    action: timeOff.action,
    today: timeOff.today,
    maxNote: MAX_TIME_OFF_NOTE,
    entries: timeOff.entries.map((e) => ({
      id: e.id,
      label: formatAwayRange(e, true),
      note: e.note || false,
    })),
    hasEntries: timeOff.entries.length > 0,
    values: timeOff.values ?? { from: '', to: '', note: '' },
    problems: timeOff.problems && timeOff.problems.length > 0 ? timeOff.problems : false,
  };
}

export interface RenderedPage {
  html: string;
  /** Content-Security-Policy hashes for the inline style and script this page carries. */
  styleHash: string;
  scriptHash: string | undefined;
}

export function renderCrewPage(
  templates: CrewTemplates,
  view: CrewView,
  brand: Brand,
  options: CrewPageOptions,
): RenderedPage {
  const model = presentCrewView(view, brand, options.links);
  const css = renderCss(templates, model.brand);
  const answer = options.answer;
  const html = Mustache.render(
    templates.templates['crew-page'],
    {
      ...model,
      css,
      formAction: options.formAction,
      flash: options.flash ?? false,
      answer: {
        confirmed: answer?.answer === 'confirmed',
        declined: answer?.answer === 'declined',
        none: !answer,
        atLabel: answer ? formatAnsweredAt(answer.at, view.timeZone) : false,
        reason: answer?.reason || false,
      },
      uploads:
        options.uploads && !model.cancelled
          ? { ...options.uploads, maxLabel: formatBytes(options.uploads.maxBytes) }
          : false,
      script: templates.uploadScript,
      yourPay: options.yourPay ? presentYourPay(options.yourPay) : false,
      timeOff: options.timeOff ? presentTimeOff(options.timeOff) : false,
    },
    templates.partials,
    { escape: escapeHtml },
  );
  return {
    html,
    styleHash: cspHash(css),
    scriptHash: options.uploads && !model.cancelled ? cspHash(templates.uploadScript) : undefined,
  };
}

/** The period's heading ("December 2026" for a whole month) and each charter's line, formatted. */
function presentYourPay(pay: YourPay) {
  const [y, m] = pay.period.from.split('-').map(Number) as [number, number];
  const wholeMonth = pay.period.from.endsWith('-01') && monthPeriod(y, m).to === pay.period.to;
  const label = wholeMonth
    ? new Intl.DateTimeFormat('en-US', { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(
        new Date(Date.UTC(y, m - 1, 1)),
      )
    : describePeriod(pay.period);
  return {
    periodLabel: label,
    totalLabel: formatCents(pay.totalCents),
    count: pay.lines.length,
    plural: pay.lines.length === 1 ? '' : 's',
    hoursLabel: (pay.minutes / 60).toFixed(pay.minutes % 60 === 0 ? 0 : 2),
    lines: pay.lines.map((l) => ({
      title: l.title,
      dateLabel: l.date,
      roleLabel: l.role,
      payLabel: formatCents(l.payCents),
    })),
  };
}

export interface Notice {
  heading: string;
  message: string;
  hint?: string;
  /** A button that posts to `url` (a plain form, no script): "Email me a fresh link". */
  action?: { url: string; label: string; note?: string };
}

/** A dead-end page (expired, invalid, replaced link…) that says what happened and what to do. */
export function renderNoticePage(
  templates: CrewTemplates,
  brand: Brand | undefined,
  notice: Notice,
): RenderedPage {
  const model = brand ? brandModel(brand) : NEUTRAL_BRAND;
  const css = renderCss(templates, model);
  const html = Mustache.render(
    templates.templates['notice-page'],
    {
      brand: model,
      css,
      heading: notice.heading,
      message: notice.message,
      hint: notice.hint ?? false,
      action: notice.action ?? false,
    },
    templates.partials,
    { escape: escapeHtml },
  );
  return { html, styleHash: cspHash(css), scriptHash: undefined };
}

/** The kinds of crew email are part of SCC's wire (a write's notifications name them). */
export type { CrewEmailKind } from './contract';

/** What a follow-up email needs beyond the view: when the answer is due (a reminder). */
export interface CrewEmailExtras {
  /** The answer deadline, already worded in the charter's zone: "Thursday, December 3 at 4:00 PM PST". */
  answerByLabel?: string;
}

export interface RenderedEmail {
  subject: string;
  html: string;
  text: string;
}

export function renderCrewEmail(
  templates: CrewTemplates,
  kind: CrewEmailKind,
  view: CrewView,
  brand: Brand,
  links: CrewLinks,
  changes: readonly string[] = [],
  extras: CrewEmailExtras = {},
): RenderedEmail {
  const presented: CrewModel = presentCrewView(view, brand, links);
  // The roster goes to the whole crew list's worth of people and gets forwarded: no money at all in it.
  const model: CrewModel =
    kind === 'roster' ? { ...presented, you: { ...presented.you, rateLabel: '', payLabel: '' } } : presented;
  const subject = emailSubject(kind, model);
  const data = {
    ...model,
    subject,
    changes,
    answerByLabel: extras.answerByLabel ?? false,
    preheader: emailPreheader(kind, model, extras),
    buttonLabel: BUTTON_LABEL[kind],
  };
  const html = Mustache.render(templates.templates[`email-${kind}.html`], data, templates.partials, {
    escape: escapeHtml,
  });
  const text = Mustache.render(templates.templates[`email-${kind}.txt`], data, templates.partials, {
    escape: (value: string) => value,
  });
  return { subject, html, text: tidyText(text) };
}

const BUTTON_LABEL: Readonly<Record<CrewEmailKind, string>> = {
  invite: 'Confirm or decline',
  update: 'Review and confirm',
  removed: 'Confirm or decline',
  cancelled: 'Confirm or decline',
  reminder: 'Answer now',
  roster: 'Open your crew page',
  'fresh-link': 'Open your crew page',
};

function emailSubject(kind: CrewEmailKind, model: CrewModel): string {
  switch (kind) {
    case 'invite':
      return `Crew call: ${model.title}, ${model.dateLabel}. Please confirm`;
    case 'update':
      return `Changed: ${model.title}, ${model.dateLabel}`;
    case 'removed':
      return `You are no longer on ${model.title}, ${model.dateLabel}`;
    case 'cancelled':
      return `Cancelled: ${model.title}, ${model.dateLabel}`;
    case 'reminder':
      return `Reminder: please answer for ${model.title}, ${model.dateLabel}`;
    case 'roster':
      return `Tomorrow: ${model.title}, ${model.timeLabel}. Your crew roster`;
    case 'fresh-link':
      return `Your current link: ${model.title}, ${model.dateLabel}`;
  }
}

function emailPreheader(kind: CrewEmailKind, model: CrewModel, extras: CrewEmailExtras = {}): string {
  if (kind === 'removed') return 'No action needed.';
  if (kind === 'cancelled') return 'This charter has been cancelled. No action needed.';
  if (kind === 'reminder') {
    return extras.answerByLabel
      ? `We still need your answer, by ${extras.answerByLabel}.`
      : 'We still need your answer.';
  }
  if (kind === 'roster') return `Meet at ${model.meetingPoint}. Who is on board and your checklist.`;
  if (kind === 'fresh-link') return 'The link to your crew page you asked for.';
  return `${model.timeLabel} aboard ${model.boatName}, you are ${model.you.roleWithArticle}.`;
}

function renderCss(templates: CrewTemplates, brand: BrandModel): string {
  const css = templates.partials['crew-style'];
  if (css === undefined) throw new ConfigError('Crew template partials/crew-style.mustache is missing.');
  // CSS is not HTML: values are plain colours from configuration, so no HTML escaping here.
  return Mustache.render(css, brand, {}, { escape: (value: string) => value }).trim();
}

const NEUTRAL_BRAND: BrandModel = brandModel({
  brandName: 'Crew',
  tagline: '',
  domain: '',
  colours: { primary: '#1f3a5f', accent: '#d9a441', background: '#f6f6f4', text: '#1b1f23' },
});

/**
 * HTML escaping for text and quoted attribute values: the five characters that matter. (Mustache's default
 * also encodes `/` and `=`, which garbles the links crew copy out of an email.)
 */
export function escapeHtml(value: string): string {
  return String(value).replace(/[&<>"']/g, (c) => HTML_ENTITIES[c] ?? c);
}

const HTML_ENTITIES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

export function cspHash(content: string): string {
  return `'sha256-${createHash('sha256').update(content, 'utf8').digest('base64')}'`;
}

function formatAnsweredAt(at: string, timeZone: string): string | false {
  const date = new Date(at);
  if (Number.isNaN(date.getTime())) return false;
  return new Intl.DateTimeFormat('en-US', {
    timeZone,
    month: 'long',
    day: 'numeric',
    hour: 'numeric',
    minute: '2-digit',
  }).format(date);
}

function formatBytes(bytes: number): string {
  const mb = bytes / (1024 * 1024);
  return mb >= 1 ? `${Number.isInteger(mb) ? mb : mb.toFixed(1)} MB` : `${Math.round(bytes / 1024)} KB`;
}

/** Collapses the blank lines mustache sections leave behind. */
function tidyText(text: string): string {
  return `${text
    .replace(/[ \t]+\n/g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim()}\n`;
}

/**
 * Uploads each chosen photo: ask SCC for a presigned POST, then post the file straight to S3. Reads its
 * settings from the form's data attributes so the script itself never changes (its CSP hash is fixed).
 */
const UPLOAD_SCRIPT = `(function () {
  var form = document.getElementById('photo-form');
  if (!form || !window.fetch || !window.FormData) return;
  form.hidden = false;
  var input = form.querySelector('input[type="file"]');
  var status = document.getElementById('photo-status');
  function say(text) { status.textContent = text; }
  async function upload(file) {
    var res = await fetch(form.dataset.presign, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: 'Bearer ' + form.dataset.token },
      body: JSON.stringify({ contentType: file.type, size: file.size })
    });
    var grant = await res.json().catch(function () { return {}; });
    if (!res.ok) throw new Error(grant.message || 'The upload was refused.');
    var body = new FormData();
    Object.keys(grant.fields).forEach(function (name) { body.append(name, grant.fields[name]); });
    body.append('file', file);
    var sent = await fetch(grant.url, { method: 'POST', body: body });
    if (!sent.ok) throw new Error('The photo could not be stored. Check it is an image under the size limit.');
  }
  form.addEventListener('submit', async function (event) {
    event.preventDefault();
    var files = Array.prototype.slice.call(input.files || []);
    if (files.length === 0) { say('Choose at least one photo first.'); input.focus(); return; }
    for (var i = 0; i < files.length; i++) {
      say('Uploading ' + (i + 1) + ' of ' + files.length + '…');
      try { await upload(files[i]); } catch (error) { say(files[i].name + ': ' + error.message); return; }
    }
    say(files.length === 1 ? 'Photo uploaded. Thank you!' : files.length + ' photos uploaded. Thank you!');
    form.reset();
  });
})();`;

/** Renders a crew page with nothing but a view and a brand, e.g. for Lighthouse on localhost. */
export function renderCrewPageStandalone(
  view: CrewView,
  brand: Brand,
  options: { templatesDir?: string; withUploads?: boolean } = {},
): string {
  const templates = loadCrewTemplates(options.templatesDir ?? 'templates');
  return renderCrewPage(templates, view, brand, {
    links: { calendar: '#calendar', feed: '#feed' },
    formAction: '#',
    ...(options.withUploads === false
      ? {}
      : { uploads: { presignUrl: '/g/presign', token: 'preview', maxBytes: 15 * 1024 * 1024 } }),
  }).html;
}
