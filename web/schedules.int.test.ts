import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { rmSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createDemoWarehouseFile } from '../src/testing/demo-warehouse.ts';
import { buildWebApp } from './testing/build-web-app.ts';
import { writeEvalRunFixture } from './testing/eval-run-fixture.ts';
import { browserUnavailableReason, launchChromium, screenshotPath } from './testing/launch-chromium.ts';
import { startWebTestServer, type WebTestServer } from './testing/web-test-server.ts';

const unavailable = browserUnavailableReason();

/**
 * Scheduling a question from its answer and seeing the alert it fires, at desktop and phone sizes; and model
 * answers drawn as their charts (the forecast's band, propensity's horizontal bars), in chromium.
 */
describe.skipIf(unavailable !== null)(`scheduled questions, the alert inbox and model charts in chromium${unavailable ? ` (skipped: ${unavailable})` : ''}`, () => {
  let demo: Awaited<ReturnType<typeof createDemoWarehouseFile>>;
  let bundle: Awaited<ReturnType<typeof buildWebApp>>;
  let evalRuns: ReturnType<typeof writeEvalRunFixture>;
  let server: WebTestServer;
  let browser: Browser;
  let hook: Server;
  let hookUrl: string;
  const hookBodies: unknown[] = [];
  const consoleErrors: string[] = [];

  const watch = (page: Page): Page => {
    page.on('console', (message) => {
      if (message.type() === 'error') consoleErrors.push(`${page.url()}: ${message.text()}`);
    });
    page.on('pageerror', (error) => consoleErrors.push(`${page.url()}: ${error.message}`));
    return page;
  };

  beforeAll(async () => {
    [bundle, demo] = await Promise.all([buildWebApp(), createDemoWarehouseFile({ users: 400, days: 60 })]);
    evalRuns = writeEvalRunFixture();
    server = await startWebTestServer({ databasePath: demo.path, evalsDirectory: evalRuns.runsDirectory, distDirectory: bundle.distDirectory });
    browser = await launchChromium();
    // The alert's webhook: a local receiver on 127.0.0.1.
    hook = createServer((request, response) => {
      let text = '';
      request.on('data', (chunk) => (text += String(chunk)));
      request.on('end', () => {
        hookBodies.push(z.unknown().parse(JSON.parse(text)));
        response.writeHead(200).end('ok');
      });
    });
    await new Promise<void>((resolve) => hook.listen(0, '127.0.0.1', resolve));
    hookUrl = `http://127.0.0.1:${(hook.address() as AddressInfo).port}/alerts`;
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await new Promise((resolve) => hook?.close(resolve));
    demo?.remove();
    bundle?.remove();
    if (evalRuns) rmSync(evalRuns.runsDirectory, { recursive: true, force: true });
  });

  it('schedules an answer with a threshold rule, runs it, and shows the fired alert (1440×900, then 390×844)', async () => {
    const desktop = await browser.newContext({ locale: 'en-US', viewport: { width: 1440, height: 900 } });
    const page = watch(await desktop.newPage());
    await page.goto(`${server.url}/`);
    await page.getByRole('button', { name: 'Continue as the demo analyst' }).click();
    await expect.poll(() => page.locator('.inbox').textContent()).toContain('No new alerts.');

    const question = page.getByRole('textbox', { name: 'Your question' });
    await question.fill('GMV last week');
    await question.press('Enter');
    const answer = page.locator('.turn.assistant[data-seq] .answer').first();
    await answer.waitFor({ timeout: 30_000 });

    await answer.getByText('Schedule this question').click();
    const form = answer.locator('form.schedule-form');
    await form.getByLabel('How often').selectOption('daily');
    await form.getByLabel('Hour (UTC)').fill('7');
    await form.getByLabel('Alert when').selectOption('above');
    await form.getByLabel('Threshold or percent').fill('1');
    await form.getByLabel('Webhook URL (optional)').fill(hookUrl);
    await form.getByRole('button', { name: 'Save schedule' }).click();
    await expect.poll(() => form.locator('p[role="status"]').textContent()).toMatch(/Scheduled\. Next run: .* 7:00 .*UTC/);

    const schedule = page.locator('.inbox .schedule-list .schedule');
    await expect.poll(() => schedule.count()).toBe(1);
    expect(await schedule.textContent()).toContain('GMV last week · Daily');
    await schedule.getByRole('button', { name: 'Run now' }).click();

    const alert = page.locator('.inbox .alert-list .alert');
    await expect.poll(() => alert.count(), { timeout: 30_000 }).toBe(1);
    expect(await alert.textContent()).toMatch(/GMV last week.*¥[\d,]+\.\d\d is above the threshold ¥1\.00/);
    expect(hookBodies).toHaveLength(1);
    expect(hookBodies[0]).toMatchObject({ type: 'shoplens.alert', question: 'GMV last week' });
    await page.screenshot({ path: screenshotPath('schedule-alert-1440') });
    // The inbox sits inside the sidebar and fits it.
    const box = await page.locator('.inbox').boundingBox();
    const sidebar = await page.locator('aside.history').boundingBox();
    expect(box && sidebar && box.x >= sidebar.x && box.x + box.width <= sidebar.x + sidebar.width + 1).toBe(true);

    // The same analyst on a phone sees the same unread alert, and marks it read.
    const phone = await browser.newContext({ locale: 'en-US', viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    const mobile = watch(await phone.newPage());
    await mobile.goto(`${server.url}/`);
    await mobile.getByRole('button', { name: 'Continue as the demo analyst' }).click();
    const mobileAlert = mobile.locator('.inbox .alert-list .alert');
    await expect.poll(() => mobileAlert.count()).toBe(1);
    const width = await mobile.evaluate(() => document.documentElement.scrollWidth);
    expect(width).toBeLessThanOrEqual(390);
    await mobile.screenshot({ path: screenshotPath('schedule-alert-390') });
    await mobileAlert.getByRole('button', { name: 'Mark read' }).click();
    await expect.poll(() => mobile.locator('.inbox').textContent()).toContain('No new alerts.');

    expect(consoleErrors).toEqual([]);
    await desktop.close();
    await phone.close();
  });

  it('draws the forecast as lines with a shaded interval and likely buyers as horizontal bars, in Chinese', async () => {
    const context = await browser.newContext({ locale: 'zh-CN', viewport: { width: 1440, height: 900 } });
    const page = watch(await context.newPage());
    await page.goto(`${server.url}/`);
    await page.locator('.demo-sign-in button').click();
    const question = page.locator('#question');
    for (const [text, kind] of [['预测下周GMV', 'forecast'], ['哪些用户下周最可能下单', 'horizontal-bar']] as const) {
      await question.fill(text);
      await question.press('Enter');
      const chart = page.locator(`.turn.assistant[data-seq] figure.chart[data-chart-kind="${kind}"][data-rendered="true"] canvas`);
      await chart.waitFor({ timeout: 60_000 });
      const painted = await chart.evaluate((canvas: HTMLCanvasElement) => {
        const pixels = canvas.getContext('2d')?.getImageData(0, 0, canvas.width, canvas.height).data ?? new Uint8ClampedArray();
        let count = 0;
        for (let index = 3; index < pixels.length; index += 4) if ((pixels[index] ?? 0) > 0) count += 1;
        return count;
      });
      expect(painted).toBeGreaterThan(2000);
    }
    // The inbox speaks the page's language too (the alert from the first test was marked read).
    expect(await page.locator('.inbox h2').textContent()).toBe('提醒');
    await expect.poll(() => page.locator('.inbox').textContent()).toContain('没有新提醒。');
    expect(await page.locator('.turn.assistant[data-seq] .schedule-answer summary').first().textContent()).toBe('定时运行这个问题');
    const narratives = await page.locator('.turn.assistant[data-seq] .narrative').allTextContents();
    expect(narratives[0]).toMatch(/合计 ¥[\d,]+\.\d\d,95% 预测区间/);
    expect(narratives[1]).toMatch(/概率最高/);
    await page.screenshot({ path: screenshotPath('model-answers-zh-1440'), fullPage: true });
    expect(consoleErrors).toEqual([]);
    await context.close();
  }, 180_000);
});
