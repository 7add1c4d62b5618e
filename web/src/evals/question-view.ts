import type { EvalQuestionDocument } from '../../../src/server/web/web-api-schemas.ts';
import { h } from '../shared/dom.ts';
import { t } from '../shared/i18n.ts';
import { sortableTable } from '../shared/sortable-table.ts';
import { normalizeColumns } from '../shared/table-columns.ts';
import { parseTranscript, resultTable, type TranscriptEntry } from './transcript-entries.ts';

function json(value: unknown): HTMLElement {
  return h('pre', { class: 'json' }, h('code', null, JSON.stringify(value, null, 2)));
}

function milliseconds(value: number | null | undefined): string {
  return value === null || value === undefined ? '–' : `${Math.round(value * 10) / 10} ms`;
}

function previewTable(columns: readonly unknown[] | null | undefined, rows: readonly Record<string, unknown>[] | null | undefined, caption: string): HTMLElement {
  if (!rows || rows.length === 0) return h('p', { class: 'muted', i18n: 'evals.noRows' });
  return sortableTable({ columns: normalizeColumns(columns ?? [], rows), rows, caption }).element;
}

function stepView(entry: TranscriptEntry, index: number): HTMLElement {
  const number = h('span', { class: 'step-number' }, String(index + 1));
  if (entry.type === 'planner-step') {
    const step = entry.step;
    const title =
      step.type === 'tool-call' ? t('evals.stepPlannerCall', { planner: entry.planner, tool: step.toolName ?? '?' }) : t('evals.stepPlanner', { planner: entry.planner, decision: step.type });
    return h(
      'li',
      { class: 'step planner-step', 'data-step': step.type },
      h('h4', null, number, title, h('span', { class: 'muted' }, ` · ${milliseconds(entry.elapsedMs)}`)),
      step.rationale ? h('p', null, h('strong', { i18n: 'evals.rationale' }), ' ', step.rationale) : null,
      step.text ? h('p', null, step.text) : null,
      step.question ? h('p', null, step.question) : null,
      step.options?.length ? h('p', { class: 'muted' }, step.options.join(' · ')) : null,
      step.reason ? h('p', null, step.reason) : null,
      step.arguments !== undefined ? h('details', null, h('summary', { i18n: 'evals.arguments' }), json(step.arguments)) : null,
    );
  }
  if (entry.type === 'tool-call') {
    const outcome = entry.outcome;
    const table = resultTable(outcome.result);
    const sql = typeof (outcome.result as { sql?: unknown } | undefined)?.sql === 'string' ? String((outcome.result as { sql: string }).sql) : null;
    return h(
      'li',
      { class: `step tool-step ${outcome.ok ? 'ok' : 'failed'}` },
      h('h4', null, number, t('evals.stepTool', { tool: outcome.toolName }), h('span', { class: outcome.ok ? 'badge pass' : 'badge fail' }, outcome.ok ? 'ok' : t('evals.failedBadge')), h('span', { class: 'muted' }, ` · ${milliseconds(outcome.elapsedMs)}`)),
      h('details', null, h('summary', { i18n: 'evals.arguments' }), json(outcome.arguments)),
      outcome.error ? h('p', { class: 'error' }, `${outcome.error.kind}: ${outcome.error.message}`) : null,
      sql ? h('details', null, h('summary', null, 'SQL'), h('pre', { class: 'sql' }, h('code', null, sql))) : null,
      table
        ? h(
            'details',
            { open: true },
            h('summary', null, t('evals.resultPreview', { shown: table.rows.length, total: table.rowCount ?? table.rows.length })),
            previewTable(table.columns, table.rows, t('evals.resultPreview', { shown: table.rows.length, total: table.rowCount ?? table.rows.length })),
          )
        : outcome.result !== undefined
          ? h('details', null, h('summary', { i18n: 'evals.result' }), json(outcome.result))
          : null,
    );
  }
  return h('li', { class: 'step stop-step' }, h('h4', null, number, t('evals.stepStop', { reason: entry.reason })));
}

/** One question of a run, step by step: question, verdict, planner decisions, tool calls, SQL, results, diff, timing. */
export function questionView(document: EvalQuestionDocument, backHref: string): HTMLElement {
  const { verdict, expected, actual, diff } = document;
  const steps = parseTranscript(document.transcript);
  return h(
    'article',
    { class: 'question-view', 'aria-labelledby': 'question-heading' },
    h('p', null, h('a', { href: backHref, i18n: 'evals.backToRun' })),
    h('h2', { id: 'question-heading', tabindex: '-1' }, document.question),
    h(
      'p',
      { class: 'question-meta' },
      h('span', { class: verdict.passed ? 'badge pass' : 'badge fail' }, verdict.passed ? t('evals.passed') : t('evals.failed')),
      ` ${document.id} · ${document.language} · ${document.shape} · ${document.planner}`,
      document.routing ? ` · ${document.routing}` : '',
    ),
    h('p', { class: 'verdict-message' }, h('strong', null, verdict.reason), ': ', verdict.message),
    document.notes ? h('p', { class: 'muted' }, document.notes) : null,

    h('h3', { i18n: 'evals.steps' }),
    steps.length === 0
      ? h('p', { class: 'muted', i18n: 'evals.noSteps' })
      : h(
          'ol',
          { class: 'steps' },
          steps.map((parsed, index) => (parsed.ok ? stepView(parsed.entry, index) : h('li', { class: 'step' }, json(parsed.raw)))),
        ),

    h('h3', { i18n: 'evals.answer' }),
    h('p', { class: `narrative status-${actual.status ?? 'none'}` }, actual.answer ?? t('evals.noAnswer')),
    actual.error ? h('p', { class: 'error' }, typeof actual.error === 'string' ? actual.error : JSON.stringify(actual.error)) : null,

    h('h3', { i18n: 'evals.goldVsActual' }),
    h(
      'div',
      { class: 'side-by-side' },
      h(
        'section',
        { 'aria-labelledby': 'gold-heading' },
        h('h4', { id: 'gold-heading' }, t('evals.gold', { status: expected.status ?? '–', rows: expected.row_count ?? '–' })),
        expected.sql ? h('pre', { class: 'sql' }, h('code', null, expected.sql)) : expected.tool ? json(expected.tool) : h('p', { class: 'muted', i18n: 'evals.noGoldSql' }),
        previewTable(expected.columns, expected.rows_preview, t('evals.goldRows')),
      ),
      h(
        'section',
        { 'aria-labelledby': 'actual-heading' },
        h('h4', { id: 'actual-heading' }, t('evals.actual', { status: actual.status ?? '–', rows: actual.row_count ?? '–' })),
        actual.sql ? h('pre', { class: 'sql' }, h('code', null, actual.sql)) : h('p', { class: 'muted', i18n: 'evals.noSql' }),
        previewTable(actual.columns, actual.rows_preview, t('evals.actualRows')),
      ),
    ),

    diff
      ? h(
          'section',
          { class: 'diff', 'aria-labelledby': 'diff-heading' },
          h('h3', { id: 'diff-heading', i18n: 'evals.diff' }),
          h('p', null, t('evals.rowCounts', { gold: diff.goldRowCount ?? '–', actual: diff.answerRowCount ?? '–' })),
          diff.hints?.length ? h('ul', null, diff.hints.map((hint) => h('li', null, hint))) : null,
          diff.unmatchedGoldColumns?.length
            ? h('div', null, h('h4', { i18n: 'evals.unmatchedColumns' }), h('ul', null, diff.unmatchedGoldColumns.map((column) => h('li', null, t('evals.unmatchedColumn', { gold: column.goldColumn, closest: column.closestAnswerColumn ?? '–', shared: column.sharedValues }), ' ', h('span', { class: 'muted' }, column.goldSample.join(', '))))))
            : null,
          diff.goldRowsMissing?.length ? h('div', null, h('h4', { i18n: 'evals.missingRows' }), previewTable([], diff.goldRowsMissing, t('evals.missingRows'))) : null,
          diff.unexpectedAnswerRows?.length ? h('div', null, h('h4', { i18n: 'evals.unexpectedRows' }), previewTable([], diff.unexpectedAnswerRows, t('evals.unexpectedRows'))) : null,
          diff.firstOrderDifference ? h('div', null, h('h4', null, t('evals.orderDifference', { position: diff.firstOrderDifference.position })), json(diff.firstOrderDifference)) : null,
        )
      : null,
    verdict.argument_differences !== undefined ? h('details', { open: true }, h('summary', { i18n: 'evals.argumentDifferences' }), json(verdict.argument_differences)) : null,

    h('h3', { i18n: 'evals.timing' }),
    h(
      'dl',
      { class: 'timing' },
      h('dt', { i18n: 'evals.agentTime' }),
      h('dd', null, milliseconds(document.timing.agent_ms)),
      h('dt', { i18n: 'evals.goldTime' }),
      h('dd', null, milliseconds(document.timing.gold_ms)),
      actual.timings ? [h('dt', { i18n: 'evals.duckdbTime' }), h('dd', null, milliseconds(actual.timings.duckdb_ms))] : null,
    ),
    actual.assumptions?.length ? h('details', null, h('summary', { i18n: 'evals.assumptions' }), h('ul', null, actual.assumptions.map((assumption) => h('li', null, assumption)))) : null,
  );
}
