import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDemoWarehouseFile } from '../../testing/demo-warehouse.ts';
import { Warehouse } from '../../sql/warehouse.ts';
import { formatAnswerTable } from '../../cli/format-answer-table.ts';
import { AnalyticsAgent } from '../analytics-agent.ts';
import { AnswerSchema, type Answer } from './answer.ts';
import { labelContext } from './build-answer.ts';
import { ungroundedNumbers } from './verify-narrative.ts';

/** Numbers as the narrative writes them: "¥72,510.28" → 72510.28, "-54.86%" → -54.86. */
const numbersIn = (text: string): number[] => [...text.matchAll(/-?\d[\d,]*(?:\.\d+)?/g)].map((match) => Number(match[0].replace(/,/g, '')));

describe('model and "why" answers read as well as metric answers (seeded demo, offline planner)', () => {
  let demo: Awaited<ReturnType<typeof createDemoWarehouseFile>>;
  let warehouse: Warehouse;
  let agent: AnalyticsAgent;
  const ask = async (question: string): Promise<Answer> => AnswerSchema.parse((await agent.ask(question)).answer);

  beforeAll(async () => {
    demo = await createDemoWarehouseFile({ users: 600, days: 60 });
    warehouse = await Warehouse.open({ path: demo.path, mode: 'sandboxed' });
    agent = await AnalyticsAgent.create({ warehouse });
  }, 120_000);
  afterAll(() => {
    warehouse?.close();
    demo?.remove();
  });

  it.each([
    ['预测下周GMV', /合计 ¥[\d,.]+,95% 预测区间 ¥[\d,.]+ – ¥[\d,.]+/],
    ['forecast GMV for next week', /¥[\d,.]+ in total, 95% prediction interval ¥[\d,.]+ to ¥[\d,.]+/],
  ])('forecast "%s": states the week\'s total and its interval, draws the band, prints the forecast rows', async (question, headline) => {
    const answer = await ask(question);
    expect(answer.answer).toMatch(headline);
    const forecastRows = answer.rows.filter((row) => row.forecast !== null);
    expect(forecastRows.map((row) => row.date)).toEqual(['2025-12-01', '2025-12-02', '2025-12-03', '2025-12-04', '2025-12-05', '2025-12-06', '2025-12-07']);
    expect(answer.answer).toContain('2025-12-01');
    expect(answer.answer).toContain('2025-12-07');
    // The stated total is the sum of the daily forecasts; the interval contains it.
    const money = [...answer.answer.matchAll(/¥([\d,]+\.\d\d)/g)].map((match) => Number((match[1] as string).replace(/,/g, '')));
    const [total, lower, upper] = money as [number, number, number];
    const sum = forecastRows.reduce((accumulated, row) => accumulated + Number(row.forecast), 0);
    expect(total).toBeCloseTo(sum, 0);
    expect(lower).toBeLessThan(total);
    expect(upper).toBeGreaterThan(total);
    // Narrower than adding up the daily bands (the days' errors are not perfectly correlated).
    expect(upper - total).toBeLessThan(forecastRows.reduce((accumulated, row) => accumulated + Number(row.upper) - Number(row.forecast), 0));
    expect(answer.answer).not.toMatch(/无|n\/a/);

    expect(answer.chart?.kind).toBe('forecast');
    const series = answer.chart?.option.series ?? [];
    expect(series.every((entry) => entry.type === 'line')).toBe(true);
    const band = series.find((entry) => entry.areaStyle);
    expect(band?.stack).toBeDefined();
    expect(series.filter((entry) => entry.stack === band?.stack)).toHaveLength(2);
    const history = series.find((entry) => entry.name === answer.columns.find((column) => column.id === 'actual')?.[answer.language === 'zh' ? 'label_zh' : 'label_en']);
    expect(history?.data.filter((value) => value !== null)).toHaveLength(answer.rows.length - 7);

    const terminal = formatAnswerTable(answer);
    expect(terminal).toContain('2025-12-07');
    expect(terminal).not.toContain('2025-11-03');
  });

  it.each([['哪些用户下周最可能下单', 'zh'], ['who is likely to buy next week', 'en']] as const)('propensity "%s": rank, user, probability and two reasons as columns; one bar series', async (question, language) => {
    const answer = await ask(question);
    expect(answer.language).toBe(language);
    expect(answer.columns.map((column) => column.id)).toEqual(['rank', 'user_id', 'probability', 'reason_1', 'reason_2']);
    const [first] = answer.rows;
    expect(first?.rank).toBe(1);
    expect(String(first?.reason_1)).not.toContain(';');
    if (language === 'zh') expect(String(first?.reason_1)).toMatch(/\p{Script=Han}/u);
    expect(answer.answer).toContain(String(first?.user_id));
    expect(answer.answer).toContain(`${(Number(first?.probability) * 100).toFixed(2)}%`);
    expect(answer.answer).toContain(String(first?.reason_1));
    expect(answer.chart?.kind).toBe('horizontal-bar');
    expect(answer.chart?.option.series).toHaveLength(1);
    const yAxis = answer.chart?.option.yAxis;
    expect(Array.isArray(yAxis) ? undefined : yAxis?.type).toBe('category');
    expect(answer.chart?.option.xAxis?.type).toBe('value');
    // Most likely buyer drawn on top (the last category of a vertical category axis).
    expect(answer.chart?.option.series[0]?.data.at(-1)).toBe(first?.probability);
  });

  it.each([['给客户分群', 'zh'], ['segment our customers', 'en']] as const)('segmentation "%s": segments with size and value in narrative, table and chart', async (question, language) => {
    const answer = await ask(question);
    expect(answer.language).toBe(language);
    for (const id of ['segment', 'users', 'total_spend', 'spend_share']) expect(answer.columns.map((column) => column.id)).toContain(id);
    const biggestSpender = [...answer.rows].sort((left, right) => Number(right.total_spend) - Number(left.total_spend))[0];
    expect(answer.answer).toContain(String(biggestSpender?.segment));
    expect(numbersIn(answer.answer)).toContain(Number(biggestSpender?.users));
    expect(answer.answer).toContain(`${Number(biggestSpender?.total_spend).toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`);
    expect(answer.chart?.option.series.map((entry) => entry.name)).toEqual(
      ['users', 'total_spend'].map((id) => answer.columns.find((column) => column.id === id)?.[language === 'zh' ? 'label_zh' : 'label_en']),
    );
  });

  it.each([['为什么上周GMV下降了?', 'zh'], ['why did GMV drop last week', 'en']] as const)('"%s": states the change, reads one dimension at a time, names everything in the answer\'s language', async (question, language) => {
    const answer = await ask(question);
    expect(answer.status).toBe('answered');
    const context = [answer.as_of, ...answer.assumptions, ...labelContext({ columns: answer.columns, rows: [], shape: 'table', sql: '', assumptions: [] })];
    expect(ungroundedNumbers(answer.answer, answer.rows, context)).toEqual([]);
    // The change being decomposed, from the rows: the same total for every dimension of an additive metric.
    const totals = new Set(answer.rows.map((row) => Number(row.total_change).toFixed(2)));
    expect(totals.size).toBe(1);
    expect(answer.answer).toContain(Math.abs(Number(answer.rows[0]?.total_change)).toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 }));
    // How to read it: splits are not added across dimensions.
    expect(answer.answer).toMatch(language === 'zh' ? /不能相加/ : /must not be added together/);
    // Within each dimension the contributions of all its values add up to the total change (no double counting).
    const byDimension = new Map<string, typeof answer.rows>();
    for (const row of answer.rows) byDimension.set(String(row.dimension), [...(byDimension.get(String(row.dimension)) ?? []), row]);
    expect(byDimension.size).toBeGreaterThan(1);
    for (const rows of byDimension.values()) {
      if (rows.length >= 10) continue; // a dimension cut at the row limit does not show every value
      expect(rows.reduce((sum, row) => sum + Number(row.contribution), 0)).toBeCloseTo(Number(rows[0]?.total_change), 4);
    }
    // Display names, never ids: 城市等级 / 二线, City tier / tier-2 cities; the chart uses the table's names.
    const text = [answer.answer, ...answer.rows.map((row) => `${row.dimension} ${row.dimension_value}`)].join(' ');
    expect(text).not.toMatch(/city_tier|new_tier1|\btier2\b|\bios\b|mobile_web|\/ /);
    if (language === 'zh') expect([...byDimension.keys()]).toEqual(expect.arrayContaining(['城市等级', '设备', '获客渠道', '品类']));
    else expect([...byDimension.keys()]).toEqual(expect.arrayContaining(['City tier', 'Device', 'Acquisition channel', 'Category']));
    const categories = answer.chart?.option.xAxis?.data ?? [];
    expect(categories.length).toBeGreaterThan(1);
    const lead = answer.rows.filter((row) => categories.includes(String(row.dimension_value)));
    expect(new Set(lead.map((row) => row.dimension)).size).toBe(1);
    expect(answer.chart?.option.title?.text).toContain(String(lead[0]?.dimension));
    expect(answer.answer).toContain(String(lead[0]?.dimension));
  });

  it('names brands the same way in the narrative, the table and the chart of a Chinese answer', async () => {
    const answer = await ask('上周各品牌的成交额');
    const brands = answer.rows.map((row) => String(row.brand));
    expect(brands).toContain('苹果');
    expect(brands).not.toContain('Apple');
    expect(answer.chart?.option.xAxis?.data).toEqual(brands.slice(0, answer.chart?.option.xAxis?.data?.length));
  });
});
