import { z } from 'zod';
import { defineTool } from '../../agent/tool.ts';
import type { ResultColumn } from '../../presentation/result-table.ts';
import { inShopCurrency, money } from '../orders/order-presentation.ts';
import { paymentMethodName } from '../payments/payment-method-names.ts';
import { loadSavedPaymentMethods } from '../payments/profile-payments.ts';
import { supportRuntimeOf } from '../support-tool-context.ts';

export const getMyPaymentMethodsParameters = z.strictObject({});

const COLUMNS: ResultColumn[] = [
  { id: 'method', label_en: 'Payment method', label_zh: '支付方式', unit: 'text', role: 'dimension' },
  { id: 'balance', label_en: 'Gift-card balance', label_zh: '礼品卡余额', unit: 'currency', role: 'metric' },
  { id: 'default', label_en: 'Default', label_zh: '默认', unit: 'text', role: 'dimension' },
];

export const getMyPaymentMethodsTool = defineTool({
  name: 'get_my_payment_methods',
  description: [
    "The signed-in shopper's saved payment methods (cards by their last four digits, Alipay, WeChat Pay, PayPal, gift cards)",
    'with each gift card\'s balance and the total gift-card balance. Takes no customer id: the shopper is the one from the session.',
    'A guest signed in for one order has no saved profile.',
  ].join(' '),
  parameters: getMyPaymentMethodsParameters,
  async execute(argumentsValue, context) {
    getMyPaymentMethodsParameters.parse(argumentsValue);
    const runtime = supportRuntimeOf(context);
    const language = context.language;
    // A guest verified for one order may see that order, not the account's wallet.
    if (runtime.scope.kind === 'guest-order') return { kind: 'payment_methods' as const, status: 'guest' as const, count: 0, gift_card_balance: 0, methods: [], columns: inShopCurrency(COLUMNS, runtime.currency), rows: [], currency: runtime.currency };
    const methods = await loadSavedPaymentMethods(context.warehouse, runtime.scope.customerId);
    const giftCardCents = methods.reduce((sum, method) => sum + (method.kind === 'gift_card' ? Math.round((method.balance ?? 0) * 100) : 0), 0);
    const yes = language === 'zh' ? '是' : 'yes';
    return {
      kind: 'payment_methods' as const,
      status: 'found' as const,
      count: methods.length,
      gift_card_balance: giftCardCents / 100,
      has_gift_card: methods.some((method) => method.kind === 'gift_card'),
      methods: methods.map((method) => ({ kind: method.kind, name: paymentMethodName(method.kind, language, method.last4), balance: method.balance, is_default: method.is_default })),
      columns: inShopCurrency(COLUMNS, runtime.currency),
      currency: runtime.currency,
      rows: methods.map((method) => ({
        method: paymentMethodName(method.kind, language, method.last4),
        balance: method.balance,
        balance_text: method.balance === null ? '' : money(method.balance, language, runtime.currency),
        default: method.is_default ? yes : '',
      })),
    };
  },
});
