import type { Language } from '../../text/language.ts';
import { money as formatMoney } from '../orders/order-presentation.ts';
import { say } from './reply-texts.ts';
import type { OrderPaymentsResult, PaymentMethodsResult } from './tool-results.ts';

/** Saved methods and gift-card balance in a sentence, built only from get_my_payment_methods's result. */
export function paymentMethodsText(result: PaymentMethodsResult, language: Language): string {
  const money = (value: number, in_: Language) => formatMoney(value, in_, result.currency);
  if (result.status === 'guest') return say(language, 'You are signed in for one order only, so I cannot show saved payment methods. Sign in to your account to see them.', '您当前仅以单个订单身份登录,无法查看已保存的支付方式。请登录账户后查看。');
  if (result.count === 0) return say(language, `You have no saved payment methods; your gift-card balance is ${money(0, language)}.`, `您的账户还没有保存任何支付方式,礼品卡余额为 ${money(0, language)}。`);
  const separator = say(language, ', ', '、');
  const names = result.methods.map((method) => (method.kind === 'gift_card' && method.balance !== null
    ? say(language, `${method.name} (balance ${money(method.balance, language)})`, `${method.name}(余额 ${money(method.balance, language)})`)
    : method.name)).join(separator);
  const balance = result.has_gift_card
    ? say(language, ` Your gift-card balance is ${money(result.gift_card_balance, language)}.`, `礼品卡余额共 ${money(result.gift_card_balance, language)}。`)
    : say(language, ` You have no ShopLens gift card, so your gift-card balance is ${money(0, language)}.`, `您没有 ShopLens 礼品卡,礼品卡余额为 ${money(0, language)}。`);
  return say(language, `Your saved payment methods: ${names}.`, `您已保存的支付方式:${names}。`) + balance;
}

/** An order's charges and refunds with totals, built only from get_order_payments's result. */
export function orderPaymentsText(result: OrderPaymentsResult, language: Language): string {
  const money = (value: number, in_: Language) => formatMoney(value, in_, result.currency);
  if (result.status === 'not_found') return result.message;
  const total = money(result.total_amount, language);
  if (result.payments.length === 0) {
    return say(language, `Order ${result.order_no} (total ${total}) has no payments yet: nothing has been charged or refunded.`, `订单 ${result.order_no}(总额 ${total})还没有收付款记录:未扣款,也未退款。`);
  }
  const moves = result.payments.map((payment) => (payment.kind === 'charge'
    ? say(language, `charged ${money(payment.amount, language)} to ${payment.method_name} on ${payment.created_at}`, `${payment.created_at} 从${payment.method_name}扣款 ${money(payment.amount, language)}`)
    : say(language, `refunded ${money(payment.amount, language)} to ${payment.method_name} on ${payment.created_at}`, `${payment.created_at} 退款 ${money(payment.amount, language)} 至${payment.method_name}`)))
    .join(say(language, '; ', ';'));
  const totals = result.refunded > 0
    ? say(language, ` In all: charged ${money(result.charged, language)}, refunded ${money(result.refunded, language)}, net ${money(result.net, language)}.`, `合计:扣款 ${money(result.charged, language)},退款 ${money(result.refunded, language)},净额 ${money(result.net, language)}。`)
    : '';
  return say(language, `Order ${result.order_no} (total ${total}): ${moves}.`, `订单 ${result.order_no}(总额 ${total}):${moves}。`) + totals;
}
