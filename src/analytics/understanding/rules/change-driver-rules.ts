import { ruleExpression, ruleMatches, type PhraseRule, type RuleSet } from './phrase-rule.ts';

/**
 * "which category drove the GMV difference", "本周GMV下降主要是哪个渠道造成的", "which device contributed most to the
 * change": a question about what moved a number between two periods is a contribution analysis, not a ranking of
 * the current period. The driver word alone is not enough ("which channel drove the most revenue" ranks): the
 * question must name a change (`CHANGE_WORDS`) or compare two periods.
 */
export const CHANGE_DRIVER_RULES: readonly PhraseRule<{ driver: true }>[] = [
  {
    id: 'change-driver',
    meaning: { driver: true },
    zh: ['拉动', '带动', '拖累', '造成', '带来的', '谁掉得(?:多|最多)', '谁降得(?:多|最多)', '谁涨得(?:多|最多)', '主要(?:是|来自|因为)', '贡献(?:最大|最多)', '起了(?:多大|什么)作用'],
    en: ['drove', 'drive[sn]?', 'driving', 'contributed (?:the )?most to', 'contributes (?:the )?most to', 'responsible for', 'accounts? for (?:the|most of the) (?:change|drop|gain|growth|increase|decrease|difference)', 'behind (?:the|this|that) (?:change|drop|gain|growth|increase|decrease|difference|dip|spike)', 'explains? (?:the|most of the)', 'break (?:down|up) (?:[\\w\u0027’]+ ){0,4}(?:decline|drop|increase|growth|change|fall|dip|jump)'],
    examples: {
      match: ['which category drove the GMV difference', 'which device contributed most to the change', 'which channel is driving the growth in orders', '哪个品类拉动了上周GMV的增长', '本周GMV下降主要是哪个渠道造成的', 'what is behind the drop in conversion', "break down last week's laptops revenue decline by brand", '美妆上周销量下滑了，按品牌拆一下是谁掉得多'],
      noMatch: ['GMV by category last week', 'which channel had the highest orders', '哪个渠道的订单最多', 'top drivers'],
    },
  },
];

export const CHANGE_DRIVER_RULE_SET: RuleSet<{ driver: true }> = { name: 'what drove a change', rules: CHANGE_DRIVER_RULES, matches: ruleMatches };

const CHANGE_WORDS = /\b(?:change[sd]?|difference|drop(?:ped)?|gain|growth|grew|increase[sd]?|decrease[sd]?|decline[sd]?|dip|spike|jump|fell|fall|rise|rose|went up|went down|up or down|wow|mom|yoy)\b|变化|变动|增长|下降|下滑|上涨|上升|涨|跌|波动|环比|同比|差异|差距/;
const GLOBAL = new RegExp(ruleExpression(CHANGE_DRIVER_RULES[0] as PhraseRule<unknown>).source, 'g');

/**
 * Where the question asks what drove a change (the spans of its driver words, which need no other explanation);
 * undefined when it does not, or when it names no change and compares no periods.
 */
export function changeDriverSpans(normalizedQuestion: string, comparesPeriods: boolean): [number, number][] | undefined {
  if (!ruleMatches(CHANGE_DRIVER_RULES[0] as PhraseRule<unknown>, normalizedQuestion)) return undefined;
  if (!comparesPeriods && !CHANGE_WORDS.test(normalizedQuestion)) return undefined;
  return [...normalizedQuestion.matchAll(GLOBAL)].map((match): [number, number] => [match.index, match.index + match[0].length]);
}
