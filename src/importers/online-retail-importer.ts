import path from 'node:path';
import { ImportError } from './import-error.ts';
import { flagRetailOutliers } from './online-retail-outliers.ts';
import { writeRetailCustomers, writeRetailOrders, writeRetailProducts } from './online-retail-writes.ts';
import type { Importer } from './importer.ts';
import type { InvalidRowExample } from './import-report.ts';
import { checkSourceFile } from './source-file-check.ts';
import { readFirstCsvRecord } from './csv-first-record.ts';
import { stageCsvFile } from './csv-staging.ts';
import { readXlsxHeader, stageXlsxFile } from './xlsx-staging.ts';
import { locateStagedRows, toStagedRowReference, type StagedFile } from './staged-rows.ts';
import { addInvalid, emptyInvalidRows, settleInvalidRows, type InvalidRows } from './invalid-rows.ts';
import { RETAIL_FIELDS, RETAIL_HEADER_NAMES, resolveRetailHeader, type RetailField, type RetailHeader } from './online-retail-columns.ts';
import { quoteLiteral } from './sql-text.ts';
import { reportCleaningRules } from './cleaning-rules.ts';
import { RETAIL_ADJUSTMENT as ADJUSTMENT, retailCleaningChecks } from './online-retail-cleaning.ts';

/** Date layouts accepted in InvoiceDate: the cleaned export and the original UCI sheet (month/day/year). */
export const RETAIL_DATE_FORMATS = [
  '%Y-%m-%d %H:%M:%S',
  '%Y-%m-%d %H:%M',
  '%Y-%m-%dT%H:%M:%S',
  '%m/%d/%Y %H:%M',
  '%m/%d/%Y %H:%M:%S',
  '%Y-%m-%d',
  '%m/%d/%Y',
] as const;


interface FilePlan {
  file: string;
  kind: 'csv' | 'xlsx';
  header: RetailHeader;
}

function isXlsx(file: string): boolean {
  return ['.xlsx', '.xlsm'].includes(path.extname(file).toLowerCase());
}

function sameFields(left: RetailHeader, right: RetailHeader): boolean {
  return RETAIL_FIELDS.every((field) => left.present.has(field) === right.present.has(field));
}

/**
 * UCI Online Retail (CSV or XLSX) → users, products, orders, order_items. Rules (cancellations, guests,
 * duplicates, adjustments, outliers, synthetic invoices) are documented in docs/importers.md.
 */
export function onlineRetailImporter(files: readonly string[]): Importer {
  const plans: FilePlan[] = [];

  return {
    steps: 5,

    async validate() {
      for (const file of files) {
        const kind = isXlsx(file) ? 'xlsx' : 'csv';
        await checkSourceFile(file, kind === 'xlsx' ? 'xlsx' : 'text');
        const headerCells = kind === 'xlsx' ? await readXlsxHeader(file) : await readFirstCsvRecord(file);
        const header = resolveRetailHeader(file, headerCells);
        const first = plans[0];
        if (first && !sameFields(first.header, header)) {
          throw new ImportError({
            file,
            line: 1,
            reason: `its columns (${header.headerText.join(', ')}) differ from those of ${first.file}`,
            hint: 'Import files with different layouts in separate runs.',
          });
        }
        plans.push({ file, kind, header });
      }
    },

    async load(context) {
      const report = context.report;
      const firstPlan = plans[0];
      if (!firstPlan) return;
      const present = firstPlan.header.present;
      const hasInvoice = present.has('invoice_no');
      const hasStockCode = present.has('stock_code');

      context.step('reading files');
      // Rejected CSV records of each file, gathered while staging and settled together with the value checks.
      const pendingRejects: InvalidRows[] = [];
      await context.run(
        `CREATE TEMP TABLE retail_raw (file_index UTINYINT, source_line BIGINT, ${RETAIL_FIELDS.map((field) => `${field} VARCHAR`).join(', ')})`,
      );
      const staged: StagedFile[] = [];
      for (const [fileIndex, plan] of plans.entries()) {
        if (plan.kind === 'xlsx') {
          staged.push(
            await stageXlsxFile(context, {
              file: plan.file,
              fileIndex,
              table: 'retail_raw',
              columns: RETAIL_FIELDS,
              resolveHeader: (header) => resolveRetailHeader(plan.file, header).cellFields,
            }),
          );
        } else {
          const columns = plan.header.cellFields.map((field, index) => ({
            name: field ?? `ignored_${index + 1}`,
            type: 'VARCHAR',
            label: plan.header.headerText[index],
            keep: field !== null,
          }));
          const result = await stageCsvFile(context, { file: plan.file, fileIndex, table: 'retail_raw', columns, header: true });
          staged.push(result);
          const invalid = emptyInvalidRows();
          for (const reject of result.rejects) {
            addInvalid(invalid, reject.errorType.includes('COLUMNS') ? 'wrong number of fields' : 'malformed CSV record', 1, [
              { file: result.file, line: reject.line, column: reject.column, reason: reject.message },
            ]);
          }
          const undetailed = result.rejectedRecords.length - result.rejects.length;
          if (undetailed > 0) addInvalid(invalid, 'wrong number of fields', undetailed);
          pendingRejects.push(invalid);
        }
      }
      report.rowsRead = staged.reduce((sum, file) => sum + file.rowsAccepted + file.rejectedRecords.length, 0);
      const emptyFile = staged.find((file) => file.rowsAccepted + file.rejectedRecords.length === 0);
      if (emptyFile) {
        throw new ImportError({ file: emptyFile.file, line: emptyFile.headerRecords + 1, reason: 'the file has a header but no data rows', hint: 'Export the data again; nothing was imported.' });
      }

      context.step('checking values');
      const missing = await context.row(
        `SELECT ${RETAIL_FIELDS.map((field) => `count(*) FILTER (WHERE nullif(trim(${field}), '') IS NULL) AS ${field}`).join(', ')} FROM retail_raw`,
      );
      for (const field of RETAIL_FIELDS) {
        if (present.has(field)) report.addMissing(RETAIL_HEADER_NAMES[field], Number(missing[field] ?? 0));
      }
      const absent = RETAIL_FIELDS.filter((field) => !present.has(field)).map((field) => RETAIL_HEADER_NAMES[field]);
      if (absent.length) report.notes.push(`Columns absent from the file: ${absent.join(', ')}.`);

      const dateFormats = `[${RETAIL_DATE_FORMATS.map(quoteLiteral).join(', ')}]`;
      await context.run(`
        CREATE TEMP TABLE retail_parsed AS
        SELECT rowid - (SELECT min(rowid) FROM retail_raw) AS row_index, file_index, source_line,
               ${RETAIL_FIELDS.map((field) => `nullif(trim(${field}), '') AS ${field}_text`).join(', ')},
               TRY_CAST(nullif(trim(quantity), '') AS DOUBLE) AS quantity_number,
               try_strptime(nullif(trim(invoice_date), ''), ${dateFormats}) AS invoice_time,
               TRY_CAST(nullif(trim(unit_price), '') AS DECIMAL(18, 6)) AS unit_price_exact,
               TRY_CAST(nullif(trim(customer_id), '') AS DOUBLE) AS customer_number
        FROM retail_raw`);

      // First failing check per row, in column order; `invalid_field` names the column for the message.
      const required: RetailField[] = [
        ...(hasInvoice ? (['invoice_no'] as const) : []),
        hasStockCode ? 'stock_code' : 'description',
        'quantity',
        'invoice_date',
        'unit_price',
      ];
      const checks = [
        ...required.map((field) => [`${field}_text IS NULL`, field, 'missing required value'] as const),
        ['quantity_number IS NULL OR quantity_number <> round(quantity_number) OR abs(quantity_number) > 2147483647', 'quantity', 'unparsable number'] as const,
        ['invoice_time IS NULL', 'invoice_date', 'unparsable date'] as const,
        ['unit_price_exact IS NULL OR abs(unit_price_exact) >= 1e10', 'unit_price', 'unparsable number'] as const,
        // Amounts are DECIMAL(12, 2); a line worth ten billion is a typo, not a sale.
        ['abs(quantity_number * unit_price_exact) >= 1e10', 'quantity', 'value out of range'] as const,
        ['customer_id_text IS NOT NULL AND (customer_number IS NULL OR customer_number <> round(customer_number) OR abs(customer_number) > 9e15)', 'customer_id', 'unparsable number'] as const,
      ];
      await context.run(`
        CREATE TEMP TABLE retail_checked AS
        SELECT *,
          CASE ${checks.map(([condition, field]) => `WHEN ${condition} THEN '${field}'`).join(' ')} END AS invalid_field,
          CASE ${checks.map(([condition, , reason]) => `WHEN ${condition} THEN '${reason}'`).join(' ')} END AS invalid_reason
        FROM retail_parsed`);
      const invalid = emptyInvalidRows();
      for (const pending of pendingRejects.splice(0)) {
        for (const [reason, count] of pending.byReason) addInvalid(invalid, reason, count);
        invalid.examples.push(...pending.examples);
      }
      const invalidCounts = await context.rows(`SELECT invalid_reason, count(*) AS rows FROM retail_checked WHERE invalid_reason IS NOT NULL GROUP BY ALL`);
      if (invalidCounts.length > 0) {
        const exampleRows = await context.rows(`
          SELECT file_index, source_line, row_index, invalid_field, invalid_reason,
                 CASE invalid_field ${RETAIL_FIELDS.map((field) => `WHEN '${field}' THEN ${field}_text`).join(' ')} END AS value
          FROM retail_checked WHERE invalid_reason IS NOT NULL ORDER BY row_index LIMIT 10`);
        const locations = await locateStagedRows(staged, exampleRows.map(toStagedRowReference));
        const examples: InvalidRowExample[] = exampleRows.map((row, index) => {
          const field = row.invalid_field as RetailField;
          const value = row.value === null ? undefined : String(row.value);
          const reason =
            row.invalid_reason === 'missing required value'
              ? `${RETAIL_HEADER_NAMES[field]} is empty`
              : row.invalid_reason === 'value out of range'
                ? `Quantity ${JSON.stringify(value)} × UnitPrice is ten billion or more`
              : row.invalid_reason === 'unparsable date'
                ? `cannot read ${JSON.stringify(value)} as a date (expected e.g. 2010-12-01 08:26:00 or 12/1/2010 8:26)`
                : `cannot read ${JSON.stringify(value)} as ${field === 'quantity' || field === 'customer_id' ? 'a whole number' : 'a number'}`;
          return { file: locations[index]?.file ?? '', line: locations[index]?.line, column: columnLabel(plans, Number(row.file_index), field), reason };
        });
        for (const row of invalidCounts) addInvalid(invalid, String(row.invalid_reason), Number(row.rows));
        invalid.examples.push(...examples);
      }
      settleInvalidRows(context, invalid, plans.map((plan) => plan.file));

      context.step('cleaning lines');
      const cancellation = hasInvoice ? `upper(invoice_no_text) LIKE 'C%'` : 'quantity_number < 0';
      const orderNumber = hasInvoice
        ? 'invoice_no_text'
        : `'SYN-' || CASE WHEN quantity_number < 0 THEN 'C-' ELSE '' END || coalesce(customer_number::BIGINT::VARCHAR, 'GUEST') || '-' || strftime(invoice_time, '%Y%m%d%H%M%S')`;
      const productKey = hasStockCode ? 'stock_code_text' : 'description_text';
      await context.run(`
        CREATE TEMP TABLE retail_lines AS
        WITH valid AS (
          SELECT row_index, file_index, source_line, ${orderNumber} AS order_no, ${productKey} AS product_key,
                 stock_code_text AS stock_code, description_text AS description, quantity_number::INTEGER AS quantity,
                 invoice_time AS invoice_date, unit_price_exact, round(unit_price_exact, 2)::DECIMAL(12, 2) AS unit_price,
                 customer_number::BIGINT AS customer_id, country_text AS country, ${cancellation} AS is_cancellation
          FROM retail_checked WHERE invalid_reason IS NULL
        ), numbered AS (
          SELECT *, row_number() OVER (
                   PARTITION BY order_no, stock_code, description, quantity, invoice_date, unit_price_exact, customer_id, country
                   ORDER BY row_index) AS copy_number
          FROM valid
        )
        SELECT * EXCLUDE (copy_number),
          CASE WHEN copy_number > 1 THEN 'duplicate row'
               WHEN NOT is_cancellation AND quantity < 0 THEN '${ADJUSTMENT}'
               WHEN quantity = 0 THEN 'zero quantity'
               WHEN unit_price_exact = 0 THEN 'zero price'
               WHEN unit_price_exact < 0 THEN 'negative price'
          END AS drop_reason
        FROM numbered`);
      // An order number the warehouse already holds (an earlier import of the same invoices) is skipped whole.
      await context.run(`UPDATE retail_lines SET drop_reason = 'order already in warehouse'
        WHERE drop_reason IS NULL AND order_no IN (SELECT order_no FROM orders)`);
      report.addExisting('orders', await context.count(`SELECT count(DISTINCT order_no) FROM retail_lines WHERE drop_reason = 'order already in warehouse'`));
      for (const row of await context.rows(`SELECT drop_reason, count(*) AS rows FROM retail_lines WHERE drop_reason IS NOT NULL GROUP BY ALL ORDER BY drop_reason`)) {
        report.drop(String(row.drop_reason), Number(row.rows));
      }
      report.duplicates = await context.count(`SELECT count(*) FROM retail_lines WHERE drop_reason = 'duplicate row'`);
      const rounded = await context.count(`SELECT count(*) FROM retail_lines WHERE drop_reason IS NULL AND unit_price <> unit_price_exact`);
      if (rounded > 0) report.notes.push(`${rounded} unit prices had more than 2 decimals and were rounded to cents.`);
      await flagRetailOutliers(context, staged, (field) => columnLabel(plans, 0, field));

      context.step('writing products and customers');
      await writeRetailProducts(context, hasStockCode);
      await writeRetailCustomers(context);

      context.step('writing orders');
      await writeRetailOrders(context);
      await reportCleaningRules(context, staged, retailCleaningChecks(hasStockCode));
      for (const reason of ['wrong number of fields', 'malformed CSV record']) {
        const rows = report.dropped.get(reason) ?? 0;
        if (rows > 0) report.cleaning.unshift({ rule: `unreadable: ${reason}`, action: 'dropped', rows, examples: report.invalidExamples.filter((example) => example.reason.length > 0).slice(0, 5) });
      }
      if (!hasInvoice) report.notes.push('No InvoiceNo column: lines were grouped into synthetic orders per (CustomerID, InvoiceDate), order_no SYN-….');
      if (!hasStockCode) report.notes.push('No StockCode column: products are keyed on Description (sku NULL).');
    },
  };
}

function columnLabel(plans: readonly FilePlan[], fileIndex: number, field: RetailField): string {
  const plan = plans[fileIndex];
  const index = plan?.header.cellFields.indexOf(field) ?? -1;
  return index >= 0 ? (plan?.header.headerText[index] ?? RETAIL_HEADER_NAMES[field]) : RETAIL_HEADER_NAMES[field];
}
