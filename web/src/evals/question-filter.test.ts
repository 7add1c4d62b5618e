import { describe, expect, it } from 'vitest';
import type { EvalQuestionIndexEntry } from '../../../src/server/web/web-api-schemas.ts';
import { accuracyMatrix, distinctValues, filterQuestions, NO_FILTER, percentText } from './question-filter.ts';

const questions: EvalQuestionIndexEntry[] = [
  { id: 'lookup-gmv-zh', question: '上周GMV', language: 'zh', shape: 'lookup', planner: 'offline', passed: true, reason: 'match', message: '', agentMs: 5 },
  { id: 'lookup-gmv-en', question: 'GMV last week', language: 'en', shape: 'lookup', planner: 'offline', passed: false, reason: 'row_mismatch', message: '', agentMs: 5 },
  { id: 'trend-gmv-en', question: 'Daily GMV', language: 'en', shape: 'trend', planner: 'llm:fake', passed: true, reason: 'match', message: '', agentMs: 50 },
];

describe('filterQuestions', () => {
  it('filters by verdict, language, shape, planner and text', () => {
    expect(filterQuestions(questions, NO_FILTER)).toHaveLength(3);
    expect(filterQuestions(questions, { ...NO_FILTER, verdict: 'failed' }).map((entry) => entry.id)).toEqual(['lookup-gmv-en']);
    expect(filterQuestions(questions, { ...NO_FILTER, language: 'en', shape: 'trend' }).map((entry) => entry.id)).toEqual(['trend-gmv-en']);
    expect(filterQuestions(questions, { ...NO_FILTER, planner: 'offline', verdict: 'passed' }).map((entry) => entry.id)).toEqual(['lookup-gmv-zh']);
    expect(filterQuestions(questions, { ...NO_FILTER, text: '上周' }).map((entry) => entry.id)).toEqual(['lookup-gmv-zh']);
    expect(filterQuestions(questions, { ...NO_FILTER, text: 'ROW_MISMATCH' }).map((entry) => entry.id)).toEqual(['lookup-gmv-en']);
  });

  it('lists distinct values for the menus', () => {
    expect(distinctValues(questions, 'planner')).toEqual(['llm:fake', 'offline']);
  });
});

describe('accuracyMatrix', () => {
  it('tallies every shape per language and overall', () => {
    const matrix = accuracyMatrix(questions);
    expect(matrix.languages).toEqual(['en', 'zh']);
    const lookup = matrix.rows.find((row) => row.shape === 'lookup');
    expect(lookup?.cells.en).toEqual({ passed: 0, total: 1, accuracy: 0 });
    expect(lookup?.cells.zh).toEqual({ passed: 1, total: 1, accuracy: 1 });
    expect(matrix.rows.find((row) => row.shape === 'trend')?.cells.zh?.total).toBe(0);
    expect(matrix.totals.en).toEqual({ passed: 1, total: 2, accuracy: 0.5 });
    expect(percentText(matrix.overall)).toBe('66.7%');
    expect(percentText({ passed: 0, total: 0, accuracy: 0 })).toBe('–');
  });
});
