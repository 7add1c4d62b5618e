import type { Answer } from '../../../src/analytics/answer/answer.ts';
import type { AnswerReference, ChartChoice, EditedAnswer, EditSummary } from '../../../src/server/web/workspace-api-schemas.ts';
import { csvFileName, downloadCsv, toCsv } from '../shared/csv.ts';
import { h } from '../shared/dom.ts';
import { ApiError } from '../shared/fetch-json.ts';
import { currentLanguage, t, type MessageKey } from '../shared/i18n.ts';
import { columnLabel, sortableTable, type TableColumn } from '../shared/sortable-table.ts';
import { allowedChartKinds, chartChoiceOf } from './chart-kinds.ts';
import { chartView, type ChartHandle } from './chart-view.ts';
import { downloadFile } from '../shared/download-file.ts';
import { pinControl } from './pin-control.ts';
import { ratingControl } from './rating-control.ts';
import type { WorkspaceApi } from './workspace-api.ts';

function tableColumns(answer: Answer): TableColumn[] {
  return answer.columns.map((column) => ({ id: column.id, labelEn: column.label_en, labelZh: column.label_zh, unit: column.unit, currency: column.currency }));
}

export interface AnswerActions {
  ask(question: string): void;
  /** The stored answer this is (its conversation and assistant message), for pinning and editing; null while unknown. */
  reference?: AnswerReference | null;
  api?: WorkspaceApi;
  onPinned?(): void;
  /** The analyst's earlier SQL edits in this conversation (a replayed answer says it was edited and can show the edit). */
  edits?: Promise<EditSummary[]>;
}

/** "Its SQL was edited …" with a button that opens the latest edit, for an answer replayed without it. */
function editHistory(edits: Promise<EditSummary[]>, reference: AnswerReference, api: WorkspaceApi, open: (edited: EditedAnswer) => void): HTMLElement {
  const note = h('p', { class: 'edit-history', hidden: true });
  void edits.then(
    (all) => {
      const mine = all.filter((edit) => edit.seq === reference.seq);
      const latest = mine[0];
      if (!latest) return;
      const problem = h('span', { class: 'error', role: 'alert' });
      const show = h('button', {
        type: 'button',
        class: 'link-button',
        i18n: 'sqlEdit.showEdited',
        onClick: async () => {
          try {
            open(await api.openEdit({ ...reference, editId: latest.editId }));
          } catch (error) {
            problem.textContent = error instanceof ApiError ? error.message : String(error);
          }
        },
      });
      const time = new Date(latest.editedAt).toLocaleString(currentLanguage() === 'zh' ? 'zh-CN' : 'en');
      note.append(h('span', { class: 'badge edited-badge', i18n: 'answer.editedBadge' }), ' ', h('span', { class: 'muted', i18n: 'sqlEdit.history', i18nParameters: { count: mine.length, time } }), ' ', show, problem);
      note.hidden = false;
    },
    () => {},
  );
  return note;
}

const CHART_LABELS: Record<ChartChoice, MessageKey> = { bar: 'chart.bar', line: 'chart.line', area: 'chart.area', pie: 'chart.pie', table: 'chart.table' };

/**
 * Chart-type radio buttons (only the types the data allows) that redraw the chart in place, or hide it for
 * "table only".
 */
function chartSwitch(kinds: readonly ChartChoice[], initial: ChartChoice, onChange: (kind: ChartChoice) => void): HTMLElement {
  const name = `chart-kind-${Math.random().toString(36).slice(2)}`;
  return h(
    'fieldset',
    { class: 'chart-switch' },
    h('legend', { class: 'visually-hidden', i18n: 'chart.typeLabel' }),
    kinds.map((kind) => {
      const input = h('input', { type: 'radio', name, value: kind, checked: kind === initial, onChange: () => onChange(kind) });
      return h('label', { class: 'chart-choice' }, input, h('span', { i18n: CHART_LABELS[kind] }));
    }),
  );
}

/** The SQL behind the answer, with an editor that re-runs edited SQL on the server under the same guard. */
function sqlSection(answer: Answer, actions: AnswerActions, edit: EditedAnswer | null, onEdited: (edited: EditedAnswer) => void): HTMLElement | null {
  if (!answer.sql && answer.assumptions.length === 0) return null;
  const language = currentLanguage();
  const code = h('pre', { class: 'sql' }, h('code', null, answer.sql ?? ''));
  const parts: (HTMLElement | null)[] = [h('summary', { i18n: 'answer.sqlAndAssumptions' }), answer.sql ? code : null];
  const reference = actions.reference;
  if (answer.sql && actions.api && reference) {
    const api = actions.api;
    const editor = h('textarea', { class: 'sql-editor', rows: 10, spellcheck: 'false', i18nAttributes: { 'aria-label': 'sqlEdit.editorLabel' } });
    const problem = h('p', { class: 'error sql-problem', role: 'alert', hidden: true });
    const run = h('button', { type: 'submit', class: 'primary', i18n: 'sqlEdit.run' });
    const form = h('form', { class: 'sql-edit', hidden: true }, editor, h('div', { class: 'sql-edit-actions' }, run, h('button', { type: 'button', class: 'secondary', i18n: 'sqlEdit.cancel', onClick: () => (form.hidden = true) })), problem);
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      run.disabled = true;
      problem.hidden = true;
      try {
        onEdited(await api.rerun(reference, editor.value));
      } catch (error) {
        problem.textContent = t('sqlEdit.refused', { message: error instanceof ApiError ? error.message : String(error) });
        problem.hidden = false;
      } finally {
        run.disabled = false;
      }
    });
    const open = h('button', {
      type: 'button',
      class: 'secondary sql-edit-open',
      i18n: 'sqlEdit.open',
      onClick: () => {
        editor.value = answer.sql ?? '';
        form.hidden = false;
        editor.focus();
      },
    });
    parts.push(open, form);
  }
  if (edit?.originalSql) parts.push(h('p', { class: 'muted', i18n: 'sqlEdit.originalLead' }), h('pre', { class: 'sql original-sql' }, h('code', null, edit.originalSql)));
  if (answer.assumptions.length > 0) parts.push(h('ul', { class: 'assumptions' }, answer.assumptions.map((assumption) => h('li', null, assumption))));
  parts.push(
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
  );
  return h('details', { class: 'behind-answer' }, parts);
}

function renderAnswer(answer: Answer, actions: AnswerActions, edit: EditedAnswer | null, onEdited: (edited: EditedAnswer) => void, disposers: (() => void)[]): HTMLElement[] {
  const parts: HTMLElement[] = [];
  if (edit) parts.push(h('p', { class: 'edited-note' }, h('span', { class: 'badge edited-badge', i18n: 'answer.editedBadge' }), ' ', h('span', { class: 'muted', i18n: 'sqlEdit.editedAt', i18nParameters: { time: new Date(edit.editedAt).toLocaleString(currentLanguage() === 'zh' ? 'zh-CN' : 'en') } })));
  const reference = actions.reference;
  if (!edit && actions.edits && actions.api && reference) parts.push(editHistory(actions.edits, reference, actions.api, onEdited));
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

  const drawnAs = chartChoiceOf(answer.chart);
  let chartKind: ChartChoice | null = drawnAs;
  let chart: ChartHandle | null = null;
  const pngButton = h('button', {
    type: 'button',
    class: 'secondary',
    i18n: 'answer.downloadPng',
    onClick: () => {
      const png = chart?.toPng();
      if (png) downloadFile(csvFileName(answer.question).replace(/\.csv$/, '.png'), png);
    },
  });
  if (answer.chart) {
    chart = chartView(answer.chart, answer.columns, answer.question);
    disposers.push(chart.dispose);
    const kinds = allowedChartKinds(answer.chart);
    const tools = h('div', { class: 'chart-tools' }, kinds.length > 1 && drawnAs ? chartSwitch(kinds, drawnAs, (kind) => {
      chartKind = kind;
      const figure = chart?.element;
      if (figure) figure.hidden = kind === 'table';
      pngButton.disabled = kind === 'table';
      if (kind !== 'table') chart?.setKind(kind);
    }) : null, pngButton);
    parts.push(tools, chart.element);
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
    const xlsxProblem = h('span', { class: 'error', role: 'alert' });
    const xlsx =
      actions.api && reference
        ? h('button', {
            type: 'button',
            class: 'secondary',
            i18n: 'answer.downloadXlsx',
            onClick: async () => {
              xlsxProblem.textContent = '';
              try {
                const api = actions.api as WorkspaceApi;
                downloadFile(csvFileName(answer.question).replace(/\.csv$/, '.xlsx'), await api.xlsx({ ...reference, ...(edit ? { editId: edit.editId } : {}) }));
              } catch (error) {
                xlsxProblem.textContent = error instanceof Error ? error.message : String(error);
              }
            },
          })
        : null;
    const rowCount = h('span', { class: 'muted', i18n: answer.truncated ? 'answer.rowsTruncated' : 'answer.rows', i18nParameters: { count: answer.rows.length } });
    parts.push(h('div', { class: 'table-tools' }, rowCount, h('span', { class: 'export-buttons' }, download, xlsx, xlsxProblem)), table.element);
  }

  const behind = sqlSection(answer, actions, edit, onEdited);
  if (behind) parts.push(behind);

  if (actions.api && reference) {
    const shown = edit ? { ...reference, editId: edit.editId } : reference;
    // Every answer can be rated (a wrong refusal too); only answers with a result can be pinned.
    const pin = answer.status === 'answered' ? pinControl({ api: actions.api, answer: () => shown, chartKind: () => chartKind, onPinned: actions.onPinned }) : null;
    parts.push(h('div', { class: 'answer-actions' }, ratingControl({ api: actions.api, answer: () => shown }), pin));
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
  return parts;
}

/**
 * A finished answer: narrative, chart (switchable between the types its data allows, downloadable as PNG),
 * sortable table with CSV and XLSX export, the SQL (editable and re-runnable) and assumptions behind a disclosure,
 * pinning, and follow-up (or clarification) buttons that ask the next question in the same conversation.
 * Re-running edited SQL replaces the view with the edited answer, marked as edited.
 */
export function answerView(answer: Answer, actions: AnswerActions): { element: HTMLElement; dispose(): void } {
  let disposers: (() => void)[] = [];
  const element = h('div', { class: 'answer' });
  const show = (shown: Answer, edit: EditedAnswer | null) => {
    for (const dispose of disposers) dispose();
    disposers = [];
    element.dataset.edited = String(edit !== null);
    element.replaceChildren(...renderAnswer(shown, actions, edit, (edited) => show(edited.answer, edited), disposers));
  };
  show(answer, null);
  return { element, dispose: () => disposers.forEach((dispose) => dispose()) };
}
