import { DUCKDB_DIALECT, type SqlDialect } from '../../engine/sql-dialect.ts';
import type { FactId, TimeGrain } from './catalogue-schema.ts';
import { FACTS } from './facts.ts';

/** SQL of a time grain over a timestamp or date column; shared by dimensions and the gap-filling spine. */
export function timeGrainSql(grain: TimeGrain, column: string, dialect: SqlDialect = DUCKDB_DIALECT): string {
  switch (grain) {
    case 'day':
      return `CAST(${column} AS DATE)`;
    case 'week':
      return dialect.weekStart(column);
    case 'month':
      return dialect.monthStart(column);
    case 'hour':
      return dialect.hourOfDay(column);
    case 'weekday':
      return dialect.isoDayOfWeek(column);
  }
}

type Expressions = Partial<Record<FactId, { value: string }>>;

function forTimeFacts(render: (time: string) => string, options: { needsClock?: boolean } = {}): Expressions {
  const expressions: Expressions = {};
  for (const fact of Object.values(FACTS)) {
    // A date-only fact (user cohorts) has no hour of day.
    if (options.needsClock && fact.timeIsDate) continue;
    expressions[fact.id] = { value: render(fact.time) };
  }
  return expressions;
}

/** Time grains; every fact is split by its own time column (see facts.ts). */
/** Weekend (ISO days 6 and 7) or weekday, from a day's ISO day of week. */
const DAY_TYPE_SQL = "CASE WHEN {weekday} IN (6, 7) THEN 'weekend' ELSE 'weekday' END";

export const TIME_DIMENSIONS = [
  {
    id: 'day',
    name_en: 'Day',
    name_zh: '日期',
    synonyms_en: ['day', 'date', 'daily', 'per day', 'by day', 'each day'],
    synonyms_zh: ['日', '天', '日期', '每天', '每日', '按天', '逐日'],
    description_en: 'Calendar date of the row’s time column (YYYY-MM-DD).',
    description_zh: '行时间字段的日历日期（YYYY-MM-DD）。',
    kind: 'time',
    time_grain: 'day',
    value_type: 'date',
    expressions: forTimeFacts((time) => timeGrainSql('day', time)),
  },
  {
    id: 'week',
    name_en: 'Week (Mon–Sun)',
    name_zh: '周（周一至周日）',
    synonyms_en: ['week', 'weekly', 'per week', 'by week', 'each week'],
    synonyms_zh: ['周', '每周', '按周', '逐周', '星期'],
    description_en: 'ISO week, shown as the date of its Monday.',
    description_zh: 'ISO 周（周一至周日），以该周周一的日期表示。',
    kind: 'time',
    time_grain: 'week',
    value_type: 'date',
    expressions: forTimeFacts((time) => timeGrainSql('week', time)),
  },
  {
    id: 'month',
    name_en: 'Month',
    name_zh: '月份',
    synonyms_en: ['month', 'monthly', 'per month', 'by month', 'each month'],
    synonyms_zh: ['月', '月份', '每月', '按月', '逐月'],
    description_en: 'Calendar month, shown as the date of its first day.',
    description_zh: '日历月，以该月 1 日的日期表示。',
    kind: 'time',
    time_grain: 'month',
    value_type: 'date',
    expressions: forTimeFacts((time) => timeGrainSql('month', time)),
  },
  {
    id: 'hour',
    name_en: 'Hour of day',
    name_zh: '小时',
    synonyms_en: ['hour', 'hour of day', 'hourly', 'time of day', 'by hour'],
    synonyms_zh: ['小时', '时段', '几点', '按小时', '每小时', '一天中的时间', '钟点', '几点钟', '哪个钟点'],
    description_en: 'Hour of the day, 0–23, in the warehouse’s stored (local) time.',
    description_zh: '一天中的小时（0–23），按仓库存储的（本地）时间。',
    kind: 'time',
    time_grain: 'hour',
    value_type: 'integer',
    expressions: forTimeFacts((time) => timeGrainSql('hour', time), { needsClock: true }),
  },
  {
    id: 'weekday',
    name_en: 'Day of week',
    name_zh: '星期几',
    synonyms_en: ['weekday', 'day of week', 'day of the week', 'by weekday'],
    synonyms_zh: ['星期几', '周几', '星期', '工作日', '周末', '按星期'],
    description_en: 'ISO day of week: 1 = Monday … 6 = Saturday, 7 = Sunday (weekends are 6 and 7).',
    description_zh: 'ISO 星期：1 = 周一 … 6 = 周六，7 = 周日（周末为 6 和 7）。',
    kind: 'time',
    time_grain: 'weekday',
    value_type: 'integer',
    expressions: forTimeFacts((time) => timeGrainSql('weekday', time)),
    // A daily average by weekday divides each weekday by the number of such days in the period.
    day_group_sql: '{weekday}',
  },
  {
    // Not a time grain: two groups, so it is split like any other dimension and never gap-filled.
    id: 'day_type',
    name_en: 'Weekday or weekend',
    name_zh: '工作日/周末',
    synonyms_en: ['weekday vs weekend', 'weekdays vs weekends', 'weekend vs weekday', 'weekends vs weekdays', 'weekdays and weekends', 'weekends and weekdays', 'weekday or weekend', 'day type'],
    synonyms_zh: ['工作日和周末', '周末和工作日', '工作日与周末', '周末与工作日', '周末vs工作日', '工作日vs周末', '周末 vs 工作日', '工作日 vs 周末', '工作日还是周末', '周末还是工作日'],
    description_en: 'weekend (Saturday, Sunday) or weekday, from the ISO day of week of the row’s time column.',
    description_zh: 'weekend（周六、周日）或 weekday（工作日），按行时间字段的 ISO 星期判断。',
    kind: 'fact',
    value_type: 'text',
    expressions: forTimeFacts((time) => DAY_TYPE_SQL.replace('{weekday}', timeGrainSql('weekday', time))),
    day_group_sql: DAY_TYPE_SQL,
    value_labels_zh: { weekend: '周末', weekday: '工作日' },
  },
] as const;
