/**
 * Counts ';'-separated statements, skipping strings, quoted identifiers, dollar quotes and comments.
 * Used only to word the refusal of SQL that DuckDB already refused to serialize as a SELECT: calling
 * DuckDB's extractStatements on such text is not safe, because it expands IMPORT DATABASE (and other
 * PRAGMA-style statements) by reading files while "parsing".
 */
export function roughStatementCount(sql: string): number {
  let count = 0;
  let hasContent = false;
  let index = 0;
  while (index < sql.length) {
    const character = sql[index] ?? '';
    const next = sql[index + 1] ?? '';
    if (character === '-' && next === '-') {
      const end = sql.indexOf('\n', index);
      index = end < 0 ? sql.length : end + 1;
    } else if (character === '/' && next === '*') {
      const end = sql.indexOf('*/', index + 2);
      index = end < 0 ? sql.length : end + 2;
    } else if (character === "'" || character === '"') {
      index = skipQuoted(sql, index, character);
      hasContent = true;
    } else if (character === '$') {
      const tag = /^\$[A-Za-z_]*\$/.exec(sql.slice(index))?.[0];
      if (tag) {
        const end = sql.indexOf(tag, index + tag.length);
        index = end < 0 ? sql.length : end + tag.length;
      } else {
        index += 1;
      }
      hasContent = true;
    } else if (character === ';') {
      if (hasContent) count += 1;
      hasContent = false;
      index += 1;
    } else {
      if (!/\s/.test(character)) hasContent = true;
      index += 1;
    }
  }
  return hasContent ? count + 1 : count;
}

function skipQuoted(sql: string, start: number, quote: string): number {
  let index = start + 1;
  while (index < sql.length) {
    if (sql[index] === quote) {
      if (sql[index + 1] === quote) index += 2; // doubled quote is an escaped quote
      else return index + 1;
    } else {
      index += 1;
    }
  }
  return sql.length;
}
