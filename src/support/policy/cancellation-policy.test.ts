import { describe, expect, it } from 'vitest';
import { checkCancellation } from './cancellation-policy.ts';
import { ORDER_STATUSES } from './order-facts.ts';

describe('checkCancellation (P1)', () => {
  it('allows pending and paid orders and denies every later status, citing P1', () => {
    const verdicts = Object.fromEntries(ORDER_STATUSES.map((status) => [status, checkCancellation({ status }).allowed]));
    expect(verdicts).toEqual({ pending: true, paid: true, shipped: false, delivered: false, cancelled: false, returned: false });
    for (const status of ORDER_STATUSES) expect(checkCancellation({ status }).section).toBe('P1 cancellation');
  });

  it('explains the boundary paid → shipped in both languages and points a delivered order to returns', () => {
    const shipped = checkCancellation({ status: 'shipped' });
    expect(shipped.code).toBe('already_shipped');
    expect(shipped.reason.en).toMatch(/already shipped/);
    expect(shipped.reason.zh).toMatch(/已经发货/);
    expect(checkCancellation({ status: 'delivered' }).reason.zh).toMatch(/退货/);
  });
});
