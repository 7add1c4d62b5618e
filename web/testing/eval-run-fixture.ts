import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

interface FixtureQuestion {
  id: string;
  language: 'en' | 'zh';
  shape: string;
  question: string;
  passed: boolean;
  reason: string;
}

function tally(questions: readonly FixtureQuestion[]) {
  const passed = questions.filter((question) => question.passed).length;
  return { passed, total: questions.length, accuracy: questions.length === 0 ? 0 : passed / questions.length };
}

function groupTally(questions: readonly FixtureQuestion[], key: (question: FixtureQuestion) => string) {
  const groups = new Map<string, FixtureQuestion[]>();
  for (const question of questions) groups.set(key(question), [...(groups.get(key(question)) ?? []), question]);
  return Object.fromEntries([...groups].map(([name, group]) => [name, tally(group)]));
}

/** A question file in the shape evals/run-files.ts writes (questionDocument), with a short transcript. */
function questionDocument(question: FixtureQuestion) {
  const goldRows = [
    { category: 'Phones', gmv: 120000.5 },
    { category: 'Headphones', gmv: 45000 },
  ];
  const answerRows = question.passed ? goldRows : goldRows.slice(0, 1);
  const arguments_ = { analysis: 'metrics', query: { metrics: ['gmv'], dimensions: ['category'], filters: [], language: question.language } };
  return {
    id: question.id,
    chain_id: null,
    turn: null,
    language: question.language,
    shape: question.shape,
    file: `${question.shape}.yaml`,
    question: question.question,
    notes: 'fixture question',
    planner: 'offline',
    routing: 'offline (confidence 0.85)',
    conversation_id: `conversation-${question.id}`,
    verdict: {
      passed: question.passed,
      reason: question.reason,
      message: question.passed ? 'result matches the gold' : `gold has ${goldRows.length} row(s), the answer has ${answerRows.length}`,
      column_mapping: question.passed ? { category: 'category', gmv: 'gmv' } : null,
    },
    expected: {
      status: 'answered',
      sql: 'SELECT p.category, SUM(oi.amount) AS gmv FROM order_items oi JOIN products p USING (product_id) GROUP BY 1',
      tool: null,
      ordered: false,
      columns: ['category', 'gmv'],
      row_count: goldRows.length,
      rows_preview: goldRows,
      elapsed_ms: 12,
      error: null,
    },
    actual: {
      status: 'answered',
      answer: question.passed ? 'Phones had the highest GMV (¥120,000.50).' : 'Phones: ¥120,000.50.',
      sql: 'SELECT category, gmv FROM answer',
      columns: [
        { id: 'category', label_en: 'Category', label_zh: '品类', unit: 'text', role: 'dimension' },
        { id: 'gmv', label_en: 'GMV', label_zh: '成交额', unit: 'currency', role: 'metric' },
      ],
      row_count: answerRows.length,
      rows_preview: answerRows,
      truncated: false,
      assumptions: ['Data as of 2025-11-30'],
      as_of: '2025-11-30',
      timings: { total_ms: 21.5, duckdb_ms: 18.25 },
      error: null,
    },
    diff: question.passed
      ? null
      : { goldRowCount: 2, answerRowCount: 1, answerColumns: ['category', 'gmv'], unmatchedGoldColumns: [], goldRowsMissing: [goldRows[1]], unexpectedAnswerRows: [], firstOrderDifference: null, hints: ['missing a GROUP BY value'] },
    transcript: [
      { type: 'planner-step', planner: 'offline', step: { type: 'tool-call', callId: 'offline-1', toolName: 'query_metrics', arguments: arguments_, rationale: 'recognised: gmv, category; confidence 0.85' }, elapsedMs: 0.4 },
      {
        type: 'tool-call',
        outcome: {
          callId: 'offline-1',
          toolName: 'query_metrics',
          arguments: arguments_,
          ok: true,
          result: { analysis: 'metrics', shape: 'breakdown', columns: [{ id: 'category', label_en: 'Category', label_zh: '品类', unit: 'text', role: 'dimension' }, { id: 'gmv', label_en: 'GMV', label_zh: '成交额', unit: 'currency', role: 'metric' }], rows: answerRows, rowCount: answerRows.length, sql: 'SELECT category, gmv FROM answer' },
          elapsedMs: 19.5,
        },
      },
      { type: 'planner-step', planner: 'offline', step: { type: 'answer' }, elapsedMs: 0.05 },
    ],
    timing: { agent_ms: 25, gold_ms: 12 },
  };
}

function writeRun(runsDirectory: string, runId: string, startedAt: string, questions: FixtureQuestion[]): void {
  const folder = path.join(runsDirectory, runId);
  mkdirSync(path.join(folder, 'questions'), { recursive: true });
  for (const question of questions) writeFileSync(path.join(folder, 'questions', `${question.id}.json`), JSON.stringify(questionDocument(question), null, 2));
  const summary = {
    runId,
    startedAt,
    finishedAt: startedAt,
    databasePath: '/tmp/demo.duckdb',
    planner: 'auto',
    goldenDirectory: 'evals/golden',
    filters: {},
    overall: tally(questions),
    byLanguage: groupTally(questions, (question) => question.language),
    byShape: groupTally(questions, (question) => question.shape),
    byPlanner: { offline: tally(questions) },
    byTool: {},
    byReason: Object.fromEntries(questions.map((question) => [question.reason, questions.filter((other) => other.reason === question.reason).length])),
    goldErrors: 0,
    agentErrors: 0,
    agentMs: { median: 25, p95: 40, max: 55 },
    failures: questions.filter((question) => !question.passed).map((question) => ({ id: question.id, language: question.language, shape: question.shape, planner: 'offline', reason: question.reason, message: 'fixture' })),
    thresholds: { minAccuracy: 0.9 },
    belowThreshold: [],
    questions: questions.map((question) => ({ id: question.id, passed: question.passed, reason: question.reason, file: `questions/${question.id}.json` })),
  };
  writeFileSync(path.join(folder, 'summary.json'), JSON.stringify(summary, null, 2));
}

/**
 * Two tiny eval runs in a temp folder, in the evals/runs format: the second fixes one question and breaks another,
 * so a comparison has something to show.
 */
export function writeEvalRunFixture(): { runsDirectory: string; olderRunId: string; newerRunId: string } {
  const runsDirectory = mkdtempSync(path.join(tmpdir(), 'shoplens-eval-runs-'));
  const base: FixtureQuestion[] = [
    { id: 'breakdown-gmv-category-en', language: 'en', shape: 'breakdown', question: 'GMV by category', passed: true, reason: 'match' },
    { id: 'breakdown-gmv-category-zh', language: 'zh', shape: 'breakdown', question: '各品类的GMV', passed: false, reason: 'row_count_mismatch' },
    { id: 'lookup-orders-en', language: 'en', shape: 'lookup', question: 'How many orders were paid?', passed: true, reason: 'match' },
    { id: 'ranking-brands-zh', language: 'zh', shape: 'ranking', question: 'GMV最高的前五个品牌', passed: true, reason: 'match' },
  ];
  const newer = base.map((question) =>
    question.id === 'breakdown-gmv-category-zh' ? { ...question, passed: true, reason: 'match' } : question.id === 'lookup-orders-en' ? { ...question, passed: false, reason: 'row_count_mismatch' } : question,
  );
  writeRun(runsDirectory, '2026-01-01T00-00-00-000Z-auto', '2026-01-01T00:00:00.000Z', base);
  writeRun(runsDirectory, '2026-01-02T00-00-00-000Z-auto', '2026-01-02T00:00:00.000Z', newer);
  return { runsDirectory, olderRunId: '2026-01-01T00-00-00-000Z-auto', newerRunId: '2026-01-02T00-00-00-000Z-auto' };
}
