import { ruleMatches, type PhraseRule, type RuleSet } from './phrase-rule.ts';

/**
 * "avg number of items per invoice", "orders per customer", "人均下单数": a quantity divided by orders or people.
 * When the question names no ratio metric that is exactly that (AOV, ARPU, conversion …), the total or a split
 * by the unit would answer a different question: it is clarified instead.
 */
export const PER_UNIT_RULES: readonly PhraseRule<{ perUnit: true }>[] = [
  {
    id: 'quantity-per-unit',
    meaning: { perUnit: true },
    zh: ['(?:平均)?每(?:张|个|笔|位|名)?(?:订单|发票|客户|用户|顾客|买家|访客)(?:平均)?(?:有|买|下|的)?', '人均', '单均'],
    en: ['each (?:buyer|customer|shopper|client) (?:spend|spent|spends|pay|paid)', '(?:does|do) (?:an? |the |each )?(?:average |typical |registered |new |returning |repeat )?(?:customer|buyer|shopper|client)s? (?:place|make|put through|buy|spend)', '\\w+ per (?:(?:male|female|new|returning|repeat|paying|active|registered|unique|individual|single) )?(?:order|invoice|basket|customer|user|visitor|buyer|shopper|session|person|head)s?', '(?:average|avg|mean) (?:number of )?\\w+ (?:in|on) (?:an? |each )?(?:order|invoice|basket)', 'on average,? how many \\w+ (?:are|were|is) (?:in|on) (?:an? |each )?(?:\\w+ )?(?:order|invoice|basket)', 'on average,? how many \\w+ (?:are |is )?(?:there )?(?:in|on) (?:an? |each )?(?:order|invoice|basket)', 'how many \\w+ (?:does|do) (?:an? |the |each )?(?:average |typical )?(?:order|invoice|basket)s? (?:contain|hold|have|include)', 'how many \\w+ (?:go|goes|went|are put|get put) (?:on|in|into) (?:an? |each |the average |a typical )(?:order|invoice|basket)', 'each (?:buyer|customer|shopper|client) (?:place|placed|make|made|put through)', "(?:customers?|buyers?|shoppers?|clients?)(?:\u0027s?)? (?:who |that )?(?:spend|spent|spends|buy|bought) (?:the )?(?:most|more|least|less)? ?on average"],
    examples: {
      match: ['how many orders does a registered customer place on average', 'On average how many items go on an invoice?', 'How many orders did each buyer place on average in September?', 'revenue per male buyer last month', 'avg number of items per invoice', 'orders per customer last month', '人均下单数', '平均每个订单有几件商品', 'average number of items in an order', 'on average how many items are in an order in november', 'how many units does an average invoice contain'],
      noMatch: ['GMV by category', '每天的订单数', 'orders by customer segment', '上周的客单价'],
    },
  },
];

export const PER_UNIT_RULE_SET: RuleSet<{ perUnit: true }> = { name: 'quantities per order or person', rules: PER_UNIT_RULES, matches: ruleMatches };

export function asksQuantityPerUnit(normalizedQuestion: string): boolean {
  return PER_UNIT_RULES.some((rule) => ruleMatches(rule, normalizedQuestion));
}

/**
 * What a "per …" divides by: the catalogue measure that counts the unit. "GMV per buyer" then reads as the catalogue's
 * ratio metric GMV ÷ buyers, whatever that metric is called; a pair the catalogue has no ratio for stays clarified.
 */
export const PER_UNIT_DENOMINATOR_RULES: readonly PhraseRule<{ denominator: string }>[] = [
  {
    id: 'per-order',
    meaning: { denominator: 'paid_orders' },
    zh: ['(?:平均)?每(?:张|个|笔)?(?:订单|单|发票)', '单均', '笔均'],
    en: ['per (?:order|invoice|basket|transaction|purchase)s?', '(?:in|on|into) (?:an? |each )?(?:\\w+ )?(?:order|invoice|basket)\\b', '(?:does|do) (?:an? |the |each )?(?:average |typical )?(?:order|invoice|basket)s? (?:contain|hold|have|include)'],
    examples: {
      match: ['which city tier spends the most per order', 'items per invoice', '平均每单买几件', '每笔订单多少钱', 'average number of items in an order'],
      noMatch: ['GMV per buyer', '人均消费', 'orders by channel', '每天的订单数'],
    },
  },
  {
    id: 'per-buyer',
    meaning: { denominator: 'buyers' },
    zh: ['人均', '客均', '每(?:个|位|名)?(?:买家|客户|顾客|购买者|付费用户|购买用户)'],
    en: ['per (?:(?:male|female|new|returning|repeat|paying|active|registered|unique|individual|single) )?(?:buyer|customer|shopper|purchaser|paying (?:user|customer)|person|head)s?', 'per capita', 'each (?:buyer|customer|shopper|client) (?:spend|spent|spends|pay|paid|place|placed|make|made|put through)', '(?:does|do) (?:an? |the |each )?(?:average |typical |registered |new |returning |repeat )?(?:customer|buyer|shopper|client)s? (?:place|make|put through|buy|spend)', "(?:customers?|buyers?|shoppers?|clients?)(?:\u0027s?)? (?:who |that )?(?:spend|spent|spends|buy|bought) (?:the )?(?:most|more|least|less)? ?on average"],
    examples: {
      match: ['On average, how many orders does a registered customer place with us this month?', 'Which acquisition channel brings customers who spend the most on average?', 'What is the average spend per registered customer?', 'GMV per buyer last month', 'revenue per customer by channel', '人均下单几次', '每个买家花了多少钱', 'orders per person'],
      noMatch: ['GMV per visitor', 'AOV per order', 'buyers by city', '每个访客'],
    },
  },
  {
    id: 'per-visitor',
    meaning: { denominator: 'visitors' },
    zh: ['每(?:个|位|名)?(?:访客|用户|uv)'],
    en: ['per (?:visitor|user|uv|session)s?'],
    examples: {
      match: ['revenue per visitor', 'GMV per user by device', '每个访客带来多少成交额'],
      noMatch: ['GMV per buyer', 'visitors by city', '访客数'],
    },
  },
];

export const PER_UNIT_DENOMINATOR_RULE_SET: RuleSet<{ denominator: string }> = { name: 'what a per-unit ratio divides by', rules: PER_UNIT_DENOMINATOR_RULES, matches: ruleMatches };

/** The denominators the question divides by ("GMV per buyer" → buyers), in rule order. */
export function perUnitDenominators(normalizedQuestion: string): string[] {
  // "per buyer, not per order": a unit said not to be meant is left out.
  const asked = normalizedQuestion.replace(/\b(?:not|rather than|instead of)\s+(?:per|by|each)\s+\w+/g, (found) => ' '.repeat(found.length));
  return PER_UNIT_DENOMINATOR_RULES.filter((rule) => ruleMatches(rule, asked)).map((rule) => rule.meaning.denominator);
}
