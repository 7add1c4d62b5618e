import { firstMatchingRule, ruleMatches, type PhraseRule, type RuleSet } from './phrase-rule.ts';

/**
 * "worst cart abandonment", "退货率最差的品牌": best and worst judge, they do not say high or low. For a metric where
 * lower is better (abandonment, returns, cancellations, bounces) the worst is the highest value; "lowest" and "最低"
 * stay literal and are not listed here.
 */
export const EVALUATIVE_RANKING_RULES: readonly PhraseRule<{ judges: 'best' | 'worst' }>[] = [
  {
    id: 'worst',
    meaning: { judges: 'worst' },
    zh: ['最差', '最糟', '最烂', '最不好', '最不理想'],
    en: ['worst', 'weakest', 'poorest'],
    examples: { match: ['which device had the worst cart abandonment', '退货率最差的品牌', 'weakest category by return rate'], noMatch: ['lowest return rate', '最低的退货率', 'which city has the fewest cancellations'] },
  },
  {
    id: 'best',
    meaning: { judges: 'best' },
    zh: ['最好', '最佳', '最优', '最理想'],
    en: ['best(?![- ]sell)', 'strongest'],
    examples: { match: ['which channel has the best bounce rate', '跳出率最好的渠道'], noMatch: ['highest bounce rate', '跳出率最高', 'best-selling products'] },
  },
];

export const EVALUATIVE_RANKING_RULE_SET: RuleSet<{ judges: 'best' | 'worst' }> = { name: 'best and worst', rules: EVALUATIVE_RANKING_RULES, matches: ruleMatches };

export function judgedAs(normalizedQuestion: string): 'best' | 'worst' | undefined {
  return firstMatchingRule(EVALUATIVE_RANKING_RULES, normalizedQuestion)?.meaning.judges;
}
