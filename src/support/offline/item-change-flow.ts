import type { Task } from '../dialogue/dialogue-state.ts';
import type { Recognition } from '../dialogue/recognize-message.ts';
import { money } from '../orders/order-presentation.ts';
import { say } from '../render/reply-texts.ts';
import type { FoundOrderStatus } from '../render/tool-results.ts';
import { pickVariantChanges } from './match-variant-changes.ts';

type Item = FoundOrderStatus['items'][number];

/** What the shopper's words settle about an item change: the changes, or the question to ask next. */
export type ItemChangeSlots = { task: Task } | { question: string; awaiting: 'line' | 'wanted'; task: Task };

function optionsText(item: Item, language: 'en' | 'zh', currency: string | null): string {
  return item.options
    .map((option) => `${(language === 'en' ? option.option_en : option.option_zh) ?? option.option_en ?? ''} (${option.price === null ? '—' : money(option.price, language, currency)}${option.in_stock === false ? say(language, ', out of stock', ',缺货') : ''})`)
    .join(language === 'en' ? ', ' : '、');
}

/** Where a price difference should go, from the shopper's answer: a method to charge, the original method, a gift card. */
export function settleFrom(recognition: Recognition): string | undefined {
  if (recognition.paymentMethod) return recognition.paymentMethod;
  if (/原路|原支付|原来的(支付|付款)|原账户|\boriginal\b|same (card|method|way)/u.test(recognition.normalized)) return 'original';
  return undefined;
}

/**
 * Which items change to which options (change of a pending order's items, or an exchange of several items): read
 * from every message of the task (`task.wanted`, one per line), item by item; asks which item when the message
 * names none of several, and which option when an item is named without one.
 */
export function itemChangeSlots(task: Task, items: readonly Item[], recognition: Recognition, language: 'en' | 'zh', currency: string | null): ItemChangeSlots {
  if (task.changes && task.changes.length > 0) return { task };
  const said = task.wanted ?? recognition.text;
  // An answer to "which option?" for the item already chosen.
  const chosen = task.lineNo !== undefined ? items.filter((item) => item.line_no === task.lineNo) : [];
  const scope = chosen.length > 0 ? chosen : items;
  const latestFirst = said.split('\n').reverse();
  for (const text of latestFirst) {
    const picked = pickVariantChanges(text, scope);
    if (picked.changes.length > 0) return { task: { ...task, changes: picked.changes } };
  }
  const named = pickVariantChanges(said.replaceAll('\n', ', '), items).named;
  const askedLine = task.awaiting === 'line' && recognition.ordinal !== undefined ? items.find((item) => item.line_no === recognition.ordinal) : undefined;
  const line = chosen[0] ?? askedLine ?? (named.length === 1 ? named[0] : items.length === 1 ? items[0] : undefined);
  if (!line) {
    return {
      question: say(language, 'Which item would you like to change? Reply with its name or item number (e.g. "item 1").', '请问要修改哪件商品?请回复商品名称或序号(如“第1件”)。'),
      awaiting: 'line', task,
    };
  }
  // The item is clear but no option of its product was named: the write tool reads the words (another product is
  // refused under P9, nothing recognisable asks which option with the choices).
  if (task.awaiting !== 'wanted' && line.options.length > 0) return { task: { ...task, lineNo: line.line_no, changes: [{ lineNo: line.line_no, wanted: said.split('\n').at(-1) ?? said }] } };
  if (line.options.length === 0) {
    return { question: say(language, `${line.product} comes in no other option, so it cannot be changed to another one. Which other item would you like to change?`, `${line.product}没有其他规格可选。请问要修改哪件其他商品?`), awaiting: 'line', task };
  }
  return {
    question: say(language, `Which option would you like for ${line.product}? Available: ${optionsText(line, 'en', currency)}.`, `请问${line.product}想改成哪个规格?可选:${optionsText(line, 'zh', currency)}。`),
    awaiting: 'wanted', task: { ...task, lineNo: line.line_no },
  };
}
