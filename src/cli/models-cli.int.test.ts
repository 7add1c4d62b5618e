import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { seedDemo } from '../seed/seed-demo.ts';
import { Warehouse } from '../sql/warehouse.ts';
import { captureOutput, type CapturedOutput } from '../testing/capture-output.ts';
import { buildProgram } from './main.ts';

/** `shoplens train`, `shoplens model --json` and `shoplens sentiment` on a small seeded demo file. */
let directory: string;
let databasePath: string;
let output: CapturedOutput;

beforeAll(async () => {
  directory = mkdtempSync(path.join(tmpdir(), 'shoplens-models-cli-'));
  databasePath = path.join(directory, 'demo.duckdb');
  const warehouse = await Warehouse.open({ path: databasePath });
  await seedDemo(warehouse, { users: 400, days: 30, seed: 3 });
  warehouse.close();
}, 120_000);
afterAll(() => rmSync(directory, { recursive: true, force: true }));

beforeEach(() => {
  output = captureOutput();
});
afterEach(() => {
  output.restore();
  process.exitCode = undefined;
});

async function run(...argv: string[]): Promise<void> {
  await buildProgram().parseAsync(['node', 'shoplens', ...argv]);
}

const jsonLines = (): Record<string, unknown>[] => output.stdout.join('').trim().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>);

describe('shoplens train and shoplens model --json', () => {
  it('trains with progress on stderr, stores the report, and model --json reads it back without training', async () => {
    await run('train', 'sentiment', '--db', databasePath);
    expect(output.stdout.join('')).toMatch(/== naive-bayes.*\n.*trained on: .*held-out/);
    expect(output.stderr.join('')).toMatch(/train: 1\/1 sentiment/);
    expect(output.stderr.join('')).toMatch(/train: done in/);

    output.stdout.length = 0;
    await run('model', 'sentiment', '--json', '--db', databasePath);
    const [report] = jsonLines();
    expect(report).toMatchObject({ name: 'sentiment', reused: true, trainedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/) });
    const metrics = report?.metrics as Record<string, number>;
    expect(metrics.held_out_reviews).toBeGreaterThan(10);
    expect(metrics.accuracy).toBeGreaterThan(metrics.baseline_accuracy as number);
    expect(metrics.real_style_reviews).toBe(400);
    expect(metrics.real_style_accuracy).toBeGreaterThan(0.5);
    // The general lexicon and character n-grams carry the model beyond the demo's own phrases.
    expect(metrics.real_style_accuracy).toBeGreaterThan(metrics.words_only_real_style_accuracy as number);

    // train always trains again, even on unchanged data.
    output.stdout.length = 0;
    await run('train', 'sentiment', '--json', '--db', databasePath);
    expect(jsonLines()[0]).toMatchObject({ name: 'sentiment', reused: false });
  }, 120_000);

  it('refuses an unknown model by name before opening the warehouse', async () => {
    await expect(run('model', 'sentimnet', '--json', '--db', path.join(directory, 'never.duckdb'))).rejects.toMatchObject({ name: 'UnknownModelError', model: 'sentimnet' });
  });
});

describe('shoplens sentiment', () => {
  it('labels one text with a score and its aspects clause by clause', async () => {
    await run('sentiment', '质量不错但是物流太慢', '--json', '--db', databasePath);
    const [result] = jsonLines();
    expect(result).toMatchObject({ text: '质量不错但是物流太慢', label: expect.stringMatching(/^(positive|negative)$/) });
    expect(result?.score).toBeGreaterThanOrEqual(0);
    expect(result?.score).toBeLessThanOrEqual(1);
    expect(result?.label).toBe((result?.score as number) >= 0.5 ? 'positive' : 'negative');
    expect(result?.aspects).toEqual([
      { aspect: 'quality', polarity: 'positive', clause: '质量不错' },
      { aspect: 'logistics', polarity: 'negative', clause: '物流太慢' },
    ]);
  }, 60_000);

  it('answers each line of --file with one JSON line, blank lines included', async () => {
    const file = path.join(directory, 'texts.txt');
    writeFileSync(file, '物流很快，包装严实，好评\n\nDelivery was slow and the box arrived crushed.\n');
    await run('sentiment', '--file', file, '--json', '--db', databasePath);
    const lines = jsonLines();
    expect(lines.map((line) => line.line)).toEqual([1, 2, 3]);
    expect(lines[1]).toMatchObject({ text: '', error: 'empty line' });
    for (const line of [lines[0], lines[2]]) expect(line?.label).toBe((line?.score as number) >= 0.5 ? 'positive' : 'negative');
    expect(lines[0]).toMatchObject({ label: 'positive' });
    expect(lines[2]).toMatchObject({ label: 'negative' });
    expect(lines[2]?.aspects).toEqual(expect.arrayContaining([expect.objectContaining({ aspect: 'logistics' })]));
  }, 60_000);

  it('uses the general lexicon alone, saying so, when the shop has no rated reviews to learn from', async () => {
    const empty = path.join(directory, 'empty.duckdb');
    (await Warehouse.open({ path: empty })).close();
    await run('sentiment', '虽然有点贵，但是很值得', '--json', '--db', empty);
    expect(jsonLines()[0]).toMatchObject({
      label: 'positive',
      aspects: [{ aspect: 'price', polarity: 'negative', clause: '有点贵' }, { aspect: 'price', polarity: 'positive', clause: '很值得' }],
    });
    expect(output.stderr.join('')).toMatch(/needs at least 5 reviews[\s\S]*general zh\/en lexicon alone/);
  });

  it('without any warehouse at the default path, answers from the general lexicon', () => {
    const bin = fileURLToPath(new URL('../../bin/shoplens.js', import.meta.url));
    const environment: NodeJS.ProcessEnv = { ...process.env, SHOPLENS_USE_TSX: '1' };
    delete environment.SHOPLENS_DB;
    const result = spawnSync(process.execPath, [bin, 'sentiment', 'not bad at all', '--json'], { cwd: directory, encoding: 'utf8', env: environment, timeout: 60_000 });
    expect(result.status).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ text: 'not bad at all', label: 'positive' });
    expect(result.stderr).toContain('no warehouse at');
  }, 60_000);

  it('says what is missing or unreadable', async () => {
    await expect(run('sentiment', '--db', databasePath)).rejects.toMatchObject({ name: 'SentimentInputError', parameter: 'text' });
    await expect(run('sentiment', '--file', path.join(directory, 'missing.txt'), '--db', databasePath)).rejects.toMatchObject({
      name: 'SentimentInputError',
      parameter: '--file',
      message: expect.stringContaining('missing.txt: ENOENT'),
    });
  });
});
