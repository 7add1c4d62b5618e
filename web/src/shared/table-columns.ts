import { z } from 'zod';
import type { TableColumn } from './sortable-table.ts';

const ResultColumnLikeSchema = z.object({ id: z.string(), label_en: z.string().optional(), label_zh: z.string().optional(), unit: z.string().optional() }).loose();
const DatabaseColumnSchema = z.object({ name: z.string(), type: z.string() }).loose();

/** DuckDB column types → the unit the formatter understands (DECIMAL is money in this schema). */
function unitOfDatabaseType(type: string): string {
  if (/DECIMAL/i.test(type)) return 'currency';
  if (/INT|DOUBLE|FLOAT|REAL|NUMERIC/i.test(type)) return 'number';
  return 'text';
}

/**
 * Table columns as the protocol carries them (`columns: unknown[]`): answer/support columns with bilingual labels
 * and units, plain database columns ({ name, type }), or bare names. Anything else is dropped.
 */
export function normalizeColumns(columns: readonly unknown[], rows: readonly Record<string, unknown>[] = []): TableColumn[] {
  const normalized: TableColumn[] = [];
  for (const column of columns) {
    const described = ResultColumnLikeSchema.safeParse(column);
    if (described.success) {
      const { id, label_en: labelEn, label_zh: labelZh, unit } = described.data;
      normalized.push({ id, labelEn: labelEn ?? labelZh ?? id, labelZh: labelZh ?? labelEn ?? id, unit });
      continue;
    }
    const database = DatabaseColumnSchema.safeParse(column);
    if (database.success) {
      normalized.push({ id: database.data.name, labelEn: database.data.name, labelZh: database.data.name, unit: unitOfDatabaseType(database.data.type) });
      continue;
    }
    if (typeof column === 'string') normalized.push({ id: column, labelEn: column, labelZh: column });
  }
  if (normalized.length === 0 && rows[0]) normalized.push(...Object.keys(rows[0]).map((id) => ({ id, labelEn: id, labelZh: id })));
  return normalized.map((column) => (column.unit === undefined && isNumberColumn(column.id, rows) ? { ...column, unit: 'number' } : column));
}

/** A column without a declared unit whose every present value is a number is a figure (right-aligned, grouped). */
function isNumberColumn(columnId: string, rows: readonly Record<string, unknown>[]): boolean {
  const values = rows.map((row) => row[columnId]).filter((value) => value !== null && value !== undefined);
  return values.length > 0 && values.every((value) => typeof value === 'number');
}
