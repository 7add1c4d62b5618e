import { readFileSync, rmSync } from 'node:fs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDemoWarehouseFile } from '../src/testing/demo-warehouse.ts';
import { buildWebApp } from './testing/build-web-app.ts';
import { writeEvalRunFixture } from './testing/eval-run-fixture.ts';
import { browserUnavailableReason, launchChromium, screenshotPath } from './testing/launch-chromium.ts';
import { startWebTestServer, type WebTestServer } from './testing/web-test-server.ts';

const unavailable = browserUnavailableReason();

/**
 * The web app end to end: the production bundle (vite build), served by a real ShopLens server (real analytics
 * agent on a small seeded demo; the server's fake support responder and hand-off desk), driven in headless chromium.
 */
describe.skipIf(unavailable !== null)(`web app in chromium${unavailable ? ` (skipped: ${unavailable})` : ''}`, () => {
  let demo: Awaited<ReturnType<typeof createDemoWarehouseFile>>;
  let bundle: Awaited<ReturnType<typeof buildWebApp>>;
  let evalRuns: ReturnType<typeof writeEvalRunFixture>;
  let server: WebTestServer;
  let browser: Browser;
  let staff: BrowserContext;
  let shopper: BrowserContext;
  let analyticsPage: Page;
  let supportPage: Page;
  let agentPage: Page;
  const foreignRequests: string[] = [];
  const consoleErrors: string[] = [];
  const measurements: Record<string, number> = {};

  /** Every page records requests leaving the server and console errors (CSP violations land there too). */
  function watch(page: Page): Page {
    page.on('request', (request) => {
      const url = request.url();
      if (!url.startsWith(server.url) && !url.startsWith('data:') && !url.startsWith('blob:')) foreignRequests.push(url);
    });
    page.on('console', (message) => {
      // Expected: refused WebSocket connections while the tests restart the server or block reconnects, and the
      // 401 of the deliberately wrong guest verification.
      const expected = /WebSocket connection/.test(message.text()) || (message.location().url.endsWith('/api/support/guest') && /401/.test(message.text()));
      if (message.type() === 'error' && !expected) consoleErrors.push(`${page.url()}: ${message.text()}`);
    });
    page.on('pageerror', (error) => consoleErrors.push(`${page.url()}: ${error.message}`));
    return page;
  }

  async function newContext(options: { locale?: string; width?: number; height?: number } = {}): Promise<BrowserContext> {
    return browser.newContext({ locale: options.locale ?? 'en-US', viewport: { width: options.width ?? 1280, height: options.height ?? 900 }, acceptDownloads: true });
  }

  beforeAll(async () => {
    [bundle, demo] = await Promise.all([buildWebApp(), createDemoWarehouseFile({ users: 600, days: 30 })]);
    evalRuns = writeEvalRunFixture();
    server = await startWebTestServer({ databasePath: demo.path, evalsDirectory: evalRuns.runsDirectory, distDirectory: bundle.distDirectory });
    browser = await launchChromium();
    staff = await newContext();
    shopper = await newContext({ width: 360, height: 740 });
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    demo?.remove();
    bundle?.remove();
    if (evalRuns) rmSync(evalRuns.runsDirectory, { recursive: true, force: true });
    if (Object.keys(measurements).length > 0) console.log('web measurements', measurements);
  });

  it('analytics: asks, streams phases, renders a chart, sorts, exports CSV, shows SQL, follows up', async () => {
    analyticsPage = watch(await staff.newPage());
    await analyticsPage.goto(`${server.url}/`);
    await analyticsPage.getByRole('button', { name: 'Continue as the demo analyst' }).click();
    const question = analyticsPage.getByRole('textbox', { name: 'Your question' });
    await expect.poll(() => question.evaluate((element) => element === document.activeElement)).toBe(true);
    await question.fill('GMV by category');
    await question.press('Enter');

    const answer = analyticsPage.locator('.turn.assistant[data-seq] .answer').first();
    await answer.waitFor({ timeout: 30_000 });
    // The run reported its phases while it streamed; the finished stepper keeps them.
    expect(await analyticsPage.locator('.turn.assistant .phases li[data-state="done"]').count()).toBe(6);
    expect(await answer.locator('.narrative').textContent()).toMatch(/¥[\d,]+\.\d\d/);

    // The chart: ECharts drew on a canvas, and not a blank one.
    await answer.locator('figure.chart[data-rendered="true"] canvas').waitFor({ timeout: 15_000 });
    await expect
      .poll(
        () =>
          answer.locator('figure.chart canvas').first().evaluate((canvas: HTMLCanvasElement) => {
            const pixels = canvas.getContext('2d')?.getImageData(0, 0, canvas.width, canvas.height).data ?? new Uint8ClampedArray();
            let painted = 0;
            for (let index = 3; index < pixels.length; index += 4) if ((pixels[index] ?? 0) > 0) painted += 1;
            return painted;
          }),
        { timeout: 5000 },
      )
      .toBeGreaterThan(2000);

    // The table: formatted by unit, sortable by keyboard-reachable header buttons.
    const table = answer.locator('table.result-table');
    const firstMetricHeader = table.locator('th.numeric').first();
    await firstMetricHeader.locator('button').click();
    await expect.poll(() => firstMetricHeader.getAttribute('aria-sort')).toBe('descending');
    const columnFigures = () =>
      table.evaluate((element: HTMLTableElement) => {
        const column = [...element.querySelectorAll('thead th')].findIndex((header) => header.classList.contains('numeric'));
        return [...element.querySelectorAll('tbody tr')].map((row) => row.children[column]?.textContent ?? '');
      });
    const descending = await columnFigures();
    expect(descending.length).toBeGreaterThan(1);
    expect(descending.every((text) => /^¥[\d,]+\.\d\d$/.test(text))).toBe(true);
    const amounts = descending.map((text) => Number(text.replace(/[¥,]/g, '')));
    expect(amounts).toEqual([...amounts].sort((left, right) => right - left));
    await firstMetricHeader.locator('button').press('Enter');
    await expect.poll(() => firstMetricHeader.getAttribute('aria-sort')).toBe('ascending');
    expect(await columnFigures()).toEqual([...descending].reverse());

    // CSV export of the table.
    const [download] = await Promise.all([analyticsPage.waitForEvent('download'), answer.getByRole('button', { name: 'Download CSV' }).click()]);
    const csv = readFileSync((await download.path()) as string, 'utf8');
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    const csvLines = csv.slice(1).trim().split('\r\n');
    expect(csvLines.length).toBe((await table.locator('tbody tr').count()) + 1);
    expect(csvLines[0]).toMatch(/Category/);

    // SQL and assumptions behind a disclosure.
    const details = answer.locator('details.behind-answer');
    expect(await details.evaluate((element: HTMLDetailsElement) => element.open)).toBe(false);
    await details.locator('summary').click();
    expect(await details.locator('pre.sql').textContent()).toMatch(/SELECT/i);

    // A follow-up suggestion asks the next question in the same conversation.
    const followUp = answer.locator('.follow-ups button.chip').first();
    const followUpText = (await followUp.textContent()) ?? '';
    await followUp.click();
    await expect.poll(() => analyticsPage.locator('.turn.assistant[data-seq] .answer').count(), { timeout: 30_000 }).toBe(2);
    expect(await analyticsPage.locator('.turn.user').nth(1).textContent()).toBe(followUpText);
    await analyticsPage.screenshot({ path: screenshotPath('analytics-answer'), fullPage: true });
  });

  it('analytics: the sidebar history survives a reload and a server restart', async () => {
    const historyItem = analyticsPage.locator('.history-item', { hasText: 'GMV by category' });
    await expect.poll(() => historyItem.count()).toBe(1);
    await analyticsPage.reload();
    await historyItem.waitFor();

    await server.restart();
    await analyticsPage.reload();
    await historyItem.click();
    await expect.poll(() => analyticsPage.locator('.turn.assistant[data-seq] .answer').count(), { timeout: 20_000 }).toBe(2);
    expect(await analyticsPage.locator('.turn.user').count()).toBe(2);
    expect(await historyItem.getAttribute('aria-current')).toBe('true');
    // The replayed answers are whole again: chart and table included.
    await analyticsPage.locator('figure.chart[data-rendered="true"]').first().waitFor();
    await analyticsPage.screenshot({ path: screenshotPath('analytics-after-restart') });
  });

  it('analytics: first contentful paint of the signed-in page, cold and warm', async () => {
    const credential = await analyticsPage.evaluate(() => localStorage.getItem('shoplens.credential.analyst'));
    expect(credential).toBeTruthy();
    const cold = await browser.newContext({ storageState: { cookies: [], origins: [{ origin: server.url, localStorage: [{ name: 'shoplens.credential.analyst', value: credential as string }] }] } });
    try {
      const measure = async (page: Page) => {
        await page.goto(`${server.url}/`);
        await page.getByRole('textbox', { name: 'Your question' }).waitFor();
        // The paint entry can be queued after the page is usable: wait for it rather than read it too early.
        await page.waitForFunction(() => performance.getEntriesByName('first-contentful-paint').length > 0, undefined, { timeout: 10_000 });
        return page.evaluate(() => ({
          firstContentfulPaint: performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? -1,
          appReady: performance.getEntriesByName('shoplens-analytics-ready')[0]?.startTime ?? -1,
        }));
      };
      const page = watch(await cold.newPage());
      const first = await measure(page);
      // Warm: the same tab loads the page again with the assets in the HTTP cache (they are immutable).
      const second = await measure(page);
      measurements.coldFirstContentfulPaintMs = Math.round(first.firstContentfulPaint);
      measurements.coldAppReadyMs = Math.round(first.appReady);
      measurements.warmFirstContentfulPaintMs = Math.round(second.firstContentfulPaint);
      measurements.warmAppReadyMs = Math.round(second.appReady);
      // Both loads paint and become ready; how fast is a measurement (printed with the others), not a timed test —
      // on a shared 2-core CI machine a threshold here fails on load, not on the product.
      expect(first.firstContentfulPaint).toBeGreaterThan(0);
      expect(second.firstContentfulPaint).toBeGreaterThan(0);
      expect(first.appReady).toBeGreaterThan(0);
    } finally {
      await cold.close();
    }
  });

  it('support: at phone width, an order card, a confirmed cancellation and a hand-off', async () => {
    supportPage = watch(await shopper.newPage());
    await supportPage.goto(`${server.url}/support`);
    await supportPage.getByRole('button', { name: 'Chat with customer service' }).click();
    const dialog = supportPage.getByRole('dialog', { name: 'Customer service' });
    await dialog.getByLabel('Demo customer').waitFor();
    // Every control of the sign-in form fits the phone's width.
    for (const control of await dialog.locator('input, select, button').all()) {
      const box = await control.boundingBox();
      expect(box && box.x + box.width).toBeLessThanOrEqual(360);
    }
    await supportPage.screenshot({ path: screenshotPath('support-360-sign-in') });
    await dialog.getByRole('button', { name: 'Sign in', exact: true }).click();

    const input = dialog.getByRole('textbox', { name: 'Your message' });
    // "slow" makes the fake responder think for 1.2 s: the typing indicator shows for replies slower than 250 ms.
    await input.fill('Slow question: where is my order?');
    await input.press('Enter');
    await dialog.locator('.typing:not([hidden])').waitFor();
    await dialog.locator('.order-card').first().waitFor();
    await dialog.locator('.typing[hidden]').waitFor({ state: 'attached' });
    expect(await dialog.locator('.order-card .order-number').first().textContent()).toMatch(/^Order \S+/);

    await input.fill('Please cancel my order');
    await input.press('Enter');
    const card = dialog.locator('.confirmation-card').first();
    await card.waitFor();
    await card.getByRole('button', { name: 'Confirm' }).click();
    await dialog.locator('.bubble.assistant', { hasText: 'the order is cancelled' }).waitFor();
    expect(await card.getAttribute('data-answered')).toBe('confirmed');
    expect(await card.getByRole('button', { name: 'Confirm' }).isDisabled()).toBe(true);

    await dialog.getByRole('button', { name: 'Talk to a human' }).click();
    await dialog.locator('.handoff-note').waitFor();
    // The page fits the phone: nothing wider than the viewport.
    expect(await supportPage.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    await supportPage.screenshot({ path: screenshotPath('support-360') });
  });

  it('agents: take the hand-off, see summary and history, reply; the shopper gets missed messages once after a reconnect', async () => {
    agentPage = watch(await staff.newPage());
    await agentPage.goto(`${server.url}/agents`);
    await agentPage.getByRole('button', { name: 'Continue as the demo agent' }).click();
    const entry = agentPage.locator('.queue-entry').first();
    await entry.waitFor();
    await entry.getByRole('button', { name: /Take conversation/ }).click();
    await agentPage.locator('.bot-summary').waitFor();
    expect(await agentPage.locator('.bot-summary').textContent()).toMatch(/asked for a person/);
    expect(await agentPage.locator('.agent-history').textContent()).toContain('Please cancel my order');
    await expect.poll(() => agentPage.locator('.queue-entry').count()).toBe(0);

    const reply = agentPage.getByRole('textbox', { name: 'Reply to the customer' });
    await reply.fill('Hello, this is Lin from the support team.');
    await reply.press('Enter');
    await supportPage.locator('.bubble.agent', { hasText: 'this is Lin' }).waitFor();

    // Drop the shopper's connection and keep it down while the agent writes; then let it back in.
    let blocked = true;
    server.server.io.of('/support').use((_socket, next) => (blocked ? next(new Error('blocked by the test')) : next()));
    for (const socket of await server.server.io.of('/support').fetchSockets()) socket.disconnect(true);
    await supportPage.locator('.connection[data-state="reconnecting"]').waitFor();
    await reply.fill('Are you still there? Your refund is on its way.');
    await reply.press('Enter');
    await agentPage.locator('.history-message.agent', { hasText: 'still there' }).waitFor();
    blocked = false;
    const missed = supportPage.locator('.bubble.agent', { hasText: 'still there' });
    await missed.waitFor({ timeout: 15_000 });
    // Reconnect once more with nothing new: still exactly one copy of each message.
    for (const socket of server.server.io.of('/support').sockets.values()) socket.conn.close();
    await supportPage.locator('.connection[data-state="reconnecting"]').waitFor({ state: 'attached' });
    await supportPage.locator('.connection[data-state="connected"]').waitFor({ state: 'attached', timeout: 15_000 });
    await supportPage.waitForTimeout(300);
    expect(await missed.count()).toBe(1);
    expect(await supportPage.locator('.bubble.agent').count()).toBe(2);
    expect(await supportPage.locator('.bubble.user', { hasText: 'Please cancel my order' }).count()).toBe(1);

    await agentPage.getByRole('button', { name: 'Resolve' }).click();
    await supportPage.locator('.note', { hasText: 'closed this chat' }).waitFor();
    await agentPage.screenshot({ path: screenshotPath('agents-console'), fullPage: true });
    await supportPage.screenshot({ path: screenshotPath('support-360-after-agent') });
  });

  it('evals: run list, accuracy by shape and language, filters, one transcript, two runs compared', async () => {
    const page = watch(await staff.newPage());
    await page.goto(`${server.url}/evals`);
    const runLink = page.getByRole('link', { name: evalRuns.olderRunId });
    await runLink.waitFor();
    expect(await page.locator('.runs-table tbody tr').count()).toBe(2);
    await runLink.click();
    await page.locator('.accuracy-matrix').waitFor();
    expect(await page.locator('.accuracy-matrix tbody tr').count()).toBe(3);
    expect(await page.locator('.stat-cards li').count()).toBe(3);
    await page.screenshot({ path: screenshotPath('evals-run'), fullPage: true });

    await page.getByLabel('Verdict').selectOption('failed');
    await expect.poll(() => page.locator('.question-table tbody tr').count()).toBe(1);
    await page.getByLabel('Language').selectOption('en');
    await expect.poll(() => page.locator('.question-table tbody tr').count()).toBe(0);
    await page.getByLabel('Language').selectOption('zh');
    await page.locator('.question-table tbody tr a').first().click();

    const view = page.locator('.question-view');
    await view.waitFor();
    expect(await view.locator('h2').textContent()).toBe('各品类的GMV');
    expect(await view.locator('.steps > li').count()).toBe(3);
    expect(await view.locator('.step.tool-step h4').textContent()).toContain('query_metrics');
    expect(await view.locator('.side-by-side pre.sql').count()).toBe(2);
    expect(await view.locator('.diff').textContent()).toContain('missing a GROUP BY value');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('question-heading');
    await page.screenshot({ path: screenshotPath('evals-transcript'), fullPage: true });

    await page.goto(`${server.url}/evals#`);
    await page.getByLabel('Before').selectOption(evalRuns.olderRunId);
    await page.getByLabel('After').selectOption(evalRuns.newerRunId);
    await page.getByRole('button', { name: 'Compare', exact: true }).click();
    await page.locator('#compare-heading').waitFor();
    expect(await page.locator('.change-list li[data-question]').evaluateAll((items) => items.map((item) => item.getAttribute('data-question')))).toEqual(['lookup-orders-en', 'breakdown-gmv-category-zh']);
    await page.screenshot({ path: screenshotPath('evals-compare'), fullPage: true });
  });

  it('Chinese: follows the browser language and switches on request', async () => {
    const chinese = await newContext({ locale: 'zh-CN', width: 390, height: 800 });
    try {
      const page = watch(await chinese.newPage());
      await page.goto(`${server.url}/support`);
      await page.getByRole('heading', { name: '冬季好物，极速送达' }).waitFor();
      expect(await page.evaluate(() => document.documentElement.lang)).toBe('zh-CN');
      await page.getByRole('button', { name: '联系在线客服' }).click();
      await page.getByRole('dialog', { name: '在线客服' }).getByText('我有账号').waitFor();
      await page.screenshot({ path: screenshotPath('support-zh') });
      // At phone width the chat covers the page; Escape closes it and gives focus back to the bubble.
      await page.keyboard.press('Escape');
      expect(await page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe('联系在线客服');
      await page.getByRole('button', { name: '将界面切换为英文' }).click();
      await page.getByRole('heading', { name: 'Winter picks, delivered fast' }).waitFor();
      await page.reload();
      // The choice is remembered over the browser's language.
      await page.getByRole('heading', { name: 'Winter picks, delivered fast' }).waitFor();
    } finally {
      await chinese.close();
    }
  });

  it('support: a guest verifies an order with its number and phone, and chats about that order', async () => {
    const { rows } = await server.warehouse.query(`SELECT order_no, shipping_phone FROM orders WHERE shipping_phone IS NOT NULL ORDER BY order_id LIMIT 1`);
    const order = rows[0] as { order_no: string; shipping_phone: string };
    const guest = await newContext({ width: 360, height: 740 });
    try {
      const page = watch(await guest.newPage());
      await page.goto(`${server.url}/support`);
      await page.getByRole('button', { name: 'Chat with customer service' }).click();
      const dialog = page.getByRole('dialog', { name: 'Customer service' });
      await dialog.getByLabel('Order number').fill(order.order_no);
      await dialog.getByLabel('Phone or e-mail used for the order').fill('13000000000');
      await dialog.getByRole('button', { name: 'Verify and chat' }).click();
      await dialog.getByRole('alert').filter({ hasText: 'No order matches' }).waitFor();
      await dialog.getByLabel('Phone or e-mail used for the order').fill(order.shipping_phone);
      await dialog.getByRole('button', { name: 'Verify and chat' }).click();
      const input = dialog.getByRole('textbox', { name: 'Your message' });
      await input.fill('What is the status of my order?');
      await input.press('Enter');
      await dialog.locator(`.order-card[data-order="${order.order_no}"]`).waitFor();
      expect(await dialog.locator('.order-card').count()).toBe(1);
      await page.screenshot({ path: screenshotPath('support-guest-360') });
    } finally {
      await guest.close();
    }
  });

  it('made no request to any other origin and logged no errors (no CSP violations)', () => {
    expect(foreignRequests).toEqual([]);
    expect(consoleErrors).toEqual([]);
  });
});
