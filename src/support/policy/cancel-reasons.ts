import type { BilingualText } from './policy-decision.ts';

/** The fixed list a cancellation reason comes from (orders.cancel_reason). */
export const CANCEL_REASON_CODES = ['changed_mind', 'ordered_by_mistake', 'found_cheaper', 'delivery_too_slow', 'wrong_details', 'other'] as const;
export type CancelReasonCode = (typeof CANCEL_REASON_CODES)[number];

/** A reason as data: how shoppers say it in either language, with examples that must and must not match. */
export interface CancelReasonRule {
  code: CancelReasonCode;
  label: BilingualText;
  patterns: readonly RegExp[];
  examples: { match: readonly string[]; noMatch: readonly string[] };
}

export const CANCEL_REASONS: readonly CancelReasonRule[] = [
  {
    code: 'ordered_by_mistake',
    label: { en: 'ordered by mistake', zh: '误下单' },
    patterns: [/by (mistake|accident)|accidentally|ordered (it )?twice|wrong button|didn'?t mean to (order|buy)/, /拍错|下错|买错|点错|误(拍|下单|操作|购)|重复下单|多拍了/u],
    examples: { match: ['I ordered it by mistake', '拍错了', '不小心下错单了'], noMatch: ['I changed my mind', '发货太慢'] },
  },
  {
    code: 'found_cheaper',
    label: { en: 'found it cheaper elsewhere', zh: '别处更便宜' },
    patterns: [/cheaper|better (price|deal)|lower price|price (dropped|is lower)/, /(更|比较)便宜|便宜(点|些)|降价|价格(更)?(低|好)|别家/u],
    examples: { match: ['I found it cheaper somewhere else', '别家更便宜', '降价了'], noMatch: ['it is too expensive to ship', '不想要了'] },
  },
  {
    code: 'delivery_too_slow',
    label: { en: 'delivery takes too long', zh: '发货/配送太慢' },
    patterns: [/too (long|slow)|taking (too )?(long|forever)|(ship|deliver)(s|ing|y)? (is |are )?(too )?slow|can'?t wait|won'?t arrive in time/, /(发货|配送|物流|送货)?太慢|等不及|等太久|迟迟不发|还不发货|来不及/u],
    examples: { match: ['it is taking too long to ship', '发货太慢了', '等不及了'], noMatch: ['I changed my mind', '拍错了'] },
  },
  {
    code: 'wrong_details',
    label: { en: 'wrong size, colour or details', zh: '尺码、颜色或信息填错' },
    patterns: [/wrong (size|colou?r|model|address|item|details)|(size|colou?r) is wrong/, /(尺码|颜色|型号|规格|地址|信息)(选|填|写)?错/u],
    examples: { match: ['I picked the wrong size', '颜色选错了'], noMatch: ['I ordered it by mistake', '不想要了'] },
  },
  {
    code: 'changed_mind',
    label: { en: 'changed my mind', zh: '不想要了' },
    patterns: [/changed? my mind|don'?t (want|need) (it|this|them)|no longer (want|need)|not needed|don'?t need it anymore/, /不想要|不要了|不需要了|用不上|改主意|不买了|暂时不需要/u],
    examples: { match: ['I changed my mind', '不想要了', "I don't need it anymore"], noMatch: ['I ordered it by mistake', '别家更便宜'] },
  },
];

const OTHER: BilingualText = { en: 'other', zh: '其他' };

export function cancelReasonLabel(code: CancelReasonCode): BilingualText {
  return CANCEL_REASONS.find((rule) => rule.code === code)?.label ?? OTHER;
}

/** The reason a message states, if it states one of the list (most specific rules first). */
export function classifyCancelReason(text: string): CancelReasonCode | undefined {
  const normalized = text.normalize('NFKC').toLowerCase();
  return CANCEL_REASONS.find((rule) => rule.patterns.some((pattern) => pattern.test(normalized)))?.code;
}

/**
 * The reason from an answer to "why would you like to cancel?": a listed reason, its number in the list ("2",
 * "第2个"), or 'other' for any other answer (the shopper answered; their words are kept as the note).
 */
export function cancelReasonFromAnswer(text: string): CancelReasonCode {
  const number = /^\s*(?:第\s*)?([1-6])\s*(?:个|项|条)?\s*[.。]?\s*$/u.exec(text.normalize('NFKC'));
  if (number?.[1]) return CANCEL_REASON_CODES[Number(number[1]) - 1] ?? 'other';
  return classifyCancelReason(text) ?? 'other';
}

/** "1) changed my mind 2) ordered by mistake …" in the list's order, for the question. */
export function cancelReasonChoices(language: 'en' | 'zh'): string {
  return CANCEL_REASON_CODES.map((code, index) => `${index + 1}) ${cancelReasonLabel(code)[language]}`).join(language === 'zh' ? ';' : ', ');
}
