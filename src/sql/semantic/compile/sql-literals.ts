import { SemanticQueryError } from '../semantic-error.ts';

/**
 * Single-quoted SQL string literal of a catalogue constant (labels, step names). Quotes are doubled, which is all
 * DuckDB needs, but ClickHouse also reads backslash escapes: values from users go through SqlWriter.bind instead.
 */
export function textLiteral(value: string): string {
  if (value.includes('\u0000')) {
    throw new SemanticQueryError('A filter value contains a NUL character; remove it and retry.', { parameter: 'values' });
  }
  return `'${value.replaceAll("'", "''")}'`;
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** True for a real calendar date written YYYY-MM-DD (rejects 2025-02-30). */
export function isIsoDate(value: string): boolean {
  const match = ISO_DATE.exec(value);
  if (!match) return false;
  const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
  return date.toISOString().slice(0, 10) === value;
}

export function dateLiteral(value: string, parameter = 'date'): string {
  if (!isIsoDate(value)) {
    throw new SemanticQueryError(`"${value}" is not a date; write it as YYYY-MM-DD, e.g. 2025-11-11.`, { parameter });
  }
  return `DATE '${value}'`;
}

export function timestampLiteral(value: string): string {
  if (!isIsoDate(value)) {
    throw new SemanticQueryError(`"${value}" is not a date; write it as YYYY-MM-DD.`, { parameter: 'timeRange' });
  }
  return `TIMESTAMP '${value} 00:00:00'`;
}

export function numberLiteral(value: number, parameter = 'values'): string {
  if (!Number.isFinite(value)) {
    throw new SemanticQueryError(`${value} is not a finite number; pass a plain number.`, { parameter });
  }
  return String(value);
}
