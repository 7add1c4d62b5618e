import { ImportError } from './import-error.ts';
import type { ImportContext } from './import-context.ts';
import type { Importer } from './importer.ts';
import type { InvalidRowExample } from './import-report.ts';
import { checkSourceFile } from './source-file-check.ts';
import { readFirstCsvRecord } from './csv-first-record.ts';
import { stageCsvFile } from './csv-staging.ts';
import { locateStagedRows, type StagedFile } from './staged-rows.ts';
import { addInvalid, emptyInvalidRows, settleInvalidRows, type InvalidRows } from './invalid-rows.ts';
import { reportCleaningRules, type RuleCheck } from './cleaning-rules.ts';
import { findOlistFiles, OLIST_FILES, type OlistFileKind } from './olist-files.ts';
import { writeOlistData } from './olist-writes.ts';

interface FilePlan {
  kind: OlistFileKind;
  file: string;
  /** Spec column per header cell (null: a column this importer does not read). */
  cellColumns: (string | null)[];
}

export const OLIST_ORDER_STATUSES = ['delivered', 'shipped', 'canceled', 'unavailable', 'invoiced', 'processing', 'created', 'approved'];

const timestamp = (column: string) => `TRY_CAST(nullif(trim(${column}), '') AS TIMESTAMP)`;
const text = (column: string) => `nullif(trim(${column}), '')`;

/** [condition, column, reason] per table: the first that holds makes the row unreadable (the tolerance rule). */
const VALUE_CHECKS: Partial<Record<OlistFileKind, [string, string, string][]>> = {
  customers: [
    [`${text('customer_id')} IS NULL`, 'customer_id', 'missing required value'],
    [`${text('customer_unique_id')} IS NULL`, 'customer_unique_id', 'missing required value'],
  ],
  orders: [
    [`${text('order_id')} IS NULL`, 'order_id', 'missing required value'],
    [`${text('customer_id')} IS NULL`, 'customer_id', 'missing required value'],
    [`lower(${text('order_status')}) NOT IN (${OLIST_ORDER_STATUSES.map((status) => `'${status}'`).join(', ')}) OR ${text('order_status')} IS NULL`, 'order_status', 'unknown order status'],
    [`${timestamp('order_purchase_timestamp')} IS NULL`, 'order_purchase_timestamp', 'unparsable date'],
    ...['order_approved_at', 'order_delivered_carrier_date', 'order_delivered_customer_date'].map(
      (column) => [`${text(column)} IS NOT NULL AND ${timestamp(column)} IS NULL`, column, 'unparsable date'] as [string, string, string],
    ),
  ],
  items: [
    [`${text('order_id')} IS NULL`, 'order_id', 'missing required value'],
    [`${text('product_id')} IS NULL`, 'product_id', 'missing required value'],
    [`TRY_CAST(${text('order_item_id')} AS INTEGER) IS NULL`, 'order_item_id', 'unparsable number'],
    [`TRY_CAST(${text('price')} AS DECIMAL(12, 2)) IS NULL OR TRY_CAST(${text('price')} AS DECIMAL(12, 2)) < 0`, 'price', 'unparsable number'],
    [`${text('freight_value')} IS NOT NULL AND TRY_CAST(${text('freight_value')} AS DECIMAL(12, 2)) IS NULL`, 'freight_value', 'unparsable number'],
  ],
  payments: [
    [`${text('order_id')} IS NULL`, 'order_id', 'missing required value'],
    [`TRY_CAST(${text('payment_value')} AS DECIMAL(12, 2)) IS NULL`, 'payment_value', 'unparsable number'],
  ],
  reviews: [
    [`${text('order_id')} IS NULL`, 'order_id', 'missing required value'],
    [`TRY_CAST(${text('review_score')} AS INTEGER) NOT BETWEEN 1 AND 5 OR TRY_CAST(${text('review_score')} AS INTEGER) IS NULL`, 'review_score', 'review score not 1 to 5'],
    [`${timestamp('review_creation_date')} IS NULL`, 'review_creation_date', 'unparsable date'],
  ],
  products: [[`${text('product_id')} IS NULL`, 'product_id', 'missing required value']],
};

/**
 * The Brazilian E-Commerce Public Dataset by Olist (a folder of its CSVs) → users, products, orders,
 * order_items, reviews. Rules and the mapping are documented in docs/importers.md.
 */
export function olistImporter(inputs: readonly string[]): Importer {
  const plans: FilePlan[] = [];
  const ignored: string[] = [];

  return {
    steps: 4,

    async validate() {
      const found = findOlistFiles(inputs);
      ignored.push(...found.ignored);
      for (const [kind, file] of found.files) {
        await checkSourceFile(file, 'text');
        const header = (await readFirstCsvRecord(file)).map((cell) => cell.replace(/^\ufeff/, '').trim().toLowerCase());
        const wanted: readonly string[] = OLIST_FILES[kind].columns;
        const missing = wanted.find((column) => !header.includes(column));
        if (missing) {
          throw new ImportError({ file, line: 1, column: missing, reason: `the header has no column "${missing}" (found: ${header.join(', ')})`, hint: `${OLIST_FILES[kind].name} needs the columns ${wanted.join(', ')}; nothing was imported.` });
        }
        plans.push({ kind, file, cellColumns: header.map((cell) => (wanted.includes(cell) ? cell : null)) });
      }
    },

    async load(context) {
      const report = context.report;
      context.step('reading files');
      const staged = new Map<OlistFileKind, StagedFile>();
      const invalid = emptyInvalidRows();
      for (const [fileIndex, plan] of plans.entries()) {
        const table = `olist_${plan.kind}`;
        await context.run(`CREATE TEMP TABLE ${table} (file_index UTINYINT, ${OLIST_FILES[plan.kind].columns.map((column) => `${column} VARCHAR`).join(', ')})`);
        const columns = plan.cellColumns.map((column, index) => ({ name: column ?? `ignored_${index + 1}`, type: 'VARCHAR', keep: column !== null }));
        const result = await stageCsvFile(context, { file: plan.file, fileIndex, table, columns, header: true });
        staged.set(plan.kind, result);
        report.rowsRead += result.rowsAccepted + result.rejectedRecords.length;
        for (const reject of result.rejects) addInvalid(invalid, reject.errorType.includes('COLUMNS') ? 'wrong number of fields' : 'malformed CSV record', 1, [{ file: result.file, line: reject.line, column: reject.column, reason: reject.message }]);
        const undetailed = result.rejectedRecords.length - result.rejects.length;
        if (undetailed > 0) addInvalid(invalid, 'wrong number of fields', undetailed);
      }
      if (ignored.length) report.notes.push(`Not Olist dataset files, ignored: ${ignored.join(', ')}.`);

      context.step('checking values');
      // Row positions run across all files in order, as locateStagedRows expects.
      let start = 0;
      const stagedList = plans.map((plan) => staged.get(plan.kind) as StagedFile);
      for (const plan of plans) {
        await checkValues(context, plan, start, stagedList, invalid);
        start += staged.get(plan.kind)?.rowsAccepted ?? 0;
      }
      settleInvalidRows(context, invalid, plans.map((plan) => plan.file));

      context.step('cleaning and writing');
      const present = new Set(plans.map((plan) => plan.kind));
      await writeOlistData(context, present);
      // Rules read `olist_*_clean` tables (row_index, file_index, source_line NULL, drop_reason) made by writeOlistData.
      const checks: RuleCheck[] = [
        ...[...present].map((kind): RuleCheck => ({ rule: `exact duplicate row in ${OLIST_FILES[kind].name} (first kept)`, action: 'dropped', from: `olist_${kind}_clean`, where: `drop_reason = 'duplicate row'` })),
        {
          rule: 'order (with its lines, payments and reviews) already in warehouse',
          action: 'dropped',
          from: `(${(['orders', 'items', 'payments', 'reviews'] as const).filter((kind) => present.has(kind)).map((kind) => `SELECT row_index, file_index, source_line, drop_reason FROM olist_${kind}_clean`).join(' UNION ALL ')})`,
          where: `drop_reason = 'order already in warehouse'`,
        },
        { rule: 'order line of an order not in the orders file', action: 'dropped', from: 'olist_items_clean', where: `drop_reason = 'order not found'` },
        ...(present.has('payments') ? [{ rule: 'payment of an order not in the orders file', action: 'dropped', from: 'olist_payments_clean', where: `drop_reason = 'order not found'` } as RuleCheck] : []),
        ...(present.has('reviews') ? [{ rule: 'review of an order not imported or without items', action: 'dropped', from: 'olist_reviews_clean', where: `drop_reason = 'order not found'` } as RuleCheck] : []),
        { rule: 'order whose customer is not in the customers file (kept without a customer)', action: 'kept', from: 'olist_orders_clean', where: 'drop_reason IS NULL AND user_id IS NULL' },
        { rule: 'order without items (e.g. canceled or unavailable; kept, amount 0)', action: 'kept', from: 'olist_orders_clean', where: 'drop_reason IS NULL AND NOT has_items' },
        { rule: 'product category without English translation (Portuguese name kept)', action: 'kept', from: 'olist_products_clean', where: 'drop_reason IS NULL AND category_pt IS NOT NULL AND category_en IS NULL' },
      ];
      await reportCleaningRules(context, stagedList, checks);
      for (const rule of report.cleaning) if (rule.action === 'dropped') report.drop(rule.rule, rule.rows);
      report.duplicates = report.cleaning.filter((rule) => rule.rule.startsWith('exact duplicate')).reduce((sum, rule) => sum + rule.rows, 0);
    },
  };
}

async function checkValues(context: ImportContext, plan: FilePlan, start: number, staged: readonly StagedFile[], invalid: InvalidRows): Promise<void> {
  const table = `olist_${plan.kind}`;
  const checks = VALUE_CHECKS[plan.kind] ?? [];
  const caseOf = (index: 1 | 2) => (checks.length ? `CASE ${checks.map((check) => `WHEN ${check[0]} THEN '${check[index]}'`).join(' ')} END` : 'NULL');
  await context.run(`CREATE TEMP TABLE ${table}_checked AS SELECT rowid - (SELECT min(rowid) FROM ${table}) + ${start} AS row_index, NULL::BIGINT AS source_line, *, ${caseOf(1)} AS invalid_field, ${caseOf(2)} AS invalid_reason FROM ${table}`);
  const counts = await context.rows(`SELECT invalid_reason, count(*) AS rows FROM ${table}_checked WHERE invalid_reason IS NOT NULL GROUP BY ALL`);
  if (counts.length === 0) return;
  const exampleRows = await context.rows(`SELECT row_index, file_index, source_line, invalid_field, invalid_reason FROM ${table}_checked WHERE invalid_reason IS NOT NULL ORDER BY row_index LIMIT 10`);
  const locations = await locateStagedRows(staged, exampleRows.map((row) => ({ fileIndex: Number(row.file_index), sourceLine: null, rowIndex: Number(row.row_index) })));
  const examples: InvalidRowExample[] = exampleRows.map((row, index) => ({
    file: plan.file,
    line: locations[index]?.line,
    column: String(row.invalid_field),
    reason: `${row.invalid_field}: ${row.invalid_reason}`,
  }));
  for (const row of counts) addInvalid(invalid, `${OLIST_FILES[plan.kind].name}: ${row.invalid_reason}`, Number(row.rows));
  invalid.examples.push(...examples);
}
