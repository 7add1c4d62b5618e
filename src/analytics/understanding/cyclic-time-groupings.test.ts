import { describe, expect, it } from 'vitest';
import { ValueIndex } from '../../sql/values/value-index.ts';
import { ENUMERATED_VALUES } from '../../sql/values/value-vocabulary.ts';
import type { AnalysisRequest } from '../analysis/analysis-request.ts';
import { understandQuestion } from './understand-question.ts';
import type { Understanding } from './understanding.ts';

// Hours of the day and days of the week recur in every period: they are groupings, not a timeline.
const values = new ValueIndex([...ENUMERATED_VALUES]);
const window = { start: '2025-09-02', asOf: '2025-11-30' }; // a Sunday

function understand(question: string, previous?: AnalysisRequest): Understanding {
  const language = /\p{Script=Han}/u.test(question) ? 'zh' : 'en';
  return understandQuestion({ question, language, window, values, previous });
}

function requestOf(question: string, previous?: AnalysisRequest): AnalysisRequest {
  const understanding = understand(question, previous);
  if (understanding.kind !== 'analysis' || understanding.clarification) throw new Error(`expected an answer for "${question}", got ${understanding.kind}`);
  return understanding.request;
}

const DOUBLE_11 = { start: '2025-11-11', end: '2025-11-11' };
const THIS_WEEK = { start: '2025-11-24', end: '2025-11-30' };
const LAST_WEEK = { start: '2025-11-17', end: '2025-11-23' };

describe('comparisons split by hour or weekday keep the comparison', () => {
  it.each([
    ['Orders by hour on Double 11 compared with the day before', 'hour'],
    ['双十一每小时订单和前一天对比', 'hour'],
  ])('"%s": each hour of Double 11 against the day before', (question, dimension) => {
    expect(requestOf(question).query).toMatchObject({ metrics: ['orders'], dimensions: [dimension], timeRange: DOUBLE_11, compareTo: { start: '2025-11-10', end: '2025-11-10' } });
  });

  it('"weekday orders this month vs last month": each weekday of November against October', () => {
    expect(requestOf('weekday orders this month vs last month').query).toMatchObject({
      metrics: ['orders'],
      dimensions: ['weekday'],
      timeRange: { start: '2025-11-01', end: '2025-11-30' },
      compareTo: { start: '2025-10-01', end: '2025-10-31' },
    });
  });

  it.each(['本周每天的GMV对比上周同一天（按周一到周日）', 'daily GMV this week vs the same weekday last week', '上周每天的订单和前一周比'])(
    '"%s": the days of one week against the same weekdays of the week before, as weekday rows',
    (question) => {
      const { query } = requestOf(question);
      expect(query.dimensions).toEqual(['weekday']);
      const { timeRange, compareTo } = query as { timeRange: { start: string }; compareTo: { start: string } };
      expect([timeRange, compareTo]).toEqual(question.startsWith('上周') ? [LAST_WEEK, { start: '2025-11-10', end: '2025-11-16' }] : [THIS_WEEK, LAST_WEEK]);
    },
  );

  it('asks instead of answering one period when the days of two months are compared (their dates differ)', () => {
    for (const question of ['本月每天GMV和上月对比', 'daily GMV this month vs last month']) {
      const understanding = understand(question);
      expect(understanding.kind).toBe('analysis');
      if (understanding.kind !== 'analysis') continue;
      // One timeline across both months, or the two totals side by side.
      expect(understanding.clarification?.options).toHaveLength(2);
      expect(understanding.clarification?.options.join(' ')).toMatch(/2025-10-01.*2025-11-30.*2025-10-31/);
    }
    // A change over time names no second period: a trend, answered.
    expect(requestOf('按周看一下访客数的变化').query.dimensions).toEqual(['week']);
  });

  it('keeps the comparison of an average per day, whose "每天" is the average’s own', () => {
    expect(requestOf('上周平均每天订单和前一周比').query).toMatchObject({ dimensions: [], average: { per: 'day' }, timeRange: LAST_WEEK, compareTo: { start: '2025-11-10', end: '2025-11-16' } });
  });
});

describe('averages per day by weekday', () => {
  it.each(['最近4周周一到周日平均每天多少单？', 'average daily orders by weekday over the last 4 weeks'])('"%s": each weekday over its own days', (question) => {
    expect(requestOf(question).query).toMatchObject({ metrics: ['orders'], dimensions: ['weekday'], timeRange: { start: '2025-11-03', end: '2025-11-30' }, average: { per: 'day' } });
  });
});

describe('weekends or weekdays in a follow-up', () => {
  it.each([
    ['GMV by hour last month', 'What about just the weekend?', [6, 7]],
    ['上个月每小时的GMV', '只看周末呢', [6, 7]],
    ['上个月每小时的GMV', '工作日呢', [1, 2, 3, 4, 5]],
  ])('"%s" then "%s": the same period, its weekends (or weekdays) only', (first, second, days) => {
    const followed = requestOf(second, requestOf(first)).query;
    expect(followed).toMatchObject({ metrics: ['gmv'], dimensions: ['hour'], timeRange: { start: '2025-10-01', end: '2025-10-31' }, filters: [{ dimension: 'weekday', operator: 'in', values: days }] });
  });

  it('keeps the comparison of the conversation too, and a named weekend still names its dates', () => {
    const compared = requestOf('只看周末呢', requestOf('本月各品类GMV对比上月')).query;
    expect(compared).toMatchObject({ timeRange: { start: '2025-11-01', end: '2025-11-30' }, compareTo: { start: '2025-10-01', end: '2025-10-31' }, filters: [{ dimension: 'weekday', values: [6, 7] }] });
    expect(requestOf('上周末呢', requestOf('上个月的订单')).query.timeRange).toEqual({ start: '2025-11-22', end: '2025-11-23' });
    // A new question about weekends alone is the latest weekend.
    expect(requestOf('weekend GMV').query).toMatchObject({ timeRange: { start: '2025-11-29', end: '2025-11-30' }, filters: [{ dimension: 'weekday', values: [6, 7] }] });
  });
});
