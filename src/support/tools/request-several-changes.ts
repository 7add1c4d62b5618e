import { z } from 'zod';
import { defineTool } from '../../agent/tool.ts';
import { previewWrite } from '../confirmations/preview-write.ts';
import { cancelOrderParameters, cancelRequestOf } from './cancel-order.ts';
import { changeOrderItemsParameters, itemChangeRequestOf } from './change-order-items.ts';
import { changePaymentMethodParameters, paymentRequestOf } from './change-payment-method.ts';
import { addressRequestOf, changeShippingAddressParameters } from './change-shipping-address.ts';
import { exchangeRequestOf, requestExchangeParameters } from './request-exchange.ts';
import { requestReturnParameters, returnRequestOf } from './request-return.ts';

/** One part: the name of an order write tool and the arguments that tool takes. */
const PartSchema = z.discriminatedUnion('tool', [
  z.strictObject({ tool: z.literal('cancel_order'), arguments: cancelOrderParameters }),
  z.strictObject({ tool: z.literal('request_return'), arguments: requestReturnParameters }),
  z.strictObject({ tool: z.literal('request_exchange'), arguments: requestExchangeParameters }),
  z.strictObject({ tool: z.literal('change_shipping_address'), arguments: changeShippingAddressParameters }),
  z.strictObject({ tool: z.literal('change_payment_method'), arguments: changePaymentMethodParameters }),
  z.strictObject({ tool: z.literal('change_order_items'), arguments: changeOrderItemsParameters }),
]);

export const requestSeveralChangesParameters = z.strictObject({
  changes: z.array(PartSchema).min(2).max(10).describe('Every write the shopper asked for in one request, e.g. cancelling two orders; each with the arguments of its own tool'),
});

function requestOfPart(part: z.infer<typeof PartSchema>) {
  switch (part.tool) {
    case 'cancel_order':
      return cancelRequestOf(part.arguments);
    case 'request_return':
      return returnRequestOf(part.arguments);
    case 'request_exchange':
      return exchangeRequestOf(part.arguments);
    case 'change_shipping_address':
      return addressRequestOf(part.arguments);
    case 'change_payment_method':
      return paymentRequestOf(part.arguments);
    case 'change_order_items':
      return itemChangeRequestOf(part.arguments);
  }
}

export const requestSeveralChangesTool = defineTool({
  name: 'request_several_changes',
  description: [
    "One confirmation card for a request spanning several of the shopper's own orders (e.g. cancel two orders, return items",
    'of two orders): every part is checked by its own policy, the card lists each item and money movement and the total refund',
    'computed from the database, and on yes all parts commit together or none. Returns not_found (an order outside the account),',
    'a denial naming the order that cannot be changed, or the card.',
  ].join(' '),
  parameters: requestSeveralChangesParameters,
  async execute(argumentsValue, context) {
    const parameters = requestSeveralChangesParameters.parse(argumentsValue);
    return previewWrite(context, { tool: 'several', requests: parameters.changes.map(requestOfPart) }, parameters);
  },
});
