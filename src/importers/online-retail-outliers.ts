import type { ImportContext } from './import-context.ts';
import { locateStagedRows, toStagedRowReference, type StagedFile } from './staged-rows.ts';

/**
 * Flags (keeps) lines whose quantity or unit price is extreme: robust z-score |0.6745·(ln x − median)/MAD| > 3.5
 * on the log scale, because both are heavily right-skewed. Cancellations are left out.
 */
export async function flagRetailOutliers(context: ImportContext, staged: readonly StagedFile[], columnLabel: (field: 'quantity' | 'unit_price') => string): Promise<void> {
  const measures = [
    ['quantity', 'Quantity', 'quantity'],
    ['unit_price', 'UnitPrice', 'unit_price'],
  ] as const;
  for (const [field, label, expression] of measures) {
    const base = `SELECT row_index, file_index, source_line, ln(${expression}) AS value FROM retail_lines
                  WHERE drop_reason IS NULL AND NOT is_cancellation AND ${expression} > 0`;
    const stats = await context.row(`SELECT median(value) AS center, mad(value) AS spread FROM (${base})`);
    const center = Number(stats.center);
    const spread = Number(stats.spread);
    if (!Number.isFinite(center) || !Number.isFinite(spread) || spread <= 0) continue;
    const limit = (3.5 * spread) / 0.6745;
    const flagged = `abs(value - ${center}) > ${limit}`;
    const rows = await context.count(`SELECT count(*) FROM (${base}) WHERE ${flagged}`);
    if (rows === 0) continue;
    const exampleRows = await context.rows(`SELECT * FROM (${base}) WHERE ${flagged} ORDER BY row_index LIMIT 5`);
    const examples = await locateStagedRows(staged, exampleRows.map(toStagedRowReference), columnLabel(field));
    const low = Math.exp(center - limit);
    const high = Math.exp(center + limit);
    context.report.outliers.push({
      column: label,
      rule: `robust z-score of ln(${label}) above 3.5: outside ${low.toPrecision(3)} .. ${high.toPrecision(3)}`,
      rows,
      action: 'kept',
      examples,
    });
  }
}
