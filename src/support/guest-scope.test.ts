import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { productTitle } from '../models/recommendations/product-catalog.ts';
import { recommendForProduct, recommendForUser } from '../models/recommendations/recommend.ts';
import { HashingEncoder } from '../models/embeddings/hashing-encoder.ts';
import { customerSession, openSupportFixture, OrderPicker, send, startConversation, type SupportFixture } from './support-test-kit.ts';

let fixture: SupportFixture;
let picker: OrderPicker;
const selectEncoder = async () => ({ encoder: new HashingEncoder(), kind: 'fallback' as const, reason: 'test encoder' });

beforeAll(async () => {
  fixture = await openSupportFixture();
  picker = new OrderPicker(fixture.warehouse);
}, 120_000);
afterAll(() => fixture?.close());

describe('a guest verified for one order sees only what that order allows', () => {
  it('gets recommendations related to that order, not the personalised ones of the full account', async () => {
    const order = await picker.pick(`o.status = 'delivered'`);
    const firstItem = await fixture.warehouse.query('SELECT product_id FROM order_items WHERE order_id = $id ORDER BY line_no LIMIT 1', { id: order.orderId });
    const fromOrder = await recommendForProduct(fixture.warehouse, Number(firstItem.rows[0]?.product_id), { topK: 5, selectEncoder });
    const fromAccount = await recommendForUser(fixture.warehouse, order.customerId, { topK: 5, selectEncoder });
    const titles = (items: typeof fromOrder.items) => items.map((item) => productTitle(item.product, 'en'));

    const guestConversation = await startConversation(fixture.warehouse, order.customerId);
    const guest = { scope: { kind: 'guest-order' as const, customerId: order.customerId, orderId: order.orderId }, language: 'en' as const };
    const guestReply = await send(fixture.agent, fixture.warehouse, guestConversation, guest, 'Can you recommend some products?');
    expect(guestReply.intent).toBe('recommendation');
    expect(guestReply.table?.rows.map((row) => row.product)).toEqual(titles(fromOrder.items));

    const customerConversation = await startConversation(fixture.warehouse, order.customerId);
    const customerReply = await send(fixture.agent, fixture.warehouse, customerConversation, customerSession(order.customerId, 'en'), 'Can you recommend some products?');
    expect(customerReply.table?.rows.map((row) => row.product)).toEqual(titles(fromAccount.items));
    // The two differ here, so the guest's list is not the account's in disguise.
    expect(titles(fromOrder.items)).not.toEqual(titles(fromAccount.items));
  }, 60_000);
});
