import type { LexiconMatcher } from '../../text/lexicon-matcher.ts';
import type { QuestionTerm } from './question-lexicon.ts';
import { groupingSlots } from './rules/grouping-slot-rules.ts';

/** Words after "by" that are not a grouping: "by how much", "by far", "by the end of", time grains read elsewhere. */
// ("units per order for each category": the slot after "per order" is a preposition, not a grouping.)
const NOT_A_GROUPING = new Set(['for', 'with', 'and', 'last', 'this', 'how', 'far', 'end', 'then', 'now', 'default', 'way', 'mistake', 'chance', 'accident', 'itself', 'themselves', 'comparison', 'contrast', 'day', 'days', 'week', 'weeks', 'month', 'months', 'hour', 'hours', 'year', 'years', 'quarter', 'quarters', 'date', 'weekday', 'weekdays', 'time', 'period', 'percent', 'much', 'many', 'what', 'which', 'whom', 'someone', 'anyone', 'people', 'person', 'head', 'capita', 'user', 'users', 'customer', 'customers', 'buyer', 'buyers', 'shopper', 'shoppers', 'visitor', 'visitors', 'order', 'orders', 'invoice', 'invoices', 'basket', 'baskets', 'transaction', 'transactions', 'item', 'items', 'unit', 'units', 'session', 'sessions', 'purchase', 'purchases', 'value', 'amount', 'volume', 'count', 'number', 'total', 'sum', 'quantity', 'spend', 'spending',
  '天', '日', '周', '月', '年', '小时', '季度', '星期', '时段', '日期', '每天', '每周', '每月', '月份', '周次']);

/**
 * The grouping slots ("by X", "按 X 拆") whose text nothing the question's reading took explains (a catalogue
 * dimension, value, cue or time phrase; a metric only where the slot also orders, "top products by revenue"): the answer's rows would be something else than asked, so the text is a word not
 * understood, whatever the filler list says of it ("store" is filler in "our store", not in "GMV by store").
 */
export function unexplainedGroupingSlots(normalizedQuestion: string, residual: string, lexicon: LexiconMatcher<QuestionTerm>): string[] {
  const slots = groupingSlots(normalizedQuestion);
  if (slots.length === 0) return [];
  const unexplained: string[] = [];
  for (const slot of slots) {
    if (NOT_A_GROUPING.has(slot.text)) continue;
    // Left in the residual: no metric, dimension, value, cue or time phrase took the slot's first character.
    const leftOver = residual.length === normalizedQuestion.length && !/\s/u.test(residual[slot.start] ?? ' ');
    // A Chinese grouping slot holding only a metric ("按收入水平拆") groups by nothing the catalogue has.
    const metricOnly = slot.accepts === 'dimension' && lexicon.findAll(slot.text).every((match) => match.meaning.kind === 'metric');
    if (leftOver || metricOnly) unexplained.push(slot.text);
  }
  return unexplained;
}
