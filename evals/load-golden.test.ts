import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { GoldenFileError } from './golden-file-error.ts';
import { QUESTION_SHAPES } from './golden-schema.ts';
import { itemsOf, loadGoldenSet, parseGoldenFile } from './load-golden.ts';

const QUESTION = `
  - id: gmv-last-week-zh
    language: zh
    shape: lookup
    question: 上周成交额？
    gold_sql: SELECT 1 AS gmv
    notes: test`;

describe('parseGoldenFile', () => {
  it('reads questions with defaults for ordered and allow_empty', () => {
    const [unit] = parseGoldenFile(`questions:${QUESTION}`, 'lookup.yaml');
    expect(unit?.kind).toBe('question');
    expect(unit?.items[0]).toMatchObject({ id: 'gmv-last-week-zh', language: 'zh', shape: 'lookup', goldSql: 'SELECT 1 AS gmv', ordered: false, allowEmpty: false, file: 'lookup.yaml' });
  });

  it('numbers the turns of a chain and lets a turn inherit the chain notes', () => {
    const [unit] = parseGoldenFile(
      `questions:
  - id: chain-a
    language: en
    shape: follow_up
    notes: chain notes
    turns:
      - question: GMV last week
        gold_sql: SELECT 1
      - question: by city?
        expect_status: clarify
        notes: own notes`,
      'follow-up.yaml',
    );
    expect(unit?.kind).toBe('chain');
    expect(unit?.items.map((item) => [item.id, item.turn, item.chainId, item.notes, item.expectStatus])).toEqual([
      ['chain-a-t1', 1, 'chain-a', 'chain notes', undefined],
      ['chain-a-t2', 2, 'chain-a', 'own notes', 'clarify'],
    ]);
  });

  it('says which entry is wrong and why', () => {
    const bad = `questions:
  - id: no-expectation
    language: en
    shape: lookup
    question: GMV?
    notes: neither gold_sql nor expect_status`;
    expect(() => parseGoldenFile(bad, 'bad.yaml')).toThrow(/bad\.yaml, entry 1 \(id no-expectation\).*exactly one of gold_sql, expect_status .* or expect_tool/);
  });

  it('rejects a refusal shape without expect_status refused, unknown keys and bad ids', () => {
    const refusal = `questions:\n  - {id: r, language: en, shape: refusal, question: q, gold_sql: SELECT 1, notes: n}`;
    expect(() => parseGoldenFile(refusal, 'r.yaml')).toThrow(/refusal/);
    const unknownKey = `questions:\n  - {id: r, language: en, shape: lookup, question: q, gold_sql: SELECT 1, notes: n, gold: x}`;
    expect(() => parseGoldenFile(unknownKey, 'r.yaml')).toThrow(GoldenFileError);
    const badId = `questions:\n  - {id: Bad Id, language: en, shape: lookup, question: q, gold_sql: SELECT 1, notes: n}`;
    expect(() => parseGoldenFile(badId, 'r.yaml')).toThrow(/kebab-case/);
  });

  it('reads a model_tool question with its expected tool and arguments, also in a chain turn', () => {
    const [question, chain] = parseGoldenFile(
      `questions:
  - id: model-forecast
    language: zh
    shape: model_tool
    question: 预测下周GMV
    expect_tool:
      name: forecast_metric
      arguments:
        metric: gmv
        horizon: 7
        date_range: {start: "2025-10-01", end: "2025-10-31"}
    notes: forecast
  - id: chain-model
    language: en
    shape: follow_up
    notes: a model answer, then a follow-up
    turns:
      - question: Segment our customers by RFM
        expect_tool: {name: segment_customers, arguments: {method: rfm}}
      - question: GMV last week
        gold_sql: SELECT 1`,
      'model-tools.yaml',
    );
    expect(question?.items[0]).toMatchObject({
      shape: 'model_tool',
      expectTool: { name: 'forecast_metric', arguments: { metric: 'gmv', horizon: 7, date_range: { start: '2025-10-01', end: '2025-10-31' } } },
    });
    expect(question?.items[0]?.goldSql).toBeUndefined();
    expect(chain?.items.map((item) => item.expectTool?.name)).toEqual(['segment_customers', undefined]);
  });

  it('ties shape model_tool to expect_tool and allows only one expectation', () => {
    const withoutTool = `questions:\n  - {id: m, language: en, shape: model_tool, question: q, expect_status: refused, notes: n}`;
    expect(() => parseGoldenFile(withoutTool, 'm.yaml')).toThrow(/shape 'model_tool' goes with expect_tool/);
    const toolOnLookup = `questions:\n  - {id: m, language: en, shape: lookup, question: q, expect_tool: {name: forecast_metric}, notes: n}`;
    expect(() => parseGoldenFile(toolOnLookup, 'm.yaml')).toThrow(/shape 'model_tool' goes with expect_tool \(and only with it\)/);
    const twoExpectations = `questions:\n  - {id: m, language: en, shape: model_tool, question: q, gold_sql: SELECT 1, expect_tool: {name: forecast_metric}, notes: n}`;
    expect(() => parseGoldenFile(twoExpectations, 'm.yaml')).toThrow(/exactly one of gold_sql, expect_status/);
    const badName = `questions:\n  - {id: m, language: en, shape: model_tool, question: q, expect_tool: {name: Forecast Metric}, notes: n}`;
    expect(() => parseGoldenFile(badName, 'm.yaml')).toThrow(/snake_case/);
    const unknownKey = `questions:\n  - {id: m, language: en, shape: model_tool, question: q, expect_tool: {name: forecast_metric, args: {}}, notes: n}`;
    expect(() => parseGoldenFile(unknownKey, 'm.yaml')).toThrow(GoldenFileError);
  });

  it('reports YAML syntax errors with the file name', () => {
    try {
      parseGoldenFile('questions:\n  - id: x\n    notes: "quoted" then text', 'syntax.yaml');
      expect.unreachable('the YAML is invalid');
    } catch (error) {
      expect(error).toBeInstanceOf(GoldenFileError);
      expect((error as GoldenFileError).file).toBe('syntax.yaml');
      expect((error as Error).message).toMatch(/syntax\.yaml is not valid YAML.*line 3/);
    }
  });
});

describe('loadGoldenSet', () => {
  let directory: string | undefined;
  afterEach(() => {
    if (directory) rmSync(directory, { recursive: true, force: true });
  });

  it('rejects an id used twice across files', () => {
    directory = mkdtempSync(path.join(tmpdir(), 'golden-'));
    writeFileSync(path.join(directory, 'a.yaml'), `questions:${QUESTION}`);
    writeFileSync(path.join(directory, 'b.yaml'), `questions:${QUESTION}`);
    expect(() => loadGoldenSet(directory)).toThrow(/Duplicate id "gmv-last-week-zh" in b\.yaml \(first used in a\.yaml\)/);
  });

  it('refuses a folder without golden files', () => {
    directory = mkdtempSync(path.join(tmpdir(), 'golden-'));
    expect(() => loadGoldenSet(directory)).toThrow(/No \*\.yaml golden files/);
  });
});

const MODEL_TOOLS = [
  'segment_customers',
  'predict_purchase',
  'forecast_metric',
  'frequently_bought_together',
  'search_reviews',
  'review_insights',
  'cluster_queries',
  'find_anomalies',
  'recommend_products',
];

describe('the golden set in evals/golden', () => {
  const items = itemsOf(loadGoldenSet());

  it('has at least 200 questions, about half in each language', () => {
    expect(items.length).toBeGreaterThanOrEqual(200);
    const chinese = items.filter((item) => item.language === 'zh').length;
    expect(chinese / items.length).toBeGreaterThan(0.45);
    expect(chinese / items.length).toBeLessThan(0.55);
  });

  it('covers every shape in both languages', () => {
    for (const shape of QUESTION_SHAPES) {
      for (const language of ['zh', 'en'] as const) {
        expect(items.filter((item) => item.shape === shape && item.language === language).length, `${shape}/${language}`).toBeGreaterThan(0);
      }
    }
  });

  it('only holds read-only gold queries', () => {
    for (const item of items) {
      if (item.goldSql === undefined) continue;
      expect(item.goldSql.trimStart(), item.id).toMatch(/^(SELECT|WITH)\b/i);
      expect(item.goldSql, item.id).not.toMatch(/\b(INSERT|UPDATE|DELETE|DROP|CREATE|ALTER|COPY|ATTACH|PRAGMA)\b/i);
    }
  });

  it('asks at least 40 behaviour-model questions, 20 in each language, over all nine model tools', () => {
    const modelItems = items.filter((item) => item.shape === 'model_tool');
    for (const language of ['zh', 'en'] as const) {
      expect(modelItems.filter((item) => item.language === language).length, language).toBeGreaterThanOrEqual(20);
    }
    expect(new Set(modelItems.map((item) => item.expectTool?.name))).toEqual(new Set(MODEL_TOOLS));
    // Each tool is asked about in both languages.
    for (const tool of MODEL_TOOLS) {
      expect(new Set(modelItems.filter((item) => item.expectTool?.name === tool).map((item) => item.language)), tool).toEqual(new Set(['zh', 'en']));
    }
  });

  it('asks for an order only where the question implies one, and answers "which …" with one row', () => {
    for (const item of items) {
      if (item.ordered) expect(item.goldSql, item.id).toMatch(/ORDER BY/i);
      if (item.shape === 'ranking' && !item.ordered) expect(item.goldSql, item.id).toMatch(/LIMIT 1\s*$/);
    }
  });
});
