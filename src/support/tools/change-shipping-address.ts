import { z } from 'zod';
import { defineTool } from '../../agent/tool.ts';
import { previewWrite } from '../confirmations/preview-write.ts';
import type { WriteRequest } from '../confirmations/evaluate-write.ts';

export const changeShippingAddressParameters = z.strictObject({
  order_no: z.string().trim().min(4).max(40).describe("The shopper's order number"),
  address: z.string().trim().min(1).max(200).describe('The complete new address, e.g. "上海市浦东新区世纪大道100号"'),
  city: z.string().trim().max(40).optional().describe('City, when the address text does not name it'),
});

/** The write the tool's arguments ask for (also one part of request_several_changes). */
export function addressRequestOf(parameters: z.infer<typeof changeShippingAddressParameters>): WriteRequest {
  return { tool: 'change_shipping_address', orderNo: parameters.order_no, address: parameters.address, city: parameters.city ?? null };
}

export const changeShippingAddressTool = defineTool({
  name: 'change_shipping_address',
  description: [
    "Asks to change the delivery address of one of the shopper's own orders (policy P5: only before it ships; the address must",
    'name a city we deliver to). Returns not_found, a policy denial, or a confirmation card the shopper must accept.',
  ].join(' '),
  parameters: changeShippingAddressParameters,
  async execute(argumentsValue, context) {
    const parameters = changeShippingAddressParameters.parse(argumentsValue);
    return previewWrite(context, addressRequestOf(parameters), parameters);
  },
});
