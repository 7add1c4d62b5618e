import type { JsonRow, JsonValue } from '../../sql/json-values.ts';
import { findDimension } from '../../sql/semantic/index.ts';
import type { Language } from '../../text/language.ts';
import type { ResultTable } from '../../presentation/result-table.ts';

type ValueLabeler = (columnId: string, value: JsonValue, language: Language) => string;

/** A catalogue dimension whose stored values have display names (not dates, hours or weekdays, which stay sortable). */
function isNamedDimension(id: string): boolean {
  const dimension = findDimension(id);
  return dimension !== undefined && dimension.kind !== 'time';
}

/**
 * The table as the answer shows it: dimension values by their display names in the answer's language (苹果 in a
 * Chinese answer, not Apple), so the narrative, the table and the chart name every value the same way. A
 * contribution table names its dimensions too (城市等级, not city_tier) and labels each value by its own dimension.
 */
export function withDisplayLabels(table: ResultTable, language: Language, labelValue: ValueLabeler | undefined): ResultTable {
  if (!labelValue) return table;
  const contribution = table.shape === 'contribution' && table.columns.some((column) => column.id === 'dimension_value');
  const named = table.columns.filter((column) => column.role === 'dimension' && isNamedDimension(column.id)).map((column) => column.id);
  if (!contribution && named.length === 0) return table;
  const rows = table.rows.map((row): JsonRow => {
    const labelled: JsonRow = { ...row };
    for (const id of named) labelled[id] = labelValue(id, row[id] ?? null, language);
    if (contribution && typeof row.dimension === 'string') {
      const dimension = findDimension(row.dimension);
      labelled.dimension_value = labelValue(row.dimension, row.dimension_value ?? null, language);
      if (dimension) labelled.dimension = language === 'zh' ? dimension.name_zh : dimension.name_en;
    }
    return labelled;
  });
  return { ...table, rows };
}
