import { describe, expect, it } from 'vitest';
import { Warehouse } from '../../sql/warehouse.ts';
import type { Interaction } from './interactions.ts';
import { itemCoOccurrence } from './item-cooccurrence.ts';
import { loadAllInteractions } from './load-interactions.ts';

const A = 1;
const B = 2;
const C = 3;

/**
 * Owners and their weights (purchase 1, cart/favourite 0.5, the strongest kind counts):
 *   u1: A 1, B 1        u2: A 1, B 1, C 0.5 (cart)        u3: B 1, C 0.5 (favourite)        guest order o9: A 1, C 1
 * Squared norms: A 3, B 3, C 0.25 + 0.25 + 1 = 1.5.
 * A·B = 2 (u1, u2), together 2: cosine 2/√9 = 2/3, shrunk × 2/(2+2) → 1/3.
 * A·C = 0.5 + 1 = 1.5 (u2, o9), together 2: cosine 1.5/√4.5, shrunk × 1/2.
 * B·C = 0.5 + 0.5 = 1 (u2, u3), together 2: cosine 1/√4.5, shrunk × 1/2.
 */
const EXPECTED = {
  ab: 1 / 3,
  ac: (1.5 / Math.sqrt(4.5)) * 0.5,
  bc: (1 / Math.sqrt(4.5)) * 0.5,
};

const interaction = (owner: string, productId: number, kind: Interaction['kind'], time = 0): Interaction => ({ owner, productId, kind, time });

const HAND_MADE: Interaction[] = [
  interaction('u1', A, 'purchase'), interaction('u1', A, 'cart'), interaction('u1', B, 'purchase'),
  interaction('u2', A, 'purchase'), interaction('u2', B, 'purchase'), interaction('u2', C, 'cart'),
  interaction('u3', B, 'purchase'), interaction('u3', C, 'fav'),
  interaction('o9', A, 'purchase'), interaction('o9', C, 'purchase'),
  // Views never count for co-occurrence.
  interaction('u1', C, 'view'),
];

describe('itemCoOccurrence', () => {
  it('matches shrunk cosine similarities worked out by hand', () => {
    const result = itemCoOccurrence(HAND_MADE);
    expect(result.neighbours.get(A)?.get(B)).toBeCloseTo(EXPECTED.ab, 12);
    expect(result.neighbours.get(B)?.get(A)).toBeCloseTo(EXPECTED.ab, 12);
    expect(result.neighbours.get(A)?.get(C)).toBeCloseTo(EXPECTED.ac, 12);
    expect(result.neighbours.get(C)?.get(B)).toBeCloseTo(EXPECTED.bc, 12);
    expect(result.neighbours.get(A)?.has(A)).toBe(false);
    expect(Object.fromEntries(result.buyers)).toEqual({ [A]: 3, [B]: 3, [C]: 1 });
    expect(Object.fromEntries(result.owners)).toEqual({ [A]: 3, [B]: 3, [C]: 3 });
  });

  it('is the plain cosine without shrinkage', () => {
    const result = itemCoOccurrence(HAND_MADE, 0);
    expect(result.neighbours.get(A)?.get(B)).toBeCloseTo(2 / 3, 12);
    expect(result.neighbours.get(B)?.get(C)).toBeCloseTo(1 / Math.sqrt(4.5), 12);
  });

  it('gets the same numbers from orders, order lines and events in a warehouse', async () => {
    const warehouse = await Warehouse.open({ path: ':memory:' });
    try {
      await warehouse.run(`INSERT INTO products (product_id, title_en, category) VALUES (1, 'A', 'Things'), (2, 'B', 'Things'), (3, 'C', 'Things'), (4, 'Postage', 'non_merchandise')`);
      const order = (id: number, user: number | null, paid: boolean) =>
        `(${id}, 'N${id}', ${user ?? 'NULL'}, '${paid ? 'delivered' : 'cancelled'}', TIMESTAMP '2025-01-0${id % 9 + 1} 10:00:00', ${paid ? "TIMESTAMP '2025-01-01 10:00:00'" : 'NULL'}, 0, 0)`;
      await warehouse.run(`INSERT INTO orders (order_id, order_no, user_id, status, created_at, paid_at, items_amount, total_amount) VALUES
        ${[order(1, 1, true), order(2, 2, true), order(3, 3, true), order(9, null, true), order(5, 3, false)].join(', ')}`);
      await warehouse.run(`INSERT INTO order_items (order_id, line_no, product_id, quantity, unit_price, amount) VALUES
        (1, 1, 1, 1, 1, 1), (1, 2, 2, 1, 1, 1), (1, 3, 4, 1, 1, 1), (2, 1, 1, 1, 1, 1), (2, 2, 2, 2, 1, 2), (3, 1, 2, 1, 1, 1),
        (9, 1, 1, 1, 1, 1), (9, 2, 3, 1, 1, 1), (5, 1, 1, 1, 1, 1), (5, 2, 3, 1, 1, 1)`);
      await warehouse.run(`INSERT INTO events (event_id, user_id, session_id, product_id, event_type, event_time) VALUES
        (1, 2, 1, 3, 'cart', TIMESTAMP '2025-01-02 09:00:00'), (2, 3, 2, 3, 'fav', TIMESTAMP '2025-01-03 09:00:00'),
        (3, 1, 3, 1, 'cart', TIMESTAMP '2025-01-01 09:00:00'), (4, 1, 3, 3, 'view', TIMESTAMP '2025-01-01 09:01:00')`);
      const result = itemCoOccurrence(await loadAllInteractions(warehouse));
      // The cancelled order 5 (user 3: A, C) and the postage line do not count.
      expect(result.neighbours.get(A)?.get(B)).toBeCloseTo(EXPECTED.ab, 12);
      expect(result.neighbours.get(A)?.get(C)).toBeCloseTo(EXPECTED.ac, 12);
      expect(result.neighbours.get(B)?.get(C)).toBeCloseTo(EXPECTED.bc, 12);
      expect(result.owners.has(4)).toBe(false);
    } finally {
      warehouse.close();
    }
  });
});
