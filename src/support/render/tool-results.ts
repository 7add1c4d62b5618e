/** The result types of the support tools, for code that renders them (our own tools, so the shapes are known). */
import type { getMyDefaultAddressTool } from '../tools/get-my-default-address.ts';
import type { getMyPaymentMethodsTool } from '../tools/get-my-payment-methods.ts';
import type { getOrderPaymentsTool } from '../tools/get-order-payments.ts';
import type { getOrderStatusTool } from '../tools/get-order-status.ts';
import type { listMyOrdersTool } from '../tools/list-my-orders.ts';
import type { productQuestionTool } from '../tools/product-question.ts';
import type { searchFaqTool } from '../tools/search-faq.ts';
import type { supportRecommendProductsTool } from '../tools/support-recommend-products.ts';
import type { escalateToHumanTool } from '../tools/escalate-to-human.ts';

export type OrderStatusResult = Awaited<ReturnType<typeof getOrderStatusTool.execute>>;
export type FoundOrderStatus = Extract<OrderStatusResult, { status: 'found' }>;
export type OrderListResult = Awaited<ReturnType<typeof listMyOrdersTool.execute>>;
export type ProductFactsResult = Awaited<ReturnType<typeof productQuestionTool.execute>>;
export type KnowledgeResult = Awaited<ReturnType<typeof searchFaqTool.execute>>;
export type RecommendationsResult = Awaited<ReturnType<typeof supportRecommendProductsTool.execute>>;
export type HandoffResult = Awaited<ReturnType<typeof escalateToHumanTool.execute>>;
export type PaymentMethodsResult = Awaited<ReturnType<typeof getMyPaymentMethodsTool.execute>>;
export type OrderPaymentsResult = Awaited<ReturnType<typeof getOrderPaymentsTool.execute>>;
export type DefaultAddressResult = Awaited<ReturnType<typeof getMyDefaultAddressTool.execute>>;
