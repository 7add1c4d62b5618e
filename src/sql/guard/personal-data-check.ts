import { PersonalDataError } from './guard-errors.ts';
import { asciiLower, type SqlPolicy } from './sql-policy.ts';
import { positionFromByteOffset } from './sql-position.ts';
import type { ParseTreeReferences } from './walk-parse-tree.ts';

/**
 * Column-level policy: refuses any use of a personal column other than counting it, and every construct that
 * could reach one without naming it (`*`, `COLUMNS(…)` and `#2` over a FROM clause holding such a table, a whole
 * row `u`, positional column aliases). Decided on names, fail-closed: a harmless alias that happens to be
 * called `phone` is refused too, and the message says to rename it.
 */
export function checkPersonalData(references: ParseTreeReferences, sql: string, policy: SqlPolicy): void {
  const personalNames = new Set(Object.values(policy.personalColumns).flat().map(asciiLower));
  if (personalNames.size === 0) return;
  const located = (byteOffset: number | undefined) => {
    const position = positionFromByteOffset(sql, byteOffset);
    return position ? { position } : {};
  };
  for (const column of references.columns) {
    const personal = column.names.find((name) => personalNames.has(asciiLower(name)));
    if (personal !== undefined && !column.countedOnly) {
      throw new PersonalDataError({ sql, ...located(column.byteOffset), columnName: column.names.join('.'), reason: 'column' });
    }
  }
  for (const name of references.usingColumns) {
    if (personalNames.has(asciiLower(name))) throw new PersonalDataError({ sql, columnName: name, reason: 'using' });
  }
  const personalTables = references.tables.filter((table) => !table.isCte && asciiLower(table.name) in policy.personalColumns);
  if (personalTables.length === 0) return;
  for (const table of personalTables) {
    if (table.columnAliases.length > 0) throw new PersonalDataError({ sql, ...located(table.byteOffset), columnName: table.name, reason: 'column_alias' });
  }
  const personalColumnsOf = (tables: readonly string[]) => tables.flatMap((table) => policy.personalColumns[table] ?? []).map(asciiLower);
  for (const star of references.stars) {
    const reachable = personalColumnsOf(star.fromTables);
    if (reachable.length === 0) continue;
    const excluded = new Set(star.excluded.map(asciiLower));
    if (star.columnsExpression || reachable.some((name) => !excluded.has(name))) {
      const text = star.columnsExpression ? 'COLUMNS(…)' : star.relation ? `${star.relation}.*` : '*';
      throw new PersonalDataError({ sql, ...located(star.byteOffset), columnName: text, reason: 'star' });
    }
  }
  if (references.positionalReferences.some((reference) => personalColumnsOf(reference.fromTables).length > 0)) {
    throw new PersonalDataError({ sql, columnName: '#n', reason: 'positional' });
  }
  // `SELECT u FROM users u` (or to_json(users)) returns the whole row as a struct.
  // An aliased table is reachable only by its alias (`FROM orders o` binds o, not orders), so a column that the
  // query itself names "orders" is not mistaken for the table's row.
  const rowNames = new Set(personalTables.map((table) => (table.alias ? table.alias : table.name)).filter((name) => name !== '').map(asciiLower));
  for (const column of references.columns) {
    const [only] = column.names;
    if (column.names.length === 1 && only !== undefined && rowNames.has(asciiLower(only)) && !column.countedOnly) {
      throw new PersonalDataError({ sql, ...located(column.byteOffset), columnName: only, reason: 'row_value' });
    }
  }
}
