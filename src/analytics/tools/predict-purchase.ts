import { z } from 'zod';
import type { ResultColumn } from '../../presentation/result-table.ts';
import { defineTool } from '../../agent/tool.ts';
import { addDays } from '../../models/forecast/calendar-days.ts';
import { reasonText } from '../../models/propensity/explain-prediction.ts';
import { findLikelyBuyers } from '../../models/propensity/likely-buyers.ts';
import { CITY_TIER_IDS, DEVICE_IDS } from '../../models/propensity/propensity-features.ts';
import { MODEL_NAMES, PROPENSITY_MODEL_KINDS } from '../../models/propensity/propensity-model.ts';

export const predictPurchaseParameters = z.object({
  horizon_days: z.number().int().min(1).max(30).default(7).describe('predict a paid order within this many days after the data\'s latest date'),
  top_k: z.number().int().min(1).max(200).default(20).describe('how many of the most likely buyers to list'),
  city_tier: z.enum(CITY_TIER_IDS).optional().describe('only users in this city tier: tier1 一线, new_tier1 新一线, tier2, tier3, tier4'),
  category: z.string().trim().min(1).optional().describe('only users who browsed, carted, favourited or bought this category in the last 30 days, English or Chinese name (e.g. Headphones or 耳机)'),
  device: z.enum(DEVICE_IDS).optional().describe('only users whose preferred device is this one'),
  model: z.enum(['auto', ...PROPENSITY_MODEL_KINDS]).default('auto').describe('auto: the model with the higher AUC on the later evaluation window'),
});


const COLUMNS: ResultColumn[] = [
  { id: 'rank', label_en: 'Rank', label_zh: '排名', unit: 'number', role: 'dimension' },
  { id: 'user_id', label_en: 'User id', label_zh: '用户 ID', unit: 'text', role: 'dimension' },
  { id: 'probability', label_en: 'Purchase probability', label_zh: '购买概率', unit: 'ratio', role: 'metric' },
  { id: 'reason_1', label_en: 'Top reason', label_zh: '首要原因', unit: 'text', role: 'dimension' },
  { id: 'reason_2', label_en: 'Second reason', label_zh: '次要原因', unit: 'text', role: 'dimension' },
];

const round = (value: number, digits = 4): number => Number(value.toFixed(digits));

export const predictPurchaseTool = defineTool({
  name: 'predict_purchase',
  description: [
    'Purchase propensity: which shoppers are most likely to pay for an order in the next horizon_days (default 7) after the data\'s',
    'latest date. Returns the top_k user ids (ids only, no personal data) with probability and the three features that push each',
    'score up or down, in words (the top two as columns reason_1, reason_2); optional filters city_tier, category interest, device. Also returns how well the model did on a',
    'time split (trained on an earlier cutoff, tested on later purchases): AUC, precision, recall, F1 and the base rate. Models:',
    'logistic regression and gradient-boosted trees on browsing, purchase, interaction and profile features. Use for',
    '"who will buy next week", "高购买意向用户", "最可能下单的用户".',
  ].join(' '),
  parameters: predictPurchaseParameters,
  async execute(argumentsValue, context) {
    const parameters = predictPurchaseParameters.parse(argumentsValue);
    const result = await findLikelyBuyers(context.warehouse, context.asOf, {
      horizonDays: parameters.horizon_days,
      topK: parameters.top_k,
      cityTier: parameters.city_tier,
      category: parameters.category,
      device: parameters.device,
      model: parameters.model,
      onProgress: context.onProgress,
      signal: context.signal,
    });
    const evaluation = result.trained.evaluation;
    const used = evaluation.models[result.kind];
    const chinese = context.language === 'zh';
    const otherKind = PROPENSITY_MODEL_KINDS.find((kind) => kind !== result.kind) ?? result.kind;
    return {
      as_of: context.asOf,
      horizon_days: parameters.horizon_days,
      prediction_window: { start: addDays(context.asOf, 1), end: addDays(context.asOf, parameters.horizon_days) },
      filters: {
        city_tier: parameters.city_tier ?? null,
        category: result.category ? (chinese ? result.category.zh ?? result.category.en : result.category.en) : null,
        device: parameters.device ?? null,
      },
      model: {
        kind: result.kind,
        name: chinese ? MODEL_NAMES[result.kind].zh : MODEL_NAMES[result.kind].en,
        chosen: parameters.model === 'auto' ? 'higher evaluation AUC' : 'requested',
        trained_on_cutoff: evaluation.split.evaluationCutoff,
        reused: result.reused,
        training_seconds: round(result.trained.seconds, 2),
      },
      evaluation: {
        train_cutoff: evaluation.split.trainCutoff,
        evaluation_cutoff: evaluation.split.evaluationCutoff,
        evaluation_users: evaluation.evaluationUsers,
        base_rate: round(evaluation.evaluationBaseRate),
        auc: round(used.auc),
        precision: round(used.precision),
        recall: round(used.recall),
        f1: round(used.f1),
        accuracy: round(used.accuracy),
        threshold_rule: 'flag the top training-base-rate share of users by score',
        other_model: { kind: otherKind, auc: round(evaluation.models[otherKind].auc) },
      },
      candidates: result.candidates,
      expected_buyers: round(result.expectedBuyers, 1),
      columns: COLUMNS,
      rows: result.buyers.map((buyer, index) => ({
        rank: index + 1,
        user_id: buyer.userId,
        probability: round(buyer.probability),
        // The two strongest reasons, one per column (a table cell holds one thing); all of them stay in reason_details.
        reason_1: buyer.reasons[0] ? reasonText(buyer.reasons[0], context.language) : null,
        reason_2: buyer.reasons[1] ? reasonText(buyer.reasons[1], context.language) : null,
        reason_details: buyer.reasons.map((reason) => ({ feature: reason.feature, direction: reason.direction, contribution: round(reason.contribution), text_en: reason.text_en, text_zh: reason.text_zh })),
      })),
      note: result.candidates === 0 ? 'No user matches these filters. Drop or widen a filter (city_tier, category, device).' : undefined,
    };
  },
});
