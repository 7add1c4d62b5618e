import { CO_OCCURRENCE_WEIGHTS, type Interaction } from './interactions.ts';

/**
 * Pairs seen together by fewer owners are shrunk towards 0: similarity × together / (together + SHRINKAGE).
 * Without it two products bought once, by the same person, would be perfectly "often bought together".
 */
export const CO_OCCURRENCE_SHRINKAGE = 2;

/** Owners with more products than this keep their highest-weighted (then latest) ones: the pair count is quadratic. */
export const MAX_ITEMS_PER_OWNER = 200;

export interface ItemCoOccurrence {
  /** Per product, its neighbours and their shrunk cosine similarity (> 0 only). */
  neighbours: ReadonlyMap<number, ReadonlyMap<number, number>>;
  /** Per product, the owners who interacted with it (any co-occurrence kind). */
  owners: ReadonlyMap<number, number>;
  /** Per product, the owners who bought it: the popularity ranking. */
  buyers: ReadonlyMap<number, number>;
}

interface OwnerItem {
  weight: number;
  time: number;
  bought: boolean;
}

/** Each owner's products with the strongest co-occurrence weight of any of their interactions with it. */
export function ownerItemWeights(interactions: Iterable<Interaction>): Map<string, Map<number, OwnerItem>> {
  const byOwner = new Map<string, Map<number, OwnerItem>>();
  for (const interaction of interactions) {
    const weight = CO_OCCURRENCE_WEIGHTS[interaction.kind];
    if (weight === undefined) continue;
    const items = byOwner.get(interaction.owner) ?? new Map<number, OwnerItem>();
    byOwner.set(interaction.owner, items);
    const current = items.get(interaction.productId) ?? { weight: 0, time: -Infinity, bought: false };
    items.set(interaction.productId, {
      weight: Math.max(current.weight, weight),
      time: Math.max(current.time, interaction.time),
      bought: current.bought || interaction.kind === 'purchase',
    });
  }
  return byOwner;
}

/**
 * Item-to-item co-occurrence over owners (shoppers, and guest orders as one-off owners): the cosine of two
 * products' owner-weight vectors, cos(i, j) = Σ_u w_ui·w_uj / (‖w_i‖·‖w_j‖), where w is 1 for a purchase and
 * 0.5 for a cart or favourite. Dividing by the norms is the popularity normalisation: a best-seller that
 * everybody buys is not "often bought with" everything. Then shrunk by together / (together + SHRINKAGE).
 */
export function itemCoOccurrence(interactions: Iterable<Interaction>, shrinkage = CO_OCCURRENCE_SHRINKAGE): ItemCoOccurrence {
  const byOwner = ownerItemWeights(interactions);
  const squaredNorms = new Map<number, number>();
  const owners = new Map<number, number>();
  const buyers = new Map<number, number>();
  const dots = new Map<number, Map<number, { dot: number; together: number }>>();
  for (const items of byOwner.values()) {
    let entries = [...items];
    if (entries.length > MAX_ITEMS_PER_OWNER) {
      entries = entries.sort((left, right) => right[1].weight - left[1].weight || right[1].time - left[1].time || left[0] - right[0]).slice(0, MAX_ITEMS_PER_OWNER);
    }
    for (const [product, { weight, bought }] of entries) {
      squaredNorms.set(product, (squaredNorms.get(product) ?? 0) + weight * weight);
      owners.set(product, (owners.get(product) ?? 0) + 1);
      if (bought) buyers.set(product, (buyers.get(product) ?? 0) + 1);
    }
    for (let left = 0; left < entries.length; left++) {
      const [leftProduct, leftEntry] = entries[left] as [number, OwnerItem];
      for (let right = left + 1; right < entries.length; right++) {
        const [rightProduct, rightEntry] = entries[right] as [number, OwnerItem];
        const product = leftEntry.weight * rightEntry.weight;
        for (const [from, to] of [[leftProduct, rightProduct], [rightProduct, leftProduct]] as const) {
          const row = dots.get(from) ?? new Map<number, { dot: number; together: number }>();
          dots.set(from, row);
          const cell = row.get(to) ?? { dot: 0, together: 0 };
          cell.dot += product;
          cell.together += 1;
          row.set(to, cell);
        }
      }
    }
  }
  const neighbours = new Map<number, Map<number, number>>();
  for (const [from, row] of dots) {
    const similarities = new Map<number, number>();
    for (const [to, { dot, together }] of row) {
      const cosine = dot / Math.sqrt((squaredNorms.get(from) as number) * (squaredNorms.get(to) as number));
      similarities.set(to, cosine * (together / (together + shrinkage)));
    }
    neighbours.set(from, similarities);
  }
  return { neighbours, owners, buyers };
}
