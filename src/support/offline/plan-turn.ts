import type { Task, TaskIntent } from '../dialogue/dialogue-state.ts';
import { classifyCancelReason } from '../policy/cancel-reasons.ts';
import type { Recognition } from '../dialogue/recognize-message.ts';
import { say } from '../render/reply-texts.ts';
import { faqFlow, greeting, handoffFlow, productFlow, recommendFlow } from './info-flows.ts';
import { paymentInfoFlow } from './payment-flow.ts';
import { statusFlow } from './status-flow.ts';
import { taskFlow } from './task-flow.ts';
import { SEVERAL_ORDER_INTENTS, severalOrdersFlow } from './several-orders-flow.ts';
import { addressIn, defaultAddressFlow } from './default-address-flow.ts';
import type { Flow, TurnInput, TurnResult } from './turn.ts';

const TASK_INTENTS = new Set<string>(['cancel_order', 'return', 'exchange', 'change_address', 'change_payment', 'change_items', 'default_address']);
const QUESTION_FORM = /[??]|吗|呢|多久|怎么|什么|哪|几|\b(how|what|when|why|which|is|are|can|do|does)\b/u;

function newTask(intent: TaskIntent, recognition: Recognition): Task {
  return {
    intent,
    awaiting: 'order',
    orderNo: recognition.orderNo,
    reason: recognition.reason,
    cancelReason: intent === 'cancel_order' ? classifyCancelReason(recognition.text) : undefined,
    // An exchange's target is read from the shopper's own words (option names), not from a fixed list of sizes.
    wanted: intent === 'exchange' || intent === 'change_items' ? recognition.text : recognition.wanted,
    address: recognition.address,
    offeredOrders: [],
  };
}

/** Fills what the message says into the task it answers. */
function continueTask(task: Task, recognition: Recognition): Task {
  const next = { ...task };
  if (recognition.orderNo && recognition.orderNo !== task.orderNo) {
    Object.assign(next, { orderNo: recognition.orderNo, items: undefined, lineNo: undefined, awaiting: 'order' as const });
  }
  if (!next.reason && recognition.reason && task.awaiting !== 'reason') next.reason = recognition.reason;
  if (task.intent === 'cancel_order' && !next.cancelReason && task.awaiting !== 'reason') next.cancelReason = classifyCancelReason(recognition.text);
  if (!next.wanted && recognition.wanted) next.wanted = recognition.wanted;
  return next;
}

/** Whether a message answers the pending task's question, or asks something else in between. */
function answersTask(task: Task, recognition: Recognition): 'continue' | 'switch' | 'digress' {
  const intent = recognition.intent;
  // "I also want to exchange the shoes" while the bot waits for a reason is a second request, not the reason;
  // "I want to exchange it because it is too small" (a reason given) answers the question.
  const freeText = task.awaiting === 'reason' || task.awaiting === 'address' || task.awaiting === 'wanted' || task.awaiting === 'payment';
  if (intent === task.intent && freeText && recognition.request && !recognition.reason && !recognition.address) return 'switch';
  if (!intent || intent === task.intent) return 'continue';
  if (TASK_INTENTS.has(intent)) {
    // While the bot waits for free text (a reason, an address), a task word is only a switch if it is a request.
    return freeText && !recognition.request && !recognition.orderNo ? 'continue' : 'switch';
  }
  if (freeText) return QUESTION_FORM.test(recognition.normalized) ? 'digress' : 'continue';
  if (recognition.orderNo) return 'continue';
  return 'digress';
}

const TASK_NAMES: Record<TaskIntent, { en: string; zh: string }> = {
  cancel_order: { en: 'cancellation', zh: '取消' },
  return: { en: 'return', zh: '退货' },
  exchange: { en: 'exchange', zh: '换货' },
  change_address: { en: 'address change', zh: '改地址' },
  change_payment: { en: 'payment method change', zh: '改支付方式' },
  change_items: { en: 'item change', zh: '修改商品' },
  default_address: { en: 'default address change', zh: '修改默认地址' },
};

function droppedText(task: Task, language: 'en' | 'zh'): string {
  const order = task.orderNo ? say(language, ` for order ${task.orderNo}`, `(订单 ${task.orderNo})`) : '';
  return say(language, `I have set aside the ${TASK_NAMES[task.intent].en} request${order}; nothing was changed.`, `已放下之前的${TASK_NAMES[task.intent].zh}申请${order},没有做任何修改。`);
}

function* dispatch(input: TurnInput): Flow {
  const recognition = input.recognition;
  switch (recognition.intent) {
    case 'cancel_order':
    case 'return':
    case 'exchange':
    case 'change_address':
    case 'change_payment':
    case 'change_items':
      if (recognition.orderNos.length > 1 && SEVERAL_ORDER_INTENTS.has(recognition.intent)) {
        return yield* severalOrdersFlow(input, { ...newTask(recognition.intent, recognition), orderNos: [...new Set(recognition.orderNos)] });
      }
      return yield* taskFlow(input, newTask(recognition.intent, recognition));
    case 'default_address':
      return yield* defaultAddressFlow(input, newTask('default_address', recognition));
    case 'order_status':
      return yield* statusFlow(input);
    case 'payment_info':
      return yield* paymentInfoFlow(input);
    case 'product_question':
      return yield* productFlow(input);
    case 'recommendation':
      return yield* recommendFlow(input);
    case 'faq':
      return yield* faqFlow(input);
    case 'greeting':
      return greeting(input);
    case 'handoff':
      return yield* handoffFlow(input, recognition.text);
    case 'several':
    case 'other':
    case undefined:
      return yield* faqFlow(input, true);
  }
}

/**
 * The offline dialogue manager for one shopper message: hand-off first, then the pending task's question
 * (slot filling), then a new intent; a question in the middle of a task is answered and the task kept.
 */
export function* planTurn(turnInput: TurnInput): Flow {
  // A topic invites one follow-up message only.
  const topic = turnInput.dialogue.topic;
  const input: TurnInput = { ...turnInput, dialogue: { ...turnInput.dialogue, topic: undefined } };
  const { recognition, dialogue, language } = input;
  if (recognition.intent === 'handoff' || (dialogue.handoffOffered && recognition.yes)) {
    return yield* handoffFlow(input, recognition.intent === 'handoff' ? recognition.text : say(language, 'accepted the offer of a human agent', '接受了转人工的建议'));
  }
  if (dialogue.handoffOffered && recognition.no) {
    return { intent: 'other', text: say(language, 'All right, I am still here to help.', '好的,我继续为您服务。'), outcome: 'answered', dialogue: { ...dialogue, handoffOffered: false, misunderstood: 0 } };
  }
  if (recognition.yes) {
    return { intent: 'confirmation', text: say(language, 'There is nothing waiting for your confirmation right now.', '目前没有需要您确认的操作。'), outcome: 'answered', dialogue };
  }
  const task = dialogue.task;
  if (task) {
    if ((recognition.abort && !recognition.intent) || recognition.no) {
      return { intent: task.intent, text: say(language, 'All right, I have stopped that request; nothing was changed.', '好的,已停止办理,没有做任何修改。'), outcome: 'answered', dialogue: { ...dialogue, task: undefined, misunderstood: 0 } };
    }
    const decision = recognition.abort ? 'switch' : answersTask(task, recognition);
    if (decision === 'continue') {
      if (task.intent === 'default_address') return yield* defaultAddressFlow(input, continueTask(task, recognition));
      if (task.orderNos && task.orderNos.length > 1) return yield* severalOrdersFlow(input, task);
      return yield* taskFlow(input, continueTask(task, recognition));
    }
    if (decision === 'digress') {
      const answer: TurnResult = yield* dispatch({ ...input, dialogue: { ...dialogue, task: undefined } });
      return { ...answer, dialogue: { ...answer.dialogue, task } };
    }
  }
  if (task && TASK_INTENTS.has(recognition.intent ?? '')) {
    // A new request while a question was open: handled now, and the shopper told the earlier one was set aside.
    const answer: TurnResult = yield* dispatch({ ...input, dialogue: { ...dialogue, task: undefined } });
    return { ...answer, text: `${droppedText(task, language)} ${answer.text}` };
  }
  // "Change it to …" right after the default address was shown changes that address.
  if (topic === 'default_address' && !recognition.orderNo && addressIn(recognition.text, recognition.address)) {
    return yield* defaultAddressFlow(input, { ...newTask('default_address', recognition), awaiting: 'address' });
  }
  if (!recognition.intent && recognition.orderNo) return yield* statusFlow(input);
  if (recognition.no) return { intent: 'other', text: say(language, 'All right.', '好的。'), outcome: 'answered', dialogue };
  return yield* dispatch(input);
}

