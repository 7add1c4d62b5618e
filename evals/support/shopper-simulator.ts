import type { AnswerSlot } from './support-task-schema.ts';

/**
 * The rule-based shopper: reads the bot's last reply and decides what to say next. It knows nothing about the
 * bot's code; it recognises what is being asked from the last question in the reply, in either language, the way
 * a shopper reading the chat would.
 */

interface SlotCue {
  slot: AnswerSlot;
  pattern: RegExp;
}

/** Most specific first: "what is the reason for cancelling this order?" asks for a reason, not for an order. */
const SLOT_CUES: SlotCue[] = [
  { slot: 'human', pattern: /\b(person|human|agent|colleague|staff)\b|人工|真人|客服专员|转接/i },
  { slot: 'reason', pattern: /\b(reason|why)\b|原因|为什么|理由/i },
  { slot: 'address', pattern: /\baddress\b|地址/i },
  { slot: 'refund_method', pattern: /\brefund(ed)?\b|退款|退回|退到/i },
  { slot: 'payment_method', pattern: /\b(pay|payment|charge[ds]?)\b|支付|付款|补差价/i },
  { slot: 'variant', pattern: /\b(colou?r|size|option|variant|version|model|configuration)s?\b|颜色|尺码|规格|款式|型号|版本|配置/i },
  { slot: 'items', pattern: /\b(which|what) (items?|products?|one)\b|\bwhich of\b|哪些商品|哪件|哪个商品|哪一件|哪款|哪几件/i },
  { slot: 'quantity', pattern: /\bhow many\b|几件|多少件|数量/i },
  { slot: 'order', pattern: /\border( number)?\b|订单号|哪个订单|哪一个订单|哪笔订单/i },
  { slot: 'confirm', pattern: /\b(confirm|proceed|go ahead|shall I|should I)\b|确认|是否继续|要继续吗/i },
];

/** The last sentence of a reply that asks something ("…?", "…？", "…吗", "请问…"). */
export function lastQuestion(text: string): string | undefined {
  const sentences = text
    .split(/(?<=[?？!！。.\n])\s*/u)
    .map((sentence) => sentence.trim())
    .filter(Boolean);
  for (let index = sentences.length - 1; index >= 0; index--) {
    const sentence = sentences[index] as string;
    if (/[?？]$/.test(sentence) || /[吗呢][?？。]?$/.test(sentence) || /^请(问|告诉|提供|选择|说明)/.test(sentence) || /^please (tell|choose|select|provide|let me know)/i.test(sentence)) return sentence;
  }
  return undefined;
}

export function askedSlot(text: string): AnswerSlot | undefined {
  const question = lastQuestion(text);
  if (!question) return undefined;
  return SLOT_CUES.find((cue) => cue.pattern.test(question))?.slot;
}

/** What a shopper who has nothing more to add says when asked something they cannot answer. */
export const NO_ANSWER = { en: "I don't know, I already told you what I want.", zh: '我不知道,我已经说了我要什么。' } as const;
export const YES = { en: 'yes', zh: '是的' } as const;
export const NO = { en: 'no', zh: '不用了' } as const;
