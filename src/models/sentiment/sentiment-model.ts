import { trainNaiveBayes, type NaiveBayesClassifier } from './naive-bayes.ts';
import { opinionPrior } from './opinion-lexicon.ts';
import { clauseFeatures } from './review-tokens.ts';

export type Polarity = 'positive' | 'negative' | 'neutral';

/**
 * Ratings as weak labels: 1–2 stars negative, 4–5 positive. 3 stars is left out of training and of the
 * held-out scores (a 3-star text is as often a mixed opinion as a mild one, so it would blur both classes).
 */
export function ratingLabel(rating: number): 'positive' | 'negative' | undefined {
  if (rating <= 2) return 'negative';
  if (rating >= 4) return 'positive';
  return undefined;
}

/**
 * A clause is positive or negative only when its own evidence (log-likelihood ratio, without the class prior)
 * passes ±CLAUSE_EVIDENCE_THRESHOLD, i.e. its words are at least e ≈ 2.7 times likelier under one class;
 * otherwise neutral. The prior is left out so a clause with no opinion words ("收到了") is not called positive
 * just because most reviews are.
 */
export const CLAUSE_EVIDENCE_THRESHOLD = 1;

/** A review prepared for training: its features computed once (tokenising is the slow part). */
export interface FeaturizedReview {
  reviewId: number;
  rating: number;
  features: readonly string[];
}

export interface SentimentModelOptions {
  /** Add the opinion lexicon's pseudo-counts (default true). */
  lexiconPrior?: boolean;
}

export const SENTIMENT_MODEL_ID = 'naive-bayes-binary-ngram-negation-v1';

/** The trained review classifier plus what it was trained on. */
export class SentimentModel {
  constructor(
    readonly classifier: NaiveBayesClassifier,
    readonly training: { reviews: number; positive: number; negative: number; lexiconPrior: boolean },
  ) {}

  get id(): string {
    return this.training.lexiconPrior ? `${SENTIMENT_MODEL_ID}+opinion-lexicon-prior` : SENTIMENT_MODEL_ID;
  }

  /** Positive or negative for a whole review, from its features (reviewFeatures(text)). */
  classifyFeatures(features: readonly string[]): 'positive' | 'negative' {
    return this.classifier.logOdds(features) >= 0 ? 'positive' : 'negative';
  }

  /** The polarity of one clause (see CLAUSE_EVIDENCE_THRESHOLD) and its evidence. */
  clausePolarity(clauseText: string): { polarity: Polarity; evidence: number } {
    const evidence = this.classifier.evidence(clauseFeatures(clauseText));
    const polarity = evidence >= CLAUSE_EVIDENCE_THRESHOLD ? 'positive' : evidence <= -CLAUSE_EVIDENCE_THRESHOLD ? 'negative' : 'neutral';
    return { polarity, evidence };
  }
}

/** Trains on the reviews whose rating is a label (3 stars skipped). */
export function trainSentimentModel(reviews: readonly FeaturizedReview[], options: SentimentModelOptions = {}): SentimentModel {
  const lexiconPrior = options.lexiconPrior ?? true;
  const documents = reviews.flatMap((review) => {
    const label = ratingLabel(review.rating);
    return label ? [{ features: review.features, positive: label === 'positive' }] : [];
  });
  const positive = documents.filter((document) => document.positive).length;
  const classifier = trainNaiveBayes(documents, lexiconPrior ? { prior: opinionPrior() } : {});
  return new SentimentModel(classifier, { reviews: documents.length, positive, negative: documents.length - positive, lexiconPrior });
}
