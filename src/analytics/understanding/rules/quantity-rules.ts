import { ruleMatches, type PhraseRule, type RuleSet } from './phrase-rule.ts';

/**
 * "How many Apple phones did we sell on Double 11?", "卖了几双": a count of things sold is units, not the money
 * that "sell" alone stands for (GMV). Only replaces GMV when no money word names it outright.
 */
export const UNITS_SOLD_RULES: readonly PhraseRule<{ metric: 'units' }>[] = [
  {
    id: 'how-many-sold',
    meaning: { metric: 'units' },
    zh: ['卖(?:了|出|出了|掉了?)?(?:几|多少)(?:件|台|个|双|部|瓶|支|盒|套|条|只|袋|包)'],
    en: [
      'how many (?:[\\w\u0027\u2019()-]+ ){0,10}(?:did|do|have|has|had|were|was|are|got|get|will|would|could|might) (?:we |they |you |it |the shop |the store )?(?:sell|sold|move|moved|shift|shifted)',
      // A wholesaler's words for goods leaving: "how many regency cakestands went out last week".
      'how many (?:[\\w\u0027\u2019()-]+ ){0,10}(?:went|gone|go|going) out',
      'how many (?:[\\w\u0027\u2019()-]+ ){0,10}(?:sold|got sold|were sold)',
      'number of (?:[\\w-]+ ){0,3}sold',
      'sold (?:more|fewer|less) [a-z-]+s\\b',
    ],
    examples: {
      match: ['How many WHITE HANGING HEART T-LIGHT HOLDERs (85123A) have we sold in total?', 'How many regency cakestands did we shift last week?', 'how many hand warmer owl design have gone out?', 'How many Apple AirPods 4 Black went out last week?', 'How many Apple phones did we sell on Double 11?', "how many paper chain kit 50's christmas did we sell", 'how many snacks will we sell next 7 days', 'how many headphones were sold last week', '三只松鼠卖了几袋', 'number of laptops sold in October', '耳机卖了多少个'],
      noMatch: ['how much did we sell last week', 'how many orders did we ship', 'how many customers bought', 'sales of phones', '卖了多少钱', 'how many orders did we get'],
    },
  },
];

export const UNITS_SOLD_RULE_SET: RuleSet<{ metric: 'units' }> = { name: 'counts of things sold', rules: UNITS_SOLD_RULES, matches: ruleMatches };

// Words that name money outright: "how many … did we sell" is then still about GMV.
const MONEY_WORDS = /revenue|gmv|turnover|sales amount|money|worth|销售额|成交额|营收|金额|多少钱/;

/** True when the question counts things sold and names no money word (GMV is read as units, or units added when nothing else is named). */
export function asksUnitsSold(normalizedQuestion: string): boolean {
  return UNITS_SOLD_RULES.some((rule) => ruleMatches(rule, normalizedQuestion)) && !MONEY_WORDS.test(normalizedQuestion);
}
