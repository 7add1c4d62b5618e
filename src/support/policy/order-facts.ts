export const ORDER_STATUSES = ['pending', 'paid', 'shipped', 'delivered', 'cancelled', 'returned'] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];

/** What the policy needs to know about an order; plain data so validators test without a database. */
export interface PolicyOrder {
  status: OrderStatus;
  paidAt: string | null;
  deliveredAt: string | null;
  exchangeCount: number;
  itemsAmount: number;
  discountAmount: number;
  shippingFee: number;
  totalAmount: number;
  paymentMethod: string | null;
}

export interface PolicyOrderLine {
  lineNo: number;
  quantity: number;
  unitPrice: number;
  returnedQuantity: number;
}

export const STATUS_LABELS: Record<OrderStatus, { en: string; zh: string }> = {
  pending: { en: 'awaiting payment', zh: '待支付' },
  paid: { en: 'paid, not shipped yet', zh: '已支付,待发货' },
  shipped: { en: 'shipped', zh: '已发货' },
  delivered: { en: 'delivered', zh: '已签收' },
  cancelled: { en: 'cancelled', zh: '已取消' },
  returned: { en: 'returned', zh: '已退货' },
};

export function remainingQuantity(line: PolicyOrderLine): number {
  return Math.max(0, line.quantity - line.returnedQuantity);
}
