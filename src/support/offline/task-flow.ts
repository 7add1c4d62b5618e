import type { WriteToolResult } from '../confirmations/write-result.ts';
import type { DialogueState, Task, TaskIntent } from '../dialogue/dialogue-state.ts';
import { inShopCurrency, ORDER_LINE_COLUMNS } from '../orders/order-presentation.ts';
import { cancelReasonChoices, cancelReasonFromAnswer } from '../policy/cancel-reasons.ts';
import type { OrderStatus } from '../policy/order-facts.ts';
import { POLICY_SECTIONS } from '../policy/policy-decision.ts';
import { say, writeResultText } from '../render/reply-texts.ts';
import type { OrderListResult, OrderStatusResult } from '../render/tool-results.ts';
import { pickExchangeLine, pickReturnItems } from './match-order-items.ts';
import { itemChangeSlots, settleFrom } from './item-change-flow.ts';
import { pickVariantChanges } from './match-variant-changes.ts';
import { call, expectResult, tableOf, type Flow, type TurnInput, type TurnResult } from './turn.ts';

const ORDER_CANDIDATES: Record<TaskIntent, OrderStatus[]> = {
  cancel_order: ['pending', 'paid'],
  return: ['delivered'],
  exchange: ['delivered'],
  change_address: ['pending', 'paid'],
  change_payment: ['pending', 'paid'],
  change_items: ['pending', 'paid'],
  default_address: [],
};
const WRITE_TOOL = { cancel_order: 'cancel_order', return: 'request_return', exchange: 'request_exchange', change_address: 'change_shipping_address', change_payment: 'change_payment_method', change_items: 'change_order_items', default_address: 'set_default_address' } as const;
const ACTION = { cancel_order: 'cancel', return: 'return', exchange: 'exchange', change_address: 'change_address', change_payment: 'change_payment', change_items: 'change_items', default_address: 'change_address' } as const;
const SECTION = { cancel_order: POLICY_SECTIONS.cancellation, return: POLICY_SECTIONS.returns, exchange: POLICY_SECTIONS.exchanges, change_address: POLICY_SECTIONS.addressChange, change_payment: POLICY_SECTIONS.paymentChange, change_items: POLICY_SECTIONS.itemChange, default_address: POLICY_SECTIONS.defaultAddress };

const NAMES = {
  cancel_order: { en: 'cancel', zh: '取消', ask: '要取消哪个订单' },
  return: { en: 'return', zh: '退货', ask: '要退哪个订单的商品' },
  exchange: { en: 'exchange', zh: '换货', ask: '要为哪个订单换货' },
  change_address: { en: 'change the address of', zh: '修改地址', ask: '要修改哪个订单的收货地址' },
  change_payment: { en: 'change the payment method of', zh: '修改支付方式', ask: '要修改哪个订单的支付方式' },
  change_items: { en: 'change the items of', zh: '修改商品', ask: '要修改哪个订单的商品' },
  default_address: { en: 'change', zh: '修改默认地址', ask: '' },
};

function noEligibleOrders(intent: TaskIntent, language: 'en' | 'zh'): string {
  switch (intent) {
    case 'cancel_order':
    case 'change_address':
    case 'change_payment':
    case 'change_items':
    case 'default_address':
      return say(language, `You have no order that can still be ${intent === 'cancel_order' ? 'cancelled' : 'changed'}: only orders that have not shipped yet (pending or paid) qualify (policy ${SECTION[intent]}).`, `您目前没有可以${NAMES[intent].zh}的订单:只有尚未发货(待支付或已支付)的订单可以办理(见政策 ${SECTION[intent]})。`);
    case 'return':
    case 'exchange':
      return say(language, `You have no delivered order to ${NAMES[intent].en}: only delivered orders qualify (policy ${SECTION[intent]}).`, `您目前没有已签收的订单可以${NAMES[intent].zh}:只有已签收的订单可以办理(见政策 ${SECTION[intent]})。`);
  }
}

/** A name that fits several items: the shopper says which, never both by default. */
function whichOfText(candidates: readonly { line_no: number; title_en: string | null; title_zh: string | null }[], language: 'en' | 'zh'): string {
  const listed = candidates.map((item) => `${item.line_no}) ${(language === 'en' ? item.title_en : item.title_zh) ?? item.title_en ?? ''}`).join(language === 'en' ? ', ' : ';');
  return say(language, `That fits more than one item: ${listed}. Which one do you mean? Reply with its name or item number.`, `有多件商品符合:${listed}。请问您指的是哪一件?请回复商品名称或序号。`);
}

/** The write tool's arguments for the task as collected so far. */
function writeArguments(task: Task, language: 'en' | 'zh'): Record<string, unknown> {
  const unspecified = say(language, '(not given)', '(未说明)');
  switch (task.intent) {
    case 'cancel_order':
      return { order_no: task.orderNo, ...(task.reason ? { reason: task.reason } : {}), ...(task.cancelReason ? { reason_code: task.cancelReason } : {}) };
    case 'return':
      return { order_no: task.orderNo, ...(task.items ? { items: task.items.map((item) => ({ line_no: item.lineNo, ...(item.quantity ? { quantity: item.quantity } : {}) })) } : {}), reason: task.reason ?? unspecified, ...(task.refundTo ? { refund_to: task.refundTo } : {}) };
    case 'exchange':
      if (task.changes && task.changes.length > 0) return { order_no: task.orderNo, items: task.changes.map((change) => ({ line_no: change.lineNo, wanted: change.wanted })), reason: task.reason ?? unspecified };
      return { order_no: task.orderNo, ...(task.lineNo ? { line_no: task.lineNo } : {}), reason: task.reason ?? unspecified, ...(task.wanted ? { wanted: task.wanted } : {}) };
    case 'change_address':
      return { order_no: task.orderNo, address: task.address ?? unspecified };
    case 'change_payment':
      return { order_no: task.orderNo, ...(task.paymentMethod ? { method: task.paymentMethod } : {}) };
    case 'change_items':
      return { order_no: task.orderNo, items: (task.changes ?? []).map((change) => ({ line_no: change.lineNo, wanted: change.wanted })), ...(task.paymentMethod ? { settle: task.paymentMethod } : {}) };
    case 'default_address':
      return { address: task.address ?? unspecified };
  }
}

/**
 * Cancel, return, exchange and address change as one slot-filling flow: which order (listing the eligible
 * ones) → what the policy allows for it → items / item / reason / address → the write tool's preview card.
 * Every question it asks is stored in the task, so the next message fills that slot.
 */
export function* taskFlow(input: TurnInput, start: Task): Flow {
  const { language, recognition } = input;
  const task: Task = { ...start };
  const intent = task.intent;
  // "Refund it to a gift card": the shopper may say it in any message of the return.
  if (intent === 'return' && recognition.paymentMethod === 'gift_card') task.refundTo = 'gift_card';
  const base: DialogueState = { ...input.dialogue, handoffOffered: false, confirmation: input.dialogue.confirmation };
  const keep = (next: Task, misunderstood = 0): DialogueState => ({ ...base, task: next, misunderstood });
  const finish = (orderNo?: string): DialogueState => ({ ...base, task: undefined, misunderstood: 0, lastOrderNo: orderNo ?? base.lastOrderNo });
  const result = (fields: Omit<TurnResult, 'intent'>): TurnResult => ({ intent, ...fields });

  // 1. Which order.
  if (!task.orderNo && task.awaiting === 'order' && recognition.ordinal !== undefined && task.offeredOrders.length > 0) {
    task.orderNo = task.offeredOrders[recognition.ordinal - 1];
  }
  if (!task.orderNo) {
    const list = expectResult<OrderListResult>(yield* call('list_my_orders', { status: ORDER_CANDIDATES[intent], limit: 5 }), 'list_my_orders');
    const only = list.rows[0];
    if (list.count === 0 || !only) return result({ text: noEligibleOrders(intent, language), outcome: 'answered', dialogue: finish(), citations: [SECTION[intent]] });
    if (list.count === 1) {
      task.orderNo = String(only.order_no);
    } else {
      const retry = task.awaiting === 'order' && task.offeredOrders.length > 0;
      return result({
        text: retry
          ? say(language, `Sorry, which order do you mean? Reply with its number in the list (e.g. "the first one") or its order number.`, `抱歉,没看明白是哪个订单。请回复列表中的序号(如“第一个”)或订单号。`)
          : say(language, `Which order would you like to ${NAMES[intent].en}? Reply with its number in the list (e.g. "the first one") or its order number.`, `请问${NAMES[intent].ask}?请回复列表中的序号(如“第一个”)或订单号。`),
        outcome: 'clarify',
        table: tableOf(list),
        dialogue: keep({ ...task, awaiting: 'order', offeredOrders: list.rows.map((row) => String(row.order_no)) }, retry ? base.misunderstood + 1 : 0),
      });
    }
  }

  // 2. The order and what the policy allows for it now.
  const status = expectResult<OrderStatusResult>(yield* call('get_order_status', { order_no: task.orderNo }), 'get_order_status');
  if (status.status === 'not_found') {
    return result({ text: status.message, outcome: 'not_found', dialogue: keep({ ...task, orderNo: undefined, awaiting: 'order' }, base.misunderstood + 1) });
  }
  const orderNo = status.order.order_no;
  // "Swap it for the blue one" is an item change while the order is open and an exchange once it is delivered.
  const open = status.order.status === 'pending' || status.order.status === 'paid';
  if ((intent === 'exchange' && open) || (intent === 'change_items' && status.order.status === 'delivered')) {
    return yield* taskFlow(input, { ...task, intent: intent === 'exchange' ? 'change_items' : 'exchange', orderNo, awaiting: 'order', wanted: task.wanted ?? recognition.text });
  }
  if (!status.allowed_actions[ACTION[intent]].allowed) {
    // The write tool decides (and audits) the denial, so the policy is applied in exactly one place.
    const denial = expectResult<WriteToolResult>(yield* call(WRITE_TOOL[intent], writeArguments({ ...task, orderNo }, language)), WRITE_TOOL[intent]);
    return result({ text: writeResultText(denial, language), outcome: denial.status === 'denied' ? 'denied' : 'answered', dialogue: finish(orderNo), citations: [SECTION[intent]] });
  }

  // 3. The slots this task needs.
  const itemsTable = { columns: inShopCurrency(ORDER_LINE_COLUMNS, input.currency), rows: status.items.map((item) => ({ ...item })) };
  if (intent === 'return' && !task.items) {
    const asked = task.awaiting === 'items';
    const pick = pickReturnItems(recognition, status.items, asked);
    const returnable = status.items.filter((item) => item.returnable_quantity > 0);
    if (pick && 'ambiguous' in pick) {
      return result({ text: whichOfText(pick.ambiguous, language), outcome: 'clarify', table: itemsTable, dialogue: keep({ ...task, orderNo, awaiting: 'items' }) });
    }
    if (pick) task.items = pick.lines;
    else if (returnable.length === 1 && returnable[0]?.returnable_quantity === 1) task.items = [{ lineNo: returnable[0].line_no, quantity: 1 }];
    else {
      return result({
        text: asked
          ? say(language, 'Sorry, which items? Reply with item numbers from the table (e.g. "item 1", "2 of item 2") or "all".', '抱歉,没看明白要退哪些商品。请回复表中的商品序号(如“第1件”“第2件退2个”)或“全部”。')
          : say(language, `Order ${orderNo}: which items would you like to return? Reply with item numbers from the table (e.g. "item 1") or "all".`, `订单 ${orderNo}:请问要退哪些商品?请回复表中的商品序号(如“第1件”)或“全部”。`),
        outcome: 'clarify', table: itemsTable,
        dialogue: keep({ ...task, orderNo, awaiting: 'items' }, asked ? base.misunderstood + 1 : 0),
      });
    }
  }
  if (intent === 'change_items') {
    if (task.awaiting === 'wanted' || task.awaiting === 'line') task.wanted = `${task.wanted ?? ''}\n${recognition.text.trim()}`.trim().slice(-400);
    const slots = itemChangeSlots(task, status.items, recognition, language, input.currency);
    if ('question' in slots) {
      return result({ text: slots.question, outcome: 'clarify', table: itemsTable, dialogue: keep({ ...slots.task, orderNo, awaiting: slots.awaiting }, task.awaiting === slots.awaiting ? base.misunderstood + 1 : 0) });
    }
    Object.assign(task, slots.task);
    if (task.awaiting === 'payment' && !task.paymentMethod) task.paymentMethod = settleFrom(recognition);
  }
  if (intent === 'exchange' && task.lineNo === undefined && !task.changes) {
    // Several items named with their options in one request ("the X for Blue and the Y for Red") are one exchange.
    const several = pickVariantChanges(task.wanted ?? recognition.text, status.items.filter((item) => item.returnable_quantity > 0)).changes;
    if (several.length > 1) task.changes = several;
  }
  if (intent === 'exchange' && task.lineNo === undefined && !task.changes) {
    const asked = task.awaiting === 'line';
    const lineNo = pickExchangeLine(recognition, status.items, asked);
    if (typeof lineNo === 'object') {
      return result({ text: whichOfText(lineNo.ambiguous, language), outcome: 'clarify', table: itemsTable, dialogue: keep({ ...task, orderNo, awaiting: 'line' }) });
    }
    if (lineNo !== undefined) task.lineNo = lineNo;
    else {
      return result({
        text: say(language, `Order ${orderNo}: which item would you like to exchange? Reply with its item number (e.g. "item 1").`, `订单 ${orderNo}:请问要换哪件商品?请回复商品序号(如“第1件”)。`),
        outcome: 'clarify', table: itemsTable,
        dialogue: keep({ ...task, orderNo, awaiting: 'line' }, asked ? base.misunderstood + 1 : 0),
      });
    }
  }
  if (intent === 'cancel_order' && !task.cancelReason) {
    if (task.awaiting === 'reason' && recognition.text.trim()) {
      task.cancelReason = cancelReasonFromAnswer(recognition.text);
      task.reason = recognition.text.trim().slice(0, 200);
    } else {
      return result({
        text: say(language, `Order ${orderNo}: why would you like to cancel it? ${cancelReasonChoices('en')}. Reply with a number or in your own words.`, `订单 ${orderNo}:请问取消的原因是?${cancelReasonChoices('zh')}。回复序号或直接说明即可。`),
        outcome: 'clarify',
        dialogue: keep({ ...task, orderNo, awaiting: 'reason' }),
      });
    }
  }
  if ((intent === 'return' || intent === 'exchange') && !task.reason) {
    if (task.awaiting === 'reason' && recognition.text.trim()) task.reason = recognition.text.trim().slice(0, 200);
    else if (recognition.reason) task.reason = recognition.reason;
    else {
      return result({
        text: intent === 'return'
          ? say(language, 'What is the reason for the return? (e.g. does not fit, quality problem, changed my mind)', '请问退货原因是什么?(例如尺码不合适、质量问题、不想要了)')
          : say(language, 'What is the reason for the exchange? (e.g. too small, prefer another colour)', '请问换货原因是什么?(例如尺码偏小、想要别的颜色)'),
        outcome: 'clarify',
        dialogue: keep({ ...task, orderNo, awaiting: 'reason' }),
      });
    }
    if (intent === 'exchange' && !task.wanted && recognition.wanted) task.wanted = recognition.wanted;
  }
  if (intent === 'change_address' && !task.address) {
    if (recognition.address) task.address = recognition.address;
    else if (task.awaiting === 'address' && recognition.text.trim()) task.address = recognition.text.trim().replace(/^(新地址|地址|address)\s*(是|为|is)?\s*[::]?\s*/iu, '');
    else {
      return result({
        text: say(language, `Order ${orderNo}: what is the new delivery address? Please include street and number, city and postal code.`, `订单 ${orderNo}:请问新的收货地址是?请包括城市、区、街道门牌号和邮编。`),
        outcome: 'clarify',
        dialogue: keep({ ...task, orderNo, awaiting: 'address' }),
      });
    }
  }

  if (intent === 'change_payment' && !task.paymentMethod && recognition.paymentMethod) task.paymentMethod = recognition.paymentMethod;

  // Every message of an exchange may name the option wanted; they are kept one per line (latest last).
  if (intent === 'exchange' && !task.changes && start.awaiting !== 'order' && recognition.text.trim() && !(task.wanted ?? '').endsWith(recognition.text.trim())) {
    task.wanted = `${task.wanted ?? ''}\n${recognition.text.trim()}`.trim().slice(-400);
  }

  // 4. The preview: a card to confirm, or why not.
  const preview = expectResult<WriteToolResult>(yield* call(WRITE_TOOL[intent], writeArguments({ ...task, orderNo }, language)), WRITE_TOOL[intent]);
  if (preview.status === 'awaiting_confirmation') {
    return result({
      text: writeResultText(preview, language),
      outcome: 'awaiting_confirmation',
      dialogue: { ...finish(orderNo), confirmation: { confirmationId: preview.confirmation_id, intent, expiresAt: preview.expires_at } },
      confirmation: { confirmationId: preview.confirmation_id, summary: preview.summary, expiresAt: preview.expires_at, action: intent },
      citations: [preview.policy_section],
    });
  }
  if (preview.status === 'denied' && intent === 'exchange' && ['target_unclear', 'out_of_stock'].includes(preview.code)) {
    return result({ text: writeResultText(preview, language), outcome: 'clarify', dialogue: keep({ ...task, orderNo, wanted: undefined, awaiting: 'wanted' }, preview.code === 'out_of_stock' ? base.misunderstood + 1 : 0), citations: [preview.policy_section] });
  }
  if (preview.status === 'denied' && intent === 'change_items' && ['settle_unclear', 'gift_card_balance_too_low'].includes(preview.code)) {
    return result({ text: preview.reason, outcome: 'clarify', dialogue: keep({ ...task, orderNo, paymentMethod: undefined, awaiting: 'payment' }, task.awaiting === 'payment' ? base.misunderstood + 1 : 0), citations: [preview.policy_section] });
  }
  if (preview.status === 'denied' && intent === 'change_items' && ['target_unclear', 'out_of_stock', 'items_unclear'].includes(preview.code)) {
    return result({ text: preview.reason, outcome: 'clarify', table: itemsTable, dialogue: keep({ ...task, orderNo, changes: undefined, lineNo: task.changes?.length === 1 ? task.changes[0]?.lineNo : task.lineNo, awaiting: 'wanted' }, task.awaiting === 'wanted' ? base.misunderstood + 1 : 0), citations: [preview.policy_section] });
  }
  if (preview.status === 'denied' && intent === 'change_payment' && preview.code === 'method_unclear') {
    return result({ text: preview.reason, outcome: 'clarify', dialogue: keep({ ...task, orderNo, paymentMethod: undefined, awaiting: 'payment' }), citations: [preview.policy_section] });
  }
  if (preview.status === 'denied' && intent === 'change_address' && ['incomplete_address', 'unknown_city'].includes(preview.code)) {
    return result({ text: `${writeResultText(preview, language)} ${say(language, 'What is the full address, with street and number, city and postal code?', '请问完整的地址是?请包括城市、区、街道门牌号和邮编。')}`, outcome: 'clarify', dialogue: keep({ ...task, orderNo, address: undefined, awaiting: 'address' }, base.misunderstood + 1), citations: [preview.policy_section] });
  }
  if (preview.status === 'denied' && intent === 'return' && ['quantity_too_large', 'unknown_item', 'item_already_returned', 'bad_quantity', 'no_items'].includes(preview.code)) {
    return result({ text: `${writeResultText(preview, language)} ${say(language, 'Please choose the items again.', '请重新选择商品。')}`, outcome: 'clarify', table: itemsTable, dialogue: keep({ ...task, orderNo, items: undefined, awaiting: 'items' }, base.misunderstood + 1), citations: [preview.policy_section] });
  }
  return result({
    text: writeResultText(preview, language),
    outcome: preview.status === 'not_found' ? 'not_found' : 'denied',
    dialogue: finish(orderNo),
    citations: preview.status === 'denied' ? [preview.policy_section] : undefined,
  });
}
