import { ruleMatches, type PhraseRule, type RuleSet } from './phrase-rule.ts';

export type Grain = 'day' | 'week' | 'month' | 'hour' | 'weekday';

/**
 * "哪个月 / which month …": the question groups by that time grain and ranks, one row unless it asks for
 * several. Without these, "哪个月的销售额最高" would answer the total of the whole period.
 */
export const GRAIN_QUESTION_RULES: readonly PhraseRule<{ grain: Grain }>[] = [
  {
    id: 'which-month',
    meaning: { grain: 'month' },
    zh: ['哪(个|一个|几个)?月', '哪个月份', '几月份?(?=.{0,8}(最|高|低|多|少))'],
    en: ['which months?', 'what months?', 'best months?', 'worst months?', 'busiest months?', 'top months?', 'month with the (most|highest|lowest|least|fewest)'],
    examples: { match: ['哪个月的销售额最高？', '哪几个月订单最多', 'which month had the most orders', 'best month for revenue'], noMatch: ['上个月的销售额', 'monthly revenue', '本月订单', 'last month'] },
  },
  {
    id: 'which-week',
    meaning: { grain: 'week' },
    zh: ['哪(个|一个|几)?周', '哪(个|一个|几)?星期(?!几)', '哪一周'],
    en: ['which weeks?', 'what weeks?', 'best weeks?', 'worst weeks?', 'busiest weeks?', 'week with the (most|highest|lowest|least|fewest)'],
    examples: { match: ['哪周的订单最多', 'which week had the highest GMV', '哪一周访客最少'], noMatch: ['上周的订单', 'weekly orders', '周几订单最多'] },
  },
  {
    id: 'which-day',
    meaning: { grain: 'day' },
    zh: ['哪(一)?天', '哪(个|一个)?日子', '哪一日'],
    // "the best day-7 retention" names a retention kind, not a day.
    en: ['which days?(?! of the week)(?![- ]?\\d)', 'what days?(?! of the week)(?![- ]?\\d)', 'best days?(?![- ]?\\d)', 'worst days?(?![- ]?\\d)', 'busiest days?', 'peak days?', 'day with the (most|highest|lowest|least|fewest)'],
    examples: { match: ['哪天的成交额最高', 'which day had the most visitors', 'busiest day in November'], noMatch: ['昨天的订单', 'which day of the week sells most', 'daily orders', 'which weekly cohort had the best day-7 retention'] },
  },
  {
    id: 'which-hour',
    meaning: { grain: 'hour' },
    zh: ['哪个(时间段|时段|小时|钟点)', '几点'],
    en: ['which hours?', 'what time of (the )?day', 'busiest hours?', 'peak hours?', 'what hour'],
    examples: { match: ['几点下单最多', 'which hour has the most page views', 'peak hours for orders'], noMatch: ['hourly', '24 hours ago'] },
  },
  {
    id: 'which-weekday',
    meaning: { grain: 'weekday' },
    zh: ['周几', '星期几', '礼拜几'],
    en: ['which (day|days) of the week', 'what day of the week', 'which weekdays?'],
    examples: { match: ['周几的订单最多', 'which day of the week has the highest conversion'], noMatch: ['上周三', 'weekly'] },
  },
];

export const GRAIN_QUESTION_RULE_SET: RuleSet<{ grain: Grain }> = { name: 'grain questions', rules: GRAIN_QUESTION_RULES, matches: ruleMatches };

/** The grains the question asks "which …" about (most specific first, so "哪个月的哪一天" groups by day). */
export function grainsAskedFor(normalizedQuestion: string): Grain[] {
  return GRAIN_QUESTION_RULES.filter((rule) => ruleMatches(rule, normalizedQuestion)).map((rule) => rule.meaning.grain);
}
