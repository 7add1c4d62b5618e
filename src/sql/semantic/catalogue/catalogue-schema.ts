import { z } from 'zod';

/** The tables (or derived row sets) that metrics are computed from; see facts.ts. */
export const FACT_IDS = ['events', 'order_lines', 'reviews', 'sessions', 'user_cohorts', 'active_days', 'support_events'] as const;
export const factIdSchema = z.enum(FACT_IDS);
export type FactId = z.infer<typeof factIdSchema>;

/** 'score' is a bounded mean such as a 1–5 star rating (neither a count nor a 0–1 ratio). */
export const UNITS = ['count', 'currency', 'ratio', 'seconds', 'days', 'score'] as const;
export const unitSchema = z.enum(UNITS);
export type MetricUnit = z.infer<typeof unitSchema>;

const snakeCaseId = z.string().regex(/^[a-z][a-z0-9_]*$/, 'ids are snake_case');
const synonymList = z.array(z.string().trim().min(1)).min(1);

/**
 * A measure is one aggregate on one fact, the building block of metrics. On facts aggregated in two stages
 * (one row per unit, e.g. per user, then over units) `unit_columns` are computed per unit and `aggregate`
 * runs over those columns; otherwise `aggregate` runs over the fact's rows directly.
 */
export const measureSchema = z.object({
  id: snakeCaseId,
  fact: factIdSchema,
  unit_columns: z.record(snakeCaseId, z.string().min(1)).default({}),
  aggregate: z.string().min(1),
});
export type MeasureDefinition = z.infer<typeof measureSchema>;

export const metricFormulaSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('measure'), measure: snakeCaseId }),
  // Ratios are always numerator ÷ denominator of the grouped totals, never an average of per-row ratios.
  z.object({ kind: z.literal('ratio'), numerator: snakeCaseId, denominator: snakeCaseId }),
]);
export type MetricFormula = z.infer<typeof metricFormulaSchema>;

export const metricSchema = z.object({
  id: snakeCaseId,
  name_en: z.string().min(1),
  name_zh: z.string().min(1),
  synonyms_en: synonymList,
  synonyms_zh: synonymList,
  definition_en: z.string().min(20),
  definition_zh: z.string().min(10),
  unit: unitSchema,
  /** Summable across days and across the values of row-level dimensions (GMV yes; visitors, rates no). */
  additive: z.boolean(),
  higher_is_better: z.boolean(),
  formula: metricFormulaSchema,
});
export type MetricDefinition = z.infer<typeof metricSchema>;

export const DIMENSION_KINDS = ['time', 'user', 'product', 'fact'] as const;
export const TIME_GRAINS = ['day', 'week', 'month', 'hour', 'weekday'] as const;
export type TimeGrain = (typeof TIME_GRAINS)[number];
export const JOIN_IDS = ['users', 'products', 'first_seen', 'segments'] as const;
export type JoinId = (typeof JOIN_IDS)[number];

export const dimensionExpressionSchema = z.object({
  /** Grouping value (English or language-neutral). */
  value: z.string().min(1),
  /** Grouping value when the answer is in Chinese, if it differs. */
  value_zh: z.string().min(1).optional(),
  /** Columns a filter value may match (e.g. category or category_zh); defaults to `value`. */
  match: z.array(z.string().min(1)).optional(),
});
export type DimensionExpression = z.infer<typeof dimensionExpressionSchema>;

export const dimensionSchema = z.object({
  id: snakeCaseId,
  name_en: z.string().min(1),
  name_zh: z.string().min(1),
  synonyms_en: synonymList,
  synonyms_zh: synonymList,
  description_en: z.string().min(10),
  description_zh: z.string().min(5),
  kind: z.enum(DIMENSION_KINDS),
  time_grain: z.enum(TIME_GRAINS).optional(),
  /** 'amount' is a money amount (a price, an order's value): filtered by comparisons, shown in the shop's currency. */
  value_type: z.enum(['date', 'integer', 'amount', 'text']),
  expressions: z.partialRecord(factIdSchema, dimensionExpressionSchema),
  /** Shown instead of NULL; dimensions without one drop rows that have no value (e.g. search events have no category). */
  null_label: z.string().optional(),
  /** Chinese display names of known values (gender male → 男); filters accept either form. */
  value_labels_zh: z.record(z.string(), z.string()).default({}),
  /** Its value labels name themselves ("guest checkouts", "游客订单"): a restated filter shows the value without the dimension's name. */
  labels_stand_alone: z.boolean().default(false),
  joins: z.array(z.enum(JOIN_IDS)).default([]),
  required_tables: z.array(z.string()).default([]),
  /** For dimensions computed on demand (segments): the tables they are computed from, which decide availability. */
  derived_from_tables: z.array(z.string()).optional(),
  /**
   * For dimensions that sort calendar days into groups (weekday or weekend): the group of a day, given its ISO day of
   * week as `{weekday}`. An average per day then divides each group by its own days, not by every day of the period.
   */
  day_group_sql: z.string().optional(),
  /**
   * The measure a ranking of this dimension means when none is named ("top search terms" = by searches). Only for
   * dimensions that exist on one kind of event; without it, "top X" with no measure is proposed by GMV and asked.
   */
  default_metric: snakeCaseId.optional(),
  /**
   * The one kind of event that carries this value (the search term is on search events only). Metrics counting other
   * events (purchases, carts) cannot be split by it: no purchase row names a search term.
   */
  event_type_only: z.string().optional(),
});
export type DimensionDefinition = z.infer<typeof dimensionSchema>;
