import { z } from 'zod';
import { defineTool } from '../../agent/tool.ts';
import { previewWrite } from '../confirmations/preview-write.ts';
import type { WriteRequest } from '../confirmations/evaluate-write.ts';

export const requestReturnParameters = z.strictObject({
  order_no: z.string().trim().min(4).max(40).describe("The shopper's order number"),
  items: z
    .array(z.strictObject({
      line_no: z.number().int().min(1).describe('Item number (line_no) from get_order_status'),
      quantity: z.number().int().min(1).optional().describe('Units to return; all units not yet returned when left out'),
    }))
    .min(1)
    .optional()
    .describe('Which items to return; every item not yet returned when left out'),
  reason: z.string().trim().min(1).max(200).describe("The shopper's reason, in their words"),
  refund_to: z.enum(['original', 'gift_card']).optional().describe('Where the refund goes: the original payment method (default) or a ShopLens gift card'),
});

/** The write the tool's arguments ask for (also one part of request_several_changes). */
export function returnRequestOf(parameters: z.infer<typeof requestReturnParameters>): WriteRequest {
  return {
    tool: 'request_return',
    orderNo: parameters.order_no,
    items: parameters.items?.map((item) => ({ lineNo: item.line_no, quantity: item.quantity })),
    reason: parameters.reason,
    refundTo: parameters.refund_to ?? 'original',
  };
}

export const requestReturnTool = defineTool({
  name: 'request_return',
  description: [
    "Asks to return some or all items of one of the shopper's own delivered orders (policy P2: within 7 days of delivery,",
    'each unit once; refunds to the original payment method or, if the shopper asks, a gift card, P3). Returns not_found, a policy denial, or a confirmation card',
    'the shopper must accept; nothing changes until they say yes.',
  ].join(' '),
  parameters: requestReturnParameters,
  async execute(argumentsValue, context) {
    const parameters = requestReturnParameters.parse(argumentsValue);
    return previewWrite(context, returnRequestOf(parameters), parameters);
  },
});
