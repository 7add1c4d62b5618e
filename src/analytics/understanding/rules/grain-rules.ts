import { ruleExpression, ruleMatches, type PhraseRule, type RuleSet } from './phrase-rule.ts';

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
    zh: ['(?<!一周(?:里|中|内|当中)?的?|每周(?:里|中)?的?|星期)哪(一)?天', '哪(个|一个)?日子', '哪一日'],
    // "the best day-7 retention" names a retention kind, not a day.
    en: ['which days?(?! of the week)(?![- ]?\\d)', 'what days?(?! of the week)(?![- ]?\\d)', 'best days?(?![- ]?\\d)(?! of the week)', 'worst days?(?![- ]?\\d)(?! of the week)', 'busiest days?(?! of the week)', 'peak days?(?! of the week)', 'day with the (most|highest|lowest|least|fewest)'],
    examples: { match: ['哪天的成交额最高', 'which day had the most visitors', 'busiest day in November'], noMatch: ['昨天的订单', 'which day of the week sells most', 'best day of the week for GMV in november?', 'daily orders', 'which weekly cohort had the best day-7 retention'] },
  },
  {
    // "近8周客单价的周趋势", "GMV week by week": a trend at that grain, not a word left over.
    id: 'grain-trend-words',
    meaning: { grain: 'week' },
    zh: ['(?<![上本这下每])周(?:趋势|走势)', '(?<![上本这下每])周度', '逐周', '周维度', '周粒度'],
    en: ['week by week', 'weekly trend', 'weekly view', 'weekly breakdown'],
    examples: { match: ['近8周客单价的周趋势', 'gmv week by week since october', '订单逐周变化'], noMatch: ['上周趋势', 'weekly orders last month', '每周一的订单'] },
  },
  {
    id: 'month-trend-words',
    meaning: { grain: 'month' },
    zh: ['(?<![上本这下每个])月(?:趋势|走势)', '月度趋势', '逐月', '月维度', '月粒度'],
    en: ['month by month', 'monthly trend', 'monthly view', 'monthly breakdown'],
    examples: { match: ['GMV月趋势', 'orders month by month', '逐月的复购率'], noMatch: ['上月趋势', '这个月的走势'] },
  },
  {
    // "Top 3 GMV days", "UV最低的3天", "销量最高的前3天": days counted in a ranking are what is ranked.
    id: 'ranked-days',
    meaning: { grain: 'day' },
    zh: ['最(?!近|后|初|新|终)[\u4e00-\u9fff]{1,3}?的?\\s*前?\\s*([0-9]+|[一二三四五六七八九十两]+)\\s*(?:天|日(?!均))'],
    en: ['(?:of|among) the days\\b', '(?:top|bottom) (?:\\d+|two|three|four|five|ten) (?:[a-z]+ ){0,2}?days', '(?:\\d+|two|three|four|five|ten) (?:busiest|quietest|slowest|best|worst|biggest|strongest|weakest) (?:[a-z]+ )?days', 'which (?:\\d+|two|three|four|five|ten) days', 'the (?:\\d+|two|three|four|five|ten) days with the'],
    examples: { match: ['Of the days we were open, which one had the fewest orders?', 'Top 3 GMV days in November', '10月UV最低的3天', '销量最高的前3天', 'which 3 days had the most orders last month', 'the five busiest days'], noMatch: ['last 3 days', '近3天的订单', 'GMV in the last 7 days', '最近3天销量最高的商品'] },
  },
  {
    id: 'ranked-hours',
    meaning: { grain: 'hour' },
    zh: ['最(?!近|后|初|新|终)[\u4e00-\u9fff]{1,3}?的?\\s*前?\\s*([0-9]+|[一二三四五六七八九十两]+)\\s*个?小时'],
    en: [],
    examples: { match: ['双十一PV最高的5个小时', '订单最多的前三个小时'], noMatch: ['近24小时的订单', '最近3个小时'] },
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
    // "一周里哪天订单最多": a day of the week, not a date.
    zh: ['周几', '星期几', '礼拜几', '(?:一周|每周|一个星期)(?:里|中|内|当中)?的?哪(一)?天'],
    en: ['which (day|days) of the week', 'what day of the week', 'which weekdays?'],
    examples: { match: ['周几的订单最多', 'which day of the week has the highest conversion', '一周里哪天订单最多', '每周哪天的客单价最高'], noMatch: ['上周三', 'weekly', '哪天订单最多'] },
  },
];

export const GRAIN_QUESTION_RULE_SET: RuleSet<{ grain: Grain }> = { name: 'grain questions', rules: GRAIN_QUESTION_RULES, matches: ruleMatches };

/** The grains the question asks "which …" about (most specific first, so "哪个月的哪一天" groups by day). */
/** The phrases that count days or hours in a ranking ("最高的前3天"), for the time parser to leave alone. */
export function rankedTimeBuckets(): RegExp {
  const rules = GRAIN_QUESTION_RULES.filter((rule) => rule.id === 'ranked-days' || rule.id === 'ranked-hours');
  return new RegExp(rules.map((rule) => ruleExpression(rule).source).join('|'), 'g');
}

// Built once: matchAll copies a global expression, so sharing it across questions is safe.
const GRAIN_RULE_EXPRESSIONS = GRAIN_QUESTION_RULES.map((rule) => new RegExp(ruleExpression(rule).source, 'g'));

/** Where the grain rules matched: those words are explained by the grain they name. */
export function grainSpans(normalizedQuestion: string): [number, number][] {
  return GRAIN_RULE_EXPRESSIONS.flatMap((expression) => [...normalizedQuestion.matchAll(expression)].map((match): [number, number] => [match.index, match.index + match[0].length]));
}

export function grainsAskedFor(normalizedQuestion: string): Grain[] {
  return GRAIN_QUESTION_RULES.filter((rule) => ruleMatches(rule, normalizedQuestion)).map((rule) => rule.meaning.grain);
}
