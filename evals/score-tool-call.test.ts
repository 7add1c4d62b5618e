import { describe, expect, it } from 'vitest';
import { DisplayNames } from './display-names.ts';
import type { ExpectedTool } from './golden-schema.ts';
import { argumentDifferences, scoreToolCall, toolCallsOf } from './score-tool-call.ts';

const names = new DisplayNames([
  ['耳机', 'Headphones'],
  ['手机', 'Phones'],
]);

function toolCall(toolName: string, argumentsValue: unknown, ok = true, error?: string) {
  return { type: 'tool-call', outcome: { callId: 'c1', toolName, arguments: argumentsValue, ok, ...(error ? { error: { kind: 'bad_parameter', message: error } } : {}), elapsedMs: 3 } };
}

const plannerStep = { type: 'planner-step', planner: 'offline', step: { type: 'answer' }, elapsedMs: 1 };
const answered = { status: 'answered', answer: '…', columns: [{ id: 'aspect' }, { id: 'reviews' }], rows: [{ aspect: '音质', reviews: 12 }] };
const forecast: ExpectedTool = { name: 'forecast_metric', arguments: { metric: 'gmv', horizon: 7 } };

describe('scoreToolCall', () => {
  it('passes when the expected tool ran with the expected arguments (extra arguments are fine) and rows came back', () => {
    const verdict = scoreToolCall(forecast, answered, [plannerStep, toolCall('forecast_metric', { metric: 'gmv', horizon: 7, category: 'Phones' }), { type: 'stop', reason: 'answered' }], names);
    expect(verdict).toMatchObject({ passed: true, reason: 'match', columnMapping: null, diff: null });
    expect(verdict.message).toBe('forecast_metric answered with metric=gmv, horizon=7 (1 row(s))');
    expect(verdict.toolCheck?.calls).toEqual([{ name: 'forecast_metric', ok: true, arguments: { metric: 'gmv', horizon: 7, category: 'Phones' }, error: null }]);
  });

  it('needs only the name when no arguments are expected', () => {
    expect(scoreToolCall({ name: 'find_anomalies' }, answered, [toolCall('find_anomalies', { kind: 'both' })], names).passed).toBe(true);
  });

  it('fails with tool_not_called and quotes a refusal, e.g. a model that is not enabled', () => {
    const refusal = { status: 'refused', answer: 'This question needs the find_anomalies model, which is not enabled here.', columns: [], rows: [] };
    const verdict = scoreToolCall({ name: 'find_anomalies' }, refusal, [plannerStep], names);
    expect(verdict.reason).toBe('tool_not_called');
    expect(verdict.message).toBe('expected a call to find_anomalies; the agent called no tool (status refused: This question needs the find_anomalies model, which is not enabled here.)');
  });

  it('names the tools that were called instead', () => {
    const verdict = scoreToolCall(forecast, answered, [toolCall('query_metrics', { analysis: 'metrics' })], names);
    expect(verdict.reason).toBe('tool_not_called');
    expect(verdict.message).toMatch(/the agent called query_metrics \(status answered\)$/);
  });

  it('fails with tool_failed and the error when every call of the tool failed', () => {
    const verdict = scoreToolCall(forecast, { ...answered, status: 'error', rows: [] }, [toolCall('forecast_metric', { metric: 'gmv', horizon: 7 }, false, 'Unknown category "Toys".')], names);
    expect(verdict).toMatchObject({ passed: false, reason: 'tool_failed', message: 'forecast_metric was called but failed: Unknown category "Toys".' });
  });

  it('lists each expected argument the call got wrong or left out', () => {
    const verdict = scoreToolCall(forecast, answered, [toolCall('forecast_metric', { metric: 'orders' })], names);
    expect(verdict.reason).toBe('argument_mismatch');
    expect(verdict.toolCheck?.argumentDifferences).toEqual([
      { argument: 'metric', expected: 'gmv', actual: 'orders' },
      { argument: 'horizon', expected: 7, actual: undefined },
    ]);
    expect(verdict.message).toBe('forecast_metric was called with other arguments: metric expected "gmv", got "orders"; horizon expected 7, got (missing)');
  });

  it('accepts any one matching call when the tool ran more than once', () => {
    const transcript = [toolCall('forecast_metric', { metric: 'orders', horizon: 7 }), toolCall('forecast_metric', { metric: 'gmv', horizon: 7 })];
    expect(scoreToolCall(forecast, answered, transcript, names).passed).toBe(true);
  });

  it('still needs an answered status with at least one row', () => {
    const transcript = [toolCall('forecast_metric', { metric: 'gmv', horizon: 7 })];
    expect(scoreToolCall(forecast, { ...answered, rows: [] }, transcript, names)).toMatchObject({ passed: false, reason: 'empty_result' });
    expect(scoreToolCall(forecast, { ...answered, status: 'clarify' }, transcript, names)).toMatchObject({ passed: false, reason: 'status_mismatch' });
  });
});

describe('argumentDifferences', () => {
  it('matches nested objects as subsets and compares leaves like result cells', () => {
    const expected = { category: 'Headphones', date_range: { start: '2025-10-01', end: '2025-10-31' }, top_k: 5 };
    // 耳机 is the display name of Headphones; "5" is a numeric string; extra keys on either level are fine.
    const actual = { category: '耳机', date_range: { start: '2025-10-01', end: '2025-10-31', zone: 'utc' }, top_k: '5', polarity: 'negative' };
    expect(argumentDifferences(expected, actual, names)).toEqual([]);
  });

  it('reports the path of a nested difference, a wrong type and an array of another length', () => {
    const expected = { date_range: { start: '2025-10-01', end: '2025-10-31' }, method: 'rfm', metrics: ['gmv', 'orders'] };
    const actual = { date_range: { start: '2025-10-01', end: '2025-11-30' }, method: { name: 'rfm' }, metrics: ['gmv'] };
    expect(argumentDifferences(expected, actual, names).map((difference) => difference.argument)).toEqual(['date_range.end', 'method', 'metrics']);
  });

  it('treats arguments that are not an object as empty', () => {
    expect(argumentDifferences({ user_id: 123 }, null, names)).toEqual([{ argument: 'user_id', expected: 123, actual: undefined }]);
  });
});

describe('toolCallsOf', () => {
  it('keeps tool-call entries in order and skips other entries and malformed ones', () => {
    const calls = toolCallsOf([plannerStep, toolCall('segment_customers', { method: 'rfm' }), { type: 'tool-call', outcome: { toolName: 7 } }, toolCall('run_sql', {}, false, 'boom')]);
    expect(calls).toEqual([
      { name: 'segment_customers', ok: true, arguments: { method: 'rfm' }, error: null },
      { name: 'run_sql', ok: false, arguments: {}, error: 'boom' },
    ]);
  });
});
