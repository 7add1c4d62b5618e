import { featureHash } from '../embeddings/feature-hash.ts';

/** One review in HELD_OUT_BUCKETS is held out for scoring (20%). */
export const HELD_OUT_BUCKETS = 5;

/**
 * Deterministic train / held-out split by a hash of the review id: the same review always lands on the same
 * side, whatever the row order or the size of the warehouse, so re-running an evaluation scores the same reviews.
 */
export function isHeldOutReview(reviewId: number): boolean {
  return featureHash(`review:${reviewId}`) % HELD_OUT_BUCKETS === 0;
}
