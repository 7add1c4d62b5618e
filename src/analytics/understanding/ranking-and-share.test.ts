import { describe, expect, it } from 'vitest';
import { ValueIndex } from '../../sql/values/value-index.ts';
import { ENUMERATED_VALUES } from '../../sql/values/value-vocabulary.ts';
import type { AnalysisRequest } from '../analysis/analysis-request.ts';
import { understandQuestion } from './understand-question.ts';

const values = new ValueIndex([
  ...ENUMERATED_VALUES,
  { dimension: 'category', values: ['Headphones'], label_en: 'Headphones', label_zh: '耳机', phrases: ['headphones', 'headphone', '耳机'] },
  { dimension: 'category', values: ['Snacks'], label_en: 'Snacks', label_zh: '零食', phrases: ['snacks', 'snack', '零食'] },
  { dimension: 'brand', values: ['Apple'], label_en: 'Apple', label_zh: '苹果', phrases: ['apple', '苹果'] },
]);
const window = { start: '2025-09-02', asOf: '2025-11-30' };

function requestOf(question: string): AnalysisRequest {
  const language = /\p{Script=Han}/u.test(question) ? 'zh' : 'en';
  const understanding = understandQuestion({ question, language, window, values });
  if (understanding.kind !== 'analysis' || understanding.clarification) throw new Error(`expected an answer for "${question}", got ${understanding.kind}`);
  return understanding.request;
}

describe('rankings whose subject is implied', () => {
  it.each([
    ['Who are our top 10 customers by spend?', 10],
    ['消费最多的前10个用户', 10],
    ['which users bought the most last month', 10],
  ])('ranks individual customers for "%s", by GMV rather than by a count of customers', (question, limit) => {
    expect(requestOf(question).query).toMatchObject({ metrics: ['gmv'], dimensions: ['customer'], orderBy: { metric: 'gmv', direction: 'desc' }, limit });
  });

  it('keeps the metric a customer ranking names', () => {
    expect(requestOf('top 5 customers by number of orders').query).toMatchObject({ metrics: ['orders'], dimensions: ['customer'], limit: 5 });
  });

  it.each(['销量排行榜', 'top sellers this week', '女性用户最爱买什么', 'what sells best among women'])('ranks products for "%s"', (question) => {
    expect(requestOf(question).query).toMatchObject({ dimensions: ['product'], orderBy: { direction: 'desc' } });
  });

  it('leaves a named grouping alone: "which brand sells best" ranks brands', () => {
    expect(requestOf('which brand sells best').query).toMatchObject({ dimensions: ['brand'] });
  });

  it('ranks the products inside a product filter instead of answering its total', () => {
    expect(requestOf('top headphones by revenue').query).toMatchObject({ metrics: ['gmv'], dimensions: ['product'], filters: [{ dimension: 'category', values: ['Headphones'] }] });
    expect(requestOf('销量最高的耳机').query).toMatchObject({ metrics: ['units'], dimensions: ['product'], limit: 1 });
  });

  it('ranks the cities inside a tier when the tier is named with a ranking', () => {
    expect(requestOf('top tier-1 cities by orders').query).toMatchObject({ dimensions: ['city'], filters: [{ dimension: 'city_tier', operator: 'in' }] });
  });

  it('reads sort words as a ranked list, not one row', () => {
    expect(requestOf('按退款率给品类排序').query).toMatchObject({ metrics: ['return_rate'], dimensions: ['category'], limit: 10 });
    expect(requestOf('客单价最高的省份排一下序').query).toMatchObject({ dimensions: ['province'], limit: 10 });
    expect(requestOf('sort provinces by new users desc').query).toMatchObject({ dimensions: ['province'], orderBy: { direction: 'desc' } });
    expect(requestOf('categories with the highest return rate').query).toMatchObject({ limit: 10 });
  });

  it('passes over slips of question words and reads "cats" as categories', () => {
    expect(requestOf('whcih brand has the most cancellations').query).toMatchObject({ dimensions: ['brand'], metrics: ['cancelled_orders'] });
    expect(requestOf('top5 cats by gmv').query).toMatchObject({ metrics: ['gmv'], dimensions: ['category'], limit: 5 });
  });

  it('prefers a specific verb over a generic noun: 男性用户买得最多 ranks units, 多少用户买了 counts buyers', () => {
    expect(requestOf('男性用户买得最多的品类排行').query).toMatchObject({ metrics: ['units'], dimensions: ['category'] });
    expect(requestOf('多少用户买了耳机').query).toMatchObject({ metrics: ['buyers'] });
  });
});

describe('shares of a total', () => {
  it('adds shares to a breakdown', () => {
    expect(requestOf('各支付方式的订单占比').query).toMatchObject({ metrics: ['orders'], dimensions: ['payment_method'], share: { excludeFilters: [] } });
  });

  it('leaves the filtered part out of the total', () => {
    expect(requestOf('what share of GMV comes from Apple').query).toMatchObject({ metrics: ['gmv'], dimensions: [], share: { excludeFilters: ['brand'] } });
    expect(requestOf('Q4用支付宝付款的订单占比多少').query).toMatchObject({ metrics: ['orders'], share: { excludeFilters: ['payment_method'] } });
  });

  it('reads a share of a count that has its own rate as that rate, without a share', () => {
    const query = requestOf('share of cancelled orders last month').query;
    expect(query).toMatchObject({ metrics: ['cancellation_rate'] });
    expect(query.share).toBeUndefined();
  });
});
