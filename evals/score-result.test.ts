import { describe, expect, it } from 'vitest';
import { DisplayNames, staticDisplayPairs } from './display-names.ts';
import { scoreResult, type Expectation, type ScoredAnswer } from './score-result.ts';

const names = new DisplayNames([
  ['手机', 'Phones'],
  ['耳机', 'Headphones'],
  ['北京', 'Beijing'],
  ['上海', 'Shanghai'],
  ['一线城市', 'tier1'],
  ['一线', 'tier1'],
  ['周一', '1'],
  ['周二', '2'],
]);

function gold(columns: string[], rows: unknown[][], ordered = false): Expectation {
  return { kind: 'rows', columns, rows: rows.map((row) => Object.fromEntries(columns.map((column, index) => [column, row[index] as never]))), ordered };
}

function answer(columns: string[], rows: unknown[][], status = 'answered'): ScoredAnswer {
  return {
    status,
    columns: columns.map((id) => ({ id })),
    rows: rows.map((row) => Object.fromEntries(columns.map((column, index) => [column, row[index]]))),
  };
}

describe('scoreResult: columns', () => {
  it('matches columns by their values, whatever they are called, and ignores extra answer columns', () => {
    const verdict = scoreResult(
      gold(['category', 'gmv'], [['Phones', 100], ['Headphones', 50]]),
      answer(['品类', 'share', '成交额'], [['Phones', 0.66, 100], ['Headphones', 0.33, 50]]),
      names,
    );
    expect(verdict.passed).toBe(true);
    expect(verdict.columnMapping).toEqual({ category: '品类', gmv: '成交额' });
  });

  it('reads row keys that the answer did not declare as columns', () => {
    const verdict = scoreResult(gold(['gmv'], [[42]]), { status: 'answered', columns: [], rows: [{ value: 42 }] }, names);
    expect(verdict.passed).toBe(true);
  });

  it('fails with the missing gold column and the closest answer column when a metric is absent', () => {
    const verdict = scoreResult(
      gold(['category', 'gmv'], [['Phones', 100], ['Headphones', 50]]),
      answer(['category', 'orders'], [['Phones', 100], ['Headphones', 7]]),
      names,
    );
    expect(verdict.passed).toBe(false);
    expect(verdict.reason).toBe('missing_columns');
    expect(verdict.diff?.unmatchedGoldColumns).toEqual([
      { goldColumn: 'gmv', closestAnswerColumn: 'orders', sharedValues: 1, goldSample: ['100', '50'] },
    ]);
  });

  it('needs a separate answer column for each gold column, even when two gold columns are equal', () => {
    const verdict = scoreResult(gold(['orders', 'buyers'], [[5, 5]]), answer(['orders'], [[5]]), names);
    expect(verdict.passed).toBe(false);
    expect(verdict.reason).toBe('missing_columns');
  });

  it('tries other column pairings when the first one does not line the rows up', () => {
    // Both answer columns hold {1, 2}; only "right" pairs them with the correct names.
    const verdict = scoreResult(
      gold(['name', 'value'], [['a', 1], ['b', 2]]),
      answer(['name', 'wrong', 'right'], [['a', 2, 1], ['b', 1, 2]]),
      names,
    );
    expect(verdict.passed).toBe(true);
    expect(verdict.columnMapping).toEqual({ name: 'name', value: 'right' });
  });

  it('reports rows that do not line up when every column matches on its own', () => {
    const verdict = scoreResult(gold(['name', 'value'], [['a', 1], ['b', 2]]), answer(['name', 'value'], [['a', 2], ['b', 1]]), names);
    expect(verdict.passed).toBe(false);
    expect(verdict.reason).toBe('row_mismatch');
    expect(verdict.diff?.goldRowsMissing).toEqual([{ name: 'a', value: 1 }, { name: 'b', value: 2 }]);
    expect(verdict.diff?.unexpectedAnswerRows).toEqual([{ name: 'a', value: 2 }, { name: 'b', value: 1 }]);
  });
});

describe('scoreResult: rows and order', () => {
  const ranking = [['Beijing', 30], ['Shanghai', 20], ['Shenzhen', 10]];
  const shuffled = [['Shenzhen', 10], ['Beijing', 30], ['Shanghai', 20]];

  it('compares rows as a set when the question asks for no order', () => {
    expect(scoreResult(gold(['city', 'gmv'], ranking), answer(['city', 'gmv'], shuffled), names).passed).toBe(true);
  });

  it('requires the gold order when the question asks for one', () => {
    const verdict = scoreResult(gold(['city', 'gmv'], ranking, true), answer(['city', 'gmv'], shuffled), names);
    expect(verdict.passed).toBe(false);
    expect(verdict.reason).toBe('order_mismatch');
    expect(verdict.diff?.firstOrderDifference).toEqual({ position: 0, gold: { city: 'beijing', gmv: 30 }, answer: { city: 'shenzhen', gmv: 10 } });
    expect(scoreResult(gold(['city', 'gmv'], ranking, true), answer(['city', 'gmv'], ranking), names).passed).toBe(true);
  });

  it('lets tied rows swap places in an ordered result', () => {
    const tied = [['Guangzhou', 378], ['Shenzhen', 378], ['Hangzhou', 272]];
    const swapped = [['Shenzhen', 378], ['Guangzhou', 378], ['Hangzhou', 272]];
    expect(scoreResult(gold(['city', 'buyers'], tied, true), answer(['city', 'buyers'], swapped), names).passed).toBe(true);
  });

  it('does not treat rows as tied when only their text differs and numbers differ too', () => {
    const trend = [[0, 10], [1, 20]];
    const verdict = scoreResult(gold(['hour', 'pv'], trend, true), answer(['hour', 'pv'], [[1, 20], [0, 10]]), names);
    expect(verdict.reason).toBe('order_mismatch');
  });

  it('fails on a different row count and says when the gold rows are the answer’s first rows', () => {
    const verdict = scoreResult(gold(['city', 'gmv'], [['Beijing', 30]]), answer(['city', 'gmv'], ranking), names);
    expect(verdict.passed).toBe(false);
    expect(verdict.reason).toBe('row_count_mismatch');
    expect(verdict.diff?.hints.join(' ')).toContain('missing a LIMIT');
  });

  it('accepts two empty results', () => {
    expect(scoreResult(gold(['gmv'], []), answer(['gmv'], []), names).passed).toBe(true);
  });

  it('counts duplicate rows', () => {
    const verdict = scoreResult(gold(['x'], [[1], [1], [2]]), answer(['x'], [[1], [2], [2]]), names);
    expect(verdict.passed).toBe(false);
  });
});

describe('scoreResult: values', () => {
  it('tolerates float noise within 1e-6 relative and 1e-9 absolute', () => {
    expect(scoreResult(gold(['rate'], [[0.3]]), answer(['rate'], [[0.1 + 0.2]]), names).passed).toBe(true);
    expect(scoreResult(gold(['gmv'], [[3026987.1]]), answer(['gmv'], [[3026987.1000001]]), names).passed).toBe(true);
    expect(scoreResult(gold(['zero'], [[0]]), answer(['zero'], [[5e-10]]), names).passed).toBe(true);
    expect(scoreResult(gold(['gmv'], [[3026987.1]]), answer(['gmv'], [[3027000]]), names).passed).toBe(false);
    expect(scoreResult(gold(['rate'], [[0.13632]]), answer(['rate'], [[0.1363]]), names).passed).toBe(false);
  });

  it('treats numeric strings as numbers', () => {
    expect(scoreResult(gold(['orders'], [[4327]]), answer(['orders'], [['4327']]), names).passed).toBe(true);
    expect(scoreResult(gold(['gmv'], [['9007199254740993']]), answer(['gmv'], [['9007199254740993']]), names).passed).toBe(true);
    expect(scoreResult(gold(['aov'], [[1305.8655]]), answer(['aov'], [[' 1305.8655 ']]), names).passed).toBe(true);
  });

  it('does not accept a percent where the gold has a 0–1 ratio', () => {
    expect(scoreResult(gold(['rate'], [[0.25]]), answer(['rate'], [[25]]), names).passed).toBe(false);
    expect(scoreResult(gold(['rate'], [[0.25]]), answer(['rate'], [['25%']]), names).passed).toBe(false);
  });

  it('matches Chinese display names to stored values, case-insensitively', () => {
    const verdict = scoreResult(
      gold(['category', 'city', 'city_tier', 'units'], [['Phones', 'Beijing', 'tier1', 3], ['Headphones', 'Shanghai', 'tier1', 4]]),
      answer(['品类', '城市', '城市等级', '销量'], [['耳机', 'SHANGHAI', '一线', 4], ['手机', '北京', '一线城市', 3]]),
      names,
    );
    expect(verdict.passed).toBe(true);
  });

  it('does not confuse different stored values', () => {
    expect(scoreResult(gold(['category'], [['Phones']]), answer(['category'], [['耳机']]), names).passed).toBe(false);
    expect(scoreResult(gold(['city'], [['Beijing']]), answer(['city'], [['Beijing City']]), names).passed).toBe(false);
  });

  it('compares nulls only with nulls, and reads (none) as null', () => {
    expect(scoreResult(gold(['d7'], [[null]]), answer(['d7'], [[null]]), names).passed).toBe(true);
    expect(scoreResult(gold(['d7'], [[null]]), answer(['d7'], [[0]]), names).passed).toBe(false);
    expect(scoreResult(gold(['value'], [[null]]), answer(['value'], [['(none)']]), names).passed).toBe(true);
  });

  it('reads midnight timestamps as dates and YYYY-MM as the first of the month', () => {
    const weeks = gold(['week', 'uv'], [['2025-11-17', 9], ['2025-11-24', 8]], true);
    expect(scoreResult(weeks, answer(['week', 'uv'], [['2025-11-17 00:00:00', 9], ['2025-11-24T00:00:00.000Z', 8]]), names).passed).toBe(true);
    const months = gold(['month', 'gmv'], [['2025-10-01', 1], ['2025-11-01', 2]], true);
    expect(scoreResult(months, answer(['month', 'gmv'], [['2025-10', 1], ['2025年11月', 2]]), names).passed).toBe(true);
    expect(scoreResult(weeks, answer(['week', 'uv'], [['2025-11-17 08:00:00', 9], ['2025-11-24', 8]]), names).passed).toBe(false);
  });

  it('reads weekday names and hour labels as their numbers', () => {
    expect(scoreResult(gold(['weekday', 'gmv'], [[1, 5], [2, 7]], true), answer(['weekday', 'gmv'], [['周一', 5], ['周二', 7]]), names).passed).toBe(true);
    expect(scoreResult(gold(['hour', 'pv'], [[0, 5], [21, 7]], true), answer(['hour', 'pv'], [['0:00', 5], ['21点', 7]]), names).passed).toBe(true);
  });
});

describe('scoreResult: statuses', () => {
  it('passes a status-only item exactly when the status matches', () => {
    const refused: Expectation = { kind: 'status', status: 'refused' };
    expect(scoreResult(refused, answer([], [], 'refused'), names)).toMatchObject({ passed: true, reason: 'match' });
    expect(scoreResult(refused, answer([], [], 'clarify'), names)).toMatchObject({ passed: false, reason: 'status_mismatch' });
    expect(scoreResult(refused, answer(['gmv'], [[1]], 'answered'), names).passed).toBe(false);
  });

  it('fails a gold-SQL item that was not answered, whatever rows came with it', () => {
    const verdict = scoreResult(gold(['gmv'], [[1]]), answer(['gmv'], [[1]], 'clarify'), names);
    expect(verdict).toMatchObject({ passed: false, reason: 'status_mismatch' });
  });
});

describe('staticDisplayPairs', () => {
  const known = new DisplayNames(staticDisplayPairs());

  it('knows the demo’s cities, tiers, categories, brands, devices and payment methods', () => {
    expect(known.canonical('北京')).toBe('beijing');
    expect(known.canonical('西安')).toBe(known.canonical("Xi'an"));
    // A customer is shown by id with a word before it; the id is the stored value.
    expect([known.canonical('customer 5'), known.canonical('客户 9313'), known.canonical('customer five')]).toEqual(['5', '9313', 'customer five']);
    expect([known.canonical('order 536592'), known.canonical('订单 SL2025112000000983'), known.canonical('order of magnitude')]).toEqual(['536592', 'sl2025112000000983', 'order of magnitude']);
    expect(known.canonical('一线城市')).toBe('tier1');
    expect(known.canonical('新一线')).toBe('new_tier1');
    expect(known.canonical('手机')).toBe('phones');
    expect(known.canonical('华为')).toBe('huawei');
    expect(known.canonical('安卓')).toBe('android');
    expect(known.canonical('小程序')).toBe('mini_program');
    expect(known.canonical('微信支付')).toBe(known.canonical('wechat_pay'));
    expect(known.canonical('男')).toBe('male');
    expect(known.canonical('加购')).toBe('cart');
    expect(known.canonical('Sunday')).toBe('7');
  });

  it('leaves unknown text alone (folded)', () => {
    expect(known.canonical('  Something Else ')).toBe('something else');
  });
});
