/**
 * The guest's side of the story in a real browser (Debian's Chromium), against the whole system as
 * `npm run dev` starts it: an operator books a charter in the Slack sandbox → the guest's confirmation
 * arrives in the mail outbox (/mail) → the email, looked at on a 390-px phone → its link opens the guest
 * page on the brand's site. Screenshots go to test-results/e2e/.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type DevStack, startDevStack } from '../../src/dev/dev-stack';
import { launchChromium, screenshot } from './helpers/browser';

const OPERATOR = 'U0OPERATOR';
const GUEST_EMAIL = 'riley.guest@example.com';
const WAIT_MS = 45_000;

function charterDate(): string {
  return new Date(Date.now() + 30 * 24 * 60 * 60 * 1000).toISOString().slice(0, 10);
}

describe('the guest hears from the brand, end to end in a browser', () => {
  let stack: DevStack;
  let browser: Browser;
  let desk: BrowserContext;
  let phone: BrowserContext;
  let page: Page;
  let dataDir: string;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'guest-mail-e2e-'));
    [stack, browser] = await Promise.all([
      startDevStack({ port: 0, dataDir, fresh: true, logLevel: 'error' }),
      launchChromium(),
    ]);
    desk = await browser.newContext({ viewport: { width: 1400, height: 900 } });
    phone = await browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2 });
    page = await desk.newPage();
  }, 120_000);

  afterAll(async () => {
    await desk?.close();
    await phone?.close();
    await browser?.close();
    await stack?.stop();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  afterEach(async ({ task }) => {
    if (task.result?.state === 'fail' && page) {
      await screenshot(page, `guest-mail-failed-${task.name.replace(/[^a-z0-9]+/gi, '-').toLowerCase()}`);
    }
  });

  const modal = () => page.locator('#modal');
  const field = (blockId: string) => modal().locator(`[data-block-id="${blockId}"][data-bk-input]`);

  it('an operator books a charter, guest email left on', async () => {
    await page.goto(`${stack.endpoints.slack.sandbox}?user=${OPERATOR}`);
    await expect.poll(() => page.locator('#channel-title').textContent()).toBe('# charter-ops');
    await page.locator('#composer-input').fill('/charter new');
    await page.locator('#composer-input').press('Enter');
    await modal().locator('.modal-title', { hasText: 'New charter' }).waitFor();
    await field('booking_captain').locator('option[value="ana-ruiz"]').waitFor({ state: 'attached' });

    await field('booking_title').fill('Harbor Lights');
    await field('booking_date').fill(charterDate());
    await field('booking_start_time').fill('17:00');
    await field('booking_end_time').fill('20:00');
    await field('booking_boat').selectOption('jada');
    await field('booking_domain').selectOption('sailjada.com');
    await field('booking_party_size').fill('4');
    await field('booking_guest_name').fill('Riley Park');
    await field('booking_guest_email').fill(GUEST_EMAIL);
    const meetingPoint = field('booking_meeting_point');
    if ((await meetingPoint.inputValue()) === '')
      await meetingPoint.fill('Harbor Island West Marina, Dock C');
    await field('booking_captain').selectOption('ana-ruiz');
    await field('booking_price').fill('1200');
    // The guest-email box is ticked by default.
    expect(
      await modal().locator('[data-block-id="booking_guest_mail"] input[type="checkbox"]').isChecked(),
    ).toBe(true);
    await screenshot(page, 'guest-mail-01-modal-guest-email-box');
    await expect
      .poll(
        async () => {
          if (await modal().locator('.modal-title', { hasText: 'Charter booked' }).count()) return 'booked';
          await page.locator('#modal-submit').click();
          return (await modal().locator('.modal-title').textContent()) ?? '';
        },
        { timeout: 20_000, interval: 1500 },
      )
      .toBe('booked');
  }, 60_000);

  it('the confirmation is in the outbox, and reads well on a phone', async () => {
    await expect
      .poll(
        async () => {
          await page.goto(`${stack.endpoints.mail.outbox}?to=${encodeURIComponent(GUEST_EMAIL)}`);
          return (await page.locator('body').textContent()) ?? '';
        },
        { timeout: WAIT_MS, interval: 1000 },
      )
      .toContain('You’re booked: Harbor Lights');
    await screenshot(page, 'guest-mail-02-outbox');
    await page.getByRole('link', { name: /You’re booked: Harbor Lights/ }).click();
    await page.locator('iframe[title="Email"]').waitFor();
    await screenshot(page, 'guest-mail-03-confirmation-desk');

    // The email's own HTML as a phone shows it.
    const htmlUrl = await page.locator('iframe[title="Email"]').getAttribute('src');
    const phonePage = await phone.newPage();
    await phonePage.goto(new URL(htmlUrl ?? '', page.url()).toString());
    await expect.poll(() => phonePage.locator('h1').textContent()).toContain('You’re booked: Harbor Lights');
    expect(await phonePage.locator('html').getAttribute('lang')).toBe('en');
    // Nothing wider than the phone: no sideways scrolling.
    const overflow = await phonePage.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await screenshot(phonePage, 'guest-mail-04-confirmation-390px');
    await phonePage.close();
  });

  it('its link opens the guest page on the brand’s site', async () => {
    const body = (await page.locator('body').textContent()) ?? '';
    const link = /https?:\/\/[^\s"<>]+\/sites\/sailjada\.com\/g\/[a-z0-9-]+/.exec(body)?.[0];
    expect(link).toBeDefined();
    const guest = await phone.newPage();
    await guest.goto(link!);
    await expect.poll(() => guest.locator('h1').first().textContent()).toContain('Harbor Lights');
    await screenshot(guest, 'guest-mail-05-guest-page-390px');
    await guest.close();
  });
});
