import { BEHAVIOUR_METRICS } from './behaviour-metrics.ts';
import { metricSchema, type FactId, type MeasureDefinition, type MetricDefinition } from './catalogue-schema.ts';
import { FACTS } from './facts.ts';
import { getMeasure } from './measures.ts';
import { ORDER_METRICS } from './order-metrics.ts';
import { REVIEW_METRICS } from './review-metrics.ts';
import { SUPPORT_METRICS } from './support-metrics.ts';

/** Every metric the analytics agent may ask for, validated once at load time. */
export const METRICS: readonly MetricDefinition[] = [...BEHAVIOUR_METRICS, ...ORDER_METRICS, ...REVIEW_METRICS, ...SUPPORT_METRICS].map(
  (metric) => metricSchema.parse(metric),
);

const METRICS_BY_ID = new Map(METRICS.map((metric) => [metric.id, metric]));

export function findMetric(id: string): MetricDefinition | undefined {
  return METRICS_BY_ID.get(id);
}

/** The measures a metric is built from: one for plain metrics, numerator then denominator for ratios. */
export function metricMeasures(metric: MetricDefinition): MeasureDefinition[] {
  const formula = metric.formula;
  return formula.kind === 'measure'
    ? [getMeasure(formula.measure)]
    : [getMeasure(formula.numerator), getMeasure(formula.denominator)];
}

export function metricFacts(metric: MetricDefinition): FactId[] {
  return [...new Set(metricMeasures(metric).map((measure) => measure.fact))];
}

/**
 * The event types a metric counts (from its measures' `e.event_type = '…'` conditions): a dimension carried by one
 * kind of event only (the search term) can split a metric only when that is all it counts.
 */
export function metricEventTypes(metric: MetricDefinition): Set<string> {
  const types = new Set<string>();
  for (const measure of metricMeasures(metric)) {
    for (const sql of [measure.aggregate, ...Object.values(measure.unit_columns)]) {
      for (const match of sql.matchAll(/event_type\s*=\s*'(\w+)'/g)) types.add(match[1]!);
    }
  }
  return types;
}

function measureSql(measure: MeasureDefinition): string {
  const fact = FACTS[measure.fact];
  if (!fact.unit) return measure.aggregate;
  const inner = Object.entries(measure.unit_columns).map(([name, sql]) => `${name} = ${sql}`);
  const columns = inner.length > 0 ? ` with ${inner.join(', ')}` : '';
  return `${measure.aggregate} over one row per (dimension values, ${fact.unit})${columns}`;
}

/** Human-readable SQL of a metric, for docs and prompts (the compiler assembles the real query). */
export function metricSql(metric: MetricDefinition): string {
  const formula = metric.formula;
  if (formula.kind === 'measure') return measureSql(getMeasure(formula.measure));
  return `(${measureSql(getMeasure(formula.numerator))}) / NULLIF(${measureSql(getMeasure(formula.denominator))}, 0)`;
}
