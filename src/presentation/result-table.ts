import { z } from 'zod';
import type { JsonRow } from '../sql/json-values.ts';

export const UnitSchema = z.enum(['count', 'currency', 'ratio', 'seconds', 'days', 'score', 'integer', 'text', 'date', 'number']);
export type Unit = z.infer<typeof UnitSchema>;

export const ResultColumnSchema = z.object({
  id: z.string(),
  label_en: z.string(),
  label_zh: z.string(),
  unit: UnitSchema,
  role: z.enum(['dimension', 'metric']),
  /** ISO 4217 code of a `currency` column (the shop's, from the warehouse); null when none is recorded. */
  currency: z.string().nullable().optional(),
});
export type ResultColumn = z.infer<typeof ResultColumnSchema>;

/** The question shapes the answer builder knows how to narrate and chart. */
export const AnswerShapeSchema = z.enum(['single', 'ranking', 'breakdown', 'trend', 'comparison', 'funnel', 'retention', 'distribution', 'contribution', 'table']);
export type AnswerShape = z.infer<typeof AnswerShapeSchema>;

/** A query result with the meaning of each column: what the narrative and chart are built from. */
export interface ResultTable {
  shape: AnswerShape;
  columns: ResultColumn[];
  rows: JsonRow[];
  sql: string;
  truncated?: boolean;
  assumptions: { en: string; zh: string }[];
  /** Set for ranking answers: whether the rows are ordered best-first or worst-first. */
  direction?: 'desc' | 'asc';
  /** Set when a ranking starts below first place ("which city came second"): the place of the first row, from 1. */
  firstPlace?: number;
}

/** Columns of a plain SQL result (e.g. from run_sql): text is a dimension, numbers are metrics. */
export function inferColumns(columns: { name: string; type: string }[]): ResultColumn[] {
  return columns.map((column) => {
    const numeric = /INT|DECIMAL|DOUBLE|FLOAT|REAL|NUMERIC/i.test(column.type);
    const temporal = /DATE|TIME/i.test(column.type);
    return {
      id: column.name,
      label_en: column.name,
      label_zh: column.name,
      unit: numeric ? (/DECIMAL/i.test(column.type) ? 'currency' : 'number') : temporal ? 'date' : 'text',
      role: numeric ? 'metric' : 'dimension',
    };
  });
}

/** Helper columns that identify a row but make poor names (step numbers, band bounds, ranks). */
export const NON_NAME_COLUMNS = new Set(['step', 'step_event', 'lower_bound', 'upper_bound', 'rank_in_dimension']);

/** A dimension column of a tool's result table. */
export function dimensionColumn(id: string, label_en: string, label_zh: string, unit: Unit = 'text'): ResultColumn {
  return { id, label_en, label_zh, unit, role: 'dimension' };
}

/** A metric column of a tool's result table. */
export function metricColumn(id: string, label_en: string, label_zh: string, unit: Unit): ResultColumn {
  return { id, label_en, label_zh, unit, role: 'metric' };
}

/**
 * States the shop's time zone among a tool result's assumptions: dates, weeks and hours are read in the shop's
 * local time (importers store wall-clock times in it), so "yesterday" or "21:00" means the shop's day and hour.
 */
export function withTimeZone<T>(result: T, timeZone: string | undefined): T {
  if (!timeZone || typeof result !== 'object' || result === null || !Array.isArray((result as { assumptions?: unknown }).assumptions)) return result;
  const assumptions = (result as unknown as { assumptions: { en: string; zh: string }[] }).assumptions;
  const note = { en: `Dates and hours are the shop's local time (${timeZone}).`, zh: `日期与小时均为店铺当地时间(${timeZone})。` };
  return { ...result, assumptions: [...assumptions, note] };
}

/**
 * Stamps the shop's currency on every amount column of a tool result (anything with a `columns` list), so
 * narratives, tables, charts and CSV exports format amounts in it without any global state.
 */
export function withCurrency<T>(result: T, currency: string | null): T {
  if (typeof result !== 'object' || result === null || !Array.isArray((result as { columns?: unknown }).columns)) return result;
  const columns = (result as unknown as { columns: unknown[] }).columns.map((column) =>
    typeof column === 'object' && column !== null && (column as { unit?: unknown }).unit === 'currency' ? { ...column, currency } : column,
  );
  return { ...result, columns };
}
