/**
 * Crew and guest, on a 390×844 phone, against the whole system as `npm run dev` starts it (issue #18 items
 * 7 and 8): an operator books a charter with Sam on the crew → Sam's invitation link → the operator changes
 * the time, which replaces Sam's link → the old link names the charter and offers to email the current one
 * → "Email me my current link" → the email in the outbox → its link opens Sam's crew page with the arrival
 * time, a map link and the captain's phone → the guest page with Google/Outlook calendar links, arrival time
 * and the day-of phone. Screenshots (fresh-*.png) go to test-results/e2e/.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type DevStack, startDevStack } from '../../src/dev/dev-stack';
import { launchChromium, screenshot } from './helpers/browser';

const OPERATOR = 'U0OPERATOR';
const SAM = 'sam.okafor@crew.example.com';
const WAIT_MS = 45_000;

function charterDate(): string {
  return new Date(Date.now() + 30 * 24 * 60 * 60 * 1000).toISOString().slice(0, 10);
}

describe('a replaced crew link leads to a fresh one, on a phone', () => {
  let stack: DevStack;
  let browser: Browser;
  let desk: BrowserContext;
  let phone: BrowserContext;
  let page: Page;
  let sam: Page;
  let dataDir: string;
  let oldLink = '';
  let slug = '';

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'fresh-link-e2e-'));
    [stack, browser] = await Promise.all([
      startDevStack({ port: 0, dataDir, fresh: true, logLevel: 'error' }),
      launchChromium(),
    ]);
    desk = await browser.newContext({ viewport: { width: 1400, height: 900 } });
    phone = await browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2 });
    page = await desk.newPage();
    sam = await phone.newPage();
  }, 120_000);

  afterAll(async () => {
    await desk?.close();
    await phone?.close();
    await browser?.close();
    await stack?.stop();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  afterEach(async ({ task }) => {
    if (task.result?.state === 'fail') {
      const name = task.name.replace(/[^a-z0-9]+/gi, '-').toLowerCase();
      if (page) await screenshot(page, `fresh-failed-desk-${name}`);
      if (sam) await screenshot(sam, `fresh-failed-phone-${name}`);
    }
  });

  const modal = () => page.locator('#modal');
  const field = (blockId: string) => modal().locator(`[data-block-id="${blockId}"][data-bk-input]`);

  /** Submits the open modal until it shows `title` (a margin redraw may race the first press). */
  async function submitUntil(title: string) {
    await expect
      .poll(
        async () => {
          if (await modal().locator('.modal-title', { hasText: title }).count()) return 'done';
          await page.locator('#modal-submit').click();
          return (await modal().locator('.modal-title').textContent()) ?? '';
        },
        { timeout: 20_000, interval: 1500 },
      )
      .toBe('done');
  }

  /** The crew link in the newest email to Sam whose subject starts with `subject`. */
  async function linkInMail(subject: RegExp): Promise<string> {
    await expect
      .poll(
        async () => {
          await page.goto(`${stack.endpoints.mail.outbox}?to=${encodeURIComponent(SAM)}`);
          return page.getByRole('link', { name: subject }).count();
        },
        { timeout: WAIT_MS, interval: 1000 },
      )
      .toBeGreaterThan(0);
    await page.getByRole('link', { name: subject }).first().click();
    const link = page.frameLocator('iframe[title="Email"]').locator('a[href*="/scc/crew/"]').first();
    await link.waitFor();
    return (await link.getAttribute('href')) ?? '';
  }

  it('an operator books a charter with Ana as captain and Sam on the crew', async () => {
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
    await field('booking_domain').selectOption('queenofsandiego.com');
    await field('booking_party_size').fill('6');
    await field('booking_guest_name').fill('Riley Park');
    await field('booking_guest_email').fill('riley.park@example.com');
    const meetingPoint = field('booking_meeting_point');
    if ((await meetingPoint.inputValue()) === '')
      await meetingPoint.fill('Harbor Island West Marina, Dock C');
    await field('booking_captain').selectOption('ana-ruiz');
    await field('booking_crew').locator('select').selectOption('sam-okafor');
    await field('booking_price').fill('1200');
    await submitUntil('Charter booked');
    const body = (await modal().locator('.modal-body').textContent()) ?? '';
    slug = /\/g\/([a-z0-9-]+)/.exec(body)?.[1] ?? '';
    await page.locator('#modal-close').click();
    oldLink = await linkInMail(/Crew call: Harbor Lights/);
    expect(oldLink).toMatch(/\/scc\/crew\//);
  }, 90_000);

  it('the operator changes the time, and Sam’s first link is replaced', async () => {
    await page.goto(`${stack.endpoints.slack.sandbox}?user=${OPERATOR}`);
    if (!slug) {
      const root = page.locator('#messages .message').filter({ hasText: 'Harbor Lights' }).first();
      await root.waitFor({ timeout: WAIT_MS });
      slug = /\/g\/([a-z0-9-]+)/.exec((await root.textContent()) ?? '')?.[1] ?? '';
    }
    expect(slug).toMatch(/^harbor-lights-/);
    await page.locator('#composer-input').fill(`/charter edit ${slug}`);
    await page.locator('#composer-input').press('Enter');
    await modal().locator('.modal-title').waitFor();
    await expect.poll(() => field('booking_title').inputValue()).toBe('Harbor Lights');
    await field('booking_start_time').fill('18:30');
    await field('booking_end_time').fill('21:30');
    await submitUntil('Charter saved');
    await page.locator('#modal-close').click();
    // The update email carries the new link; the first one is replaced from then on.
    await linkInMail(/Changed: Harbor Lights/);
  }, 90_000);

  it('the old link on Sam’s phone names the charter and offers to email the current link', async () => {
    const response = await sam.goto(oldLink);
    expect(response?.status()).toBe(410);
    await expect.poll(() => sam.locator('h1').textContent()).toBe('This link has been replaced');
    const text = (await sam.locator('body').textContent()) ?? '';
    expect(text).toContain('Harbor Lights changed since this link was sent');
    expect(text).not.toContain(SAM);
    const overflow = await sam.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await screenshot(sam, 'fresh-01-replaced-link-390px');
  });

  it('“Email me my current link” says it was sent, with only a masked hint of the address', async () => {
    await sam.getByRole('button', { name: 'Email me my current link' }).click();
    await expect.poll(() => sam.locator('h1').textContent()).toBe('Check your email');
    const text = (await sam.locator('body').textContent()) ?? '';
    expect(text).toContain('s•••@c•••.com');
    expect(text).not.toContain(SAM);
    await screenshot(sam, 'fresh-02-link-sent-390px');
  });

  it('the fresh link from the outbox opens Sam’s crew page: arrival, map and the captain’s phone', async () => {
    const fresh = await linkInMail(/Your current link: Harbor Lights/);
    expect(fresh).not.toBe(oldLink);
    const response = await sam.goto(fresh);
    expect(response?.status()).toBe(200);
    const day = sam.locator('#on-the-day');
    await day.waitFor();
    const text = (await day.textContent()) ?? '';
    expect(text).toMatch(/Arrive by\s*5:45\s?PM/u);
    expect(await day.getByRole('link', { name: 'Open map' }).getAttribute('href')).toMatch(
      /^https:\/\/www\.google\.com\/maps\/search\/\?api=1&query=/,
    );
    expect(await day.getByRole('link', { name: '+1 619 555 0101' }).getAttribute('href')).toBe(
      'tel:+16195550101',
    );
    await day.scrollIntoViewIfNeeded();
    await screenshot(sam, 'fresh-03-crew-page-on-the-day-390px');
  });

  it('the guest page on a phone has Google and Outlook calendar links, the arrival time and a day-of phone', async () => {
    const guest = await phone.newPage();
    await guest.goto(`${stack.endpoints.sites['queenofsandiego.com']!.url}g/${slug}`);
    await expect.poll(() => guest.locator('h1').first().textContent()).toContain('Harbor Lights');
    const google = await guest.getByRole('link', { name: 'Google Calendar' }).getAttribute('href');
    const outlook = await guest.getByRole('link', { name: 'Outlook.com' }).getAttribute('href');
    expect(new URL(google ?? '').searchParams.get('text')).toBe('Harbor Lights aboard Jada');
    expect(new URL(outlook ?? '').searchParams.get('rru')).toBe('addevent');
    const text = (await guest.locator('body').textContent()) ?? '';
    expect(text).toContain('Please arrive by 6:15 PM');
    expect(text).toContain('+1 619 555 0188');
    expect(text).not.toContain('+1 619 555 0101');
    await screenshot(guest, 'fresh-04-guest-page-calendar-links-390px');
    await guest.close();
  });
});
