import type { FeaturePrior } from './naive-bayes.ts';
import { isNegatorWord, NEGATION_PREFIX } from './negation.ts';
import { clauseFeatures } from './review-tokens.ts';

/**
 * A small bilingual opinion lexicon. It is not the classifier: it only adds a few pseudo-documents per word
 * (OPINION_PRIOR_COUNT) before training, so a shop with few reviews still knows that 差 is bad and 好 good.
 * With thousands of reviews the shop's own data outweighs it. Words whose polarity depends on what they
 * describe are left out ("fast" delivery is good, a battery that drains "fast" is not; 很快 likewise).
 */
export const OPINION_LEXICON = {
  positive: [
    '好', '很好', '不错', '满意', '喜欢', '推荐', '好评', '值得', '划算', '实惠', '便宜', '及时', '耐心', '舒服', '舒适',
    '精致', '精美', '结实', '清晰', '流畅', '新鲜', '好吃', '好看', '合适', '给力', '完美', '漂亮', '超值', '回购', '惊喜', '耐用',
    '正品', '柔软', '严实', '完好', '好用', '优秀', '棒', '赞', '周到', '扎实', '保湿', '透气', '显白', '很脆',
    'good', 'great', 'excellent', 'love', 'perfect', 'recommend', 'recommended', 'happy', 'helpful',
    'comfortable', 'comfy', 'soft', 'fresh', 'delicious', 'tasty', 'sharp', 'smooth', 'smoothly', 'solid', 'sturdy', 'worth',
    'nice', 'beautiful', 'satisfied', 'amazing', 'accurate', 'durable', 'flattering', 'patient', 'best',
  ],
  negative: [
    '差', '很差', '差评', '失望', '垃圾', '慢', '太慢', '贵', '偏贵', '坏了', '破损', '粗糙', '廉价', '一般', '难吃', '难用', '异味',
    '刺鼻', '卡顿', '发热', '发烫', '过敏', '起球', '掉色', '褪色', '开胶', '断连', '漏光', '杂音', '退货', '后悔', '糟糕', '敷衍',
    '缩水', '受潮', '过期', '磨脚', '简陋', '压扁', '油腻', '坑', '偏大', '偏小', '线头', '坏点', '掉帧', '掉电', '掉线',
    '断开', '甜腻', '太咸', '甲醛',
    'bad', 'poor', 'terrible', 'awful', 'slow', 'cheap', 'broken', 'broke', 'damaged', 'crushed', 'disappointed', 'disappointing',
    'overpriced', 'pricey', 'expensive', 'stale', 'bland', 'salty', 'greasy', 'unhelpful', 'hassle', 'lag', 'lags', 'muddy',
    'hiss', 'weak', 'dim', 'faded', 'shrank', 'peeling', 'stiff', 'uncomfortable', 'thin', 'flimsy', 'refund', 'waste', 'worst',
    'defective', 'useless', 'rude', 'pills', 'unglued', 'expired', 'breakout', 'disconnecting', 'disconnects', 'overheating',
    'overheats', 'bleed', 'bleeds',
  ],
} as const;

/** Pseudo-documents per lexicon feature. */
export const OPINION_PRIOR_COUNT = 2;

const opinionWords = new Set<string>([...OPINION_LEXICON.positive, ...OPINION_LEXICON.negative]);

/** Whether a word is in the opinion lexicon (so it carries polarity even when it also names an aspect, like 偏贵). */
export function isOpinionWord(word: string): boolean {
  return opinionWords.has(word);
}

const priorsByCount = new Map<number, FeaturePrior>();

function flip(token: string): string {
  return token.startsWith(NEGATION_PREFIX) ? token.slice(NEGATION_PREFIX.length) : NEGATION_PREFIX + token;
}

/**
 * The lexicon as naive Bayes pseudo-counts, in the classifier's own feature space (each entry goes through the
 * same tokeniser, so '不错' becomes NEG_错). Bare negators ('不') get nothing. A one-token entry also gives its
 * negated form to the other class (好 → positive, NEG_好 → negative), so negation flips even without data.
 */
export function opinionPrior(count = OPINION_PRIOR_COUNT): FeaturePrior {
  const cached = priorsByCount.get(count);
  if (cached) return cached;
  const prior = new Map<string, { positive: number; negative: number }>();
  const add = (feature: string, positive: boolean) => {
    const entry = prior.get(feature) ?? { positive: 0, negative: 0 };
    if (positive) entry.positive += count;
    else entry.negative += count;
    prior.set(feature, entry);
  };
  for (const [polarity, words] of Object.entries(OPINION_LEXICON)) {
    const positive = polarity === 'positive';
    for (const word of words) {
      const features = clauseFeatures(word).filter((feature) => !isNegatorWord(feature));
      for (const feature of features) add(feature, positive);
      const content = features.filter((feature) => !feature.includes(' '));
      if (content.length === 1) add(flip(content[0] as string), !positive);
    }
  }
  priorsByCount.set(count, prior);
  return prior;
}
