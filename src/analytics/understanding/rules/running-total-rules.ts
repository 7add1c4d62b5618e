import { ruleMatches, type PhraseRule, type RuleSet } from './phrase-rule.ts';

/**
 * "11月每天的累计成交额", "cumulative paid orders by day", "running total of revenue by week": each bucket of a
 * timeline as the sum up to it. Over no timeline ("本月截至昨天的累计成交额", "累计消费前三的用户") the word only
 * says the total of the period, which is what a plain total already is.
 */
export const RUNNING_TOTAL_RULES: readonly PhraseRule<{ runningTotal: true }>[] = [
  {
    id: 'running-total',
    meaning: { runningTotal: true },
    zh: ['累计', '累积', '滚动合计', '逐日累加', '累加'],
    en: ['cumulative(ly)?', 'running (total|sum)s?', 'cumulated', 'to[- ]date totals?'],
    examples: {
      match: ['请列出11月每天的累计成交额', '本季度按周统计的累计支付订单数', 'cumulative paid orders by day since 1 december', 'show the running total of revenue by week', 'Show cumulative revenue at each month-end in Q4 so far'],
      noMatch: ['每天的成交额', 'daily revenue for december', 'revenue trend by week', '周环比', 'run rate'],
    },
  },
];

export const RUNNING_TOTAL_RULE_SET: RuleSet<{ runningTotal: true }> = { name: 'running totals', rules: RUNNING_TOTAL_RULES, matches: ruleMatches };

export function asksRunningTotal(normalizedQuestion: string): boolean {
  return RUNNING_TOTAL_RULES.some((rule) => ruleMatches(rule, normalizedQuestion));
}
