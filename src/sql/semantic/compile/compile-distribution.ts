import { z } from 'zod';
import { CORE_TABLES, resolveDimension } from '../catalogue/catalogue.ts';
import { CURRENCY_ASSUMPTION, filterAssumptions, windowAssumption } from './assumptions.ts';
import { needsFirstSeen } from './compile-aggregation.ts';
import { factRowsSql, FIRST_SEEN_CTE, type Cte } from './compile-fact.ts';
import { filterSql, resolveFilters, type ResolvedFilter } from './compile-filter.ts';
import { joinCtes, type CompileOptions } from './compile-query.ts';
import type { Assumption, CompiledColumn, CompiledQuery } from './compiled-query.ts';
import { FACTS } from '../catalogue/facts.ts';
import { parseInput } from './parse-input.ts';
import { SemanticQueryError } from '../semantic-error.ts';
import { dateRangeSchema, filterSchema } from './semantic-query.ts';
import { numberLiteral, textLiteral } from './sql-literals.ts';
import { assertFactSupports } from './support-check.ts';
import { SqlWriter } from './sql-writer.ts';
import { valuesTableSql } from './values-table.ts';

/** Default band edges (currency units): [0, 50), [50, 100), … [5000, ∞). */
export const DEFAULT_BAND_EDGES = [0, 50, 100, 200, 300, 500, 1000, 2000, 5000] as const;

export const distributionQuerySchema = z.object({
  subject: z.enum(['product_price', 'order_amount']),
  edges: z
    .array(z.number().nonnegative().finite())
    .min(2)
    .max(30)
    .refine((edges) => edges.every((edge, index) => index === 0 || edge > (edges[index - 1] as number)), {
      message: 'band edges must be strictly increasing',
    })
    .default([...DEFAULT_BAND_EDGES]),
  timeRange: dateRangeSchema,
  filters: z.array(filterSchema).max(20).default([]),
  language: z.enum(['en', 'zh']).default('en'),
});
export type DistributionQuery = z.input<typeof distributionQuerySchema>;

interface Band {
  index: number;
  lower: number;
  upper: number | undefined;
  label: string;
}

function bandsOf(edges: readonly number[]): Band[] {
  return edges.map((lower, index) => {
    const upper = edges[index + 1];
    return { index: index + 1, lower, upper, label: upper === undefined ? `${lower}+` : `${lower}-${upper}` };
  });
}

function bandCaseSql(bands: readonly Band[], column: string): string {
  const cases = bands
    .filter((band) => band.upper !== undefined)
    .map((band) => `WHEN ${column} < ${numberLiteral(band.upper as number)} THEN ${band.index}`);
  const first = bands[0] as Band;
  return `CASE WHEN ${column} IS NULL OR ${column} < ${numberLiteral(first.lower)} THEN NULL ${cases.join(' ')} ELSE ${bands.length} END`;
}

function bandsCte(bands: readonly Band[]): Cte {
  const rows = bands.map(
    (band) => [String(band.index), textLiteral(band.label), numberLiteral(band.lower), band.upper === undefined ? 'NULL' : numberLiteral(band.upper)],
  );
  return { name: 'bands', sql: valuesTableSql(['band', 'band_label', 'lower_bound', 'upper_bound'], rows) };
}

const BAND_COLUMNS: CompiledColumn[] = [
  { id: 'band', label_en: 'Band', label_zh: '区间', unit: 'text', role: 'dimension' },
  { id: 'lower_bound', label_en: 'From (inclusive)', label_zh: '下限（含）', unit: 'currency', role: 'dimension' },
  { id: 'upper_bound', label_en: 'To (exclusive)', label_zh: '上限（不含）', unit: 'currency', role: 'dimension' },
];

/**
 * Distribution over price bands: of product list prices (products, and their paid units and GMV in the
 * period) or of paid order amounts (sum of the order's line amounts). Empty bands are kept as zeros.
 */
export function compileDistribution(input: unknown, options: CompileOptions = {}): CompiledQuery {
  const query = parseInput(distributionQuerySchema, input, 'distribution query');
  const tables = options.tables ?? CORE_TABLES;
  const filters: ResolvedFilter[] = resolveFilters(query.filters, tables);
  assertFactSupports('order_lines', filters.map((filter) => filter.dimension), 'filters', 'A price distribution');
  if (query.subject === 'order_amount') {
    const productFilter = filters.find((filter) => filter.dimension.kind === 'product');
    if (productFilter) {
      throw new SemanticQueryError(
        `Order amounts cannot be filtered by "${productFilter.dimension.id}" (an order can mix products). ` +
          "Use subject 'product_price' to see sales by price band within a category or brand.",
        { parameter: 'filters' },
      );
    }
  }
  const bands = bandsOf(query.edges);
  const writer = new SqlWriter(options.dialect);
  const ctes: Cte[] = [];
  if (needsFirstSeen(filters.map((filter) => filter.dimension))) ctes.push(FIRST_SEEN_CTE);
  ctes.push(bandsCte(bands));
  const { fromWhere } = factRowsSql({
    fact: FACTS.order_lines,
    measures: [],
    dimensions: [],
    filters,
    window: query.timeRange,
    language: query.language,
    keepNulls: false,
    bucketGrain: undefined,
    cteName: 'distribution',
    writer,
  });
  let sql: string;
  let columns: CompiledColumn[];
  if (query.subject === 'product_price') {
    const productFilters = filters.filter((filter) => filter.dimension.kind === 'product');
    const productWhere = productFilters.map((filter) => {
      const expression = filter.dimension.expressions.order_lines;
      return filterSql(filter, (expression?.match ?? [expression?.value ?? 'NULL']).map((sql) => writer.dialect.catalogueSql(sql)), writer);
    });
    ctes.push({
      name: 'product_bands',
      sql: `SELECT p.product_id, ${bandCaseSql(bands, 'p.price')} AS band FROM products p${productWhere.length > 0 ? ` WHERE ${productWhere.join(' AND ')}` : ''}`,
    });
    // Columns named explicitly: with a join, ClickHouse would keep the "oi." prefix in their names.
    ctes.push({ name: 'sales_lines', sql: `SELECT oi.product_id AS product_id, oi.quantity AS quantity, oi.amount AS amount, o.paid_at AS paid_at\n  ${fromWhere}` });
    ctes.push({
      name: 'band_sales',
      sql: `SELECT pb.band AS band, SUM(s.quantity) FILTER (WHERE s.paid_at IS NOT NULL) AS units, SUM(s.amount) FILTER (WHERE s.paid_at IS NOT NULL) AS gmv
  FROM sales_lines s JOIN product_bands pb ON pb.product_id = s.product_id GROUP BY pb.band`,
    });
    ctes.push({ name: 'band_products', sql: 'SELECT band, COUNT(*) AS products FROM product_bands GROUP BY band' });
    sql = `${joinCtes(ctes)}
SELECT b.band_label AS band, b.lower_bound, b.upper_bound,
  coalesce(bp.products, 0) AS products,
  coalesce(bs.units, 0) AS units,
  coalesce(bs.gmv, 0) AS gmv,
  CAST(coalesce(bs.gmv, 0) AS DOUBLE) / NULLIF(SUM(coalesce(bs.gmv, 0)) OVER (), 0) AS share_of_gmv
FROM bands b
LEFT JOIN band_products bp ON bp.band = b.band
LEFT JOIN band_sales bs ON bs.band = b.band
ORDER BY b.band`;
    columns = [
      ...BAND_COLUMNS,
      { id: 'products', label_en: 'Products listed', label_zh: '在售商品数', unit: 'count', role: 'metric' },
      { id: 'units', label_en: 'Units sold', label_zh: '销量（件数）', unit: 'count', role: 'metric' },
      { id: 'gmv', label_en: 'GMV', label_zh: '成交额', unit: 'currency', role: 'metric' },
      { id: 'share_of_gmv', label_en: 'Share of GMV', label_zh: '成交额占比', unit: 'ratio', role: 'metric' },
    ];
  } else {
    ctes.push({
      name: 'order_amounts',
      sql: `SELECT oi.order_id AS order_id, SUM(oi.amount) AS amount\n  ${fromWhere}\n    AND o.paid_at IS NOT NULL\n  GROUP BY oi.order_id`,
    });
    ctes.push({
      name: 'band_orders',
      sql: `SELECT ${bandCaseSql(bands, 'amount')} AS band, COUNT(*) AS orders, SUM(amount) AS gmv FROM order_amounts GROUP BY ALL`,
    });
    sql = `${joinCtes(ctes)}
SELECT b.band_label AS band, b.lower_bound, b.upper_bound,
  coalesce(bo.orders, 0) AS orders,
  CAST(coalesce(bo.orders, 0) AS DOUBLE) / NULLIF(SUM(coalesce(bo.orders, 0)) OVER (), 0) AS share_of_orders,
  coalesce(bo.gmv, 0) AS gmv,
  CAST(coalesce(bo.gmv, 0) AS DOUBLE) / NULLIF(SUM(coalesce(bo.gmv, 0)) OVER (), 0) AS share_of_gmv
FROM bands b
LEFT JOIN band_orders bo ON bo.band = b.band
ORDER BY b.band`;
    columns = [
      ...BAND_COLUMNS,
      { id: 'orders', label_en: 'Paid orders', label_zh: '支付订单数', unit: 'count', role: 'metric' },
      { id: 'share_of_orders', label_en: 'Share of orders', label_zh: '订单占比', unit: 'ratio', role: 'metric' },
      { id: 'gmv', label_en: 'GMV', label_zh: '成交额', unit: 'currency', role: 'metric' },
      { id: 'share_of_gmv', label_en: 'Share of GMV', label_zh: '成交额占比', unit: 'ratio', role: 'metric' },
    ];
  }
  return { sql, parameters: writer.parameters, columns, assumptions: distributionAssumptions(query.subject, bands, query.timeRange, filters) };
}

function distributionAssumptions(
  subject: 'product_price' | 'order_amount',
  bands: readonly Band[],
  window: { start: string; end: string },
  filters: readonly ResolvedFilter[],
): Assumption[] {
  const edges = bands.map((band) => band.label).join(', ');
  const what: Assumption =
    subject === 'product_price'
      ? {
          en: `Bands of products.price (list price): ${edges}; lower edge included, upper edge excluded. Products = all listed products in the band (not limited to the period); units and GMV = paid order lines created in the period.`,
          zh: `按 products.price（标价）分段：${edges}；含下限、不含上限。商品数 = 该价格段的全部在售商品（不限统计期）；销量与成交额 = 统计期内创建且已支付的订单行。`,
        }
      : {
          en: `Bands of order amount = sum of the order's line amounts (before order-level discounts and shipping), over orders created in the period and paid: ${edges}; lower edge included, upper edge excluded.`,
          zh: `按订单金额（订单行金额之和，未扣订单级优惠、不含运费）分段，统计期内创建且已支付的订单：${edges}；含下限、不含上限。`,
        };
  return [windowAssumption(window), what, CURRENCY_ASSUMPTION, ...filterAssumptions(filters)];
}
