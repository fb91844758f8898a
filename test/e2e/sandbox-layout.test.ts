/**
 * The Slack sandbox at a laptop's size (1280×800), in a real browser against the whole system as `npm run dev`
 * starts it: the channel and the thread pane scroll on their own, open at the newest message and follow new
 * ones, and the message box never leaves the screen, however many messages there are. Modal fields are named
 * by their labels (not their placeholders) and options show their descriptions.
 * Screenshots go to test-results/e2e/sandbox-*.png.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type DevStack, OPS_CHANNEL, startDevStack } from '../../src/dev/dev-stack';
import { launchChromium, screenshot } from './helpers/browser';

const OPERATOR = 'U0OPERATOR';
const CAPTAIN = 'U0CAPTAIN1';
const VIEWPORT = { width: 1280, height: 800 };

interface Box {
  top: number;
  bottom: number;
  left: number;
  right: number;
}

async function boxOf(locator: Locator): Promise<Box> {
  return locator.evaluate((node) => {
    const r = node.getBoundingClientRect();
    return { top: r.top, bottom: r.bottom, left: r.left, right: r.right };
  });
}

/** Whether all of `inner` can be seen: inside the window and inside the scrolling pane that holds it. */
async function fullyVisible(inner: Locator, pane?: Locator): Promise<boolean> {
  const box = await boxOf(inner);
  const inWindow =
    box.top >= 0 && box.left >= 0 && box.bottom <= VIEWPORT.height && box.right <= VIEWPORT.width;
  if (!pane) return inWindow;
  const frame = await boxOf(pane);
  return inWindow && box.top >= frame.top - 1 && box.bottom <= frame.bottom + 1;
}

describe('the Slack sandbox at 1280×800', () => {
  let stack: DevStack;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let dataDir: string;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'sandbox-layout-'));
    [stack, browser] = await Promise.all([
      startDevStack({ port: 0, dataDir, fresh: true, logLevel: 'error' }),
      launchChromium(),
    ]);
    context = await browser.newContext({ viewport: VIEWPORT });
    page = await context.newPage();
  }, 90_000);

  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await stack?.stop();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  afterEach(async ({ task }) => {
    if (task.result?.state === 'fail' && page) {
      await screenshot(page, `failed-sandbox-${task.name.replace(/[^a-z0-9]+/gi, '-').toLowerCase()}`);
    }
  });

  const channelPane = () => page.locator('#messages');
  const threadPane = () => page.locator('#thread-messages');
  const lastMessage = (pane: Locator) => pane.locator('.message').last();

  async function send(input: Locator, text: string, pane: Locator): Promise<void> {
    const before = await pane.locator('.message').count();
    await input.fill(text);
    await input.press('Enter');
    await expect.poll(() => pane.locator('.message').count()).toBeGreaterThan(before);
  }

  it('keeps the message box and the newest message on screen after a dozen messages', async () => {
    await page.goto(`${stack.endpoints.slack.sandbox}?user=${OPERATOR}`);
    await expect.poll(() => page.locator('#channel-title').textContent()).toBe('# charter-ops');

    // /charter help answers with a tall message: a dozen of them overflow 800 px several times over.
    for (let i = 1; i <= 12; i++) {
      const text = i % 3 === 0 ? '/charter help' : `Dock check ${i}: lines and fenders ready`;
      await send(page.locator('#composer-input'), text, channelPane());
    }
    await expect.poll(() => lastMessage(channelPane()).textContent()).toMatch(/charter|Dock check 12/i);

    const pane = await channelPane().evaluate((node) => ({
      scrollHeight: node.scrollHeight,
      clientHeight: node.clientHeight,
    }));
    expect(pane.scrollHeight).toBeGreaterThan(pane.clientHeight * 2);
    // The window itself does not scroll: the pane does.
    expect(await page.evaluate(() => document.documentElement.scrollHeight)).toBeLessThanOrEqual(
      VIEWPORT.height,
    );
    await expect.poll(() => fullyVisible(page.locator('#composer'))).toBe(true);
    await expect.poll(() => fullyVisible(lastMessage(channelPane()), channelPane())).toBe(true);
    await page.screenshot({ path: 'test-results/e2e/sandbox-01-dozen-messages.png' });
  }, 60_000);

  it('opens at the newest message when the page is loaded again', async () => {
    await page.reload();
    await lastMessage(channelPane()).waitFor();
    await expect.poll(() => fullyVisible(lastMessage(channelPane()), channelPane())).toBe(true);
    await expect.poll(() => fullyVisible(page.locator('#composer'))).toBe(true);
  });

  it('scrolls the channel pane with the mouse wheel and stays where the reader scrolled to', async () => {
    const pane = channelPane();
    const box = await boxOf(pane);
    await page.mouse.move((box.left + box.right) / 2, (box.top + box.bottom) / 2);
    await page.mouse.wheel(0, -5000);
    await expect.poll(() => pane.evaluate((node) => node.scrollTop)).toBe(0);
    expect(await fullyVisible(lastMessage(pane), pane)).toBe(false);

    // Someone else's message arrives while the reader is up in the history: Slack leaves them there.
    const before = await pane.locator('.message').count();
    const answer = await page.request.post(`${stack.endpoints.slack.sandbox}/api/command`, {
      data: { user: CAPTAIN, channel: OPS_CHANNEL.id, text: 'Captain here: fuel is topped up' },
    });
    expect(answer.ok()).toBe(true);
    await expect.poll(() => pane.locator('.message').count()).toBe(before + 1);
    expect(await pane.evaluate((node) => node.scrollTop)).toBe(0);
    expect(await fullyVisible(pane.locator('.message').first(), pane)).toBe(true);
  });

  it('follows the newest message again once the reader sends one', async () => {
    await send(page.locator('#composer-input'), 'Back at the bottom', channelPane());
    await expect
      .poll(() =>
        fullyVisible(lastMessage(channelPane()).filter({ hasText: 'Back at the bottom' }), channelPane()),
      )
      .toBe(true);
  });

  it('keeps the reply box and the newest reply on screen in a long thread', async () => {
    const root = channelPane().locator('.message').filter({ hasText: 'Dock check 1:' }).first();
    await root.hover();
    await root.getByRole('button', { name: /Reply in thread/ }).click();
    await page.locator('#thread').waitFor();

    for (let i = 1; i <= 15; i++) {
      await send(
        page.locator('#thread-input'),
        `Reply ${i}: the forecast says ${'wind '.repeat(i)}`,
        threadPane(),
      );
    }
    const thread = await threadPane().evaluate((node) => ({
      scrollHeight: node.scrollHeight,
      clientHeight: node.clientHeight,
    }));
    expect(thread.scrollHeight).toBeGreaterThan(thread.clientHeight);
    await expect.poll(() => lastMessage(threadPane()).textContent()).toContain('Reply 15');
    await expect.poll(() => fullyVisible(page.locator('#thread-composer'))).toBe(true);
    await expect.poll(() => fullyVisible(lastMessage(threadPane()), threadPane())).toBe(true);
    // The channel's message box is still there beside the thread.
    await expect.poll(() => fullyVisible(page.locator('#composer'))).toBe(true);
    await page.screenshot({ path: 'test-results/e2e/sandbox-02-long-thread.png' });
  }, 60_000);

  it('names modal fields by their labels, not their placeholders', async () => {
    await page.locator('#thread-close').click();
    await page.locator('#composer-input').fill('/charter new');
    await page.locator('#composer-input').press('Enter');
    const modal = page.locator('#modal');
    await modal.locator('.modal-title', { hasText: 'New charter' }).waitFor();

    const labelled = await modal.locator('.bk-input-block').evaluateAll((blocks) =>
      blocks.map((block) => {
        const label = block.querySelector('.bk-label');
        const field = block.querySelector('input:not([type=radio]):not([type=checkbox]), select, textarea');
        const group = block.querySelector('[role=group]');
        return {
          label: label?.textContent ?? '',
          tied: field
            ? (label as HTMLLabelElement | null)?.htmlFor === field.id && field.id !== ''
            : group?.getAttribute('aria-labelledby') === label?.id,
        };
      }),
    );
    expect(labelled.length).toBeGreaterThan(10);
    expect(labelled.filter((l) => !l.tied)).toEqual([]);

    // The price field answers to its label, whatever its placeholder says.
    const price = page.getByLabel(/^Charter price/);
    expect(await price.getAttribute('data-block-id')).toBe('booking_price');
    expect(await price.getAttribute('placeholder')).toBe('0.00');

    // Options show their descriptions (a boat's capacity), as Slack shows them under the option's text.
    const boats = await modal.locator('[data-block-id="booking_boat"] option').allTextContents();
    expect(boats.filter((text) => /Up to \d+ guests/.test(text)).length).toBeGreaterThan(0);
    await page.screenshot({ path: 'test-results/e2e/sandbox-03-modal.png' });
  });

  it('says the time zone beside the times and updates the margin as the price is typed, keeping focus', async () => {
    const modal = page.locator('#modal');
    const field = (blockId: string) => modal.locator(`[data-block-id="${blockId}"][data-bk-input]`);
    expect(await modal.locator('[data-block-id="booking_start_time"] .bk-label').textContent()).toMatch(
      /^Departs \(Pacific Time\)/,
    );
    await field('booking_captain').locator('option[value="ana-ruiz"]').waitFor({ state: 'attached' });
    const estimate = modal.locator('[data-block-id="booking_estimate"]');
    const shows = (pattern: RegExp) =>
      expect.poll(() => estimate.textContent(), { timeout: 15_000 }).toMatch(pattern);

    // One field at a time, each answered before the next, as a person reads the margin while filling in.
    await field('booking_date').fill(new Date(Date.now() + 20 * 86_400_000).toISOString().slice(0, 10));
    await shows(/crew pay \$0\.00/);
    await field('booking_captain').selectOption('ana-ruiz');
    await shows(/crew pay \$195\.00/); // 3 h × $65
    await field('booking_crew').locator('select').selectOption('sam-okafor');
    await shows(/crew pay \$291\.00/); // + 3 h × $32
    // With a captain fee the fee is the captain's pay: crew pay drops her hours, the fee is counted once.
    await field('booking_captain_fee').pressSequentially('250', { delay: 60 });
    await shows(/crew pay \$96\.00 − captain fee \$250\.00/);
    await shows(/The captain is paid the captain fee, not their hourly rate/);

    await field('booking_price').click();
    await field('booking_price').pressSequentially('1500', { delay: 60 });
    // No Enter: typing asks the app, which redraws the view; the caret stays in the price.
    await shows(/Margin \$1,154\.00/); // 1500 − 96 crew pay − 250 captain fee
    expect(await field('booking_price').inputValue()).toBe('1500');
    expect(await field('booking_price').evaluate((node) => node === document.activeElement)).toBe(true);
    await page.screenshot({ path: 'test-results/e2e/sandbox-04-modal-margin.png' });
    await page.locator('#modal-close').click();
  }, 40_000);
});
