import { DIMENSIONS, METRICS } from '../../sql/semantic/index.ts';
import { LexiconMatcher, type LexiconEntry } from '../../text/lexicon-matcher.ts';
import { CUE_PHRASES, type Cue } from './question-cues.ts';

export type Term =
  | { kind: 'metric'; id: string; weak?: boolean; generic?: boolean }
  | { kind: 'dimension'; id: string }
  | { kind: 'cue'; cue: Cue };

/**
 * Plain phrases that imply a metric without naming it ("卖得最好" = highest GMV). Checked before the
 * catalogue's own synonyms because they are longer.
 */
const IMPLIED_METRICS: Record<string, string[]> = {
  gmv: ['最畅销', '畅销', '热销', '卖得最火', '卖得最多钱', '卖得怎么样', '卖得如何', '卖得咋样', '卖的怎么样', '卖得好不好', 'how are sales', 'how were sales', '卖得最好', '卖得好', '卖得最好的', '最赚钱', '赚了多少', '赚钱', '卖了多少钱', '卖了多少', 'best-selling', 'best selling', 'top-selling', 'top selling', 'sells best', 'sold best', 'made the most money', '卖多少钱', 'have we taken', 'we have taken', 'we took', 'the most money', 'most money', 'brings in the most money', 'brought in the most money', 'bring in the most money', 'how much did we take', 'how much we took', 'make us', 'made us', 'earn us', 'earned us', 'buys the most from us', 'bought the most from us', 'buy the most from us', 'buys the least from us', 'bought the least from us', 'buys the most', 'buy the most from', 'takings', '生意最好', '生意最差', '生意最旺', '生意最火', 'earned', 'sell', 'sold', 'selling', 'spend', 'spent', 'spending', 'grossing', 'highest-grossing', '消费额', '消费金额', '消费', '卖得', '卖的', '花钱', '花了多少钱', '花了多少', '总共花了', '一共花了', '花了几',  '花费', '多少钱的货', '下了多少钱', '采购额', '采购金额', '采购得', '采购了多少钱', '花得', '买了多少钱'],
  units: ['卖得最多', '卖出最多', '卖了多少件', '卖出多少件', '卖出了多少件', '卖了多少台', '卖出了多少台', '多少件', '多少台', 'sold the most', 'most sold', '买了多少件', '买了多少台', '买了多少个', '买了几件', '买得最多', '买的最多', '买最多', '最喜欢买', '最爱买', '喜欢买', '爱买', '买得最少', '买的最少', 'how many units', 'how many items', 'units', 'pieces'],
  buyers: ['几个客户', '几位客户', '几个顾客', '几个买家', '多少客户', '多少个客户', '多少位客户', '多少顾客', '多少个顾客', '多少买家', '客户有多少', '顾客有多少', '多少人买', '多少人购买', '多少人下单', '客户最多', '客户最少', '下单有多少人', '下单的有多少人', '下单的人有多少', '下单的人数', '买过', 'how many people bought', 'how many customers bought', 'customers placed orders', 'customers placed an order', 'people placed orders', 'buyers placed orders', 'customers who placed orders', 'customers ordered', 'how many people purchased', 'how many shoppers bought', 'how many people ordered', 'bought', '消费者', '买了', '购买了', '购买过', '不同的客户', '不同客户', '独立客户', '多少个不同的客户'],
  uv: ['多少人访问', '逛店', '来逛店', '来逛', '逛了', '进店', '多少人来', '多少访客', 'how many people visited', 'how many visitors', 'visited', '人最多', '人最少'],
  pv: ['most viewed', 'least viewed', 'viewed', 'views', '被浏览', '浏览最多', '浏览最少', '看的人最多'],
  orders: ['sales invoices went through', '卖了多少单', '卖出多少单', '卖出了多少单', '卖了几单', '卖了多少笔', '多卖了多少单', '少卖了多少单', 'paid orders placed', 'paid orders made', 'invoices', 'invoice count', 'number of invoices', 'how many invoices', '多少张发票', '多少单', '多少笔订单', 'how many orders', 'order', '下了多少单', '几张单', '多少张单', '张单', '开了多少张发票', '开了几张发票', '开票', '开了多少张', '发票数量', 'sales invoices', 'invoices went through', '销售发票', '下单的最多', '下单最多', '下单有多少', '下单的有多少', '下单了多少', '下了几单', '发票', '张发票', '发票数', '下单量', '下单数', '下单次数', '下单分布', 'common', 'commonly used', 'popular', 'most used', '常用', '常见', '受欢迎', '用得最多', '用的最多', '单子', '多少单子', '几个单子'],
  // "本月下的单（含未付款）", "cancelled ones included": every order placed, paid or not.
  orders_created: ['下的单', '含未付款', '包括未付款', '未付款的也算', '含取消', '包括取消的', 'cancelled ones included', 'including cancelled', 'cancelled included', 'incl. cancelled', 'including unpaid', 'invoices were raised', 'invoices raised'],
  searchers: ['用过站内搜索', '用过搜索', '站内搜索过', '用站内搜索'],
  searches: ['搜索了多少次', '搜了多少次', '搜索了多少', '搜了多少', '搜得最多', '搜的最多', '搜最多', '搜得最少', 'times did people search', 'times people searched'],
  conversion_rate: ['convert', 'converts', 'converted', 'converting', 'conversions'],
  view_to_purchase_rate: ['from view to purchase', 'view to purchase', 'views to purchases', '从浏览到购买'],
  fav_rate: ['favourite', 'favorite', 'favourites', 'favorites', '收藏'],
  // "Most added-to-cart products" counts carts; a share needs a rate word ("加购率", "cart rate").
  cart_adds: ['added to cart', 'add to cart', 'carted', '加购了', '加购', 'added to their cart', 'put in cart'],
  favourites: ['favourited', 'favorited', '收藏了'],
  aov: ['平均发票金额', '平均每张发票金额', '发票平均金额', '平均每张多少钱', '每张发票平均多少钱', 'avg invoice', 'average invoice value', 'avg invoice value', 'average invoice', 'invoice value', 'average order size', '平均每张发票', '每张发票多少钱', '平均每单', '每单多少钱', '平均每单多少钱'],
  cart_abandonment_rate: ['abandoned', 'abandon', 'abandonment', 'abandoned carts', 'cart abandonment', '加购了没买', '加购未购买', '加购没买', '弃购', '弃购率'],
  cancelled_orders: ['取消的发票数', '取消发票数', '取消的发票', '取消发票', '作废的发票', 'cancelled invoices', 'canceled invoices', 'cancelled', 'canceled', 'were cancelled', 'got cancelled', '被取消', '取消了', '取消的订单'],
  returned_orders: ['returned', 'were returned', '退货了', '被退货', '退了', '退货的', '已退货'],
  positive_review_share: ['are positive', 'were positive', 'positive', '正面', '好评的'],
  // "the worst reviews", 口碑最差: the quality of reviews, not how many there are.
  avg_rating: ['stars', 'star rating', '几星', '星', 'highest rated', 'best rated', 'top rated', 'lowest rated', 'worst rated', 'rated', 'worst reviews', 'best reviews', 'worst-rated', 'best-rated', 'top-rated', 'best reviewed', 'worst reviewed', '口碑最差', '口碑最好', '评价最差', '评价最好', '评分最低', '评分最高'],
};

/**
 * When a question names both, the first metric makes the second redundant: "orders were cancelled" asks for
 * cancelled orders, not paid orders; "share of visitors who favourited" is the favourite rate, not UV.
 */
export const DOMINATES: Record<string, string[]> = {
  cancelled_orders: ['orders', 'orders_created'],
  returned_orders: ['orders', 'orders_created'],
  cancellation_rate: ['orders', 'orders_created', 'cancelled_orders'],
  return_rate: ['orders', 'orders_created', 'returned_orders'],
  repurchase_rate: ['buyers', 'repeat_buyers'],
  positive_review_share: ['reviews', 'avg_rating'],
  avg_rating: ['reviews'],
  conversion_rate: ['uv', 'buyers'],
  view_to_purchase_rate: ['conversion_rate', 'pv', 'uv'],
  fav_rate: ['uv'],
  cart_rate: ['uv'],
  cart_abandonment_rate: ['cart_rate'],
  cart_abandoners: ['cart_adds', 'cart_rate', 'buyers'],
  orders_created: ['orders', 'cancelled_orders'],
  aov: ['orders'],
  arpu: ['uv', 'gmv'],
  revenue_per_buyer: ['gmv', 'buyers', 'aov'],
  // "平均成交单价（成交额÷件数）": the parenthesis defines the ratio, it asks for no more columns.
  avg_selling_price: ['gmv', 'units', 'aov'],
  day7_retention: ['day1_retention'],
  day30_retention: ['day1_retention'],
  month1_retention: ['day1_retention'],
  search_conversion_rate: ['conversion_rate', 'searches', 'searchers'],
  cart_to_purchase_rate: ['conversion_rate', 'cart_rate', 'cart_adds', 'buyers'],
  searchers: ['searches', 'uv'],
  units_per_order: ['units', 'orders', 'aov', 'orders_created'],
  orders_per_buyer: ['orders', 'buyers', 'orders_created'],
  repeat_buyers: ['buyers', 'uv', 'orders'],
  one_time_buyers: ['buyers', 'uv', 'orders'],
  new_users: ['uv'],
  // "support conversations handed to a human" / "转人工多少个会话" count hand-offs (会话 alone names web sessions).
  handoffs: ['support_conversations', 'support_turns', 'sessions'],
  handoff_rate: ['handoffs', 'support_conversations', 'support_turns', 'sessions'],
  policy_denials: ['support_conversations', 'support_turns'],
};

/** Phrases for dimensions that the catalogue's synonyms miss (plurals are added automatically). */
const EXTRA_DIMENSIONS: Record<string, string[]> = {
  product: ['哪款', '哪一款', '哪几款', '哪些款', '单品'],
  device: ['哪个端', '各端', '各个端', '每个端', '哪端', '哪个终端', 'devices'],
  weekday: ['周一到周日', '星期一到星期日', '周一至周日', '每周几', 'monday to sunday', 'days of the week'],
  hour: ['hours of', 'across the hours', 'each hour of', '每个小时', '各小时', '24小时'],
  city: ['各城市', 'cities'],
  category: ['categories', '品类'],
  channel: ['acquisition channels', 'channels'],
  // "搜索次数最多的词", "这些词的搜索转化率": a word that is searched is a search term.
  search_query: ['的词', '哪些词', '这些词', '那些词', '什么词', '哪个词', '词'],
};

// Numeric dimensions are named by their bounds ("users under 25", numeric-filter-rules.ts), not as groupings.
const NAMED_BY_SYNONYMS_ONLY = new Set(['customer', 'user_age', 'product_price', 'order_amount']);

/**
 * "device type", "payment method types", "渠道类型": a kind-of word after a dimension's name names the dimension.
 * Not for products (a "product type" is nearer a category) nor for time dimensions.
 */
const NO_KIND_VARIANTS = new Set(['product', 'customer', 'day', 'week', 'month', 'hour', 'weekday', 'day_type']);

function kindVariants(phrase: string): string[] {
  if (/^[a-z]+(?: [a-z]+)?$/.test(phrase)) return [`${phrase} type`, `${phrase} types`, `type of ${phrase}`, `types of ${phrase}`, `kind of ${phrase}`];
  if (/^[\u4e00-\u9fff]{1,4}$/.test(phrase) && !phrase.endsWith('类')) return [`${phrase}类型`, `${phrase}种类`];
  return [];
}

function englishPlurals(phrase: string): string[] {
  if (!/^[a-z][a-z -]*[a-z]$/.test(phrase) || phrase.endsWith('s')) return [];
  // A consonant before the y makes -ies (city → cities). Days are left to the time grammar: "days" and "weekdays"
  // are periods and day types ("the same days last week"), never a grouping word; and no "daies" that a slip
  // ("dies") could be corrected to.
  if (/(?:^|\s)(?:\w*day)$/.test(phrase)) return [];
  return /[^aeiou]y$/.test(phrase) ? [`${phrase.slice(0, -1)}ies`] : [`${phrase}s`];
}

/** Synonyms too short or too vague to match on their own: a lone 天 or 端, "where", "make". */
const AMBIGUOUS = new Set(['日', '天', '周', '月', '端', 'where', 'make', 'label', 'source', 'date', 'status', 'client', 'terminal', 'platform', 'item', 'goods', 'vertical', 'volume', 'income', 'region', 'location']);

function usable(phrase: string): boolean {
  const trimmed = phrase.trim().toLowerCase();
  return trimmed.length > 0 && !AMBIGUOUS.has(trimmed);
}

/** Catalogue synonyms too generic to name a metric on their own ("customers in Shanghai" is a filter phrase). */
const GENERIC_NOUNS = new Set(['customers', 'users', 'shoppers', 'people', '用户', '客户', '顾客', '买家', '用户数', 'active users']);

/** Metrics a dimension's values imply when no metric is named ("中文评价和英文评价各有多少条" counts reviews). */
// "What was the total on invoice 537659?": one order's amount.
// New vs returning with no measure counts the people who bought ("New vs returning customers last week?").
export const METRIC_IMPLIED_BY_DIMENSION: Record<string, string> = { language: 'reviews', support_intent: 'support_conversations', order_number: 'gmv', new_vs_returning: 'buyers' };

export function buildAnalyticsLexicon(): LexiconMatcher<Term> {
  const entries: LexiconEntry<Term>[] = [];
  for (const metric of METRICS) {
    const named = [metric.id.replace(/_/g, ' '), metric.name_en, metric.name_zh, ...metric.synonyms_en, ...metric.synonyms_zh];
    // "cancellation rates for the UK, Germany and France": a rate named in the plural is the same metric.
    const plurals = named.filter((phrase) => /^[a-z][a-z -]*(?:rate|ratio|value|price)$/i.test(phrase)).map((phrase) => `${phrase}s`);
    for (const phrase of [...named, ...plurals]) {
      const generic = GENERIC_NOUNS.has(phrase.toLowerCase());
      if (usable(phrase)) entries.push({ phrase, meaning: { kind: 'metric', id: metric.id, weak: generic, generic } });
    }
  }
  for (const [cue, phrases] of Object.entries(CUE_PHRASES) as [Cue, string[]][]) {
    // Grain cues ("每天", "weekly") outrank the time dimensions' synonyms; other cues are matched later.
    if (cue.startsWith('grain:')) for (const phrase of phrases) entries.push({ phrase, meaning: { kind: 'cue', cue } });
  }
  for (const dimension of DIMENSIONS) {
    // The customer dimension's names ("customer", 客户) are everyday words for people ("复购客户占比"): it is named
    // only by its own synonyms (customer id, 客户ID) and by the ranking-subject rules ("top 10 customers").
    const names = NAMED_BY_SYNONYMS_ONLY.has(dimension.id) ? [] : [dimension.id.replace(/_/g, ' '), dimension.name_en, dimension.name_zh];
    const kinds = NO_KIND_VARIANTS.has(dimension.id) || NAMED_BY_SYNONYMS_ONLY.has(dimension.id) ? [] : [dimension.name_en, dimension.name_zh, ...dimension.synonyms_en, ...dimension.synonyms_zh].filter(usable).map((phrase) => phrase.toLowerCase()).flatMap(kindVariants);
    const phrases = [...names, ...dimension.synonyms_en, ...dimension.synonyms_zh, ...(EXTRA_DIMENSIONS[dimension.id] ?? []), ...kinds];
    // A synonym too vague alone ("region") is not made usable by its plural.
    for (const phrase of phrases.filter(usable).flatMap((candidate) => [candidate, ...englishPlurals(candidate.toLowerCase())])) {
      if (usable(phrase)) entries.push({ phrase, meaning: { kind: 'dimension', id: dimension.id } });
    }
  }
  // Implied (weak) metrics come last: a catalogue synonym of the same phrase wins, and a weak metric only
  // counts when no strong one was named.
  for (const [id, phrases] of Object.entries(IMPLIED_METRICS)) {
    for (const phrase of phrases) entries.push({ phrase, meaning: { kind: 'metric', id, weak: true } });
  }
  return new LexiconMatcher(entries);
}

/** Shape cues are matched after everything else, on the text that is left. */
export function buildCueLexicon(): LexiconMatcher<Cue> {
  const entries: LexiconEntry<Cue>[] = [];
  for (const [cue, phrases] of Object.entries(CUE_PHRASES) as [Cue, string[]][]) {
    if (!cue.startsWith('grain:')) for (const phrase of phrases) entries.push({ phrase, meaning: cue });
  }
  return new LexiconMatcher(entries);
}
