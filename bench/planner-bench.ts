import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { loadDataWindow } from '../src/analytics/analytics-agent.ts';
import type { AnalysisRequest } from '../src/analytics/analysis/analysis-request.ts';
import { suggestFollowUps } from '../src/analytics/answer/follow-ups.ts';
import { understandQuestion, type UnderstandInput } from '../src/analytics/understanding/understand-question.ts';
import { seedDemo } from '../src/seed/seed-demo.ts';
import { compileContribution, compileDistribution, compileFunnel, compileRetention, compileSemanticQuery, currentProfile, loadAvailableTables } from '../src/sql/semantic/index.ts';
import { valueIndexFor } from '../src/sql/values/value-index.ts';
import { Warehouse } from '../src/sql/warehouse.ts';
import { detectLanguage } from '../src/text/detect-language.ts';
import type { AnswerShape } from '../src/presentation/result-table.ts';
import { QUESTIONS as ASK_BENCH_QUESTIONS } from './ask-bench.ts';

const SHAPES: AnswerShape[] = ['single', 'ranking', 'breakdown', 'trend', 'comparison', 'funnel', 'contribution', 'retention', 'distribution'];

/** Milliseconds of CPU per call of `work`, over enough repeats to be measurable. */
function cpuPerCall(repeats: number, work: () => void): number {
  const started = process.cpuUsage();
  for (let index = 0; index < repeats; index += 1) work();
  const used = process.cpuUsage(started);
  return (used.user + used.system) / 1000 / repeats;
}

const COMPILERS: Record<AnalysisRequest['analysis'], (query: never, options: { tables: readonly string[]; derived: { userActivityDays: boolean } }) => unknown> = {
  metrics: compileSemanticQuery,
  funnel: compileFunnel,
  retention: compileRetention,
  distribution: compileDistribution,
  contribution: compileContribution,
};

/** As runAnalysis compiles a request for a DuckDB warehouse whose per-user-day cache is current. */
function compile(request: AnalysisRequest, tables: readonly string[]): void {
  COMPILERS[request.analysis](request.query as never, { tables, derived: { userActivityDays: true } });
}

/**
 * The planner's work per answer in CPU time, which a busy machine inflates far less than wall time: reading each ask
 * bench question, reading the follow-up chips after it (fresh, and with their words kept as the agent does) and
 * compiling its request. `--db PATH` measures an existing warehouse; otherwise the default demo is seeded first.
 */
export async function runPlannerBench(options: { db?: string; repeats?: number } = {}): Promise<void> {
  const folder = options.db ? undefined : mkdtempSync(path.join(tmpdir(), 'shoplens-planner-bench-'));
  const repeats = options.repeats ?? 30;
  try {
    const databasePath = options.db ?? path.join(folder as string, 'demo.duckdb');
    if (!options.db) {
      const seeding = await Warehouse.open({ path: databasePath, mode: 'read-write' });
      await seedDemo(seeding, {});
      seeding.close();
    }
    const warehouse = await Warehouse.open({ path: databasePath, mode: 'sandboxed' });
    const base = { window: await loadDataWindow(warehouse), values: await valueIndexFor(warehouse), profile: await currentProfile(warehouse) };
    const tables = await loadAvailableTables(warehouse);
    warehouse.close();
    const questions: UnderstandInput[] = [];
    const chips: UnderstandInput[] = [];
    const requests: AnalysisRequest[] = [];
    for (const question of ASK_BENCH_QUESTIONS) {
      const input = { ...base, question, language: detectLanguage(question) };
      questions.push(input);
      const understanding = understandQuestion(input);
      if (understanding.kind !== 'analysis') continue;
      requests.push(understanding.request);
      // Every chip an answer of any shape could offer after this question (the agent reads up to the first three).
      const offered = new Set(SHAPES.flatMap((shape) => suggestFollowUps(shape, [], input.language, input.language === 'zh' ? '成交额' : 'GMV')));
      for (const chip of offered) chips.push({ ...base, question: chip, language: input.language, previous: understanding.request });
    }
    const loadBefore = loadavg()[0]?.toFixed(2);
    const question = cpuPerCall(repeats, () => questions.forEach((input) => understandQuestion(input))) / questions.length;
    const freshChip = cpuPerCall(repeats, () => chips.forEach((input) => understandQuestion(input))) / chips.length;
    const keptChip = cpuPerCall(repeats, () => chips.forEach((input) => understandQuestion({ ...input, fixedPhrasing: true }))) / chips.length;
    const compiled = cpuPerCall(repeats, () => requests.forEach((request) => compile(request, tables))) / requests.length;
    process.stdout.write(`planner CPU per call (${questions.length} questions, ${chips.length} chip readings, ${requests.length} requests, × ${repeats}):\n`);
    process.stdout.write(`  question reading ${question.toFixed(3)} ms; chip reading ${freshChip.toFixed(3)} ms fresh, ${keptChip.toFixed(3)} ms with its words kept; compile ${compiled.toFixed(3)} ms\n`);
    process.stdout.write(`  per answer (question + 3 kept chips + compile): ${(question + 3 * keptChip + compiled).toFixed(2)} ms; load average ${loadBefore} at the start, ${loadavg()[0]?.toFixed(2)} at the end\n`);
  } finally {
    if (folder) rmSync(folder, { recursive: true, force: true });
  }
}
