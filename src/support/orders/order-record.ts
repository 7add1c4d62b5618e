import { z } from 'zod';
import { ORDER_STATUSES, type PolicyOrder, type PolicyOrderLine } from '../policy/order-facts.ts';

const nullableText = z.string().nullable();
const amount = z.coerce.number();

/** One orders row as support code reads it (JSON-safe values from the warehouse). */
export const OrderRecordSchema = z.object({
  order_id: z.number().int(),
  order_no: z.string(),
  user_id: z.number().int().nullable(),
  status: z.enum(ORDER_STATUSES),
  created_at: z.string(),
  paid_at: nullableText,
  shipped_at: nullableText,
  delivered_at: nullableText,
  cancelled_at: nullableText,
  returned_at: nullableText,
  items_amount: amount,
  discount_amount: amount,
  shipping_fee: amount,
  total_amount: amount,
  payment_method: nullableText,
  shipping_address: nullableText,
  shipping_city: nullableText,
  carrier: nullableText,
  tracking_number: nullableText,
  exchange_count: z.number().int(),
});
export type OrderRecord = z.infer<typeof OrderRecordSchema>;

/** One order line with its product's titles. */
export const OrderLineRecordSchema = z.object({
  order_id: z.number().int(),
  line_no: z.number().int(),
  product_id: z.number().int(),
  quantity: z.number().int(),
  unit_price: amount,
  amount,
  returned_quantity: z.number().int(),
  title_en: nullableText,
  title_zh: nullableText,
  category: nullableText,
  category_zh: nullableText,
  brand: nullableText,
});
export type OrderLineRecord = z.infer<typeof OrderLineRecordSchema>;

export const ORDER_COLUMNS_SQL = `o.order_id, o.order_no, o.user_id, o.status, o.created_at, o.paid_at, o.shipped_at, o.delivered_at,
  o.cancelled_at, o.returned_at, o.items_amount, o.discount_amount, o.shipping_fee, o.total_amount, o.payment_method,
  o.shipping_address, o.shipping_city, o.carrier, o.tracking_number, o.exchange_count`;

export function policyOrderOf(order: OrderRecord): PolicyOrder {
  return {
    status: order.status,
    paidAt: order.paid_at,
    deliveredAt: order.delivered_at,
    exchangeCount: order.exchange_count,
    itemsAmount: order.items_amount,
    discountAmount: order.discount_amount,
    shippingFee: order.shipping_fee,
    totalAmount: order.total_amount,
    paymentMethod: order.payment_method,
  };
}

export function policyLineOf(line: OrderLineRecord): PolicyOrderLine {
  return { lineNo: line.line_no, quantity: line.quantity, unitPrice: line.unit_price, returnedQuantity: line.returned_quantity };
}

export function lineTitle(line: Pick<OrderLineRecord, 'title_en' | 'title_zh' | 'product_id'>, language: 'en' | 'zh'): string {
  const title = language === 'zh' ? line.title_zh ?? line.title_en : line.title_en ?? line.title_zh;
  return title ?? `#${line.product_id}`;
}
