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
    en: ['\\w+ per (?:order|invoice|basket|customer|user|visitor|buyer|shopper|session)s?', '(?:average|avg|mean) (?:number of )?\\w+ (?:in|on) (?:an? |each )?(?:order|invoice|basket)'],
    examples: {
      match: ['avg number of items per invoice', 'orders per customer last month', '人均下单数', '平均每个订单有几件商品', 'average number of items in an order'],
      noMatch: ['GMV by category', '每天的订单数', 'orders by customer segment', '上周的客单价'],
    },
  },
];

export const PER_UNIT_RULE_SET: RuleSet<{ perUnit: true }> = { name: 'quantities per order or person', rules: PER_UNIT_RULES, matches: ruleMatches };

export function asksQuantityPerUnit(normalizedQuestion: string): boolean {
  return PER_UNIT_RULES.some((rule) => ruleMatches(rule, normalizedQuestion));
}
