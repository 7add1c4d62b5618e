import { existsSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runImport } from '../importers/run-import.ts';
import { temporaryFolder } from '../importers/test-files.ts';
import { Warehouse } from '../sql/warehouse.ts';
import { expectedFromRules, type RetailLine } from '../testing/online-retail-expected.ts';
import { AnalyticsAgent } from './analytics-agent.ts';
import type { Answer } from './answer/answer.ts';

const SAMPLE = path.resolve(process.cwd(), '../shared/data/online_retail_sample.csv');

function mostFrequent(values: readonly string[]): string {
  const counts = new Map<string, number>();
  for (const value of values) counts.set(value, (counts.get(value) ?? 0) + 1);
  return [...counts].sort((left, right) => right[1] - left[1] || left[0].localeCompare(right[0]))[0]?.[0] ?? '';
}

function monthOf(date: string): string {
  const iso = /^(\d{4})-(\d{2})/.exec(date);
  if (iso) return `${iso[1]}-${iso[2]}`;
  const us = /^(\d{1,2})\/\d{1,2}\/(\d{4})/.exec(date);
  return us ? `${us[2]}-${String(us[1]).padStart(2, '0')}` : '';
}

function sumBy<T>(items: readonly T[], key: (item: T) => string, value: (item: T) => number): Map<string, number> {
  const sums = new Map<string, number>();
  for (const item of items) sums.set(key(item), (sums.get(key(item)) ?? 0) + value(item));
  return sums;
}

const best = (sums: Map<string, number>) => [...sums].sort((left, right) => right[1] - left[1])[0] as [string, number];

/** The answers' numbers, computed from the raw CSV with the documented rules and the catalogue's definitions. */
function expectedAnswers() {
  const { keptLines, cancellationStatus } = expectedFromRules(readFileSync(SAMPLE, 'utf8'));
  const paid = keptLines.filter((line) => !line.cancelled);
  const byInvoice = new Map<string, RetailLine[]>();
  for (const line of keptLines) byInvoice.set(line.invoice, [...(byInvoice.get(line.invoice) ?? []), line]);
  const invoiceCountry = new Map([...byInvoice].map(([invoice, lines]) => [invoice, mostFrequent(lines.map((line) => line.country))]));
  const revenueCents = paid.reduce((sum, line) => sum + line.quantity * line.priceCents, 0);
  const paidInvoices = new Set(paid.map((line) => line.invoice));
  const ordersPerBuyer = new Map<number, Set<string>>();
  for (const line of paid) if (line.customer !== null) ordersPerBuyer.set(line.customer, new Set([...(ordersPerBuyer.get(line.customer) ?? []), line.invoice]));
  const titles = new Map([...sumBy(keptLines.filter((line) => line.description), (line) => line.stockCode, () => 0).keys()].map((code) => [code, mostFrequent(keptLines.filter((line) => line.stockCode === code && line.description).map((line) => line.description))]));
  const unitsByCode = sumBy(paid, (line) => line.stockCode, (line) => line.quantity);
  const [topCode, topUnits] = best(unitsByCode);
  const countryRevenue = best(sumBy(paid, (line) => invoiceCountry.get(line.invoice) ?? '', (line) => line.quantity * line.priceCents));
  const monthRevenue = best(sumBy(paid, (line) => monthOf(line.date), (line) => line.quantity * line.priceCents));
  return {
    topCountry: countryRevenue[0],
    topCountryRevenue: countryRevenue[1] / 100,
    bestMonth: monthRevenue[0],
    bestMonthRevenue: monthRevenue[1] / 100,
    topProduct: titles.get(topCode),
    topProductUnits: topUnits,
    buyers: ordersPerBuyer.size,
    repurchaseRate: [...ordersPerBuyer.values()].filter((orders) => orders.size >= 2).length / ordersPerBuyer.size,
    cancellationRate: [...cancellationStatus.values()].filter((status) => status === 'cancelled').length / byInvoice.size,
    averageOrderValue: revenueCents / 100 / paidInvoices.size,
  };
}

function pounds(value: number): string {
  return `£${value.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;
}

describe.skipIf(!existsSync(SAMPLE))('questions on the real Online Retail sample, answered in pounds (default import)', () => {
  const folder = temporaryFolder('retail-questions');
  let warehouse: Warehouse;
  let agent: AnalyticsAgent;
  const expected = existsSync(SAMPLE) ? expectedAnswers() : undefined;

  beforeAll(async () => {
    const databasePath = path.join(folder, 'retail.duckdb');
    const writer = await Warehouse.open({ path: databasePath, mode: 'read-write' });
    try {
      await runImport(writer, { format: 'online-retail', files: [SAMPLE] });
    } finally {
      writer.close();
    }
    warehouse = await Warehouse.open({ path: databasePath, mode: 'sandboxed' });
    agent = await AnalyticsAgent.create({ warehouse });
  }, 120_000);
  afterAll(() => {
    warehouse?.close();
    rmSync(folder, { recursive: true, force: true });
  });

  async function ask(question: string): Promise<Answer> {
    const { answer } = await agent.ask(question, { planner: 'offline' });
    expect(answer.status, `${question}: ${answer.answer}`).toBe('answered');
    expect(answer.language).toBe(/\p{Script=Han}/u.test(question) ? 'zh' : 'en');
    expect(answer.answer).not.toContain('¥');
    return answer;
  }

  const firstValue = (answer: Answer, column: string) => Number(answer.rows[0]?.[column]);

  it.each(['Revenue by country', '各国的销售额'])('%s: the top country and its revenue', async (question) => {
    const answer = await ask(question);
    const countryLabel = question.startsWith('各') ? '英国' : expected?.topCountry;
    expect(expected?.topCountry).toBe('United Kingdom');
    expect(answer.rows[0]?.country).toBe(countryLabel);
    expect(firstValue(answer, 'gmv')).toBeCloseTo(expected?.topCountryRevenue ?? Number.NaN, 2);
    expect(answer.answer).toContain(pounds(expected?.topCountryRevenue ?? 0));
    expect(answer.columns.find((column) => column.id === 'gmv')?.currency).toBe('GBP');
  });

  it.each(['Which month had the highest revenue?', '哪个月销售额最高'])('%s: the best month', async (question) => {
    const answer = await ask(question);
    const top = [...answer.rows].sort((left, right) => Number(right.gmv) - Number(left.gmv))[0];
    expect(String(top?.month).slice(0, 7)).toBe(expected?.bestMonth);
    expect(Number(top?.gmv)).toBeCloseTo(expected?.bestMonthRevenue ?? Number.NaN, 2);
    expect(answer.answer).toContain(pounds(expected?.bestMonthRevenue ?? 0));
  });

  it.each(['Top 5 products by units sold', '销量最高的5个商品'])('%s: the top product by quantity', async (question) => {
    const answer = await ask(question);
    expect(answer.rows[0]?.product).toBe(expected?.topProduct);
    expect(firstValue(answer, 'units')).toBe(expected?.topProductUnits);
    expect(answer.rows.length).toBe(5);
  });

  it.each(['How many customers bought something?', '有多少客户购买过'])('%s: the number of customers', async (question) => {
    expect(firstValue(await ask(question), 'buyers')).toBe(expected?.buyers);
  });

  it.each(['What is the repeat purchase rate?', '复购率是多少'])('%s: the repeat-purchase rate', async (question) => {
    expect(firstValue(await ask(question), 'repurchase_rate')).toBeCloseTo(expected?.repurchaseRate ?? Number.NaN, 9);
  });

  it.each(['cancellation rate', '取消率是多少'])('%s: the cancellation rate', async (question) => {
    expect(firstValue(await ask(question), 'cancellation_rate')).toBeCloseTo(expected?.cancellationRate ?? Number.NaN, 9);
  });

  it.each(['average order value', '客单价是多少'])('%s: the average order value, in pounds', async (question) => {
    const answer = await ask(question);
    expect(firstValue(answer, 'aov')).toBeCloseTo(expected?.averageOrderValue ?? Number.NaN, 6);
    expect(answer.answer).toContain(pounds(expected?.averageOrderValue ?? 0));
  });
});
