import { SEED_WEIGHTS, type Interaction } from './interactions.ts';
import type { Seed } from './recommender.ts';

/** A seed loses half its weight every SEED_HALF_LIFE_DAYS before the shopper's latest interaction. */
export const SEED_HALF_LIFE_DAYS = 14;
export const MAX_SEEDS = 30;
const DAY_MILLISECONDS = 86_400_000;

export interface ShopperSeeds {
  seeds: Seed[];
  /** Products the shopper bought: excluded from their recommendations. */
  purchased: Set<number>;
  /** Latest interaction time (epoch ms), or null without any. */
  latest: number | null;
}

/**
 * A shopper's seeds: per product, the strongest of their interactions (purchase 1, cart 0.7, favourite 0.6,
 * view 0.3) decayed by age relative to their own latest interaction, so a dormant shopper's last interests
 * still count. The MAX_SEEDS strongest are kept.
 */
export function shopperSeeds(interactions: readonly Interaction[]): ShopperSeeds {
  if (interactions.length === 0) return { seeds: [], purchased: new Set(), latest: null };
  const latest = Math.max(...interactions.map((interaction) => interaction.time));
  const weights = new Map<number, number>();
  const purchased = new Set<number>();
  for (const interaction of interactions) {
    if (interaction.kind === 'purchase') purchased.add(interaction.productId);
    const ageDays = (latest - interaction.time) / DAY_MILLISECONDS;
    const weight = SEED_WEIGHTS[interaction.kind] * 0.5 ** (ageDays / SEED_HALF_LIFE_DAYS);
    weights.set(interaction.productId, Math.max(weights.get(interaction.productId) ?? 0, weight));
  }
  const seeds = [...weights]
    .map(([productId, weight]) => ({ productId, weight }))
    .sort((left, right) => right.weight - left.weight || left.productId - right.productId)
    .slice(0, MAX_SEEDS);
  return { seeds, purchased, latest };
}
