import { z } from 'zod';
import { defineTool } from '../../agent/tool.ts';
import { previewWrite } from '../confirmations/preview-write.ts';
import type { WriteRequest } from '../confirmations/evaluate-write.ts';
import { ITEM_CHANGE_CHARGE_METHODS, ITEM_CHANGE_REFUND_DESTINATIONS } from '../policy/item-change-policy.ts';

export const changeOrderItemsParameters = z.strictObject({
  order_no: z.string().trim().min(4).max(40).describe("The shopper's order number"),
  items: z.array(z.strictObject({
    line_no: z.number().int().min(1).optional().describe('Item number (line_no); may be left out when the order has one item'),
    wanted: z.string().trim().min(1).max(400).describe('The option the item should become, in the shopper\'s words, e.g. "Blue" or "12GB+512GB"'),
  })).max(20).describe('Every item to change, each to another option of the same product (empty: only check whether the order can still change)'),
  settle: z.enum([...ITEM_CHANGE_CHARGE_METHODS, ...ITEM_CHANGE_REFUND_DESTINATIONS]).optional()
    .describe('Where the price difference goes: a payment method to charge (alipay, wechat_pay, credit_card, union_pay, gift_card) or original / gift_card for a refund; leave out to ask the shopper'),
});

/** The write the tool's arguments ask for (also one part of request_several_changes). */
export function itemChangeRequestOf(parameters: z.infer<typeof changeOrderItemsParameters>): WriteRequest {
  return {
    tool: 'change_order_items', orderNo: parameters.order_no,
    items: parameters.items.map((item) => ({ ...(item.line_no ? { lineNo: item.line_no } : {}), wanted: item.wanted })),
    settle: parameters.settle ?? null,
  };
}

export const changeOrderItemsTool = defineTool({
  name: 'change_order_items',
  description: [
    "Asks to change items of one of the shopper's own orders that has not shipped to other options (colour, size, capacity) of the",
    'same products that are in stock (policy P9). The card lists every item with its new price and the total difference, charged to',
    'or refunded to the method the shopper picks. Preview only: not_found, a policy denial (settle_unclear / target_unclear ask a',
    'question), or a confirmation card the shopper must accept.',
  ].join(' '),
  parameters: changeOrderItemsParameters,
  async execute(argumentsValue, context) {
    const parameters = changeOrderItemsParameters.parse(argumentsValue);
    return previewWrite(context, itemChangeRequestOf(parameters), parameters);
  },
});
