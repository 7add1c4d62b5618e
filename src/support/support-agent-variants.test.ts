import { describe, expect, it } from 'vitest';
import { useSupportFixture } from './support-test-kit.ts';

/**
 * Exchanges by variant (issue 11): only to another option of the same product, only if it is in stock, the price
 * difference on the card, and the exact target in the ticket. The previous bot approved headphones for running shoes.
 */
const kit = useSupportFixture({ users: 600 });
const oneItemRecentlyDelivered = () =>
  `o.status = 'delivered' AND o.delivered_at::DATE >= DATE '${kit.fixture.asOf}' - INTERVAL 6 DAY AND o.exchange_count = 0 AND (SELECT count(*) FROM order_items i WHERE i.order_id = o.order_id) = 1`;

async function lineOf(orderId: number) {
  const result = await kit.fixture.warehouse.query(
    `SELECT i.product_id, i.quantity, i.unit_price::DOUBLE AS unit_price, p.product_group, p.category FROM order_items i JOIN products p USING (product_id) WHERE i.order_id = $order AND i.line_no = 1`,
    { order: orderId },
  );
  return result.rows[0] as { product_id: number; quantity: number; unit_price: number; product_group: number; category: string };
}

async function exchangeCount(orderId: number): Promise<number> {
  return Number((await kit.fixture.warehouse.query('SELECT exchange_count FROM orders WHERE order_id = $id', { id: orderId })).rows[0]?.exchange_count);
}

describe('exchanges stay within the same product', () => {
  it('en: exchanging an item for a product of another category is refused under P4 and nothing changes', async () => {
    const order = await kit.picker.pick(oneItemRecentlyDelivered());
    const line = await lineOf(order.orderId);
    const foreign = (await kit.fixture.warehouse.query('SELECT title_en FROM products WHERE category <> $category AND product_group IS NOT NULL ORDER BY product_id LIMIT 1', { category: line.category })).rows[0]?.title_en;
    const { chat } = await kit.chatFor(order.customerId);
    let reply = await chat(`I want to exchange the item in ${order.orderNo} for ${String(foreign)}, I want something else`);
    for (let turn = 0; reply.text.match(/reason/i) && turn < 2; turn++) reply = await chat('I want something else');
    expect(reply.confirmation).toBeUndefined();
    expect(reply.text).toMatch(/same product/);
    expect(await exchangeCount(order.orderId)).toBe(0);
    await chat('yes');
    expect(await exchangeCount(order.orderId)).toBe(0);
  });

  it('zh: a sold-out option is refused with the options in stock; one in stock gets a card with the price difference and the target in the ticket', async () => {
    const order = await kit.picker.pick(
      oneItemRecentlyDelivered(),
      `TRUE AND EXISTS (SELECT 1 FROM order_items i JOIN products own USING (product_id) JOIN products other ON other.product_group = own.product_group AND other.product_id <> own.product_id
                         WHERE i.order_id = o.order_id AND other.stock = 0)
            AND EXISTS (SELECT 1 FROM order_items i JOIN products own USING (product_id) JOIN products other ON other.product_group = own.product_group AND other.product_id <> own.product_id
                         WHERE i.order_id = o.order_id AND other.stock > 0)`,
    );
    const line = await lineOf(order.orderId);
    const variants = (await kit.fixture.warehouse.query('SELECT product_id, option_zh, price::DOUBLE AS price, stock FROM products WHERE product_group = $group AND product_id <> $own ORDER BY product_id', { group: line.product_group, own: line.product_id })).rows;
    const soldOut = variants.find((variant) => Number(variant.stock) === 0);
    const inStock = variants.find((variant) => Number(variant.stock) > 0);
    const { chat } = await kit.chatFor(order.customerId);
    const refused = await chat(`${order.orderNo}的商品想换成${String(soldOut?.option_zh)},不喜欢这个颜色`);
    expect(refused.confirmation).toBeUndefined();
    expect(refused.text).toContain('缺货');
    expect(refused.text).toContain(String(inStock?.option_zh));
    const card = await chat(String(inStock?.option_zh));
    const difference = Math.round((Number(inStock?.price) - line.unit_price) * line.quantity * 100) / 100;
    expect(card.confirmation?.summary).toContain(`换成:${String(inStock?.option_zh)}`);
    expect(card.confirmation?.summary).toContain(difference === 0 ? '无差价' : `¥${Math.abs(difference).toLocaleString('en-US', { minimumFractionDigits: 2 })}`);
    await chat('确认');
    expect(await exchangeCount(order.orderId)).toBe(1);
    const ticket = await kit.fixture.warehouse.query(`SELECT json_extract(payload, '$.to_product_id')::BIGINT AS target FROM tickets WHERE order_id = $order AND kind = 'exchange'`, { order: order.orderId });
    expect(Number(ticket.rows[0]?.target)).toBe(Number(inStock?.product_id));
  });
});

describe('product options and availability', () => {
  it.each([
    ['en', 'What colours does the {name} come in?', 'Options:', ['in stock', 'out of stock']],
    ['zh', '{name}有哪些颜色?有货吗?', '可选规格', ['有货', '缺货']],
  ])('%s: "%s" lists every option with its price and stock', async (language, question, lead, stockWords) => {
    const order = await kit.picker.pick(`o.status = 'delivered'`);
    const group = (await kit.fixture.warehouse.query(
      `SELECT product_group FROM products WHERE product_group IS NOT NULL GROUP BY product_group HAVING count(*) FILTER (WHERE stock = 0) >= 1 AND count(*) FILTER (WHERE stock > 0) >= 1 AND bool_and(category = 'Headphones') ORDER BY product_group LIMIT 1`,
    )).rows[0]?.product_group;
    const variants = (await kit.fixture.warehouse.query('SELECT title_en, title_zh, option_en, option_zh, price::DOUBLE AS price FROM products WHERE product_group = $group ORDER BY product_id', { group: Number(group) })).rows;
    const first = variants[0] as Record<string, string>;
    const title = (language === 'en' ? first.title_en : first.title_zh) ?? '';
    const name = title.slice(0, title.length - ((language === 'en' ? first.option_en : first.option_zh) ?? '').length).trim();
    const { chat } = await kit.chatFor(order.customerId);
    const reply = await chat(question.replace('{name}', name));
    expect(reply.intent).toBe('product_question');
    expect(reply.text).toContain(lead);
    for (const variant of variants) {
      expect(reply.text).toContain(String(language === 'en' ? variant.option_en : variant.option_zh));
      expect(reply.text).toContain(`¥${Number(variant.price).toLocaleString('en-US', { minimumFractionDigits: 2 })}`);
    }
    for (const word of stockWords) expect(reply.text).toContain(word);
  });
});
