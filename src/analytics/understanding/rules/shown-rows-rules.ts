import { ruleMatches, type PhraseRule, type RuleSet } from './phrase-rule.ts';

/**
 * "How many orders did each of them place?" after the top 5 customers, "那他们各自这个月下了几单？": the rows just shown,
 * each, with the new measure; never a new ranking by it (other customers would come first).
 */
export const SHOWN_ROWS_RULES: readonly PhraseRule<{ shownRows: true }>[] = [
  {
    id: 'each-of-those',
    meaning: { shownRows: true },
    zh: ['(?:他们|她们|它们|这些|那些|这几[个位家款]|那几[个位家款])[^，,。？?]{0,6}?(?:各自|分别|每个|每位)'],
    en: ['(?:for )?each of (?:them|those|these|the \\w+)', '(?:they|those|these|them) each', 'each one of (?:them|those)', 'for each of those'],
    examples: {
      match: ['How many orders did each of them place?', '那他们各自这个月下了几单？', 'How many buyers did each of those have?', '这几个品类分别的退货率呢'],
      noMatch: ['orders by city', '各品类的订单', 'each category’s GMV', 'top 5 customers'],
    },
  },
];

export const SHOWN_ROWS_RULE_SET: RuleSet<{ shownRows: true }> = { name: 'the rows just shown', rules: SHOWN_ROWS_RULES, matches: ruleMatches };

export function asksAboutShownRows(normalizedQuestion: string): boolean {
  return SHOWN_ROWS_RULES.some((rule) => ruleMatches(rule, normalizedQuestion));
}
