import type { Language } from '../../text/language.ts';
import type { BilingualText } from '../policy/policy-decision.ts';
import type { SqlRunner } from '../sql-runner.ts';
import { otherProductNamed, variantNamed, variantsOf, VariantFactSchema, type VariantFact } from './product-variants.ts';

/** The variant an item should become, as the exchange and item-change policies see it. */
export interface VariantTarget {
  productId: number;
  /** Another option of the item's own product (same product_group). */
  sameProduct: boolean;
  stock: number | null;
  price: number;
  label: BilingualText;
}

type Money = (amount: number, language: Language) => string;

function asTarget(variant: VariantFact, sameProduct: boolean): VariantTarget {
  return {
    productId: variant.product_id, sameProduct, stock: variant.stock, price: variant.price ?? 0,
    label: { en: sameProduct ? (variant.option_en ?? variant.title_en ?? '') : (variant.title_en ?? ''), zh: sameProduct ? (variant.option_zh ?? variant.title_zh ?? '') : (variant.title_zh ?? '') },
  };
}

/**
 * The variant an item should become, read from the shopper's words: another option of the same product, or a product
 * of another group (which the policies refuse). `choices` lists the other options with price and availability. The
 * words are the shopper's messages about it, one per line: the latest that names an option wins ("no, the blue one").
 * A stored operation passes `productId` instead, so a confirmation commits exactly the variant its card named.
 */
export async function variantTargetOf(
  runner: SqlRunner,
  productId: number,
  wanted: { text?: string | null; productId?: number | null },
  money: Money,
): Promise<{ target?: VariantTarget; choices: BilingualText }> {
  const group = await variantsOf(runner, productId);
  const others = group.filter((variant) => variant.product_id !== productId);
  const choice = (language: Language) => others
    .map((variant) => `${(language === 'en' ? variant.option_en : variant.option_zh) ?? variant.title_en ?? ''} (${money(variant.price ?? 0, language)}${(variant.stock ?? 0) > 0 ? '' : language === 'en' ? ', out of stock' : ',缺货'})`)
    .join(language === 'en' ? ', ' : '、');
  const choices = { en: choice('en'), zh: choice('zh') };
  if (wanted.productId !== undefined && wanted.productId !== null) {
    const own = others.find((variant) => variant.product_id === wanted.productId);
    if (own) return { target: asTarget(own, true), choices };
    const { rows } = await runner.query('SELECT product_id, product_group, title_en, title_zh, option_en, option_zh, price::DOUBLE AS price, stock FROM products WHERE product_id = $id', { id: wanted.productId });
    return { target: rows[0] ? asTarget(VariantFactSchema.parse(rows[0]), false) : undefined, choices };
  }
  for (const said of (wanted.text ?? '').split('\n').reverse()) {
    const named = variantNamed(said, others);
    if (named.variant) return { target: asTarget(named.variant, true), choices };
    const foreign = await otherProductNamed(runner, said, group);
    if (foreign) return { target: asTarget(foreign, false), choices };
  }
  return { choices };
}
