import { z } from 'zod';
import type { DimensionDefinition } from '../catalogue/catalogue-schema.ts';
import { CORE_TABLES, resolveDimension } from '../catalogue/catalogue.ts';
import { dimensionAssumptions, filterAssumptions, windowAssumption } from './assumptions.ts';
import { factRowsSql, quoteIdentifier, FIRST_SEEN_CTE, type Cte } from './compile-fact.ts';
import { needsFirstSeen } from './compile-aggregation.ts';
import { joinCtes, type CompileOptions } from './compile-query.ts';
import { resolveFilters, type ResolvedFilter } from './compile-filter.ts';
import type { CompiledColumn, CompiledQuery } from './compiled-query.ts';
import { FACTS } from '../catalogue/facts.ts';
import { dimensionColumn, dimensionOutputSql } from './output-columns.ts';
import { parseInput } from './parse-input.ts';
import { dateRangeSchema, filterSchema } from './semantic-query.ts';
import { textLiteral } from './sql-literals.ts';
import { SqlWriter } from './sql-writer.ts';
import { valuesTableSql } from './values-table.ts';
import { assertFactSupports } from './support-check.ts';

const STEP_NAMES = {
  view: { en: 'view', zh: '浏览' },
  search: { en: 'search', zh: '搜索' },
  cart: { en: 'add to cart', zh: '加购' },
  fav: { en: 'favourite', zh: '收藏' },
  purchase: { en: 'purchase', zh: '购买' },
  like: { en: 'like', zh: '点赞' },
  share: { en: 'share', zh: '分享' },
} as const;
type StepType = keyof typeof STEP_NAMES;

export const funnelQuerySchema = z.object({
  steps: z
    .array(z.enum(Object.keys(STEP_NAMES) as [StepType, ...StepType[]]))
    .min(2)
    .max(6)
    .default(['view', 'cart', 'purchase'])
    .refine((steps) => new Set(steps).size === steps.length, { message: 'each event type may appear once in the funnel' }),
  dimension: z.string().min(1).optional(),
  filters: z.array(filterSchema).max(20).default([]),
  timeRange: dateRangeSchema,
  language: z.enum(['en', 'zh']).default('en'),
});
export type FunnelQuery = z.input<typeof funnelQuerySchema>;

function calendarGrain(dimension: DimensionDefinition | undefined): 'day' | 'week' | 'month' | undefined {
  const grain = dimension?.time_grain;
  return grain === 'day' || grain === 'week' || grain === 'month' ? grain : undefined;
}

/**
 * Ordered funnel over behaviour events: a user reaches step k when they have a step-k event at or after the
 * moment they first reached step k-1, inside the window (and inside the same dimension value, if split).
 * Steps are worked out per user from one aggregation of the window's events, never correlated subqueries.
 */
export function compileFunnel(input: unknown, options: CompileOptions = {}): CompiledQuery {
  const query = parseInput(funnelQuerySchema, input, 'funnel query');
  const tables = options.tables ?? CORE_TABLES;
  const dimension: DimensionDefinition | undefined =
    query.dimension === undefined ? undefined : resolveDimension(query.dimension, tables);
  const filters: ResolvedFilter[] = resolveFilters(query.filters, tables);
  const dimensions = dimension ? [dimension] : [];
  assertFactSupports('events', [...dimensions, ...filters.map((filter) => filter.dimension)], 'dimension', 'The funnel');
  const writer = new SqlWriter(options.dialect);

  const { select, fromWhere } = factRowsSql({
    fact: FACTS.events,
    measures: [],
    dimensions,
    filters,
    window: query.timeRange,
    language: query.language,
    keepNulls: false,
    bucketGrain: calendarGrain(dimension),
    cteName: 'funnel',
    writer,
  });
  const key = dimension ? quoteIdentifier(dimension.id) : undefined;
  const keyColumn = key ? `${key}, ` : '';
  const ctes: Cte[] = [];
  if (needsFirstSeen([...dimensions, ...filters.map((filter) => filter.dimension)])) ctes.push(FIRST_SEEN_CTE);
  // One pass over the window's events (each step's own scan and string comparison of a million rows was most of the
  // funnel's time): per user (and dimension value) the first time of step 1 and the times of each later step; step k
  // is then the first of its times at or after step k-1. Each step is materialised, so DuckDB does not inline the
  // previous step's list expression into the next one's lambda.
  const stepCases = query.steps.map((step, index) => `WHEN ${textLiteral(step)} THEN ${index + 1}`).join(' ');
  ctes.push({
    name: 'funnel_events',
    sql: `SELECT ${[...select, 'e.user_id', `CASE e.event_type ${stepCases} END AS step_index`, 'e.event_time'].join(', ')}\n  ${fromWhere}`,
  });
  const perUser = query.steps.map((_, index) =>
    index === 0 ? 'min(event_time) FILTER (WHERE step_index = 1) AS reached_1' : `${writer.dialect.collectWhere('event_time', `step_index = ${index + 1}`)} AS times_${index + 1}`,
  );
  // ClickHouse inlines a CTE into each reader unless it is materialised: step_1 is read by step_2 and funnel_keys.
  ctes.push({ name: 'step_1', materialized: writer.dialect.name === 'clickhouse', sql: `SELECT ${keyColumn}user_id,\n    ${perUser.join(',\n    ')}\n  FROM funnel_events WHERE step_index IS NOT NULL\n  GROUP BY ALL` });
  query.steps.forEach((_, index) => {
    if (index === 0) return;
    ctes.push({
      name: `step_${index + 1}`,
      materialized: true,
      sql: `SELECT *, ${writer.dialect.firstAtOrAfter(`times_${index + 1}`, `reached_${index}`)} AS reached_${index + 1} FROM step_${index}`,
    });
  });
  ctes.push({
    name: 'step_counts',
    sql: query.steps
      .map((_, index) => `SELECT ${keyColumn}${index + 1} AS step, COUNT(*) AS users FROM step_${query.steps.length} WHERE reached_${index + 1} IS NOT NULL GROUP BY ALL`)
      .join('\n  UNION ALL\n  '),
  });
  const stepRows = query.steps.map((step, index) => [String(index + 1), textLiteral(step), textLiteral(STEP_NAMES[step][query.language])]);
  ctes.push({ name: 'funnel_steps', sql: valuesTableSql(['step', 'event_type', 'step_name'], stepRows) });
  ctes.push({
    name: 'funnel_keys',
    sql: key ? `SELECT DISTINCT ${key} FROM step_1 WHERE reached_1 IS NOT NULL` : 'SELECT 1 AS single_group',
  });
  const partition = key ? `PARTITION BY k.${key} ` : '';
  const users = 'coalesce(c.users, 0)';
  const outputs = [
    ...(dimension ? [dimensionOutputSql(dimension, 'k', query.language)] : []),
    's.step AS step',
    's.event_type AS step_event',
    's.step_name AS step_name',
    `${users} AS users`,
    `CAST(${users} AS DOUBLE) / NULLIF(lag(${users}) OVER (${partition}ORDER BY s.step), 0) AS step_conversion_rate`,
    `CAST(${users} AS DOUBLE) / NULLIF(first_value(${users}) OVER (${partition}ORDER BY s.step), 0) AS overall_conversion_rate`,
  ];
  const joinCounts = `c.step = s.step${key ? ` AND c.${key} = k.${key}` : ''}`;
  const sql =
    `${joinCtes(ctes)}\nSELECT * FROM (\n  SELECT ${outputs.join(',\n    ')}\n  FROM funnel_keys k CROSS JOIN funnel_steps s\n` +
    `  LEFT JOIN step_counts c ON ${joinCounts}\n) answer\nORDER BY ${key ? `${key}, ` : ''}step`;

  const columns: CompiledColumn[] = [
    ...dimensions.map(dimensionColumn),
    { id: 'step', label_en: 'Step', label_zh: '步骤', unit: 'integer', role: 'dimension' },
    { id: 'step_event', label_en: 'Event type', label_zh: '事件类型', unit: 'text', role: 'dimension' },
    { id: 'step_name', label_en: 'Step name', label_zh: '步骤名称', unit: 'text', role: 'dimension' },
    { id: 'users', label_en: 'Users reaching the step', label_zh: '到达该步用户数', unit: 'count', role: 'metric' },
    { id: 'step_conversion_rate', label_en: 'Conversion from previous step', label_zh: '上一步转化率', unit: 'ratio', role: 'metric' },
    { id: 'overall_conversion_rate', label_en: 'Conversion from first step', label_zh: '整体转化率', unit: 'ratio', role: 'metric' },
  ];
  const stepText = query.steps.map((step) => STEP_NAMES[step].en).join(' → ');
  const stepTextZh = query.steps.map((step) => STEP_NAMES[step].zh).join(' → ');
  const assumptions = [
    windowAssumption(query.timeRange),
    {
      en: `Funnel ${stepText}: distinct users per step; a user reaches a step when they have that event at or after the time they first reached the previous step, within the period${dimension ? ' and within the same ' + dimension.name_en : ''}. Step conversion = users at the step ÷ users at the previous step; overall = ÷ users at the first step.`,
      zh: `漏斗 ${stepTextZh}：每一步按去重用户计；用户在统计期内${dimension ? '、同一' + dimension.name_zh + '下' : ''}，于首次到达上一步之时或之后发生该步事件，才算到达该步。步骤转化率 = 本步人数 ÷ 上一步人数；整体转化率 = 本步人数 ÷ 第一步人数。`,
    },
    ...dimensionAssumptions(dimensions, false),
    ...filterAssumptions(filters),
  ];
  return { sql, parameters: writer.parameters, columns, assumptions };
}
