import { copyFileSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { AnyTool } from '../src/agent/tool.ts';
import { ANALYTICS_TOOLS } from '../src/analytics/tools/analytics-tools.ts';
import { seedDemo } from '../src/seed/seed-demo.ts';
import { loadAsOfDate } from '../src/sql/semantic/index.ts';
import { Warehouse } from '../src/sql/warehouse.ts';

/** One typical question per behaviour-model tool, as the planner would call it. */
const CALLS: { tool: string; arguments: Record<string, unknown> }[] = [
  { tool: 'predict_purchase', arguments: { horizon_days: 7, top_k: 20 } },
  { tool: 'segment_customers', arguments: { method: 'both' } },
  { tool: 'find_anomalies', arguments: { kind: 'both' } },
  { tool: 'forecast_metric', arguments: { metric: 'gmv', horizon: 14 } },
  { tool: 'frequently_bought_together', arguments: { level: 'product' } },
  { tool: 'recommend_products', arguments: { user_id: 42 } },
  { tool: 'review_insights', arguments: { polarity: 'negative' } },
  { tool: 'search_reviews', arguments: { query: '物流太慢' } },
  { tool: 'cluster_queries', arguments: {} },
];

const seconds = (started: number): string => ((performance.now() - started) / 1000).toFixed(2);

async function callOnce(databasePath: string, call: (typeof CALLS)[number]): Promise<string> {
  const warehouse = await Warehouse.open({ path: databasePath, mode: 'sandboxed', memoryLimit: '2GB' });
  try {
    const tool = ANALYTICS_TOOLS.find((candidate) => candidate.name === call.tool) as AnyTool;
    const asOf = await loadAsOfDate(warehouse);
    const started = performance.now();
    try {
      await tool.execute(tool.parameters.parse(call.arguments), { warehouse, language: 'en', asOf });
      return seconds(started);
    } catch (error) {
      return `failed after ${seconds(started)} s: ${(error as Error).message.slice(0, 80)}`;
    }
  } finally {
    warehouse.close();
  }
}

const loadAverage = (): string => loadavg().map((value) => value.toFixed(2)).join(' ');

/** `--tools a,b` limits the section to those tools (e.g. `npm run bench models -- --tools recommend_products`). */
function chosenCalls(argv: readonly string[]): typeof CALLS {
  const index = argv.indexOf('--tools');
  if (index < 0) return CALLS;
  const names = (argv[index + 1] ?? '').split(',').filter(Boolean);
  const unknown = names.filter((name) => !CALLS.some((call) => call.tool === name));
  if (names.length === 0 || unknown.length > 0) throw new Error(`--tools takes model tool names separated by commas; unknown: ${unknown.join(', ') || '(none given)'}. Known: ${CALLS.map((call) => call.tool).join(', ')}`);
  return CALLS.filter((call) => names.includes(call.tool));
}

/**
 * Cold (first question on a fresh copy of the default demo: trains what the tool needs) and warm (the same
 * question again, each in a newly opened warehouse as a restarted server would, so in-memory caches do not count).
 */
export async function runModelsBench(argv: readonly string[] = process.argv.slice(2)): Promise<void> {
  const calls = chosenCalls(argv);
  const folder = mkdtempSync(path.join(tmpdir(), 'shoplens-models-bench-'));
  const seededPath = path.join(folder, 'seeded.duckdb');
  try {
    const writer = await Warehouse.open({ path: seededPath, mode: 'read-write' });
    await seedDemo(writer, {});
    writer.close();
    process.stdout.write('per model tool on the default demo, seconds (cold = first call on fresh data, warm = a later call in a new process-like open):\n');
    process.stdout.write(`load average before: ${loadAverage()} on ${availableParallelism()} cores\n`);
    for (const call of calls) {
      const databasePath = path.join(folder, `${call.tool}.duckdb`);
      copyFileSync(seededPath, databasePath);
      if (existsSync(`${seededPath}.wal`)) copyFileSync(`${seededPath}.wal`, `${databasePath}.wal`);
      const cold = await callOnce(databasePath, call);
      const warm = [await callOnce(databasePath, call), await callOnce(databasePath, call), await callOnce(databasePath, call)];
      process.stdout.write(`  ${call.tool.padEnd(28)} cold ${cold.padStart(6)}   warm ${warm.join(' / ')}   (load ${loadavg()[0]?.toFixed(2)})\n`);
      rmSync(databasePath, { force: true });
    }
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await runModelsBench();
