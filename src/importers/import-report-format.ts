import path from 'node:path';
import type { ImportReport } from './import-report.ts';
import type { SourceLocation } from './import-error.ts';

function table(headers: readonly string[], rows: readonly (readonly string[])[]): string[] {
  const widths = headers.map((header, index) => Math.max(header.length, ...rows.map((row) => (row[index] ?? '').length)));
  // Numbers line up on the right, text on the left.
  const numeric = headers.map((_, index) => rows.length > 0 && rows.every((row) => /^[\d,.%-]+$/.test(row[index] ?? '')));
  const line = (cells: readonly string[]) =>
    cells.map((cell, index) => (numeric[index] ? cell.padStart(widths[index] ?? 0) : cell.padEnd(widths[index] ?? 0))).join('  ').trimEnd();
  return [line(headers), widths.map((width) => '-'.repeat(width)).join('  '), ...rows.map(line)].map((text) => `  ${text}`);
}

function count(value: number): string {
  return value.toLocaleString('en-US');
}

function share(part: number, whole: number): string {
  return whole > 0 ? `${((part / whole) * 100).toFixed(1)}%` : '-';
}

function lines(examples: readonly SourceLocation[], fileCount: number): string {
  return examples
    .map((example) => (fileCount > 1 ? `${path.basename(example.file)}:${example.line ?? '?'}` : String(example.line ?? '?')))
    .join(', ');
}

/** The data-quality report as plain text for the terminal. */
export function formatImportReport(report: ImportReport): string {
  const output: string[] = [];
  const fileCount = report.files.length;
  output.push(`Import ${report.runId} (${report.format}), ${fileCount} file${fileCount === 1 ? '' : 's'}, ${report.durationSeconds.toFixed(2)} s`);
  for (const file of report.files) output.push(`  ${file}`);
  const droppedTotal = report.rowsRead - report.rowsKept;
  output.push('', ...table(['rows', 'count', 'share'], [
    ['read', count(report.rowsRead), '100%'],
    ['kept', count(report.rowsKept), share(report.rowsKept, report.rowsRead)],
    ['dropped', count(droppedTotal), share(droppedTotal, report.rowsRead)],
    ['  of which exact duplicates', count(report.duplicates), share(report.duplicates, report.rowsRead)],
  ]));
  const dropped = Object.entries(report.dropped).sort((left, right) => right[1] - left[1]);
  if (dropped.length) {
    output.push('', 'Dropped rows per reason:', ...table(['reason', 'rows', 'share'], dropped.map(([reason, rows]) => [reason, count(rows), share(rows, report.rowsRead)])));
  }
  if (report.invalidExamples.length) {
    output.push('', 'Unreadable rows (first ones):');
    for (const example of report.invalidExamples) {
      output.push(`  ${path.basename(example.file)} line ${example.line ?? '?'}${example.column ? `, ${example.column}` : ''}: ${example.reason}`);
    }
  }
  if (report.cleaning.length) {
    output.push('', 'Cleaning rules:', ...table(['rule', 'action', 'rows', 'example lines'], report.cleaning.map((rule) => [
      rule.rule, rule.action, count(rule.rows), lines(rule.examples, fileCount),
    ])));
  }
  const missing = Object.entries(report.missingValues);
  if (missing.length) {
    output.push('', 'Missing values per column:', ...table(['column', 'missing', 'share'], missing.map(([column, rows]) => [column, count(rows), share(rows, report.rowsRead)])));
  }
  if (report.outliers.length) {
    output.push('', 'Outlier flags:', ...table(['column', 'rows', 'action', 'rule', 'example lines'], report.outliers.map((flag) => [
      flag.column, count(flag.rows), flag.action, flag.rule, lines(flag.examples, fileCount),
    ])));
  }
  const existing = Object.entries(report.alreadyInWarehouse);
  const tables = [...new Set([...Object.keys(report.inserted), ...existing.map(([name]) => name)])];
  output.push('', 'Warehouse tables:', ...table(['table', 'inserted', 'already in warehouse'], tables.map((name) => [
    name, count(report.inserted[name] ?? 0), count(report.alreadyInWarehouse[name] ?? 0),
  ])));
  if (report.notes.length) output.push('', 'Notes:', ...report.notes.map((note) => `  - ${note}`));
  return output.join('\n');
}
