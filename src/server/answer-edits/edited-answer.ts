import type { Answer } from '../../analytics/answer/answer.ts';
import type { RerunResult } from '../dashboards/rerun-sql.ts';

const NARRATIVE = {
  en: (rows: number, truncated: boolean) => `Re-ran your edited SQL: ${rows.toLocaleString('en-US')} row${rows === 1 ? '' : 's'}${truncated ? ' (cut off at the row cap)' : ''}. The numbers below are from your SQL, not the original answer.`,
  zh: (rows: number, truncated: boolean) => `已按你修改的 SQL 重新运行：共 ${rows.toLocaleString('zh-CN')} 行${truncated ? '（超过行数上限，已截断）' : ''}。下面的数字来自你的 SQL，而不是原来的回答。`,
};

const NOTE = {
  en: 'The SQL of this answer was edited by an analyst and re-run under the same guard as model SQL.',
  zh: '这个回答的 SQL 由分析师修改，并在与模型 SQL 相同的安全检查下重新运行。',
};

/**
 * The original answer re-run with the analyst's SQL: new SQL, columns, rows, chart and as-of date; the narrative
 * says plainly that the figures are from the edited SQL (the original narrative described other numbers), and an
 * assumption records the edit. Follow-ups and clarifications belonged to the original question and are dropped.
 */
export function editedAnswer(original: Answer, sql: string, result: RerunResult, totalMs: number): Answer {
  return {
    ...original,
    answer: NARRATIVE[original.language](result.rows.length, result.truncated),
    sql,
    columns: result.columns,
    rows: result.rows,
    truncated: result.truncated,
    chart: result.chart,
    assumptions: [...original.assumptions, NOTE[original.language]],
    follow_ups: [],
    clarification: null,
    status: 'answered',
    as_of: result.asOf,
    timings: { total_ms: totalMs, duckdb_ms: result.duckdbMs },
  };
}
