import { parseNumber } from '../../text/number-words.ts';
import { normalizeQuestion } from '../../text/normalize-question.ts';
import type { SupportIntent } from '../support-reply.ts';
import { DEMO_ORDER_NUMBER_FORMAT, type OrderNumberFormat } from '../orders/order-number-format.ts';
import { CUES, NO, ORDINAL_WORDS, REASON_PHRASES, YES } from './support-lexicon.ts';

export interface Recognition {
  text: string;
  normalized: string;
  /** The intent the message states by itself; undefined when no cue matched. */
  intent?: Exclude<SupportIntent, 'confirmation'>;
  /** The message asks for something ("我要", "please …") rather than asking about it. */
  request: boolean;
  orderNo?: string;
  /** Every order number in the shop's format the message names, when it names several ("SL… and SL…"). */
  orderNos: string[];
  /** 1-based position the shopper points at: "第二个", "the second one", "2", "最新的". */
  ordinal?: number;
  /** "全部" / "all of them". */
  all: boolean;
  quantity?: number;
  reason?: string;
  wanted?: string;
  address?: string;
  /** A payment method the message names (orders.payment_method code). */
  paymentMethod?: string;
  yes: boolean;
  no: boolean;
  abort: boolean;
  angry: boolean;
  injection: boolean;
}

const any = (patterns: readonly RegExp[], text: string) => patterns.some((pattern) => pattern.test(text));

function findOrdinal(text: string): number | undefined {
  const chinese = text.match(/第\s*([一二三四五六七八九十两\d]{1,3})\s*(个|单|件|笔|项|行|条|款)?/u);
  if (chinese?.[1]) return parseNumber(chinese[1]);
  if (/(最新|最近)(的)?(那|一)?(个|单|笔)?/u.test(text) || /\b(latest|most recent|newest|last one)\b/.test(text)) return 1;
  const english = text.match(/\b(first|second|third|fourth|fifth|1st|2nd|3rd|4th|5th)\b/);
  if (english?.[1]) return ORDINAL_WORDS[english[1]];
  const labelled = text.match(/\b(?:order|item|line|number|no\.?)\s*#?(\d{1,2})\b/) ?? text.match(/#(\d{1,2})\b/);
  if (labelled?.[1]) return Number(labelled[1]);
  const bare = text.match(/^\s*(\d{1,2})\s*[.。!]?\s*$/u);
  if (bare?.[1]) return Number(bare[1]);
  return undefined;
}

function findQuantity(text: string): number | undefined {
  const withoutOrdinal = text.replace(/第\s*[一二三四五六七八九十两\d]{1,3}\s*(个|单|件|笔|项|行|条|款)?/gu, ' ');
  const chinese = withoutOrdinal.match(/([一二两三四五六七八九十]|\d{1,2})\s*(件|个|双|台|副|盒|包|条|瓶|支|只)/u);
  if (chinese?.[1]) return parseNumber(chinese[1]);
  const english = withoutOrdinal.match(/\b(\d{1,2}|one|two|three|four|five)\s+(units?|pieces?|of them|items?|pairs?)\b/);
  if (english?.[1]) return ({ one: 1, two: 2, three: 3, four: 4, five: 5 } as Record<string, number>)[english[1]] ?? Number(english[1]);
  return undefined;
}

function findReason(text: string): string | undefined {
  const explicit = text.match(/(?:因为|原因(?:是)?[::]?|because\s+|reason(?: is)?[:\s]+)(.{2,80})$/u);
  if (explicit?.[1]) return explicit[1].trim();
  for (const pattern of REASON_PHRASES) {
    const match = text.match(pattern);
    if (match) return match[0];
  }
  return undefined;
}

function findWanted(text: string): string | undefined {
  const chinese = text.match(/换(?:成|为|个|一个|一件|一双)?\s*([a-z0-9]{1,4}\s*[码号]|大一[码号]|小一[码号]|\S{1,6}色)/u);
  if (chinese?.[1]) return chinese[1].trim();
  const english = text.match(/\b(?:for|in|to) (?:a |an )?((?:size \w+)|(?:bigger|smaller|larger) size|(?:black|white|blue|red|green|grey|gray|pink|brown|beige|navy)\b)/);
  return english?.[1];
}

function findAddress(original: string): string | undefined {
  const chinese = original.match(/(?:地址)?(?:改成|改为|换成|更改为|修改为|新地址(?:是|为)?[::]?)\s*(.{6,200})$/u)
    ?? original.match(/(?:寄到|送到|发到|寄往|送往)\s*([^??]{6,200}\d+(?:号|弄|栋)[^??]*)$/u);
  if (chinese?.[1]) return chinese[1].trim();
  // "change the delivery address of order SL… to 88 Nanjing Road, Shanghai", "new address: …"
  const english = original.match(/\baddress\b.*?\b(?:to|is)\b[:\s]+(.{6,200})$/i) ?? original.match(/\bnew address[:\s]+(.{6,200})$/i)
    ?? original.match(/\b(?:send|ship|deliver)\b.*?\bto\b[:\s]+(.*\d.{3,200})$/i);
  return english?.[1]?.trim();
}

const PAYMENT_METHOD_WORDS: [RegExp, string][] = [
  [/支付宝|\balipay\b/u, 'alipay'], [/微信|\bwechat\b|\bweixin\b/u, 'wechat_pay'], [/信用卡|\bcredit ?card\b|\bvisa\b|\bmastercard\b/u, 'credit_card'],
  [/银联|\bunion ?pay\b/u, 'union_pay'], [/礼品卡|\bgift ?card\b/u, 'gift_card'], [/\bpaypal\b/u, 'paypal'],
];

function findPaymentMethod(text: string): string | undefined {
  return PAYMENT_METHOD_WORDS.find(([pattern]) => pattern.test(text))?.[1];
}

function intentOf(text: string, orderNo: string | undefined, request: boolean): Recognition['intent'] {
  if (any(CUES.handoff, text)) return 'handoff';
  const faqTopic = any(CUES.faqTopic, text);
  // An address, exchange, return or cancel cue starts that task, unless the message only asks about the rules
  // ("发货后还能取消吗", "how long do refunds take") without asking us to do it.
  // A payment-method change names the change explicitly, so it is a task even where "支付方式" looks like an FAQ topic.
  if (any(CUES.changePayment, text)) return 'change_payment';
  // "Which payment methods do I have saved" asks about the shopper's wallet, not the shop's accepted methods (an FAQ).
  if (any(CUES.savedPayments, text) || any(CUES.paymentHistory, text)) return 'payment_info';
  if (any(CUES.defaultAddress, text)) return 'default_address';
  const exchange = any(CUES.exchange, text) ? (any(CUES.notShipped, text) ? 'change_items' : 'exchange') : undefined;
  const task = any(CUES.address, text) ? 'change_address'
    : exchange ?? (any(CUES.return, text) ? 'return'
    : any(CUES.cancel, text) ? 'cancel_order'
    : any(CUES.changeItems, text) ? 'change_items'
    : undefined);
  if (task && (!faqTopic || request || orderNo)) return task;
  if (any(CUES.status, text) && !(faqTopic && !orderNo && /多久|几天|how long|how many days/u.test(text))) return 'order_status';
  // "How much did I pay for order SL…": a price question about a named order is about that order.
  if (orderNo && any(CUES.product, text) && !any(CUES.faqTopic, text)) return 'order_status';
  if (faqTopic) return 'faq';
  if (task) return task;
  if (any(CUES.product, text)) return 'product_question';
  if (any(CUES.recommend, text)) return 'recommendation';
  if (orderNo) return 'order_status';
  if (any(CUES.greeting, text)) return 'greeting';
  return undefined;
}

/** Reads one shopper message: the intent it states, the slots it fills, and how it is said. */
export function recognizeMessage(text: string, orderNumbers: OrderNumberFormat = DEMO_ORDER_NUMBER_FORMAT): Recognition {
  const normalized = normalizeQuestion(text);
  // Any order reference counts, in the shop's format or not: an unknown one is looked up and reported as not found.
  const found = orderNumbers.find(normalized);
  const orderNo = found?.orderNo;
  const withoutOrderNo = found ? normalized.replace(found.matched, ' ').replace(/\s+/g, ' ').trim() : normalized;
  const request = any(CUES.request, withoutOrderNo);
  const intentText = withoutOrderNo.replace(CUES.negatedTask, ' ');
  const yes = YES.test(withoutOrderNo) && !orderNo;
  const no = NO.test(withoutOrderNo) && !orderNo;
  return {
    text,
    normalized,
    intent: yes || no ? undefined : intentOf(intentText, orderNo, request),
    request,
    orderNo,
    orderNos: orderNumbers.findAll(normalized),
    ordinal: findOrdinal(withoutOrderNo),
    all: /全部|都退|都换|所有|整单|整个订单|\ball\b|everything|whole order|every item/u.test(withoutOrderNo),
    quantity: findQuantity(withoutOrderNo),
    reason: findReason(withoutOrderNo),
    wanted: findWanted(withoutOrderNo),
    address: findAddress(text.normalize('NFKC').trim()),
    paymentMethod: findPaymentMethod(withoutOrderNo),
    yes,
    no,
    abort: any(CUES.abort, withoutOrderNo),
    angry: any(CUES.angry, withoutOrderNo),
    injection: any(CUES.injection, withoutOrderNo),
  };
}
