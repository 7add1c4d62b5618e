import { describe, expect, it } from 'vitest';
import type { EvalQuestionIndexEntry } from '../../../src/server/web/web-api-schemas.ts';
import { compareRuns } from './run-compare.ts';

function entry(id: string, passed: boolean, reason = passed ? 'match' : 'row_mismatch'): EvalQuestionIndexEntry {
  return { id, question: `q ${id}`, language: 'en', shape: 'lookup', planner: 'offline', passed, reason, message: '', agentMs: 10 };
}

describe('compareRuns', () => {
  it('sorts questions into fixed, regressed, moved, added and removed', () => {
    const comparison = compareRuns(
      [entry('a', false), entry('b', true), entry('c', false, 'row_count_mismatch'), entry('d', true), entry('e', false), entry('gone', true)],
      [entry('a', true), entry('b', false), entry('c', false, 'order_mismatch'), entry('d', true), entry('e', false), entry('new', true)],
    );
    expect(comparison.fixed.map((change) => change.id)).toEqual(['a']);
    expect(comparison.regressed.map((change) => change.id)).toEqual(['b']);
    expect(comparison.reasonChanged.map((change) => `${change.before.reason}→${change.after.reason}`)).toEqual(['row_count_mismatch→order_mismatch']);
    expect(comparison.unchanged).toEqual({ passing: 1, failing: 1 });
    expect(comparison.added.map((question) => question.id)).toEqual(['new']);
    expect(comparison.removed.map((question) => question.id)).toEqual(['gone']);
  });

  it('finds nothing when a run is compared with itself', () => {
    const run = [entry('a', true), entry('b', false)];
    const comparison = compareRuns(run, run);
    expect([comparison.fixed, comparison.regressed, comparison.reasonChanged, comparison.added, comparison.removed].every((list) => list.length === 0)).toBe(true);
  });
});
