export type InteractionKind = 'purchase' | 'cart' | 'fav' | 'view';

/** One (owner, product, kind) with the time of its latest occurrence (epoch milliseconds). */
export interface Interaction {
  /** Whose basket of interests: 'u<user_id>' for a shopper, 'o<order_id>' for a guest order (no user). */
  owner: string;
  productId: number;
  kind: InteractionKind;
  time: number;
}

/**
 * How much an interaction says that its owner wants a product, for co-occurrence: a purchase counts fully,
 * a cart or favourite half. Views are left out of co-occurrence: they are many and mostly say "browsed the
 * category", which the title similarity already covers.
 */
export const CO_OCCURRENCE_WEIGHTS: Readonly<Partial<Record<InteractionKind, number>>> = { purchase: 1, cart: 0.5, fav: 0.5 };

/** How much a shopper's own interaction counts as a seed for their recommendations (before recency decay). */
export const SEED_WEIGHTS: Readonly<Record<InteractionKind, number>> = { purchase: 1, cart: 0.7, fav: 0.6, view: 0.3 };

export function ownerOfUser(userId: number): string {
  return `u${userId}`;
}
