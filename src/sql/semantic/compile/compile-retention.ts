import { z } from 'zod';
import { CORE_TABLES, resolveDimension } from '../catalogue/catalogue.ts';
import { filterAssumptions, windowAssumption } from './assumptions.ts';
import type { Cte } from './compile-fact.ts';
import { filterSql, type ResolvedFilter } from './compile-filter.ts';
import { joinCtes, type CompileOptions } from './compile-query.ts';
import type { Assumption, CompiledColumn, CompiledQuery } from './compiled-query.ts';
import { parseInput } from './parse-input.ts';
import { SemanticQueryError } from '../semantic-error.ts';
import { dateRangeSchema, filterSchema } from './semantic-query.ts';
import { dateLiteral, textLiteral } from './sql-literals.ts';
import { CACHE_SCHEMA } from '../../cache-schema.ts';
import { timeGrainSql } from '../catalogue/time-dimensions.ts';
import { SqlWriter } from './sql-writer.ts';
import type { SqlDialect } from '../../engine/sql-dialect.ts';
import type { DerivedTables } from '../catalogue/facts.ts';
import { USER_ACTIVITY_DAYS } from '../derived/user-activity-days.ts';

export const retentionQuerySchema = z.object({
  /** Window of first-activity days that defines the cohorts. */
  timeRange: dateRangeSchema,
  mode: z.enum(['days', 'weeks']).default('days'),
  days: z.array(z.number().int().min(1).max(180)).min(1).max(12).default([1, 7, 14, 30]),
  weeks: z.number().int().min(1).max(26).default(8),
  filters: z.array(filterSchema).max(20).default([]),
  language: z.enum(['en', 'zh']).default('en'),
});
export type RetentionQuery = z.input<typeof retentionQuerySchema>;

// Activity = any event or any order, the same definition as the day-N retention metrics; read from the per-user-day
// cache when it is current.
const ACTIVITY_CTES = (start: string, end: string, derived: DerivedTables | undefined): Cte[] => [
  {
    name: 'activity',
    sql: derived?.userActivityDays
      ? `SELECT user_id, activity_day FROM ${USER_ACTIVITY_DAYS}`
      : `SELECT DISTINCT user_id, CAST(event_time AS DATE) AS activity_day FROM events
  UNION
  SELECT DISTINCT order_day.user_id, CAST(order_day.created_at AS DATE) FROM orders order_day WHERE order_day.user_id IS NOT NULL`,
  },
  { name: 'as_of', sql: 'SELECT max(activity_day) AS as_of_day FROM activity' },
  {
    name: 'firsts',
    sql: `SELECT user_id, min(activity_day) AS first_day FROM activity GROUP BY user_id
  HAVING min(activity_day) >= ${dateLiteral(start)} AND min(activity_day) <= ${dateLiteral(end)}`,
  },
];

/**
 * The ClickHouse form (about 3× faster there than the self-join on chDB at 5M events, docs/clickhouse.md): one
 * aggregation gives every user's first day and the array of their activity days; cohort users keep the array, and
 * day-N / week-N flags are array lookups. Same cohorts, cells and answers as the portable form (parity-tested).
 */
function perUserArrayCtes(start: string, end: string, derived: DerivedTables | undefined, joins: readonly string[], where: string, dialect: SqlDialect): Cte[] {
  const [activity] = ACTIVITY_CTES(start, end, derived);
  return [
    { ...(activity as Cte), materialized: true },
    { name: 'as_of', sql: 'SELECT max(activity_day) AS as_of_day FROM activity' },
    {
      name: 'firsts',
      sql: `SELECT user_id, min(activity_day) AS first_day, groupUniqArray(activity_day) AS active_days FROM activity GROUP BY user_id
  HAVING min(activity_day) >= ${dateLiteral(start)} AND min(activity_day) <= ${dateLiteral(end)}`,
    },
    {
      name: 'cohort_users',
      sql: `SELECT f.user_id AS user_id, f.first_day AS first_day, ${timeGrainSql('week', 'f.first_day', dialect)} AS cohort_week, f.active_days AS active_days\n  FROM firsts f ${joins.join(' ')}${where}`,
    },
  ];
}

function resolveUserFilters(filters: z.infer<typeof filterSchema>[], tables: readonly string[]): ResolvedFilter[] {
  return filters.map((filter) => {
    const dimension = resolveDimension(filter.dimension, tables, 'filters');
    if (dimension.kind !== 'user') {
      throw new SemanticQueryError(
        `Retention cohorts can only be filtered by user attributes (city, city_tier, gender, age_band, channel, segment), not "${dimension.id}".`,
        { parameter: 'filters', allowed: ['city', 'city_tier', 'gender', 'age_band', 'channel', 'segment'] },
      );
    }
    return { dimension, operator: filter.operator, values: filter.values };
  });
}

function userFilterSql(filter: ResolvedFilter, writer: SqlWriter): string {
  const expression = filter.dimension.expressions.user_cohorts;
  if (!expression) throw new Error(`Internal error: ${filter.dimension.id} has no cohort expression.`);
  const value = filter.dimension.null_label ? `coalesce(${expression.value}, ${textLiteral(filter.dimension.null_label)})` : expression.value;
  return filterSql(filter, (expression.match ?? [value]).map((sql) => writer.dialect.catalogueSql(sql)), writer);
}

/**
 * Weekly first-activity cohorts (week of each user's first event or order in the whole data) with day-N or
 * week-N retention. A cell is empty when the data ends before it could be observed.
 */
export function compileRetention(input: unknown, options: CompileOptions = {}): CompiledQuery {
  const query = parseInput(retentionQuerySchema, input, 'retention query');
  const filters = resolveUserFilters(query.filters, options.tables ?? CORE_TABLES);
  const writer = new SqlWriter(options.dialect);
  const { dialect } = writer;
  const needsUsers = filters.some((filter) => filter.dimension.joins.includes('users'));
  const needsSegments = filters.some((filter) => filter.dimension.joins.includes('segments'));
  const joins = [
    needsUsers ? 'LEFT JOIN users u ON u.user_id = f.user_id' : '',
    needsSegments ? `LEFT JOIN (SELECT user_id, min(segment) AS segment FROM ${CACHE_SCHEMA}.user_segments GROUP BY user_id) us ON us.user_id = f.user_id` : '',
  ].filter(Boolean);
  const where = filters.length > 0 ? `\n  WHERE ${filters.map((filter) => userFilterSql(filter, writer)).join(' AND ')}` : '';
  const arrays = dialect.name === 'clickhouse';
  const ctes = arrays
    ? perUserArrayCtes(query.timeRange.start, query.timeRange.end, options.derived, joins, where, dialect)
    : [
        ...ACTIVITY_CTES(query.timeRange.start, query.timeRange.end, options.derived),
        {
          name: 'cohort_users',
          sql: `SELECT f.user_id AS user_id, f.first_day AS first_day, ${timeGrainSql('week', 'f.first_day', dialect)} AS cohort_week\n  FROM firsts f ${joins.join(' ')}${where}`,
        },
      ];
  const offsets = query.mode === 'days' ? [...new Set(query.days)].sort((a, b) => a - b) : range(1, query.weeks);
  const columns: CompiledColumn[] = [
    { id: 'cohort_week', label_en: 'Cohort week (first activity)', label_zh: '同期群周（首次活跃）', unit: 'date', role: 'dimension' },
    { id: 'cohort_users', label_en: 'Users in cohort', label_zh: '同期群用户数', unit: 'count', role: 'metric' },
  ];
  const flags: string[] = [];
  const rates: string[] = [];
  const maxDays = query.mode === 'days' ? Math.max(...offsets) : 7 * query.weeks + 13;
  for (const offset of offsets) {
    const id = query.mode === 'days' ? `day_${offset}_retention` : `week_${offset}_retention`;
    if (query.mode === 'days') {
      flags.push(arrays ? `has(c.active_days, c.first_day + ${offset}) AS active_${offset}` : `${dialect.boolOr(`a.activity_day = c.first_day + ${offset}`)} AS active_${offset}`);
      const eligible = `c.first_day + ${offset} <= c.as_of_day`;
      rates.push(
        `CAST(COUNT(*) FILTER (WHERE active_${offset} AND ${eligible}) AS DOUBLE) / NULLIF(COUNT(*) FILTER (WHERE ${eligible}), 0) AS ${id}`,
      );
      columns.push({ id, label_en: `Day-${offset} retention`, label_zh: `第${offset}日留存率`, unit: 'ratio', role: 'metric' });
    } else {
      const from = `c.cohort_week + ${7 * offset}`;
      flags.push(
        arrays
          ? `arrayExists(day -> day >= ${from} AND day < ${from} + 7, c.active_days) AS active_${offset}`
          : `${dialect.boolOr(`a.activity_day >= ${from} AND a.activity_day < ${from} + 7`)} AS active_${offset}`,
      );
      // Only weeks that the data covers completely are reported.
      rates.push(
        `CASE WHEN ${dialect.anyValue('c.cohort_week')} + ${7 * offset + 6} <= ${dialect.anyValue('c.as_of_day')} THEN CAST(COUNT(*) FILTER (WHERE active_${offset}) AS DOUBLE) / COUNT(*) END AS ${id}`,
      );
      columns.push({ id, label_en: `Week-${offset} retention`, label_zh: `第${offset}周留存率`, unit: 'ratio', role: 'metric' });
    }
  }
  ctes.push({
    name: 'user_flags',
    sql: arrays
      ? // Each cohort user's activity days are one array: no self-join of activity (a join ClickHouse does far slower).
        `SELECT c.user_id AS user_id, c.first_day AS first_day, c.cohort_week AS cohort_week, as_of.as_of_day AS as_of_day, ${flags.join(', ')}
  FROM cohort_users c CROSS JOIN as_of`
      : `SELECT c.user_id AS user_id, c.first_day AS first_day, c.cohort_week AS cohort_week, ${dialect.anyValue('as_of.as_of_day')} AS as_of_day, ${flags.join(', ')}
  FROM cohort_users c CROSS JOIN as_of
  LEFT JOIN activity a ON a.user_id = c.user_id AND a.activity_day > c.first_day AND a.activity_day <= c.first_day + ${maxDays}
  GROUP BY c.user_id, c.first_day, c.cohort_week`,
  });
  const sql = `${joinCtes(ctes)}\nSELECT c.cohort_week AS cohort_week, COUNT(*) AS cohort_users,\n  ${rates.join(',\n  ')}\nFROM user_flags c\nGROUP BY c.cohort_week\nORDER BY c.cohort_week`;
  return { sql, parameters: writer.parameters, columns, assumptions: retentionAssumptions(query.mode, query.timeRange, filters) };
}

function range(from: number, to: number): number[] {
  return Array.from({ length: to - from + 1 }, (_, index) => from + index);
}

function retentionAssumptions(mode: 'days' | 'weeks', window: { start: string; end: string }, filters: ResolvedFilter[]): Assumption[] {
  const cohort: Assumption = {
    en: `Cohorts: users whose first activity (first event or order anywhere in the data) falls in the period, grouped by the ISO week (Monday) of that day. Activity = any event or order.`,
    zh: '同期群：首次活跃日（全部数据中的首个事件或订单）落在统计期内的用户，按该日所在 ISO 周（周一）分组。活跃 = 任意事件或订单。',
  };
  const cells: Assumption =
    mode === 'days'
      ? {
          en: 'Day-N retention = share of the cohort active exactly N days after their own first day; users whose day N is after the data’s last day are left out of that cell.',
          zh: '第 N 日留存 = 同期群中在各自首次活跃日之后恰好第 N 天再次活跃的用户占比；第 N 天晚于数据最后一天的用户不计入该格。',
        }
      : {
          en: 'Week-N retention = share of the cohort active at least once in the calendar week N weeks after the cohort week; a cell is empty until the data covers that whole week.',
          zh: '第 N 周留存 = 同期群中在同期群周之后第 N 个自然周内至少活跃一次的用户占比；数据未完整覆盖该周时该格为空。',
        };
  return [windowAssumption(window), cohort, cells, ...filterAssumptions(filters)];
}
