import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDemoWarehouseFile } from '../src/testing/demo-warehouse.ts';
import { buildWebApp } from './testing/build-web-app.ts';
import { writeEvalRunFixture } from './testing/eval-run-fixture.ts';
import { browserUnavailableReason, launchChromium, screenshotPath } from './testing/launch-chromium.ts';
import { startWebTestServer, type WebTestServer } from './testing/web-test-server.ts';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';
import ExcelJS from 'exceljs';

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
  let goldenDirectory: string;
  const problems: string[] = [];

  function watch(target: Page): Page {
    target.on('pageerror', (error) => problems.push(`${target.url()}: ${error.message}`));
    target.on('console', (message) => {
      // Expected: the 422s of the deliberately refused SQL edits.
      const refusedEdit = message.location().url.endsWith('/api/web/answers/rerun') && /422/.test(message.text());
      if (message.type() === 'error' && !/WebSocket connection/.test(message.text()) && !refusedEdit) problems.push(`${target.url()}: ${message.text()}`);
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
    goldenDirectory = mkdtempSync(path.join(tmpdir(), 'shoplens-rated-golden-'));
    server = await startWebTestServer({ databasePath: demo.path, evalsDirectory: evalRuns.runsDirectory, distDirectory: bundle.distDirectory, ratedGoldenDirectory: goldenDirectory });
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
    if (goldenDirectory) rmSync(goldenDirectory, { recursive: true, force: true });
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
    await expect.poll(() => second.locator('.pin-dashboard option').allTextContents()).toEqual(['Weekly sales', 'New dashboard…']);
    expect(await second.getByRole('combobox', { name: 'Dashboard to pin to' }).inputValue()).not.toBe('__new__');
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

    // The owner unpins one answer, then deletes the dashboard; the sidebar follows.
    await items.nth(1).getByRole('button', { name: 'Unpin' }).click();
    await expect.poll(() => panel.locator('.dashboard-item').count(), { timeout: 30_000 }).toBe(1);
    await expect.poll(() => page.locator('.dashboard-list').textContent()).toBe('Weekly sales (1)');
    page.once('dialog', (dialog) => void dialog.accept());
    await panel.getByRole('button', { name: 'Delete dashboard' }).click();
    await expect.poll(() => page.locator('.dashboard-list').textContent()).toBe('No dashboards yet: pin an answer.');
    expect(await page.locator('section.chat').isVisible()).toBe(true);
  });

  it('change: switches chart types the data allows, exports PNG, CSV and XLSX, and re-runs edited SQL under the guard', async () => {
    await page.setViewportSize(DESKTOP);
    const answer = await ask(page, 'Top 5 brands by GMV last week');
    const figure = answer.locator('figure.chart');
    await figure.locator('canvas').waitFor();
    await expect.poll(() => figure.getAttribute('data-rendered')).toBe('true');
    const painted = () =>
      figure.locator('canvas').first().evaluate((canvas: HTMLCanvasElement) => {
        const pixels = canvas.getContext('2d')?.getImageData(0, 0, canvas.width, canvas.height).data ?? new Uint8ClampedArray();
        let count = 0;
        for (let index = 3; index < pixels.length; index += 4) if ((pixels[index] ?? 0) > 0) count += 1;
        return count;
      });
    const kinds = await answer.locator('.chart-switch input').evaluateAll((inputs) => inputs.map((input) => (input as HTMLInputElement).value));
    expect(kinds).toEqual(['bar', 'line', 'area', 'pie', 'table']);
    expect(await answer.getByRole('radio', { name: 'Bar' }).isChecked()).toBe(true);
    for (const [label, kind] of [['Pie', 'pie'], ['Area', 'area'], ['Line', 'line']] as const) {
      await answer.getByRole('radio', { name: label }).check();
      await expect.poll(() => figure.getAttribute('data-chart-kind')).toBe(kind);
      await expect.poll(painted, { timeout: 5000 }).toBeGreaterThan(2000);
    }
    await answer.getByRole('radio', { name: 'Table only' }).check();
    expect(await figure.isHidden()).toBe(true);
    expect(await answer.getByRole('button', { name: 'Download PNG' }).isDisabled()).toBe(true);
    await answer.getByRole('radio', { name: 'Pie' }).check();
    expect(await figure.isVisible()).toBe(true);

    // PNG of the chart as drawn (the pie), at twice the canvas resolution.
    const [png] = await Promise.all([page.waitForEvent('download'), answer.getByRole('button', { name: 'Download PNG' }).click()]);
    expect(png.suggestedFilename()).toMatch(/^shoplens-Top-5-brands-by-GMV-last-week-\d{4}-\d\d-\d\d\.png$/);
    const pngBytes = readFileSync((await png.path()) as string);
    expect(pngBytes.subarray(1, 4).toString('ascii')).toBe('PNG');
    const cssWidth = await figure.locator('canvas').first().evaluate((canvas: HTMLCanvasElement) => canvas.clientWidth);
    expect(pngBytes.readUInt32BE(16)).toBe(cssWidth * 2);
    expect(pngBytes.length).toBeGreaterThan(10_000);

    // The table as the page shows it, for comparison with both files.
    const shown = await answer.locator('table.result-table').evaluate((table: HTMLTableElement) => [...table.querySelectorAll('tbody tr')].map((row) => [...row.children].map((cell) => cell.textContent ?? '')));
    expect(shown).toHaveLength(5);
    const amount = (text: string) => Number(text.replace(/[¥,]/g, ''));

    const [csvDownload] = await Promise.all([page.waitForEvent('download'), answer.getByRole('button', { name: 'Download CSV' }).click()]);
    const csvLines = readFileSync((await csvDownload.path()) as string, 'utf8').slice(1).trim().split('\r\n');
    expect(csvLines[0]).toMatch(/^Brand,GMV/);
    expect(csvLines.slice(1).map((line) => line.split(','))).toEqual(shown.map(([brand, gmv]) => [brand, String(amount(gmv ?? ''))]));

    const [xlsxDownload] = await Promise.all([page.waitForEvent('download'), answer.getByRole('button', { name: 'Download Excel (XLSX)' }).click()]);
    expect(xlsxDownload.suggestedFilename()).toMatch(/\.xlsx$/);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile((await xlsxDownload.path()) as string);
    const sheet = workbook.worksheets[0];
    expect(sheet?.rowCount).toBe(6);
    expect(sheet?.getRow(1).values).toEqual([undefined, 'Brand', expect.stringMatching(/^GMV/)]);
    const sheetRows = [2, 3, 4, 5, 6].map((index) => [sheet?.getRow(index).getCell(1).value, sheet?.getRow(index).getCell(2).value]);
    expect(sheetRows).toEqual(shown.map(([brand, gmv]) => [brand, amount(gmv ?? '')]));
    expect(sheet?.getColumn(2).numFmt).toBe('#,##0.00');
    expect(workbook.getWorksheet('About')?.getRow(1).values).toEqual([undefined, 'Question', 'Top 5 brands by GMV last week']);

    // Edit the SQL: a refused edit says why and changes nothing; an accepted one replaces the answer, marked edited.
    await answer.locator('details.behind-answer summary').click();
    await answer.getByRole('button', { name: 'Edit SQL' }).click();
    const editor = answer.getByRole('textbox', { name: 'SQL to run' });
    expect(await editor.inputValue()).toMatch(/^WITH /);
    await editor.fill('SELECT email, count(*) AS orders FROM users GROUP BY email');
    await answer.getByRole('button', { name: 'Run edited SQL' }).click();
    await expect.poll(() => answer.locator('.sql-problem').textContent()).toMatch(/^Not run: .*email/);
    expect(await answer.getAttribute('data-edited')).toBe('false');
    await editor.fill("SELECT p.brand, SUM(oi.amount) AS gmv FROM order_items oi JOIN orders o ON o.order_id = oi.order_id JOIN products p ON p.product_id = oi.product_id WHERE o.paid_at IS NOT NULL AND o.created_at >= TIMESTAMP '2025-11-17' AND o.created_at < TIMESTAMP '2025-11-24' GROUP BY p.brand ORDER BY gmv DESC LIMIT 3");
    await answer.getByRole('button', { name: 'Run edited SQL' }).click();
    await expect.poll(() => answer.getAttribute('data-edited')).toBe('true');
    expect(await answer.locator('.edited-badge').first().textContent()).toBe('Edited SQL');
    expect(await answer.locator('.narrative').textContent()).toMatch(/^Re-ran your edited SQL: 3 rows/);
    const edited = await answer.locator('table.result-table tbody tr').evaluateAll((rows) => rows.map((row) => [...row.children].map((cell) => cell.textContent ?? '')));
    // Same week, same brands: the edited top 3 are the first three of the original top 5.
    expect(edited).toEqual(shown.slice(0, 3));
    expect(await answer.locator('pre.original-sql').textContent()).toMatch(/^WITH /);
    expect(await answer.locator('details.behind-answer pre.sql').first().textContent()).toMatch(/LIMIT 3$/);
    await answer.locator('figure.chart[data-rendered="true"]').waitFor();
    await answer.locator('.edited-note').evaluate((element) => element.scrollIntoView({ block: 'start' }));
    await page.screenshot({ path: screenshotPath('workspace-answer-edited-1440') });
    await checkLayout(page, ['.answer[data-edited="true"] .chart-switch', '.answer[data-edited="true"] .edited-badge', '.answer[data-edited="true"] .export-buttons']);

    // The edited answer's own XLSX is its re-run result.
    const [editedXlsx] = await Promise.all([page.waitForEvent('download'), answer.getByRole('button', { name: 'Download Excel (XLSX)' }).click()]);
    const editedBook = new ExcelJS.Workbook();
    await editedBook.xlsx.readFile((await editedXlsx.path()) as string);
    expect(editedBook.worksheets[0]?.rowCount).toBe(4);

    await page.setViewportSize(PHONE);
    await answer.locator('.chart-switch').scrollIntoViewIfNeeded();
    await page.screenshot({ path: screenshotPath('workspace-answer-edited-390') });
    await checkLayout(page, ['.answer[data-edited="true"] .chart-switch', '.answer[data-edited="true"] .table-scroll', '.answer[data-edited="true"] .export-buttons']);
    await page.setViewportSize(DESKTOP);

    // Reopened later, the conversation replays the original answer, which says it was edited and opens the edit.
    await page.reload();
    await page.locator('.history-item', { hasText: 'GMV by category last week' }).click();
    await expect.poll(() => page.locator('.turn.assistant[data-seq] .answer').count(), { timeout: 30_000 }).toBe(3);
    const replayed = page.locator('.turn.assistant[data-seq] .answer').nth(2);
    await expect.poll(() => replayed.locator('.edit-history').textContent()).toMatch(/^Edited SQL Its SQL was edited \(edits: 1; latest .+\)\. Show the edited answer$/);
    expect(await page.locator('.edit-history:not([hidden])').count()).toBe(1);
    expect(await replayed.getAttribute('data-edited')).toBe('false');
    await replayed.getByRole('button', { name: 'Show the edited answer' }).click();
    await expect.poll(() => replayed.getAttribute('data-edited')).toBe('true');
    expect(await replayed.locator('table.result-table tbody tr').count()).toBe(3);
  });

  it('rate: thumbs and a comment on answers; the evals page lists them and files a corrected answer as a golden question', async () => {
    // The corrected (SQL-edited) top 3 from the test above, and the first answer of the conversation.
    const corrected = page.locator('.answer[data-edited="true"]');
    await corrected.getByRole('button', { name: 'Good answer' }).click();
    await expect.poll(() => corrected.locator('.rating-status').textContent()).toBe('Rated as a good answer.');
    await corrected.getByRole('textbox', { name: 'Comment on the rating (optional)' }).fill('Corrected: only the top 3 brands');
    await corrected.getByRole('button', { name: 'Save comment' }).click();
    await expect.poll(() => corrected.locator('.rating-status').textContent()).toBe('Rating and comment saved.');
    expect(await corrected.getByRole('button', { name: 'Good answer' }).getAttribute('aria-pressed')).toBe('true');
    await corrected.locator('.answer-actions').evaluate((element) => element.scrollIntoView({ block: 'center' }));
    await page.screenshot({ path: screenshotPath('workspace-answer-rated-1440') });
    await checkLayout(page, ['.answer[data-edited="true"] .rating-control', '.answer[data-edited="true"] .rating-comment']);
    const first = page.locator('.turn.assistant[data-seq] .answer').first();
    await first.getByRole('button', { name: 'Wrong answer' }).click();
    await expect.poll(() => first.locator('.rating-status').textContent()).toBe('Rated as a wrong answer.');

    await page.goto(`${server.url}/evals`);
    const rated = page.locator('.rated-answers');
    await expect.poll(() => rated.locator('tbody tr').count(), { timeout: 15_000 }).toBe(2);
    const row = rated.locator('tbody tr', { has: page.locator('.edited-badge') });
    expect(await row.locator('td').nth(0).textContent()).toBe('✓ good');
    expect(await row.locator('td').nth(1).textContent()).toBe('Top 5 brands by GMV last week Edited SQL');
    expect(await row.locator('td').nth(2).textContent()).toBe('Corrected: only the top 3 brands');
    expect(await row.locator('td').nth(3).textContent()).toBe('ana');
    await page.setViewportSize(PHONE);
    await rated.scrollIntoViewIfNeeded();
    await page.screenshot({ path: screenshotPath('workspace-rated-answers-390') });
    await checkLayout(page, ['.rated-answers h2', '.rated-answers .table-scroll']);
    await page.setViewportSize(DESKTOP);

    await row.getByRole('button', { name: 'Make golden question' }).click();
    await expect.poll(() => row.locator('.golden-done').textContent()).toMatch(new RegExp(`^Written to ${goldenDirectory}/rated-top-5-brands-by-gmv-last-week-en-[0-9a-f]{8}\\.yaml$`));
    const files = readdirSync(goldenDirectory);
    expect(files).toHaveLength(1);
    const golden = parseYaml(readFileSync(path.join(goldenDirectory, files[0] as string), 'utf8')) as { questions: Record<string, unknown>[] };
    const [question] = golden.questions;
    expect(question).toMatchObject({ language: 'en', shape: 'ranking', ordered: true, question: 'Top 5 brands by GMV last week' });
    expect(question?.gold_sql).toMatch(/ORDER BY gmv DESC LIMIT 3$/);
    const expectedRows = question?.expected_rows as { brand: string; gmv: number }[];
    expect(expectedRows).toHaveLength(3);
    expect(expectedRows.every((entry) => typeof entry.brand === 'string' && entry.gmv > 0)).toBe(true);
    expect(question?.notes).toMatch(/rated good by ana.*SQL corrected by the analyst.*Comment: Corrected: only the top 3 brands/);
    // Filed once; an answer rated wrong is not gold until corrected and rated good.
    expect(await row.getByRole('button', { name: 'Make golden question' }).count()).toBe(0);
    const wrongRow = rated.locator('tbody tr', { hasNot: page.locator('.edited-badge') });
    expect(await wrongRow.locator('td').nth(0).textContent()).toBe('✗ wrong');
    expect(await wrongRow.locator('td').nth(4).textContent()).toMatch(/^Rated wrong: correct its SQL/);
    await rated.scrollIntoViewIfNeeded();
    await page.screenshot({ path: screenshotPath('workspace-rated-answers-1440') });
    await checkLayout(page, ['.rated-answers h2', '.rated-answers .golden-done']);
  });

  it('Chinese: every workspace control speaks Chinese on a Chinese answer, at phone width, and follows a switch to English', async () => {
    const context = await signedInContext('chen', PHONE, 'zh-CN');
    const phone = watch(await context.newPage());
    try {
      await phone.goto(`${server.url}/`);
      const before = await phone.locator('.turn.assistant[data-seq] .answer').count();
      const box = phone.getByRole('textbox', { name: '你的问题' });
      await box.fill('上周各品类的GMV');
      await box.press('Enter');
      await expect.poll(() => phone.locator('.turn.assistant[data-seq] .answer').count(), { timeout: 60_000 }).toBe(before + 1);
      const answer = phone.locator('.turn.assistant[data-seq] .answer').last();
      expect(await answer.locator('.chart-switch label').allTextContents()).toEqual(['柱状图', '折线图', '面积图', '饼图', '仅表格']);
      for (const name of ['下载 PNG', '下载 Excel（XLSX）', '✓ 回答正确', '✗ 回答有误', '固定到看板']) expect(await answer.getByRole('button', { name }).count(), name).toBe(1);
      await answer.getByRole('radio', { name: '饼图' }).check();
      await expect.poll(() => answer.locator('figure.chart').getAttribute('data-chart-kind')).toBe('pie');
      await answer.getByRole('button', { name: '固定到看板' }).click();
      await answer.getByRole('textbox', { name: '新看板的名称' }).fill('每周看板');
      await answer.getByRole('button', { name: '固定', exact: true }).click();
      await expect.poll(() => answer.locator('.pin-status').textContent()).toBe('已固定到“每周看板”（共 1 个回答）。');
      await answer.locator('details.behind-answer summary').click();
      await answer.getByRole('button', { name: '编辑 SQL' }).click();
      await answer.getByRole('textbox', { name: '要运行的 SQL' }).fill('DROP TABLE orders');
      await answer.getByRole('button', { name: '运行修改后的 SQL' }).click();
      await expect.poll(() => answer.locator('.sql-problem').textContent()).toMatch(/^未运行：\p{Script=Han}/u);
      await answer.locator('.chart-switch').evaluate((element) => element.scrollIntoView({ block: 'start' }));
      await phone.screenshot({ path: screenshotPath('workspace-answer-zh-390') });
      await checkLayout(phone, ['.answer .chart-switch', '.answer .export-buttons', '.answer .sql-edit']);

      // The pinned pie opens as a pie on the dashboard.
      await phone.getByRole('button', { name: '每周看板（1）' }).click();
      const item = phone.locator('.dashboard-panel .dashboard-item');
      await item.locator('figure.chart[data-rendered="true"]').waitFor({ timeout: 30_000 });
      expect(await item.locator('figure.chart').getAttribute('data-chart-kind')).toBe('pie');
      await phone.getByRole('button', { name: '返回对话' }).click();

      await phone.getByRole('button', { name: '将界面切换为英文' }).click();
      expect(await answer.locator('.chart-switch label').allTextContents()).toEqual(['Bar', 'Line', 'Area', 'Pie', 'Table only']);
      expect(await answer.getByRole('button', { name: 'Pin to dashboard' }).count()).toBe(1);
    } finally {
      await context.close();
    }
  });

  afterAll(() => {
    expect(problems).toEqual([]);
  });
});
