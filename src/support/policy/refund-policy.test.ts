import { describe, expect, it } from 'vitest';
import { cancellationRefund, returnRefund } from './refund-policy.ts';

describe('refunds (P3)', () => {
  it('refunds a cancelled paid order in full to the original payment method, an unpaid one with nothing', () => {
    expect(cancellationRefund({ paidAt: '2025-11-01 10:00:00', totalAmount: 359, paymentMethod: 'wechat_pay' })).toMatchObject({ amount: 359, destination: 'wechat_pay', destinationLabel: { zh: '微信支付' } });
    expect(cancellationRefund({ paidAt: null, totalAmount: 359, paymentMethod: 'alipay' })).toMatchObject({ amount: 0, destination: 'none' });
  });

  it('refunds returned items with the order discount shared in proportion, never shipping', () => {
    const order = { itemsAmount: 400, discountAmount: 40, paymentMethod: 'alipay' };
    const lines = [
      { lineNo: 1, quantity: 2, unitPrice: 100, returnedQuantity: 0 },
      { lineNo: 2, quantity: 1, unitPrice: 200, returnedQuantity: 0 },
    ];
    expect(returnRefund(order, lines, [{ lineNo: 1, quantity: 1 }]).amount).toBe(90);
    expect(returnRefund(order, lines, [{ lineNo: 1, quantity: 2 }, { lineNo: 2, quantity: 1 }]).amount).toBe(360);
    expect(returnRefund({ ...order, paymentMethod: 'cod' }, lines, [{ lineNo: 2, quantity: 1 }]).destinationLabel.en).toContain('balance');
  });
});
