import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
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
 * The item-change, several-orders, exchange (one item and several), return-to-gift-card, address and payment-method
 * confirmation cards in the shopper's widget (production bundle, headless chromium) against the real SupportAgent: the
 * card says what will change, its button is clicked, and the database changed exactly as the card said. The shopper
 * carries a customer token the server signed (as after sign-in; the sign-in form itself is covered by
 * support-real-agent.int.test.ts). The several-item return, the address change and the several-item exchange are then
 * handed to a person: the agent console shows the conversation and a bot summary naming what was done to which order.
 */
describe.skipIf(unavailable !== null)(`confirmation cards in the widget${unavailable ? ` (skipped: ${unavailable})` : ''}`, () => {
  let started: RealSupportWebServer;
  let server: TestServer;
  let browser: Browser;
  let picker: OrderPicker;
  let agentPage: Page | undefined;
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

  const DESKTOP = { width: 1024, height: 800 };
  const PHONE = { width: 390, height: 844 };

  function watch(page: Page): Page {
    page.on('pageerror', (error) => problems.push(error.message));
    page.on('console', (message) => {
      if (message.type() === 'error' && !/WebSocket connection/.test(message.text())) problems.push(message.text());
    });
    return page;
  }

  async function widgetFor(customerId: number, language: 'en' | 'zh' = 'en', viewport = DESKTOP): Promise<{ page: Page; dialog: Locator; say(text: string): Promise<void> }> {
    const messages = language === 'zh' ? zh : en;
    const context = await browser.newContext({ locale: language === 'zh' ? 'zh-CN' : 'en-US', viewport });
    const credential = JSON.stringify({ kind: 'token', value: await server.customerToken(customerId), label: `Customer ${customerId}` });
    await context.addInitScript((value) => sessionStorage.setItem('shoplens.credential.shopper', value), credential);
    const page = watch(await context.newPage());
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

  type CardAction = 'change_items' | 'several' | 'exchange' | 'change_payment' | 'return' | 'change_address';

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

  /** The card at desktop size, then at phone size (where nothing may be wider than the screen); the page stays at phone size. */
  async function screenshotBothSizes(page: Page, name: string): Promise<void> {
    await page.screenshot({ path: screenshotPath(name) });
    await page.setViewportSize(PHONE);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
    await page.screenshot({ path: screenshotPath(`${name}-phone`) });
  }

  /** Everything of a shopper the bot could touch, to show that a commit changed only what its card said. */
  async function shopperState(customerId: number) {
    const rows = async (sql: string) => (await server.warehouse.query(sql, { user: customerId })).rows;
    return {
      orders: await rows(`SELECT order_id, status, total_amount::DOUBLE AS total, payment_method, exchange_count, shipping_address, shipping_city, shipping_postal_code, shipping_country
                            FROM orders WHERE user_id = $user ORDER BY order_id`),
      items: await rows(`SELECT i.order_id, i.line_no, i.product_id, i.quantity, i.returned_quantity, i.unit_price::DOUBLE AS unit_price FROM order_items i JOIN orders o USING (order_id) WHERE o.user_id = $user ORDER BY i.order_id, i.line_no`),
      payments: await rows(`SELECT p.payment_id, p.kind, p.method, p.amount::DOUBLE AS amount FROM payments p JOIN orders o USING (order_id) WHERE o.user_id = $user ORDER BY p.payment_id`),
      methods: await rows(`SELECT method_id, kind, balance::DOUBLE AS balance FROM payment_methods WHERE user_id = $user ORDER BY method_id`),
      addresses: await rows(`SELECT address_id, street, city, postal_code, is_default FROM customer_addresses WHERE user_id = $user ORDER BY address_id`),
      tickets: await rows(`SELECT ticket_id, kind, status FROM tickets WHERE customer_id = $user ORDER BY ticket_id`),
    };
  }

  /** Tickets written since `before`, with what a return or an exchange records. */
  async function newTickets(customerId: number, before: Record<string, unknown>[]) {
    const known = new Set(before.map((row) => String(row.ticket_id)));
    const { rows } = await server.warehouse.query(
      `SELECT ticket_id, kind, status, json_extract(payload, '$.refund.amount')::DOUBLE AS amount, json_extract_string(payload, '$.refund_method') AS method,
              json_extract(payload, '$.returned_items')::VARCHAR AS items, json_extract(payload, '$.items')::VARCHAR AS exchanged
         FROM tickets WHERE customer_id = $user ORDER BY ticket_id`,
      { user: customerId },
    );
    return rows.filter((row) => !known.has(String(row.ticket_id))).map(({ ticket_id: _id, ...rest }) => rest);
  }

  /** The audit rows of the widget's conversation: who did what, with which policy decision and result. */
  async function auditOf(page: Page) {
    const conversationId = (await page.evaluate(() => sessionStorage.getItem('shoplens.support.conversation'))) ?? '';
    const audit = await server.warehouse.query(
      `SELECT actor, tool, policy_decision, json_extract_string(result, '$.status') AS status FROM audit_log WHERE conversation_id = $id ORDER BY occurred_at, audit_id`,
      { id: conversationId },
    );
    return { conversationId, rows: audit.rows };
  }

  /**
   * The shopper asks for a person; an agent (signed in once for the file) takes the chat on /agents and sees the
   * conversation and the bot summary. Returns the summary and the history text.
   */
  async function handOffToConsole(dialog: Locator, conversationId: string, orderNo: string, messages = en): Promise<{ summary: string; history: string; context: Locator }> {
    await dialog.getByRole('button', { name: messages['support.talkToHuman'], exact: true }).click();
    await dialog.locator('.handoff-note').waitFor({ timeout: 20_000 });
    if (!agentPage) {
      const staff = await browser.newContext({ locale: 'en-US', viewport: { width: 1280, height: 900 } });
      const credential = JSON.stringify({ kind: 'token', value: await server.agentToken('lin'), label: 'Agent lin' });
      await staff.addInitScript((value) => localStorage.setItem('shoplens.credential.agent', value), credential);
      agentPage = watch(await staff.newPage());
      await agentPage.goto(`${server.url}/agents`);
    }
    const entry = agentPage.locator(`.queue-entry[data-conversation="${conversationId}"]`);
    await entry.waitFor({ timeout: 15_000 });
    await entry.getByRole('button', { name: /Take conversation/ }).click();
    // The console shows the conversation taken last (an earlier test's may still be on screen until it opens).
    const history = agentPage.locator('.agent-history');
    await expect.poll(() => history.textContent(), { timeout: 10_000 }).toContain(orderNo);
    const context = agentPage.getByRole('region', { name: en['agents.context'] });
    await context.locator('.context-tickets tr', { hasText: orderNo }).first().waitFor({ timeout: 10_000 });
    return { summary: (await agentPage.locator('.bot-summary').textContent()) ?? '', history: (await history.textContent()) ?? '', context };
  }

  it('return: two delivered items in one request to a gift card; the card lists both and the refund; only that changed; the console sees it', async () => {
    const asOf = await loadAsOfDate(server.warehouse);
    const order = await picker.pick(
      `o.status = 'delivered' AND o.delivered_at::DATE >= DATE '${asOf}' - INTERVAL 6 DAY
       AND (SELECT count(*) FROM order_items i WHERE i.order_id = o.order_id) >= 2 AND (SELECT sum(returned_quantity) FROM order_items i WHERE i.order_id = o.order_id) = 0
       AND (SELECT count(DISTINCT p.title_en) FROM order_items i JOIN products p USING (product_id) WHERE i.order_id = o.order_id AND i.line_no <= 2) = 2`,
      `EXISTS (SELECT 1 FROM payment_methods g WHERE g.user_id = o.user_id AND g.kind = 'gift_card')`,
    );
    const lines = (await server.warehouse.query(
      `SELECT i.line_no, i.quantity, i.unit_price::DOUBLE AS unit_price, p.title_en, o.items_amount::DOUBLE AS items_amount, o.discount_amount::DOUBLE AS discount
         FROM order_items i JOIN products p USING (product_id) JOIN orders o USING (order_id) WHERE i.order_id = $order AND i.line_no <= 2 ORDER BY i.line_no`,
      { order: order.orderId },
    )).rows.map((row) => ({ lineNo: Number(row.line_no), quantity: Number(row.quantity), unitPrice: Number(row.unit_price), title: String(row.title_en), itemsAmount: Number(row.items_amount), discount: Number(row.discount) }));
    const [first, second] = lines;
    if (!first || !second) throw new Error(`order ${order.orderNo} has fewer than two lines`);
    // P3: the returned items' price, the order discount shared in proportion; no shipping.
    const gross = first.unitPrice * first.quantity + second.unitPrice * second.quantity;
    const refund = Math.round(gross * (Math.max(0, first.itemsAmount - first.discount) / first.itemsAmount) * 100) / 100;
    const before = await shopperState(order.customerId);

    const { page, dialog, say } = await widgetFor(order.customerId);
    await say(`Return the ${first.title} and ${second.title} in ${order.orderNo} please, and put the refund on a gift card.`);
    await dialog.locator('.bubble.assistant', { hasText: 'What is the reason for the return' }).waitFor({ timeout: 20_000 });
    await say('changed my mind');
    const { card, summary } = await confirmCard(dialog, 'return');
    expect(summary).toContain(`Return from order ${order.orderNo}: ${first.title} ×${first.quantity}, ${second.title} ×${second.quantity}.`);
    expect(summary).toContain(`${yuan(refund)} will be refunded to a ShopLens gift card once the parcel is back`);
    expect(await shopperState(order.customerId)).toEqual(before);
    await screenshotBothSizes(page, 'support-card-return-gift-card');
    await press(card, 'return');
    await dialog.locator('.bubble.assistant', { hasText: `Your return for order ${order.orderNo} is approved` }).waitFor({ timeout: 20_000 });

    // Exactly this: the two lines' units reserved as returned, one approved return ticket recording the refund to a
    // gift card, paid when the parcel is back (so no payment row and no balance change yet), one audit row.
    const after = await shopperState(order.customerId);
    const returned = (row: Record<string, unknown>) => Number(row.order_id) === order.orderId && Number(row.line_no) <= 2;
    expect(after.items).toEqual(before.items.map((row) => (returned(row) ? { ...row, returned_quantity: row.quantity } : row)));
    expect({ ...after, items: [], tickets: [] }).toEqual({ ...before, items: [], tickets: [] });
    const tickets = await newTickets(order.customerId, before.tickets);
    expect(tickets).toEqual([{ kind: 'return', status: 'approved', amount: refund, method: 'gift_card', items: JSON.stringify([{ lineNo: 1, quantity: first.quantity }, { lineNo: 2, quantity: second.quantity }]), exchanged: null }]);
    const audit = await auditOf(page);
    expect(audit.rows).toEqual([{ actor: `customer:${order.customerId}`, tool: 'request_return', policy_decision: 'allow:P2 returns:within_window', status: 'committed' }]);

    const desk = await handOffToConsole(dialog, audit.conversationId, order.orderNo);
    expect(desk.summary).toContain(`Done in this chat: return items ${order.orderNo}`);
    expect(desk.history).toContain(`Your return for order ${order.orderNo} is approved`);
    expect(await desk.context.locator('.context-tickets tr', { hasText: order.orderNo }).first().textContent()).toContain(en['agents.ticketKind.return']);
  });

  it('zh at phone width: a paid order\'s address, read back field by field before the card; only that order\'s address fields change', async () => {
    const order = await picker.pick(`o.status IN ('pending', 'paid')`);
    const before = await shopperState(order.customerId);
    const { page, dialog, say } = await widgetFor(order.customerId, 'zh', PHONE);
    await say(`订单 ${order.orderNo} 的收货地址改成 浙江省杭州市西湖区文三路88号 310012`);
    const { card, summary } = await confirmCard(dialog, 'change_address', zh);
    // The fields as understood, in Chinese, in the bubble that carries the card.
    const readBack = '街道:文三路88号;城市:杭州;邮编:310012';
    expect(summary).toBe(`将订单 ${order.orderNo} 的收货地址改为:浙江省杭州市西湖区文三路88号 310012(${readBack})。`);
    expect(await dialog.locator('.bubble.assistant').last().locator('.bubble-text').textContent()).toContain(readBack);
    expect(await shopperState(order.customerId)).toEqual(before);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
    await page.screenshot({ path: screenshotPath('support-card-change-address-phone') });
    await press(card, 'change_address', zh);
    await expect.poll(async () => (await server.warehouse.query('SELECT shipping_postal_code FROM orders WHERE order_id = $id', { id: order.orderId })).rows[0]?.shipping_postal_code, { timeout: 20_000 }).toBe('310012');

    const after = await shopperState(order.customerId);
    const changed = (row: Record<string, unknown>) => Number(row.order_id) === order.orderId;
    expect(after.orders).toEqual(before.orders.map((row) => (changed(row) ? { ...row, shipping_address: '浙江省杭州市西湖区文三路88号 310012', shipping_city: 'Hangzhou', shipping_postal_code: '310012' } : row)));
    expect({ ...after, orders: [], tickets: [] }).toEqual({ ...before, orders: [], tickets: [] });
    const audit = await auditOf(page);
    expect(audit.rows).toEqual([{ actor: `customer:${order.customerId}`, tool: 'change_shipping_address', policy_decision: expect.stringMatching(/^allow:/), status: 'committed' }]);
    await page.setViewportSize(DESKTOP);
    await page.screenshot({ path: screenshotPath('support-card-change-address') });

    const desk = await handOffToConsole(dialog, audit.conversationId, order.orderNo, zh);
    expect(desk.summary).toContain(`本次已办理:修改地址 ${order.orderNo}`);
    expect(desk.history).toContain(order.orderNo);
  });

  it('exchange: two delivered items for other options of the same products in one request; the difference stated; the console sees it', async () => {
    const asOf = await loadAsOfDate(server.warehouse);
    const exchangeable = `EXISTS (SELECT 1 FROM products own JOIN products other ON other.product_group = own.product_group AND other.product_id <> own.product_id AND other.stock >= i.quantity WHERE own.product_id = i.product_id)`;
    const order = await picker.pick(`o.status = 'delivered' AND o.delivered_at::DATE >= DATE '${asOf}' - INTERVAL 6 DAY AND o.exchange_count = 0
      AND (SELECT count(*) FROM order_items i WHERE i.order_id = o.order_id AND i.line_no <= 2 AND ${exchangeable}) = 2
      AND (SELECT count(DISTINCT p.title_en) FROM order_items i JOIN products p USING (product_id) WHERE i.order_id = o.order_id AND i.line_no <= 2) = 2`);
    const lines = (await server.warehouse.query(
      `SELECT i.line_no, i.quantity, i.unit_price::DOUBLE AS unit_price, own.title_en, other.product_id AS to_product_id, other.option_en, other.price::DOUBLE AS price
         FROM order_items i JOIN products own USING (product_id)
         JOIN LATERAL (SELECT product_id, option_en, price FROM products other WHERE other.product_group = own.product_group AND other.product_id <> own.product_id AND other.stock >= i.quantity ORDER BY product_id LIMIT 1) other ON TRUE
        WHERE i.order_id = $order AND i.line_no <= 2 ORDER BY i.line_no`,
      { order: order.orderId },
    )).rows.map((row) => ({ lineNo: Number(row.line_no), quantity: Number(row.quantity), title: String(row.title_en), toProductId: Number(row.to_product_id), option: String(row.option_en), difference: Math.round((Number(row.price) - Number(row.unit_price)) * 100) * Number(row.quantity) / 100 }));
    const [first, second] = lines;
    if (!first || !second) throw new Error(`order ${order.orderNo} has fewer than two exchangeable lines`);
    const total = Math.round((first.difference + second.difference) * 100) / 100;
    const method = String((await server.warehouse.query('SELECT payment_method FROM orders WHERE order_id = $id', { id: order.orderId })).rows[0]?.payment_method);
    const methodName: Record<string, string> = { alipay: 'Alipay', wechat_pay: 'WeChat Pay', credit_card: 'credit card', union_pay: 'UnionPay', paypal: 'PayPal' };
    const before = await shopperState(order.customerId);

    const { page, dialog, say } = await widgetFor(order.customerId);
    await say(`I want to exchange two things from order ${order.orderNo}: the ${first.title} for ${first.option} and the ${second.title} for ${second.option}.`);
    await dialog.locator('.bubble.assistant', { hasText: 'What is the reason for the exchange' }).waitFor({ timeout: 20_000 });
    await say('wrong options');
    const { card, summary } = await confirmCard(dialog, 'exchange');
    expect(summary).toContain(`${first.title} ×${first.quantity} for ${first.option} (difference ${yuan(first.difference).replace('¥-', '-¥')})`);
    expect(summary).toContain(`${second.title} ×${second.quantity} for ${second.option} (difference ${yuan(second.difference).replace('¥-', '-¥')})`);
    const settled = total > 0 ? `in total, price difference: ${yuan(total)} to pay (by ${methodName[method]})` : total < 0 ? `in total, price difference: ${yuan(-total)} refunded to ${methodName[method]}` : 'in total, no price difference';
    expect(summary).toContain(settled);
    expect(await shopperState(order.customerId)).toEqual(before);
    await screenshotBothSizes(page, 'support-card-exchange-several');
    await press(card, 'exchange');
    await expect.poll(async () => (await server.warehouse.query('SELECT exchange_count FROM orders WHERE order_id = $id', { id: order.orderId })).rows[0]?.exchange_count, { timeout: 20_000 }).toBe(1);

    const after = await shopperState(order.customerId);
    expect(after.orders).toEqual(before.orders.map((row) => (Number(row.order_id) === order.orderId ? { ...row, exchange_count: 1 } : row)));
    expect({ ...after, orders: [], tickets: [] }).toEqual({ ...before, orders: [], tickets: [] });
    const tickets = await newTickets(order.customerId, before.tickets);
    expect(tickets).toHaveLength(1);
    expect(tickets[0]).toMatchObject({ kind: 'exchange', status: 'approved' });
    const items = z.array(z.object({ line_no: z.number(), to_product_id: z.number() }).loose()).parse(JSON.parse(String(tickets[0]?.exchanged)));
    expect(items.map(({ line_no, to_product_id }) => ({ line_no, to_product_id }))).toEqual([{ line_no: 1, to_product_id: first.toProductId }, { line_no: 2, to_product_id: second.toProductId }]);
    const audit = await auditOf(page);
    expect(audit.rows).toEqual([{ actor: `customer:${order.customerId}`, tool: 'request_exchange', policy_decision: expect.stringMatching(/^allow:P4/), status: 'committed' }]);

    const desk = await handOffToConsole(dialog, audit.conversationId, order.orderNo);
    expect(desk.summary).toContain(`Done in this chat: exchange items ${order.orderNo}`);
    expect(desk.history).toContain(order.orderNo);
  });

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
