import { firstMatchingRule, ruleMatches, type PhraseRule, type RuleSet } from './phrase-rule.ts';

export type AveragePeriod = 'day' | 'week' | 'month';

/**
 * "周末平均每天的GMV", "average daily revenue last week", "月均订单": a count or sum averaged per day, week or month of
 * the period (one number), not the series of days that "每天" or "daily" alone ask for.
 */
export const AVERAGE_PER_PERIOD_RULES: readonly PhraseRule<{ per: AveragePeriod }>[] = [
  {
    id: 'average-per-day',
    meaning: { per: 'day' },
    zh: ['日均(?!活跃|访客)', '平均每(?:天|日)', '每(?:天|日)平均', '平均一天', '一天平均', '平均日(?!活|均)'],
    en: ['(?:average|avg|mean) (?:daily|per day|a day|each day)', 'daily (?:average|avg|mean)', '(?:per|a) day on average', 'on average (?:per|a|each) day', 'average (?:\\w+ ){1,5}(?:per|a|each) day', 'averaging (?:\\w+ ){0,3}(?:per|a|each) day'],
    examples: {
      match: ['How many invoices are we averaging per day this week?', '周末平均每天的GMV是多少', '上周日均订单', '平均日销量是多少', 'average daily revenue last week', 'what was the average number of paid orders per day in november', 'average sessions per day this week', 'how many orders a day on average in November', '每天平均卖多少件'],
      noMatch: ['每天的订单数', 'daily GMV last week', '日活', '平均日活是多少', 'GMV per day for headphones', 'average order value', '日均活跃用户'],
    },
  },
  {
    id: 'average-per-week',
    meaning: { per: 'week' },
    zh: ['周均', '平均每周', '每周平均', '平均一周', '平均周(?!活|留存|末)'],
    en: ['(?:average|avg|mean) (?:weekly|per week|a week|each week)', 'weekly (?:average|avg|mean)', '(?:per|a) week on average', 'on average (?:per|a|each) week', 'average (?:\\w+ ){1,3}(?:per|a|each) week'],
    examples: {
      match: ['周均GMV', '平均每周新增多少用户', '平均周订单量', 'average weekly orders since September', 'weekly average revenue'],
      noMatch: ['每周的GMV', 'weekly GMV trend', '周留存', '平均周末订单', 'week over week orders'],
    },
  },
  {
    id: 'average-per-month',
    meaning: { per: 'month' },
    zh: ['月均', '平均每月', '每月平均', '平均一个月', '平均月(?!活|留存)'],
    en: ['(?:average|avg|mean) (?:monthly|per month|a month|each month)', 'monthly (?:average|avg|mean)', '(?:per|a) month on average', 'on average (?:per|a|each) month', 'average (?:\\w+ ){1,3}(?:per|a|each) month'],
    examples: {
      match: ['月均成交额', '平均每月卖多少件', '平均月收入是多少', 'average monthly GMV', 'orders per month on average'],
      noMatch: ['每月的GMV', 'monthly revenue', '次月留存', '平均月活用户', 'month over month GMV'],
    },
  },
];

// "日均活跃用户" is DAU, a metric of its own (and a rate): never an average of a count.
export const AVERAGE_PER_PERIOD_RULE_SET: RuleSet<{ per: AveragePeriod }> = { name: 'averages per period', rules: AVERAGE_PER_PERIOD_RULES, matches: ruleMatches };

export function averagePeriodAskedFor(normalizedQuestion: string): AveragePeriod | undefined {
  return firstMatchingRule(AVERAGE_PER_PERIOD_RULES, normalizedQuestion)?.meaning.per;
}
