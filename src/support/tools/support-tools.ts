import { changeOrderItemsTool } from './change-order-items.ts';
import { getMyDefaultAddressTool } from './get-my-default-address.ts';
import { setDefaultAddressTool } from './set-default-address.ts';
import { requestSeveralChangesTool } from './request-several-changes.ts';
import { changePaymentMethodTool } from './change-payment-method.ts';
import type { AnyTool } from '../../agent/tool.ts';
import { cancelOrderTool } from './cancel-order.ts';
import { changeShippingAddressTool } from './change-shipping-address.ts';
import { escalateToHumanTool } from './escalate-to-human.ts';
import { getMyPaymentMethodsTool } from './get-my-payment-methods.ts';
import { getOrderPaymentsTool } from './get-order-payments.ts';
import { getOrderStatusTool } from './get-order-status.ts';
import { listMyOrdersTool } from './list-my-orders.ts';
import { productQuestionTool } from './product-question.ts';
import { requestExchangeTool } from './request-exchange.ts';
import { requestReturnTool } from './request-return.ts';
import { searchFaqTool } from './search-faq.ts';
import { supportRecommendProductsTool } from './support-recommend-products.ts';

/**
 * The customer-service toolset. None takes a customer id: each reads the shopper from the session
 * (ToolContext.customerId / the support scope), and the four writes only ever return a card to confirm.
 */
export const SUPPORT_TOOLS: AnyTool[] = [
  listMyOrdersTool,
  getOrderStatusTool,
  getOrderPaymentsTool,
  getMyPaymentMethodsTool,
  cancelOrderTool,
  requestReturnTool,
  requestExchangeTool,
  changeShippingAddressTool,
  changePaymentMethodTool,
  changeOrderItemsTool,
  getMyDefaultAddressTool,
  setDefaultAddressTool,
  requestSeveralChangesTool,
  productQuestionTool,
  supportRecommendProductsTool,
  searchFaqTool,
  escalateToHumanTool,
] as AnyTool[];
