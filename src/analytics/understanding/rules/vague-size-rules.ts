import { ruleMatches, type PhraseRule, type RuleSet } from './phrase-rule.ts';

/**
 * "How many large orders did we have?", "大单有多少": a size with no bound. Any threshold picked here would answer a
 * question the user did not ask, so the answer asks for the bound (or offers the distribution of order amounts).
 * A bound written out ("orders over £500", "1000元以上的大单") is read by the numeric-filter rules instead.
 */
export const VAGUE_SIZE_RULES: readonly PhraseRule<{ subject: 'order_amount' }>[] = [
  {
    id: 'order-size-without-bound',
    meaning: { subject: 'order_amount' },
    zh: ['(?<!(?:\\d|以上|以下|超过|低于|满)[^，,。？?]{0,8})(?:大单|小单|大额订单|小额订单|高客单订单|大订单|小订单)(?!.{0,12}(?:\\d|以上|以下|超过|低于))'],
    en: ['(?:large|big|huge|small|tiny|high[\\s-]value|low[\\s-]value|bulk|chunky)\\s+(?:orders|invoices|baskets|transactions|purchases)(?![^?]{0,30}(?:over|above|under|below|more than|less than|at least|\\d))'],
    examples: {
      match: ['How many large orders did we have?', 'share of big orders last week', '上周大单有多少', 'high-value orders by country'],
      noMatch: ['How many large orders over £500 did we have?', '1000元以上的大单有多少', 'largest orders', 'the biggest single invoice', 'orders by size band'],
    },
  },
];

export const VAGUE_SIZE_RULE_SET: RuleSet<{ subject: 'order_amount' }> = { name: 'order sizes with no bound', rules: VAGUE_SIZE_RULES, matches: ruleMatches };

export function asksVagueSize(normalizedQuestion: string): boolean {
  return VAGUE_SIZE_RULES.some((rule) => ruleMatches(rule, normalizedQuestion));
}
