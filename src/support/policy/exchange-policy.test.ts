import { describe, expect, it } from 'vitest';
import { checkExchange, EXCHANGE_WINDOW_DAYS } from './exchange-policy.ts';

const order = { status: 'delivered' as const, deliveredAt: '2025-11-01 10:00:00', exchangeCount: 0 };
const line = { lineNo: 1, quantity: 1, unitPrice: 299, returnedQuantity: 0 };

describe('checkExchange (P4)', () => {
  it('allows one exchange per order: exchange_count 0 yes, 1 no', () => {
    expect(checkExchange({ order, line, asOfDate: '2025-11-05' })).toMatchObject({ allowed: true, section: 'P4 exchanges' });
    const second = checkExchange({ order: { ...order, exchangeCount: 1 }, line, asOfDate: '2025-11-05' });
    expect(second).toMatchObject({ allowed: false, code: 'exchange_used', section: 'P4 exchanges' });
    expect(second.reason.zh).toContain('只能换货一次');
  });

  it('has a 15-day window from delivery: day 15 yes, day 16 no', () => {
    expect(EXCHANGE_WINDOW_DAYS).toBe(15);
    expect(checkExchange({ order, line, asOfDate: '2025-11-16' }).allowed).toBe(true);
    expect(checkExchange({ order, line, asOfDate: '2025-11-17' }).code).toBe('exchange_window_passed');
  });

  it('needs a delivered order and an item that was not returned', () => {
    expect(checkExchange({ order: { ...order, status: 'shipped' }, line, asOfDate: '2025-11-05' }).allowed).toBe(false);
    expect(checkExchange({ order: { ...order, status: 'paid' }, line, asOfDate: '2025-11-05' }).allowed).toBe(false);
    expect(checkExchange({ order, line: { ...line, returnedQuantity: 1 }, asOfDate: '2025-11-05' }).code).toBe('item_returned');
    expect(checkExchange({ order, line: undefined, asOfDate: '2025-11-05' }).code).toBe('unknown_item');
  });
});
