import { z } from 'zod';
import { normalizeQuestion } from '../../text/normalize-question.ts';
import type { SqlRunner } from '../sql-runner.ts';

export const VariantFactSchema = z.object({
  product_id: z.number().int(),
  product_group: z.number().int().nullable(),
  title_en: z.string().nullable(),
  title_zh: z.string().nullable(),
  option_en: z.string().nullable(),
  option_zh: z.string().nullable(),
  price: z.number().nullable(),
  stock: z.number().int().nullable(),
});
export type VariantFact = z.infer<typeof VariantFactSchema>;

const VARIANT_COLUMNS = 'product_id, product_group, title_en, title_zh, option_en, option_zh, price::DOUBLE AS price, stock';

/** Every variant of the product's group (the product alone when the catalogue has no groups), by product id. */
export async function variantsOf(runner: SqlRunner, productId: number): Promise<VariantFact[]> {
  const result = await runner.query(
    `SELECT ${VARIANT_COLUMNS} FROM products
      WHERE product_id = $id OR (product_group IS NOT NULL AND product_group = (SELECT product_group FROM products WHERE product_id = $id))
      ORDER BY product_id`,
    { id: productId },
  );
  return result.rows.map((row) => VariantFactSchema.parse(row));
}

function words(text: string): Set<string> {
  return new Set(normalizeQuestion(text).split(/[^a-z0-9+]+/).flatMap((word) => [word, ...word.split('+')]).filter(Boolean));
}

/** How many of an option's words a text names (Latin by whole word, Chinese by the whole option name). */
function optionScore(text: string, variant: VariantFact): number {
  const normalized = normalizeQuestion(text);
  const said = words(text);
  const latin = [...words(variant.option_en ?? '')].filter((word) => said.has(word)).length;
  const chinese = variant.option_zh && normalized.includes(normalizeQuestion(variant.option_zh)) ? 2 : 0;
  return latin + chinese;
}

/** The other variant a text names: one, several equally (ambiguous), or none. */
export function variantNamed(text: string, candidates: readonly VariantFact[]): { variant?: VariantFact; ambiguous: VariantFact[] } {
  const scored = candidates.map((variant) => ({ variant, score: optionScore(text, variant) }));
  const best = Math.max(0, ...scored.map((entry) => entry.score));
  if (best === 0) return { ambiguous: [] };
  const top = scored.filter((entry) => entry.score === best).map((entry) => entry.variant);
  return top.length === 1 ? { variant: top[0], ambiguous: [] } : { ambiguous: top };
}

/**
 * A product outside the group the text names by its full name ("Estee Lauder Advanced Night Repair Serum"): the
 * words every variant of that group shares must all be there, so one common word ("Black", "Pro") never counts.
 */
export async function otherProductNamed(runner: SqlRunner, text: string, group: readonly VariantFact[]): Promise<VariantFact | undefined> {
  const own = new Set(group.map((variant) => variant.product_id));
  const said = words(text);
  const normalized = normalizeQuestion(text);
  const result = await runner.query(`SELECT ${VARIANT_COLUMNS} FROM products WHERE product_group IS NOT NULL ORDER BY product_id LIMIT 50000`);
  const byGroup = new Map<number, VariantFact[]>();
  for (const row of result.rows) {
    const variant = VariantFactSchema.parse(row);
    if (own.has(variant.product_id) || variant.product_group === null) continue;
    byGroup.set(variant.product_group, [...(byGroup.get(variant.product_group) ?? []), variant]);
  }
  for (const variants of byGroup.values()) {
    const first = variants[0] as VariantFact;
    const baseEn = (first.title_en ?? '').slice(0, Math.max(0, (first.title_en ?? '').length - (first.option_en ?? '').length)).trim();
    const baseZh = (first.title_zh ?? '').slice(0, Math.max(0, (first.title_zh ?? '').length - (first.option_zh ?? '').length)).trim();
    const baseWords = [...words(baseEn)];
    const namedEn = baseWords.length >= 2 && baseWords.every((word) => said.has(word));
    const namedZh = baseZh.length >= 2 && normalized.includes(normalizeQuestion(baseZh).replace(/\s+/g, ' '));
    if (namedEn || namedZh) return variantNamed(text, variants).variant ?? first;
  }
  return undefined;
}
