import type { NamedParameters, ParameterValue } from '../../engine/warehouse-engine.ts';
import type { CompiledQuery } from './compiled-query.ts';

function literal(value: ParameterValue | undefined, type: string, backslashEscapes: boolean): string {
  if (value === null || value === undefined) return 'NULL';
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  let text = String(value);
  if (backslashEscapes) text = text.replaceAll('\\', '\\\\');
  const quoted = `'${text.replaceAll("'", "''")}'`;
  return /^(DATE|Date)/.test(type) ? `DATE ${quoted}` : quoted;
}

/**
 * The compiled SQL with its parameter values written in, for people to read (answers, transcripts). It is never
 * executed: the engine always gets `sql` and `parameters` separately.
 */
export function displaySql(compiled: Pick<CompiledQuery, 'sql' | 'parameters'>): string {
  const parameters: NamedParameters = compiled.parameters;
  return compiled.sql
    .replace(/CAST\(\$(p\d+) AS ([A-Z]+)\)/g, (_, name: string, type: string) => literal(parameters[name], type, false))
    .replace(/\{(p\d+):([A-Za-z0-9(), ]+)\}/g, (_, name: string, type: string) => literal(parameters[name], type, true));
}
