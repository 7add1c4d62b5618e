import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { QUESTIONS, SECOND_QUESTIONS } from '../../bench/ask-bench.ts';
import { ValueIndex } from '../sql/values/value-index.ts';
import { ENUMERATED_VALUES } from '../sql/values/value-vocabulary.ts';
import { understandQuestion } from './understanding/understand-question.ts';
import { WARM_UP_QUESTIONS, warmUpPlanner } from './planner-warm-up.ts';
import { detectLanguage } from '../text/detect-language.ts';

const values = new ValueIndex([...ENUMERATED_VALUES]);
const window = { start: '2025-09-02', asOf: '2025-11-30' };

describe('warmUpPlanner', () => {
  it('reads questions of every shape in both languages, each one an analysis the planner would run', () => {
    const kinds = WARM_UP_QUESTIONS.map((question) => understandQuestion({ question, language: detectLanguage(question), window, values }));
    expect(WARM_UP_QUESTIONS.filter((_, index) => kinds[index]?.kind !== 'analysis')).toEqual([]);
    const analyses = new Set(kinds.map((understanding) => (understanding.kind === 'analysis' ? understanding.request.analysis : '')));
    expect([...analyses].sort()).toEqual(['contribution', 'distribution', 'funnel', 'metrics', 'retention']);
    expect(new Set(WARM_UP_QUESTIONS.map(detectLanguage))).toEqual(new Set(['en', 'zh']));
    expect(warmUpPlanner({ values, window, tables: ['events', 'orders', 'order_items', 'products', 'users', 'reviews'] })).toBeGreaterThan(0);
  });

  it('never warms up with a question a benchmark or the dev set asks (it would measure nothing)', () => {
    const golden = readdirSync(new URL('../../evals/golden/', import.meta.url)).map((file) => readFileSync(new URL(`../../evals/golden/${file}`, import.meta.url), 'utf8')).join('\n');
    const asked = new Set([...QUESTIONS, ...SECOND_QUESTIONS]);
    expect(WARM_UP_QUESTIONS.filter((question) => asked.has(question) || golden.includes(question))).toEqual([]);
  });
});
