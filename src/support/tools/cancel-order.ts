import { z } from 'zod';
import { defineTool } from '../../agent/tool.ts';
import { previewWrite } from '../confirmations/preview-write.ts';

export const cancelOrderParameters = z.strictObject({
  order_no: z.string().trim().min(4).max(40).describe("The shopper's order number, e.g. SL2025110100000103"),
  reason: z.string().trim().max(200).optional().describe("The shopper's reason, if they gave one"),
});

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
    return previewWrite(context, { tool: 'cancel_order', orderNo: parameters.order_no, reason: parameters.reason ?? null }, parameters);
  },
});
