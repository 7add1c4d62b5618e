import { rmSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { io as connect } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SupportResponder } from '../src/server/support-responder.ts';
import { CLIENT_EVENT_CHANNEL } from '../src/server/protocol.ts';
import { createDemoWarehouseFile } from '../src/testing/demo-warehouse.ts';
import { buildWebApp } from './testing/build-web-app.ts';
import { writeEvalRunFixture } from './testing/eval-run-fixture.ts';
import { browserUnavailableReason, launchChromium } from './testing/launch-chromium.ts';
import { startWebTestServer, type WebTestServer } from './testing/web-test-server.ts';

const unavailable = browserUnavailableReason();

/** The web app's session behaviour in chromium: sign-out revokes the token; unanswered messages are sent again after a reconnect. */
describe.skipIf(unavailable !== null)(`web sessions in chromium${unavailable ? ` (skipped: ${unavailable})` : ''}`, () => {
  let demo: Awaited<ReturnType<typeof createDemoWarehouseFile>>;
  let bundle: Awaited<ReturnType<typeof buildWebApp>>;
  let evalRuns: ReturnType<typeof writeEvalRunFixture>;
  let server: WebTestServer;
  let browser: Browser;

  beforeAll(async () => {
    [bundle, demo] = await Promise.all([buildWebApp(), createDemoWarehouseFile({ users: 300, days: 30 })]);
    evalRuns = writeEvalRunFixture();
    server = await startWebTestServer({ databasePath: demo.path, evalsDirectory: evalRuns.runsDirectory, distDirectory: bundle.distDirectory });
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    demo?.remove();
    bundle?.remove();
    if (evalRuns) rmSync(evalRuns.runsDirectory, { recursive: true, force: true });
  });

  async function openSupport(): Promise<{ page: Page; dialog: ReturnType<Page['getByRole']> }> {
    const page = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
    await page.goto(`${server.url}/support`);
    await page.getByRole('button', { name: 'Chat with customer service' }).click();
    const dialog = page.getByRole('dialog', { name: 'Customer service' });
    await dialog.getByRole('button', { name: 'Sign in', exact: true }).click();
    await dialog.getByRole('textbox', { name: 'Your message' }).waitFor();
    return { page, dialog };
  }

  /** Whether the server still accepts the token: a /support socket (for a shopper) or an authenticated read (staff). Neither revokes it. */
  const shopperTokenWorks = (token: string) =>
    new Promise<boolean>((resolve) => {
      const socket = connect(`${server.url}/support`, { auth: { token }, transports: ['websocket'], reconnection: false, forceNew: true });
      socket.once('connect', () => {
        socket.close();
        resolve(true);
      });
      socket.once('connect_error', () => {
        socket.close();
        resolve(false);
      });
    });
  const analystTokenWorks = (token: string) => fetch(`${server.url}/api/evals/runs`, { headers: { authorization: `Bearer ${token}` } }).then((response) => response.ok);

  it('support: a message the bot never answered (its turn died) is sent again under the same key after a reconnect, and answered once', async () => {
    const { page, dialog } = await openSupport();
    const input = dialog.getByRole('textbox', { name: 'Your message' });
    await input.fill('Where is my order?');
    await input.press('Enter');
    await dialog.locator('.bubble.assistant', { hasText: /^.*Order \S+/ }).waitFor();

    // The next turn dies after the message was acknowledged (as in a crash mid-turn); later turns work.
    const responder = server.responder as SupportResponder;
    const answer = responder.handleMessage.bind(responder);
    let dies = true;
    responder.handleMessage = async (input) => {
      if (dies && /parcel/.test(input.text)) {
        dies = false;
        throw new Error('the turn died');
      }
      return answer(input);
    };
    const sentAfterReconnect: { idempotencyKey: string; text: string }[] = [];
    server.server.io.of('/support').use((socket, next) => {
      socket.onAny((channel: string, event: { type?: string; idempotencyKey?: string; text?: string }) => {
        if (channel === CLIENT_EVENT_CHANNEL && event?.type === 'message-send') sentAfterReconnect.push({ idempotencyKey: String(event.idempotencyKey), text: String(event.text) });
      });
      next();
    });

    await input.fill('Where is my parcel?');
    await input.press('Enter');
    await dialog.locator('.note.error').first().waitFor();
    await dialog.locator('.bubble.user[data-seq]', { hasText: 'parcel' }).waitFor();
    expect(await dialog.locator('.bubble.assistant', { hasText: 'parcel' }).count()).toBe(0);

    for (const socket of await server.server.io.of('/support').fetchSockets()) socket.disconnect(true);
    await dialog.locator('.bubble.assistant', { hasText: 'You said: Where is my parcel?' }).waitFor({ timeout: 20_000 });
    expect(sentAfterReconnect.filter((event) => event.text === 'Where is my parcel?')).toHaveLength(1);
    await page.waitForTimeout(300);
    expect(await dialog.locator('.bubble.assistant', { hasText: 'You said: Where is my parcel?' }).count()).toBe(1);
    expect(await dialog.locator('.bubble.user', { hasText: 'parcel' }).count()).toBe(1);
    // Nothing stored twice: one user message and one reply for it.
    const stored = await server.warehouse.query(`SELECT role, count(*) AS n FROM messages WHERE content LIKE '%parcel%' GROUP BY role ORDER BY role`);
    expect(stored.rows).toEqual([
      { role: 'assistant', n: 1 },
      { role: 'user', n: 1 },
    ]);
  }, 90_000);

  it('support: signing out revokes the shopper token on the server', async () => {
    const { page, dialog } = await openSupport();
    const token = await page.evaluate(() => (JSON.parse(sessionStorage.getItem('shoplens.credential.shopper') ?? '{}') as { value?: string }).value ?? '');
    expect(token.split('.')).toHaveLength(3);
    expect(await shopperTokenWorks(token)).toBe(true);
    await dialog.getByRole('button', { name: 'Sign out' }).click();
    await dialog.getByRole('button', { name: 'Sign in', exact: true }).waitFor();
    await expect.poll(() => shopperTokenWorks(token), { timeout: 5000 }).toBe(false);
  });

  it('staff pages: signing out revokes the analyst token on the server', async () => {
    const page = await (await browser.newContext()).newPage();
    await page.goto(`${server.url}/`);
    await page.getByRole('button', { name: 'Continue as the demo analyst' }).click();
    await page.getByRole('textbox', { name: 'Your question' }).waitFor();
    const token = await page.evaluate(() => (JSON.parse(localStorage.getItem('shoplens.credential.analyst') ?? '{}') as { value?: string }).value ?? '');
    expect(token.split('.')).toHaveLength(3);
    expect(await analystTokenWorks(token)).toBe(true);
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('button', { name: 'Continue as the demo analyst' }).waitFor();
    expect(await analystTokenWorks(token)).toBe(false);
  });
});
