import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { seedDemo } from '../src/seed/seed-demo.ts';
import { Warehouse } from '../src/sql/warehouse.ts';
import { runEvals } from './run-evals.ts';

const SummarySchema = z.object({
  overall: z.object({ total: z.number(), passed: z.number(), accuracy: z.number() }),
  byLanguage: z.record(z.string(), z.object({ total: z.number(), passed: z.number(), accuracy: z.number() })),
});

/**
 * The whole golden set through the offline agent on the default demo, as `npm run eval` runs it: CI fails when
 * execution accuracy drops below 90% overall or in either language.
 */
describe('golden set accuracy (offline planner, default demo)', () => {
  let directory: string;

  beforeAll(async () => {
    directory = mkdtempSync(path.join(tmpdir(), 'shoplens-accuracy-'));
    const warehouse = await Warehouse.open({ path: path.join(directory, 'demo.duckdb'), mode: 'read-write' });
    try {
      await seedDemo(warehouse, {});
    } finally {
      warehouse.close();
    }
  }, 180_000);

  afterAll(() => rmSync(directory, { recursive: true, force: true }));

  it('answers at least 90% correctly overall and in each language', async () => {
    const out = path.join(directory, 'runs');
    const code = await runEvals({ db: path.join(directory, 'demo.duckdb'), out, runId: 'ci', set: 'dev', planner: 'offline', minAccuracy: '0.9', quiet: true });
    const summary = SummarySchema.parse(JSON.parse(readFileSync(path.join(out, 'ci', 'summary.json'), 'utf8')));
    process.stdout.write(`golden accuracy: ${summary.overall.passed}/${summary.overall.total} (${(summary.overall.accuracy * 100).toFixed(1)}%); ` +
      Object.entries(summary.byLanguage).map(([language, score]) => `${language} ${(score.accuracy * 100).toFixed(1)}%`).join(', ') + '\n');
    expect(summary.overall.total).toBeGreaterThanOrEqual(200);
    expect(summary.overall.accuracy).toBeGreaterThanOrEqual(0.9);
    for (const score of Object.values(summary.byLanguage)) expect(score.accuracy).toBeGreaterThanOrEqual(0.9);
    expect(code).toBe(0);
  }, 300_000);
});
