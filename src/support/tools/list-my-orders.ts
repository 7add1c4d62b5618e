import { z } from 'zod';
import { defineTool } from '../../agent/tool.ts';
import { inShopCurrency, ORDER_LIST_COLUMNS, orderListRow } from '../orders/order-presentation.ts';
import { listOrdersInScope, loadOrderLines } from '../orders/scoped-orders.ts';
import { ORDER_STATUSES } from '../policy/order-facts.ts';
import { supportRuntimeOf } from '../support-tool-context.ts';

export const listMyOrdersParameters = z.strictObject({
  status: z.array(z.enum(ORDER_STATUSES)).optional().describe('Only orders in these statuses, e.g. ["delivered"] for returns or ["pending","paid"] for cancellations'),
  limit: z.number().int().min(1).max(20).default(5).describe('How many of the newest orders to list'),
});

export const listMyOrdersTool = defineTool({
  name: 'list_my_orders',
  description: [
    "Lists the signed-in shopper's own orders, newest first: order number, status, date, items, amount paid, carrier and tracking.",
    'Takes no customer id: the shopper is always the one from the session. Use it when the shopper does not give an order number.',
  ].join(' '),
  parameters: listMyOrdersParameters,
  async execute(argumentsValue, context) {
    const parameters = listMyOrdersParameters.parse(argumentsValue);
    const runtime = supportRuntimeOf(context);
    const orders = await listOrdersInScope(context.warehouse, runtime.scope, { statuses: parameters.status, limit: parameters.limit });
    const lines = await loadOrderLines(context.warehouse, orders.map((order) => order.order_id));
    return {
      kind: 'order_list' as const,
      status_filter: parameters.status ?? null,
      count: orders.length,
      columns: inShopCurrency(ORDER_LIST_COLUMNS, runtime.currency),
      currency: runtime.currency,
      rows: orders.map((order, index) => orderListRow(order, lines, index + 1, context.language)),
    };
  },
});
