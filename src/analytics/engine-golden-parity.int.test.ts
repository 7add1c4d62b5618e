import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { z } from 'zod';
import { resultDifferences } from '../sql/engine/testing/compare-results.ts';
import { openSeededWarehouses, type SeededWarehouses } from '../sql/engine/testing/seeded-warehouses.ts';
import type { JsonRow } from '../sql/json-values.ts';
import { Warehouse } from '../sql/warehouse.ts';
import { AnalyticsAgent, ENGINE_READY_TOOLS } from './analytics-agent.ts';
import { ANALYTICS_TOOLS } from './tools/analytics-tools.ts';

const GOLDEN = path.resolve(import.meta.dirname, '../../evals/golden');
const turnSchema = z.object({ question: z.string() }).loose();
const fileSchema = z.object({
  questions: z.array(
    z.object({ id: z.string(), question: z.string().optional(), turns: z.array(turnSchema).optional(), expect_tool: z.object({ name: z.string() }).loose().optional() }).loose(),
  ),
});
/** Every golden question, as chains of turns (a plain question is a chain of one). */
function chainsOf(file: string) {
  return fileSchema
    .parse(parse(readFileSync(path.join(GOLDEN, file), 'utf8')))
    .questions.map((entry) => ({ id: entry.id, tool: entry.expect_tool?.name, questions: entry.turns ? entry.turns.map((turn) => turn.question) : [entry.question ?? ''] }));
}
const FILES = readdirSync(GOLDEN).filter((file) => file.endsWith('.yaml'));
// Every model tool reads the behaviour tables where they are (ENGINE_READY_TOOLS); a tool outside that set would refuse
// on ClickHouse with EngineToolUnavailableError instead of answering from the state file's empty tables.
const MODEL_FILE = 'model-tools.yaml';
const CHAINS = FILES.filter((file) => file !== MODEL_FILE).flatMap(chainsOf);
// One question per model tool keeps the test short: their queries and results are compared in full in
// model-queries-parity.int.test.ts.
// The first recommendation question names a user the 400-user seed lacks, so a product-based one is added.
const ENGINE_READY_MODEL_CHAINS = [
  ...[...ENGINE_READY_TOOLS].flatMap((tool) => chainsOf(MODEL_FILE).filter((chain) => chain.tool === tool).slice(0, 1)),
  ...chainsOf(MODEL_FILE).filter((chain) => chain.id === 'model-recommend-similar-to-product-zh'),
];

const SEED = { users: 400, days: 60, seed: 7, endDate: '2025-11-30' };
let seeded: SeededWarehouses;
let duckdb: Warehouse;
let chdb: Warehouse;

beforeAll(async () => {
  seeded = await openSeededWarehouses(SEED, 'shoplens-golden-parity-');
  ({ duckdb, chdb } = seeded);
}, 120_000);

afterAll(() => seeded?.close());

interface Turn {
  status: string;
  columns: { name: string }[];
  rows: JsonRow[];
}

async function askChain(agent: AnalyticsAgent, questions: readonly string[]): Promise<Turn[]> {
  const turns: Turn[] = [];
  let conversationId: string | undefined;
  for (const question of questions) {
    const outcome = await agent.ask(question, { planner: 'offline', ...(conversationId ? { conversationId } : {}) });
    conversationId = outcome.conversationId;
    const { answer } = outcome;
    turns.push({ status: answer.status, columns: answer.columns.map((column) => ({ name: column.id })), rows: answer.rows as JsonRow[] });
  }
  return turns;
}

describe('golden questions on DuckDB and chDB over the same seeded data', () => {
  it('get the same status, columns and rows (floats to 1e-9 relative)', async () => {
    const onDuckDb = await AnalyticsAgent.create({ warehouse: duckdb });
    const onChdb = await AnalyticsAgent.create({ warehouse: chdb });
    const mismatches: string[] = [];
    let answeredWithRows = 0;
    for (const chain of CHAINS) {
      const expected = await askChain(onDuckDb, chain.questions);
      const actual = await askChain(onChdb, chain.questions);
      expected.forEach((turn, index) => {
        const other = actual[index] as Turn;
        const where = `${chain.id}#${index + 1}`;
        if (turn.status !== other.status) mismatches.push(`${where}: status ${turn.status} vs ${other.status}`);
        else if (turn.rows.length > 0) answeredWithRows += 1;
        const differences = resultDifferences(turn, other, 3);
        if (differences.length > 0) mismatches.push(`${where}: ${differences.join(' | ')}`);
      });
    }
    expect(mismatches).toEqual([]);
    expect(answeredWithRows).toBeGreaterThan(40);
  }, 240_000);

  it('answer the model-tool questions whose tools run on ClickHouse alike', async () => {
    const onDuckDb = await AnalyticsAgent.create({ warehouse: duckdb });
    const onChdb = await AnalyticsAgent.create({ warehouse: chdb });
    const mismatches: string[] = [];
    let answered = 0;
    const unanswered: string[] = [];
    for (const chain of ENGINE_READY_MODEL_CHAINS) {
      const [expected] = await askChain(onDuckDb, chain.questions.slice(0, 1));
      const [actual] = await askChain(onChdb, chain.questions.slice(0, 1));
      if (!expected || !actual) continue;
      if (expected.status !== actual.status) mismatches.push(`${chain.id}: status ${expected.status} vs ${actual.status}`);
      else if (expected.status === 'answered' && expected.rows.length > 0) answered += 1;
      else unanswered.push(`${chain.id}: ${expected.status}, ${expected.rows.length} rows`);
      const differences = resultDifferences(expected, actual, 3);
      if (differences.length > 0) mismatches.push(`${chain.id}: ${differences.join(' | ')}`);
    }
    expect(mismatches).toEqual([]);
    // One question for each model tool in ENGINE_READY_TOOLS, and the product-based recommendation.
    expect(ENGINE_READY_MODEL_CHAINS.length).toBe(10);
    // The one other is the same error on both engines: model-recommend-user-456-zh asks for user 456 of a 400-user seed.
    expect(unanswered).toEqual(['model-recommend-user-456-zh: error, 0 rows']);
    expect(answered).toBe(9);
    // segment_customers above also copied the segments into chDB (from the sandboxed state file): metrics split by them.
    const [bySegment] = await askChain(onDuckDb, ['上个月各客户分群的GMV']);
    const [bySegmentOnChdb] = await askChain(onChdb, ['上个月各客户分群的GMV']);
    expect(bySegment?.status).toBe('answered');
    expect(bySegmentOnChdb?.status).toBe('answered');
    expect(resultDifferences(bySegment as Turn, bySegmentOnChdb as Turn)).toEqual([]);
    expect(bySegment?.rows.length).toBeGreaterThan(1);
  }, 120_000);

  it('have every analytics tool in ENGINE_READY_TOOLS, so none refuses on ClickHouse', () => {
    expect(ANALYTICS_TOOLS.map((tool) => tool.name).filter((name) => !ENGINE_READY_TOOLS.has(name))).toEqual([]);
  });
});
