import type { Language } from '../shared/i18n.ts';

/**
 * The console's canned replies: data, one record per reply, with a button label and the text in both languages.
 * The text inserted is in the shopper's language (the conversation's), whatever the console's own language is.
 */
export interface CannedReply {
  id: string;
  label: Record<Language, string>;
  text: Record<Language, string>;
}

export const CANNED_REPLIES: readonly CannedReply[] = [
  {
    id: 'greeting',
    label: { en: 'Greeting', zh: '问候' },
    text: { en: 'Hello, this is customer service. I have read your conversation with our assistant and will help you from here.', zh: '您好，我是人工客服，已经看过您和智能助手的对话，接下来由我为您处理。' },
  },
  {
    id: 'checking',
    label: { en: 'Checking', zh: '查询中' },
    text: { en: 'Thank you for waiting, I am checking this for you now.', zh: '感谢您的耐心等待，我正在为您查询。' },
  },
  {
    id: 'refund-time',
    label: { en: 'Refund timing', zh: '退款时效' },
    text: { en: 'Refunds go back to the original payment method, usually within 1–3 business days.', zh: '退款将原路退回，一般 1–3 个工作日到账。' },
  },
  {
    id: 'anything-else',
    label: { en: 'Anything else?', zh: '还有其他问题吗' },
    text: { en: 'Is there anything else I can help you with?', zh: '请问还有其他可以帮您的吗？' },
  },
  {
    id: 'closing',
    label: { en: 'Closing', zh: '结束语' },
    text: { en: 'Thank you for contacting us. Have a nice day!', zh: '感谢您的咨询，祝您生活愉快！' },
  },
];

/** Puts `text` into the reply box at the cursor (replacing a selection), so the agent can edit before sending. */
export function insertReply(input: HTMLTextAreaElement, text: string): void {
  const start = input.selectionStart ?? input.value.length;
  const end = input.selectionEnd ?? input.value.length;
  const before = input.value.slice(0, start);
  const after = input.value.slice(end);
  const separator = before && !/\s$/.test(before) ? ' ' : '';
  input.value = `${before}${separator}${text}${after}`.slice(0, input.maxLength > 0 ? input.maxLength : undefined);
  const cursor = Math.min(input.value.length, before.length + separator.length + text.length);
  input.setSelectionRange(cursor, cursor);
  input.dispatchEvent(new Event('input', { bubbles: true }));
}
