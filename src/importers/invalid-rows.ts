import { ImportError } from './import-error.ts';
import type { ImportContext } from './import-context.ts';
import type { InvalidRowExample } from './import-report.ts';

/** Rows that could not be read at all (bad number or date, wrong field count, missing required value). */
export interface InvalidRows {
  byReason: Map<string, number>;
  /** A few examples, sorted by file then line; the first one is named in the error. */
  examples: InvalidRowExample[];
}

export function emptyInvalidRows(): InvalidRows {
  return { byReason: new Map(), examples: [] };
}

export function addInvalid(invalid: InvalidRows, reason: string, rows: number, examples: InvalidRowExample[] = []): void {
  if (rows <= 0) return;
  invalid.byReason.set(reason, (invalid.byReason.get(reason) ?? 0) + rows);
  invalid.examples.push(...examples);
}

function describeFraction(fraction: number): string {
  return `${Number((fraction * 100).toPrecision(3))}%`;
}

/**
 * A few unreadable rows in a large real export are dropped and reported; more than `maxInvalidFraction`
 * of the rows means the file itself is wrong, and the import fails naming the first bad line.
 */
export function settleInvalidRows(context: ImportContext, invalid: InvalidRows, fileOrder: readonly string[]): void {
  const total = [...invalid.byReason.values()].reduce((sum, count) => sum + count, 0);
  if (total === 0) return;
  const examples = [...invalid.examples].sort(
    (left, right) => fileOrder.indexOf(left.file) - fileOrder.indexOf(right.file) || (left.line ?? 0) - (right.line ?? 0),
  );
  const rowsRead = context.report.rowsRead;
  const allowed = context.options.maxInvalidFraction;
  if (total > rowsRead * allowed) {
    const first = examples[0] ?? { file: fileOrder[0] ?? '', reason: [...invalid.byReason.keys()][0] ?? 'invalid row' };
    const suggestion = Math.min(1, Math.ceil((total / Math.max(rowsRead, 1)) * 100) / 100);
    throw new ImportError({
      file: first.file,
      line: first.line,
      column: first.column,
      reason: `${first.reason} (${total} of ${rowsRead} rows cannot be read; at most ${describeFraction(allowed)} may be dropped)`,
      hint:
        `Fix the value in the file and import again, or pass --max-invalid-fraction ${suggestion} to drop such ` +
        'rows and import the rest; nothing was imported.',
    });
  }
  for (const [reason, count] of invalid.byReason) context.report.drop(reason, count);
  context.report.invalidExamples.push(...examples.slice(0, 10));
}
