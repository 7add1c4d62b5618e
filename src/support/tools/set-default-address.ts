import { z } from 'zod';
import { defineTool } from '../../agent/tool.ts';
import { previewWrite } from '../confirmations/preview-write.ts';

export const setDefaultAddressParameters = z.strictObject({
  address: z.string().trim().min(1).max(400).optional().describe('The new default address as the shopper wrote it (street and number, district, city, province, postal code)'),
  from_order_no: z.string().trim().min(4).max(40).optional().describe("Use the delivery address of this one of the shopper's orders instead"),
}).refine((value) => Boolean(value.address) !== Boolean(value.from_order_no), { message: 'give exactly one of address or from_order_no' });

export const setDefaultAddressTool = defineTool({
  name: 'set_default_address',
  description: [
    "Asks to set the signed-in shopper's default delivery address (policy P10), from the address they wrote or from one of their",
    'own orders. The card reads the address back field by field (street, city, province, postal code). Preview only: not_found, a',
    'policy denial (incomplete_address, unknown_city, guest_session) or a confirmation card the shopper must accept.',
  ].join(' '),
  parameters: setDefaultAddressParameters,
  async execute(argumentsValue, context) {
    const parameters = setDefaultAddressParameters.parse(argumentsValue);
    return previewWrite(context, { tool: 'set_default_address', address: parameters.address ?? null, fromOrderNo: parameters.from_order_no ?? null }, parameters);
  },
});
