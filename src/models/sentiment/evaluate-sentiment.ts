import type { Warehouse } from '../../sql/warehouse.ts';
import type { ModelReport } from '../model-report.ts';
import { aspectById, ASPECT_LEXICON_ID, ASPECTS } from './aspect-lexicon.ts';
import { tagAspects } from './aspect-tagger.ts';
import { binaryClassificationMetrics, type BinaryClassificationMetrics } from './classification-metrics.ts';
import { checkTrainable, featurizeReviews } from './featurize-reviews.ts';
import { loadReviews } from './load-reviews.ts';
import { scoreRealStyle } from './real-style-reviews.ts';
import { isHeldOutReview } from './review-split.ts';
import { ratingLabel, trainSentimentModel, type FeaturizedReview, type SentimentModel } from './sentiment-model.ts';

function round(value: number, digits = 4): number {
  return Number(value.toFixed(digits));
}

function score(model: SentimentModel, reviews: readonly FeaturizedReview[]): BinaryClassificationMetrics {
  return binaryClassificationMetrics(reviews.map((review) => ({
    actual: ratingLabel(review.rating) === 'positive',
    predicted: model.classify(review) === 'positive',
  })));
}

function percent(value: number): string {
  return `${(value * 100).toFixed(1)}%`;
}

/**
 * Trains the review classifier on the reviews outside the held-out 20% (split by review-id hash) and scores
 * it there against the majority-class baseline and against the same model without the opinion-lexicon prior.
 * 3-star reviews are neither trained on nor scored. Also reports how many reviews the aspect lexicon covers.
 */
export async function evaluateSentiment(warehouse: Warehouse): Promise<ModelReport> {
  const loadStarted = performance.now();
  const reviews = await loadReviews(warehouse);
  checkTrainable(reviews);
  const loadSeconds = (performance.now() - loadStarted) / 1000;

  const featurizeStarted = performance.now();
  const featurized = featurizeReviews(reviews);
  const featurizeSeconds = (performance.now() - featurizeStarted) / 1000;

  const training = featurized.filter((review) => !isHeldOutReview(review.reviewId));
  const heldOut = featurized.filter((review) => isHeldOutReview(review.reviewId) && ratingLabel(review.rating) !== undefined);
  checkTrainable(training);

  const trainStarted = performance.now();
  const model = trainSentimentModel(training);
  const trainSeconds = (performance.now() - trainStarted) / 1000;
  const dataOnly = trainSentimentModel(training, { lexiconPrior: false, general: false });
  const wordsOnly = trainSentimentModel(training, { general: false });

  const scoreStarted = performance.now();
  const metrics = score(model, heldOut);
  const scoreSeconds = (performance.now() - scoreStarted) / 1000;
  const dataOnlyMetrics = score(dataOnly, heldOut);
  const majorityPositive = model.training.positive >= model.training.negative;
  const baseline = binaryClassificationMetrics(heldOut.map((review) => ({ actual: ratingLabel(review.rating) === 'positive', predicted: majorityPositive })));

  const byLanguage = new Map<string, FeaturizedReview[]>();
  const languageOf = new Map(reviews.map((review) => [review.reviewId, review.language ?? 'unknown']));
  for (const review of heldOut) {
    const language = languageOf.get(review.reviewId) ?? 'unknown';
    const list = byLanguage.get(language);
    if (list) list.push(review);
    else byLanguage.set(language, [review]);
  }

  const aspectStarted = performance.now();
  const heldOutTexts = reviews.filter((review) => isHeldOutReview(review.reviewId));
  const mentions = heldOutTexts.map((review) => tagAspects(review.text, model));
  const aspectSeconds = (performance.now() - aspectStarted) / 1000;
  const covered = mentions.filter((list) => list.length > 0).length;
  const clauseMentions = mentions.flat();
  const negativeByAspect = new Map<string, number>();
  for (const mention of clauseMentions) if (mention.polarity === 'negative') negativeByAspect.set(mention.aspect, (negativeByAspect.get(mention.aspect) ?? 0) + 1);
  const topNegative = [...negativeByAspect].sort((left, right) => right[1] - left[1]).slice(0, 5);
  // Agreement of clause polarity with the star rating, on reviews whose clauses all share one polarity.
  let agreeing = 0;
  let comparable = 0;
  heldOutTexts.forEach((review, index) => {
    const label = ratingLabel(review.rating);
    const polarities = new Set((mentions[index] ?? []).map((mention) => mention.polarity).filter((polarity) => polarity !== 'neutral'));
    if (!label || polarities.size !== 1) return;
    comparable += 1;
    if (polarities.has(label)) agreeing += 1;
  });

  const realStyle = scoreRealStyle(model);
  const wordsOnlyRealStyle = scoreRealStyle(wordsOnly);
  const wordsOnlyMetrics = score(wordsOnly, heldOut);
  const lexiconOnly = binaryClassificationMetrics(heldOut.map((review) => ({ actual: ratingLabel(review.rating) === 'positive', predicted: review.lexicon >= 0 })));
  const threeStar = reviews.filter((review) => review.rating === 3).length;
  return {
    model: `${model.id} + aspect lexicon ${ASPECT_LEXICON_ID}`,
    trainedOn: `${training.length} reviews with text in the training split of ${warehouse.path} (${model.training.reviews} rated 1–2 or 4–5: ${model.training.negative} negative, ${model.training.positive} positive; 3 stars left out), ` +
      `scored on ${heldOut.length} held-out rated reviews (review-id hash, 20%)`,
    metrics: {
      held_out_reviews: heldOut.length,
      accuracy: round(metrics.accuracy),
      macro_precision: round(metrics.macroPrecision),
      macro_recall: round(metrics.macroRecall),
      macro_f1: round(metrics.macroF1),
      negative_precision: round(metrics.negative.precision),
      negative_recall: round(metrics.negative.recall),
      positive_precision: round(metrics.positive.precision),
      positive_recall: round(metrics.positive.recall),
      baseline_accuracy: round(baseline.accuracy),
      baseline_macro_f1: round(baseline.macroF1),
      data_only_accuracy: round(dataOnlyMetrics.accuracy),
      data_only_macro_f1: round(dataOnlyMetrics.macroF1),
      ...Object.fromEntries([...byLanguage].map(([language, list]) => [`accuracy_${language}`, round(score(model, list).accuracy)])),
      real_style_reviews: realStyle.all.cases,
      real_style_accuracy: round(realStyle.all.accuracy),
      real_style_macro_f1: round(realStyle.all.macroF1),
      real_style_accuracy_zh: round(realStyle.byLanguage.zh.accuracy),
      real_style_accuracy_en: round(realStyle.byLanguage.en.accuracy),
      words_only_accuracy: round(wordsOnlyMetrics.accuracy),
      words_only_real_style_accuracy: round(wordsOnlyRealStyle.all.accuracy),
      lexicon_only_accuracy: round(lexiconOnly.accuracy),
      vocabulary: model.classifier.vocabularySize,
      aspect_coverage_share: round(heldOutTexts.length === 0 ? 0 : covered / heldOutTexts.length),
      aspect_polarity_rating_agreement: round(comparable === 0 ? 0 : agreeing / comparable),
      load_seconds: round(loadSeconds, 3),
      featurize_seconds: round(featurizeSeconds, 3),
      train_seconds: round(trainSeconds, 3),
      score_seconds: round(scoreSeconds, 3),
      aspect_tagging_seconds: round(aspectSeconds, 3),
    },
    details: [
      `Held-out accuracy ${percent(metrics.accuracy)} and macro F1 ${metrics.macroF1.toFixed(3)} against the majority baseline ("always ${majorityPositive ? 'positive' : 'negative'}") ${percent(baseline.accuracy)} / ${baseline.macroF1.toFixed(3)}.`,
      `Negative reviews: precision ${percent(metrics.negative.precision)}, recall ${percent(metrics.negative.recall)} (${metrics.negative.support} held out).`,
      `On ${realStyle.all.cases} real-style reviews written in JD/Taobao and Amazon styles (never trained on): accuracy ${percent(realStyle.all.accuracy)} (zh ${percent(realStyle.byLanguage.zh.accuracy)}, en ${percent(realStyle.byLanguage.en.accuracy)}), macro F1 ${realStyle.all.macroF1.toFixed(3)}.`,
      `The word model alone (before the general lexicon and character n-grams): held-out accuracy ${percent(wordsOnlyMetrics.accuracy)}, real-style ${percent(wordsOnlyRealStyle.all.accuracy)}; the general lexicon alone: held-out ${percent(lexiconOnly.accuracy)}.`,
      `Without the opinion-lexicon prior, lexicon or character n-grams: accuracy ${percent(dataOnlyMetrics.accuracy)}, macro F1 ${dataOnlyMetrics.macroF1.toFixed(3)}.`,
      'Labels are star ratings (weak labels): a rating that contradicts its text counts as an error of the model, so the ceiling is below 100%.',
      `${threeStar} reviews with 3 stars were not used for training or scoring.`,
      `Aspect lexicon (${ASPECTS.length} aspects) tags ${percent(heldOutTexts.length === 0 ? 0 : covered / heldOutTexts.length)} of held-out reviews; clause polarity agrees with the star rating in ${percent(comparable === 0 ? 0 : agreeing / comparable)} of single-polarity reviews.`,
      `Most negative held-out aspect mentions: ${topNegative.map(([aspect, count]) => `${aspectById(aspect)?.label_en ?? aspect} ${count}`).join(', ') || 'none'}.`,
    ],
  };
}
