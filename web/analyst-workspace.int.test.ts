import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDemoWarehouseFile } from '../src/testing/demo-warehouse.ts';
import { buildWebApp } from './testing/build-web-app.ts';
import { writeEvalRunFixture } from './testing/eval-run-fixture.ts';
import { browserUnavailableReason, launchChromium, screenshotPath } from './testing/launch-chromium.ts';
import { startWebTestServer, type WebTestServer } from './testing/web-test-server.ts';
import { rmSync } from 'node:fs';

const unavailable = browserUnavailableReason();
const DESKTOP = { width: 1440, height: 900 };
const PHONE = { width: 390, height: 844 };

/**
 * What an analyst does with an answer (issue 13: keep, change, rate) in the production bundle, on a real server
 * over a small seeded demo, in headless Debian chromium; screenshots at desktop and phone size are checked here.
 */
describe.skipIf(unavailable !== null)(`analyst workspace in chromium${unavailable ? ` (skipped: ${unavailable})` : ''}`, () => {
  let demo: Awaited<ReturnType<typeof createDemoWarehouseFile>>;
  let bundle: Awaited<ReturnType<typeof buildWebApp>>;
  let evalRuns: ReturnType<typeof writeEvalRunFixture>;
  let server: WebTestServer;
  let browser: Browser;
  let analyst: BrowserContext;
  let page: Page;
  const problems: string[] = [];

  function watch(target: Page): Page {
    target.on('pageerror', (error) => problems.push(`${target.url()}: ${error.message}`));
    target.on('console', (message) => {
      if (message.type() === 'error' && !/WebSocket connection/.test(message.text())) problems.push(`${target.url()}: ${message.text()}`);
    });
    return target;
  }

  /** Signs a context in as a given analyst (the staff pages read the credential from localStorage). */
  async function signedInContext(name: string, viewport: { width: number; height: number }, locale = 'en-US'): Promise<BrowserContext> {
    const context = await browser.newContext({ viewport, locale, acceptDownloads: true });
    const credential = JSON.stringify({ kind: 'token', value: await server.analystToken(name), label: name });
    await context.addInitScript((value) => localStorage.setItem('shoplens.credential.analyst', value), credential);
    return context;
  }

  /** The page fits its viewport (no sideways scrolling) and the named elements are on screen, inside its width. */
  async function checkLayout(target: Page, selectors: string[]): Promise<void> {
    const overflow = await target.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    const width = target.viewportSize()?.width ?? 0;
    for (const selector of selectors) {
      const box = await target.locator(selector).first().boundingBox();
      expect(box, `${selector} is visible`).not.toBeNull();
      expect((box?.x ?? -1) >= 0 && (box?.x ?? 0) + (box?.width ?? 0) <= width + 0.5, `${selector} fits ${width}px`).toBe(true);
    }
  }

  async function ask(target: Page, question: string): Promise<ReturnType<Page['locator']>> {
    const before = await target.locator('.turn.assistant[data-seq] .answer').count();
    const box = target.getByRole('textbox', { name: 'Your question' });
    await box.fill(question);
    await box.press('Enter');
    await expect.poll(() => target.locator('.turn.assistant[data-seq] .answer').count(), { timeout: 60_000 }).toBe(before + 1);
    return target.locator('.turn.assistant[data-seq] .answer').nth(before);
  }

  beforeAll(async () => {
    [bundle, demo] = await Promise.all([buildWebApp(), createDemoWarehouseFile({ users: 400, days: 30 })]);
    evalRuns = writeEvalRunFixture();
    server = await startWebTestServer({ databasePath: demo.path, evalsDirectory: evalRuns.runsDirectory, distDirectory: bundle.distDirectory });
    browser = await launchChromium();
    analyst = await signedInContext('ana', DESKTOP);
    page = watch(await analyst.newPage());
    await page.goto(`${server.url}/`);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    demo?.remove();
    bundle?.remove();
    if (evalRuns) rmSync(evalRuns.runsDirectory, { recursive: true, force: true });
  });

  it('keep: pins an answer to a new named dashboard, re-runs it there with its as-of date, and shares it read-only', async () => {
    const answer = await ask(page, 'GMV by category last week');
    await answer.getByRole('button', { name: 'Pin to dashboard' }).click();
    await answer.getByRole('textbox', { name: 'Name of the new dashboard' }).fill('Weekly sales');
    await answer.getByRole('button', { name: 'Pin', exact: true }).click();
    await expect.poll(() => answer.locator('.pin-status').textContent()).toBe('Pinned to “Weekly sales” (pinned answers: 1).');
    const second = await ask(page, 'Daily GMV in the last 30 days');
    await second.getByRole('button', { name: 'Pin to dashboard' }).click();
    // The existing dashboard is offered first.
    await expect.poll(() => second.getByRole('combobox', { name: 'Dashboard to pin to' }).inputValue()).not.toBe('__new__');
    await second.getByRole('button', { name: 'Pin', exact: true }).click();
    await expect.poll(() => second.locator('.pin-status').textContent()).toContain('(pinned answers: 2)');

    await page.getByRole('button', { name: 'Weekly sales (2)' }).click();
    const panel = page.locator('.dashboard-panel');
    await expect.poll(() => panel.locator('.dashboard-item').count(), { timeout: 30_000 }).toBe(2);
    expect(await page.locator('section.chat').isHidden()).toBe(true);
    const items = panel.locator('.dashboard-item');
    for (const index of [0, 1]) {
      expect(await items.nth(index).getAttribute('data-status')).toBe('rerun');
      expect(await items.nth(index).locator('.item-as-of').textContent()).toMatch(/^Data as of 2025-11-30 · re-run /);
      await items.nth(index).locator('figure.chart[data-rendered="true"] canvas').waitFor({ timeout: 15_000 });
      expect(await items.nth(index).locator('table.result-table tbody tr').count()).toBeGreaterThan(1);
    }
    expect(await items.nth(0).locator('.item-question').textContent()).toBe('GMV by category last week');
    await page.screenshot({ path: screenshotPath('workspace-dashboard-1440'), fullPage: true });
    await checkLayout(page, ['.dashboard-head h2', '.share-button', '.dashboard-item canvas']);

    await panel.getByRole('button', { name: 'Share read-only link' }).click();
    const link = await panel.getByRole('textbox', { name: 'Read-only link for other analysts' }).inputValue();
    expect(link).toMatch(new RegExp(`^${server.url}/\\?dashboard=`));

    // Another analyst opens the link on a phone: the same dashboard, re-run, read-only, in Chinese.
    const colleague = await signedInContext('bo', PHONE, 'zh-CN');
    const phone = watch(await colleague.newPage());
    await phone.goto(link);
    const shared = phone.locator('.dashboard-panel');
    await expect.poll(() => shared.locator('.dashboard-item[data-status="rerun"]').count(), { timeout: 30_000 }).toBe(2);
    expect(await shared.locator('.read-only-note').textContent()).toBe('只读：由 ana 分享。');
    expect(await shared.locator('.share-button').count()).toBe(0);
    expect(await shared.locator('.item-as-of').first().textContent()).toMatch(/^数据截至 2025-11-30 · 重新运行于 /);
    await shared.locator('figure.chart[data-rendered="true"]').first().waitFor({ timeout: 15_000 });
    await phone.screenshot({ path: screenshotPath('workspace-shared-dashboard-390'), fullPage: true });
    await checkLayout(phone, ['.dashboard-head h2', '.read-only-note', '.dashboard-item canvas', '.dashboard-item .table-scroll']);
    // bo's own list does not contain ana's dashboard.
    expect(await phone.locator('.dashboard-list').textContent()).toBe('还没有看板：把回答固定到看板即可创建。');
    await colleague.close();
  });

  afterAll(() => {
    expect(problems).toEqual([]);
  });
});
