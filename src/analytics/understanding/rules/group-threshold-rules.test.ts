import { describe, expect, it } from 'vitest';
import { normalizeQuestion } from '../../../text/normalize-question.ts';
import { groupThresholds } from './group-threshold-rules.ts';

const read = (question: string) => groupThresholds(normalizeQuestion(question)).map(({ metric, operator, values, dimension }) => ({ metric, operator, values, dimension }));

describe('groupThresholds', () => {
  it('reads the bound, its direction and inclusiveness, the metric and the grouping the noun names', () => {
    expect(read('How many customers spent more than £5,000 in total?')).toEqual([{ metric: 'gmv', operator: 'gt', values: [5000], dimension: 'customer' }]);
    expect(read('customers with 5+ orders')).toEqual([{ metric: 'orders', operator: 'gte', values: [5], dimension: 'customer' }]);
    expect(read('users spending between 100 and 500')).toEqual([{ metric: 'gmv', operator: 'between', values: [100, 500], dimension: 'customer' }]);
    expect(read('products that sold fewer than 10 units')).toEqual([{ metric: 'units', operator: 'lt', values: [10], dimension: 'product' }]);
    expect(read('which countries had revenue over £10k')).toEqual([{ metric: 'gmv', operator: 'gt', values: [10000], dimension: 'country' }]);
    expect(read('成交额超过1万的城市有哪些')).toEqual([{ metric: 'gmv', operator: 'gt', values: [10000], dimension: 'city' }]);
    expect(read('下单三次以上的用户有多少')).toEqual([{ metric: 'orders', operator: 'gte', values: [3], dimension: 'customer' }]);
    expect(read('销量不到20件的商品')).toEqual([{ metric: 'units', operator: 'lt', values: [20], dimension: 'product' }]);
  });

  it('never reads an order amount, a price, an age or a top N as a bound on a group total', () => {
    for (const question of ['orders over £100', 'top 10 customers by orders', 'customers over 40', '单笔超过1000元的订单', '买过3次的用户', 'products priced above 100']) {
      expect(read(question), question).toEqual([]);
    }
  });
});
