import { z } from 'zod';
import { defineTool } from '../../agent/tool.ts';
import { previewWrite } from '../confirmations/preview-write.ts';
import type { WriteRequest } from '../confirmations/evaluate-write.ts';
import { CANCEL_REASON_CODES, classifyCancelReason } from '../policy/cancel-reasons.ts';

export const cancelOrderParameters = z.strictObject({
  order_no: z.string().trim().min(4).max(40).describe("The shopper's order number, e.g. SL2025110100000103"),
  reason: z.string().trim().max(200).optional().describe("The shopper's reason in their words, if they gave one"),
  reason_code: z.enum(CANCEL_REASON_CODES).optional().describe('The reason from the fixed list (changed_mind, ordered_by_mistake, found_cheaper, delivery_too_slow, wrong_details, other); ask the shopper when unsure'),
});

/** The write the tool's arguments ask for (also one part of request_several_changes). */
export function cancelRequestOf(parameters: z.infer<typeof cancelOrderParameters>): WriteRequest {
  const reasonCode = parameters.reason_code ?? (parameters.reason ? (classifyCancelReason(parameters.reason) ?? 'other') : 'other');
  return { tool: 'cancel_order', orderNo: parameters.order_no, reason: parameters.reason ?? null, reasonCode };
}

export const cancelOrderTool = defineTool({
  name: 'cancel_order',
  description: [
    "Asks to cancel one of the shopper's own orders (policy P1: only before it ships, i.e. pending or paid).",
    'It never cancels by itself: it returns either not_found, a policy denial with the reason, or a confirmation card',
    '(awaiting_confirmation) that the shopper must accept; the order changes only after they say yes.',
  ].join(' '),
  parameters: cancelOrderParameters,
  async execute(argumentsValue, context) {
    const parameters = cancelOrderParameters.parse(argumentsValue);
    return previewWrite(context, cancelRequestOf(parameters), parameters);
  },
});
