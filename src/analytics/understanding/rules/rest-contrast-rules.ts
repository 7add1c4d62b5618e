import { firstMatchingRule, ruleMatches, type PhraseRule, type RuleSet } from './phrase-rule.ts';

/**
 * "新用户的客单价和其他用户比", "GMV of iPhone buyers vs everyone else": one filtered group against all the rest of
 * the same dimension. Read as a filter alone it would answer the group's number only, a different question.
 */
export const REST_CONTRAST_RULES: readonly PhraseRule<{ contrast: 'rest' }>[] = [
  {
    id: 'against-the-rest',
    meaning: { contrast: 'rest' },
    zh: ['(?:和|跟|与|同|比|对比|相比|比较|vs\\.?)\\s*(?:其他|其它|其余|别的|剩下的|剩余的?|非)', '(?:其他|其它|其余|别的)\\s*(?:\\S{0,4})?(?:相比|比较|对比|比一下|比起来)'],
    en: ['(?:vs\\.?|versus|compared (?:to|with)|against|than|and|or) (?:everywhere|everyone|everybody|all|anywhere) else', '(?:vs\\.?|versus|and|or) (?:the )?rest of the (?:world|country|countries|shop)', '(?:split|break|divide)\\b.{0,30}\\binto\\b.{1,30}\\b(?:and|vs\\.?) (?:the )?(?:rest|others|everything else|everywhere else)', '(?:vs\\.?|versus|compared (?:to|with)|against|than) (?:the )?(?:rest|others|all (?:the )?others|other (?:users|customers|buyers|shoppers|people|ones))'],
    examples: {
      match: ['新用户的客单价和其他用户比', '女性用户跟其余用户相比转化率高吗', '手机和其他品类比的GMV', 'GMV of iPhone buyers vs everyone else', 'conversion of app users compared with the rest', 'do women spend more than other customers', 'split our revenue into uk and everywhere else', 'uk vs the rest of the world'],
      noMatch: ['其他品类的GMV', '除了手机以外的GMV', 'men vs women conversion', 'GMV this week vs last week', 'other brands revenue', '手机和电脑比'],
    },
  },
];

export const REST_CONTRAST_RULE_SET: RuleSet<{ contrast: 'rest' }> = { name: 'group against the rest', rules: REST_CONTRAST_RULES, matches: ruleMatches };

export function contrastsWithTheRest(normalizedQuestion: string): boolean {
  return firstMatchingRule(REST_CONTRAST_RULES, normalizedQuestion) !== undefined;
}
