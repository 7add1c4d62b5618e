import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Warehouse } from '../../sql/warehouse.ts';
import { itemCoOccurrence } from './item-cooccurrence.ts';
import { leaveLastOutSplit, type LeaveLastOutSplit } from './leave-last-out.ts';

const A = 1;
const B = 2;
const C = 3;
const D = 4;
const E = 5;
const epoch = (timestamp: string) => Date.parse(`${timestamp.replace(' ', 'T')}Z`);

let warehouse: Warehouse;
let split: LeaveLastOutSplit;

/**
 * User 1: order 101 (Jan 1) A, B; order 102 (Jan 5 09:10) C new, A re-bought. The purchase of C ends session 7
 *   (view C 09:00, cart C 09:05), so the cutoff is 09:00; a view of D in an earlier session stays, a cart of E
 *   afterwards (Jan 6) is hidden.
 * User 2: orders 201 and 202 both only A: a re-buy, not scored.
 * User 3: one order: not eligible. Guest order 301: C and B.
 */
beforeAll(async () => {
  warehouse = await Warehouse.open({ path: ':memory:' });
  await warehouse.run(`INSERT INTO products (product_id, title_en, category) VALUES (1, 'A', 'X'), (2, 'B', 'X'), (3, 'C', 'X'), (4, 'D', 'X'), (5, 'E', 'X')`);
  await warehouse.run(`INSERT INTO orders (order_id, order_no, user_id, status, created_at, paid_at, items_amount, total_amount) VALUES
    (101, 'N101', 1, 'delivered', TIMESTAMP '2025-01-01 12:00:00', TIMESTAMP '2025-01-01 12:00:00', 0, 0),
    (102, 'N102', 1, 'delivered', TIMESTAMP '2025-01-05 09:10:00', TIMESTAMP '2025-01-05 09:10:00', 0, 0),
    (201, 'N201', 2, 'delivered', TIMESTAMP '2025-01-02 12:00:00', TIMESTAMP '2025-01-02 12:00:00', 0, 0),
    (202, 'N202', 2, 'delivered', TIMESTAMP '2025-01-04 12:00:00', TIMESTAMP '2025-01-04 12:00:00', 0, 0),
    (250, 'N250', 3, 'delivered', TIMESTAMP '2025-01-03 12:00:00', TIMESTAMP '2025-01-03 12:00:00', 0, 0),
    (301, 'N301', NULL, 'delivered', TIMESTAMP '2025-01-03 15:00:00', TIMESTAMP '2025-01-03 15:00:00', 0, 0)`);
  await warehouse.run(`INSERT INTO order_items (order_id, line_no, product_id, quantity, unit_price, amount) VALUES
    (101, 1, ${A}, 1, 1, 1), (101, 2, ${B}, 1, 1, 1), (102, 1, ${C}, 1, 1, 1), (102, 2, ${A}, 1, 1, 1),
    (201, 1, ${A}, 1, 1, 1), (202, 1, ${A}, 1, 1, 1), (250, 1, ${B}, 1, 1, 1), (301, 1, ${C}, 1, 1, 1), (301, 2, ${B}, 1, 1, 1)`);
  await warehouse.run(`INSERT INTO events (event_id, user_id, session_id, product_id, event_type, event_time) VALUES
    (1, 1, 5, ${D}, 'view', TIMESTAMP '2025-01-03 20:00:00'),
    (2, 1, 7, ${C}, 'view', TIMESTAMP '2025-01-05 09:00:00'),
    (3, 1, 7, ${C}, 'cart', TIMESTAMP '2025-01-05 09:05:00'),
    (4, 1, 7, ${C}, 'purchase', TIMESTAMP '2025-01-05 09:10:00'),
    (5, 1, 7, ${A}, 'purchase', TIMESTAMP '2025-01-05 09:10:00'),
    (6, 1, 8, ${E}, 'cart', TIMESTAMP '2025-01-06 10:00:00'),
    (7, 2, 9, ${C}, 'cart', TIMESTAMP '2025-01-04 11:00:00')`);
  split = await leaveLastOutSplit(warehouse);
});

afterAll(() => warehouse?.close());

describe('leaveLastOutSplit', () => {
  it('holds out the last new product of the last order, cut at the start of its session', () => {
    expect(split.cases).toEqual([{ userId: 1, heldOutProduct: C, heldOutOrder: 102, cutoff: epoch('2025-01-05 09:00:00') }]);
    expect(split.eligibleShoppers).toBe(2);
    expect(split.rebuyOnlyShoppers).toBe(1);
  });

  it('never trains on the held-out purchase or anything the shopper did from the cutoff on', () => {
    const user1 = split.training.filter((interaction) => interaction.owner === 'u1');
    expect(user1.map((interaction) => [interaction.productId, interaction.kind, interaction.time]).sort()).toEqual([
      [A, 'purchase', epoch('2025-01-01 12:00:00')],
      [B, 'purchase', epoch('2025-01-01 12:00:00')],
    ]);
    expect(split.viewsBeforeCutoff).toEqual([{ owner: 'u1', productId: D, kind: 'view', time: epoch('2025-01-03 20:00:00') }]);
    // Only the guest order and user 2's cart still tie C to anything; user 1's purchase of C is gone.
    const coOccurrence = itemCoOccurrence(split.training);
    expect(coOccurrence.buyers.get(C)).toBe(1);
    expect(coOccurrence.owners.get(C)).toBe(2);
  });

  it('keeps every other shopper\'s history whole', () => {
    const others = split.training.filter((interaction) => interaction.owner !== 'u1').map((interaction) => `${interaction.owner}:${interaction.productId}:${interaction.kind}`).sort();
    expect(others).toEqual(['o301:2:purchase', 'o301:3:purchase', 'u2:1:purchase', 'u2:3:cart', 'u3:2:purchase']);
  });
});
