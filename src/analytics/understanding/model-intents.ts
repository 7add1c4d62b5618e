import { parseNumber } from '../../text/number-words.ts';
import { addMonths, dateParts, daysBetween, daysInMonth } from '../../sql/semantic/time/calendar-date.ts';
import type { DataWindow } from './build-request.ts';
import type { Recognition } from './recognize-question.ts';
import { basketProductPhrase } from './basket-product-phrase.ts';
import { mentions } from './rules/model-intent-rules.ts';

/** A question that a behaviour model answers better than a metric query ("预测下周GMV", "常一起买的商品"). */
export interface ModelIntent {
  toolName: string;
  arguments: Record<string, unknown>;
}


const FORECASTABLE = ['gmv', 'orders', 'uv', 'units'];
const PEOPLE_EN = '(?:customers?|users?|shoppers?|buyers?|members?|clients?|people)';

const ENGLISH_NUMBERS: Record<string, number> = {
  one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10,
  eleven: 11, twelve: 12, fifteen: 15, twenty: 20, thirty: 30, fifty: 50, hundred: 100,
};
// Digits, small Chinese numerals or English number words, as they appear in "未来两周", "next two weeks".
const NUMBER = '(\\d+|[零一二三四五六七八九十两]+|\\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|fifty|hundred)\\b)';

function numberOf(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  return ENGLISH_NUMBERS[text] ?? parseNumber(text);
}

function clamp(value: number, lowest: number, highest: number): number {
  return Math.min(highest, Math.max(lowest, value));
}

/** The single value a question filters a dimension on ("耳机" → category Headphones), if it names exactly one. */
function singleFilterValue(recognition: Recognition, dimension: string): string | undefined {
  const filter = recognition.filters.find((candidate) => candidate.dimension === dimension && candidate.operator === 'in');
  return filter?.values.length === 1 ? String(filter.values[0]) : undefined;
}

function dateRange(recognition: Recognition): { start: string; end: string } | undefined {
  return recognition.time ? { start: recognition.time.start, end: recognition.time.end } : undefined;
}

/** Leaves out undefined values, so the call only carries what the question said. */
function defined(values: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(values).filter(([, value]) => value !== undefined));
}

const UNIT_DAYS: [RegExp, number][] = [[/^(?:天|日|days?)$/, 1], [/^(?:周|个?星期|个?礼拜|weeks?)$/, 7], [/^(?:个?月|months?)$/, 30]];

function daysOf(count: string | undefined, unit: string | undefined): number | undefined {
  const number = numberOf(count);
  const days = UNIT_DAYS.find(([pattern]) => pattern.test(unit ?? ''))?.[1];
  return number === undefined || days === undefined ? undefined : number * days;
}

const NEXT_MONTH = /下个?月|next month|coming month|following month/;
const COUNTED_AHEAD = /(?:未来|接下来|今后|往后|next|coming|following|upcoming)\s*(?:the\s*)?\d/;

/** Days from the day after the as-of date to the last day of the next calendar month (Nov 30 → Dec 31 = 31). */
function daysToEndOfNextMonth(asOf: string): number {
  const { year, month, day } = dateParts(asOf);
  const next = month === 12 ? { year: year + 1, month: 1 } : { year, month: month + 1 };
  return daysInMonth(year, month) - day + daysInMonth(next.year, next.month);
}

/** Days ahead a question looks: "下周/next week" → 7, "未来30天" → 30, "接下来两周/next two weeks" → 14, "下个月" → 30. */
/** The longest forecast the forecasting tool makes, in days. */
export const MAX_FORECAST_DAYS = 60;

/**
 * Days from the day after the as-of date to the end of a named period the forecast is for ("预测12月整月",
 * "forecast Q1 2026"): a month or quarter already past this year is its next occurrence. Undefined when the question
 * names no period, or one that ends before the data does.
 */
export function forecastTargetDays(recognition: Recognition, asOf: string): number | undefined {
  const period = recognition.time;
  if (!period || period.comparison === 'named_period') return undefined;
  let end = period.end;
  if (end <= asOf && !/\d{4}/.test(recognition.normalized)) end = addMonths(end, 12);
  if (end <= asOf) return undefined;
  return daysBetween(asOf, end);
}

export function horizonDays(text: string, fallback: number): number {
  const counted = text.match(new RegExp(`(?:未来|接下来|今后|往后|next|coming|following|upcoming)\\s*(?:the\\s*)?${NUMBER}\\s*(天|日|周|个?星期|个?礼拜|个?月|days?|weeks?|months?)`));
  // "a 2-week forecast", "10-day outlook".
  const adjective = text.match(new RegExp(`${NUMBER}-(day|week|month)\\b`));
  const days = daysOf(counted?.[1], counted?.[2]) ?? daysOf(adjective?.[1], adjective?.[2]);
  if (days !== undefined) return days;
  if (/下周|下一周|下个?星期|next week|coming week|following week/.test(text)) return 7;
  if (/下个?月|next month|coming month|following month/.test(text)) return 30;
  if (/明天|tomorrow/.test(text)) return 1;
  return fallback;
}

/**
 * "the 50 users", "前10位用户", "推荐5个商品": how many rows the question wants, when it says (within the tool's
 * bounds); otherwise undefined, so the tool's own default applies.
 */
function countOf(recognition: Recognition, nouns: string, highest: number): number | undefined {
  const named = recognition.normalized.match(new RegExp(`(?:^|[^\\d.])${NUMBER}\\s*(?:个|位|名|款|件|样|种)?\\s*(?:${nouns})`));
  const count = numberOf(named?.[1]) ?? recognition.limit;
  return count === undefined ? undefined : clamp(count, 1, highest);
}

/** "用户456", "777号用户", "user #123", "customer 2048": the user id a question is about. */
function userIdOf(text: string): number | undefined {
  const found = text.match(/(?:用户|顾客|客户|会员|买家|\buser|\bcustomer|\bshopper|\bmember|\bbuyer)\s*(?:id)?\s*[#:：]?\s*(\d+)/) ?? text.match(/(\d+)\s*号\s*(?:用户|顾客|客户|会员|买家)/);
  return found?.[1] ? Number(found[1]) : undefined;
}

/** "商品55", "product #12", "item 7": the product id a question is about. */
function productIdOf(text: string): number | undefined {
  const found = text.match(/(?:商品|产品|\bproduct|\bitem|\bsku)\s*(?:id)?\s*[#:：]?\s*(\d+)/);
  return found?.[1] ? Number(found[1]) : undefined;
}

// ---- customer segments -------------------------------------------------------------------------------------
// "各分群的GMV", "GMV by customer segment": a metric split by the stored segments is a breakdown for query_metrics.
// Counting people ("customers" reads as buyers) per segment is what segment_customers reports anyway.
const PEOPLE_METRICS = ['buyers', 'uv', 'dau', 'new_users'];
function isSegmentBreakdown(recognition: Recognition): boolean {
  return recognition.dimensions.includes('segment') && recognition.metrics.some((metric) => !PEOPLE_METRICS.includes(metric));
}

function segmentMethod(text: string): string {
  if (mentions('segment-method-rfm', text)) return 'rfm';
  if (mentions('segment-method-kmeans', text)) return 'kmeans';
  return 'both';
}

// ---- reviews -----------------------------------------------------------------------------------------------
// "好评率", "average rating", "how many reviews": a number about reviews is a metric query, not a model question.
const REVIEW_METRICS = ['reviews', 'negative_reviews', 'avg_rating', 'positive_review_share'];
function asksReviewNumbers(recognition: Recognition): boolean {
  // "哪个品牌的差评最多", "口碑最好的品类": a review measure split by a dimension is a number per group, not themes.
  return recognition.metrics.some((metric) => REVIEW_METRICS.includes(metric)) && (mentions('review-number-cues', recognition.normalized) || recognition.dimensions.length > 0);
}

function reviewPolarity(text: string): 'negative' | 'positive' | 'all' {
  if (mentions('negative-words', text)) return 'negative';
  if (mentions('positive-words', text)) return 'positive';
  // "口碑怎么样", "what are customers saying": neither side asked for.
  if (mentions('overall-opinion', text)) return 'all';
  return 'negative';
}

/** What the reviews should be about: a quoted phrase, or what follows "提到/说/关于/mentioning/about". */
function reviewQuery(text: string): string {
  const quoted = text.match(/["“'「『](.+?)["”'」』]/)?.[1];
  if (quoted) return quoted.trim();
  const about = text.match(/(?:提到了?|说到|说|讲到?|关于|反映|mentioning|mentions?|saying|say|regarding|complaining about|about)\s*(.+?)\s*(?:的?(?:评价|评论|差评|好评|留言)|\breviews?\b|[?？。!！]|$)/)?.[1];
  const cleaned = (about ?? text).replace(/^(?:the|a|an|that|people)\s+/, '').replace(/的$/, '').trim();
  return cleaned || text;
}

// ---- search themes -----------------------------------------------------------------------------------------
function clusterCount(text: string): number | undefined {
  const found = text.match(new RegExp(`(?:聚成|分成|归成|归为|分为|into)\\s*${NUMBER}\\s*(?:个)?\\s*(?:类|组|主题|groups|clusters|themes|topics|buckets)`));
  const count = numberOf(found?.[1]);
  return count === undefined ? undefined : clamp(count, 2, 30);
}

interface IntentRule {
  toolName: string;
  /**
   * How specifically the question's words point at this model: a reading that needs an id or two concepts
   * outranks one word such as 异常. Two applicable readings of the same priority are a close call.
   */
  priority: number;
  /** What the reading means, offered back when it is a close call. */
  label: { en: string; zh: string };
  applies: (recognition: Recognition) => boolean;
  build: (recognition: Recognition, window: DataWindow) => Record<string, unknown>;
}

const FOR_SOMEONE = /\bfor (?:them|him|her|this (?:customer|user)|that (?:customer|user))\b|给(?:他|她|这个(?:客户|用户)|那个(?:客户|用户))|为(?:他|她)/;

const RULES: IntentRule[] = [
  {
    // Needs a user or product id: "推荐" alone is the referral channel ("推荐渠道的订单").
    toolName: 'recommend_products',
    priority: 4,
    label: { en: 'product recommendations for that user or product', zh: '为该用户或商品推荐商品' },
    // "recommend 3 products for them", "给他推荐几个商品": the customer comes from the conversation (understand-question.ts).
    applies: (recognition) => mentions('recommend', intentText(recognition)) && (userIdOf(intentText(recognition)) !== undefined || productIdOf(intentText(recognition)) !== undefined || FOR_SOMEONE.test(intentText(recognition))),
    build: (recognition) => {
      const text = recognition.normalized;
      const userId = userIdOf(text);
      return defined({
        user_id: userId,
        product_id: userId === undefined ? productIdOf(text) : undefined,
        category: singleFilterValue(recognition, 'category'),
        top_k: countOf(recognition, '商品|产品|items|products|recommendations', 50),
      });
    },
  },
  {
    toolName: 'cluster_queries',
    priority: 4,
    label: { en: 'themes of the search queries', zh: '搜索词的主题归类' },
    applies: (recognition) => mentions('search-words', intentText(recognition)) && mentions('grouping-words', intentText(recognition)),
    build: (recognition) => defined({ date_range: dateRange(recognition), clusters: clusterCount(recognition.normalized) }),
  },
  {
    toolName: 'segment_customers',
    priority: 2,
    label: { en: 'customer segments (RFM or behaviour clusters)', zh: '客户分群(RFM 或行为聚类)' },
    applies: (recognition) =>
      !isSegmentBreakdown(recognition) &&
      (mentions('segments', recognition.normalized) || (mentions('segment-grouping', recognition.normalized) && recognition.dimensions.length === 0)),
    build: (recognition) => ({ method: segmentMethod(recognition.normalized) }),
  },
  {
    toolName: 'predict_purchase',
    priority: 3,
    label: { en: 'the customers most likely to buy', zh: '最可能购买的用户' },
    applies: (recognition) => mentions('propensity', intentText(recognition)),
    build: (recognition) => {
      return defined({
        horizon_days: clamp(horizonDays(recognition.normalized, 7), 1, 30),
        top_k: countOf(recognition, `${PEOPLE_EN}|用户|客户|顾客|买家|会员|人`, 200),
        city_tier: singleFilterValue(recognition, 'city_tier'),
        category: singleFilterValue(recognition, 'category'),
        device: singleFilterValue(recognition, 'device'),
      });
    },
  },
  {
    // A forecasting verb, or a period after the data ends ("下个月的销售额会有多少"), with a metric it can forecast.
    toolName: 'forecast_metric',
    priority: 2,
    label: { en: 'a forecast of the metric', zh: '指标预测' },
    applies: (recognition) =>
      (mentions('forecast-verb', recognition.normalized) || mentions('future-period', recognition.normalized)) &&
      recognition.metrics.some((metric) => FORECASTABLE.includes(metric)),
    build: (recognition, window) => {
      const metric = recognition.metrics.find((candidate) => FORECASTABLE.includes(candidate)) ?? 'gmv';
      // "下个月" / "next month" is the next calendar month: through its last day, not 30 days from today.
      const named = COUNTED_AHEAD.test(recognition.normalized) ? undefined : forecastTargetDays(recognition, window.asOf);
      const horizon = named ?? (NEXT_MONTH.test(recognition.normalized) && !COUNTED_AHEAD.test(recognition.normalized) ? daysToEndOfNextMonth(window.asOf) : horizonDays(recognition.normalized, 14));
      return defined({ metric, horizon: clamp(horizon, 1, MAX_FORECAST_DAYS), category: singleFilterValue(recognition, 'category') });
    },
  },
  {
    toolName: 'frequently_bought_together',
    priority: 3,
    label: { en: 'products frequently bought together', zh: '经常一起购买的商品' },
    applies: (recognition) => mentions('baskets', intentText(recognition)),
    build: (recognition) => {
      const category = singleFilterValue(recognition, 'category');
      // "哪些品类经常一起买" pairs categories. A named category ("买手机的人还买什么") anchors category-level rules
      // (Phones → Men's Clothing): product-level rules inside one category are often too sparse to pass the
      // support threshold, which would leave the answer empty.
      const product = basketProductPhrase(recognition);
      // A named product ("buy together with AirPods") anchors product-level rules on it, not the whole shop's.
      const level = product === undefined && (category !== undefined || /品类|类目|categor/.test(recognition.normalized)) ? 'category' : 'product';
      return defined({ level, product, category: product === undefined ? category : undefined, top_k: countOf(recognition, '商品|产品|品类|组合|pairs?|rules?|items|products|categories|combinations', 50) });
    },
  },
  {
    toolName: 'search_reviews',
    priority: 3,
    label: { en: 'reviews that mention it', zh: '提到它的评价' },
    applies: (recognition) => mentions('review-search', intentText(recognition)) && !mentions('review-summary', intentText(recognition)) && !asksReviewNumbers(recognition),
    build: (recognition) => defined({
      query: reviewQuery(recognition.normalized),
      category: singleFilterValue(recognition, 'category'),
      date_range: dateRange(recognition),
    }),
  },
  {
    toolName: 'review_insights',
    priority: 2,
    label: { en: 'what reviews say overall', zh: '评价的整体反馈' },
    applies: (recognition) => mentions('review-insights', intentText(recognition)) && !asksReviewNumbers(recognition),
    build: (recognition) => defined({
      polarity: reviewPolarity(recognition.normalized),
      category: singleFilterValue(recognition, 'category'),
      brand: singleFilterValue(recognition, 'brand'),
      date_range: dateRange(recognition),
    }),
  },
  {
    toolName: 'find_anomalies',
    priority: 1,
    label: { en: 'unusual orders or browsing', zh: '异常订单或异常浏览' },
    applies: (recognition) => mentions('anomalies', intentText(recognition)),
    build: (recognition) => {
      const text = recognition.normalized;
      const orders = mentions('order-words', text);
      const browsing = mentions('browsing-words', text);
      const kind = orders && !browsing ? 'orders' : browsing && !orders ? 'browsing' : 'both';
      return defined({ kind, top_k: countOf(recognition, '用户|账号|订单|users|accounts|orders|sessions', 100), date_range: dateRange(recognition) });
    },
  },
];

/** A model reading, or two equally specific readings the question cannot choose between. */
export type ModelReading =
  | { kind: 'model'; intent: ModelIntent }
  | { kind: 'close_call'; options: { toolName: string; label: { en: string; zh: string } }[] };

/**
 * The behaviour-model tool a question asks for, with arguments read from the question. Every applicable reading
 * is scored by its priority; when the best two tie, the question is a close call and both are offered.
 */
/** What a tool is asked for by: the question without its product names ("小米 米家扫地机器人" asks for no bot scan). */
function intentText(recognition: Recognition): string {
  return recognition.withoutProducts;
}

export function recognizeModelIntent(recognition: Recognition, window: DataWindow): ModelReading | undefined {
  const applicable = RULES.filter((candidate) => candidate.applies(recognition)).sort((left, right) => right.priority - left.priority);
  const [best, second] = applicable;
  if (!best) return undefined;
  if (second && second.priority === best.priority) {
    return { kind: 'close_call', options: [best, second].map((reading) => ({ toolName: reading.toolName, label: reading.label })) };
  }
  return { kind: 'model', intent: { toolName: best.toolName, arguments: best.build(recognition, window) } };
}
