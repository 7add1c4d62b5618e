import { describe, expect, it } from 'vitest';
import { ValueIndex } from '../../sql/values/value-index.ts';
import { ENUMERATED_VALUES } from '../../sql/values/value-vocabulary.ts';
import type { AnalysisRequest } from '../analysis/analysis-request.ts';
import { understandQuestion } from './understand-question.ts';

const values = new ValueIndex([...ENUMERATED_VALUES]);
const window = { start: '2025-09-02', asOf: '2025-11-30' };
const october = { start: '2025-10-01', end: '2025-10-31' };

function understand(question: string) {
  return understandQuestion({ question, language: /\p{Script=Han}/u.test(question) ? 'zh' : 'en', window, values });
}

function requestOf(question: string): AnalysisRequest {
  const understanding = understand(question);
  if (understanding.kind !== 'analysis' || understanding.clarification) throw new Error(`expected an analysis for "${question}", got ${JSON.stringify(understanding)}`);
  return understanding.request;
}

describe('retention questions', () => {
  it.each([
    ['D7 retention by acquisition channel for the October cohort', ['day7_retention'], ['channel']],
    ['Month-1 retention for the October cohort, by channel', ['month1_retention'], ['channel']],
    ['按首次访问设备看10月新用户的7日留存', ['day7_retention'], ['device']],
    ['10月新用户7日留存，按年龄段', ['day7_retention'], ['age_band']],
    ['按城市等级看10月新用户的次日留存', ['day1_retention'], ['city_tier']],
  ])('splits "%s" by the cohort attribute, one row per value, not a weekly table', (question, metrics, dimensions) => {
    expect(requestOf(question)).toMatchObject({ analysis: 'metrics', query: { metrics, dimensions, timeRange: october } });
  });

  it('answers a retention named for a cohort period with one number, the new-users noun being the cohort', () => {
    for (const [question, metric] of [['next month retention for the oct cohort', 'month1_retention'], ['10月新用户的次月留存率', 'month1_retention'], ['Day-7 retention for users who first came in October', 'day7_retention'], ['10月首次活跃的用户次日还有活跃的比例', 'day1_retention']] as const) {
      expect(requestOf(question), question).toMatchObject({ analysis: 'metrics', query: { metrics: [metric], dimensions: [], timeRange: october } });
    }
    expect(requestOf('10月新用户数和次日留存率').query.metrics).toEqual(['new_users', 'day1_retention']);
  });

  it('ranks cohorts for "which week", one row ordered by the retention asked', () => {
    expect(requestOf('Since October, which weekly new-user cohort had the best day-7 retention?').query).toMatchObject({ metrics: ['day7_retention'], dimensions: ['week'], orderBy: { metric: 'day7_retention', direction: 'desc' }, limit: 1 });
    expect(requestOf('哪一周的新用户次日留存最高').query).toMatchObject({ metrics: ['day1_retention'], dimensions: ['week'], orderBy: { metric: 'day1_retention', direction: 'desc' }, limit: 1 });
  });

  it('reads cohort words: monthly cohorts, first-active day, came back the following week, the next day', () => {
    expect(requestOf('Day-1 retention by month of first activity (monthly cohorts), all data').query).toMatchObject({ metrics: ['day1_retention'], dimensions: ['month'] });
    expect(requestOf('Daily trend of day-1 retention for new users from Nov 10 to Nov 23, by first-active day').query).toMatchObject({ metrics: ['day1_retention'], dimensions: ['day'] });
    expect(requestOf('For each weekly cohort since Oct 6, what share came back the following calendar week?')).toMatchObject({ analysis: 'retention', query: { mode: 'weeks', weeks: 1 } });
    expect(requestOf('双十一当天第一次来的用户，第二天还回来的比例').query).toMatchObject({ metrics: ['day1_retention'], timeRange: { start: '2025-11-11', end: '2025-11-11' } });
    expect(requestOf('按周看新用户次日留存：10月6日到11月23日首次活跃的用户，每周一个cohort')).toMatchObject({ analysis: 'retention', query: { mode: 'days', days: [1] } });
  });

  it('keeps the documented cohort tables: weekly cohorts, week-N, retention with no kind, day numbers without a metric', () => {
    expect(requestOf('weekly retention cohorts')).toMatchObject({ analysis: 'retention', query: { mode: 'weeks' } });
    expect(requestOf('weekly cohorts in october - d7 retention each')).toMatchObject({ analysis: 'retention', query: { mode: 'days', days: [7] } });
    expect(requestOf('retention for the October cohort')).toMatchObject({ analysis: 'retention', query: { mode: 'days', timeRange: october } });
    expect(requestOf('按周看新用户同期群的次日留存和7日留存')).toMatchObject({ analysis: 'retention', query: { mode: 'days', days: [1, 7] } });
    expect(requestOf('Show weekly cohort retention (day 1 and day 7) for users acquired last month.')).toMatchObject({ analysis: 'retention', query: { mode: 'days', days: [1, 7], timeRange: october } });
    expect(requestOf('day-14 retention for the October cohort')).toMatchObject({ analysis: 'retention', query: { mode: 'days', days: [14] } });
  });

  it('splits retention with no kind named by the day-1, day-7 and day-30 metrics', () => {
    expect(requestOf('按年龄段看10月新用户的留存').query).toMatchObject({ metrics: ['day1_retention', 'day7_retention', 'day30_retention'], dimensions: ['age_band'] });
  });

  it('asks instead of dropping a split the cohorts cannot take', () => {
    for (const question of ['次日留存按品类', 'D7 retention by hour', 'week-1 retention by channel', 'D14 retention by channel']) {
      expect(understand(question).kind, question).toBe('clarify');
    }
  });
});
