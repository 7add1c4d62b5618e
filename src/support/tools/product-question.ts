import { z } from 'zod';
import type { ResultColumn } from '../../presentation/result-table.ts';
import { defineTool } from '../../agent/tool.ts';
import { searchProducts } from '../products/product-search.ts';
import { variantsOf } from '../products/product-variants.ts';
import { supportRuntimeOf } from '../support-tool-context.ts';
import { inShopCurrency } from '../orders/order-presentation.ts';

export const productQuestionParameters = z.strictObject({
  query: z.string().trim().min(1).max(200).describe('The product as the shopper named it: brand, model, category or colour, e.g. "AirPods Pro" or "这款耳机"'),
  product_id: z.number().int().optional().describe('A product id from an earlier result, to look up that exact product'),
});

const COLUMNS: ResultColumn[] = [
  { id: 'product', label_en: 'Product', label_zh: '商品', unit: 'text', role: 'dimension' },
  { id: 'brand', label_en: 'Brand', label_zh: '品牌', unit: 'text', role: 'dimension' },
  { id: 'category', label_en: 'Category', label_zh: '品类', unit: 'text', role: 'dimension' },
  { id: 'price', label_en: 'Price', label_zh: '价格', unit: 'currency', role: 'metric' },
];

export const productQuestionTool = defineTool({
  name: 'product_question',
  description: [
    'Looks up products in the catalogue by what the shopper calls them and returns only catalogue facts: titles (English and',
    'Chinese), brand, category, list price and launch date, and the best match\'s options (colour, size, capacity) with price and',
    'whether each is in stock. Products the shopper viewed or bought recently come first.',
    'Use it for "how much is …", "这款耳机多少钱", "what brand is …". Say only what it returns.',
  ].join(' '),
  parameters: productQuestionParameters,
  async execute(argumentsValue, context) {
    const parameters = productQuestionParameters.parse(argumentsValue);
    const runtime = supportRuntimeOf(context);
    const language = context.language;
    const { terms, matches } = await searchProducts(context.warehouse, parameters.query, { customerId: runtime.scope.customerId, productId: parameters.product_id });
    const first = matches[0];
    // The best match's options (colour, size, capacity …) with their own price and stock, from the products table.
    const options = first ? (await variantsOf(context.warehouse, first.product.product_id)).map((variant) => ({
      product_id: variant.product_id,
      option: (language === 'zh' ? variant.option_zh : variant.option_en) ?? null,
      price: variant.price,
      in_stock: variant.stock === null ? null : variant.stock > 0,
    })).filter((variant) => variant.option !== null) : [];
    return {
      kind: 'product_facts' as const,
      query_terms: terms,
      options,
      count: matches.length,
      columns: inShopCurrency(COLUMNS, runtime.currency),
      currency: runtime.currency,
      rows: matches.map(({ product, lastSeenAt }) => ({
        product_id: product.product_id,
        product: (language === 'zh' ? product.title_zh ?? product.title_en : product.title_en ?? product.title_zh) ?? `#${product.product_id}`,
        title_en: product.title_en,
        title_zh: product.title_zh,
        brand: product.brand,
        category: language === 'zh' ? product.category_zh ?? product.category : product.category,
        category_en: product.category,
        category_zh: product.category_zh,
        price: product.price,
        launch_date: product.launch_date,
        seen_by_shopper_at: lastSeenAt,
      })),
    };
  },
});
