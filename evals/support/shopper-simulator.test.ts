import { describe, expect, it } from 'vitest';
import { amountsIn, statesAmount } from './money-expressions.ts';
import { askedSlot, lastQuestion } from './shopper-simulator.ts';

describe('the rule-based shopper', () => {
  it.each([
    ['Sorry to hear that. What is the reason for cancelling this order?', 'reason'],
    ['订单 SL1:请问要退哪些商品?', 'items'],
    ['请问退货原因是什么?', 'reason'],
    ['Which order would you like to return items from?', 'order'],
    ['请问要退哪个订单的商品?', 'order'],
    ['What is the new address?', 'address'],
    ['Would you like me to connect you with a human agent?', 'human'],
    ['需要为您转人工客服吗?', 'human'],
    ['Which colour would you like instead?', 'variant'],
    ['Where should we send the refund: the original payment method or a gift card?', 'refund_method'],
    ['How would you like to pay the difference?', 'payment_method'],
  ])('reads "%s" as a question about %s', (text, slot) => {
    expect(askedSlot(text)).toBe(slot);
  });

  it('does not see a question in a plain statement', () => {
    expect(askedSlot('Order SL1 was delivered on 2025-11-28. Tracking number 123.')).toBeUndefined();
    expect(lastQuestion('订单已取消。退款将原路退回。')).toBeUndefined();
  });

  it('finds amounts however they are written', () => {
    expect(amountsIn('Refund ¥1,299.00 to Alipay; 2 items')).toEqual([1299, 2]);
    expect(statesAmount('退款 ¥29.54 将原路退回', 29.54)).toBe(true);
    expect(statesAmount('difference -¥25.50', -25.5)).toBe(true);
    expect(statesAmount('¥1,299.00', 129.9)).toBe(false);
  });
});
