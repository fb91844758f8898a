import { describe, expect, it } from 'vitest';
import { loadBrands } from '../../../src/config/brands';
import {
  cspHash,
  loadCrewTemplates,
  renderCrewEmail,
  renderCrewPage,
  renderCrewPageStandalone,
  renderNoticePage,
} from '../../../src/scc/crew-templates';
import { crewViewFromEvent } from '../../../src/scc/crew-view';
import type { SccEvent } from '../../../src/scc/event-schema';

const templates = loadCrewTemplates('templates');
const brands = loadBrands('templates');
const sailjada = brands.get('sailjada.com');

const event: SccEvent = {
  id: 'bk-1',
  bookingId: 'bk-1',
  revision: 1,
  status: 'scheduled',
  title: 'Sunset Sail',
  schedule: {
    date: '2026-12-05',
    startTime: '16:00',
    endTime: '19:00',
    timeZone: 'America/Los_Angeles',
    startsAt: '2026-12-06T00:00:00.000Z',
    endsAt: '2026-12-06T03:00:00.000Z',
  },
  boat: { id: 'jada', name: 'Jada' },
  meetingPoint: 'Harbor Island West Marina, Dock C',
  domain: 'sailjada.com',
  notes: 'Salt & pepper <script>alert(1)</script> "quoted"',
  crew_assignments: [
    { crewId: 'ana-ruiz', name: 'Ana Ruiz', email: 'ana@crew.test', role: 'captain', hourly_rate: 6500 },
    { crewId: 'ben-okafor', name: 'Ben Okafor', email: 'ben@crew.test', role: 'crew', hourly_rate: 3200 },
  ],
  partySize: 6,
  createdAt: '2026-11-24T17:00:00.000Z',
  updatedAt: '2026-11-24T17:00:00.000Z',
};
const view = crewViewFromEvent(event, 'ben-okafor');
const links = { page: 'https://scc.test/crew/T', calendar: 'https://scc.test/crew/T/charter.ics' };

describe('crew page', () => {
  const page = renderCrewPage(templates, view, sailjada, { links, formAction: links.page });

  it('escapes what people typed, so notes cannot inject markup', () => {
    expect(page.html).toContain('Salt &amp; pepper &lt;script&gt;alert(1)&lt;/script&gt; &quot;quoted&quot;');
    expect(page.html).not.toContain('<script>alert(1)');
  });

  it('uses the brand’s name and colours', () => {
    expect(page.html).toContain('Sail Jada');
    expect(page.html).toContain('#0b3d5c');
    const other = renderCrewPage(templates, view, brands.get('queenofsandiego.com'), {
      links,
      formAction: links.page,
    });
    expect(other.html).toContain('Queen of San Diego');
    expect(other.html).toContain('#4a1c5c');
  });

  it('reports the hash of its inline style for the content security policy', () => {
    const css = /<style>([\s\S]*?)<\/style>/.exec(page.html)?.[1] ?? '';
    expect(page.styleHash).toBe(cspHash(css));
    expect(page.scriptHash).toBeUndefined();
  });

  it('adds the upload form, hidden until its script runs, only when uploads are offered', () => {
    const withUploads = renderCrewPage(templates, view, sailjada, {
      links,
      formAction: links.page,
      uploads: { presignUrl: 'https://scc.test/g/presign', token: 'T', maxBytes: 15 * 1024 * 1024 },
    });
    expect(withUploads.html).toContain('<form id="photo-form" hidden');
    expect(withUploads.html).toContain('Images up to 15 MB each.');
    const script = /<script>([\s\S]*?)<\/script>/.exec(withUploads.html)?.[1] ?? '';
    expect(withUploads.scriptHash).toBe(cspHash(script));
    expect(page.html).not.toContain('photo-form');
  });

  it('issue #18: says whose notes they are, and opens the decline form from the email’s “I can’t make it”', () => {
    expect(page.html).toContain('<h3>Notes for the guest</h3>');
    expect(page.html).not.toContain('Notes for the crew');
    expect(page.html).toContain('id="answer"');
    expect(page.html).toContain('<details id="decline">');
  });

  it('labels every form control (the answer forms work without JavaScript)', () => {
    expect(page.html).toContain('<label for="reason">');
    expect(page.html).toContain('id="reason"');
    expect(page.html).toMatch(/<html lang="en">/);
  });

  it('renders standalone from a view and a brand, for Lighthouse on localhost', () => {
    const html = renderCrewPageStandalone(view, sailjada);
    expect(html).toContain('Hi Ben, you are crew on this charter.');
  });
});

describe('crew emails', () => {
  it('keeps plain text plain: no HTML entities in the text part', () => {
    const email = renderCrewEmail(templates, 'invite', view, sailjada, links);
    expect(email.text).toContain('Notes for the guest: Salt & pepper <script>alert(1)</script> "quoted"');
    expect(email.text).toContain(links.page);
    expect(email.html).toContain('Salt &amp; pepper &lt;script&gt;');
  });

  it('issue #18: the invitation has a yes and a no button and says when the answer is due', () => {
    const email = renderCrewEmail(templates, 'invite', view, sailjada, links, [], {
      answerByLabel: 'Thursday, December 3, 2026 at 4:00 PM PST',
    });
    expect(email.html).toContain(`href="${links.page}#answer"`);
    expect(email.html).toContain('Yes, I’ll be there');
    expect(email.html).toContain(`href="${links.page}#decline"`);
    expect(email.html).toContain('I can’t make it');
    expect(email.html).toContain('Please answer by Thursday, December 3, 2026 at 4:00 PM PST.');
    expect(email.text).toContain('Please answer by Thursday, December 3, 2026 at 4:00 PM PST.');
  });

  it('leaves links intact in the HTML part', () => {
    const email = renderCrewEmail(templates, 'invite', view, sailjada, {
      page: 'https://scc.test/crew/a.b_c-d',
    });
    expect(email.html).toContain('href="https://scc.test/crew/a.b_c-d"');
  });

  it('lists what changed in an update', () => {
    const email = renderCrewEmail(templates, 'update', view, sailjada, links, [
      'New boat: Little Jada (was Jada)',
    ]);
    expect(email.subject).toBe('Changed: Sunset Sail, Saturday, December 5, 2026');
    expect(email.text).toContain('* New boat: Little Jada (was Jada)');
  });

  it('gives a removed person no link to follow', () => {
    const email = renderCrewEmail(templates, 'removed', view, sailjada, {});
    expect(email.text).not.toContain('http');
    expect(email.html).not.toContain('href=');
  });
});

describe('notice page', () => {
  it('works without a brand (a token we cannot read says nothing about its brand)', () => {
    const page = renderNoticePage(templates, undefined, {
      heading: 'This link is not valid',
      message: 'Nope.',
    });
    expect(page.html).toContain('<h1>This link is not valid</h1>');
  });
});
