import type { DimensionDefinition } from '../catalogue/catalogue-schema.ts';
import { resolveDimension } from '../catalogue/catalogue.ts';
import { SemanticQueryError } from '../semantic-error.ts';
import type { SemanticFilter } from './semantic-query.ts';
import { isIsoDate } from './sql-literals.ts';
import type { SqlWriter } from './sql-writer.ts';

export interface ResolvedFilter {
  dimension: DimensionDefinition;
  operator: SemanticFilter['operator'];
  values: (string | number)[];
}

/** Filters with their dimensions looked up (by id or unique synonym) among those the tables allow. */
export function resolveFilters(filters: readonly SemanticFilter[], tables: readonly string[]): ResolvedFilter[] {
  return filters.map((filter) => ({
    dimension: resolveDimension(filter.dimension, tables, 'filters'),
    operator: filter.operator,
    values: filter.values,
  }));
}

/** A filter value as a query parameter of the dimension's type (checked first, so errors name the filter). */
function valueParameter(dimension: DimensionDefinition, value: string | number, writer: SqlWriter): string {
  const parameter = `filters.${dimension.id}`;
  if (dimension.value_type === 'date') {
    if (typeof value !== 'string' || !isIsoDate(value)) {
      throw new SemanticQueryError(`Filter on ${dimension.id} needs dates written YYYY-MM-DD, not ${value}.`, { parameter });
    }
    return writer.bind(value, 'date');
  }
  if (dimension.value_type === 'amount') {
    const number = typeof value === 'number' ? value : Number(value.trim());
    if (!Number.isFinite(number)) throw new SemanticQueryError(`Filter on ${dimension.id} needs an amount such as 100 or 99.5, not "${value}".`, { parameter });
    return writer.bind(number, 'float');
  }
  if (dimension.value_type === 'integer') {
    const number = typeof value === 'number' ? value : Number(value.trim());
    if (!Number.isInteger(number) || !Number.isSafeInteger(number)) {
      throw new SemanticQueryError(`Filter on ${dimension.id} needs whole numbers, not "${value}".`, { parameter });
    }
    return writer.bind(number, 'integer');
  }
  return writer.bind(String(value), 'text');
}

/** A filter value may be written in Chinese (男, 北京): add the stored key it stands for. */
function withStoredKeys(dimension: DimensionDefinition, values: readonly (string | number)[]): string[] {
  const byLabel = new Map(Object.entries(dimension.value_labels_zh).map(([key, label]) => [label, key]));
  const expanded = new Set<string>();
  for (const value of values) {
    const text = String(value).trim();
    expanded.add(text.toLowerCase());
    const key = byLabel.get(text);
    if (key !== undefined) expanded.add(key.toLowerCase());
  }
  return [...expanded];
}

/**
 * WHERE condition for one filter. `matchExpressions` are the columns a value may equal (category matches
 * category or category_zh); equality on text ignores case so "beijing" finds Beijing.
 */
export function filterSql(filter: ResolvedFilter, matchExpressions: readonly string[], writer: SqlWriter): string {
  const { dimension, operator, values } = filter;
  const valueLiteral = (owner: DimensionDefinition, value: string | number) => valueParameter(owner, value, writer);
  const primary = matchExpressions[0];
  if (primary === undefined) throw new Error(`Internal error: no SQL to filter ${dimension.id} by.`);
  if (operator === 'between') {
    return `${primary} BETWEEN ${valueLiteral(dimension, values[0] ?? '')} AND ${valueLiteral(dimension, values[1] ?? '')}`;
  }
  if (operator === 'gte') return `${primary} >= ${valueLiteral(dimension, values[0] ?? '')}`;
  if (operator === 'lte') return `${primary} <= ${valueLiteral(dimension, values[0] ?? '')}`;
  if (operator === 'gt') return `${primary} > ${valueLiteral(dimension, values[0] ?? '')}`;
  if (operator === 'lt') return `${primary} < ${valueLiteral(dimension, values[0] ?? '')}`;
  if (operator === 'contains') {
    if (dimension.value_type !== 'text') throw new SemanticQueryError(`'contains' works on text dimensions; ${dimension.id} is not text.`, { parameter: `filters.${dimension.id}` });
    // Any of the words inside any of the matched columns ("searches mentioning iphone").
    const checks = values.flatMap((value) => matchExpressions.map((expression) => `coalesce(${writer.dialect.containsText(expression, writer.bind(String(value).trim(), 'text'))}, false)`));
    return checks.length === 1 ? (checks[0] as string) : `(${checks.join(' OR ')})`;
  }
  let alternatives: string[];
  if (dimension.value_type === 'text') {
    const list = withStoredKeys(dimension, values).map((value) => writer.bind(value, 'text')).join(', ');
    alternatives = matchExpressions.map((expression) => `coalesce(${writer.dialect.lower(expression)} IN (${list}), false)`);
  } else {
    const list = values.map((value) => valueLiteral(dimension, value)).join(', ');
    alternatives = matchExpressions.map((expression) => `coalesce(${expression} IN (${list}), false)`);
  }
  const anyMatch = alternatives.length === 1 ? alternatives[0] : `(${alternatives.join(' OR ')})`;
  return operator === 'not_in' ? `NOT ${anyMatch}` : `${anyMatch}`;
}
