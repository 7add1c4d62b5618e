import { h } from '../shared/dom.ts';
import { formatCell } from '../shared/format-cell.ts';
import { currentLanguage, t } from '../shared/i18n.ts';
import { columnLabel, sortableTable } from '../shared/sortable-table.ts';
import { normalizeColumns } from '../shared/table-columns.ts';

/** Columns shown in a card's heading rather than in its detail list. */
const HEADLINE_COLUMNS = new Set(['order_no', 'status', 'status_code', 'index']);

/**
 * A support table as the shopper should see it: one card per order when the rows are orders (order number, status
 * badge, details), otherwise a compact sortable table (order lines, a delivery timeline …).
 */
export function supportTableView(table: { columns: unknown[]; rows: Record<string, unknown>[] }): HTMLElement {
  const columns = normalizeColumns(table.columns, table.rows);
  const language = currentLanguage();
  if (!table.rows.some((row) => typeof row.order_no === 'string')) {
    return sortableTable({ columns, rows: table.rows, caption: t('support.tableCaption') }).element;
  }
  return h(
    'ul',
    { class: 'order-cards' },
    table.rows.map((row) => {
      const status = row.status === undefined || row.status === null ? null : String(row.status);
      const statusCode = typeof row.status_code === 'string' ? row.status_code : typeof row.status === 'string' ? row.status : 'unknown';
      const details = columns.filter((column) => !HEADLINE_COLUMNS.has(column.id) && row[column.id] !== undefined && row[column.id] !== null);
      return h(
        'li',
        { class: 'order-card', 'data-order': String(row.order_no) },
        h(
          'div',
          { class: 'order-card-head' },
          h('span', { class: 'order-number' }, t('support.orderNumber', { number: String(row.order_no) })),
          status ? h('span', { class: 'status-badge', 'data-status': statusCode }, status) : null,
        ),
        h(
          'dl',
          null,
          details.map((column) => [h('dt', null, columnLabel(column)), h('dd', null, formatCell(row[column.id], column.unit, language, column.currency))]),
        ),
      );
    }),
  );
}
