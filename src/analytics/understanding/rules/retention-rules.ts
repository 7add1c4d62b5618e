import { ruleExpression, ruleMatches, type PhraseRule, type RuleSet } from './phrase-rule.ts';

/** The catalogue's retention metrics: one number per cohort (or per cohort split), computed on user_cohorts. */
export const RETENTION_METRICS = ['day1_retention', 'day7_retention', 'day30_retention', 'month1_retention'] as const;

export function isRetentionMetric(id: string): boolean {
  return (RETENTION_METRICS as readonly string[]).includes(id);
}

/** Which retention a phrase asks for when it says it in words ("第二天还回来", "came back the following week"). */
export type RetentionKind = { metric: 'day1_retention' | 'month1_retention' } | { weeks: 1 };

export const RETENTION_KIND_RULES: readonly PhraseRule<RetentionKind>[] = [
  {
    id: 'came-back-next-day',
    meaning: { metric: 'day1_retention' },
    zh: ['(第二天|次日|隔天)(还|又|再)?(有)?(回来|回访|活跃|来)'],
    en: ['(came|come|coming|returned|active) (back )?(again )?(on )?the (next|following) day', 'next[- ]day return'],
    examples: { match: ['双十一当天第一次来的用户，第二天还回来的比例', '10月新用户次日还活跃的比例', 'share who came back the next day'], noMatch: ['次日留存', '第二天的订单数', 'next day delivery'] },
  },
  {
    id: 'came-back-following-week',
    meaning: { weeks: 1 },
    zh: ['(下一?周|次周|第二周)(还|又|再)(有)?(回来|回访|活跃|来)'],
    en: ['(came|come|coming|returned|active) (back )?(again )?(in |during )?the (following|next) (calendar )?week'],
    examples: { match: ['what share came back the following calendar week?', '新用户下一周还有活跃的比例'], noMatch: ['orders the following week', '下周的订单'] },
  },
  {
    id: 'came-back-next-month',
    meaning: { metric: 'month1_retention' },
    zh: ['(次月|下个?月|\\d{1,2}月)(还|又|再)(有)?(回来|回访|活跃|来)'],
    en: ['(came|come|coming|returned|active) (back )?(again )?(in |during )?the (following|next) (calendar )?month'],
    examples: { match: ['10月新用户的次月留存率（11月还有活跃的比例）', 'share active again in the following month'], noMatch: ['下个月的订单', 'next month retention'] },
  },
];

export type CohortGrain = 'day' | 'week' | 'month';

/** "by month of first activity", "每周一个cohort": how the cohorts themselves are cut. */
export const COHORT_GRAIN_RULES: readonly PhraseRule<{ grain: CohortGrain }>[] = [
  {
    id: 'monthly-cohorts',
    meaning: { grain: 'month' },
    zh: ['按(首次活跃|首次访问|首次来)?(的)?月(份)?(的)?(同期群|cohort)', '月(度)?(同期群|cohort)', '每(个)?月一个(同期群|cohort)', '按首次活跃(的)?月份?'],
    en: ['monthly (new[- ]user )?cohorts?', 'month of first (activity|visit|purchase|order)', 'first[- ]activity month', 'each monthly cohort'],
    examples: { match: ['day-1 retention by month of first activity (monthly cohorts), all data', '按月同期群看次日留存'], noMatch: ['monthly retention', '次月留存'] },
  },
  {
    id: 'weekly-cohorts',
    meaning: { grain: 'week' },
    zh: ['每周一个(同期群|cohort)', '周(同期群|cohort)', '按(首次活跃|首次访问)?(的)?周(的)?(同期群|cohort)', '每周(的)?新用户'],
    en: ['weekly (new[- ]user )?cohorts?', 'each weekly cohort', 'week of first (activity|visit)', 'cohort weeks?'],
    examples: { match: ['按周看新用户次日留存：10月6日到11月23日首次活跃的用户，每周一个cohort', 'since october, which weekly new-user cohort had the best day-7 retention?', 'weekly cohorts in october - d7 retention each'], noMatch: ['weekly retention', '周留存'] },
  },
  {
    id: 'daily-cohorts',
    meaning: { grain: 'day' },
    zh: ['按首次活跃(的)?(日|日期|天)', '按首日', '每天一个(同期群|cohort)'],
    en: ['by first[- ]active day', 'by first[- ]activity (day|date)', 'by (the )?day of first (activity|visit)', 'daily cohorts?', 'by first day'],
    examples: { match: ['daily trend of day-1 retention for new users from nov 10 to nov 23, by first-active day', '按首次活跃日看次日留存'], noMatch: ['daily orders', '次日留存'] },
  },
];

/**
 * Words retention questions describe the cohort and its activity with ("首次活跃", "还有活跃", "came back",
 * "first activity", "new-user cohort"): explained by the retention reading, never left over as not understood.
 */
export const RETENTION_WORD_RULES: readonly PhraseRule<{ explains: true }>[] = [
  {
    id: 'cohort-activity-words',
    meaning: { explains: true },
    zh: ['(首次|第一次)(活跃|访问|来|进来|到访|出现)', '(还|又|再)(有)?(活跃|回来|回访|来)', '回访', '回来', '活跃', '新用户(同期群|cohort)', '同期群', 'cohorts?'],
    en: ['first[- ](activity|active|visit|seen)( (day|date|week|month))?', 'first (came|showed up|visited|arrived)', '(came|come|coming) back', 'returned', 'new[- ]user cohorts?', 'cohorts?', '(the )?(following|next) calendar', 'activity', 'joined'],
    examples: { match: ['10月首次活跃的用户', 'users who first came in october', 'what share came back the following calendar week?', 'new-user cohort retention'], noMatch: ['首次购买', 'first order'] },
  },
];

export const RETENTION_KIND_RULE_SET: RuleSet<RetentionKind> = { name: 'retention kinds', rules: RETENTION_KIND_RULES, matches: ruleMatches };
export const COHORT_GRAIN_RULE_SET: RuleSet<{ grain: CohortGrain }> = { name: 'cohort grains', rules: COHORT_GRAIN_RULES, matches: ruleMatches };
export const RETENTION_WORD_RULE_SET: RuleSet<{ explains: true }> = { name: 'retention words', rules: RETENTION_WORD_RULES, matches: ruleMatches };

export function retentionKindsAskedFor(normalizedQuestion: string): RetentionKind[] {
  return RETENTION_KIND_RULES.filter((rule) => ruleMatches(rule, normalizedQuestion)).map((rule) => rule.meaning);
}

export function cohortGrainAskedFor(normalizedQuestion: string): CohortGrain | undefined {
  return COHORT_GRAIN_RULES.find((rule) => ruleMatches(rule, normalizedQuestion))?.meaning.grain;
}

/** Every span the retention rules explain, to blank from what is left to understand. */
export function retentionWordSpans(normalizedQuestion: string): { index: number; length: number }[] {
  const spans: { index: number; length: number }[] = [];
  for (const rule of [...RETENTION_KIND_RULES, ...COHORT_GRAIN_RULES, ...RETENTION_WORD_RULES] as PhraseRule<unknown>[]) {
    const global = new RegExp(ruleExpression(rule).source, 'g');
    for (const match of normalizedQuestion.matchAll(global)) if (match[0].length > 0) spans.push({ index: match.index ?? 0, length: match[0].length });
  }
  return spans;
}

/**
 * Whether the question says which retention it means (a day number, next day, next month, a week number); bare
 * "retention" / "留存率" reads as day-1 in the catalogue but names no kind.
 */
const KIND_NAMED = /\bday[\s-]*\d+|\bd\s*\d+\b|\d+\s*-?\s*days?\b|next[\s-]*(day|month)|\bmonth[\s-]*(1|one)\b|\bm1\b|\bweek[\s-]*(\d+|one)\b|monthly retention|month-over-month retention|次日|次留|\d+\s*[日天]|[一二三七十]+日留存|次月|月留存|下月留存|隔月留存|第\s*\d+\s*[天周]|第[一二三四五六七八]周|周留存|第二天|following (calendar )?(week|month)/;

export function namesRetentionKind(normalizedQuestion: string): boolean {
  return KIND_NAMED.test(normalizedQuestion) || retentionKindsAskedFor(normalizedQuestion).length > 0;
}

/** Day numbers a question asks retention for ("day-14", "3日留存", "D7"), to build a cohort table with them. */
export function retentionDaysNamed(normalizedQuestion: string): number[] {
  const days = new Set<number>();
  for (const match of normalizedQuestion.matchAll(/\bday[\s-]*(\d{1,3})\b|\bd(\d{1,3})\b|(\d{1,3})\s*-?\s*day\b|(\d{1,3})\s*[日天](?:留存|后)|第\s*(\d{1,3})\s*天/g)) {
    const value = Number(match.slice(1).find((group) => group !== undefined));
    if (value >= 1 && value <= 180) days.add(value);
  }
  if (/次日|次留|第二天|next[\s-]*day/.test(normalizedQuestion)) days.add(1);
  if (/七日|七天/.test(normalizedQuestion)) days.add(7);
  if (/三十日|三十天/.test(normalizedQuestion)) days.add(30);
  return [...days].sort((left, right) => left - right);
}

/** "how many new users and their retention": the cohort's size is asked too, not only its retention. */
const COHORT_SIZE_ASKED = /新用户数|新增用户数|新用户有多少|多少(个)?新用户|同期群(用户)?(人数|规模|大小)|how many new|number of new|new[- ]user count|cohort size|size of (the|each) cohort/;

export function asksCohortSize(normalizedQuestion: string): boolean {
  return COHORT_SIZE_ASKED.test(normalizedQuestion);
}
