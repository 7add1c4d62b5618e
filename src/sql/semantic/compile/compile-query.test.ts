import { sqlAndParameters } from '../testing/sql-and-parameters.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Warehouse } from '../../warehouse.ts';
import { addDays, isoWeekday, rangeLength } from '../time/calendar-date.ts';
import { CORE_TABLES } from '../catalogue/dimensions.ts';
import { compileSemanticQuery } from './compile-query.ts';
import { buildRandomFixture } from '../testing/random-fixture.ts';
import { SemanticQueryError } from '../semantic-error.ts';
import { loadFixture } from '../testing/semantic-fixture.ts';

const NOVEMBER = { start: '2025-11-01', end: '2025-11-30' };
const OCTOBER = { start: '2025-10-20', end: '2025-10-31' };
const PAID_LINES = `FROM order_items oi JOIN orders o USING (order_id) JOIN products p USING (product_id)
  WHERE o.paid_at IS NOT NULL AND o.created_at >= $start AND o.created_at < $end`;

describe('compileSemanticQuery on a small warehouse (expected values from hand-written SQL)', () => {
  let warehouse: Warehouse;
  const window = (range: { start: string; end: string }) => ({ start: range.start, end: addDays(range.end, 1) });
  const byKey = (rows: Record<string, unknown>[], key: string, value: string) =>
    Object.fromEntries(rows.map((row) => [String(row[key]), row[value]]));

  beforeAll(async () => {
    warehouse = await Warehouse.open({ path: ':memory:' });
    await loadFixture(warehouse, buildRandomFixture(42, 60));
  });
  afterAll(() => warehouse.close());

  it('joins metrics from different tables on the dimension values without double counting', async () => {
    const compiled = compileSemanticQuery({ metrics: ['gmv', 'pv', 'uv', 'arpu'], dimensions: ['category'], timeRange: NOVEMBER });
    const { rows } = await warehouse.query(compiled.sql, compiled.parameters);
    const gmv = await warehouse.query(`SELECT p.category, SUM(oi.amount) AS value ${PAID_LINES} GROUP BY 1`, window(NOVEMBER));
    const events = await warehouse.query(
      `SELECT p.category, COUNT(*) FILTER (WHERE e.event_type = 'view') AS pv, COUNT(DISTINCT e.user_id) AS uv
       FROM events e JOIN products p USING (product_id) WHERE e.event_time >= $start AND e.event_time < $end GROUP BY 1`,
      window(NOVEMBER),
    );
    expect(byKey(rows, 'category', 'gmv')).toEqual(byKey(gmv.rows, 'category', 'value'));
    expect(byKey(rows, 'category', 'pv')).toEqual(byKey(events.rows, 'category', 'pv'));
    expect(byKey(rows, 'category', 'uv')).toEqual(byKey(events.rows, 'category', 'uv'));
    for (const row of rows) expect(row.arpu).toBeCloseTo(Number(row.gmv) / Number(row.uv), 9);
    expect(compiled.columns.map((column) => `${column.id}:${column.role}`)).toEqual([
      'category:dimension', 'gmv:metric', 'pv:metric', 'uv:metric', 'arpu:metric',
    ]);
    // Default order: first metric, largest first.
    const values = rows.map((row) => Number(row.gmv));
    expect(values).toEqual([...values].sort((a, b) => b - a));
  });

  it('gives one row per day and value when a time grain is split by another dimension of one fact', async () => {
    for (const metrics of [['uv'], ['gmv'], ['gmv', 'uv']]) {
      const compiled = compileSemanticQuery({ metrics, dimensions: ['day', 'channel'], timeRange: NOVEMBER });
      const { rows } = await warehouse.query(compiled.sql, compiled.parameters);
      const keys = rows.map((row) => `${String(row.day)}|${String(row.channel)}`);
      expect(new Set(keys).size, metrics.join(',')).toBe(keys.length);
      const channels = new Set(rows.map((row) => row.channel)).size;
      expect(rows.length, metrics.join(',')).toBe(rangeLength(NOVEMBER) * channels);
    }
  });

  it('keeps the top N within each value of the first dimension (limitPerGroup), ranked as the full query ranks them', async () => {
    const full = compileSemanticQuery({ metrics: ['gmv'], dimensions: ['category', 'brand'], timeRange: NOVEMBER, orderBy: { metric: 'gmv' } });
    const perGroup = compileSemanticQuery({ metrics: ['gmv'], dimensions: ['category', 'brand'], timeRange: NOVEMBER, orderBy: { metric: 'gmv' }, limitPerGroup: 2 });
    const all = (await warehouse.query(full.sql, full.parameters)).rows;
    const kept = (await warehouse.query(perGroup.sql, perGroup.parameters)).rows;
    const expected = [...new Set(all.map((row) => String(row.category)))].sort().flatMap((category) => all.filter((row) => row.category === category).slice(0, 2));
    expect(kept).toEqual(expected);
    expect(Object.keys(kept[0] ?? {})).toEqual(['category', 'brand', 'gmv']);
    expect(() => compileSemanticQuery({ metrics: ['gmv'], dimensions: ['brand'], timeRange: NOVEMBER, orderBy: { metric: 'gmv' }, limitPerGroup: 1 })).toThrow(/two dimensions/);
  });

  it('compares two periods: value, previous, change and change %', async () => {
    const compiled = compileSemanticQuery({ metrics: ['gmv', 'aov'], dimensions: ['device'], timeRange: NOVEMBER, compareTo: OCTOBER });
    const { rows } = await warehouse.query(compiled.sql, compiled.parameters);
    const expected = async (range: { start: string; end: string }) =>
      (await warehouse.query(`SELECT coalesce(o.device, 'unknown') AS device, SUM(oi.amount) AS gmv, SUM(oi.amount) / COUNT(DISTINCT o.order_id) AS aov ${PAID_LINES} GROUP BY 1`, window(range))).rows;
    const current = byKey(await expected(NOVEMBER), 'device', 'gmv');
    const previous = byKey(await expected(OCTOBER), 'device', 'gmv');
    const devices = new Set([...Object.keys(current), ...Object.keys(previous)]);
    expect(rows.map((row) => row.device).sort()).toEqual([...devices].sort());
    for (const row of rows) {
      const now = Number(current[String(row.device)] ?? 0);
      const before = Number(previous[String(row.device)] ?? 0);
      expect(row.gmv).toBeCloseTo(now, 6);
      expect(row.gmv_previous).toBeCloseTo(before, 6);
      expect(row.gmv_change).toBeCloseTo(now - before, 6);
      if (before === 0) expect(row.gmv_change_pct).toBeNull();
      else expect(row.gmv_change_pct).toBeCloseTo((now - before) / before, 9);
    }
    expect(compiled.columns.map((column) => column.id)).toEqual([
      'device', 'gmv', 'gmv_previous', 'gmv_change', 'gmv_change_pct', 'aov', 'aov_previous', 'aov_change', 'aov_change_pct',
    ]);
    expect(compiled.assumptions.some((assumption) => assumption.en.includes(OCTOBER.start) && assumption.zh.includes('对比期'))).toBe(true);
  });

  it('returns a gap-free, ordered daily trend with zeros for counts and empty ratios', async () => {
    const range = { start: '2025-11-20', end: '2025-12-06' };
    const compiled = compileSemanticQuery({ metrics: ['orders', 'conversion_rate'], dimensions: ['day'], timeRange: range });
    const { rows } = await warehouse.query(compiled.sql, compiled.parameters);
    expect(rows).toHaveLength(rangeLength(range));
    expect(rows.map((row) => row.day)).toEqual(Array.from({ length: rows.length }, (_, index) => addDays(range.start, index)));
    const december = rows.filter((row) => String(row.day) > '2025-11-30');
    expect(december.length).toBe(6);
    for (const row of december) expect(row).toMatchObject({ orders: 0, conversion_rate: null });
    const daily = await warehouse.query(
      `SELECT CAST(o.created_at AS DATE) AS day, COUNT(DISTINCT o.order_id) AS orders ${PAID_LINES} GROUP BY 1`,
      window(range),
    );
    const expected = byKey(daily.rows, 'day', 'orders');
    for (const row of rows) expect(row.orders).toBe(Number(expected[String(row.day)] ?? 0));
  });

  it('filters by Chinese or English values, ignores case, and keeps only weekend days for a weekday filter', async () => {
    const run = async (filters: unknown[], dimensions: string[] = []) =>
      (await warehouse.query(...sqlAndParameters(compileSemanticQuery({ metrics: ['gmv'], dimensions, filters, timeRange: NOVEMBER })))).rows;
    const phones = await warehouse.query(`SELECT SUM(oi.amount) AS value ${PAID_LINES} AND p.category = 'Phones'`, window(NOVEMBER));
    expect((await run([{ dimension: 'category', operator: 'eq', values: ['手机'] }]))[0]?.gmv).toBe(phones.rows[0]?.value);
    expect((await run([{ dimension: 'category', operator: 'in', values: ['phones'] }]))[0]?.gmv).toBe(phones.rows[0]?.value);
    const notPhones = await warehouse.query(`SELECT SUM(oi.amount) AS value ${PAID_LINES} AND p.category <> 'Phones'`, window(NOVEMBER));
    expect((await run([{ dimension: 'category', operator: 'not_in', values: ['Phones'] }]))[0]?.gmv).toBe(notPhones.rows[0]?.value);
    const beijing = await warehouse.query(
      `SELECT SUM(oi.amount) AS value ${PAID_LINES.replace('JOIN products p USING (product_id)', 'JOIN products p USING (product_id) JOIN users u ON u.user_id = o.user_id')} AND u.city = 'Beijing'`,
      window(NOVEMBER),
    );
    expect((await run([{ dimension: 'city', operator: 'eq', values: ['北京'] }]))[0]?.gmv).toBe(beijing.rows[0]?.value ?? 0);
    const weekends = await run([{ dimension: 'weekday', operator: 'in', values: [6, 7] }], ['day']);
    expect(weekends.length).toBe(10);
    for (const row of weekends) expect([0, 6]).toContain(new Date(`${row.day}T00:00:00Z`).getUTCDay());
  });

  it('shows Chinese labels in Chinese answers', async () => {
    const { rows } = await warehouse.query(
      compileSemanticQuery({ metrics: ['uv'], dimensions: ['category', 'gender'], timeRange: NOVEMBER, language: 'zh' }).sql,
    );
    expect(new Set(rows.map((row) => row.category))).toEqual(new Set(['手机', '女装', '零食']));
    for (const row of rows) expect(['男', '女', '未知']).toContain(row.gender);
  });

  it('answers top-N and bottom-N questions with orderBy and limit', async () => {
    const all = await warehouse.query(`SELECT p.brand, SUM(oi.amount) AS gmv ${PAID_LINES} GROUP BY 1 ORDER BY 2 DESC`, window(NOVEMBER));
    const top = await warehouse.query(
      compileSemanticQuery({ metrics: ['gmv'], dimensions: ['brand'], timeRange: NOVEMBER, orderBy: { metric: 'gmv', direction: 'desc' }, limit: 2 }).sql,
    );
    expect(top.rows.map((row) => row.brand)).toEqual(all.rows.slice(0, 2).map((row) => row.brand));
    const bottom = await warehouse.query(
      compileSemanticQuery({ metrics: ['gmv'], dimensions: ['brand'], timeRange: NOVEMBER, orderBy: { field: 'gmv', direction: 'asc' }, limit: 1 }).sql,
    );
    expect(bottom.rows[0]?.brand).toBe(all.rows.at(-1)?.brand);
  });

  it('answers one place below the first with offset ("which brand came second")', async () => {
    const all = await warehouse.query(`SELECT p.brand, SUM(oi.amount) AS gmv ${PAID_LINES} GROUP BY 1 ORDER BY 2 DESC`, window(NOVEMBER));
    const second = await warehouse.query(
      compileSemanticQuery({ metrics: ['gmv'], dimensions: ['brand'], timeRange: NOVEMBER, orderBy: { metric: 'gmv', direction: 'desc' }, limit: 1, offset: 1 }).sql,
    );
    expect(second.rows.map((row) => row.brand)).toEqual([all.rows[1]?.brand]);
  });

  it('leaves out groups whose every count is 0 when asked (omitZeroRows), and says so', async () => {
    const query = { metrics: ['cancelled_orders'], dimensions: ['brand'], timeRange: NOVEMBER } as const;
    const every = await warehouse.query(compileSemanticQuery(query).sql);
    const compiled = compileSemanticQuery({ ...query, omitZeroRows: true });
    const some = await warehouse.query(compiled.sql);
    expect(every.rows.some((row) => row.cancelled_orders === 0)).toBe(true);
    expect(some.rows.map((row) => row.brand).sort()).toEqual(every.rows.filter((row) => row.cancelled_orders !== 0).map((row) => row.brand).sort());
    expect(compiled.assumptions.map((assumption) => assumption.en)).toContain('Groups where every value is 0 (or a rate has nothing to divide by) are left out.');
    // A rate keeps its 0 % groups and drops only those with nothing to divide by.
    const rates = await warehouse.query(compileSemanticQuery({ ...query, metrics: ['cancellation_rate'], omitZeroRows: true }).sql);
    const allRates = await warehouse.query(compileSemanticQuery({ ...query, metrics: ['cancellation_rate'] }).sql);
    expect(rates.rows.map((row) => row.brand).sort()).toEqual(allRates.rows.filter((row) => row.cancellation_rate !== null).map((row) => row.brand).sort());
  });

  it('computes shares over the whole total, before the limit, and leaves an excluded filter out of the total', async () => {
    const all = await warehouse.query(`SELECT p.brand, SUM(oi.amount) AS gmv ${PAID_LINES} GROUP BY 1 ORDER BY 2 DESC`, window(NOVEMBER));
    const total = all.rows.reduce((sum, row) => sum + Number(row.gmv), 0);
    const top = await warehouse.query(
      compileSemanticQuery({ metrics: ['gmv'], dimensions: ['brand'], timeRange: NOVEMBER, orderBy: { metric: 'gmv', direction: 'desc' }, limit: 2, share: {} }).sql,
    );
    expect(top.rows).toHaveLength(2);
    for (const row of top.rows) expect(row.gmv_share).toBeCloseTo(Number(row.gmv) / total, 9);
    const brand = String(all.rows[0]?.brand);
    const partQuery = compileSemanticQuery({ metrics: ['gmv', 'aov'], filters: [{ dimension: 'brand', operator: 'in', values: [brand] }], timeRange: NOVEMBER, share: { excludeFilters: ['brand'] } });
    const part = await warehouse.query(partQuery.sql, partQuery.parameters);
    expect(part.rows[0]?.gmv_share).toBeCloseTo(Number(all.rows[0]?.gmv) / total, 9);
    // A rate has no share of a total.
    expect(part.rows[0]).not.toHaveProperty('aov_share');
    expect(() => compileSemanticQuery({ metrics: ['aov'], dimensions: ['brand'], timeRange: NOVEMBER, share: {} })).toThrow(SemanticQueryError);
  });

  it('averages counts and sums per day, week or month: the total over the periods, weekday filters counting their days only', async () => {
    const total = async (query: Record<string, unknown>) => {
      const compiled = compileSemanticQuery(query);
      return (await warehouse.query(compiled.sql, compiled.parameters)).rows;
    };
    const [plain] = await total({ metrics: ['gmv', 'orders'], timeRange: NOVEMBER });
    const [daily] = await total({ metrics: ['gmv', 'orders'], timeRange: NOVEMBER, average: { per: 'day' } });
    expect(daily?.gmv).toBeCloseTo(Number(plain?.gmv) / 30, 9);
    expect(daily?.orders).toBeCloseTo(Number(plain?.orders) / 30, 9);
    const weekend = { dimension: 'weekday', operator: 'in', values: [6, 7] };
    const [weekendTotal] = await total({ metrics: ['orders'], timeRange: NOVEMBER, filters: [weekend] });
    const [weekendDaily] = await total({ metrics: ['orders'], timeRange: NOVEMBER, filters: [weekend], average: { per: 'day' } });
    expect(weekendDaily?.orders).toBeCloseTo(Number(weekendTotal?.orders) / 10, 9); // 5 Saturdays + 5 Sundays in November 2025
    // Weeks Monday to Sunday touching November 2025: Oct 27 … Nov 24, five of them.
    const [weekly] = await total({ metrics: ['gmv'], timeRange: NOVEMBER, average: { per: 'week' } });
    expect(weekly?.gmv).toBeCloseTo(Number(plain?.gmv) / 5, 9);
    const byCategory = await total({ metrics: ['gmv'], dimensions: ['category'], timeRange: NOVEMBER, average: { per: 'day' } });
    const categoryTotals = await total({ metrics: ['gmv'], dimensions: ['category'], timeRange: NOVEMBER });
    const perDay = byKey(byCategory, 'category', 'gmv');
    for (const [category, value] of Object.entries(byKey(categoryTotals, 'category', 'gmv'))) expect(perDay[category]).toBeCloseTo(Number(value) / 30, 9);
    const compiled = compileSemanticQuery({ metrics: ['orders'], timeRange: NOVEMBER, average: { per: 'day' }, language: 'zh' });
    expect(compiled.columns[0]).toMatchObject({ id: 'orders', label_zh: '日均支付订单数', label_en: 'Average daily Paid orders' });
    expect(compiled.assumptions.some((assumption) => assumption.zh.startsWith('平均每天'))).toBe(true);
    expect(() => compileSemanticQuery({ metrics: ['conversion_rate'], timeRange: NOVEMBER, average: { per: 'day' } })).toThrow(/rate already/);
    expect(() => compileSemanticQuery({ metrics: ['gmv'], dimensions: ['day'], timeRange: NOVEMBER, average: { per: 'day' } })).toThrow(/drop average/);
  });

  it('runs totals along a timeline, restarting for each value of another dimension, and refuses what cannot add up', async () => {
    const run = async (query: Record<string, unknown>) => (await warehouse.query(...sqlAndParameters(compileSemanticQuery(query)))).rows;
    const daily = await run({ metrics: ['gmv', 'orders'], dimensions: ['day'], timeRange: NOVEMBER });
    const running = await run({ metrics: ['gmv', 'orders'], dimensions: ['day'], timeRange: NOVEMBER, cumulative: true });
    expect(running.map((row) => String(row.day))).toEqual(daily.map((row) => String(row.day)));
    let gmv = 0;
    let orders = 0;
    daily.forEach((row, index) => {
      gmv += Number(row.gmv ?? 0);
      orders += Number(row.orders ?? 0);
      expect(Number(running[index]?.gmv)).toBeCloseTo(gmv, 6);
      expect(Number(running[index]?.orders)).toBe(orders);
    });
    // Split by device: each device's own running sum, ending at its November total.
    const byDevice = await run({ metrics: ['orders'], dimensions: ['week', 'device'], timeRange: NOVEMBER, cumulative: true });
    const totals = byKey(await run({ metrics: ['orders'], dimensions: ['device'], timeRange: NOVEMBER }), 'device', 'orders');
    const lastWeek = byDevice.filter((row) => String(row.week) === String(byDevice[byDevice.length - 1]?.week));
    for (const row of lastWeek) expect(Number(row.orders)).toBe(Number(totals[String(row.device)]));
    const compiled = compileSemanticQuery({ metrics: ['gmv'], dimensions: ['day'], timeRange: NOVEMBER, cumulative: true });
    expect(compiled.columns[1]).toMatchObject({ id: 'gmv', label_en: 'Cumulative GMV', label_zh: '累计成交额（GMV）' });
    expect(compiled.assumptions.some((assumption) => assumption.en.startsWith('Each value is a running total'))).toBe(true);
    // A buyer active on two days is one buyer: distinct counts and rates have no running sum.
    expect(() => compileSemanticQuery({ metrics: ['buyers'], dimensions: ['day'], timeRange: NOVEMBER, cumulative: true })).toThrow(/add up over days/);
    expect(() => compileSemanticQuery({ metrics: ['gmv'], dimensions: ['category'], timeRange: NOVEMBER, cumulative: true })).toThrow(/one day, week or month/);
    expect(() => compileSemanticQuery({ metrics: ['gmv'], dimensions: ['day'], timeRange: NOVEMBER, compareTo: OCTOBER, cumulative: true })).toThrow(/compareTo/);
  });

  it('adds up the top rows of a ranking into one row with their combined share', async () => {
    const run = async (query: Record<string, unknown>) => (await warehouse.query(...sqlAndParameters(compileSemanticQuery(query)))).rows;
    const ranking = { metrics: ['gmv'], dimensions: ['customer'], orderBy: { field: 'gmv', direction: 'desc' }, limit: 10, timeRange: NOVEMBER };
    const top = await run(ranking);
    const [whole] = await run({ metrics: ['gmv'], timeRange: NOVEMBER });
    const [together] = await run({ ...ranking, share: {}, combineTop: true });
    const sum = top.reduce((total, row) => total + Number(row.gmv), 0);
    expect(Number(together?.gmv)).toBeCloseTo(sum, 6);
    expect(Number(together?.gmv_share)).toBeCloseTo(sum / Number(whole?.gmv), 9);
    expect(Number(together?.ranked_rows)).toBe(10);
    expect(compileSemanticQuery({ ...ranking, combineTop: true }).columns.map((column) => column.id)).toEqual(['gmv', 'ranked_rows']);
    expect(() => compileSemanticQuery({ ...ranking, limit: undefined, combineTop: true })).toThrow(/orderBy and limit/);
    expect(() => compileSemanticQuery({ ...ranking, metrics: ['buyers'], orderBy: { field: 'buyers', direction: 'desc' }, combineTop: true })).toThrow(/add up across rows/);
  });

  it('keeps only the groups whose metric passes a bound (customers who spent over a threshold, who placed 2+ orders)', async () => {
    const run = async (query: Record<string, unknown>) => (await warehouse.query(...sqlAndParameters(compileSemanticQuery(query)))).rows;
    const spend = await warehouse.query(`SELECT CAST(o.user_id AS VARCHAR) AS customer, SUM(oi.amount) AS value ${PAID_LINES} AND o.user_id IS NOT NULL GROUP BY 1`, window(NOVEMBER));
    const amounts = spend.rows.map((row) => Number(row.value)).sort((left, right) => left - right);
    const bound = amounts[Math.floor(amounts.length / 2)] as number;
    const kept = await run({ metrics: ['gmv'], dimensions: ['customer'], timeRange: NOVEMBER, thresholds: [{ metric: 'gmv', operator: 'gt', values: [bound] }] });
    expect(kept.length).toBe(amounts.filter((amount) => amount > bound).length);
    expect(kept.length).toBeGreaterThan(0);
    expect(kept.every((row) => Number(row.gmv) > bound)).toBe(true);
    const orders = await warehouse.query(
      `SELECT user_id, COUNT(*) AS value FROM orders WHERE paid_at IS NOT NULL AND user_id IS NOT NULL AND created_at >= $start AND created_at < $end GROUP BY 1 HAVING COUNT(*) >= 2`,
      window(NOVEMBER),
    );
    const repeat = await run({ metrics: ['orders'], dimensions: ['customer'], timeRange: NOVEMBER, thresholds: [{ metric: 'orders', operator: 'gte', values: [2] }] });
    expect(repeat.length).toBe(orders.rows.length);
    const between = await run({ metrics: ['gmv'], dimensions: ['customer'], timeRange: NOVEMBER, thresholds: [{ metric: 'gmv', operator: 'between', values: [amounts[0] as number, bound] }] });
    expect(between.length).toBe(amounts.filter((amount) => amount <= bound).length);
    const compiled = compileSemanticQuery({ metrics: ['gmv'], dimensions: ['customer'], timeRange: NOVEMBER, thresholds: [{ metric: 'gmv', operator: 'gt', values: [bound] }] });
    // The bound is a parameter, never SQL text.
    expect(Object.values(compiled.parameters)).toContain(bound);
    expect(compiled.assumptions.map((assumption) => assumption.en).join(' ')).toMatch(/Only the groups whose GMV is over/);
    expect(() => compileSemanticQuery({ metrics: ['gmv'], timeRange: NOVEMBER, thresholds: [{ metric: 'gmv', operator: 'gt', values: [1] }] })).toThrow(/group by what is counted/);
    expect(() => compileSemanticQuery({ metrics: ['gmv'], dimensions: ['customer'], timeRange: NOVEMBER, thresholds: [{ metric: 'orders', operator: 'gt', values: [1] }] })).toThrow(/one of the query's metrics/);
  });

  it('averages per day by weekday (each weekday over its own days) and by hour (each hour over every day)', async () => {
    const run = async (query: Record<string, unknown>) => (await warehouse.query(...sqlAndParameters(compileSemanticQuery(query)))).rows;
    const paidOrders = (grain: string) =>
      warehouse.query(`SELECT ${grain} AS key, COUNT(DISTINCT order_id) AS value FROM orders WHERE paid_at IS NOT NULL AND created_at >= $start AND created_at < $end GROUP BY 1`, window(NOVEMBER));
    // November 2025 starts on a Saturday: five Saturdays and Sundays, four of every other weekday.
    const days = new Map<number, number>();
    for (let day = NOVEMBER.start; day <= NOVEMBER.end; day = addDays(day, 1)) days.set(isoWeekday(day), (days.get(isoWeekday(day)) ?? 0) + 1);
    expect([days.get(6), days.get(7), days.get(1)]).toEqual([5, 5, 4]);
    const byWeekday = byKey(await run({ metrics: ['orders'], dimensions: ['weekday'], timeRange: NOVEMBER, average: { per: 'day' } }), 'weekday', 'orders');
    const weekdayTotals = byKey((await paidOrders('isodow(created_at)')).rows, 'key', 'value');
    expect(Object.keys(byWeekday).sort()).toEqual(['1', '2', '3', '4', '5', '6', '7']);
    for (const [weekday, average] of Object.entries(byWeekday)) expect(average).toBeCloseTo(Number(weekdayTotals[weekday] ?? 0) / Number(days.get(Number(weekday))), 9);
    // A weekend filter keeps Saturdays and Sundays, each still over its own five days.
    const weekends = byKey(await run({ metrics: ['orders'], dimensions: ['weekday'], filters: [{ dimension: 'weekday', operator: 'in', values: [6, 7] }], timeRange: NOVEMBER, average: { per: 'day' } }), 'weekday', 'orders');
    expect(weekends).toEqual({ 6: byWeekday[6], 7: byWeekday[7] });
    const byHour = byKey(await run({ metrics: ['orders'], dimensions: ['hour'], timeRange: NOVEMBER, average: { per: 'day' } }), 'hour', 'orders');
    const hourTotals = byKey((await paidOrders('hour(created_at)')).rows, 'key', 'value');
    expect(Object.keys(byHour)).toHaveLength(24);
    for (const [hour, average] of Object.entries(byHour)) expect(average).toBeCloseTo(Number(hourTotals[hour] ?? 0) / 30, 9);
    // Weeks and months of a timeline, and weekdays averaged per week, have nothing to divide by.
    expect(() => compileSemanticQuery({ metrics: ['orders'], dimensions: ['weekday'], timeRange: NOVEMBER, average: { per: 'week' } })).toThrow(/average per day by weekday/);
    expect(() => compileSemanticQuery({ metrics: ['orders'], dimensions: ['week'], timeRange: NOVEMBER, average: { per: 'day' } })).toThrow(/drop average/);
  });

  it('splits visitors into new and returning without overlap', async () => {
    const split = await warehouse.query(...sqlAndParameters(compileSemanticQuery({ metrics: ['uv'], dimensions: ['new_vs_returning'], timeRange: NOVEMBER })));
    const total = await warehouse.query(...sqlAndParameters(compileSemanticQuery({ metrics: ['uv'], timeRange: NOVEMBER })));
    const sum = split.rows.reduce((accumulator, row) => accumulator + Number(row.uv), 0);
    expect(sum).toBe(total.rows[0]?.uv);
    const newUsers = await warehouse.query(
      `WITH firsts AS (SELECT user_id, min(day) AS first_day FROM (SELECT user_id, CAST(event_time AS DATE) AS day FROM events
         UNION ALL SELECT user_id, CAST(created_at AS DATE) FROM orders WHERE user_id IS NOT NULL) GROUP BY user_id)
       SELECT COUNT(DISTINCT e.user_id) AS value FROM events e JOIN firsts f USING (user_id)
       WHERE e.event_time >= $start AND e.event_time < $end AND f.first_day >= CAST($start AS DATE)`,
      window(NOVEMBER),
    );
    expect(split.rows.find((row) => row.new_vs_returning === 'new')?.uv).toBe(newUsers.rows[0]?.value);
  });

  it('splits by segment only when user_segments exists, without fanning out duplicate rows', async () => {
    // Segments are derived data: they live in the cache schema, apart from the behaviour tables.
    await warehouse.run('CREATE SCHEMA IF NOT EXISTS shoplens_cache; CREATE TABLE shoplens_cache.user_segments (user_id BIGINT, segment VARCHAR, model VARCHAR)');
    await warehouse.run("INSERT INTO shoplens_cache.user_segments SELECT user_id, CASE WHEN user_id % 2 = 0 THEN 'even' ELSE 'odd' END, 'a' FROM users");
    await warehouse.run("INSERT INTO shoplens_cache.user_segments SELECT user_id, 'zzz', 'b' FROM users WHERE user_id % 3 = 0");
    const query = { metrics: ['gmv'], dimensions: ['segment'], timeRange: NOVEMBER };
    expect(() => compileSemanticQuery(query)).toThrow(SemanticQueryError);
    const { rows } = await warehouse.query(...sqlAndParameters(compileSemanticQuery(query, { tables: [...CORE_TABLES, 'user_segments'] })));
    const total = await warehouse.query(`SELECT SUM(oi.amount) AS value ${PAID_LINES}`, window(NOVEMBER));
    expect(rows.reduce((sum, row) => sum + Number(row.gmv), 0)).toBeCloseTo(Number(total.rows[0]?.value), 6);
    expect(new Set(rows.map((row) => row.segment))).toEqual(new Set(['even', 'odd', 'unassigned']));
  });

  it('treats filter values as data, never as SQL', async () => {
    const compiled = compileSemanticQuery({
      metrics: ['gmv'],
      filters: [{ dimension: 'city', operator: 'in', values: ["x') OR 1=1 OR ('1'='1", 'Robert"; DROP TABLE orders; --'] }],
      timeRange: NOVEMBER,
    });
    const { rows } = await warehouse.query(compiled.sql, compiled.parameters);
    expect(rows).toEqual([{ gmv: 0 }]);
    expect((await warehouse.query('SELECT COUNT(*) AS n FROM orders')).rows[0]?.n).toBeGreaterThan(0);
  });

  it('explains definitions and the window in both languages', () => {
    const { assumptions } = compileSemanticQuery({ metrics: ['conversion_rate'], dimensions: ['category'], timeRange: NOVEMBER });
    expect(assumptions[0]).toEqual({
      en: 'Period: 2025-11-01 to 2025-11-30, both days included (30 days).',
      zh: '统计期：2025-11-01 至 2025-11-30（含首尾，共 30 天）。',
    });
    expect(assumptions.some((assumption) => assumption.en.includes('Buyers ÷ visitors') && assumption.zh.includes('购买人数 ÷ 访客数'))).toBe(true);
    expect(assumptions.some((assumption) => assumption.en.includes('left out of this split'))).toBe(true);
  });

  it('rejects what it cannot answer with messages that say what to do', () => {
    const cases: [unknown, string, RegExp][] = [
      [{ metrics: ['pv'], dimensions: ['payment_method'], timeRange: NOVEMBER }, 'dimensions', /Use one of these dimensions/],
      [{ metrics: ['gmv'], dimensions: ['day'], timeRange: NOVEMBER, compareTo: OCTOBER }, 'compareTo', /Drop compareTo/],
      [{ metrics: ['gmv'], timeRange: NOVEMBER, orderBy: { field: 'pv' } }, 'orderBy', /Use one of: gmv/],
      [{ metrics: ['gmv'], timeRange: { start: '2025-11-31', end: '2025-12-01' } }, 'timeRange.start', /YYYY-MM-DD/],
      [{ metrics: ['gmv'], timeRange: { start: '2025-12-01', end: '2025-11-01' } }, 'timeRange', /on or before/],
      [{ metrics: ['gmv', 'gmv'], timeRange: NOVEMBER }, 'metrics', /twice/],
      [{ metrics: ['gmv'], dimensions: ['city"; DROP TABLE users; --'], timeRange: NOVEMBER }, 'dimensions', /not a known dimension/],
      [{ metrics: ['gmv'], filters: [{ dimension: 'day', operator: 'eq', values: ["2025-11-01' OR 1=1"] }], timeRange: NOVEMBER }, 'filters.day', /YYYY-MM-DD/],
    ];
    for (const [input, parameter, message] of cases) {
      let caught: unknown;
      try {
        compileSemanticQuery(input);
      } catch (error) {
        caught = error;
      }
      expect(caught, JSON.stringify(input)).toBeInstanceOf(SemanticQueryError);
      expect((caught as SemanticQueryError).parameter).toBe(parameter);
      expect((caught as Error).message).toMatch(message);
    }
  });
});
