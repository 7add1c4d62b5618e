import { ImportError } from './import-error.ts';
import type { ImportContext } from './import-context.ts';
import type { CleaningRule } from './import-report.ts';
import { locateStagedRows, toStagedRowReference, type StagedFile } from './staged-rows.ts';

const EXAMPLES_PER_RULE = 5;

/** One rule as a condition on a staged table that has row_index, file_index and source_line columns. */
export interface RuleCheck {
  rule: string;
  action: CleaningRule['action'];
  /** SELECT … FROM {from} WHERE {where}: the rows the rule applied to. */
  from: string;
  where: string;
  /** Whether --strict refuses the import when the rule applies (every dropping rule does). */
  refusedWhenStrict?: boolean;
}

/** Counts every rule's rows, finds the first example lines, and adds them to the report in the order given. */
export async function reportCleaningRules(context: ImportContext, staged: readonly StagedFile[], checks: readonly RuleCheck[]): Promise<void> {
  for (const check of checks) {
    const rows = await context.count(`SELECT count(*) FROM ${check.from} WHERE ${check.where}`);
    const exampleRows = rows > 0 ? await context.rows(`SELECT row_index, file_index, source_line FROM ${check.from} WHERE ${check.where} ORDER BY row_index LIMIT ${EXAMPLES_PER_RULE}`) : [];
    const examples = await locateStagedRows(staged, exampleRows.map(toStagedRowReference));
    context.report.cleaning.push({ rule: check.rule, action: check.action, rows, examples });
  }
  enforceStrict(context, checks.filter((check) => check.refusedWhenStrict).map((check) => check.rule));
}

/**
 * --strict keeps the old refusing behaviour: the first row that a dropping rule (or one of `alsoRefused`)
 * applied to fails the whole import, naming file, line and rule, and nothing is written.
 */
export function enforceStrict(context: ImportContext, alsoRefused: readonly string[] = []): void {
  if (!context.options.strict) return;
  const applied = context.report.cleaning.find((rule) => rule.rows > 0 && (rule.action === 'dropped' || alsoRefused.includes(rule.rule)));
  if (!applied) return;
  const first = applied.examples[0];
  throw new ImportError({
    file: first?.file ?? context.report.files[0] ?? '',
    line: first?.line,
    reason: `${applied.rule} (${applied.rows} rows; --strict refuses rows that cleaning would change)`,
    hint: 'Fix the file, or import without --strict to apply the cleaning rules and get them in the report; nothing was imported.',
  });
}
