import type { Answer } from '../../../src/analytics/answer/answer.ts';
import { csvFileName, downloadCsv, toCsv } from '../shared/csv.ts';
import { h } from '../shared/dom.ts';
import { currentLanguage, t } from '../shared/i18n.ts';
import { columnLabel, sortableTable, type TableColumn } from '../shared/sortable-table.ts';
import type { AnswerReference, ChartChoice } from '../../../src/server/web/workspace-api-schemas.ts';
import { chartView } from './chart-view.ts';
import { chartChoiceOf } from './chart-kinds.ts';
import { pinControl } from './pin-control.ts';
import type { WorkspaceApi } from './workspace-api.ts';

function tableColumns(answer: Answer): TableColumn[] {
  return answer.columns.map((column) => ({ id: column.id, labelEn: column.label_en, labelZh: column.label_zh, unit: column.unit, currency: column.currency }));
}

/**
 * A finished answer: narrative, chart, sortable table with CSV export, the SQL and assumptions behind a
 * disclosure, and follow-up (or clarification) buttons that ask the next question in the same conversation.
 */
export interface AnswerActions {
  ask(question: string): void;
  /** The stored answer this is (its conversation and assistant message), for pinning; null while unknown. */
  reference?: AnswerReference | null;
  api?: WorkspaceApi;
  onPinned?(): void;
}

export function answerView(answer: Answer, actions: AnswerActions): { element: HTMLElement; dispose(): void } {
  const disposers: (() => void)[] = [];
  const parts: HTMLElement[] = [];
  const chartKind: ChartChoice | null = chartChoiceOf(answer.chart);
  parts.push(h('p', { class: `narrative status-${answer.status}` }, answer.answer));

  if (answer.clarification) {
    parts.push(
      h(
        'div',
        { class: 'suggestions', role: 'group', 'aria-label': t('answer.clarifyOptions') },
        answer.clarification.options.map((option) => h('button', { type: 'button', class: 'chip', onClick: () => actions.ask(option) }, option)),
      ),
    );
  }

  if (answer.chart) {
    const chart = chartView(answer.chart, answer.columns, answer.question);
    disposers.push(chart.dispose);
    parts.push(chart.element);
  }

  if (answer.rows.length > 0 && answer.columns.length > 0) {
    const columns = tableColumns(answer);
    const table = sortableTable({ columns, rows: answer.rows, caption: t('answer.tableCaption', { question: answer.question }) });
    disposers.push(table.dispose);
    const download = h('button', {
      type: 'button',
      class: 'secondary',
      i18n: 'answer.downloadCsv',
      onClick: () => {
        const csv = toCsv(
          // Amounts stay plain numbers in the file; the header names their currency.
          columns.map((column) => ({ id: column.id, label: column.currency ? `${columnLabel(column)} (${column.currency})` : columnLabel(column) })),
          answer.rows,
        );
        downloadCsv(csvFileName(answer.question), csv);
      },
    });
    const rowCount = h('span', { class: 'muted', i18n: answer.truncated ? 'answer.rowsTruncated' : 'answer.rows', i18nParameters: { count: answer.rows.length } });
    parts.push(h('div', { class: 'table-tools' }, rowCount, download), table.element);
  }

  if (answer.sql || answer.assumptions.length > 0) {
    const language = currentLanguage();
    parts.push(
      h(
        'details',
        { class: 'behind-answer' },
        h('summary', { i18n: 'answer.sqlAndAssumptions' }),
        answer.sql ? h('pre', { class: 'sql' }, h('code', null, answer.sql)) : null,
        answer.assumptions.length > 0 ? h('ul', { class: 'assumptions' }, answer.assumptions.map((assumption) => h('li', null, assumption))) : null,
        h(
          'p',
          { class: 'muted' },
          t('answer.meta', {
            planner: answer.planner,
            asOf: answer.as_of,
            total: Math.round(answer.timings.total_ms).toLocaleString(language === 'zh' ? 'zh-CN' : 'en'),
            duckdb: Math.round(answer.timings.duckdb_ms).toLocaleString(language === 'zh' ? 'zh-CN' : 'en'),
          }),
        ),
      ),
    );
  }

  const reference = actions.reference;
  if (actions.api && reference && answer.status === 'answered') {
    parts.push(h('div', { class: 'answer-actions' }, pinControl({ api: actions.api, answer: () => reference, chartKind: () => chartKind, onPinned: actions.onPinned })));
  }

  if (answer.follow_ups.length > 0) {
    parts.push(
      h(
        'div',
        { class: 'suggestions follow-ups', role: 'group', 'aria-label': t('answer.followUps') },
        h('span', { class: 'muted', i18n: 'answer.followUpsLead' }),
        answer.follow_ups.map((question) => h('button', { type: 'button', class: 'chip', onClick: () => actions.ask(question) }, question)),
      ),
    );
  }
  return { element: h('div', { class: 'answer' }, parts), dispose: () => disposers.forEach((dispose) => dispose()) };
}
