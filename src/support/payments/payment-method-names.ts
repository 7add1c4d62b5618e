import type { Language } from '../../text/language.ts';

/** How a payment method (orders.payment_method, payment_methods.kind, payments.method) is named to a shopper. */
export const PAYMENT_METHOD_NAMES: Readonly<Record<string, { en: string; zh: string }>> = {
  alipay: { en: 'Alipay', zh: '支付宝' },
  wechat_pay: { en: 'WeChat Pay', zh: '微信支付' },
  credit_card: { en: 'credit card', zh: '信用卡' },
  union_pay: { en: 'UnionPay', zh: '银联' },
  paypal: { en: 'PayPal', zh: 'PayPal' },
  gift_card: { en: 'ShopLens gift card', zh: 'ShopLens 礼品卡' },
  cod: { en: 'cash on delivery', zh: '货到付款' },
};

/** The method's name, with the card's last four digits when known ("credit card ending 4242", "信用卡(尾号 4242)"). */
export function paymentMethodName(kind: string, language: Language, last4?: string | null): string {
  const name = PAYMENT_METHOD_NAMES[kind]?.[language] ?? kind;
  if (!last4) return name;
  return language === 'zh' ? `${name}(尾号 ${last4})` : `${name} ending ${last4}`;
}
