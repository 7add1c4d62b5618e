import { formatValue } from '../../../src/presentation/format-value.ts';
import { UnitSchema } from '../../../src/presentation/result-table.ts';
import type { Language } from './i18n.ts';

/**
 * A table cell as text, with the same formatter the narrative uses (the column's currency, % for ratios, grouped counts),
 * so the numbers in the table and in the sentence above it read identically. Unknown units and non-scalar cells
 * fall back to plain text.
 */
export function formatCell(value: unknown, unit: string | undefined, language: Language, currency?: string | null): string {
  if (value === undefined || value === null) return language === 'zh' ? '无' : 'n/a';
  if (typeof value === 'object') return JSON.stringify(value);
  if (typeof value === 'boolean') return String(value);
  const known = UnitSchema.safeParse(unit);
  if (typeof value === 'number') return known.success ? formatValue(value, known.data, language, currency) : formatValue(value, 'number', language);
  return String(value);
}

/** Right-align numbers in tables (a column of figures reads best on its decimal side). */
export function isNumericUnit(unit: string | undefined): boolean {
  return unit !== undefined && ['count', 'currency', 'ratio', 'seconds', 'days', 'score', 'integer', 'number'].includes(unit);
}
