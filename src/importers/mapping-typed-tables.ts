import type { ImportContext } from './import-context.ts';
import type { InvalidRowExample } from './import-report.ts';
import { addInvalid, type InvalidRows } from './invalid-rows.ts';
import { columnExpressions } from './mapping-expressions.ts';
import type { Mapping } from './mapping-schema.ts';
import { findSourceColumn, type MappingSource, type StagedMappingSource } from './mapping-sources.ts';
import { TARGETS, type TargetTable } from './mapping-targets.ts';
import { locateStagedRows, toStagedRowReference } from './staged-rows.ts';
import { quoteIdentifier, quoteLiteral } from './sql-text.ts';

/** Name of the typed temp table of a mapped target table. */
export function typedTable(table: TargetTable): string {
  return `mapped_${table}`;
}

/**
 * Converts one mapped table's source rows into typed target columns (temp table `mapped_<table>`), records
 * unreadable rows in `invalid` (with file, line and source column) and deletes them from the typed table.
 * Returns the number of source rows, valid or not.
 */
export async function buildTypedTable(
  context: ImportContext,
  mapping: Mapping,
  table: TargetTable,
  source: MappingSource,
  staged: StagedMappingSource,
  invalid: InvalidRows,
): Promise<number> {
  const tableMapping = mapping.tables[table];
  if (!tableMapping) return 0;
  const targets = TARGETS[table];
  const columns = Object.entries(tableMapping.columns).map(([column, columnSource]) => {
    const target = targets[column];
    if (!target) throw new Error(`unchecked target column ${table}.${column}`);
    const sourceColumn = columnSource.column === undefined ? undefined : findSourceColumn(source, columnSource.column);
    const expressions = columnExpressions(columnSource, sourceColumn, target, { timestampFormat: mapping.timestamp_format, dateFormat: mapping.date_format });
    return { column, label: columnSource.column ?? `(constant for ${column})`, expressions };
  });
  const checks = columns.flatMap(({ column, label, expressions }) =>
    expressions.checks.map(([condition, reason]) => ({ column, label, condition, reason, text: expressions.text })),
  );
  const caseOf = (pick: (check: (typeof checks)[number]) => string) =>
    checks.length ? `CASE ${checks.map((check) => `WHEN ${check.condition} THEN ${pick(check)}`).join(' ')} END` : 'NULL';
  await context.run(`
    CREATE TEMP TABLE ${typedTable(table)} AS
    SELECT rowid - (SELECT min(rowid) FROM ${source.table}) AS row_index, file_index, source_line,
           ${columns.map(({ column, expressions }) => `${expressions.typed} AS ${quoteIdentifier(column)}`).join(', ')},
           ${caseOf((check) => quoteLiteral(check.label))} AS invalid_label,
           ${caseOf((check) => quoteLiteral(`${table}: ${check.reason}`))} AS invalid_reason,
           ${caseOf((check) => `CAST(${check.text} AS VARCHAR)`)} AS invalid_value,
           ${caseOf((check) => quoteLiteral(check.column))} AS invalid_target
    FROM ${source.table}`);

  const sourceColumns = columns.filter(({ column }) => tableMapping.columns[column]?.column !== undefined);
  if (sourceColumns.length > 0) {
    const missing = await context.row(
      `SELECT ${sourceColumns
        .map(({ column }, index) => `count(*) FILTER (WHERE nullif(trim(${quoteIdentifier(findSourceColumn(source, tableMapping.columns[column]?.column ?? '') ?? '')}), '') IS NULL) AS m_${index}`)
        .join(', ')} FROM ${source.table}`,
    );
    sourceColumns.forEach(({ column, label }, index) => context.report.addMissing(`${table}.${column} (${label})`, Number(missing[`m_${index}`] ?? 0)));
  }

  const rejected = staged.rejectedRecords.length;
  if (rejected > 0) {
    addInvalid(
      invalid,
      `${table}: unreadable CSV record`,
      rejected,
      staged.rejects.map((reject) => ({ file: staged.file, line: reject.line, column: reject.column, reason: `${reject.message} (${table})` })),
    );
  }
  const counts = await context.rows(`SELECT invalid_reason, count(*) AS rows FROM ${typedTable(table)} WHERE invalid_reason IS NOT NULL GROUP BY ALL`);
  if (counts.length > 0) {
    const exampleRows = await context.rows(
      `SELECT file_index, source_line, row_index, invalid_label, invalid_reason, invalid_value, invalid_target FROM ${typedTable(table)} WHERE invalid_reason IS NOT NULL ORDER BY row_index LIMIT 10`,
    );
    const locations = await locateStagedRows([staged], exampleRows.map(toStagedRowReference));
    const examples: InvalidRowExample[] = exampleRows.map((row, index) => ({
      file: staged.file,
      line: locations[index]?.line,
      column: String(row.invalid_label),
      reason: `${String(row.invalid_reason).replace(`${table}: `, '')}: ${row.invalid_value === null ? 'empty' : JSON.stringify(row.invalid_value)} (for ${table}.${row.invalid_target})`,
    }));
    for (const row of counts) addInvalid(invalid, String(row.invalid_reason), Number(row.rows));
    invalid.examples.push(...examples);
    await context.run(`DELETE FROM ${typedTable(table)} WHERE invalid_reason IS NOT NULL`);
  }
  return staged.rowsAccepted + rejected;
}
