import type { DimensionDefinition, MetricDefinition } from './catalogue-schema.ts';
import { availableDimensions, CORE_TABLES, dimensionAvailable, DIMENSIONS, findDimension } from './dimensions.ts';
import { FACTS } from './facts.ts';
import { findMetric, metricFacts, METRICS } from './metrics.ts';
import { SemanticQueryError } from '../semantic-error.ts';

function normalise(text: string): string {
  return text.trim().toLowerCase().replace(/[\s_\-–]+/g, ' ');
}

function namesOf(entry: MetricDefinition | DimensionDefinition): string[] {
  return [entry.id, entry.name_en, entry.name_zh, ...entry.synonyms_en, ...entry.synonyms_zh].map(normalise);
}

/** Metrics whose facts' tables are all present. */
export function availableMetrics(tables: readonly string[] = CORE_TABLES): MetricDefinition[] {
  const present = new Set(tables);
  return METRICS.filter((metric) => metricAvailable(metric, present));
}

function metricAvailable(metric: MetricDefinition, present: ReadonlySet<string>): boolean {
  return metricFacts(metric).every((fact) => FACTS[fact].requiredTables.every((table) => present.has(table)));
}

function lookUp<T extends MetricDefinition | DimensionDefinition>(
  text: string,
  exact: (id: string) => T | undefined,
  candidates: readonly T[],
): T | undefined {
  const byId = exact(text);
  if (byId) return byId;
  const wanted = normalise(text);
  const matches = candidates.filter((candidate) => namesOf(candidate).includes(wanted));
  return matches.length === 1 ? matches[0] : undefined;
}

/**
 * A metric by id, or by a name or synonym that belongs to exactly one metric ("GMV", "成交额", "转化率").
 * Throws a SemanticQueryError listing the valid ids when nothing (or more than one metric) matches.
 */
export function resolveMetric(text: string, tables: readonly string[] = CORE_TABLES): MetricDefinition {
  const metric = lookUp(text, findMetric, METRICS);
  // Only the metric named is checked: every compile resolves its metrics, and listing all of them is for the error.
  if (metric && metricAvailable(metric, new Set(tables))) return metric;
  const allowed = availableMetrics(tables).map((candidate) => candidate.id);
  const reason = metric ? `needs tables that this warehouse does not have` : `is not a known metric`;
  throw new SemanticQueryError(`"${text}" ${reason}. Use one of: ${allowed.join(', ')}.`, { parameter: 'metrics', allowed });
}

export function resolveDimension(
  text: string,
  tables: readonly string[] = CORE_TABLES,
  parameter = 'dimensions',
): DimensionDefinition {
  const dimension = lookUp(text, findDimension, DIMENSIONS);
  if (dimension && dimensionAvailable(dimension, new Set(tables))) return dimension;
  const allowed = availableDimensions(tables).map((candidate) => candidate.id);
  const reason = dimension
    ? `needs the table(s) ${dimension.required_tables.join(', ')}, which this warehouse does not have yet`
    : 'is not a known dimension';
  throw new SemanticQueryError(`"${text}" ${reason}. Use one of: ${allowed.join(', ')}.`, { parameter, allowed });
}

export { availableDimensions, CORE_TABLES, DIMENSIONS, METRICS };
