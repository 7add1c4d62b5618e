import { z } from 'zod';
import { defineTool } from '../../agent/tool.ts';
import { loadDefaultAddress } from '../profile/default-address.ts';
import { supportRuntimeOf } from '../support-tool-context.ts';

export const getMyDefaultAddressParameters = z.strictObject({});

export const getMyDefaultAddressTool = defineTool({
  name: 'get_my_default_address',
  description: "The signed-in shopper's default delivery address (street, city, province, postal code); none for a guest verified for one order.",
  parameters: getMyDefaultAddressParameters,
  async execute(argumentsValue, context) {
    getMyDefaultAddressParameters.parse(argumentsValue);
    const { scope } = supportRuntimeOf(context);
    // A guest verified for one order sees that order, not the account's profile.
    if (scope.kind === 'guest-order') return { kind: 'default_address' as const, status: 'guest' as const, address: null };
    const address = await loadDefaultAddress(context.warehouse, scope.customerId);
    return { kind: 'default_address' as const, status: address ? ('found' as const) : ('none' as const), address: address ?? null };
  },
});
