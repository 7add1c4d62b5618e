import type { Language } from '../../text/language.ts';
import type { OrderProbeVerdict } from '../orders/order-probe-throttle.ts';
import { say } from './reply-texts.ts';

function duration(seconds: number, language: Language): string {
  if (seconds < 90) return say(language, `${seconds} seconds`, `${seconds} 秒`);
  const minutes = Math.ceil(seconds / 60);
  return say(language, `${minutes} minutes`, `${minutes} 分钟`);
}

/** What a shopper who looked up too many order numbers not on their account is told, with a person offered. */
export function probingReplyText(verdict: Exclude<OrderProbeVerdict, { kind: 'allowed' }>, language: Language): string {
  const wait = duration(verdict.waitSeconds, language);
  if (verdict.kind === 'cooldown') {
    return say(
      language,
      `Several of the order numbers you asked about are not on your account, so I have to slow down: please wait ${wait} before looking up another order number. Would you like me to pass you to a person instead? Reply "yes".`,
      `您查询的多个订单号不在您的账户下,为安全起见需要放慢查询:请 ${wait}后再查询其他订单号。需要为您转接人工客服吗?回复“是”即可。`,
    );
  }
  return say(
    language,
    `Too many of the order numbers you asked about are not on your account, so I cannot look up order numbers for you for the next ${wait}. A person can help you find your order: reply "yes" and I will pass you on.`,
    `您查询的订单号中有太多不在您的账户下,接下来 ${wait}内我无法再为您按订单号查询。人工客服可以帮您找到订单:回复“是”即可转接。`,
  );
}
