import { rmSync } from 'node:fs';
import path from 'node:path';
import { Command } from 'commander';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { runImport } from '../importers/run-import.ts';
import { temporaryFolder, writeTestFile } from '../importers/test-files.ts';
import { AnalyticsAgent } from '../analytics/analytics-agent.ts';
import { describeWarehouse, type WarehouseDescription } from '../sql/semantic/index.ts';
import { Warehouse } from '../sql/warehouse.ts';
import { createDemoWarehouseFile } from '../testing/demo-warehouse.ts';
import { registerDescribeCommand } from './describe-command.ts';
import { listMetricsTool } from '../analytics/tools/list-metrics.ts';
import { describeSchemaTool } from '../analytics/tools/describe-schema.ts';

const SAMPLE = path.resolve(process.cwd(), '../shared/data/online_retail_sample.csv');
const folder = temporaryFolder('describe');

/** Unix seconds of a China-time wall clock reading. */
function unix(chinaTime: string): number {
  return Date.parse(`${chinaTime.replace(' ', 'T')}+08:00`) / 1000;
}

// The documented UserBehavior layout: user_id,item_id,category_id,behavior_type,timestamp (no header).
const TAOBAO_ROWS = [
  `1,100,4756105,pv,${unix('2017-11-25 10:00:00')}`,
  `1,100,4756105,cart,${unix('2017-11-25 10:05:00')}`,
  `1,100,4756105,buy,${unix('2017-11-25 10:10:00')}`,
  `2,101,982926,pv,${unix('2017-11-28 21:00:00')}`,
  `2,101,982926,fav,${unix('2017-12-03 09:00:00')}`,
];

async function describeFile(databasePath: string): Promise<{ description: WarehouseDescription; text: string }> {
  const output: string[] = [];
  const spy = vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
    output.push(String(chunk));
    return true;
  });
  try {
    const program = new Command('shoplens').exitOverride();
    registerDescribeCommand(program);
    await program.parseAsync(['node', 'shoplens', 'describe', '--json', '--db', databasePath]);
    const json = output.join('');
    output.length = 0;
    await new Command('shoplens').exitOverride().addCommand(program.commands[0] as Command).parseAsync(['node', 'shoplens', 'describe', '--db', databasePath]);
    return { description: JSON.parse(json) as WarehouseDescription, text: output.join('') };
  } finally {
    spy.mockRestore();
  }
}

const ids = (entries: { id: string }[]) => entries.map((entry) => entry.id);

describe('shoplens describe', () => {
  const paths: Record<'demo' | 'retail' | 'taobao', string> = { demo: '', retail: '', taobao: '' };
  let removeDemo: () => void = () => {};

  beforeAll(async () => {
    const demo = await createDemoWarehouseFile({ users: 300, days: 14 });
    paths.demo = demo.path;
    removeDemo = demo.remove;
    for (const [name, format, file] of [
      ['retail', 'online-retail', SAMPLE],
      ['taobao', 'taobao-user-behavior', writeTestFile(folder, 'UserBehavior.csv', `${TAOBAO_ROWS.join('\n')}\n`)],
    ] as const) {
      paths[name] = path.join(folder, `${name}.duckdb`);
      const warehouse = await Warehouse.open({ path: paths[name], mode: 'read-write' });
      try {
        await runImport(warehouse, { format, files: [file] });
      } finally {
        warehouse.close();
      }
    }
  }, 120_000);
  afterEach(() => vi.restoreAllMocks());
  afterAll(() => {
    removeDemo();
    rmSync(folder, { recursive: true, force: true });
  });

  it('lists everything on the demo, in yuan, from the profile the seed stored', async () => {
    const { description, text } = await describeFile(paths.demo);
    expect(description.shop).toEqual({ currency: 'CNY', timeZone: 'Asia/Shanghai', locale: 'zh-CN' });
    expect(description.profileSource).toBe('stored');
    expect(ids(description.metrics.available)).toEqual(expect.arrayContaining(['gmv', 'conversion_rate', 'dau', 'avg_rating', 'aov']));
    expect(ids(description.dimensions.available)).toEqual(expect.arrayContaining(['city_tier', 'category', 'device', 'province']));
    expect(description.tableRows.events).toBeGreaterThan(1000);
    expect(description.dateRange.to).toBe('2025-11-30');
    expect(text).toContain('Currency: CNY; time zone: Asia/Shanghai');
  });

  it('on the Online Retail sample: money metrics and country, in pounds, but no browsing, reviews or devices', async () => {
    const { description, text } = await describeFile(paths.retail);
    expect(description.shop).toEqual({ currency: 'GBP', timeZone: 'Europe/London', locale: 'en-GB' });
    expect(description.profileSource).toBe('stored');
    expect(ids(description.metrics.available)).toEqual(expect.arrayContaining(['gmv', 'orders', 'aov', 'buyers']));
    expect(ids(description.metrics.unavailable)).toEqual(expect.arrayContaining(['conversion_rate', 'avg_rating', 'dau']));
    expect(ids(description.dimensions.available)).toContain('country');
    // Distinct counts and the most frequent values, in the warehouse's own words.
    expect(description.dimensionSamples.country?.distinct).toBeGreaterThan(5);
    expect(description.dimensionSamples.country?.samples[0]).toBe('United Kingdom');
    expect(ids(description.dimensions.unavailable)).toEqual(expect.arrayContaining(['device', 'city_tier']));
    const rating = description.metrics.unavailable.find((metric) => metric.id === 'avg_rating');
    expect(rating?.reason_en).toBe('this warehouse has no review data');
    expect(rating?.reason_zh).toBe('这个仓库没有评价数据');
    expect(description.dateRange.from).toBe('2010-12-01');
    // Counted as committed, without the import's own staging tables.
    expect(Object.keys(description.tableRows).sort()).toEqual(['events', 'order_items', 'orders', 'products', 'reviews', 'support_events', 'users']);
    expect(description.tableRows.order_items).toBeGreaterThan(29_000);
    expect(text).toContain('Currency: GBP; time zone: Europe/London');
    expect(text).toMatch(/- avg_rating \(.*\): this warehouse has no review data/);
  });

  it('on Taobao UserBehavior: behaviour metrics, no money (prices are missing), China time, no currency', async () => {
    const { description } = await describeFile(paths.taobao);
    expect(description.shop).toEqual({ currency: null, timeZone: 'Asia/Shanghai', locale: 'zh-CN' });
    expect(ids(description.metrics.available)).toEqual(expect.arrayContaining(['pv', 'uv', 'dau', 'cart_adds', 'view_to_purchase_rate']));
    const gmv = description.metrics.unavailable.find((metric) => metric.id === 'gmv');
    expect(gmv?.reason_en).toBe('this warehouse has no prices (no order amounts and no product prices)');
    expect(ids(description.dimensions.available)).toContain('category');
    expect(ids(description.dimensions.unavailable)).toEqual(expect.arrayContaining(['country', 'city_tier']));
    expect(description.dateRange).toEqual({ from: '2017-11-25', to: '2017-12-03' });
    // The three warehouses differ in what they can answer.
    const retail = await describeFile(paths.retail);
    expect(ids(description.metrics.available)).not.toEqual(ids(retail.description.metrics.available));
  });

  it('falls back to computing the profile when the data changed after the stored one', async () => {
    const warehouse = await Warehouse.open({ path: paths.taobao, mode: 'read-write' });
    try {
      await warehouse.run(`INSERT INTO users (user_id, source) VALUES (999, 'manual')`);
      const description = await describeWarehouse(warehouse);
      expect(description.profileSource).toBe('computed');
      expect(description.tableRows.users).toBe(3);
    } finally {
      warehouse.close();
    }
  });

  it('marks availability in the list_metrics and describe_schema tools', async () => {
    const warehouse = await Warehouse.open({ path: paths.taobao, mode: 'sandboxed' });
    try {
      const context = { warehouse, language: 'en' as const, asOf: '2017-12-03' };
      const listed = await listMetricsTool.execute({}, context);
      expect(listed.metrics.find((metric) => metric.id === 'gmv')).toMatchObject({ available: false, unavailable_reason: 'this warehouse has no prices (no order amounts and no product prices)' });
      expect(listed.metrics.find((metric) => metric.id === 'pv')).toMatchObject({ available: true });
      expect(listed.dimensions.find((dimension) => dimension.id === 'country')).toMatchObject({ available: false });
      const chinese = await listMetricsTool.execute({ search: 'GMV' }, { ...context, language: 'zh' });
      expect(chinese.metrics[0]).toMatchObject({ id: 'gmv', available: false, unavailable_reason: '这个仓库没有价格数据（没有订单金额，也没有商品价格）' });
      const schema = await describeSchemaTool.execute({ tables: ['events', 'products'] }, context);
      expect(schema).toMatchObject({ currency: null, time_zone: 'Asia/Shanghai' });
      expect('empty_columns' in schema ? schema.empty_columns : []).toContain('products.price');
    } finally {
      warehouse.close();
    }
  });

  it('answers a GMV question on the Taobao import by saying prices are missing, in both languages', async () => {
    const warehouse = await Warehouse.open({ path: paths.taobao, mode: 'sandboxed' });
    try {
      const agent = await AnalyticsAgent.create({ warehouse });
      const english = (await agent.ask('What was the GMV?')).answer;
      expect(english.status).not.toBe('answered');
      expect(english.answer).toMatch(/price/i);
      const chinese = (await agent.ask('成交额是多少?')).answer;
      expect(chinese.status).not.toBe('answered');
      expect(chinese.answer).toMatch(/价格/);
    } finally {
      warehouse.close();
    }
  });
});
