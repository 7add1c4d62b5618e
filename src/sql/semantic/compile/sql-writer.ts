import { DUCKDB_DIALECT, type ParameterType, type SqlDialect } from '../../engine/sql-dialect.ts';
import type { NamedParameters, ParameterValue } from '../../engine/warehouse-engine.ts';
import { SemanticQueryError } from '../semantic-error.ts';

/**
 * What one compile run writes with: the engine's dialect, and the parameters that carry every filter value to the
 * engine (values never become SQL text, so no engine's string-escape rules can turn one into SQL).
 */
export class SqlWriter {
  readonly parameters: NamedParameters = {};
  private count = 0;

  constructor(readonly dialect: SqlDialect = DUCKDB_DIALECT) {}

  /** A placeholder for `value`; the value itself travels in `parameters`. */
  bind(value: ParameterValue, type: ParameterType): string {
    if (typeof value === 'string' && value.includes('\u0000')) {
      throw new SemanticQueryError('A filter value contains a NUL character; remove it and retry.', { parameter: 'values' });
    }
    this.count += 1;
    const name = `p${this.count}`;
    this.parameters[name] = value;
    return this.dialect.parameter(name, type);
  }
}
