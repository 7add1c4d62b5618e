import { type PhraseRule, type RuleSet, ruleMatches } from './phrase-rule.ts';

/**
 * Questions about one value's place among all values of its dimension: "杭州上个月GMV在所有城市里排第几", "where
 * does Shanghai rank among cities", "女装的退货率是不是所有品类里最高的". They were answered as the value's own number,
 * or as a ranking inside the value; the answer must rank every value and say where the named one stands.
 */
export const RANK_POSITION_RULES: readonly PhraseRule<{ position: true }>[] = [
  {
    id: 'rank-position',
    meaning: { position: true },
    zh: [
      '排(?:在|名)?第几', '第几名', '排名(?:多少|如何|怎么样|怎样)', '排在(?:哪|什么)', '名次',
      '是不是.{0,12}(?:最高|最多|最低|最少|最好|最差|最大|最小|第一|之最)', '是否.{0,12}(?:最高|最多|最低|最少|第一)',
      '(?:所有|全部|各个?).{1,8}(?:里|中|之中|当中)(?:能)?排',
    ],
    en: [
      'where does .{1,40} rank', 'where do .{1,40} rank', 'how does .{1,40} rank', 'what rank', 'which rank', 'ranks? among', 'ranked among',
      'what position', 'which position', 'rank(?:ing)? of .{1,40} among', 'is .{1,40} the (?:highest|lowest|top|best|worst|biggest|largest|smallest)', 'is .{1,40} (?:the )?(?:no\\.? ?1|number (?:one|1)|#1|first|leader)\\b', 'position among',
    ],
    examples: {
      match: ['rank of Li-Ning among sports brands by units', '杭州上个月GMV在所有城市里排第几', '女装的退货率是不是所有品类里最高的', 'where does Shanghai rank among cities by GMV', 'is Apple the top brand by revenue', '华为在所有品牌中排名如何', 'is Apple the no.1 phone brand by revenue this month?', 'is apple the #1 brand'],
      noMatch: ['哪个城市GMV最高', 'top 5 cities by GMV', '按GMV给品类排个序', 'rank the channels by conversion', '排名前三的品牌'],
    },
  },
];

export const RANK_POSITION_RULE_SET: RuleSet<{ position: true }> = { name: 'rank of one value', rules: RANK_POSITION_RULES, matches: ruleMatches };

export function asksRankPosition(normalizedText: string): boolean {
  return RANK_POSITION_RULES.some((rule) => ruleMatches(rule, normalizedText));
}
