import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestServer } from '../src/server/testing/test-server.ts';
import { loadAsOfDate } from '../src/sql/semantic/index.ts';
import { OrderPicker } from '../src/support/support-test-kit.ts';
import { ENGLISH_MESSAGES, type MessageKey } from './src/shared/messages-en.ts';
import { CHINESE_MESSAGES } from './src/shared/messages-zh.ts';
import { browserUnavailableReason, launchChromium, screenshotPath } from './testing/launch-chromium.ts';
import { startRealSupportWebServer, type RealSupportWebServer } from './testing/real-support-web-server.ts';

const unavailable = browserUnavailableReason();
const en: Record<MessageKey, string> = ENGLISH_MESSAGES;
const zh: Record<MessageKey, string> = CHINESE_MESSAGES;
const yuan = (value: number) => `¥${value.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;

/**
 * The item-change, several-orders, exchange and payment-method confirmation cards in the shopper's widget (production bundle,
 * headless chromium) against the real SupportAgent: the card says what will change, its button is clicked, and the
 * database changed exactly as the card said. The shopper carries a customer token the server signed (as after
 * sign-in; the sign-in form itself is covered by support-real-agent.int.test.ts).
 */
describe.skipIf(unavailable !== null)(`confirmation cards in the widget${unavailable ? ` (skipped: ${unavailable})` : ''}`, () => {
  let started: RealSupportWebServer;
  let server: TestServer;
  let browser: Browser;
  let picker: OrderPicker;
  const problems: string[] = [];

  beforeAll(async () => {
    started = await startRealSupportWebServer({ users: 600, demoLogin: false });
    server = started.server;
    picker = new OrderPicker(server.warehouse);
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await started?.close();
  });

  async function widgetFor(customerId: number, language: 'en' | 'zh' = 'en'): Promise<{ page: Page; dialog: Locator; say(text: string): Promise<void> }> {
    const messages = language === 'zh' ? zh : en;
    const context = await browser.newContext({ locale: language === 'zh' ? 'zh-CN' : 'en-US', viewport: { width: 1024, height: 800 } });
    const credential = JSON.stringify({ kind: 'token', value: await server.customerToken(customerId), label: `Customer ${customerId}` });
    await context.addInitScript((value) => sessionStorage.setItem('shoplens.credential.shopper', value), credential);
    const page = await context.newPage();
    page.on('pageerror', (error) => problems.push(error.message));
    page.on('console', (message) => {
      if (message.type() === 'error' && !/WebSocket connection/.test(message.text())) problems.push(message.text());
    });
    await page.goto(`${server.url}/support`);
    const dialog = page.getByRole('dialog', { name: messages['support.title'] });
    const input = dialog.getByRole('textbox', { name: messages['support.inputLabel'] });
    await input.waitFor({ timeout: 15_000 });
    return {
      page,
      dialog,
      async say(text: string) {
        await input.fill(text);
        await input.press('Enter');
      },
    };
  }

  type CardAction = 'change_items' | 'several' | 'exchange' | 'change_payment';

  async function confirmCard(dialog: Locator, action: CardAction, messages = en): Promise<{ card: Locator; summary: string }> {
    const card = dialog.locator('.confirmation-card').last();
    await card.waitFor({ timeout: 20_000 });
    const summary = (await card.locator('.confirmation-summary').textContent()) ?? '';
    expect(await card.getByRole('button', { name: messages[`support.decline.${action}`], exact: true }).isVisible()).toBe(true);
    return { card, summary };
  }

  async function statusesOf(customerId: number, except: { a: number; b: number }) {
    return (await server.warehouse.query(`SELECT order_id, status, total_amount::DOUBLE AS total FROM orders WHERE user_id = $user AND order_id NOT IN ($a, $b) ORDER BY order_id`, { user: customerId, ...except })).rows;
  }

  async function press(card: Locator, action: CardAction, messages = en): Promise<void> {
    await card.getByRole('button', { name: messages[`support.confirm.${action}`], exact: true }).click();
    await expect.poll(() => card.getAttribute('data-answered'), { timeout: 20_000 }).toBe('confirmed');
  }

  it('item change: a dearer option of the same product, the difference charged to WeChat Pay as the card says', async () => {
    const order = await picker.pick(`o.status = 'paid' AND (SELECT count(*) FROM order_items i WHERE i.order_id = o.order_id) = 1
      AND EXISTS (SELECT 1 FROM order_items i JOIN products own USING (product_id) JOIN products other ON other.product_group = own.product_group AND other.product_id <> own.product_id
                  WHERE i.order_id = o.order_id AND other.stock >= i.quantity AND other.price > i.unit_price)`);
    const line = (await server.warehouse.query(
      `SELECT i.product_id, i.quantity, i.unit_price::DOUBLE AS unit_price, p.product_group FROM order_items i JOIN products p USING (product_id) WHERE i.order_id = $order`,
      { order: order.orderId },
    )).rows[0];
    const option = (await server.warehouse.query(
      `SELECT product_id, option_en, price::DOUBLE AS price FROM products WHERE product_group = $group AND product_id <> $own AND stock >= $quantity AND price > $price ORDER BY product_id LIMIT 1`,
      { group: Number(line?.product_group), own: Number(line?.product_id), quantity: Number(line?.quantity), price: Number(line?.unit_price) },
    )).rows[0];
    const difference = Math.round((Number(option?.price) - Number(line?.unit_price)) * Number(line?.quantity) * 100) / 100;
    const before = (await server.warehouse.query('SELECT total_amount::DOUBLE AS total FROM orders WHERE order_id = $id', { id: order.orderId })).rows[0];

    const { page, dialog, say } = await widgetFor(order.customerId);
    await say(`Can I change the item in order ${order.orderNo} to ${String(option?.option_en)}?`);
    await dialog.locator('.bubble.assistant', { hasText: 'Which payment method should pay the difference' }).waitFor({ timeout: 20_000 });
    await say('WeChat Pay');
    const { card, summary } = await confirmCard(dialog, 'change_items');
    expect(summary).toContain(String(option?.option_en));
    expect(summary).toContain(yuan(difference));
    expect(summary).toContain('WeChat Pay');
    expect((await server.warehouse.query(`SELECT count(*) AS n FROM payments WHERE order_id = $id AND reason = 'item_change'`, { id: order.orderId })).rows[0]?.n).toBe(0);
    await page.screenshot({ path: screenshotPath('support-card-item-change') });
    await press(card, 'change_items');
    // The card answers at once; the commit follows with the bot's reply.
    await expect.poll(async () => (await server.warehouse.query(`SELECT count(*) AS n FROM payments WHERE order_id = $id AND reason = 'item_change'`, { id: order.orderId })).rows[0]?.n, { timeout: 20_000 }).toBe(1);

    const after = (await server.warehouse.query(`SELECT i.product_id, i.unit_price::DOUBLE AS unit_price, o.total_amount::DOUBLE AS total FROM order_items i JOIN orders o USING (order_id) WHERE i.order_id = $id`, { id: order.orderId })).rows;
    expect(after).toHaveLength(1);
    expect(after[0]?.product_id).toBe(Number(option?.product_id));
    expect(Number(after[0]?.unit_price)).toBeCloseTo(Number(option?.price), 2);
    expect(Number(after[0]?.total)).toBeCloseTo(Number(before?.total) + difference, 2);
    const payments = await server.warehouse.query(`SELECT kind, method, amount::DOUBLE AS amount FROM payments WHERE order_id = $id AND reason = 'item_change'`, { id: order.orderId });
    expect(payments.rows).toEqual([{ kind: 'charge', method: 'wechat_pay', amount: difference }]);
  });

  it('several orders: one card for two cancellations, both cancelled and refunded the total it states', async () => {
    const picked = await picker.pick(`o.status = 'paid' AND (SELECT count(*) FROM orders other WHERE other.user_id = o.user_id AND other.status = 'paid') >= 2`);
    const orders = (await server.warehouse.query(`SELECT order_id, order_no, total_amount::DOUBLE AS total FROM orders WHERE user_id = $user AND status = 'paid' ORDER BY order_id LIMIT 2`, { user: picked.customerId })).rows;
    const [first, second] = orders.map((row) => ({ orderId: Number(row.order_id), orderNo: String(row.order_no), total: Number(row.total) }));
    if (!first || !second) throw new Error('the picked shopper has fewer than two paid orders');
    const total = Math.round((first.total + second.total) * 100) / 100;
    const othersBefore = await statusesOf(picked.customerId, { a: first.orderId, b: second.orderId });

    const { page, dialog, say } = await widgetFor(picked.customerId);
    await say(`Please cancel both ${first.orderNo} and ${second.orderNo}, I changed my mind.`);
    const { card, summary } = await confirmCard(dialog, 'several');
    expect(summary).toContain(first.orderNo);
    expect(summary).toContain(second.orderNo);
    expect(summary).toContain(`In total ${yuan(total)} will be refunded`);
    await page.screenshot({ path: screenshotPath('support-card-several-orders') });
    await press(card, 'several');

    const ids = { a: first.orderId, b: second.orderId };
    await expect.poll(async () => (await server.warehouse.query(`SELECT count(*) AS n FROM orders WHERE order_id IN ($a, $b) AND status = 'cancelled'`, ids)).rows[0]?.n, { timeout: 20_000 }).toBe(2);
    const states = await server.warehouse.query(`SELECT status, cancel_reason FROM orders WHERE order_id IN ($a, $b) ORDER BY order_id`, ids);
    expect(states.rows).toEqual([{ status: 'cancelled', cancel_reason: 'changed_mind' }, { status: 'cancelled', cancel_reason: 'changed_mind' }]);
    const refunds = await server.warehouse.query(`SELECT order_id, amount::DOUBLE AS amount FROM payments WHERE order_id IN ($a, $b) AND reason = 'cancel' AND kind = 'refund' ORDER BY order_id`, ids);
    expect(refunds.rows).toEqual([{ order_id: first.orderId, amount: first.total }, { order_id: second.orderId, amount: second.total }]);
    // No other order of this shopper changed.
    expect(await statusesOf(picked.customerId, ids)).toEqual(othersBefore);
  });

  it('exchange: a delivered item for another option of the same product; the approved ticket names that option', async () => {
    const asOf = await loadAsOfDate(server.warehouse);
    const order = await picker.pick(`o.status = 'delivered' AND o.delivered_at::DATE >= DATE '${asOf}' - INTERVAL 6 DAY AND o.exchange_count = 0
      AND (SELECT count(*) FROM order_items i WHERE i.order_id = o.order_id) = 1
      AND EXISTS (SELECT 1 FROM order_items i JOIN products own USING (product_id) JOIN products other ON other.product_group = own.product_group AND other.product_id <> own.product_id AND other.stock > 0 WHERE i.order_id = o.order_id)`);
    const option = (await server.warehouse.query(
      `SELECT other.product_id, other.option_en FROM order_items i JOIN products own USING (product_id)
         JOIN products other ON other.product_group = own.product_group AND other.product_id <> own.product_id AND other.stock > 0
        WHERE i.order_id = $order ORDER BY other.product_id LIMIT 1`,
      { order: order.orderId },
    )).rows[0];

    const { page, dialog, say } = await widgetFor(order.customerId);
    await say(`I'd like to exchange order ${order.orderNo} for the ${String(option?.option_en)} one, it is too small`);
    const { card, summary } = await confirmCard(dialog, 'exchange');
    expect(summary).toContain(order.orderNo);
    expect(summary).toContain(String(option?.option_en));
    expect((await server.warehouse.query('SELECT exchange_count FROM orders WHERE order_id = $id', { id: order.orderId })).rows[0]?.exchange_count).toBe(0);
    await page.screenshot({ path: screenshotPath('support-card-exchange') });
    await press(card, 'exchange');
    await expect.poll(async () => (await server.warehouse.query(`SELECT count(*) AS n FROM tickets WHERE order_id = $id AND kind = 'exchange'`, { id: order.orderId })).rows[0]?.n, { timeout: 20_000 }).toBe(1);

    expect((await server.warehouse.query('SELECT status, exchange_count FROM orders WHERE order_id = $id', { id: order.orderId })).rows).toEqual([{ status: 'delivered', exchange_count: 1 }]);
    const tickets = await server.warehouse.query(
      `SELECT status, json_extract(payload, '$.to_product_id')::BIGINT AS to_product_id FROM tickets WHERE order_id = $id AND kind = 'exchange'`,
      { id: order.orderId },
    );
    expect(tickets.rows).toEqual([{ status: 'approved', to_product_id: Number(option?.product_id) }]);
  });

  it('zh: changing the payment method of a paid order to WeChat Pay; Chinese buttons on the card; the order is paid by it', async () => {
    const order = await picker.pick(`o.status = 'paid' AND o.payment_method IN ('alipay', 'credit_card', 'union_pay')`, `(SELECT count(*) FROM orders x WHERE x.user_id = o.user_id AND x.status IN ('pending', 'paid')) = 1`);
    const total = Number((await server.warehouse.query('SELECT total_amount::DOUBLE AS total FROM orders WHERE order_id = $id', { id: order.orderId })).rows[0]?.total);
    const { page, dialog, say } = await widgetFor(order.customerId, 'zh');
    await say(`订单${order.orderNo}的付款方式能改成微信支付吗`);
    const { card, summary } = await confirmCard(dialog, 'change_payment', zh);
    expect(summary).toContain(order.orderNo);
    expect(summary).toContain('改为微信支付');
    expect(summary).toContain(yuan(total));
    await page.screenshot({ path: screenshotPath('support-card-change-payment') });
    await press(card, 'change_payment', zh);
    await expect.poll(async () => (await server.warehouse.query('SELECT payment_method FROM orders WHERE order_id = $id', { id: order.orderId })).rows[0]?.payment_method, { timeout: 20_000 }).toBe('wechat_pay');
    expect((await server.warehouse.query('SELECT status, total_amount::DOUBLE AS total FROM orders WHERE order_id = $id', { id: order.orderId })).rows).toEqual([{ status: 'paid', total }]);
  });

  it('logged no page errors', () => {
    expect(problems).toEqual([]);
  });
});
