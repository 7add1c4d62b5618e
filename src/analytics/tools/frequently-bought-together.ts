import { z } from 'zod';
import { defineTool } from '../../agent/tool.ts';
import type { AssociationRule } from '../../models/baskets/association-rules.ts';
import { analyseBaskets, DEFAULT_MIN_CONFIDENCE, DEFAULT_MIN_SUPPORT, type BasketAnalysis } from '../../models/baskets/basket-analysis.ts';
import { BasketAnalysisError } from '../../models/baskets/basket-error.ts';
import { loadBaskets, type Baskets } from '../../models/baskets/load-baskets.ts';
import { resolveBasketItem } from '../../models/baskets/resolve-basket-item.ts';

/** One product's orders are few: a 5% floor hides every companion of a product in a few hundred orders. */
const FOCUSED_MIN_CONFIDENCE = 0.01;

export const frequentlyBoughtTogetherParameters = z.object({
  product: z.union([z.number().int(), z.string().min(1)]).optional().describe('product id or part of its title (English or Chinese): rules "this → …"'),
  category: z.string().min(1).optional().describe('category (English or Chinese): at level category, rules "this category → …"; at level product, rules whose antecedent is a product of it'),
  level: z.enum(['product', 'category']).default('product'),
  min_support: z.number().gt(0).max(1).optional().describe(`share of paid orders; default ${DEFAULT_MIN_SUPPORT.product} (product) / ${DEFAULT_MIN_SUPPORT.category} (category)`),
  min_confidence: z.number().min(0).max(1).optional().describe(`default ${DEFAULT_MIN_CONFIDENCE}; ${FOCUSED_MIN_CONFIDENCE} when a product is given (its buyers' rarer companions still count)`),
  sort_by: z.enum(['lift', 'confidence']).optional().describe('default: confidence when a product is given (what buyers of it also take), lift otherwise'),
  top_k: z.number().int().min(1).max(50).default(10),
});

const COLUMNS = [
  { id: 'antecedent', label_en: 'If bought', label_zh: '购买了', unit: 'text', role: 'dimension' },
  { id: 'consequent', label_en: 'Also bought', label_zh: '同时购买', unit: 'text', role: 'dimension' },
  { id: 'orders', label_en: 'Orders with both', label_zh: '同时购买订单数', unit: 'count', role: 'metric' },
  { id: 'support', label_en: 'Support', label_zh: '支持度', unit: 'ratio', role: 'metric' },
  { id: 'confidence', label_en: 'Confidence', label_zh: '置信度', unit: 'ratio', role: 'metric' },
  { id: 'lift', label_en: 'Lift', label_zh: '提升度', unit: 'number', role: 'metric' },
] as const;

function names(baskets: Baskets, items: readonly number[], language: 'en' | 'zh'): string {
  return items.map((item) => {
    const entry = baskets.items.get(item);
    return entry ? (language === 'zh' ? entry.name_zh : entry.name_en) : String(item);
  }).join(' + ');
}

/** Caveats the answer shows next to the rules: thresholds used, automatic raises, empty results. */
function basketNotes(analysis: BasketAnalysis, ruleCount: number, sortBy: string, language: 'en' | 'zh'): string[] {
  const zh = language === 'zh';
  const notes = [
    zh
      ? `基于 ${analysis.transactions} 个已支付订单（其中 ${analysis.multiItemTransactions} 个含多件不同商品）；同时购买至少 ${analysis.minCount} 单、置信度 ≥ ${analysis.minConfidence}；按${sortBy === 'lift' ? '提升度' : '置信度'}排序。提升度 > 1 表示比随机更常一起购买。`
      : `From ${analysis.transactions} paid orders (${analysis.multiItemTransactions} with several items); bought together in at least ${analysis.minCount} orders, confidence ≥ ${analysis.minConfidence}; sorted by ${sortBy}. Lift > 1 means bought together more often than by chance.`,
  ];
  if (analysis.raisedMinCountFrom !== null) {
    notes.push(
      zh
        ? `在 ${analysis.raisedMinCountFrom} 个订单的门槛下组合过多，已自动提高到至少 ${analysis.minCount} 个订单。`
        : `At ${analysis.raisedMinCountFrom} orders there were too many combinations; the threshold was raised automatically to ${analysis.minCount} orders.`,
    );
  }
  if (ruleCount === 0) {
    notes.push(zh ? '没有满足条件的规则，可降低 min_support 或 min_confidence。' : 'No rule meets the thresholds; lower min_support or min_confidence.');
  }
  return notes;
}

function round(value: number, digits: number): number {
  return Number(value.toFixed(digits));
}

export const frequentlyBoughtTogetherTool = defineTool({
  name: 'frequently_bought_together',
  description: [
    'Market-basket analysis (FP-Growth association rules) over paid orders: which products (or categories) are bought in the',
    'same order. Optional product (id or title text) or category narrows to rules "if they buy X they also buy Y". Returns rules',
    'with English and Chinese names, orders with both, support, confidence and lift (> 1 = bought together more than by chance).',
    'Use for cross-sell, bundles, "经常一起购买", "搭配购买".',
  ].join(' '),
  parameters: frequentlyBoughtTogetherParameters,
  async execute(argumentsValue, context) {
    const parameters = frequentlyBoughtTogetherParameters.parse(argumentsValue);
    const started = performance.now();
    const baskets = await loadBaskets(context.warehouse, parameters.level);
    let focusItem: number | undefined;
    let antecedentWithin: Set<number> | undefined;
    const matched: { parameter: string; id: number; name_en: string; name_zh: string; alternatives: { id: number; name_en: string; name_zh: string }[] }[] = [];
    const describe = (parameter: string, resolved: { id: number; alternatives: number[] }) => {
      const item = baskets.items.get(resolved.id);
      matched.push({
        parameter,
        id: resolved.id,
        name_en: item?.name_en ?? String(resolved.id),
        name_zh: item?.name_zh ?? String(resolved.id),
        alternatives: resolved.alternatives.map((id) => ({ id, name_en: baskets.items.get(id)?.name_en ?? String(id), name_zh: baskets.items.get(id)?.name_zh ?? String(id) })),
      });
    };
    if (parameters.level === 'category' && parameters.product !== undefined) {
      throw new BasketAnalysisError('At level "category" pass a category, not a product (or use level "product").', { kind: 'bad_parameter', parameter: 'product' });
    }
    if (parameters.product !== undefined) {
      const resolved = resolveBasketItem(baskets, parameters.product, 'product');
      focusItem = resolved.id;
      describe('product', resolved);
    }
    if (parameters.category !== undefined) {
      const wanted = parameters.category.trim().toLowerCase();
      if (parameters.level === 'category') {
        const resolved = resolveBasketItem(baskets, parameters.category, 'category');
        focusItem = resolved.id;
        describe('category', resolved);
      } else {
        antecedentWithin = new Set([...baskets.items.values()].filter((item) => [item.category, item.category_zh].some((name) => name?.toLowerCase() === wanted)).map((item) => item.id));
        if (antecedentWithin.size === 0) {
          const allowed = [...new Set([...baskets.items.values()].flatMap((item) => (item.category ? [item.category] : [])))].sort();
          throw new BasketAnalysisError(`Unknown category "${parameters.category}". Use one of: ${allowed.join(', ') || '(no categories in this warehouse)'}.`, { kind: 'not_found', parameter: 'category', allowed });
        }
      }
    }
    const analysis = analyseBaskets(baskets, {
      minSupport: parameters.min_support,
      minConfidence: parameters.min_confidence ?? (parameters.product !== undefined ? FOCUSED_MIN_CONFIDENCE : DEFAULT_MIN_CONFIDENCE),
      focusItem,
      antecedentWithin,
    });
    // For one product, lift over-rewards rare partners seen in 3 orders; confidence ranks what its buyers actually take.
    const sortBy = parameters.sort_by ?? (parameters.product !== undefined ? 'confidence' : 'lift');
    const sorted: AssociationRule[] = sortBy === 'confidence'
      ? [...analysis.rules].sort((left, right) => right.confidence - left.confidence || right.lift - left.lift || right.count - left.count)
      : analysis.rules;
    const top = sorted.slice(0, parameters.top_k);
    const language = context.language;
    const rules = top.map((rule) => ({
      antecedent: names(baskets, rule.antecedent, language),
      consequent: names(baskets, rule.consequent, language),
      antecedent_en: names(baskets, rule.antecedent, 'en'),
      antecedent_zh: names(baskets, rule.antecedent, 'zh'),
      consequent_en: names(baskets, rule.consequent, 'en'),
      consequent_zh: names(baskets, rule.consequent, 'zh'),
      antecedent_ids: rule.antecedent,
      consequent_ids: rule.consequent,
      orders: rule.count,
      antecedent_orders: rule.antecedentCount,
      consequent_orders: rule.consequentCount,
      support: round(rule.support, 6),
      confidence: round(rule.confidence, 4),
      lift: round(rule.lift, 3),
    }));
    return {
      level: parameters.level,
      matched,
      paid_orders: analysis.transactions,
      // Orders that contain the product asked about, so an empty answer can say how much evidence there was.
      focus_orders: parameters.product === undefined || focusItem === undefined ? null : baskets.transactions.filter((transaction) => transaction.includes(focusItem!)).length,
      multi_item_orders: analysis.multiItemTransactions,
      min_support: round(analysis.minSupport, 6),
      min_orders: analysis.minCount,
      min_orders_requested: analysis.raisedMinCountFrom,
      min_confidence: analysis.minConfidence,
      frequent_itemsets: analysis.frequentItemsets,
      rules_found: analysis.rules.length,
      sort_by: sortBy,
      seconds: round((performance.now() - started) / 1000, 3),
      notes: basketNotes(analysis, rules.length, sortBy, language),
      columns: COLUMNS,
      rows: rules,
    };
  },
});
