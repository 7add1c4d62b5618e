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
const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/**
 * True for a real calendar date written YYYY-MM-DD (rejects 2025-02-30). Checked by arithmetic rather than through
 * a Date, which every time phrase and compiled period pays for; years before 0100 are refused, as Date.UTC read them
 * as 19xx.
 */
export function isIsoDate(value: string): boolean {
  const match = ISO_DATE.exec(value);
  if (!match) return false;
  const year = Number(match[1]);
  const month = Number(match[2]);
  const day = Number(match[3]);
  if (year < 100 || month < 1 || month > 12 || day < 1) return false;
  const leap = month === 2 && year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  return day <= (MONTH_DAYS[month - 1] as number) + (leap ? 1 : 0);
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
