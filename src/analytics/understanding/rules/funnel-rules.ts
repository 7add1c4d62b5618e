import { type PhraseRule, type RuleSet, ruleMatches } from './phrase-rule.ts';

/**
 * Funnels asked for without the word "funnel": steps named with a word about each step or where people are lost
 * ("浏览→收藏→购买 各环节转化率", "where do we lose most users between view and purchase"), or three steps counted in
 * people ("how many users viewed, added to cart and bought"). They were read as a metric of one step (UV, PV and
 * buyers), a confident answer to another question. Each record needs at least `minSteps` event steps named.
 */
export interface FunnelSignal {
  minSteps: number;
}

export const FUNNEL_RULES: readonly PhraseRule<FunnelSignal>[] = [
  {
    id: 'each-step',
    meaning: { minSteps: 0 },
    zh: ['各个?环节', '每个?环节', '哪个环节', '哪一?步', '每一步', '各步', '逐步'],
    en: ['each step', 'every step', 'which step', 'step by step', 'each stage', 'which stage', 'step[- ]to[- ]step'],
    examples: {
      match: ['浏览→收藏→购买 各环节转化率', '从浏览到购买哪一步流失最多', 'conversion at each step from view to purchase', 'which stage loses the most users'],
      noMatch: ['上周的转化率', 'conversion rate by channel', '一步到位'],
    },
  },
  {
    id: 'drop-off',
    meaning: { minSteps: 2 },
    zh: ['流失(?!率)', '掉了?多少', '损失了?多少人'],
    en: ['drop[- ]?offs?', 'drop(?:s|ped)? off', 'lose', 'losing', 'lost', 'leak(?:s|age)?'],
    examples: {
      match: ['浏览到购买流失了多少人', 'where do we lose most users between view and purchase', 'drop-off from cart to purchase'],
      noMatch: ['购物车流失率', 'cart abandonment rate', 'GMV dropped last week'],
    },
  },
  {
    id: 'conversion-through-three-steps',
    meaning: { minSteps: 3 },
    zh: ['转化', '流程'],
    en: ['conversion', 'convert(?:s|ed)?', 'flow'],
    examples: {
      match: ['上周从浏览到收藏再到购买的转化', 'conversion from view to cart to purchase'],
      noMatch: ['上周的GMV', 'orders by device'],
    },
  },
  {
    id: 'people-at-three-steps',
    meaning: { minSteps: 3 },
    zh: ['多少人', '多少用户', '人数', '用户数', '访客'],
    en: ['users', 'people', 'shoppers', 'visitors', 'customers'],
    examples: {
      match: ['how many users viewed, added to cart and bought in November', '浏览、加购、购买的人数分别是多少'],
      noMatch: ['views, carts and purchases by day', '浏览量、加购次数和订单数'],
    },
  },
];

export const FUNNEL_RULE_SET: RuleSet<FunnelSignal> = { name: 'funnels without the word', rules: FUNNEL_RULES, matches: ruleMatches };

/** True when the question asks for a funnel through its steps without naming one. */
export function impliesFunnel(normalizedText: string, eventSteps: number): boolean {
  return FUNNEL_RULES.some((rule) => eventSteps >= rule.meaning.minSteps && ruleMatches(rule, normalizedText));
}
