import { dimensionSchema, type DimensionDefinition, type FactId } from './catalogue-schema.ts';
import { ENTITY_DIMENSIONS } from './entity-dimensions.ts';
import { FACT_DIMENSIONS } from './fact-dimensions.ts';
import { FACTS } from './facts.ts';
import { SUPPORT_DIMENSIONS } from './support-dimensions.ts';
import { TIME_DIMENSIONS } from './time-dimensions.ts';

/** Every dimension a metric may be split or filtered by, validated once at load time. */
export const DIMENSIONS: readonly DimensionDefinition[] = [...TIME_DIMENSIONS, ...ENTITY_DIMENSIONS, ...FACT_DIMENSIONS, ...SUPPORT_DIMENSIONS].map(
  (dimension) => dimensionSchema.parse(dimension),
);

const DIMENSIONS_BY_ID = new Map(DIMENSIONS.map((dimension) => [dimension.id, dimension]));

export function findDimension(id: string): DimensionDefinition | undefined {
  return DIMENSIONS_BY_ID.get(id);
}

export function dimensionFacts(dimension: DimensionDefinition): FactId[] {
  return Object.keys(dimension.expressions) as FactId[];
}

/** Tables of the canonical schema; user_segments appears only once a segmentation model has written it. */
export const CORE_TABLES = ['users', 'products', 'events', 'orders', 'order_items', 'reviews', 'support_events'] as const;

function tablesPresent(required: readonly string[], tables: ReadonlySet<string>): boolean {
  return required.every((table) => tables.has(table));
}

/**
 * Dimensions usable with the tables present: the dimension's own tables exist and at least one fact that
 * supports it has all its tables too.
 */
export function availableDimensions(tables: readonly string[]): DimensionDefinition[] {
  const present = new Set(tables);
  return DIMENSIONS.filter((dimension) => dimensionAvailable(dimension, present));
}

/** One dimension of availableDimensions: checked alone when a query names it, rather than listing all of them. */
export function dimensionAvailable(dimension: DimensionDefinition, present: ReadonlySet<string>): boolean {
  return tablesPresent(dimension.required_tables, present) && dimensionFacts(dimension).some((fact) => tablesPresent(FACTS[fact].requiredTables, present));
}
