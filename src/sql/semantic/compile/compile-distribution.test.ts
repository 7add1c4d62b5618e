import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Warehouse } from '../../warehouse.ts';
import { compileDistribution, DEFAULT_BAND_EDGES } from './compile-distribution.ts';
import { buildRandomFixture } from '../testing/random-fixture.ts';
import { SemanticQueryError } from '../semantic-error.ts';
import { loadFixture, type Fixture } from '../testing/semantic-fixture.ts';

const NOVEMBER = { start: '2025-11-01', end: '2025-11-30' };

function bandIndex(edges: readonly number[], value: number): number {
  let index = -1;
  edges.forEach((edge, position) => {
    if (value >= edge) index = position;
  });
  return index;
}

describe('compileDistribution', () => {
  let warehouse: Warehouse;
  let fixture: Fixture;
  beforeAll(async () => {
    warehouse = await Warehouse.open({ path: ':memory:' });
    fixture = buildRandomFixture(5, 80);
    await loadFixture(warehouse, fixture);
  });
  afterAll(() => warehouse.close());

  const paidInNovember = () =>
    fixture.orders.filter((order) => order.paid_at !== null && order.created_at >= '2025-11-01' && order.created_at < '2025-12-01');

  it('bands paid order amounts with every band present', async () => {
    const compiled = compileDistribution({ subject: 'order_amount', timeRange: NOVEMBER });
    const { rows } = await warehouse.query(compiled.sql, compiled.parameters);
    expect(rows).toHaveLength(DEFAULT_BAND_EDGES.length);
    const orders = DEFAULT_BAND_EDGES.map(() => 0);
    const amounts = DEFAULT_BAND_EDGES.map(() => 0);
    for (const order of paidInNovember()) {
      const amount = fixture.items.filter((item) => item.order_id === order.order_id).reduce((sum, item) => sum + item.amount, 0);
      const index = bandIndex(DEFAULT_BAND_EDGES, amount);
      orders[index] = (orders[index] ?? 0) + 1;
      amounts[index] = (amounts[index] ?? 0) + amount;
    }
    expect(rows.map((row) => row.orders)).toEqual(orders);
    expect(rows.map((row) => row.gmv)).toEqual(amounts);
    expect(rows.map((row) => row.band)).toEqual(['0-50', '50-100', '100-200', '200-300', '300-500', '500-1000', '1000-2000', '2000-5000', '5000+']);
    const total = orders.reduce((sum, value) => sum + value, 0);
    rows.forEach((row, index) => expect(row.share_of_orders).toBeCloseTo((orders[index] ?? 0) / total, 12));
  });

  it('bands product list prices with units and GMV sold, within a category', async () => {
    const edges = [0, 100, 1000];
    const compiled = compileDistribution({ subject: 'product_price', edges, timeRange: NOVEMBER, filters: [{ dimension: 'category', operator: 'in', values: ['手机', '零食'] }] });
    const { rows } = await warehouse.query(compiled.sql, compiled.parameters);
    const products = fixture.products.filter((product) => ['Phones', 'Snacks'].includes(product.category));
    const units = edges.map(() => 0);
    const gmv = edges.map(() => 0);
    const paid = new Set(paidInNovember().map((order) => order.order_id));
    for (const item of fixture.items) {
      const product = products.find((candidate) => candidate.product_id === item.product_id);
      if (!product || !paid.has(item.order_id)) continue;
      const index = bandIndex(edges, product.price);
      units[index] = (units[index] ?? 0) + item.quantity;
      gmv[index] = (gmv[index] ?? 0) + item.amount;
    }
    expect(rows.map((row) => [row.band, row.products, row.units, row.gmv])).toEqual([
      ['0-100', products.filter((product) => product.price < 100).length, units[0], gmv[0]],
      ['100-1000', products.filter((product) => product.price >= 100 && product.price < 1000).length, units[1], gmv[1]],
      ['1000+', products.filter((product) => product.price >= 1000).length, units[2], gmv[2]],
    ]);
  });

  it('rejects product filters on order amounts and unsorted edges', () => {
    expect(() => compileDistribution({ subject: 'order_amount', timeRange: NOVEMBER, filters: [{ dimension: 'brand', operator: 'eq', values: ['UR'] }] })).toThrow(
      /product_price/,
    );
    expect(() => compileDistribution({ subject: 'order_amount', edges: [0, 100, 50], timeRange: NOVEMBER })).toThrow(SemanticQueryError);
  });
});
