import { z } from 'zod';
import { defineTool } from '../../agent/tool.ts';
import { previewWrite } from '../confirmations/preview-write.ts';
import type { WriteRequest } from '../confirmations/evaluate-write.ts';

export const requestExchangeParameters = z.strictObject({
  order_no: z.string().trim().min(4).max(40).describe("The shopper's order number"),
  line_no: z.number().int().min(1).optional().describe('Item number (line_no) to exchange; may be left out when the order has one item'),
  items: z.array(z.strictObject({
    line_no: z.number().int().min(1).describe('Item number (line_no)'),
    wanted: z.string().trim().min(1).max(400).describe('The option this item should become'),
  })).min(1).max(20).optional().describe('Several items of the order in one exchange, each with its wanted option (instead of line_no / wanted)'),
  reason: z.string().trim().min(1).max(200).describe("The shopper's reason, e.g. too small"),
  wanted: z.string().trim().max(400).optional().describe('The option they want instead, in their words, e.g. "White" or "12GB+512GB Green"; exchanges stay within the same product'),
});

/** The write the tool's arguments ask for (also one part of request_several_changes). */
export function exchangeRequestOf(parameters: z.infer<typeof requestExchangeParameters>): WriteRequest {
  return {
    tool: 'request_exchange', orderNo: parameters.order_no, lineNo: parameters.line_no, reason: parameters.reason, wanted: parameters.wanted ?? null,
    ...(parameters.items ? { items: parameters.items.map((item) => ({ lineNo: item.line_no, wanted: item.wanted })) } : {}),
  };
}

export const requestExchangeTool = defineTool({
  name: 'request_exchange',
  description: [
    "Asks to exchange one or several items of one of the shopper's own delivered orders for another option (colour, size, capacity) of the",
    'same product that is in stock (policy P4: once per order, within 15 days of delivery); the price difference is stated on',
    'the card. Returns not_found, a policy denial (target_unclear lists the options), or a confirmation card the shopper must accept.',
  ].join(' '),
  parameters: requestExchangeParameters,
  async execute(argumentsValue, context) {
    const parameters = requestExchangeParameters.parse(argumentsValue);
    return previewWrite(context, exchangeRequestOf(parameters), parameters);
  },
});
