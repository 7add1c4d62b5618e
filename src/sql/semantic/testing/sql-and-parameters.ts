import type { NamedParameters } from '../../engine/warehouse-engine.ts';
import type { CompiledQuery } from '../compile/compiled-query.ts';

/** Arguments for warehouse.query(…) from a compiled query: its SQL and the values of its placeholders. */
export function sqlAndParameters(compiled: CompiledQuery): [string, NamedParameters] {
  return [compiled.sql, compiled.parameters];
}
