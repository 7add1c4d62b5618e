import { describe, expect, it } from 'vitest';
import { checkReturn, checkReturnWindow, RETURN_WINDOW_DAYS } from './return-policy.ts';

const delivered = { status: 'delivered' as const, deliveredAt: '2025-11-20 18:30:00' };
const lines = [
  { lineNo: 1, quantity: 2, unitPrice: 100, returnedQuantity: 0 },
  { lineNo: 2, quantity: 1, unitPrice: 50, returnedQuantity: 1 },
];

describe('checkReturn (P2)', () => {
  it('counts days from the delivery date: day 7 is allowed, day 8 is not, whatever the hour', () => {
    expect(RETURN_WINDOW_DAYS).toBe(7);
    expect(checkReturnWindow(delivered, '2025-11-20').allowed).toBe(true); // day 0
    expect(checkReturnWindow(delivered, '2025-11-27').allowed).toBe(true); // day 7
    const late = checkReturnWindow(delivered, '2025-11-28'); // day 8
    expect(late.allowed).toBe(false);
    expect(late.code).toBe('return_window_passed');
    expect(late.section).toBe('P2 returns');
    expect(late.reason.en).toContain('8 days ago');
    expect(late.reason.zh).toContain('已过去 8 天');
    // Delivered at 23:59 on day 0 still has until the end of day 7.
    expect(checkReturnWindow({ status: 'delivered', deliveredAt: '2025-11-20 23:59:59' }, '2025-11-27 23:00:00').allowed).toBe(true);
  });

  it('denies orders that are not delivered, pointing paid ones to cancellation', () => {
    expect(checkReturnWindow({ status: 'paid', deliveredAt: null }, '2025-11-21')).toMatchObject({ allowed: false, code: 'not_shipped' });
    expect(checkReturnWindow({ status: 'shipped', deliveredAt: null }, '2025-11-21')).toMatchObject({ allowed: false, code: 'not_delivered' });
    expect(checkReturnWindow({ status: 'returned', deliveredAt: '2025-11-20' }, '2025-11-21').allowed).toBe(false);
    expect(checkReturnWindow({ status: 'cancelled', deliveredAt: null }, '2025-11-21').allowed).toBe(false);
    expect(checkReturnWindow({ status: 'delivered', deliveredAt: null }, '2025-11-21').code).toBe('no_delivery_date');
  });

  it('allows partial returns up to the units not yet returned, and nothing beyond', () => {
    const base = { order: delivered, lines, asOfDate: '2025-11-22' };
    expect(checkReturn({ ...base, items: [{ lineNo: 1, quantity: 1 }] }).allowed).toBe(true);
    expect(checkReturn({ ...base, items: [{ lineNo: 1, quantity: 2 }] }).allowed).toBe(true);
    expect(checkReturn({ ...base, items: [{ lineNo: 1, quantity: 3 }] })).toMatchObject({ allowed: false, code: 'quantity_too_large' });
    expect(checkReturn({ ...base, items: [{ lineNo: 2, quantity: 1 }] })).toMatchObject({ allowed: false, code: 'item_already_returned' });
    expect(checkReturn({ ...base, items: [{ lineNo: 9, quantity: 1 }] })).toMatchObject({ allowed: false, code: 'unknown_item' });
    expect(checkReturn({ ...base, items: [{ lineNo: 1, quantity: 1 }, { lineNo: 1, quantity: 1 }] })).toMatchObject({ allowed: false, code: 'unknown_item' });
    expect(checkReturn({ ...base, items: [{ lineNo: 1, quantity: 0 }] })).toMatchObject({ allowed: false, code: 'bad_quantity' });
    expect(checkReturn({ ...base, items: [] })).toMatchObject({ allowed: false, code: 'no_items' });
  });

  it('checks the window before the items: a late request is denied for lateness', () => {
    expect(checkReturn({ order: delivered, lines, items: [{ lineNo: 1, quantity: 1 }], asOfDate: '2025-11-28' }).code).toBe('return_window_passed');
  });
});
