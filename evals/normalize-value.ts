import type { JsonValue } from '../src/sql/json-values.ts';
import { foldText, type DisplayNames } from './display-names.ts';

/** A cell reduced to what comparison needs: numbers as numbers, text as its canonical stored value. */
export type NormalizedValue =
  | { kind: 'null' }
  | { kind: 'number'; value: number }
  | { kind: 'text'; value: string };

export const RELATIVE_TOLERANCE = 1e-6;
export const ABSOLUTE_TOLERANCE = 1e-9;

const NUMERIC_TEXT = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;
const MIDNIGHT_TIMESTAMP = /^(\d{4}-\d{2}-\d{2})[ T]00:00(:00(\.0+)?)?(Z|[+-]00(:?00)?)?$/;
const YEAR_MONTH = /^(\d{4})-(\d{2})$/;
const CHINESE_YEAR_MONTH = /^(\d{4})年(\d{1,2})月$/;
const HOUR_TEXT = /^(\d{1,2})(:00|点|时|h)$/;
// How answers print an empty dimension value.
const NULL_TEXTS = new Set(['(none)', '(空)', '(无)']);

function normalizeText(text: string, names: DisplayNames): NormalizedValue {
  const trimmed = text.normalize('NFKC').trim();
  if (NULL_TEXTS.has(trimmed)) return { kind: 'null' };
  if (NUMERIC_TEXT.test(trimmed)) return { kind: 'number', value: Number(trimmed) };
  const midnight = MIDNIGHT_TIMESTAMP.exec(trimmed);
  if (midnight?.[1]) return { kind: 'text', value: midnight[1] };
  const yearMonth = YEAR_MONTH.exec(trimmed);
  if (yearMonth) return { kind: 'text', value: `${yearMonth[1]}-${yearMonth[2]}-01` };
  const chineseYearMonth = CHINESE_YEAR_MONTH.exec(trimmed);
  if (chineseYearMonth) return { kind: 'text', value: `${chineseYearMonth[1]}-${String(chineseYearMonth[2]).padStart(2, '0')}-01` };
  const hour = HOUR_TEXT.exec(trimmed);
  if (hour) return { kind: 'number', value: Number(hour[1]) };
  const canonical = names.canonical(trimmed);
  // A display name may stand for a number (周一 → 1).
  if (NUMERIC_TEXT.test(canonical)) return { kind: 'number', value: Number(canonical) };
  return { kind: 'text', value: canonical };
}

/**
 * Numbers and numeric strings compare as numbers; dates and midnight timestamps as dates; known display names
 * as the stored value they stand for. Percent strings stay text on purpose: ratios must be 0–1 numbers.
 */
export function normalizeValue(value: JsonValue | undefined, names: DisplayNames): NormalizedValue {
  if (value === null || value === undefined) return { kind: 'null' };
  if (typeof value === 'number') return Number.isFinite(value) ? { kind: 'number', value } : { kind: 'null' };
  if (typeof value === 'boolean') return { kind: 'text', value: String(value) };
  if (typeof value === 'string') return normalizeText(value, names);
  return { kind: 'text', value: foldText(JSON.stringify(value)) };
}

export function numbersEqual(left: number, right: number): boolean {
  if (left === right) return true;
  const scale = Math.max(Math.abs(left), Math.abs(right));
  return Math.abs(left - right) <= Math.max(ABSOLUTE_TOLERANCE, RELATIVE_TOLERANCE * scale);
}

export function valuesEqual(left: NormalizedValue, right: NormalizedValue): boolean {
  if (left.kind === 'number' && right.kind === 'number') return numbersEqual(left.value, right.value);
  if (left.kind === 'text' && right.kind === 'text') return left.value === right.value;
  return left.kind === 'null' && right.kind === 'null';
}

/** Total order used to line up two columns' values before comparing them pairwise. */
export function compareValues(left: NormalizedValue, right: NormalizedValue): number {
  const rank = { null: 0, number: 1, text: 2 } as const;
  if (left.kind !== right.kind) return rank[left.kind] - rank[right.kind];
  if (left.kind === 'number' && right.kind === 'number') return left.value - right.value;
  if (left.kind === 'text' && right.kind === 'text') return left.value < right.value ? -1 : left.value > right.value ? 1 : 0;
  return 0;
}

export function formatNormalized(value: NormalizedValue): string {
  return value.kind === 'null' ? 'null' : String(value.value);
}
