import { z } from 'zod';
import type { ResultColumn } from '../../presentation/result-table.ts';
import { defineTool } from '../../agent/tool.ts';
import { productRowFields } from '../../models/recommendations/product-catalog.ts';
import { recommendForProduct, recommendForUser, type RecommendationRequestOptions, type RecommendationResult } from '../../models/recommendations/recommend.ts';
import type { Warehouse } from '../../sql/warehouse.ts';
import type { SupportScope } from '../support-session.ts';
import { supportRuntimeOf } from '../support-tool-context.ts';
import { inShopCurrency } from '../orders/order-presentation.ts';

export const supportRecommendProductsParameters = z.strictObject({
  category: z.string().trim().min(1).max(40).optional().describe('Only this category, English or Chinese name, e.g. "Headphones" or "耳机"'),
  top_k: z.number().int().min(1).max(10).default(5).describe('How many products'),
});

const COLUMNS: ResultColumn[] = [
  { id: 'product', label_en: 'Product', label_zh: '商品', unit: 'text', role: 'dimension' },
  { id: 'category', label_en: 'Category', label_zh: '品类', unit: 'text', role: 'dimension' },
  { id: 'price', label_en: 'Price', label_zh: '价格', unit: 'currency', role: 'metric' },
];

/** The shopper-facing recommender: always for the session's shopper, never for an id the model supplies. */
export const supportRecommendProductsTool = defineTool({
  name: 'support_recommend_products',
  description: 'Recommends products for the signed-in shopper from their own views, carts and purchases (best sellers when there is too little history). Takes no customer id. Optional category.',
  parameters: supportRecommendProductsParameters,
  async execute(argumentsValue, context) {
    const parameters = supportRecommendProductsParameters.parse(argumentsValue);
    const runtime = supportRuntimeOf(context);
    const language = context.language;
    const options = { topK: parameters.top_k, category: parameters.category, selectEncoder: runtime.selectEncoder };
    const result = await recommendationsInScope(context.warehouse, runtime.scope, options);
    return {
      kind: 'recommendations' as const,
      personalised: result.basis.kind === 'user' && result.items.some((item) => item.reason !== 'popular'),
      columns: inShopCurrency(COLUMNS, runtime.currency),
      currency: runtime.currency,
      rows: result.items.map((item) => ({
        ...productRowFields(item.product, item.productId, language),
        brand: item.product.brand,
        price: item.product.price,
      })),
    };
  },
});

/**
 * A signed-in customer gets recommendations from their whole history; a guest verified for one order only sees what
 * that order allows: products related to the first item of that order, never the account's own history.
 */
async function recommendationsInScope(
  warehouse: Warehouse,
  scope: SupportScope,
  options: RecommendationRequestOptions,
): Promise<RecommendationResult> {
  if (scope.kind === 'customer') return recommendForUser(warehouse, scope.customerId, options);
  const items = await warehouse.query('SELECT product_id FROM order_items WHERE order_id = $order ORDER BY line_no LIMIT 1', { order: scope.orderId });
  const productId = items.rows[0]?.product_id;
  if (typeof productId !== 'number') throw new Error(`Order ${scope.orderId} has no items to base recommendations on.`);
  return recommendForProduct(warehouse, productId, options);
}
