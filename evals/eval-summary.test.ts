import { describe, expect, it } from 'vitest';
import type { EvalRecord } from './evaluate-units.ts';
import { formatSummary, summarize } from './eval-summary.ts';
import type { EvalItem } from './load-golden.ts';

function record(id: string, language: 'zh' | 'en', shape: EvalItem['shape'], passed: boolean, planner = 'offline', agentMs = 10): EvalRecord {
  return {
    item: { id, language, shape, question: id, ordered: false, allowEmpty: false, notes: '', file: 'x.yaml', warehouse: 'demo' },
    conversationId: null,
    gold: null,
    goldError: null,
    outcome: {
      answer: { status: 'answered', answer: '', sql: null, columns: [], rows: [], truncated: false, assumptions: [], planner, timings: {} },
      transcript: [],
      conversationId: 'c',
    },
    agentError: null,
    agentMs,
    verdict: { passed, reason: passed ? 'match' : 'row_mismatch', message: passed ? 'ok' : 'rows differ', columnMapping: null, diff: null },
  };
}

describe('summarize', () => {
  const records = [
    record('a', 'zh', 'lookup', true, 'offline', 10),
    record('b', 'zh', 'lookup', true, 'offline', 20),
    record('c', 'zh', 'trend', false, 'llm:test', 30),
    record('d', 'en', 'lookup', true, 'offline', 40),
    record('e', 'en', 'trend', true, 'llm:test', 50),
  ];

  it('tallies accuracy overall, per language, shape and planner, and lists failures', () => {
    const summary = summarize(records, { minAccuracy: 0.7 });
    expect(summary.overall).toEqual({ passed: 4, total: 5, accuracy: 0.8 });
    expect(summary.byLanguage.zh).toEqual({ passed: 2, total: 3, accuracy: 2 / 3 });
    expect(summary.byLanguage.en).toEqual({ passed: 2, total: 2, accuracy: 1 });
    expect(summary.byShape.trend).toEqual({ passed: 1, total: 2, accuracy: 0.5 });
    expect(summary.byPlanner['llm:test']).toEqual({ passed: 1, total: 2, accuracy: 0.5 });
    expect(summary.byReason).toEqual({ match: 4, row_mismatch: 1 });
    expect(summary.failures).toEqual([{ id: 'c', language: 'zh', shape: 'trend', planner: 'llm:test', reason: 'row_mismatch', message: 'rows differ' }]);
    expect(summary.agentMs).toEqual({ median: 30, p95: 50, max: 50 });
  });

  it('separates confidently wrong answers (data, but wrong) from safe misses (clarified or refused)', () => {
    const clarified = record('f', 'en', 'lookup', false);
    const asked = { ...clarified, outcome: { ...clarified.outcome!, answer: { ...clarified.outcome!.answer, status: 'clarify' } } };
    const summary = summarize([...records, asked], { minAccuracy: 0.5 });
    expect(summary.byOutcome).toEqual({ correct: 4, safe_miss: 1, confidently_wrong: 1, error: 0 });
    expect(summary.confidentlyWrong).toEqual({ count: 1, total: 6, rate: 1 / 6 });
    expect(formatSummary(summary)).toContain('confidently wrong       1/6   16.7%');
  });

  it('flags overall and per-language accuracy below the threshold', () => {
    expect(summarize(records, { minAccuracy: 0.7 }).belowThreshold).toEqual(['zh 0.667 < 0.7']);
    expect(summarize(records, { minAccuracy: 0.9 }).belowThreshold).toEqual(['overall 0.800 < 0.9', 'zh 0.667 < 0.9']);
    expect(summarize(records, { minAccuracy: 0.5 }).belowThreshold).toEqual([]);
  });

  it('tallies model_tool items by the tool they expect and prints that section only when there are some', () => {
    const forecast = record('f', 'zh', 'model_tool', true);
    const anomalies = record('g', 'en', 'model_tool', false);
    const withTools = [
      { ...forecast, item: { ...forecast.item, expectTool: { name: 'forecast_metric' } } },
      { ...anomalies, item: { ...anomalies.item, expectTool: { name: 'find_anomalies' } } },
      ...records,
    ];
    const summary = summarize(withTools, { minAccuracy: 0.5 });
    expect(summary.byTool).toEqual({ find_anomalies: { passed: 0, total: 1, accuracy: 0 }, forecast_metric: { passed: 1, total: 1, accuracy: 1 } });
    expect(summary.byShape.model_tool).toEqual({ passed: 1, total: 2, accuracy: 0.5 });
    expect(formatSummary(summary)).toMatch(/by model tool\n  find_anomalies +0\/1 +0\.0%\n  forecast_metric +1\/1 +100\.0%/);
    expect(formatSummary(summarize(records, { minAccuracy: 0.5 }))).not.toContain('by model tool');
  });

  it('prints the tallies and the failures', () => {
    const text = formatSummary(summarize(records, { minAccuracy: 0.9 }));
    expect(text).toContain('overall                 4/5   80.0%');
    expect(text).toContain('✗ c [zh/trend/llm:test] row_mismatch: rows differ');
    expect(text).toContain('BELOW THRESHOLD: overall 0.800 < 0.9; zh 0.667 < 0.9');
  });

  it('names no item of a held-out set, only how its items failed', () => {
    const text = formatSummary(summarize(records, { minAccuracy: 0.9 }), { hideItems: true });
    expect(text).toContain('failures (1, items hidden in a held-out set): trend/row_mismatch 1');
    expect(text).not.toContain('✗');
  });
});
