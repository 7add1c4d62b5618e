import { describe, expect, it } from 'vitest';
import { startConversation, useSupportFixture } from '../support-test-kit.ts';
import { loadCustomerContext } from './customer-context.ts';

/** Issue 11 (agent console): the customer context panel's data is the conversation's own shopper, nobody else's. */
const kit = useSupportFixture({ users: 300 });

describe('customer context for the agent console', () => {
  it('lists the shopper\'s orders, saved methods, earlier conversations and the ticket of what the bot did', async () => {
    const order = await kit.picker.pick(`o.status = 'paid'`);
    const other = await kit.picker.pick(`o.status = 'paid'`);
    const earlier = await startConversation(kit.fixture.warehouse, order.customerId);
    const { chat } = await kit.chatFor(order.customerId);
    expect((await chat(`Please cancel order ${order.orderNo}, I changed my mind`)).confirmation).toBeDefined();
    await chat('yes');
    const { rows } = await kit.fixture.warehouse.query(`SELECT conversation_id FROM conversations WHERE customer_id = $user AND conversation_id <> $earlier`, { user: order.customerId, earlier });
    const current = String(rows[0]?.conversation_id);
    const context = await loadCustomerContext(kit.fixture.warehouse, current);
    expect(context.customer?.customer_id).toBe(order.customerId);
    expect(context.orders.find((row) => row.order_no === order.orderNo)?.status).toBe('cancelled');
    expect(context.orders.some((row) => row.order_no === other.orderNo)).toBe(false);
    expect(context.tickets.find((ticket) => ticket.kind === 'cancel')?.order_no).toBe(order.orderNo);
    expect(context.conversations.map((conversation) => conversation.conversation_id)).toEqual([earlier]);
    const saved = await kit.fixture.warehouse.query('SELECT kind FROM payment_methods WHERE user_id = $user ORDER BY kind', { user: order.customerId });
    expect(context.payment_methods.map((method) => method.kind).sort()).toEqual(saved.rows.map((row) => String(row.kind)));
  });

  it('a conversation without a customer has an empty context', async () => {
    expect(await loadCustomerContext(kit.fixture.warehouse, 'no-such-conversation')).toEqual({ customer: null, default_address: null, payment_methods: [], orders: [], conversations: [], tickets: [] });
  });
});
