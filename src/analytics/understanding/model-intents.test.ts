import { describe, expect, it } from 'vitest';
import { ValueIndex } from '../../sql/values/value-index.ts';
import { ENUMERATED_VALUES } from '../../sql/values/value-vocabulary.ts';
import { horizonDays } from './model-intents.ts';
import { understandQuestion } from './understand-question.ts';

const category = (value: string, zh: string, ...english: string[]) => ({ dimension: 'category', values: [value], label_en: value, label_zh: zh, phrases: [...english, zh] });
const values = new ValueIndex([
  ...ENUMERATED_VALUES,
  category('Phones', '手机', 'phones', 'phone'),
  category('Headphones', '耳机', 'headphones', 'headphone'),
  category('Laptops', '笔记本电脑', 'laptops', 'laptop'),
  category('Shoes', '鞋靴', 'shoes'),
  category('Snacks', '零食', 'snacks'),
  { dimension: 'brand', values: ['Huawei'], label_en: 'Huawei', label_zh: '华为', phrases: ['huawei', '华为'] },
], ['Apple AirPods 4 Black', '苹果 AirPods 4 黑色', 'Yonex Badminton Racket Black']);
const window = { start: '2025-09-02', asOf: '2025-11-30' };

function understand(question: string) {
  return understandQuestion({ question, language: /\p{Script=Han}/u.test(question) ? 'zh' : 'en', window, values });
}

/** The model tool and arguments the offline planner picks, or what it did instead. */
function modelCall(question: string): { tool: string; arguments: Record<string, unknown> } {
  const understanding = understand(question);
  if (understanding.kind !== 'model') throw new Error(`expected a model tool for "${question}", got ${understanding.kind}`);
  return { tool: understanding.toolName, arguments: understanding.arguments };
}

describe('recognizeModelIntent: forecasts', () => {
  it('reads the metric and the horizon, with or without a forecasting verb', () => {
    expect(modelCall('预测一下下周的GMV')).toEqual({ tool: 'forecast_metric', arguments: { metric: 'gmv', horizon: 7 } });
    // A period after the data ends is enough: there is nothing to look up for it.
    expect(modelCall('What will GMV look like next week?')).toEqual({ tool: 'forecast_metric', arguments: { metric: 'gmv', horizon: 7 } });
    expect(modelCall('接下来两周每天的访客数会怎么走？').arguments).toEqual({ metric: 'uv', horizon: 14 });
    // The next calendar month: December 1–31 after an as-of date of November 30.
    expect(modelCall('下个月手机品类的销售额大概会有多少？').arguments).toEqual({ metric: 'gmv', horizon: 31, category: 'Phones' });
  });

  it('keeps the horizon within what the tool accepts (1–60 days)', () => {
    expect(modelCall('Forecast orders for the next 90 days').arguments).toEqual({ metric: 'orders', horizon: 60 });
  });

  it('leaves questions about the past, or about metrics it cannot forecast, to the metric planner', () => {
    expect(understand('上周的GMV是多少？').kind).toBe('analysis');
    expect(understand('下周的转化率会是多少？').kind).not.toBe('model');
  });
});

describe('horizonDays', () => {
  it('understands counted periods in Chinese and English, numerals and words', () => {
    expect(horizonDays('未来30天的订单量', 14)).toBe(30);
    expect(horizonDays('预计未来一周耳机能卖出多少件', 14)).toBe(7);
    expect(horizonDays('project units over the next two weeks', 14)).toBe(14);
    expect(horizonDays('predict visitors for the coming 10 days', 14)).toBe(10);
    expect(horizonDays('give me a 3-week gmv forecast', 14)).toBe(21);
    expect(horizonDays('下个月的销售额', 14)).toBe(30);
    expect(horizonDays('how many orders tomorrow', 14)).toBe(1);
    expect(horizonDays('forecast gmv', 14)).toBe(14);
  });
});

describe('recognizeModelIntent: customers', () => {
  it('segments customers with the method the question names', () => {
    expect(modelCall('用RFM给客户分个层，看看每层各有多少人')).toEqual({ tool: 'segment_customers', arguments: { method: 'rfm' } });
    expect(modelCall('按购物行为给用户做个聚类').arguments).toEqual({ method: 'kmeans' });
    expect(modelCall('What kinds of customers do we have? Break them into groups.').arguments).toEqual({ method: 'both' });
    expect(modelCall('把顾客按消费习惯分组').tool).toBe('segment_customers');
  });

  it('leaves a metric split by the stored segments to the metric planner', () => {
    expect(understand('GMV by customer segment last month').kind).toBe('analysis');
    expect(understand('各分群的GMV是多少').kind).toBe('analysis');
  });

  it('finds likely buyers with the horizon, the number asked for and the filters named', () => {
    expect(modelCall('未来30天内最可能购买的前10位用户是谁？')).toEqual({ tool: 'predict_purchase', arguments: { horizon_days: 30, top_k: 10 } });
    expect(modelCall('一线城市里哪些用户的购买意向最强？').arguments).toEqual({ horizon_days: 7, city_tier: 'tier1' });
    expect(modelCall('Which users have the highest chance of buying in the next week?').tool).toBe('predict_purchase');
    // The propensity model looks at most 30 days ahead.
    expect(modelCall('Who is likely to buy in the next 60 days?').arguments).toEqual({ horizon_days: 30 });
  });

  it('recommends for a user or a product id, never for the referral channel (推荐)', () => {
    expect(modelCall('给用户456推荐5个商品')).toEqual({ tool: 'recommend_products', arguments: { user_id: 456, top_k: 5 } });
    expect(modelCall('Show me items similar to product 55').arguments).toEqual({ product_id: 55 });
    expect(modelCall('给777号用户推荐几件商品')).toMatchObject({ tool: 'recommend_products', arguments: { user_id: 777 } });
    expect(modelCall('Which customers will probably buy in the next 14 days?')).toMatchObject({ tool: 'predict_purchase', arguments: { horizon_days: 14 } });
    expect(understand('推荐渠道上周的订单数是多少？').kind).toBe('analysis');
  });
});

describe('recognizeModelIntent: baskets, reviews, searches and anomalies', () => {
  it('pairs categories when a category is the anchor, products otherwise', () => {
    expect(modelCall('哪些商品经常被一起购买？')).toEqual({ tool: 'frequently_bought_together', arguments: { level: 'product' } });
    expect(modelCall('哪些品类经常出现在同一个订单里？').arguments).toEqual({ level: 'category' });
    expect(modelCall('买手机的人通常还会顺便买什么？').arguments).toEqual({ level: 'category', category: 'Phones' });
    expect(modelCall('What products are usually purchased along with laptops?').arguments).toEqual({ level: 'category', category: 'Laptops' });
  });

  it('anchors product rules on a product named in free text, never on the rest of the sentence', () => {
    expect(modelCall('what do people usually buy together with AirPods?').arguments).toEqual({ level: 'product', product: 'airpods' });
    expect(modelCall('买AirPods的人还会买什么').arguments).toEqual({ level: 'product', product: 'airpods' });
    expect(modelCall('what is frequently bought together with the Huawei Mate 60').arguments).toEqual({ level: 'product', product: 'mate 60' });
    expect(modelCall('what sells well together with yonex rackets').arguments).toEqual({ level: 'product', product: 'yonex rackets' });
    // Only basket vocabulary left, or words no product title has: the whole shop's rules.
    expect(modelCall('What do customers usually buy together?').arguments).toEqual({ level: 'product' });
    expect(modelCall('Run a market basket analysis').arguments).toEqual({ level: 'product' });
    expect(modelCall('哪些商品适合做组合促销').arguments).toEqual({ level: 'product' });
  });

  it('searches reviews for what they mention, and summarises them when asked what customers say overall', () => {
    expect(modelCall('找出提到物流太慢的评价')).toEqual({ tool: 'search_reviews', arguments: { query: '物流太慢' } });
    expect(modelCall('Search headphone reviews for "left earbud disconnects"').arguments).toEqual({ query: 'left earbud disconnects', category: 'Headphones' });
    expect(modelCall('Show me reviews mentioning the battery draining fast').arguments).toEqual({ query: 'battery draining fast' });
    expect(modelCall('顾客对耳机有什么抱怨？')).toEqual({ tool: 'review_insights', arguments: { polarity: 'negative', category: 'Headphones' } });
    expect(modelCall('What do shoppers love about our snacks?').arguments).toEqual({ polarity: 'positive', category: 'Snacks' });
    expect(modelCall('华为产品的口碑怎么样？').arguments).toEqual({ polarity: 'all', brand: 'Huawei' });
    expect(modelCall('上个月鞋靴的负面反馈主要是什么问题？').arguments).toEqual({
      polarity: 'negative',
      category: 'Shoes',
      date_range: { start: '2025-10-01', end: '2025-10-31' },
    });
    // "most often mentioned" is a summary, not a search for particular reviews.
    expect(modelCall('用户对零食的评价里最常提到的问题是什么？').tool).toBe('review_insights');
  });

  it('leaves numbers about reviews (好评率, share of positive reviews) to the metric planner', () => {
    expect(understand('上个月的好评率是多少？').kind).toBe('analysis');
    expect(understand('Which category has the lowest share of positive reviews?').kind).toBe('analysis');
  });

  it('groups search queries into themes, with the number of groups and the period asked for', () => {
    expect(modelCall('把上个月的搜索关键词聚成5类')).toEqual({
      tool: 'cluster_queries',
      arguments: { date_range: { start: '2025-10-01', end: '2025-10-31' }, clusters: 5 },
    });
    expect(modelCall('What are people searching for? Group it into themes.').arguments).toEqual({});
    // Counting searches is a metric question.
    expect(understand('上周搜索次数最多的5个搜索词是什么？').kind).not.toBe('model');
  });

  it('looks for order anomalies, browsing anomalies or both', () => {
    expect(modelCall('找出异常的订单')).toEqual({ tool: 'find_anomalies', arguments: { kind: 'orders' } });
    expect(modelCall('Are there any bots browsing the site?').arguments).toEqual({ kind: 'browsing' });
    expect(modelCall('有没有刷单或者机器人行为？').arguments).toEqual({ kind: 'both' });
  });
});

describe('recognizeModelIntent: competing readings', () => {
  it('takes the more specific reading when two apply', () => {
    // Propensity ("可能会购买") is more specific than a segment name ("高价值客户").
    expect(modelCall('哪些高价值客户可能会购买？').tool).toBe('predict_purchase');
  });

  it('offers both readings when two equally specific ones apply', () => {
    const understanding = understand('高价值客户的抱怨有哪些？');
    expect(understanding.kind).toBe('clarify');
    if (understanding.kind !== 'clarify') return;
    expect(understanding.options).toEqual(['客户分群(RFM 或行为聚类)', '评价的整体反馈']);
    expect(understanding.question).toContain('两种理解');
  });
});
