import { withinDataTimeline } from './timeline-coverage.ts';
import { z } from 'zod';
import type { JsonValue } from '../../sql/json-values.ts';
import { findMetric } from '../../sql/semantic/index.ts';
import type { AgentRun } from '../../agent/agent-loop.ts';
import type { ToolOutcome } from '../../agent/planner.ts';
import type { Language } from '../../text/language.ts';
import type { Answer } from './answer.ts';
import { chartFor } from './chart-spec.ts';
import { suggestFollowUps } from './follow-ups.ts';
import { narrate } from './narrative.ts';
import { restateRequest } from '../understanding/restate-request.ts';
import { withDisplayLabels } from './display-labels.ts';
import { modelChart } from './model-chart.ts';
import { modelHeadline } from './model-narrative.ts';
import type { AnswerShape, ResultTable } from '../../presentation/result-table.ts';
import { ungroundedNumbers } from './verify-narrative.ts';
import { rankSentence } from './rank-position.ts';
import { countSentence, countTable } from './count-values.ts';
import { perGroupLeaders } from './per-group-leaders.ts';
import { premiseCorrection } from './premise-check.ts';
import { coverageNotice } from './coverage-notice.ts';

export interface BuildAnswerInput {
  run: AgentRun;
  /** First and last date with data: a period outside it is reported as having no data, not as zeros. */
  dataWindow?: { start: string; asOf: string };
  question: string;
  language: Language;
  asOf: string;
  conversationId: string | null;
  totalMs: number;
  /** Time the offline planner spent reading the question (SQL compile time is added from the tool results). */
  plannerMs?: number;
  labelValue?: (columnId: string, value: JsonValue, language: Language) => string;
}

function requestedRange(outcome: ToolOutcome | undefined, field: 'timeRange' | 'compareTo' = 'timeRange'): { start: string; end: string } | undefined {
  const query = (outcome?.arguments as { query?: Record<string, { start?: unknown; end?: unknown } | undefined> } | undefined)?.query;
  const range = query?.[field];
  return typeof range?.start === 'string' && typeof range.end === 'string' ? { start: range.start, end: range.end } : undefined;
}

const AskedShape = z.object({
  query: z.object({
    rankOf: z.object({ dimension: z.string(), value: z.union([z.string(), z.number()]) }).optional(),
    countOf: z.object({ dimension: z.string() }).optional(),
    limitPerGroup: z.number().optional(),
    thresholds: z.array(z.object({ metric: z.string(), operator: z.enum(['gt', 'gte', 'lt', 'lte', 'between']), values: z.array(z.number()) })).optional(),
  }),
});

/**
 * The opening sentence of a metrics answer whose query asked for a shape the generic narrative does not tell: one
 * value's rank ("杭州排第几"), a count of values ("how many distinct products"), or the leader of each group.
 */
function askedShapeSentence(outcome: ToolOutcome | undefined, table: ResultTable, language: Language, labelValue: BuildAnswerInput['labelValue']): string | undefined {
  if (outcome?.toolName !== 'query_metrics') return undefined;
  const parsed = AskedShape.safeParse(outcome.arguments);
  if (!parsed.success) return undefined;
  const { rankOf, countOf, limitPerGroup, thresholds } = parsed.data.query;
  if (rankOf) {
    const ranking = rankSentence(table, rankOf, language, labelValue);
    return 'sentence' in ranking ? ranking.sentence : ranking.missing;
  }
  if (countOf) return countSentence(table, countOf.dimension, language, labelValue, thresholds);
  if (limitPerGroup !== undefined) return perGroupLeaders(table, language, labelValue);
  return undefined;
}

const COMPARISON_COLUMN = /_(previous|change|change_pct)$/;

/**
 * A comparison period the data does not cover reads as 0 ("¥3,026,987 vs ¥0.00") or as "not computable", which
 * looks like an answer; say that there is nothing to compare with, and give the current period on its own.
 */
function uncoveredComparison(table: ResultTable, compareTo: { start: string; end: string }, window: { start: string; asOf: string }, language: Language, periodText: string | undefined, labelValue: BuildAnswerInput['labelValue']): { notice: string; narrative: string; table: ResultTable } | undefined {
  if (compareTo.end >= window.start && compareTo.start <= window.asOf) return undefined;
  const columns = table.columns.filter((column) => !COMPARISON_COLUMN.test(column.id));
  const current: ResultTable = { ...table, columns, shape: columns.some((column) => column.role === 'dimension') ? 'breakdown' : 'single' };
  const notice = language === 'zh'
    ? `对比期 ${compareTo.start} 至 ${compareTo.end} 没有数据(仓库的数据范围是 ${window.start} 至 ${window.asOf}),所以无法对比;下面只给出本期的数值。`
    : `There is no data for the comparison period ${compareTo.start} to ${compareTo.end} (the warehouse covers ${window.start} to ${window.asOf}), so there is nothing to compare with; here is the current period on its own.`;
  return { notice, narrative: narrate(current, { language, periodLabel: periodText, labelValue }), table: current };
}

/** Words in column labels ("Week-1 retention") are not numbers a narrative states. */
export function labelContext(table: ResultTable): string[] {
  return table.columns.flatMap((column) => [column.label_en, column.label_zh]);
}

function isResultTable(value: unknown): value is ResultTable & { duckdbMs?: number; compileMs?: number } {
  return typeof value === 'object' && value !== null && 'rows' in value && 'columns' in value && 'shape' in value;
}

/** How each behaviour-model tool's table reads best, for narrative and chart. */
const MODEL_TOOL_SHAPES: Record<string, AnswerShape> = {
  forecast_metric: 'trend',
  segment_customers: 'breakdown',
  cluster_queries: 'breakdown',
  frequently_bought_together: 'ranking',
  predict_purchase: 'ranking',
  review_insights: 'ranking',
  recommend_products: 'ranking',
  find_anomalies: 'ranking',
  search_reviews: 'table',
};

interface ModelToolResult {
  columns: ResultTable['columns'];
  rows: ResultTable['rows'];
  sql?: string;
  notes?: unknown;
  encoder?: unknown;
}

function isModelToolResult(value: unknown): value is ModelToolResult {
  return typeof value === 'object' && value !== null && Array.isArray((value as ModelToolResult).rows) && Array.isArray((value as ModelToolResult).columns);
}

/** The result table of an outcome: a semantic/SQL result as is, a model tool's table with its notes as assumptions. */
function tableOf(outcome: ToolOutcome): (ResultTable & { duckdbMs?: number }) | undefined {
  if (!outcome.ok) return undefined;
  if (isResultTable(outcome.result)) return outcome.result;
  if (!isModelToolResult(outcome.result)) return undefined;
  const result = outcome.result;
  const notes = Array.isArray(result.notes) ? result.notes.filter((note): note is string => typeof note === 'string') : [];
  if (typeof result.encoder === 'string') notes.push(`encoder: ${result.encoder}`);
  return {
    shape: MODEL_TOOL_SHAPES[outcome.toolName] ?? 'table',
    columns: result.columns,
    rows: result.rows,
    sql: typeof result.sql === 'string' ? result.sql : '',
    assumptions: [{ en: `Answered by the ${outcome.toolName} model.`, zh: `由 ${outcome.toolName} 模型回答。` }, ...notes.map((note) => ({ en: note, zh: note }))],
  };
}

function lastTable(outcomes: readonly ToolOutcome[]): (ResultTable & { duckdbMs?: number }) | undefined {
  for (const outcome of [...outcomes].reverse()) {
    const table = tableOf(outcome);
    if (table) return table;
  }
  return undefined;
}

function errorMessage(outcome: ToolOutcome | undefined, language: Language): string {
  if (!outcome?.error) return language === 'zh' ? '没能得到结果。' : 'No result could be produced.';
  return outcome.error.message;
}

/** The name of the metric a semantic request asked about, for follow-up chips that must name it. */
function metricNameOf(outcome: ToolOutcome | undefined, language: Language): string | undefined {
  const query = (outcome?.arguments as { query?: { metric?: unknown; metrics?: unknown } } | undefined)?.query;
  const id = typeof query?.metric === 'string' ? query.metric : Array.isArray(query?.metrics) && typeof query.metrics[0] === 'string' ? query.metrics[0] : undefined;
  const metric = id ? findMetric(id) : undefined;
  if (!metric) return undefined;
  return language === 'zh' ? metric.name_zh.replace(/（.*）$/, '') : metric.name_en.replace(/ \(.*\)$/, '');
}

function periodLabel(range: { start: string; end: string } | undefined, language: Language): string | undefined {
  if (!range) return undefined;
  return language === 'zh' ? `${range.start} 至 ${range.end}` : `${range.start} to ${range.end}`;
}

/**
 * Turns a finished agent run into the Answer users see: narrative, table, chart, SQL, assumptions and
 * follow-ups. A planner's own narrative is kept only if every number in it traces back to the rows.
 */
export function buildAnswer(input: BuildAnswerInput): Answer {
  const { run, language } = input;
  const outcomes = run.state.toolOutcomes;
  const duckdbMs = outcomes.reduce((total, outcome) => total + (isResultTable(outcome.result) ? (outcome.result.duckdbMs ?? 0) : 0), 0);
  const compileMs = outcomes.reduce((total, outcome) => total + (isResultTable(outcome.result) ? (outcome.result.compileMs ?? 0) : 0), 0);
  const base = {
    language,
    question: input.question,
    planner: run.planner,
    as_of: input.asOf,
    conversation_id: input.conversationId,
    timings: { total_ms: Math.round(input.totalMs * 10) / 10, duckdb_ms: Math.round(duckdbMs * 10) / 10, planner_ms: Math.round(((input.plannerMs ?? 0) + compileMs) * 100) / 100 },
    sql: null,
    columns: [],
    rows: [],
    truncated: false,
    chart: null,
    assumptions: [] as string[],
    follow_ups: [] as string[],
    clarification: null,
  };
  const asOfNote = language === 'zh' ? `数据截至 ${input.asOf}` : `Data as of ${input.asOf}`;
  const ending = run.ending;
  switch (ending.type) {
    case 'refuse':
      return { ...base, status: 'refused', answer: ending.reason, assumptions: [asOfNote] };
    case 'clarify':
      return { ...base, status: 'clarify', answer: ending.question, clarification: { question: ending.question, options: ending.options }, assumptions: [asOfNote] };
    case 'stopped': {
      const failed = [...outcomes].reverse().find((outcome) => !outcome.ok);
      return { ...base, status: 'error', answer: `${errorMessage(failed, language)} (${ending.reason})`, assumptions: [asOfNote] };
    }
    case 'answer':
      break;
  }
  const found = withinDataTimeline(lastTable(outcomes), input.dataWindow);
  const table = found ? { ...found, ...withDisplayLabels(found, language, input.labelValue) } : undefined;
  if (!table) {
    const failed = [...outcomes].reverse().find((outcome) => !outcome.ok);
    if (failed) return { ...base, status: 'error', answer: errorMessage(failed, language), assumptions: [asOfNote] };
    const text = ending.text ?? '';
    if (ungroundedNumbers(text, [], [input.asOf]).length > 0 || !text) {
      return { ...base, status: 'error', answer: language === 'zh' ? '没有查询结果可以支撑这个回答,请换个问法。' : 'No query result supports an answer; please rephrase the question.', assumptions: [asOfNote] };
    }
    return { ...base, status: 'answered', answer: text, assumptions: [asOfNote] };
  }

  const assumptions = [asOfNote, ...table.assumptions.map((assumption) => (language === 'zh' ? assumption.zh : assumption.en))];
  const range = requestedRange([...outcomes].reverse().find((outcome) => tableOf(outcome) !== undefined));
  const window = input.dataWindow;
  if (range && window && (range.end < window.start || range.start > window.asOf)) {
    const message = language === 'zh'
      ? `${range.start} 至 ${range.end} 没有数据:仓库的数据范围是 ${window.start} 至 ${window.asOf}。`
      : `There is no data for ${range.start} to ${range.end}: the warehouse covers ${window.start} to ${window.asOf}.`;
    // Nothing to answer with: a clarifying question (which period?), not an answer of zeros or "no rows".
    const options = window ? [language === 'zh' ? `${window.start} 至 ${window.asOf}` : `${window.start} to ${window.asOf}`] : [];
    return { ...base, status: 'clarify', answer: message, clarification: { question: message, options }, sql: table.sql, columns: table.columns, rows: [], assumptions };
  }
  // Semantic answers open with the question as understood; model tools state their own subject and headline.
  const answered = [...outcomes].reverse().find((outcome) => tableOf(outcome) !== undefined);
  const compareTo = answered?.toolName === 'query_metrics' && (answered.arguments as { analysis?: string }).analysis === 'metrics' ? requestedRange(answered, 'compareTo') : undefined;
  const uncovered = compareTo && window ? uncoveredComparison(table, compareTo, window, language, periodLabel(range, language), input.labelValue) : undefined;
  if (uncovered) {
    // The current period is answered; the comparison asked for cannot be, so the answer asks instead of pretending.
    const answer = [restateRequest(answered?.arguments as Parameters<typeof restateRequest>[0], language, input.labelValue), window ? coverageNotice(range, undefined, window, language) : undefined, uncovered.notice, uncovered.narrative].filter(Boolean).join(language === 'zh' ? '' : ' ');
    return {
      ...base,
      status: 'clarify',
      clarification: { question: uncovered.notice, options: [] },
      answer,
      sql: table.sql || null,
      columns: uncovered.table.columns,
      rows: table.rows,
      truncated: table.truncated ?? false,
      chart: chartFor(uncovered.table, language, input.labelValue),
      assumptions,
      follow_ups: suggestFollowUps(table.shape, table.columns.filter((column) => column.role === 'dimension').map((column) => column.id), language),
    };
  }
  const headline = answered && answered.toolName !== 'query_metrics' ? modelHeadline(answered.toolName, answered.result, table.columns, language) : undefined;
  const narrated = headline ?? askedShapeSentence(answered, table, language, input.labelValue) ?? narrate(table, { language, periodLabel: periodLabel(range, language), labelValue: input.labelValue });
  const restated = answered?.toolName === 'query_metrics' ? restateRequest(answered.arguments as Parameters<typeof restateRequest>[0], language, input.labelValue) : undefined;
  // "why did X drop" when X rose: say so before explaining.
  const asked = answered?.toolName === 'query_metrics' ? (answered.arguments as { query?: { metric?: unknown; metrics?: unknown } }).query : undefined;
  const askedMetric = typeof asked?.metric === 'string' ? asked.metric : Array.isArray(asked?.metrics) && typeof asked.metrics[0] === 'string' ? asked.metrics[0] : undefined;
  const askedMetricName = askedMetric ? ((language === 'zh' ? findMetric(askedMetric)?.name_zh : findMetric(askedMetric)?.name_en) ?? askedMetric) : '';
  const correction = askedMetric ? premiseCorrection(input.question, table.rows, askedMetric, askedMetricName, language) : undefined;
  const comparedWith = answered?.toolName === 'query_metrics' ? requestedRange(answered, 'compareTo') : undefined;
  const coverage = window && answered?.toolName === 'query_metrics' ? coverageNotice(range, comparedWith, window, language) : undefined;
  const opening = [restated, coverage, correction].filter(Boolean).join(language === 'zh' ? '' : ' ');
  let answer = opening ? `${opening}${language === 'zh' ? '' : ' '}${narrated}` : narrated;
  if (ending.text && ending.text.trim()) {
    const ungrounded = ungroundedNumbers(ending.text, table.rows, [input.asOf, ...assumptions, ...labelContext(table)]);
    if (ungrounded.length === 0) answer = opening ? `${opening}${language === 'zh' ? '' : ' '}${ending.text.trim()}` : ending.text.trim();
    else assumptions.push(language === 'zh' ? `模型的叙述含有无法核实的数字(${ungrounded.join(', ')}),已改用根据结果生成的叙述。` : `The model's narrative had numbers not found in the result (${ungrounded.join(', ')}); it was replaced by one built from the rows.`);
  }
  if (table.truncated) assumptions.push(language === 'zh' ? '结果行数过多,只显示了前一部分。' : 'The result was cut off at the row limit.');
  // "How many countries did we sell to?": the count is the answer's one row.
  const askedShape = answered?.toolName === 'query_metrics' ? AskedShape.safeParse(answered.arguments).data?.query : undefined;
  const countOf = askedShape?.countOf;
  const counted = countOf ? countTable(table, countOf.dimension, (askedShape?.thresholds?.length ?? 0) > 0) : undefined;
  if (counted) {
    return {
      ...base,
      status: 'answered',
      answer,
      sql: table.sql || null,
      columns: counted.columns,
      rows: counted.rows,
      truncated: false,
      chart: chartFor(counted, language, input.labelValue),
      assumptions,
      follow_ups: suggestFollowUps(table.shape, [countOf?.dimension ?? ''], language, metricNameOf(answered, language)),
    };
  }
  return {
    ...base,
    status: 'answered',
    answer,
    sql: table.sql || null,
    columns: table.columns,
    rows: table.rows,
    truncated: table.truncated ?? false,
    chart: (answered ? modelChart(answered.toolName, table.rows, table.columns, language) : undefined) ?? chartFor(table, language, input.labelValue),
    assumptions,
    follow_ups: suggestFollowUps(table.shape, table.columns.filter((column) => column.role === 'dimension').map((column) => column.id), language, metricNameOf(answered, language)),
  };
}
