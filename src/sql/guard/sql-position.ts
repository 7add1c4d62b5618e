/** Where in the SQL text something is: `offset` indexes the JavaScript string, line and column count from 1. */
export interface SqlPosition {
  offset: number;
  line: number;
  column: number;
}

/** DuckDB parse-tree `query_location` values are UTF-8 byte offsets; "unknown" is 2^64-1. */
export function positionFromByteOffset(sql: string, byteOffset: number | undefined): SqlPosition | undefined {
  if (byteOffset === undefined || !Number.isSafeInteger(byteOffset) || byteOffset < 0) return undefined;
  const bytes = Buffer.from(sql, 'utf8');
  if (byteOffset > bytes.length) return undefined;
  return positionFromOffset(sql, bytes.subarray(0, byteOffset).toString('utf8').length);
}

/** DuckDB parser-error positions count Unicode code points, not bytes. */
export function positionFromCodePointOffset(sql: string, codePoints: number | undefined): SqlPosition | undefined {
  if (codePoints === undefined || !Number.isSafeInteger(codePoints) || codePoints < 0) return undefined;
  const characters = Array.from(sql);
  if (codePoints > characters.length) return undefined;
  return positionFromOffset(sql, characters.slice(0, codePoints).join('').length);
}

export function positionFromOffset(sql: string, offset: number): SqlPosition {
  const before = sql.slice(0, offset);
  const lines = before.split('\n');
  const lastLine = lines[lines.length - 1] ?? '';
  return { offset, line: lines.length, column: Array.from(lastLine).length + 1 };
}

/**
 * Binder and catalog errors carry no offset, only a rendered "LINE n: <excerpt>" with a caret underneath;
 * DuckDB shortens long lines to an excerpt that may start with "...", so the caret is mapped back onto the
 * real line by locating the excerpt in it.
 */
export function positionFromErrorMessage(sql: string, message: string): SqlPosition | undefined {
  const match = /LINE (\d+): ([^\n]*)\n( *)\^/.exec(message);
  if (!match) return undefined;
  const lineNumber = Number(match[1]);
  const excerpt = match[2] ?? '';
  const caretColumn = (match[3] ?? '').length - `LINE ${lineNumber}: `.length;
  const lines = sql.split('\n');
  const line = lines[lineNumber - 1];
  if (line === undefined || caretColumn < 0) return undefined;
  let columnIndex = caretColumn;
  if (excerpt.startsWith('...')) {
    const excerptText = excerpt.slice(3).replace(/\.\.\.$/, '');
    const start = line.indexOf(excerptText);
    if (start < 0) return undefined;
    columnIndex = start + caretColumn - 3;
  }
  const lineStart = lines.slice(0, lineNumber - 1).reduce((total, text) => total + text.length + 1, 0);
  return positionFromOffset(sql, Math.min(lineStart + columnIndex, sql.length));
}
