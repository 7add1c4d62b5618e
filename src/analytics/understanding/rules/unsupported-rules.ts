import type { Language } from '../../../text/language.ts';
import { firstMatchingRule, ruleMatches, type PhraseRule, type RuleSet } from './phrase-rule.ts';

/**
 * Questions the catalogue has no reading for, where answering the nearest thing would mislead: said plainly,
 * with what can be asked instead.
 */
export const UNSUPPORTED_RULES: readonly PhraseRule<{ message: Record<Language, string>; options: Record<Language, string[]> }>[] = [
  {
    id: 'individual-customers',
    meaning: {
      message: {
        en: 'I rank groups of customers (by city, segment, channel …), not individual customers. Which grouping do you want?',
        zh: '我可以按客户群体(城市、分群、渠道等)排名,不按单个客户排名。您想按哪种分组看?',
      },
      options: { en: ['GMV by customer segment', 'GMV by city'], zh: ['各客户分群的成交额', '各城市的成交额'] },
    },
    zh: [
      '(消费|花钱|花费|买得|贡献)最多的(客户|用户|顾客|买家|会员)',
      '哪(些|个|几个|位)(客户|用户|顾客|买家|会员)的?(消费|花钱|花费|买得|贡献|成交额|下单)(最多|最高)',
      '(客户|用户|顾客|买家)(消费|成交额)?排名',
      '(大客户|高消费客户|土豪)(是谁|有哪些|排名)',
    ],
    en: [
      '(which|what) (customers|users|buyers|shoppers|clients) (spent|spend|bought|buy|ordered|order|generated|brought in|contributed|paid) (the )?most',
      '(top|best|biggest|largest)( \\d+| ten| five| three| twenty)? (customers|users|buyers|spenders|shoppers|clients)',
      'customers? who (spent|bought|ordered) the most',
      'who (spent|bought|ordered) the most',
    ],
    examples: {
      match: ['which customers spent the most', 'top 10 customers by revenue', '消费最多的客户是谁', '哪些用户买得最多', 'who spent the most last month', '客户消费排名'],
      noMatch: ['how many customers bought', '各城市的购买人数', 'top cities by buyers', 'customer segments by GMV', 'which customers are likely to buy next week', '哪些用户可能会购买'],
    },
  },
];

export const UNSUPPORTED_RULE_SET: RuleSet<unknown> = { name: 'unsupported questions', rules: UNSUPPORTED_RULES, matches: ruleMatches };

export function unsupportedReading(normalizedQuestion: string, language: Language): { question: string; options: string[] } | undefined {
  const rule = firstMatchingRule(UNSUPPORTED_RULES, normalizedQuestion);
  return rule ? { question: rule.meaning.message[language], options: rule.meaning.options[language] } : undefined;
}
