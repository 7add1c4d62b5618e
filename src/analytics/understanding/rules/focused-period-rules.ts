import { ruleMatches, type PhraseRule, type RuleSet } from './phrase-rule.ts';

type Grain = 'day' | 'week' | 'month';

/**
 * "And the cancellation rate that week?" after "which week had the highest revenue": the week the answer named, not
 * the whole period again. Each rule is one grain; it applies only when the previous answer led with a row of it.
 */
export const FOCUSED_PERIOD_RULES: readonly PhraseRule<{ grain: Grain }>[] = [
  {
    id: 'that-week',
    meaning: { grain: 'week' },
    // After a named day or festival ("双十一那周") the week is that one's, read by the time rules.
    zh: ['(?<!十一|11|618|十二|12|节|国庆|黑五|日|号|周)那一?周', '当周', '那个星期', '那一个星期', '该周', '这一周'],
    en: ['that (whole |entire |same )?week', '(in|during|for) the same week'],
    examples: { match: ['And the cancellation rate that week?', '那周的订单数呢', '当周的退货率'], noMatch: ['这周的订单', 'this week vs last week', '双十一那周', 'that day'] },
  },
  {
    id: 'that-day',
    meaning: { grain: 'day' },
    zh: ['(?<!十一|11|618|十二|12|节|国庆|黑五|日|号|周)(那一?天|当天|当日|那日)', '该日'],
    en: ['that (whole |same )?day', 'on the same day'],
    examples: { match: ['how many orders that day?', '那天的客单价', '当天的退货率呢'], noMatch: ['每天的订单', 'today', 'that week', '双十一当天的订单'] },
  },
  {
    id: 'that-month',
    meaning: { grain: 'month' },
    zh: ['那个月', '当月', '该月', '那一个月'],
    en: ['that (whole |entire |same )?month', '(in|during|for) the same month'],
    examples: { match: ['and the AOV that month?', '那个月的复购率', '当月新用户多少'], noMatch: ['这个月的GMV', 'last month', 'that week'] },
  },
];

export const FOCUSED_PERIOD_RULE_SET: RuleSet<{ grain: Grain }> = { name: 'the period an answer led with', rules: FOCUSED_PERIOD_RULES, matches: ruleMatches };

/** The grain a follow-up points back at ("that week" → week), if any. */
export function pointedPeriodGrain(normalizedQuestion: string): Grain | undefined {
  return FOCUSED_PERIOD_RULES.find((rule) => ruleMatches(rule, normalizedQuestion))?.meaning.grain;
}
