import { z } from 'zod';
import { defineTool } from '../../agent/tool.ts';
import { previewWrite } from '../confirmations/preview-write.ts';
import type { WriteRequest } from '../confirmations/evaluate-write.ts';
import { CHANGEABLE_PAYMENT_METHODS } from '../policy/payment-change-policy.ts';

export const changePaymentMethodParameters = z.strictObject({
  order_no: z.string().trim().min(4).max(40).describe("The shopper's order number"),
  method: z.enum(CHANGEABLE_PAYMENT_METHODS).optional().describe('The new payment method; leave out to ask the shopper'),
});

/** The write the tool's arguments ask for (also one part of request_several_changes). */
export function paymentRequestOf(parameters: z.infer<typeof changePaymentMethodParameters>): WriteRequest {
  return { tool: 'change_payment_method', orderNo: parameters.order_no, method: parameters.method ?? null };
}

export const changePaymentMethodTool = defineTool({
  name: 'change_payment_method',
  description: [
    "Asks to change the payment method of one of the shopper's own orders that has not shipped (policy P8). Preview only:",
    'not_found, a policy denial (method_unclear lists the methods), or a confirmation card stating the money movements.',
  ].join(' '),
  parameters: changePaymentMethodParameters,
  async execute(argumentsValue, context) {
    const parameters = changePaymentMethodParameters.parse(argumentsValue);
    return previewWrite(context, paymentRequestOf(parameters), parameters);
  },
});
