import type { DialogueState } from '../dialogue/dialogue-state.ts';
import { ORDER_LIST_COLUMNS } from '../orders/order-presentation.ts';
import { orderListText, orderStatusText, say } from '../render/reply-texts.ts';
import type { OrderListResult, OrderStatusResult } from '../render/tool-results.ts';
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
    table: listCount > 1 && listTable ? { columns: ORDER_LIST_COLUMNS, rows: listTable.rows } : tableOf(status),
    dialogue: { ...base, lastOrderNo: status.order.order_no },
  };
}
