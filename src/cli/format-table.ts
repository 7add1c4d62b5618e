import type { QueryResult } from '../sql/warehouse.ts';

/** Display width: CJK and other wide characters take two terminal columns. */
function displayWidth(text: string): number {
  let width = 0;
  for (const character of text) {
    const code = character.codePointAt(0) ?? 0;
    width += code >= 0x1100 && (code <= 0x115f || (code >= 0x2e80 && code <= 0xa4cf) || (code >= 0xac00 && code <= 0xd7a3) || (code >= 0xf900 && code <= 0xfaff) || (code >= 0xfe30 && code <= 0xfe4f) || (code >= 0xff00 && code <= 0xff60) || (code >= 0xffe0 && code <= 0xffe6)) ? 2 : 1;
  }
  return width;
}

function cellText(value: unknown): string {
  if (value === null || value === undefined) return 'NULL';
  return typeof value === 'object' ? JSON.stringify(value) : String(value);
}

/** A plain-text table for terminals, capped at `maxRows` rows. */
export function formatTable(result: QueryResult, maxRows = 50): string {
  const header = result.columns.map((column) => column.name);
  const body = result.rows.slice(0, maxRows).map((row) => header.map((name) => cellText(row[name])));
  const widths = header.map((name, index) => Math.max(displayWidth(name), ...body.map((cells) => displayWidth(cells[index] ?? ''))));
  const line = (cells: string[]) => cells.map((cell, index) => cell + ' '.repeat((widths[index] ?? 0) - displayWidth(cell))).join(' | ');
  const lines = [line(header), widths.map((width) => '-'.repeat(width)).join('-+-'), ...body.map(line)];
  if (result.rows.length > maxRows) lines.push(`… ${result.rows.length - maxRows} more rows`);
  lines.push(`(${result.rows.length} row${result.rows.length === 1 ? '' : 's'})`);
  return lines.join('\n');
}
