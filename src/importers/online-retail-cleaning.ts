import type { RuleCheck } from './cleaning-rules.ts';
import { NON_MERCHANDISE_CODES } from './online-retail-writes.ts';
import { quoteLiteral } from './sql-text.ts';

export const RETAIL_ADJUSTMENT = 'adjustment (negative quantity on a normal invoice)';

/**
 * The known properties of UCI Online Retail, as cleaning rules in the order they apply (docs/importers.md).
 * Dropping rules read `drop_reason` of `retail_lines`; the others describe kept lines.
 */
export function retailCleaningChecks(hasStockCode: boolean): RuleCheck[] {
  const dropped = (rule: string, reason = rule): RuleCheck => ({ rule, action: 'dropped', from: 'retail_lines', where: `drop_reason = ${quoteLiteral(reason)}` });
  const keptLines = '(SELECT * FROM retail_lines WHERE drop_reason IS NULL)';
  const orderStatus = (status: string) => `is_cancellation AND order_no IN (SELECT order_no FROM retail_orders WHERE status = '${status}')`;
  const codes = NON_MERCHANDISE_CODES.map(quoteLiteral).join(', ');
  return [
    { rule: 'unreadable value (number, date or required value)', action: 'dropped', from: 'retail_checked', where: 'invalid_reason IS NOT NULL' },
    dropped('exact duplicate row (first kept)', 'duplicate row'),
    dropped(RETAIL_ADJUSTMENT),
    dropped('zero quantity'),
    dropped('zero price'),
    dropped('negative price'),
    dropped('order already in warehouse'),
    {
      rule: hasStockCode ? 'missing Description (title from other lines of the stock code)' : 'missing Description',
      action: 'kept',
      from: keptLines,
      where: 'description IS NULL',
      refusedWhenStrict: true,
    },
    { rule: 'missing CustomerID (guest order, country kept)', action: 'kept', from: keptLines, where: 'customer_id IS NULL' },
    { rule: 'cancellation linked to an earlier purchase of the customer (order returned)', action: 'linked', from: keptLines, where: orderStatus('returned') },
    { rule: 'cancellation without a matching earlier purchase (order cancelled)', action: 'kept', from: keptLines, where: orderStatus('cancelled') },
    {
      rule: `non-product stock code (${NON_MERCHANDISE_CODES.join(', ')}): category non_merchandise`,
      action: 'kept',
      from: keptLines,
      where: `upper(${hasStockCode ? 'stock_code' : 'description'}) IN (${codes})`,
    },
  ];
}
