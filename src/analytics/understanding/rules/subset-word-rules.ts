import { type PhraseRule, type RuleSet, ruleExpression, ruleMatches } from './phrase-rule.ts';

/**
 * Verbs and adjectives that pick a subset the catalogue has no filter for ("流失的用户", "discounted products",
 * "refunded orders"), and words for measures it cannot compute (time between orders, how often, coming back within a
 * week). The coverage check only asks about nouns, so these were dropped silently and the answer covered everyone or
 * counted something else; left unexplained, they are named in a clarifying question instead.
 */
export const SUBSET_WORD_RULES: readonly PhraseRule<{ subset: string }>[] = [
  {
    id: 'churn',
    meaning: { subset: 'churn' },
    zh: ['(?<!购物车)流失(?!率)', '沉睡', '不活跃'],
    en: ['churn(?:ed|ing)?', 'lapsed', 'attrition', 'inactive', 'dormant'],
    examples: { match: ['哪些用户最可能流失', '沉睡用户有多少', 'how many customers churned', 'inactive users last month'], noMatch: ['上周的访客数', 'active users', '购物车流失率', 'retention'] },
  },
  {
    id: 'discounted',
    meaning: { subset: 'discounted' },
    zh: ['打折', '折扣', '促销', '优惠券', '满减'],
    en: ['discount(?:ed|s)?', 'on sale', 'coupons?', 'promo(?:tion)?s?'],
    examples: { match: ['打折商品的销量', '用了优惠券的订单', 'sales of discounted products', 'orders with a coupon'], noMatch: ['商品的销量', 'salesperson', 'GMV by channel'] },
  },
  {
    id: 'launched',
    meaning: { subset: 'launched' },
    zh: ['新品', '上新', '新上架', '上架', '新款'],
    en: ['launched', 'new (?:products|arrivals|items|releases)', 'newly (?:listed|added)', 'listed (?:in|since|during)'],
    examples: { match: ['新品的销量', '上个月上新的商品卖得怎么样', 'sales of products launched in the last 90 days', 'how are new arrivals selling'], noMatch: ['新用户的GMV', 'new customers', '商品的销量'] },
  },
  {
    // "customers who both ordered and cancelled", "既下过正常单、又有过取消发票的客户": two behaviours at once, which no
    // filter picks. Buying once or more than once are metrics of their own (one_time_buyers, repeat_buyers).
    id: 'purchase-count-subset',
    meaning: { subset: 'purchase-count' },
    zh: ['既[^，,。？?]{1,12}又'],
    en: ['both (?:ordered|bought) and (?:cancelled|canceled|returned)'],
    examples: { match: ['既下过正常单、又有过取消发票的客户有几个？', 'customers who both ordered and cancelled'], noMatch: ['复购人数', 'customers who bought more than once', '一次买了几件', '只买过一次的客户有多少个？', 'how many customers bought only once'] },
  },
  {
    // "平均每张发票有多少行明细": lines on an order, which no metric counts.
    id: 'order-lines',
    meaning: { subset: 'order-lines' },
    zh: ['(?:多少|几)行(?:明细)?', '行明细', '明细行'],
    en: ['(?:order |invoice )?lines? per (?:order|invoice)', 'line items? per (?:order|invoice)', 'how many lines'],
    examples: { match: ['平均每张发票有多少行明细？', 'average lines per invoice', 'how many line items per order'], noMatch: ['上周的订单数', 'orders per customer', '行业'] },
  },
  {
    id: 'refunded',
    meaning: { subset: 'refunded' },
    zh: ['退款'],
    en: ['refund(?:ed|s)?'],
    examples: { match: ['退款的订单有多少', 'how many orders were refunded'], noMatch: ['退货率', 'return rate', 'returned orders'] },
  },
  {
    // Rows deleted or items taken out of a cart: the data keeps neither, so a count of them is asked about (a request
    // to delete is refused before, rules/refusal-rules.ts).
    id: 'deleted',
    meaning: { subset: 'deleted' },
    zh: ['删除', '删掉', '移除'],
    en: ['deleted', 'removed', 'erased'],
    examples: { match: ['删除购物车的用户有多少', 'how many orders were deleted', 'users who removed items from the cart'], noMatch: ['加购用户数', 'cancelled orders', 'remaining stock'] },
  },
  {
    // Durations and frequencies between events: no catalogue measure (dwell time is one, as its own synonyms).
    id: 'durations-and-frequencies',
    meaning: { subset: 'duration' },
    zh: ['多久', '多长时间', '间隔', '频率', '几天一次', '多少天一次'],
    en: ['time between', 'how long(?! (?:do|does|did) (?:\\w+ ){1,4}(?:stay|spend|linger|remain))', 'how often', 'frequency', 'intervals?', 'days between'],
    examples: { match: ['用户平均多久下一次单', "what's the average time between orders", 'how often do customers reorder'], noMatch: ['平均停留时长', 'average dwell time', 'orders per customer', 'How long do users from each channel stay on a page on average?'] },
  },
  {
    // "came back within a week" is retention or repeat buying, which the question does not say; asked, not answered as a count.
    id: 'coming-back',
    meaning: { subset: 'coming back' },
    zh: ['回来', '回访'],
    en: ['came back', 'come back', 'coming back', 'returned within'],
    examples: { match: ['how many shoppers came back within a week', '第二天还回来的比例'], noMatch: ['return rate', 'returning users', '回头客'] },
  },
];

export const SUBSET_WORD_RULE_SET: RuleSet<{ subset: string }> = { name: 'subset words without a filter', rules: SUBSET_WORD_RULES, matches: ruleMatches };

/** The subset words left in a residual (the question with everything recognised blanked), as written. */
/** Subsets whose words are also metric words ("买过", "orders"): looked for in the whole question, not what is left. */
const WHOLE_QUESTION_SUBSETS = new Set(['purchase-count', 'order-lines']);

export function unexplainedSubsetWords(residual: string, normalizedQuestion: string = residual): string[] {
  return SUBSET_WORD_RULES.flatMap((rule) => {
    const found = (WHOLE_QUESTION_SUBSETS.has(rule.meaning.subset) ? normalizedQuestion : residual).match(ruleExpression(rule));
    return found ? [found[0]] : [];
  });
}
