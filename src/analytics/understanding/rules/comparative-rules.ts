import { firstMatchingRule, ruleMatches, type PhraseRule, type RuleSet } from './phrase-rule.ts';

/**
 * "男生和女生谁的客单价更高", "which gender spends more per buyer, male or female": a comparative after which/who picks
 * one group, as a superlative does ("highest"); read without it the answer was every group, unranked.
 */
export const COMPARATIVE_RULES: readonly PhraseRule<{ direction: 'top' | 'bottom' }>[] = [
  {
    id: 'which-more',
    meaning: { direction: 'top' },
    zh: ['(?:谁|哪个|哪一个|哪家|哪种|哪边|哪类)[^,，。?？]{0,12}更(?:高|多|好|大|强|快|贵|受欢迎)'],
    en: ['(?:which|who)\\b[^,.?]{0,40}\\b(?:more|higher|better|bigger|larger|greater)\\b'],
    examples: {
      match: ['男生和女生谁的客单价更高', '哪个渠道的转化率更高', 'which gender spends more per buyer, male or female', 'who buys more, ios or android users'],
      noMatch: ['哪个渠道的转化率最高', 'which channel has the highest conversion', 'gmv more than 1000', '更高的客单价'],
    },
  },
  {
    id: 'which-less',
    meaning: { direction: 'bottom' },
    zh: ['(?:谁|哪个|哪一个|哪家|哪种|哪边|哪类)[^,，。?？]{0,12}更(?:低|少|差|小|弱|慢|便宜)'],
    en: ['(?:which|who)\\b[^,.?]{0,40}\\b(?:less|lower|fewer|worse|smaller)\\b'],
    examples: {
      match: ['哪个城市的退货率更低', 'which device has fewer cancellations, ios or android'],
      noMatch: ['哪个城市的退货率最低', 'orders with less than 3 items'],
    },
  },
];

export const COMPARATIVE_RULE_SET: RuleSet<{ direction: 'top' | 'bottom' }> = { name: 'which … more / less', rules: COMPARATIVE_RULES, matches: ruleMatches };

export function comparativeDirection(normalizedQuestion: string): 'top' | 'bottom' | undefined {
  return firstMatchingRule(COMPARATIVE_RULES, normalizedQuestion)?.meaning.direction;
}
