import type { ResultColumn } from '../../presentation/result-table.ts';
import { formatValue } from '../../presentation/format-value.ts';
import type { Language } from '../../text/language.ts';
import { STATUS_LABELS } from '../policy/order-facts.ts';
import { lineTitle, type OrderLineRecord, type OrderRecord } from './order-record.ts';

export const ORDER_LIST_COLUMNS: ResultColumn[] = [
  { id: 'index', label_en: '#', label_zh: '序号', unit: 'integer', role: 'dimension' },
  { id: 'order_no', label_en: 'Order no.', label_zh: '订单号', unit: 'text', role: 'dimension' },
  { id: 'status', label_en: 'Status', label_zh: '状态', unit: 'text', role: 'dimension' },
  { id: 'created_at', label_en: 'Ordered', label_zh: '下单时间', unit: 'text', role: 'dimension' },
  { id: 'items', label_en: 'Items', label_zh: '商品', unit: 'text', role: 'dimension' },
  { id: 'total_amount', label_en: 'Paid', label_zh: '实付金额', unit: 'currency', role: 'metric' },
  { id: 'tracking', label_en: 'Carrier / tracking', label_zh: '承运商 / 运单号', unit: 'text', role: 'dimension' },
];

export const ORDER_LINE_COLUMNS: ResultColumn[] = [
  { id: 'line_no', label_en: 'Item #', label_zh: '商品序号', unit: 'integer', role: 'dimension' },
  { id: 'product', label_en: 'Product', label_zh: '商品', unit: 'text', role: 'dimension' },
  { id: 'quantity', label_en: 'Qty', label_zh: '数量', unit: 'integer', role: 'metric' },
  { id: 'unit_price', label_en: 'Unit price', label_zh: '单价', unit: 'currency', role: 'metric' },
  { id: 'returnable_quantity', label_en: 'Not returned', label_zh: '未退数量', unit: 'integer', role: 'metric' },
];

export const TIMELINE_COLUMNS: ResultColumn[] = [
  { id: 'step', label_en: 'Step', label_zh: '节点', unit: 'text', role: 'dimension' },
  { id: 'at', label_en: 'Time', label_zh: '时间', unit: 'text', role: 'dimension' },
];

const TIMELINE_STEPS = [
  ['created_at', { en: 'ordered', zh: '下单' }],
  ['paid_at', { en: 'paid', zh: '支付' }],
  ['shipped_at', { en: 'shipped', zh: '发货' }],
  ['delivered_at', { en: 'delivered', zh: '签收' }],
  ['cancelled_at', { en: 'cancelled', zh: '取消' }],
  ['returned_at', { en: 'returned', zh: '退货' }],
] as const;

export function statusLabel(status: OrderRecord['status'], language: Language): string {
  return STATUS_LABELS[status][language];
}

export function orderTimeline(order: OrderRecord, language: Language): { step: string; step_code: string; at: string }[] {
  return TIMELINE_STEPS.flatMap(([column, label]) => {
    const at = order[column];
    return at ? [{ step: label[language], step_code: column.replace('_at', ''), at }] : [];
  }).sort((left, right) => left.at.localeCompare(right.at));
}

export function itemsSummary(lines: readonly OrderLineRecord[], language: Language): string {
  return lines.map((line) => `${lineTitle(line, language)} ×${line.quantity}`).join(language === 'zh' ? '、' : ', ');
}

/**
 * An amount in the shop's currency (the warehouse's shop settings, src/sql/shop-settings.ts: ¥ for the demo, £ for
 * an Online Retail import); null (a warehouse without prices or settings) writes the number alone.
 */
export function money(value: number, language: Language, currency: string | null): string {
  return formatValue(value, 'currency', language, currency);
}

/** Table columns with the shop's currency on every amount column, so the widget and CSV show the right symbol. */
export function inShopCurrency(columns: readonly ResultColumn[], currency: string | null): ResultColumn[] {
  return columns.map((column) => (column.unit === 'currency' ? { ...column, currency } : column));
}

export function orderListRow(order: OrderRecord, lines: readonly OrderLineRecord[], index: number, language: Language): Record<string, unknown> {
  return {
    index,
    order_no: order.order_no,
    status: statusLabel(order.status, language),
    status_code: order.status,
    created_at: order.created_at,
    items: itemsSummary(lines.filter((line) => line.order_id === order.order_id), language),
    total_amount: order.total_amount,
    tracking: order.carrier ? `${order.carrier} ${order.tracking_number ?? ''}`.trim() : null,
  };
}

export interface OrderLineView {
  line_no: number;
  product_id: number;
  product: string;
  title_en: string | null;
  title_zh: string | null;
  brand: string | null;
  category_en: string | null;
  category_zh: string | null;
  quantity: number;
  unit_price: number;
  returned_quantity: number;
  returnable_quantity: number;
}

export function orderLineRow(line: OrderLineRecord, language: Language): OrderLineView {
  return {
    line_no: line.line_no,
    product_id: line.product_id,
    product: lineTitle(line, language),
    title_en: line.title_en,
    title_zh: line.title_zh,
    brand: line.brand,
    category_en: line.category,
    category_zh: line.category_zh,
    quantity: line.quantity,
    unit_price: line.unit_price,
    returned_quantity: line.returned_quantity,
    returnable_quantity: Math.max(0, line.quantity - line.returned_quantity),
  };
}
