import type { DerivedTables } from '../catalogue/facts.ts';
import type { DateRange } from '../time/calendar-date.ts';
import type { DimensionDefinition, FactId, MeasureDefinition, MetricDefinition, TimeGrain } from '../catalogue/catalogue-schema.ts';
import { compileFact, FIRST_SEEN_CTE, measureColumn, quoteIdentifier, type Cte } from './compile-fact.ts';
import type { ResolvedFilter } from './compile-filter.ts';
import { FACTS } from '../catalogue/facts.ts';
import { getMeasure } from '../catalogue/measures.ts';
import { metricMeasures } from '../catalogue/metrics.ts';
import { SemanticQueryError } from '../semantic-error.ts';
import { timeSpineSql } from './time-spine.ts';
import type { SqlWriter } from './sql-writer.ts';

export interface AggregationRequest {
  metrics: readonly MetricDefinition[];
  dimensions: readonly DimensionDefinition[];
  filters: readonly ResolvedFilter[];
  window: DateRange;
  language: 'en' | 'zh';
  keepNulls: boolean;
  fillTimeGaps: boolean;
  /** Prefix of every CTE name, so that two periods can live in one statement. */
  prefix: string;
  writer: SqlWriter;
  derived?: DerivedTables;
}

export interface Aggregation {
  ctes: Cte[];
  /** CTE with the dimension columns, every measure as m_<id>, and every metric under its id. */
  resultName: string;
  measures: MeasureDefinition[];
}

const GRAIN_ORDER: TimeGrain[] = ['day', 'week', 'month'];

function bucketGrainOf(dimensions: readonly DimensionDefinition[]) {
  const grains = new Set(dimensions.map((dimension) => dimension.time_grain));
  return GRAIN_ORDER.find((grain) => grains.has(grain)) as 'day' | 'week' | 'month' | undefined;
}

export function metricValueSql(metric: MetricDefinition): string {
  const formula = metric.formula;
  if (formula.kind === 'measure') return measureColumn(getMeasure(formula.measure));
  // Ratios of the grouped totals (never an average of ratios); NULL when the denominator is zero.
  return `CAST(${measureColumn(getMeasure(formula.numerator))} AS DOUBLE) / NULLIF(${measureColumn(getMeasure(formula.denominator))}, 0)`;
}

function assertSupported(
  metrics: readonly MetricDefinition[],
  factIds: readonly FactId[],
  dimensions: readonly DimensionDefinition[],
  parameter: 'dimensions' | 'filters',
  allDimensions: readonly DimensionDefinition[],
): void {
  for (const dimension of dimensions) {
    const missing = factIds.filter((fact) => !dimension.expressions[fact]);
    if (missing.length === 0) continue;
    const allowed = allDimensions
      .filter((candidate) => factIds.every((fact) => candidate.expressions[fact]))
      .map((candidate) => candidate.id);
    const metricIds = metrics.map((metric) => metric.id).join(', ');
    const sources = missing.map((fact) => FACTS[fact].name_en).join(' and ');
    throw new SemanticQueryError(
      `"${dimension.id}" cannot be used with ${metricIds}: ${sources} rows have no ${dimension.id}. ` +
        `Use one of these dimensions instead, or ask for the metrics separately: ${allowed.join(', ')}.`,
      { parameter, allowed },
    );
  }
}

function joinOn(left: string, right: string, dimensions: readonly DimensionDefinition[]): string {
  if (dimensions.length === 0) return 'ON true';
  return `ON ${dimensions
    .map((dimension) => `${left}.${quoteIdentifier(dimension.id)} IS NOT DISTINCT FROM ${right}.${quoteIdentifier(dimension.id)}`)
    .join(' AND ')}`;
}

/**
 * Aggregates of several facts over one window: each fact in its own CTE grouped by the dimensions, then
 * joined on the dimension values (never row-to-row, so nothing fans out), then ratios from the totals.
 */
export function compileAggregation(request: AggregationRequest, allDimensions: readonly DimensionDefinition[]): Aggregation {
  const measures = [...new Map(request.metrics.flatMap(metricMeasures).map((measure) => [measure.id, measure])).values()];
  const factIds = [...new Set(measures.map((measure) => measure.fact))];
  const rowFacts = factIds.filter((fact) => !FACTS[fact].broadcast);
  const timeDimensions = request.dimensions.filter((dimension) => dimension.kind === 'time');
  const otherDimensions = request.dimensions.filter((dimension) => dimension.kind !== 'time');
  const timeFilters = request.filters.filter((filter) => filter.dimension.kind === 'time');
  assertSupported(request.metrics, factIds, timeDimensions, 'dimensions', allDimensions);
  assertSupported(request.metrics, rowFacts, otherDimensions, 'dimensions', allDimensions);
  assertSupported(request.metrics, factIds, timeFilters.map((filter) => filter.dimension), 'filters', allDimensions);
  assertSupported(request.metrics, rowFacts, request.filters.map((filter) => filter.dimension), 'filters', allDimensions);

  const ctes: Cte[] = [];
  const bucketGrain = bucketGrainOf(request.dimensions);
  const factCtes = new Map<FactId, string>();
  for (const factId of factIds) {
    const fact = FACTS[factId];
    const cteName = `${request.prefix}_${factId}`;
    factCtes.set(factId, cteName);
    ctes.push(
      ...compileFact({
        fact,
        measures: measures.filter((measure) => measure.fact === factId),
        // Window-wide denominators are split by time only and ignore filters on who or what.
        dimensions: fact.broadcast ? timeDimensions : request.dimensions,
        filters: fact.broadcast ? timeFilters : request.filters,
        window: request.window,
        language: request.language,
        keepNulls: request.keepNulls,
        bucketGrain,
        cteName,
        writer: request.writer,
        derived: request.derived,
      }),
    );
  }

  const measureSelect = measures.map(
    (measure) => `coalesce(${factCtes.get(measure.fact)}.${measureColumn(measure)}, 0) AS ${measureColumn(measure)}`,
  );
  const joinedName = `${request.prefix}_joined`;
  if (request.dimensions.length === 0) {
    const from = factIds.map((fact) => factCtes.get(fact)).join(' CROSS JOIN ');
    ctes.push({ name: joinedName, sql: `SELECT ${measureSelect.join(', ')} FROM ${from}` });
  } else {
    const keysName = `${request.prefix}_keys`;
    const columnsOf = (dimensions: readonly DimensionDefinition[]) =>
      dimensions.map((dimension) => quoteIdentifier(dimension.id)).join(', ');
    if (request.fillTimeGaps && timeDimensions.length > 0) {
      const spine = `(${timeSpineSql(timeDimensions, timeFilters, request.window, request.writer)})`;
      const others =
        otherDimensions.length === 0
          ? ''
          : // DISTINCT: one fact's rows repeat each value once per time bucket, and a single SELECT has no UNION to dedupe.
            ` CROSS JOIN (${rowFacts.map((fact) => `SELECT DISTINCT ${columnsOf(otherDimensions)} FROM ${factCtes.get(fact)}`).join(' UNION ')}) other_keys`;
      ctes.push({ name: keysName, sql: `SELECT ${columnsOf(request.dimensions)} FROM ${spine} AS spine${others}` });
    } else {
      const sources = rowFacts.map((fact) => `SELECT ${columnsOf(request.dimensions)} FROM ${factCtes.get(fact)}`);
      ctes.push({ name: keysName, sql: sources.join('\n  UNION\n  ') });
    }
    const joins = factIds.map((fact) => {
      const name = factCtes.get(fact) as string;
      const on = FACTS[fact].broadcast ? timeDimensions : request.dimensions;
      return `LEFT JOIN ${name} ${joinOn('k', name, on)}`;
    });
    // Named explicitly: in a multi-table SELECT ClickHouse would keep the "k." prefix in the column name.
    const keySelect = request.dimensions.map((dimension) => `k.${quoteIdentifier(dimension.id)} AS ${quoteIdentifier(dimension.id)}`);
    ctes.push({
      name: joinedName,
      sql: `SELECT ${[...keySelect, ...measureSelect].join(',\n    ')}\n  FROM ${keysName} k\n  ${joins.join('\n  ')}`,
    });
  }
  const resultName = `${request.prefix}_result`;
  const metricSelect = request.metrics.map((metric) => `${metricValueSql(metric)} AS ${quoteIdentifier(metric.id)}`);
  ctes.push({ name: resultName, sql: `SELECT *, ${metricSelect.join(', ')} FROM ${joinedName}` });
  return { ctes, resultName, measures };
}

export function needsFirstSeen(dimensions: readonly DimensionDefinition[]): boolean {
  return dimensions.some((dimension) => dimension.joins.includes('first_seen'));
}

export { FIRST_SEEN_CTE };
