import type { Warehouse } from '../../sql/warehouse.ts';
import { tagAspects, type AspectMention } from './aspect-tagger.ts';
import { checkTrainable, featurizeReviews } from './featurize-reviews.ts';
import { loadReviews, reviewsFingerprint } from './load-reviews.ts';
import { trainSentimentModel, type SentimentModel } from './sentiment-model.ts';

/** A model trained on all of a warehouse's rated reviews, kept until the reviews change. */
export interface TrainedSentiment {
  model: SentimentModel;
  fingerprint: string;
  /** Reviews with text in the warehouse when it was trained. */
  reviewsWithText: number;
  trainingSeconds: number;
  /** Per review id, filled as reviews are analysed (the model is fixed, so the analysis never changes). */
  analyses: Map<number, ReviewAnalysis>;
}

const trained = new WeakMap<Warehouse, Promise<TrainedSentiment>>();

async function train(warehouse: Warehouse, fingerprint: string): Promise<TrainedSentiment> {
  const started = performance.now();
  const reviews = await loadReviews(warehouse);
  checkTrainable(reviews);
  const model = trainSentimentModel(featurizeReviews(reviews));
  return { model, fingerprint, reviewsWithText: reviews.length, trainingSeconds: (performance.now() - started) / 1000, analyses: new Map() };
}

/**
 * The sentiment model of this warehouse, trained on first use from every 1–2 and 4–5 star review with text
 * (a few hundred ms on the default demo) and retrained when the reviews' fingerprint changes.
 */
export async function sentimentModelFor(warehouse: Warehouse): Promise<TrainedSentiment> {
  const fingerprint = await reviewsFingerprint(warehouse);
  const existing = trained.get(warehouse);
  if (existing) {
    const state = await existing.catch(() => undefined);
    if (state?.fingerprint === fingerprint) return state;
  }
  const pending = train(warehouse, fingerprint);
  trained.set(warehouse, pending);
  // A failed training must not stay cached: the next call should try again and report the real error.
  pending.catch(() => trained.delete(warehouse));
  return pending;
}

/** What the model makes of one review: its overall polarity and its aspect mentions clause by clause. */
export interface ReviewAnalysis {
  sentiment: 'positive' | 'negative';
  mentions: AspectMention[];
}

/** The analysis of one review under the trained model, computed once per review. */
export function analyseReview(state: TrainedSentiment, review: { reviewId: number; text: string }): ReviewAnalysis {
  let analysis = state.analyses.get(review.reviewId);
  if (!analysis) {
    analysis = { sentiment: state.model.classifyText(review.text), mentions: tagAspects(review.text, state.model) };
    state.analyses.set(review.reviewId, analysis);
  }
  return analysis;
}
