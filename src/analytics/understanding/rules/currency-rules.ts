import { ruleMatches, type PhraseRule, type RuleSet } from './phrase-rule.ts';

/**
 * Currencies a question names ("rev last month in USD", "500英镑以上的订单"). Amounts are kept in the shop's own
 * currency; a question in another one is asked about, never answered with the shop's numbers under the other name.
 * "$" and "¥" name several currencies, "元" is also a word (元旦): only unambiguous names are read.
 */
export const CURRENCY_RULES: readonly PhraseRule<{ code: string }>[] = [
  { id: 'usd', meaning: { code: 'USD' }, zh: ['美元', '美金'], en: ['usd', 'us\\$', 'us dollars?', 'dollars?', 'bucks'], examples: { match: ['rev last month in USD pls', '上个月的美元销售额', 'how many dollars did we make'], noMatch: ['gmv last month', 'cost averaging'] } },
  { id: 'gbp', meaning: { code: 'GBP' }, zh: ['英镑', '£'], en: ['gbp', 'pounds? sterling', 'pounds?', 'sterling', 'quid'], examples: { match: ['takings in pounds', '500英镑以上的订单', '£1,000 or more'], noMatch: ['revenue last week', 'compounds'] } },
  { id: 'eur', meaning: { code: 'EUR' }, zh: ['欧元', '€'], en: ['eur', 'euros?'], examples: { match: ['gmv in euros', '欧元计的销售额'], noMatch: ['europe sales', 'european customers'] } },
  { id: 'cny', meaning: { code: 'CNY' }, zh: ['人民币', 'rmb'], en: ['cny', 'rmb', 'yuan', 'renminbi'], examples: { match: ['orders over 1,000 yuan', '人民币计的成交额'], noMatch: ['元旦的订单', 'orders over 1000'] } },
  { id: 'jpy', meaning: { code: 'JPY' }, zh: ['日元'], en: ['jpy', 'yen'], examples: { match: ['revenue in yen'], noMatch: ['yearly revenue'] } },
  { id: 'brl', meaning: { code: 'BRL' }, zh: ['雷亚尔'], en: ['brl', 'reais', 'r\\$'], examples: { match: ['gmv in reais'], noMatch: ['real revenue'] } },
];

export const CURRENCY_RULE_SET: RuleSet<{ code: string }> = { name: 'currencies', rules: CURRENCY_RULES, matches: ruleMatches };

/** The currency codes a question names, in rule order. */
export function currenciesNamed(normalizedQuestion: string): string[] {
  return CURRENCY_RULES.filter((rule) => ruleMatches(rule, normalizedQuestion)).map((rule) => rule.meaning.code);
}
