import { downloadFile } from './download-file.ts';

export interface CsvColumn {
  id: string;
  label: string;
}

/** A spreadsheet would run a cell starting with these as a formula (CSV injection); text cells get a leading '. */
const FORMULA_START = /^[=+\-@\t\r]/;

function cellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  const text = typeof value === 'object' ? JSON.stringify(value) : String(value);
  // A negative number sent as text (big integers) is not a formula; keep it a number for the spreadsheet.
  return FORMULA_START.test(text) && !/^-\d+(\.\d+)?$/.test(text) ? `'${text}` : text;
}

function quoted(text: string): string {
  return /[",\r\n]/.test(text) || text !== text.trim() ? `"${text.replace(/"/g, '""')}"` : text;
}

/**
 * RFC 4180 CSV of a result table: a header of column labels, then raw values (ratios stay 0–1, amounts stay plain
 * numbers) so the file is good for further analysis, not just for reading. CRLF line ends.
 */
export function toCsv(columns: readonly CsvColumn[], rows: readonly Record<string, unknown>[]): string {
  const lines = [columns.map((column) => quoted(cellText(column.label))).join(',')];
  for (const row of rows) lines.push(columns.map((column) => quoted(cellText(row[column.id]))).join(','));
  return `${lines.join('\r\n')}\r\n`;
}

/** A file name from a question: letters (any script), digits and dashes only. */
export function csvFileName(title: string, now: Date = new Date()): string {
  const slug = title
    .normalize('NFKC')
    .replace(/[^\p{L}\p{N}]+/gu, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60);
  return `shoplens-${slug || 'result'}-${now.toISOString().slice(0, 10)}.csv`;
}

/** Saves text as a download. The BOM makes Excel read UTF-8 (Chinese labels) correctly. */
export function downloadCsv(fileName: string, csv: string): void {
  downloadFile(fileName, new Blob(['\uFEFF', csv], { type: 'text/csv;charset=utf-8' }));
}
