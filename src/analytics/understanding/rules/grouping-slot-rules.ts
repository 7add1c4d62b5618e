import { ruleExpression, ruleMatches, type PhraseRule, type RuleSet } from './phrase-rule.ts';

/**
 * Where a question names what to group by: "GMV by store", "按收入水平拆一下客单价". The word in that slot decides the
 * answer's rows, so it must be a dimension (or a time grain); a filler or unknown word there ("store", "收入水平") is
 * asked about, never dropped. The first group of each pattern is the slot's text.
 */
export const GROUPING_SLOT_RULES: readonly PhraseRule<{ accepts: 'dimension-or-metric' | 'dimension' }>[] = [
  {
    // English "by X" also orders ("top products by revenue"), so a metric in the slot is fine.
    id: 'by-slot-en',
    meaning: { accepts: 'dimension-or-metric' },
    zh: [],
    // "across all the data (we have)" is the whole period, not a grouping.
    en: ['(?:by|per|for each|for every|across|split by|broken down by|grouped by|group by|segmented by)\\s+(?!all (?:the |our )?(?:data|time|period|days)\\b|everything\\b|(?:the )?(?:whole|entire) (?:catalogue|catalog|shop|store|range|business)\\b)(?:the\\s+|our\\s+|each\\s+|every\\s+|their\\s+)?(?:(?:ordering|purchasing|purchase|order|first|signup|acquisition|buying)\\s+)?([a-z][a-z-]{2,})'],
    examples: {
      match: ['gmv by store for last month', 'orders per salesperson', 'revenue broken down by warehouse', 'gmv by city'],
      noMatch: ['gmv last month', 'how many orders did we get', 'top 5 in 2024', 'the funnel across all the data we have'],
    },
  },
  {
    // Chinese 按/根据/分 X followed by a grouping verb; 按 X 排序 orders by a metric and is not this slot.
    id: 'group-slot-zh',
    meaning: { accepts: 'dimension' },
    zh: ['(?:按照?|根据|分)\\s*([\\u4e00-\\u9fffa-z]{1,6}?)\\s*(?:来)?(?:拆分|拆开|拆一下|拆|分组|分一下|细分|分别看|来看|看一下|看看|统计|汇总|维度)'],
    en: [],
    examples: {
      match: ['按收入水平拆一下客单价', '按门店看看gmv', '按城市统计订单数'],
      noMatch: ['按销售额排序的品类', '上个月的gmv', '分享率'],
    },
  },
];

export const GROUPING_SLOT_RULE_SET: RuleSet<{ accepts: 'dimension-or-metric' | 'dimension' }> = { name: 'grouping slots', rules: GROUPING_SLOT_RULES, matches: ruleMatches };

const globalExpressions = new Map<string, RegExp>();

export interface GroupingSlot {
  text: string;
  /** Position of the slot's text in the question. */
  start: number;
  accepts: 'dimension-or-metric' | 'dimension';
}

/** Every grouping slot's text in the question, where it starts and what the slot accepts. */
export function groupingSlots(normalizedQuestion: string): GroupingSlot[] {
  const slots: GroupingSlot[] = [];
  for (const rule of GROUPING_SLOT_RULES) {
    let expression = globalExpressions.get(rule.id);
    if (!expression) {
      // The rule's own expression, global and with d: the slot's position comes from its group's indices.
      expression = new RegExp(ruleExpression(rule).source, 'gd');
      globalExpressions.set(rule.id, expression);
    }
    for (const match of normalizedQuestion.matchAll(expression)) {
      const group = match.findIndex((text, index) => index > 0 && text !== undefined);
      const span = group > 0 ? match.indices?.[group] : undefined;
      if (span) slots.push({ text: match[group]!, start: span[0], accepts: rule.meaning.accepts });
    }
  }
  return slots;
}
