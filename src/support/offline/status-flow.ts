import type { DialogueState } from '../dialogue/dialogue-state.ts';
import { inShopCurrency, ORDER_LIST_COLUMNS } from '../orders/order-presentation.ts';
import { money } from '../orders/order-presentation.ts';
import { orderListText, orderStatusText, say } from '../render/reply-texts.ts';
import type { SupportTable } from '../support-reply.ts';
import type { FoundOrderStatus, OrderListResult, OrderStatusResult } from '../render/tool-results.ts';
import { call, expectResult, tableOf, type Flow, type TurnInput } from './turn.ts';

const IN_PROGRESS = new Set(['pending', 'paid', 'shipped']);
const REFERS_TO_LAST = /它|这个订单|这单|那个订单|刚才的订单|\b(it|that order|this order)\b/u;

/**
 * "我的订单到哪了" / "where is my order SL…": one order's status and timeline when the shopper names it (or
 * it is the only one on its way), otherwise their recent orders to pick from.
 */
export function* statusFlow(input: TurnInput): Flow {
  const { language, recognition } = input;
  const base: DialogueState = { ...input.dialogue, misunderstood: 0, handoffOffered: false };
  if (recognition.orderNos.length > 1) return yield* ordersStatusFlow(input, recognition.orderNos, base);
  let orderNo = recognition.orderNo ?? (input.dialogue.lastOrderNo && REFERS_TO_LAST.test(recognition.normalized) ? input.dialogue.lastOrderNo : undefined);
  let listTable;
  let listCount = 0;
  if (!orderNo) {
    const list = expectResult<OrderListResult>(yield* call('list_my_orders', { limit: 5 }), 'list_my_orders');
    if (list.count === 0) return { intent: 'order_status', text: orderListText(list, language), outcome: 'answered', dialogue: base };
    const moving = list.rows.filter((row) => IN_PROGRESS.has(String(row.status_code)));
    listTable = tableOf(list);
    listCount = list.count;
    if (moving.length !== 1 && list.count !== 1) {
      const lead = moving.length > 1
        ? say(language, `You have ${moving.length} orders on their way or waiting to ship; here are your recent orders. Send an order number for its details.`, `您有 ${moving.length} 个订单正在配送或等待发货,以下是您最近的订单。发送订单号可查看详情。`)
        : undefined;
      return { intent: 'order_status', text: orderListText(list, language, lead), outcome: 'answered', table: listTable, dialogue: base };
    }
    orderNo = String((moving[0] ?? list.rows[0])?.order_no);
  }
  const status = expectResult<OrderStatusResult>(yield* call('get_order_status', { order_no: orderNo }), 'get_order_status');
  if (status.status === 'not_found') return { intent: 'order_status', text: status.message, outcome: 'not_found', dialogue: base };
  const others = listCount > 1 ? ` ${say(language, 'Your other recent orders are in the table.', '其他近期订单见下表。')}` : '';
  return {
    intent: 'order_status',
    text: `${orderStatusText(status, language)}${others}`,
    outcome: 'answered',
    table: listCount > 1 && listTable ? { columns: inShopCurrency(ORDER_LIST_COLUMNS, input.currency), rows: listTable.rows } : tableOf(status),
    dialogue: { ...base, lastOrderNo: status.order.order_no },
  };
}

/**
 * Several orders named in one message ("status of SL… and SL…", "两个订单加起来多少钱"): each order's status, then
 * what they cost together, summed in cents from the orders' own totals. An order not in the account is said so.
 */
function* ordersStatusFlow(input: TurnInput, orderNos: readonly string[], base: DialogueState): Flow {
  const { language } = input;
  const texts: string[] = [];
  const found: FoundOrderStatus[] = [];
  for (const orderNo of orderNos) {
    const status = expectResult<OrderStatusResult>(yield* call('get_order_status', { order_no: orderNo }), 'get_order_status');
    if (status.status === 'not_found') texts.push(status.message);
    else {
      found.push(status);
      texts.push(orderStatusText(status, language));
    }
  }
  if (found.length > 1) {
    const cents = found.reduce((sum, status) => sum + Math.round(status.order.total_amount * 100), 0);
    const names = found.map((status) => status.order.order_no).join(say(language, ' and ', '和'));
    texts.push(say(language, `Together, orders ${names} cost ${money(cents / 100, language, input.currency)}.`, `订单 ${names} 合计 ${money(cents / 100, language, input.currency)}。`));
  }
  const last = found[found.length - 1];
  return {
    intent: 'order_status',
    text: texts.join(' '),
    outcome: found.length === 0 ? 'not_found' : 'answered',
    table: found.length > 0 ? { columns: inShopCurrency(ORDER_TOTAL_COLUMNS, input.currency), rows: found.map((status) => ({ order_no: status.order.order_no, status: status.order.status_label, total_amount: status.order.total_amount, tracking: status.order.tracking_number ?? '' })) } : undefined,
    dialogue: last ? { ...base, lastOrderNo: last.order.order_no } : base,
  };
}

const ORDER_TOTAL_COLUMNS: SupportTable['columns'] = ORDER_LIST_COLUMNS.filter((column) => ['order_no', 'status', 'total_amount', 'tracking'].includes(column.id));
