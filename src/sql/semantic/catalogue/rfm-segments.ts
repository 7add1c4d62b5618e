export interface RfmSegmentDefinition {
  id: string;
  name_en: string;
  name_zh: string;
  rule_en: string;
  rule_zh: string;
  action_en: string;
  action_zh: string;
}

/**
 * Named RFM segments on (R, FM) where FM = (F + M) / 2 rounded half up: frequency and money together say
 * how valuable a customer has been, recency says whether they are still around. The 25 (R, FM) cells are
 * covered exactly once; 'prospects' are users with no paid order (no scores). Order = display order.
 */
export const RFM_SEGMENTS = [
  { id: 'champions', name_en: 'Champions', name_zh: '冠军客户', rule_en: 'R = 5, FM 4–5', rule_zh: 'R=5，FM 4–5', action_en: 'reward them, early access, ask for reviews', action_zh: '给予回馈与新品优先权，邀请评价' },
  { id: 'loyal', name_en: 'Loyal', name_zh: '忠诚客户', rule_en: 'R 3–4, FM 4–5', rule_zh: 'R 3–4，FM 4–5', action_en: 'upsell higher-value products, membership', action_zh: '推荐更高价值商品，会员计划' },
  { id: 'potential_loyalists', name_en: 'Potential loyalists', name_zh: '潜力客户', rule_en: 'R 4–5, FM 2–3', rule_zh: 'R 4–5，FM 2–3', action_en: 'loyalty programme, recommend related products', action_zh: '引导加入会员，推荐关联商品' },
  { id: 'new', name_en: 'New customers', name_zh: '新客户', rule_en: 'R = 5, FM = 1', rule_zh: 'R=5，FM=1', action_en: 'onboarding, second-order coupon', action_zh: '新客引导，发放复购券' },
  { id: 'promising', name_en: 'Promising', name_zh: '有潜力的新客', rule_en: 'R = 4, FM = 1', rule_zh: 'R=4，FM=1', action_en: 'build brand awareness, free trials', action_zh: '提升品牌认知，试用装' },
  { id: 'need_attention', name_en: 'Need attention', name_zh: '需要关注', rule_en: 'R = 3, FM = 3', rule_zh: 'R=3，FM=3', action_en: 'limited-time offers based on past purchases', action_zh: '基于历史购买推送限时优惠' },
  { id: 'about_to_sleep', name_en: 'About to sleep', name_zh: '即将沉睡', rule_en: 'R = 3, FM 1–2', rule_zh: 'R=3，FM 1–2', action_en: 'reactivate with popular products and discounts', action_zh: '用热销商品和折扣唤醒' },
  { id: 'cannot_lose', name_en: 'Cannot lose them', name_zh: '不能流失的客户', rule_en: 'R 1–2, FM = 5', rule_zh: 'R 1–2，FM=5', action_en: 'win them back personally, talk to them', action_zh: '一对一挽回，主动沟通' },
  { id: 'at_risk', name_en: 'At risk', name_zh: '有流失风险', rule_en: 'R 1–2, FM 3–4', rule_zh: 'R 1–2，FM 3–4', action_en: 'personalised win-back e-mails and offers', action_zh: '个性化召回消息与优惠' },
  { id: 'hibernating', name_en: 'Hibernating', name_zh: '沉睡客户', rule_en: 'R 1–2, FM 1–2 (except R = 1 and FM = 1)', rule_zh: 'R 1–2，FM 1–2（R=1 且 FM=1 除外）', action_en: 'offer other relevant products, special discounts', action_zh: '推荐其他相关商品，特别折扣' },
  { id: 'lost', name_en: 'Lost', name_zh: '已流失', rule_en: 'R = 1, FM = 1', rule_zh: 'R=1，FM=1', action_en: 'only cheap reach-out campaigns; ignore otherwise', action_zh: '仅做低成本召回，否则不再投入' },
  { id: 'prospects', name_en: 'Prospects (no paid order)', name_zh: '潜在客户（未购买）', rule_en: 'active but never paid for an order', rule_zh: '有行为但从未支付订单', action_en: 'first-order incentives, retarget viewed products', action_zh: '首单激励，针对浏览商品再营销' },
] as const satisfies readonly RfmSegmentDefinition[];

export type RfmSegmentId = (typeof RFM_SEGMENTS)[number]['id'];

export const RFM_SEGMENT_BY_ID: ReadonlyMap<string, RfmSegmentDefinition> = new Map(RFM_SEGMENTS.map((segment) => [segment.id, segment]));

/** Chinese display names by stored segment id: what the semantic layer can use as value labels. */
export const RFM_SEGMENT_NAMES_ZH: Readonly<Record<string, string>> = Object.fromEntries(RFM_SEGMENTS.map((segment) => [segment.id, segment.name_zh]));

/** FM = (F + M) / 2 rounded half up, so 1.5 → 2 and 4.5 → 5. */
export function frequencyMonetaryScore(frequencyScore: number, monetaryScore: number): number {
  return Math.floor((frequencyScore + monetaryScore) / 2 + 0.5);
}

/** The segment of a buyer with scores 1–5; the rules are the ones listed in RFM_SEGMENTS. */
export function rfmSegmentOf(recencyScore: number, frequencyScore: number, monetaryScore: number): RfmSegmentId {
  const r = recencyScore;
  const fm = frequencyMonetaryScore(frequencyScore, monetaryScore);
  if (r === 5) return fm >= 4 ? 'champions' : fm >= 2 ? 'potential_loyalists' : 'new';
  if (r === 4) return fm >= 4 ? 'loyal' : fm >= 2 ? 'potential_loyalists' : 'promising';
  if (r === 3) return fm >= 4 ? 'loyal' : fm === 3 ? 'need_attention' : 'about_to_sleep';
  if (fm === 5) return 'cannot_lose';
  if (fm >= 3) return 'at_risk';
  return r === 1 && fm === 1 ? 'lost' : 'hibernating';
}
