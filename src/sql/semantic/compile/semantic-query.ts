import { z } from 'zod';
import { isIsoDate } from './sql-literals.ts';

export const isoDateSchema = z
  .string()
  .refine(isIsoDate, { message: 'write dates as YYYY-MM-DD (a real calendar date), e.g. 2025-11-11' });

export const dateRangeSchema = z
  .object({ start: isoDateSchema, end: isoDateSchema })
  .refine((range) => range.start <= range.end, { message: 'start must be on or before end (end is inclusive)' });

export const FILTER_OPERATORS = ['in', 'not_in', 'eq', 'between', 'gte', 'lte', 'gt', 'lt', 'contains'] as const;

export const filterSchema = z
  .object({
    dimension: z.string().min(1),
    operator: z.enum(FILTER_OPERATORS),
    values: z.array(z.union([z.string(), z.number()])).min(1).max(500),
  })
  .refine((filter) => filter.operator !== 'between' || filter.values.length === 2, {
    message: "'between' takes exactly two values: [low, high] (both inclusive)",
  })
  .refine((filter) => !['eq', 'gte', 'lte', 'gt', 'lt'].includes(filter.operator) || filter.values.length === 1, {
    message: "'eq', 'gte', 'lte', 'gt' and 'lt' take exactly one value",
  })
  .refine((filter) => filter.operator !== 'contains' || filter.values.every((value) => typeof value === 'string' && value.trim().length > 0), {
    message: "'contains' takes words to look for inside text values (any of them matches)",
  });
export type SemanticFilter = z.infer<typeof filterSchema>;

// Accepts { field }, { metric } or { dimension } so planners can name what they sort by either way.
const orderBySchema = z
  .object({
    field: z.string().min(1).optional(),
    metric: z.string().min(1).optional(),
    dimension: z.string().min(1).optional(),
    direction: z.enum(['asc', 'desc']).default('desc'),
  })
  .refine((order) => [order.field, order.metric, order.dimension].filter(Boolean).length === 1, {
    message: 'orderBy names exactly one of field, metric or dimension',
  })
  .transform((order) => ({ field: (order.field ?? order.metric ?? order.dimension) as string, direction: order.direction }));

export const semanticQuerySchema = z.object({
  metrics: z.array(z.string().min(1)).min(1).max(12),
  dimensions: z.array(z.string().min(1)).max(3).default([]),
  filters: z.array(filterSchema).max(20).default([]),
  timeRange: dateRangeSchema,
  compareTo: dateRangeSchema.optional(),
  orderBy: orderBySchema.optional(),
  limit: z.number().int().positive().max(10_000).optional(),
  /** Rows skipped before the limit: "which city came second" is limit 1 after 1 row (needs orderBy). */
  offset: z.number().int().min(0).max(10_000).describe('rows to skip before limit, for "the second/third best"; needs orderBy and limit').optional(),
  /**
   * Top N within each value of the first dimension ("每个品类卖得最好的商品", "top 3 cities for each channel"): rows
   * are ranked by `orderBy` inside each group of the first dimension and the first N of each are kept.
   */
  limitPerGroup: z.number().int().positive().max(100).describe('keep the first N rows (by orderBy) within each value of the first dimension; needs two dimensions and orderBy').optional(),
  /**
   * Adds <metric>_share after each count or sum metric: the row's value over the metric's total for the same
   * period and filters, without the grouping and without the filters on the dimensions listed in `excludeFilters`
   * ("share of orders paid with Alipay": the Alipay filter is left out of the total).
   */
  share: z.object({ excludeFilters: z.array(z.string().min(1)).max(20).default([]) }).optional(),
  /**
   * Each count or sum metric as its average per day, week or month of the period ("平均每天的订单", "average daily
   * revenue"): the period's total ÷ the number of such periods in it, days without rows counting as 0 and only the
   * days a weekday filter keeps. The columns keep the metric ids.
   */
  average: z
    .object({ per: z.enum(['day', 'week', 'month']) })
    .describe('Count/sum metrics as their average per day, week or month of the period (日均, average daily); not with rates, time dimensions or share')
    .optional(),
  /**
   * The value whose place among all values of the grouped dimension the question asks for ("杭州排第几", "where
   * does Shanghai rank among cities"): the query ranks every value; the answer states where this one stands.
   */
  rankOf: z
    .object({ dimension: z.string().min(1), value: z.union([z.string(), z.number()]) })
    .describe('One value whose rank among all values of the grouped dimension is asked; group by that dimension, order by the metric, no filter on it')
    .optional(),
  /**
   * The question asks how many values of the grouped dimension had the metric ("how many distinct products were
   * sold"): the query lists them; the answer counts those above zero.
   */
  countOf: z
    .object({ dimension: z.string().min(1) })
    .describe('How many values of the grouped dimension had the metric above zero (distinct products sold, cities with orders)')
    .optional(),
  /**
   * Leaves out groups whose every count or sum is 0 and whose rates have nothing to divide by ("cancelled invoices
   * by country" lists the countries that had any; a 0 % rate stays): only with a non-time grouping and no comparison.
   * Said in the answer's assumptions.
   */
  omitZeroRows: z.boolean().describe('leave out groups where every count/sum is 0 and every rate is undefined; not with compareTo, and with day/week/month groupings only when ranked (limit)').optional(),
  /**
   * Each metric as its running total along the day, week or month dimension ("每天的累计成交额", "cumulative orders by
   * week"): the sum of this bucket and every earlier one in the period, restarting for each value of another
   * dimension. Only for summable metrics (GMV, orders, units); a distinct count (buyers) or a rate has no running sum.
   */
  cumulative: z.boolean().describe('running totals along the day/week/month dimension; summable metrics only, not with compareTo, average, share or rankings').optional(),
  /**
   * The ranked rows kept by `limit`, added up into one row ("what share of revenue came from our top 10 customers"):
   * each summable metric's total over those rows, and with `share` their combined share of the whole.
   */
  combineTop: z.boolean().describe('sum the rows kept by orderBy + limit into one row (the top N together); summable metrics only').optional(),
  /**
   * Keeps only the groups whose metric passes a bound ("customers who spent over £5,000", "下单超过3次的用户"): the
   * bound applies to each group's value (with compareTo, the current period's), after grouping, like SQL's HAVING.
   * With countOf the answer counts those groups.
   */
  thresholds: z
    .array(
      z
        .object({ metric: z.string().min(1), operator: z.enum(['gt', 'gte', 'lt', 'lte', 'between']), values: z.array(z.number().finite()).min(1).max(2) })
        .refine((threshold) => (threshold.operator === 'between') === (threshold.values.length === 2), { message: "'between' takes [low, high]; the other operators one value" }),
    )
    .max(4)
    .describe('keep only the groups whose metric passes the bound (HAVING): customers who spent over 5000 → dimension customer, metric gmv, {metric: gmv, operator: gt, values: [5000]}')
    .optional(),
  /** Language of dimension values in the result (category Phones vs 手机); filters accept both. */
  language: z.enum(['en', 'zh']).default('en'),
});
export type SemanticQuery = z.infer<typeof semanticQuerySchema>;
export type SemanticQueryInput = z.input<typeof semanticQuerySchema>;
