import { matchAspects } from './aspect-lexicon.ts';
import type { WeightedFeatures } from './weighted-features.ts';
import { trainNaiveBayes } from './naive-bayes.ts';
import { NEGATION_PREFIX } from './negation.ts';
import { isOpinionWord, opinionPrior } from './opinion-lexicon.ts';
import { clauseFeatures, reviewFeatures } from './review-tokens.ts';

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
 * passes ±CLAUSE_EVIDENCE_THRESHOLD, i.e. its words are at least e^0.5 ≈ 1.65 times likelier under one class;
 * otherwise neutral. The prior is left out so a clause with no opinion words ("收到了") is not called positive
 * just because most reviews are. 0.5 agreed best with star ratings on the default demo (see the docs).
 */
export const CLAUSE_EVIDENCE_THRESHOLD = 0.5;

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

/**
 * Function words carry no opinion but pick up a polarity from the phrases they happen to sit in ("was" from
 * "delivery was slow"), so clause polarity ignores them too.
 */
const FUNCTION_WORDS = new Set([
  'the', 'a', 'an', 'is', 'was', 'are', 'were', 'be', 'been', 'it', 'its', "it's", 'this', 'that', 'these', 'those', 'and', 'or',
  'of', 'to', 'for', 'in', 'on', 'at', 'with', 'my', 'i', 'me', 'we', 'you', 'they', 'has', 'have', 'had', 'so', 'as', 'after',
  '的', '了', '也', '是', '就', '都', '还', '这个', '这', '我', '你', '他', '她', '它', '吧', '呢', '啊', '吗',
]);

const neutralTokens = new Map<string, boolean>();

/**
 * Whether a token is a function word or only names what a clause is about (质量, delivery) without judging it.
 * Aspect words pick up a polarity from how often they appear in good or bad reviews (质量 is mostly praised in
 * the demo), which would drown "质量不好" in the praise of other reviews, so clause polarity ignores them.
 * Opinion words that also name an aspect (偏贵, 好吃) still count.
 */
function isNeutralToken(token: string): boolean {
  let known = neutralTokens.get(token);
  if (known === undefined) {
    const word = token.startsWith(NEGATION_PREFIX) ? token.slice(NEGATION_PREFIX.length) : token;
    known = FUNCTION_WORDS.has(word) || (!isOpinionWord(word) && matchAspects(word).length > 0);
    neutralTokens.set(token, known);
  }
  return known;
}

export const SENTIMENT_MODEL_ID = 'naive-bayes-binary-ngram-negation-v1';

/** The trained review classifier plus what it was trained on. */
export class SentimentModel {
  constructor(
    readonly classifier: WeightedFeatures,
    readonly training: { reviews: number; positive: number; negative: number; lexiconPrior: boolean },
  ) {}

  get id(): string {
    return this.training.lexiconPrior ? `${SENTIMENT_MODEL_ID}+opinion-lexicon-prior` : SENTIMENT_MODEL_ID;
  }

  /** Positive or negative for a whole review, from its features (reviewFeatures(text)). */
  classifyFeatures(features: readonly string[]): 'positive' | 'negative' {
    return this.classifier.logOdds(features) >= 0 ? 'positive' : 'negative';
  }

  /** Positive or negative for a whole review text. */
  classifyText(text: string): 'positive' | 'negative' {
    return this.classifyFeatures(reviewFeatures(text));
  }

  /**
   * The polarity of one clause (see CLAUSE_EVIDENCE_THRESHOLD) and its evidence, leaving out words that only
   * name an aspect or are function words, and bigrams that contain one ("delivery was").
   */
  clausePolarity(clauseText: string): { polarity: Polarity; evidence: number } {
    const features = clauseFeatures(clauseText).filter((feature) => !feature.split(' ').some(isNeutralToken));
    const evidence = this.classifier.evidence(features);
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
