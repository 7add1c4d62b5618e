import type { ReviewRecord } from './load-reviews.ts';
import { ratingLabel, reviewEvidence, type FeaturizedReview } from './sentiment-model.ts';
import { SentimentError } from './sentiment-error.ts';

/** Fewer rated reviews than this per class and the classifier would be mostly guesswork: refuse instead. */
export const MIN_REVIEWS_PER_CLASS = 5;

export function featurizeReviews(reviews: readonly ReviewRecord[]): FeaturizedReview[] {
  return reviews.map((review) => ({ reviewId: review.reviewId, rating: review.rating, ...reviewEvidence(review.text) }));
}

/** Throws a SentimentError that says what is missing when there are too few 1–2 or 4–5 star reviews with text. */
export function checkTrainable(reviews: readonly { rating: number }[]): void {
  let positive = 0;
  let negative = 0;
  for (const review of reviews) {
    const label = ratingLabel(review.rating);
    if (label === 'positive') positive += 1;
    if (label === 'negative') negative += 1;
  }
  if (positive < MIN_REVIEWS_PER_CLASS || negative < MIN_REVIEWS_PER_CLASS) {
    throw new SentimentError(
      `The sentiment model learns from the shop's own rated reviews and needs at least ${MIN_REVIEWS_PER_CLASS} reviews with text rated 1–2 stars ` +
        `and ${MIN_REVIEWS_PER_CLASS} rated 4–5 (this warehouse has ${negative} and ${positive}). Import reviews (shoplens import with a reviews mapping) or seed the demo.`,
      { kind: 'no_data' },
    );
  }
}
