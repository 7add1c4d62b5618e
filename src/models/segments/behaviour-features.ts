export interface FeaturePhrase {
  /** Names the group when this feature leads the profile: "high spenders". */
  noun_en: string;
  /** Describes the group when another feature leads: "… who spend a lot". */
  clause_en: string;
  zh: string;
}

export interface BehaviourFeature {
  id: string;
  label_en: string;
  label_zh: string;
  /** Heavy-tailed counts and money are log1p-transformed before standardising, so a few whales do not become a cluster of their own. */
  transform: 'log1p' | 'identity';
  /** 'cluster': k-means input; 'describe': only used to put the groups into words. */
  role: 'cluster' | 'describe';
  high: FeaturePhrase;
  low: FeaturePhrase;
}

/**
 * Per-user behaviour features computed in SQL (load-customer-behaviour.ts); order = column order.
 * k-means sees seven of them: visits, orders, order value, recency, tenure, discount share and add-to-cart
 * rate. Raw counts (views, carts, favourites, categories) all move with "how active", so adding them made
 * k-means split on activity alone: on the default demo the mean silhouette fell from 0.29 (k = 5) to 0.14
 * (k = 2). The remaining features only describe the groups ("… who mostly use the app").
 */
export const BEHAVIOUR_FEATURES = [
  {
    id: 'sessions', label_en: 'Sessions', label_zh: '访问次数', transform: 'log1p', role: 'cluster',
    high: { noun_en: 'frequent visitors', clause_en: 'visit often', zh: '常来逛' },
    low: { noun_en: 'rare visitors', clause_en: 'rarely visit', zh: '很少来访' },
  },
  {
    id: 'purchases', label_en: 'Paid orders', label_zh: '支付订单数', transform: 'log1p', role: 'cluster',
    high: { noun_en: 'frequent buyers', clause_en: 'buy often', zh: '购买频繁' },
    low: { noun_en: 'non-buyers', clause_en: 'rarely buy', zh: '很少购买' },
  },
  {
    id: 'average_order_value', label_en: 'Average order value', label_zh: '平均订单金额', transform: 'log1p', role: 'cluster',
    high: { noun_en: 'big-ticket buyers', clause_en: 'spend a lot per order', zh: '客单价高' },
    low: { noun_en: 'small-basket buyers', clause_en: 'spend little per order', zh: '客单价低' },
  },
  {
    id: 'recency_days', label_en: 'Days since last activity', label_zh: '距上次活跃天数', transform: 'identity', role: 'cluster',
    high: { noun_en: 'lapsed shoppers', clause_en: 'have not been seen for a while', zh: '久未活跃' },
    low: { noun_en: 'recently active shoppers', clause_en: 'were active recently', zh: '近期活跃' },
  },
  {
    id: 'tenure_days', label_en: 'Days since first activity', label_zh: '首次活跃至今天数', transform: 'identity', role: 'cluster',
    high: { noun_en: 'long-standing shoppers', clause_en: 'have been around since early on', zh: '加入已久' },
    low: { noun_en: 'newcomers', clause_en: 'arrived recently', zh: '新近加入' },
  },
  {
    id: 'discount_share', label_en: 'Discount share of spend', label_zh: '优惠占比', transform: 'identity', role: 'cluster',
    high: { noun_en: 'deal hunters', clause_en: 'buy mostly on discount', zh: '爱用优惠' },
    low: { noun_en: 'full-price buyers', clause_en: 'rarely use discounts', zh: '少用优惠' },
  },
  {
    id: 'cart_rate', label_en: 'Add-to-carts per view', label_zh: '加购率', transform: 'identity', role: 'cluster',
    high: { noun_en: 'cart fillers', clause_en: 'add much of what they see to the cart', zh: '加购率高' },
    low: { noun_en: 'non-carting visitors', clause_en: 'rarely add to the cart', zh: '很少加购' },
  },
  {
    id: 'spend', label_en: 'Spend', label_zh: '消费金额', transform: 'log1p', role: 'describe',
    high: { noun_en: 'high spenders', clause_en: 'spend a lot', zh: '高消费' },
    low: { noun_en: 'low spenders', clause_en: 'spend little', zh: '消费低' },
  },
  {
    id: 'views_per_session', label_en: 'Product views per session', label_zh: '每次访问浏览商品数', transform: 'log1p', role: 'describe',
    high: { noun_en: 'deep browsers', clause_en: 'look at many products per visit', zh: '每次浏览商品多' },
    low: { noun_en: 'quick visitors', clause_en: 'look at few products per visit', zh: '每次浏览商品少' },
  },
  {
    id: 'fav_rate', label_en: 'Favourites per view', label_zh: '收藏率', transform: 'identity', role: 'describe',
    high: { noun_en: 'wish-listers', clause_en: 'save many favourites', zh: '爱收藏' },
    low: { noun_en: 'non-savers', clause_en: 'rarely save favourites', zh: '很少收藏' },
  },
  {
    id: 'avg_dwell_seconds', label_en: 'Average dwell (s)', label_zh: '平均停留秒数', transform: 'log1p', role: 'describe',
    high: { noun_en: 'careful readers', clause_en: 'read product pages closely', zh: '页面停留久' },
    low: { noun_en: 'quick skimmers', clause_en: 'skim pages quickly', zh: '页面停留短' },
  },
  {
    id: 'distinct_categories', label_en: 'Categories touched', label_zh: '涉及品类数', transform: 'identity', role: 'describe',
    high: { noun_en: 'all-round shoppers', clause_en: 'shop many categories', zh: '跨品类' },
    low: { noun_en: 'focused shoppers', clause_en: 'stick to few categories', zh: '品类集中' },
  },
  {
    id: 'app_share', label_en: 'Share of events on the app', label_zh: 'App 行为占比', transform: 'identity', role: 'describe',
    high: { noun_en: 'app users', clause_en: 'mostly use the app', zh: '主要用 App' },
    low: { noun_en: 'web and mini-program users', clause_en: 'rarely use the app', zh: '少用 App' },
  },
] as const satisfies readonly BehaviourFeature[];

export type BehaviourFeatureId = (typeof BEHAVIOUR_FEATURES)[number]['id'];
