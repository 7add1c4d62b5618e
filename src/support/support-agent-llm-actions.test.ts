import { describe, expect, it } from 'vitest';
import { ScriptedModel } from '../testing/scripted-model.ts';
import { answerResponse as answer, customerSession, send, startConversation, toolCallResponse as toolCall, useSupportFixture } from './support-test-kit.ts';

/**
 * Issue 11, the LLM path over the new actions: a (scripted) model that calls change_order_items, set_default_address
 * or request_several_changes gets the same policy checks and only ever produces a card; the change happens on the
 * shopper's yes, and a model asking for another product is refused under P9.
 */
const kit = useSupportFixture({ users: 600 });

async function firstLine(orderId: number) {
  const { rows } = await kit.fixture.warehouse.query(
    `SELECT i.product_id, other.product_id AS other_id, other.option_en, i.quantity FROM order_items i JOIN products own USING (product_id)
       JOIN products other ON other.product_group = own.product_group AND other.product_id <> own.product_id AND other.stock >= i.quantity AND other.price > i.unit_price
      WHERE i.order_id = $order AND i.line_no = 1 ORDER BY other.product_id LIMIT 1`,
    { order: orderId },
  );
  return rows[0] as { product_id: number; other_id: number; option_en: string };
}

const paidOneItem = `o.status = 'paid' AND (SELECT count(*) FROM order_items i WHERE i.order_id = o.order_id) = 1
  AND EXISTS (SELECT 1 FROM order_items i JOIN products own USING (product_id) JOIN products other ON other.product_group = own.product_group AND other.product_id <> own.product_id WHERE i.order_id = o.order_id AND other.stock >= i.quantity AND other.price > i.unit_price)`;

describe('LLM planner over the new support actions', () => {
  it('change_order_items from the model is a card; the item changes only on yes', async () => {
    const order = await kit.picker.pick(paidOneItem);
    const line = await firstLine(order.orderId);
    const model = new ScriptedModel([
      toolCall('c1', 'change_order_items', { order_no: order.orderNo, items: [{ line_no: 1, wanted: line.option_en }], settle: 'wechat_pay' }),
      answer('I have prepared the change; please confirm it.'),
    ]);
    const agent = await kit.fixture.agentWith({ chatModel: model, planner: 'llm' });
    const conversationId = await startConversation(kit.fixture.warehouse, order.customerId);
    const session = customerSession(order.customerId, 'en');
    const reply = await send(agent, kit.fixture.warehouse, conversationId, session, `swap my item in ${order.orderNo} for the ${line.option_en} one please, charge WeChat`);
    model.assertComplete();
    expect(reply.intent).toBe('change_items');
    expect(reply.confirmation?.action).toBe('change_items');
    expect(reply.confirmation?.summary).toContain(line.option_en);
    const productOf = async () => Number((await kit.fixture.warehouse.query('SELECT product_id FROM order_items WHERE order_id = $order AND line_no = 1', { order: order.orderId })).rows[0]?.product_id);
    expect(await productOf()).toBe(Number(line.product_id));
    await send(agent, kit.fixture.warehouse, conversationId, session, 'yes');
    expect(await productOf()).toBe(Number(line.other_id));
  });

  it('a model asking for another product gets the P9 refusal and no card', async () => {
    const order = await kit.picker.pick(paidOneItem);
    const line = await firstLine(order.orderId);
    const foreign = (await kit.fixture.warehouse.query('SELECT title_en FROM products WHERE product_group <> (SELECT product_group FROM products WHERE product_id = $id) ORDER BY product_id LIMIT 1', { id: Number(line.product_id) })).rows[0]?.title_en;
    const model = new ScriptedModel([
      toolCall('c1', 'change_order_items', { order_no: order.orderNo, items: [{ line_no: 1, wanted: String(foreign) }], settle: 'alipay' }),
      answer('Sorry, that is not possible: items can only be changed to another option of the same product (P9 item-change).'),
    ]);
    const agent = await kit.fixture.agentWith({ chatModel: model, planner: 'llm' });
    const conversationId = await startConversation(kit.fixture.warehouse, order.customerId);
    const reply = await send(agent, kit.fixture.warehouse, conversationId, customerSession(order.customerId, 'en'), `replace the item in ${order.orderNo} with ${String(foreign)}`);
    expect(reply.confirmation).toBeUndefined();
    expect(reply.citations?.map((citation) => citation.section)).toContain('P9 item-change');
  });

  it('request_several_changes and set_default_address from the model are one card each', async () => {
    const order = await kit.picker.pick(`o.status IN ('pending', 'paid') AND EXISTS (SELECT 1 FROM orders d WHERE d.user_id = o.user_id AND d.status = 'delivered' AND d.delivered_at::DATE >= DATE '${kit.fixture.asOf}' - INTERVAL 6 DAY)`);
    const delivered = String((await kit.fixture.warehouse.query(`SELECT order_no FROM orders WHERE user_id = $user AND status = 'delivered' AND delivered_at::DATE >= DATE '${kit.fixture.asOf}' - INTERVAL 6 DAY ORDER BY order_id LIMIT 1`, { user: order.customerId })).rows[0]?.order_no);
    const orderNos = [order.orderNo, delivered];
    const returnedOf = async () => Number((await kit.fixture.warehouse.query(`SELECT sum(returned_quantity) AS n FROM order_items i JOIN orders r USING (order_id) WHERE r.order_no = $no`, { no: delivered })).rows[0]?.n);
    const returnedBefore = await returnedOf();
    const model = new ScriptedModel([
      toolCall('c1', 'request_several_changes', { changes: [
        { tool: 'cancel_order', arguments: { order_no: order.orderNo, reason_code: 'changed_mind' } },
        { tool: 'request_return', arguments: { order_no: delivered, reason: 'changed my mind' } },
      ] }),
      answer('Please confirm both changes.'),
      toolCall('c2', 'set_default_address', { address: '100 Century Avenue, Pudong, Shanghai 200120' }),
      answer('Please confirm your new default address.'),
    ]);
    const agent = await kit.fixture.agentWith({ chatModel: model, planner: 'llm' });
    const conversationId = await startConversation(kit.fixture.warehouse, order.customerId);
    const session = customerSession(order.customerId, 'en');
    const several = await send(agent, kit.fixture.warehouse, conversationId, session, 'drop the open order and take back the delivered one');
    expect(several.confirmation?.action).toBe('several');
    for (const orderNo of orderNos) expect(several.confirmation?.summary).toContain(orderNo);
    const address = await send(agent, kit.fixture.warehouse, conversationId, session, 'my home is now at 100 Century Avenue, Pudong, Shanghai 200120 — use it from now on');
    model.assertComplete();
    expect(address.confirmation?.action).toBe('default_address');
    expect(address.confirmation?.summary).toContain('street: 100 Century Avenue; city: Shanghai');
    // The second card superseded the first: nothing was cancelled or returned.
    const { rows } = await kit.fixture.warehouse.query(`SELECT status FROM orders WHERE order_no = $a`, { a: order.orderNo });
    expect(rows[0]?.status).not.toBe('cancelled');
    expect(await returnedOf()).toBe(returnedBefore);
  });
});
