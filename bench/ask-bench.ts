import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { AnalyticsAgent } from '../src/analytics/analytics-agent.ts';
import { seedDemo } from '../src/seed/seed-demo.ts';
import { Warehouse } from '../src/sql/warehouse.ts';

/** Common business questions, both languages; the bench answers each several times. */
const QUESTIONS = [
  '上周哪个品类的转化率最高?',
  'GMV by city tier last month',
  '近7天每天的订单数',
  'Top 5 brands by revenue in November',
  '上周成交额环比',
  'conversion funnel last 30 days',
  '为什么上周成交额下降了?',
  '各渠道的7日留存率',
  'average order value by device',
  '双十一的访客数和购买人数',
];

function percentile(sorted: number[], fraction: number): number {
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil(fraction * sorted.length) - 1));
  return sorted[index] ?? Number.NaN;
}

/** Offline answer latency on the default demo: p50/p95 and the share spent inside DuckDB. */
export async function runAskBench(rounds = 3): Promise<void> {
  const folder = mkdtempSync(path.join(tmpdir(), 'shoplens-ask-bench-'));
  const databasePath = path.join(folder, 'demo.duckdb');
  try {
    const seeding = await Warehouse.open({ path: databasePath, mode: 'read-write' });
    await seedDemo(seeding, {});
    seeding.close();
    const warehouse = await Warehouse.open({ path: databasePath, mode: 'sandboxed', memoryLimit: '2GB' });
    const agent = await AnalyticsAgent.create({ warehouse });
    await agent.ask(QUESTIONS[0] as string); // warm-up: value index, jieba dictionary, DuckDB caches
    const totals: number[] = [];
    let duckdbTotal = 0;
    let total = 0;
    for (let round = 0; round < rounds; round += 1) {
      for (const question of QUESTIONS) {
        const started = performance.now();
        const { answer } = await agent.ask(question);
        const elapsed = performance.now() - started;
        if (answer.status !== 'answered') process.stdout.write(`  (not answered: ${question} → ${answer.status})\n`);
        totals.push(elapsed);
        total += elapsed;
        duckdbTotal += answer.timings.duckdb_ms;
      }
    }
    warehouse.close();
    totals.sort((left, right) => left - right);
    process.stdout.write(`offline answers on the default demo (${totals.length} answers, ${QUESTIONS.length} questions × ${rounds}):\n`);
    process.stdout.write(`  p50 ${percentile(totals, 0.5).toFixed(1)} ms, p95 ${percentile(totals, 0.95).toFixed(1)} ms, max ${(totals[totals.length - 1] ?? 0).toFixed(1)} ms\n`);
    process.stdout.write(`  share of time inside DuckDB (guard check + query): ${((duckdbTotal / total) * 100).toFixed(1)}%\n`);
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await runAskBench();
