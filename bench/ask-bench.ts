import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { AnalyticsAgent } from '../src/analytics/analytics-agent.ts';
import { seedDemo } from '../src/seed/seed-demo.ts';
import { Warehouse } from '../src/sql/warehouse.ts';

/** Common business questions, both languages; the bench answers each several times. */
export const QUESTIONS = [
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

/**
 * Ten other questions of other shapes and wordings (none from evals/, none tuned on), answered the same way in a
 * process of their own: a speed-up that only served the list above would show here as a gap between the two.
 */
export const SECOND_QUESTIONS = [
  '上个月各品牌的销量排名',
  'daily visitors over the last 14 days',
  '本周和上周的成交额对比',
  'conversion rate by channel this month',
  '近30天加购到购买的转化漏斗',
  'why did orders drop last week?',
  '按设备看次日留存率',
  'distribution of order amounts last month',
  '上周女性用户的成交额',
  'top 3 categories by buyers in October',
];

const LISTS: Record<string, readonly string[]> = { bench: QUESTIONS, second: SECOND_QUESTIONS };

function percentile(sorted: number[], fraction: number): number {
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil(fraction * sorted.length) - 1));
  return sorted[index] ?? Number.NaN;
}

/**
 * Both question lists on the default demo (seeded once, or `--db FILE`), each in a new process so that neither list
 * finds the code the other warmed: prints each list's numbers (see answerQuestions).
 */
export async function runAskBench(options: { db?: string; rounds?: number } = {}): Promise<void> {
  const folder = options.db ? undefined : mkdtempSync(path.join(tmpdir(), 'shoplens-ask-bench-'));
  const databasePath = options.db ?? path.join(folder as string, 'demo.duckdb');
  try {
    if (!options.db) {
      const seeding = await Warehouse.open({ path: databasePath, mode: 'read-write' });
      await seedDemo(seeding, {});
      seeding.close();
    }
    // Each list twice: with every answer running its SQL (kept results off: the planner against DuckDB's real query
    // time), then as the server answers (a repeated question reuses its result while the tables are unchanged).
    for (const kept of ['0', 'default']) {
      for (const list of Object.keys(LISTS)) {
        const child = spawnSync(process.execPath, [...process.execArgv, fileURLToPath(import.meta.url), '--db', databasePath, '--list', list, '--rounds', String(options.rounds ?? 3), '--kept', kept], { stdio: 'inherit' });
        if (child.status !== 0) throw new Error(`the ask bench of the ${list} list exited with ${child.status ?? child.signal}`);
      }
    }
  } finally {
    if (folder) rmSync(folder, { recursive: true, force: true });
  }
}

/**
 * Offline answer latency of one question list: p50/p95, the share spent inside DuckDB, the planner's time (reading the
 * question, compiling SQL, checking follow-up chips) against DuckDB's, and the slowest questions with where their
 * time went. Warm means a process that has answered one question in each language (jieba's dictionary loaded).
 */
async function answerQuestions(databasePath: string, listName: string, rounds: number, keptResults: number | undefined): Promise<void> {
  const questions = LISTS[listName];
  if (!questions) throw new Error(`No question list ${listName}; choose from ${Object.keys(LISTS).join(', ')}.`);
  const warehouse = await Warehouse.open({ path: databasePath, mode: 'sandboxed', memoryLimit: '2GB', ...(keptResults === undefined ? {} : { keptResults }) });
  const agent = await AnalyticsAgent.create({ warehouse });
  // Warm-up: one question per language (in neither list) loads jieba's dictionary. The English tagger (compromise,
  // ≈0.2 s) loads only for an English word that no list explains, which no question of either list has.
  await agent.ask('昨天的订单数');
  await agent.ask('orders yesterday');
  // As the server does once it listens: a fixed set of other questions read and compiled (planner-warm-up.ts).
  await agent.warmUp();
  const loadBefore = loadavg()[0]?.toFixed(2);
  const totals: number[] = [];
  // CPU of the whole process (JavaScript and DuckDB's threads) per answer: steadier than wall time on a busy machine.
  const cpuTimes: number[] = [];
  const perQuestion = new Map<string, { total: number[]; duckdb: number[]; planner: number[]; shape: string }>();
  let duckdbTotal = 0;
  let plannerTotal = 0;
  let total = 0;
  for (let round = 0; round < rounds; round += 1) {
    for (const question of questions) {
      const started = performance.now();
      const cpuStarted = process.cpuUsage();
      const { answer } = await agent.ask(question);
      const elapsed = performance.now() - started;
      const cpu = process.cpuUsage(cpuStarted);
      cpuTimes.push((cpu.user + cpu.system) / 1000);
      if (answer.status !== 'answered') process.stdout.write(`  (not answered: ${question} → ${answer.status})\n`);
      totals.push(elapsed);
      total += elapsed;
      duckdbTotal += answer.timings.duckdb_ms;
      plannerTotal += answer.timings.planner_ms ?? 0;
      const entry: { total: number[]; duckdb: number[]; planner: number[]; shape: string } = perQuestion.get(question) ?? { total: [], duckdb: [], planner: [], shape: answer.chart?.kind ?? 'no chart' };
      entry.total.push(elapsed);
      entry.duckdb.push(answer.timings.duckdb_ms);
      entry.planner.push(answer.timings.planner_ms ?? 0);
      perQuestion.set(question, entry);
    }
  }
  warehouse.close();
  totals.sort((left, right) => left - right);
  cpuTimes.sort((left, right) => left - right);
  const mode = keptResults === 0 ? 'every answer runs its SQL (kept results off)' : 'results reused while the tables are unchanged (as served)';
  process.stdout.write(`offline answers on the default demo, ${listName} list (${totals.length} answers, ${questions.length} questions × ${rounds}; ${mode}):\n`);
  process.stdout.write(`  p50 ${percentile(totals, 0.5).toFixed(1)} ms, p95 ${percentile(totals, 0.95).toFixed(1)} ms, max ${(totals[totals.length - 1] ?? 0).toFixed(1)} ms\n`);
  process.stdout.write(`  CPU per answer (all threads): p50 ${percentile(cpuTimes, 0.5).toFixed(1)} ms, p95 ${percentile(cpuTimes, 0.95).toFixed(1)} ms; load average ${loadBefore} at the start, ${loadavg()[0]?.toFixed(2)} at the end, on ${availableParallelism()} cores\n`);
  process.stdout.write(`  share of time inside DuckDB (guard check + query): ${((duckdbTotal / total) * 100).toFixed(1)}%\n`);
  process.stdout.write(`  planner time ${plannerTotal.toFixed(1)} ms vs DuckDB time ${duckdbTotal.toFixed(1)} ms: planner overhead ${((plannerTotal / duckdbTotal) * 100).toFixed(1)}% of DuckDB\n`);
  process.stdout.write('  per question, medians (total / DuckDB / planner ms), slowest first:\n');
  const median = (values: number[]) => percentile([...values].sort((left, right) => left - right), 0.5);
  const rows = [...perQuestion].map(([question, entry]) => ({ question, total: median(entry.total), duckdb: median(entry.duckdb), planner: median(entry.planner), shape: entry.shape }));
  for (const row of rows.sort((left, right) => right.total - left.total)) {
    process.stdout.write(`    ${row.total.toFixed(1).padStart(7)} / ${row.duckdb.toFixed(1).padStart(7)} / ${row.planner.toFixed(2).padStart(5)}  ${row.question} (${row.shape})\n`);
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const option = (name: string) => (process.argv.includes(name) ? process.argv[process.argv.indexOf(name) + 1] : undefined);
  const list = option('--list');
  const db = option('--db');
  const rounds = Number(option('--rounds') ?? 3);
  const kept = option('--kept');
  if (list && db) await answerQuestions(db, list, rounds, kept === undefined || kept === 'default' ? undefined : Number(kept));
  else await runAskBench({ db, rounds });
}
