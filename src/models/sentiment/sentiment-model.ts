import { matchAspects } from './aspect-lexicon.ts';
import { WeightedFeatures } from './weighted-features.ts';
import { trainNaiveBayes } from './naive-bayes.ts';
import { NEGATION_PREFIX } from './negation.ts';
import { isOpinionWord, opinionPrior } from './opinion-lexicon.ts';
import { clauseFeatures, reviewFeatures } from './review-tokens.ts';
import { characterNgrams } from './character-ngrams.ts';
import { clauseLexiconScore, lexiconScore } from './lexicon-scorer.ts';

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

/** What the model reads in a text, computed once (tokenising is the slow part). */
export interface ReviewEvidence {
  /** Word unigrams and bigrams with negation marks (reviewFeatures). */
  features: readonly string[];
  /** Character n-grams, for words the word model never saw. */
  characters: readonly string[];
  /** The general opinion lexicon's score (lexicon-scorer.ts). */
  lexicon: number;
}

export function reviewEvidence(text: string): ReviewEvidence {
  return { features: reviewFeatures(text), characters: characterNgrams(text), lexicon: lexiconScore(text) };
}

/** A review prepared for training. */
export interface FeaturizedReview extends ReviewEvidence {
  reviewId: number;
  rating: number;
}

/**
 * How the three views add up, fixed in advance (not fitted to any test set): the word and character models are two
 * views of the same reviews, so each counts half (their evidence would otherwise be counted twice); one lexicon
 * unit counts as LEXICON_WEIGHT log-odds (≈ 7:1), enough that a clear general opinion word outweighs a shop's
 * phrase statistics, not so much that the shop's own strong evidence is ignored.
 */
export const DATA_VIEW_WEIGHT = 0.5;
export const LEXICON_WEIGHT = 2;

export interface SentimentModelOptions {
  /** Add the opinion lexicon's pseudo-counts (default true). */
  lexiconPrior?: boolean;
  /** Add the general opinion lexicon's score and the character n-gram model (default true). */
  general?: boolean;
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
export const GENERAL_MODEL_ID = 'general-lexicon-negation-degree-contrast-v1+character-ngram-naive-bayes';

/** The trained review classifier plus what it was trained on. */
export class SentimentModel {
  constructor(
    readonly classifier: WeightedFeatures,
    readonly training: { reviews: number; positive: number; negative: number; lexiconPrior: boolean },
    /** The character n-gram model; with it, the general lexicon counts too (undefined: the word model alone). */
    readonly characterClassifier?: WeightedFeatures,
  ) {}

  get id(): string {
    if (this.training.reviews === 0) return GENERAL_MODEL_ID.split('+')[0] as string;
    const words = this.training.lexiconPrior ? `${SENTIMENT_MODEL_ID}+opinion-lexicon-prior` : SENTIMENT_MODEL_ID;
    return this.characterClassifier ? `${words} + ${GENERAL_MODEL_ID}` : words;
  }

  /** Log-odds that a review is positive, from what was read in it (reviewEvidence(text)). */
  logOdds(evidence: ReviewEvidence): number {
    if (!this.characterClassifier) return this.classifier.logOdds(evidence.features);
    return this.classifier.logPriorOdds +
      DATA_VIEW_WEIGHT * (this.classifier.evidence(evidence.features) + this.characterClassifier.evidence(evidence.characters)) +
      LEXICON_WEIGHT * evidence.lexicon;
  }

  /** Positive or negative for a whole review. */
  classify(evidence: ReviewEvidence): 'positive' | 'negative' {
    return this.logOdds(evidence) >= 0 ? 'positive' : 'negative';
  }

  /** The probability that a text is positive, 0–1. */
  probabilityPositive(text: string): number {
    return 1 / (1 + Math.exp(-this.logOdds(reviewEvidence(text))));
  }

  /** Positive or negative for a whole review text. */
  classifyText(text: string): 'positive' | 'negative' {
    return this.classify(reviewEvidence(text));
  }

  /**
   * The polarity of one clause (see CLAUSE_EVIDENCE_THRESHOLD) and its evidence, leaving out words that only
   * name an aspect or are function words, and bigrams that contain one ("delivery was").
   */
  clausePolarity(clauseText: string): { polarity: Polarity; evidence: number } {
    const features = clauseFeatures(clauseText).filter((feature) => !feature.split(' ').some(isNeutralToken));
    // With the general model the lexicon judges the clause too, so "质量不太好" is negative even where the shop's
    // reviews mostly praise quality.
    const evidence = this.classifier.evidence(features) + (this.characterClassifier ? LEXICON_WEIGHT * clauseLexiconScore(clauseText) : 0);
    const polarity = evidence >= CLAUSE_EVIDENCE_THRESHOLD ? 'positive' : evidence <= -CLAUSE_EVIDENCE_THRESHOLD ? 'negative' : 'neutral';
    return { polarity, evidence };
  }
}

/**
 * The general model alone, for a shop without enough rated reviews to learn from: the data views have no weights,
 * so the text's label and clause polarities come from the general lexicon (negation, degree, contrast) only.
 */
export function generalSentimentModel(): SentimentModel {
  const untrained = new WeightedFeatures(0, new Map());
  return new SentimentModel(untrained, { reviews: 0, positive: 0, negative: 0, lexiconPrior: false }, untrained);
}

/** Trains on the reviews whose rating is a label (3 stars skipped). */
export function trainSentimentModel(reviews: readonly FeaturizedReview[], options: SentimentModelOptions = {}): SentimentModel {
  const lexiconPrior = options.lexiconPrior ?? true;
  const labelled = reviews.flatMap((review) => {
    const label = ratingLabel(review.rating);
    return label ? [{ review, positive: label === 'positive' }] : [];
  });
  const positive = labelled.filter((document) => document.positive).length;
  const classifier = trainNaiveBayes(labelled.map(({ review, positive: isPositive }) => ({ features: review.features, positive: isPositive })), lexiconPrior ? { prior: opinionPrior() } : {});
  const characterClassifier = (options.general ?? true)
    ? trainNaiveBayes(labelled.map(({ review, positive: isPositive }) => ({ features: review.characters, positive: isPositive })))
    : undefined;
  return new SentimentModel(classifier, { reviews: labelled.length, positive, negative: labelled.length - positive, lexiconPrior }, characterClassifier);
}
