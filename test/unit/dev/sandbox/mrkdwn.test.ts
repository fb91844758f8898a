import { describe, expect, it } from 'vitest';
// The browser module is plain ES2022 without DOM access, so it runs here as it runs in the page.
// @ts-expect-error: a JavaScript module without type declarations
import { mrkdwnToHtml, plainToHtml, setLinkRewriter } from '../../../../src/dev/sandbox/public/mrkdwn.js';

const render = (text: string, people: Record<string, string> = {}): string => mrkdwnToHtml(text, people);

describe('Slack mrkdwn in the sandbox', () => {
  it('renders Slack’s formatting', () => {
    expect(render('*Progress* _soon_ ~old~ `code`')).toBe(
      '<b>Progress</b> <i>soon</i> <s>old</s> <code class="md-code">code</code>',
    );
    expect(render('line one\nline two')).toBe('line one<br>line two');
    expect(render(':white_check_mark: done')).toBe('✅ done');
  });

  it('renders links, mentions and channel references', () => {
    expect(render('<https://example.com/a?b=1&amp;c=2|the page>')).toBe(
      '<a href="https://example.com/a?b=1&amp;c=2" target="_blank" rel="noopener">the page</a>',
    );
    expect(render('by <@U0OPERATOR>', { U0OPERATOR: 'Morgan Reyes' })).toBe(
      'by <span class="md-mention">@Morgan Reyes</span>',
    );
    // A channel reference shows the channel's name, as Slack does (it showed the raw id before).
    expect(render('ask in <#C0CHARTEROPS>.', { C0CHARTEROPS: 'charter-ops' })).toBe(
      'ask in <span class="md-mention">#charter-ops</span>.',
    );
    expect(render('<#C0UNKNOWN>')).toBe('<span class="md-mention">#C0UNKNOWN</span>');
  });

  it('never lets markup from a message through', () => {
    const hostile = render('<img src=x onerror=alert(1)> &lt;script&gt;alert(1)&lt;/script&gt; "quoted"');
    expect(hostile).not.toMatch(/<img|<script/i);
    expect(hostile).toContain('&lt;script&gt;');
    expect(render('<javascript:alert(1)|click>')).toContain('href="#"');
    expect(plainToHtml({ type: 'plain_text', text: '<b>not bold</b>' })).toBe('&lt;b&gt;not bold&lt;/b&gt;');
  });

  it('formats <!date> tokens instead of showing the fallback', () => {
    const seconds = Math.floor(new Date(2026, 10, 24, 16, 5).getTime() / 1000);
    const html = render(`<!date^${seconds}^{date_short} {time}|2026-11-24T16:05:00Z>`);
    expect(html).toBe('Nov 24, 2026 4:05 PM');
  });

  it('sends links to a brand’s real domain to its local copy', () => {
    setLinkRewriter((url: string) =>
      url.replace('https://queenofsandiego.com/', 'http://localhost:3000/sites/queenofsandiego.com/'),
    );
    expect(render('<https://queenofsandiego.com/g/sunset|page>')).toContain(
      'href="http://localhost:3000/sites/queenofsandiego.com/g/sunset"',
    );
    setLinkRewriter((url: string) => url);
  });
});
