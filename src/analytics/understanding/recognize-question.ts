import { rankedTimeBuckets } from './rules/grain-rules.ts';
import { wholeProductTitles } from './whole-product-titles.ts';
import { comparedPeriod, findDimension, findMetric, findTimeExpressions, listMetrics, resolveTimeExpression, type ResolvedTimeExpression } from '../../sql/semantic/index.ts';
import { daysBetween } from '../../sql/semantic/time/calendar-date.ts';
import type { SemanticFilter } from '../../sql/semantic/compile/semantic-query.ts';
import type { ValueIndex } from '../../sql/values/value-index.ts';
import { parseNumber } from '../../text/number-words.ts';
import { normalizeQuestion } from '../../text/normalize-question.ts';
import { buildCueLexicon, DOMINATES, METRIC_IMPLIED_BY_DIMENSION } from './analytics-lexicon.ts';
import { questionLexicon } from './question-lexicon.ts';
import { CUE_PHRASES, STOPWORDS, type Cue } from './question-cues.ts';
import { impliesFunnel } from './rules/funnel-rules.ts';
import { wordRuns } from './word-runs.ts';
import { RANK_POSITION_RULES } from './rules/rank-position-rules.ts';
import { asksDistinctCount, DISTINCT_COUNT_RULES } from './rules/distinct-count-rules.ts';
import { perGroupNoun } from './rules/per-group-rules.ts';
import { comparativeDirection } from './rules/comparative-rules.ts';
import { placeAskedFor } from './rules/place-rules.ts';
import { baselineComparison, periodUnitComparison, type ComparisonUnit } from './rules/comparison-rules.ts';
import { numericBounds } from './rules/numeric-filter-rules.ts';
import { groupThresholds } from './rules/group-threshold-rules.ts';
import { wholeDataSpans } from './rules/whole-data-rules.ts';
import { searchCountOf, searchTermsIn } from './rules/search-term-rules.ts';
import { asksContributedAmount } from './rules/contributed-amount-rules.ts';
import { ruleExpression } from './rules/phrase-rule.ts';
import { escapeRegExp } from '../../text/escape-regexp.ts';
import { segmentWords } from '../../text/word-segmenter.ts';

/** Everything the offline planner recognised in one question, before it decides what to run. */
export interface Recognition {
  normalized: string;
  metrics: string[];
  dimensions: string[];
  filters: SemanticFilter[];
  cues: Set<Cue>;
  time?: ResolvedTimeExpression;
  limit?: number;
  /** "哪个/which X" asks for one row; "哪些/which Xs" for several. */
  singular: boolean;
  /** Metrics named only by a generic noun ("customers", 用户): a ranking of customers or products replaces them. */
  genericMetrics: string[];
  /** Words no lexicon explained (filler words excluded): each lowers confidence. */
  unknownWords: string[];
  /** The question with every recognised span blanked: what the coverage check must still explain. */
  residual: string;
  /** Phrases that were recognised, for the transcript. */
  recognised: string[];
  /** Event types named in order ("浏览→收藏→购买"), for funnels. */
  eventSteps: string[];
  /** Numbers that look like band edges ("0-100、100-300、1000元以上"), for distributions. */
  bandEdges: number[];
  /** Days between the period and the one it is compared with, when not the period just before ("a week earlier"). */
  compareShiftDays?: number;
  /**
   * "month over month", "环比上月": the calendar unit compared, when the question names no period of its own (a period
   * inside the phrase, 上月 in 环比上月, is the one compared with).
   */
  comparisonUnit?: ComparisonUnit;
  /** "比平时", "vs a normal day": compared with the ordinary level before the period, per day. */
  againstUsual?: boolean;
  /** "分别", "each", "vs": the question wants one row per named value. */
  wantsBreakdown: boolean;
  /** "that category", "它", "这个品牌": the question points at the previous answer's leading row. */
  pointsBack: boolean;
  /** Product words of the question that matched product titles ("airpods"), as written. */
  productText?: string;
  /** The question with every product name blanked: words inside a title ("扫地机器人") never ask for a tool (bots). */
  withoutProducts: string;
  /** The dimension a ranking is repeated within ("每个品类卖得最好的商品" → category), first of the groupings. */
  perGroup?: string;
  /** Dimensions whose value is the scope a share is taken within ("苹果在耳机品类里的份额", "Apple's share within headphones"). */
  scopeDimensions: string[];
  /** Dimension nouns right after another dimension's value ("phone brand" → brand): what a rank question ranks. */
  nounsAfterValues: string[];
  /** The metrics come only from a generic noun or a value's dimension, not from a metric word. */
  metricsOnlyImplied: boolean;
  /** Groups compared, not periods: one value against the rest ("和其他用户比"), or a follow-up naming another value ("compare with women's clothing"). */
  comparesGroupsOnly?: boolean;
  /** One place of a ranking below the first ("came second", "第二高"): answered as that row. */
  place?: number;
  /** Week-N retention said in words ("came back the following calendar week"): the cohort table's week mode. */
  retentionWeeks?: number;
  /** The question names every day of the data ("across the whole period", "全部数据") and no other period. */
  wholeData?: boolean;
  /** A follow-up of a count of groups kept by a bound ("And in October?"): count them again. */
  countsGroups?: boolean;
  /** Bounds on each group's total ("customers who spent over £5,000"): the groups kept, by their metric. */
  thresholds?: { metric: string; operator: 'gt' | 'gte' | 'lt' | 'lte' | 'between'; values: number[]; dimension: string }[];
}

const WEEK_EARLIER = /a week (?:earlier|before)|(?:the )?same day (?:a |one )?(?:week (?:earlier|before)|last week)|上周同一天|一周前(?:的)?同一天|前一周(?:的)?同一天|上周同期/;
const WEEK_EARLIER_ALL = new RegExp(WEEK_EARLIER.source, 'g');
export const SHARE_WORDS = /share|percent|percentage|proportion|portion|\brate\b|ratio|fraction|%|占比|比例|百分比|比率|比重|几成|份额|占多少|占了多少|占几成/;
/** Counts whose share the question asks for when it speaks of a share: "what % of orders got cancelled". */
export const RATE_OF_COUNT = [['favourites', 'fav_rate'], ['cart_adds', 'cart_rate'], ['cart_abandoners', 'cart_abandonment_rate'], ['cancelled_orders', 'cancellation_rate'], ['returned_orders', 'return_rate'], ['repeat_buyers', 'repurchase_rate']] as const;
/**
 * The longest run of unexplained words (with the hyphens and numbers between them) that every one of a few product
 * titles contains. Only words of some title count, so "market basket analysis" never becomes a product.
 */
const NAME_GAP = /^(?:[\s\d-]|(?<![a-z])[a-z](?![a-z]))*$/u;

function namedProducts(original: string, residual: string, unknownWords: readonly string[], values: ValueIndex): { text: string; titles: string[]; words: string[]; start: number; end: number } | undefined {
  if (values.productTitles.length === 0 || unknownWords.length === 0 || !unknownWords.some((word) => values.namesProduct(word))) return undefined;
  const text = residual.toLowerCase();
  // Only words of some title take part ("买" before "AirPods" does not); hyphens, numbers and single letters between
  // them stay inside one name ("t-light", "3 tier").
  const runs = wordRuns(text, unknownWords.filter((candidate) => values.namesProduct(candidate)), NAME_GAP);
  for (const run of [...runs].sort((left, right) => right.end - right.start - (left.end - left.start))) {
    const phrase = text.slice(run.start, run.end).trim();
    // One ordinary word ("market", "heart") is not a name; one written as a name is ("AirPods", "iPhone", "保温杯").
    if (run.words.length === 1 && !writtenAsName(original, phrase)) continue;
    let titles = values.titlesContaining(phrase);
    if (titles.length === 0) {
      // "each hot water bottle design": the longest part of the run that titles share names the products.
      const part = sharedPart(text, run, values);
      if (part) return part;
      continue;
    }
    // A model number right after the name belongs to it ("AirPods Pro 2") when some title still has it.
    const number = /^\s*\d+[a-z]*\b/u.exec(text.slice(run.end))?.[0];
    const longer = number ? values.titlesContaining(`${phrase}${number}`) : [];
    if (number && longer.length > 0) return { text: `${phrase}${number}`.trim(), titles: longer, words: run.words, start: run.start, end: run.end + number.length };
    return { text: phrase, titles, words: run.words, start: run.start, end: run.end };
  }
  return undefined;
}

/** The longest run of two or more consecutive words inside a run that some titles all contain, with its span. */
function sharedPart(text: string, run: { start: number; end: number; words: string[] }, values: ValueIndex): { text: string; titles: string[]; words: string[]; start: number; end: number } | undefined {
  for (let length = run.words.length - 1; length >= 2; length -= 1) {
    for (let first = 0; first + length <= run.words.length; first += 1) {
      const words = run.words.slice(first, first + length);
      const start = text.indexOf(words[0] as string, run.start);
      const lastWord = words[words.length - 1] as string;
      let end = start;
      for (const word of words) end = text.indexOf(word, end) + word.length;
      if (start < 0 || end > run.end || end < start + lastWord.length) continue;
      const phrase = text.slice(start, end).trim();
      const titles = values.titlesContaining(phrase);
      if (titles.length > 0) return { text: phrase, titles, words, start, end };
    }
  }
  return undefined;
}

/** A word the question writes like a name: with a capital after its first letter, a digit, or in capitals (a lone Chinese word is too often an ordinary one: 黑色, 基础款). */
function writtenAsName(original: string, word: string): boolean {
  if (/\p{Script=Han}/u.test(word)) return false;
  // Latin letters only around it: "买AirPods的人" writes the name between Chinese characters.
  const written = new RegExp(`(?<![a-z])${escapeRegExp(word)}(?![a-z])`, 'iu').exec(original)?.[0];
  return written !== undefined && (/\d/.test(written) || /^\p{L}.*\p{Lu}/u.test(written) || (written.length > 1 && written === written.toUpperCase()));
}

/**
 * The rank-position phrases, global so every occurrence is found; only their fixed words are marked understood. Like
 * every rule pattern here they are lower case and run on the normalized (lower-case) question, so without the i flag,
 * which only made each pattern's first compile dearer.
 */
const SHAPE_RULE_EXPRESSIONS = [...RANK_POSITION_RULES, ...DISTINCT_COUNT_RULES].map((rule) => new RegExp(ruleExpression(rule).source, 'g'));
/** "where does Shanghai rank": the words between are not the rule's, and stay for the other passes to explain. */
function shapeWordsLength(matched: string): number {
  return /^(?:where|how|is)\s/i.test(matched) ? matched.split(/\s+/)[0]!.length + 1 + (matched.split(/\s+/)[1]?.length ?? 0) : matched.length;
}

const RANK_PLACE_AT_END = /(?:the\s+)?(?:no\.? ?1|number (?:one|1)|#1|first|leader|highest|lowest|top|best|worst|biggest|largest|smallest)$/;
const RANKED_CHANGE = /biggest (?:drop|decline|increase|growth)|(?:dropped|declined|fell|grew|grown|increased) the most|fastest[- ]grow|增长最|下降最|下滑最|跌得最|跌幅最|涨得最|降幅最|增幅最|增速最|掉得最|掉的最|降得最|少得最|减少最/;

/** Two funnel steps named with a share word: the rate from the first to the second, not the first step's rate. */
const STEP_RATES: Record<string, { metric: string; replaces: string[] }> = {
  'cart,purchase': { metric: 'cart_to_purchase_rate', replaces: ['cart_rate', 'cart_adds', 'conversion_rate', 'buyers', 'orders'] },
  'search,purchase': { metric: 'search_conversion_rate', replaces: ['searchers', 'searches', 'conversion_rate', 'buyers', 'orders'] },
  'view,purchase': { metric: 'conversion_rate', replaces: ['pv', 'uv', 'buyers', 'orders'] },
  'view,cart': { metric: 'cart_rate', replaces: ['cart_to_purchase_rate', 'conversion_rate', 'cart_adds', 'pv', 'uv'] },
  'view,fav': { metric: 'fav_rate', replaces: ['conversion_rate', 'favourites', 'pv', 'uv'] },
  // "what % of visitors bought": only visitors; "% of orders paid with Alipay" stays a share of orders.
  purchase: { metric: 'conversion_rate', replaces: ['uv'] },
};
/** "浏览到加购的转化率", "view to cart conversion": a step-to-step rate even without a share word. */
const CONVERSION_WORDS = /转化|conversion|convert/;
/** "加购到下单的流失率": the share that did not reach the second step. */
const DROP_OFF_WORDS = /流失|drop[- ]?off|abandon/;
const DROP_OFF_RATES: Record<string, { metric: string; replaces: string[] }> = {
  'cart,purchase': { metric: 'cart_abandonment_rate', replaces: ['cart_rate', 'cart_adds', 'cart_to_purchase_rate', 'conversion_rate', 'buyers', 'orders'] },
};
const WANTS_TOTAL = /合计|总共|一共|加起来|加在一起|总和|combined|in total|altogether|together|\btotal\b|\bsum\b/;
const BREAKDOWN_WORDS = /分别|各自|各是|各有|各个|\beach\b|respectively|\bvs\.?\b|versus|\bagainst\b|\bby\b|\bper\b|对比|比较|compare/;
const GROUPING_SIGNAL = /哪|which|top|前\s*\d|最|best|worst|most|least|各|分别|each|按|\bby\b|\bper\b|\bother\b|\bothers\b|其他|其它|别的/;
/** Dimensions whose name, right after a value of the key dimension, only describes that value. */
const DESCRIBES: Record<string, string[]> = { city_tier: ['city', 'city_tier'], city: ['city'], province: ['province', 'city'], category: ['category', 'product'], brand: ['brand', 'product'], product: ['product'] };
// "it" points back, except as the object of a reshaping verb ("break it down by city tier instead").
const POINTS_BACK = /\bthat (?:category|brand|city|one|product|channel|device|tier)\b|\bthis (?:category|brand|city|one)\b|(?<!\b(?:break|split|slice|cut|show|put|make|do|turn|sort|rank|chart|plot|graph) )\bit\b(?! down\b)|它(?!们)|他(?!们)|她(?!们)|\b(?:he|she|him)\b|第一名|\bthe top one\b|这个品类|该品类|那个品类|这个品牌|该品牌|那个品牌|这个城市|该城市|那个城市|这一类|这个类目/;
const GENERIC_COUNT = /^[一二三四五六七八九十两几\d]+[个位家款种类条项]?$/;

/** "the week before", "前一周": the period just before the one named; removed before time resolution. */
const PREVIOUS_OF = /(?:再|节)?前一(?:周|天|日|个月|月)|(?:再)?上一(?:周|天|个月)|the (?:week|day|month) before|(?<=\b(?:vs\.?|versus|against|than|compared (?:to|with)) )(?:week|day|month) before|the previous (?:week|day|month)|the prior (?:week|day|month)|(?:the same day )?a week (?:earlier|before)|the day before|a day earlier|the (?:previous|prior|preceding) \d+(?= *$| *(?:days?|[?.,!]))(?: days?)?/g;

const EVENT_WORDS: [string, RegExp][] = [
  ['view', /浏览|点击|访问|\bvisits?\b|\bviews?\b|\bviewed\b|\bviewing\b|\bbrows(?:e|ed|ing)\b|\bclicks?\b|\bclicked\b|\blooked at\b/],
  ['cart', /加购|加入购物车|购物车|\bcarts?\b|\bcarted\b/],
  ['fav', /收藏|\bfav\b|favourite|favorite|wishlist/],
  ['purchase', /购买|下单|支付|付款|\bpurchases?\b|\bpurchased\b|\bbuy\b|\bbuying\b|\bbought\b|\bcheckouts?\b|\bcheck(?:ed)? out\b|\bpaid\b|\bpay\b|\border(?:s|ed)?\b/],
];

/** The event words with the g flag, made once rather than four new patterns per reading. */
const GLOBAL_EVENT_WORDS = EVENT_WORDS.map(([event, pattern]): [string, RegExp] => [event, new RegExp(pattern.source, 'g')]);
const SEARCH_STEP: [string, RegExp] = ['search', /搜索|\bsearch(?:es|ed|ing)?\b/g];
const GLOBAL_EVENT_WORDS_WITH_SEARCH = [SEARCH_STEP, ...GLOBAL_EVENT_WORDS];

const ARROWS = /→|->|=>|⇒|＞|>/g;

function eventStepsOf(text: string, withSearch: boolean): string[] {
  const words = withSearch ? GLOBAL_EVENT_WORDS_WITH_SEARCH : GLOBAL_EVENT_WORDS;
  // Steps joined by arrows ("view→cart→purchase") are the funnel as drawn, whatever the rest of the question names
  // after it ("…the step from view to add-to-cart").
  const arrows = [...text.matchAll(ARROWS)].map((match) => match.index);
  if (arrows.length > 0) {
    const chain = text.slice(Math.max(0, (arrows[0] as number) - ARROW_REACH), (arrows[arrows.length - 1] as number) + ARROW_REACH);
    const firstIndex = (pattern: RegExp) => [...chain.matchAll(pattern)][0]?.index ?? -1;
    const drawn = words.map(([event, pattern]) => ({ event, index: firstIndex(pattern) })).filter((found) => found.index >= 0).sort((left, right) => left.index - right.index);
    if (drawn.length >= 2) return drawn.map((found) => found.event);
  }
  // Otherwise the last mention orders the steps: "购买漏斗(浏览-加购-购买)" lists them after naming the funnel.
  const lastIndex = (pattern: RegExp) => Math.max(-1, ...[...text.matchAll(pattern)].map((match) => match.index));
  return words.map(([event, pattern]) => ({ event, index: lastIndex(pattern) }))
    .filter((found) => found.index >= 0)
    .sort((left, right) => left.index - right.index)
    .map((found) => found.event);
}
/** How far around the first and last arrow a step word may stand ("add-to-cart →" is 13 characters). */
const ARROW_REACH = 14;

/** Money-like numbers in the text (not dates, not counts of days), sorted: candidate band edges. */
function bandEdgesOf(text: string): number[] {
  const withoutDates = text.replace(/\d{4}-\d{2}-\d{2}|\d{1,2}月\d{1,2}[日号]?|\d+\s*(?:天|日|周|个月|days?|weeks?|months?)|top\s*\d+|前\s*\d+/g, ' ');
  const numbers = [...withoutDates.matchAll(/\d[\d,]*(?:\.\d+)?/g)].map((match) => Number(match[0].replace(/,/g, ''))).filter((value) => Number.isFinite(value));
  const edges = [...new Set(numbers)].sort((left, right) => left - right);
  if (edges.length > 0 && (edges[0] as number) > 0) edges.unshift(0);
  return edges;
}

const cueLexicon = buildCueLexicon();

const ORDINAL_WORDS: Readonly<Record<string, number>> = { second: 2, third: 3, fourth: 4, fifth: 5, '2nd': 2, '3rd': 3, '4th': 4, '5th': 5 };

/** "Top N" phrasings; those that count from the bottom ("后五名", "倒数三个") say so, whatever other rank words the question has ("销售额排名后五"). */
const RANKED_TIME_BUCKETS = rankedTimeBuckets();
const SEARCHED_THEN_BOUGHT = /\bsearch(?:ed|es)?\b.{0,40}\b(?:bought|buy|buying|purchased?|purchasing|ordered|ordering)\b|搜索(?:过|了)?.{0,12}(?:购买|下单|买了)/;
const END_ANCHOR = /(?:\bas (?:of|at)|截至|截止到?)\s*((?:昨天|昨日|今天|yesterday|today|\d{1,2}\s*(?:月\s*\d{1,2}\s*[日号]?|[a-z]+\s*\d{0,4})|\d{1,2}(?:st|nd|rd|th)?\s+[a-z]+(?:\s+\d{4})?|[a-z]+\s+\d{1,2}(?:st|nd|rd|th)?(?:,?\s+\d{4})?)(?:为止)?)/;
const DAY_RANGE_ECHO = /[（(]?\s*(\d{1,2})(?:st|nd|rd|th)?\s*(?:-|–|~|to|到|至)\s*(\d{1,2})(?:st|nd|rd|th)?\s*(?:号|日)?\s*[)）]?/g;
/** "Give me both numbers", "两个都列出来": every group asked about is shown, whatever picks one. */
const BOTH_ASKED = /\bboth (?:numbers|figures|values|of them)\b|\bgive me both\b|\bshow both\b|\b(?:revenue|sales|numbers|figures|amounts?|values?) for both\b|\beach of (?:them|the two)\b|两个都|都列出来|都给我|两个数都|各自的|分别的/;
const WHOLE_UNIT = /一?整(?:周|个星期|个月|月)|\b(?:the )?(?:whole|full|entire|complete) (?:of )?(?:last |previous )?(?:week|month)\b/;
const WHOLE_UNIT_ALL = new RegExp(WHOLE_UNIT.source, 'g');
const CUSTOMER_LIST = /(?:\bcustomers|\busers|\bbuyers|\bshoppers|客户|用户|顾客|买家)\s*(?:ids?\s*)?((?:\d{3,}\s*(?:,|、|，|and|和|及|与|&)\s*)+\d{3,})(?!\d|\.\d)/g;
/** "invoice 536592", "order SL2025112000000983", "发票号537434": one order by the shop's number (letters, then digits). */
const ORDER_NUMBER = /(?:\binvoice|\border|\breceipt|发票|订单|单据)\s*(?:no\.?|number|num|#|id|号码?|编号)?\s*[#:：]?\s*((?:[a-z]{1,4}-?)?\d{5,}|[a-z]{1,4}-\d{3,})(?![\d.])|(?:单号|发票号|订单号)\s*[:：]?\s*([a-z]{0,4}-?\d{3,})(?![\d.])/g;
const STOCK_CODE = /(?:(?<=\bunits of |\bsales of |\bsold of )|\()\s*(\d{5}[a-z]{0,2}|[a-z]{2,4}[ -][a-z]{2,4}-\d{3,5})\s*\)?(?![\w-])|(?:\bstock ?codes?|\bskus?|\bitem codes?|\bproduct codes?|货号|商品编号|商品编码)\s*[#:：]?\s*([a-z0-9]*\d[a-z0-9]*)(?![a-z0-9])|(?<![a-z0-9])(\d{4,6}[a-z]{0,2})\s*(?:这个|这款|的|这一)?\s*(?:货号|商品编号|商品编码|stock code)/g;
const THAT_PERIOD = /(?<!\b(?:each|every|per) )\b(?:month|quarter|year|week)[- ]end\b|月末|季末|\bthat (?:same |whole |entire )?(?:day|week|month|year)\b|\bthe same (?:day|week|month)(?! (?:last|a|one|the))\b|那个月|(?<!十一|11|618|十二|12|节|国庆|黑五|日|号|周)那一?周|那个星期|当月|当周|那一?天|当天|当日/g;
const SET_SIDE_BY_SIDE = /\bvs\.?(?![a-z])|\bversus\b|\bcompared?\b|对比|比较/;
const BAND_LIST = /(?:under|below|less than|<|低于|不到)\s*[£¥$]?\d+[^0-9]{1,12}\d+\s*(?:[-–~到至]|to)\s*[£¥$]?\d+|\d+\s*(?:[-–~到至]|to)\s*[£¥$]?\d+[^0-9]{1,12}\d+\s*(?:\+|以上|and (?:up|above|over|more)|or more)/;
const COUNT_WORDS = 'two|three|four|five|six|seven|eight|nine|ten|twenty';
const RANKED_NOUNS = 'products|items|skus|brands|categories|cities|provinces|countries|channels|customers|users|buyers|shoppers|search terms|queries|keywords|devices|payment methods|days|hours|weeks|months';
const SUPERLATIVES = 'most|least|highest|lowest|best|worst|top|bottom|largest|biggest|smallest|fewest|busiest|quietest|slowest|weakest|strongest';
const LIMIT_PATTERNS: readonly { pattern: RegExp; fromBottom?: true }[] = [
  // "前一个月", "前两周" are periods, not a top N.
  { pattern: /\btop\s*-?\s*(\d+|one|two|three|four|five|six|seven|eight|nine|ten|twenty)\b/ },
  { pattern: /\b(?:the\s+)?(\d+|two|three|four|five|ten)(?=\s+(?:best|top|highest|lowest|worst|largest|biggest|smallest|most|least))/ },
  { pattern: /\b(?:bottom|lowest|worst)\s+(\d+|three|five|ten)\b/, fromBottom: true },
  // "5 provinces with the lowest CVR", "most viewed 10 products": a count of ranked things next to a superlative.
  // Only the number is taken: the noun still names the grouping.
  { pattern: new RegExp(`\\b(\\d{1,3}|${COUNT_WORDS})(?=\\s+(?:[a-z]+\\s+)?(?:${RANKED_NOUNS})\\b.*\\b(?:${SUPERLATIVES})\\b)`) },
  { pattern: new RegExp(`(?<=\\b(?:${SUPERLATIVES})\\b.*)\\b(\\d{1,3}|${COUNT_WORDS})(?=\\s+(?:[a-z]+\\s+)?(?:${RANKED_NOUNS})\\b)`) },
  // "the 3 weakest phones": a count, a superlative and a plural (a value's name) ranked.
  { pattern: new RegExp(`\\b(\\d{1,3}|${COUNT_WORDS})(?=\\s+(?:${SUPERLATIVES})\\s+[a-z]+s\\b)`) },
  // "the three busiest hours", "5 best-selling products": the count, then the superlative, then the ranked noun.
  { pattern: new RegExp(`\\b(\\d{1,3}|${COUNT_WORDS})(?=\\s+(?:${SUPERLATIVES})(?:[\\s-][a-z]+)?\\s+(?:[a-z]+\\s+)?(?:${RANKED_NOUNS})\\b)`) },
  // The whole number or none ("前10个年龄段" is never 前1); 年龄 after it is a noun, not a year.
  { pattern: /前\s*([0-9]+(?![0-9])|[一二三四五六七八九十两]+(?![一二三四五六七八九十两]))\s*(?:名|个(?!\s*(?:月|星期|礼拜|季度|小时|工作日))|位|家|大|款|座|天|的)?(?!\s*个?\s*(?:月|周|星期|礼拜|年(?!龄)|季度|小时|日))/ },
  // "最火的三款商品", "卖得最好的5个品牌": a superlative of any kind, then the count.
  { pattern: /(?:最(?!近|后|初|新|终)[\u4e00-\u9fff]{1,3}?|排名靠前|倒数)的?\s*([0-9]+|[一二三四五六七八九十两]+)\s*(?:个|名|家|款|座|位|种|件|只|条)(?!\s*(?:月|星期|礼拜|季度|小时|工作日))/ },
  // "UV最低的3天", "PV最高的5个小时", "销量最高的前3天": a count of days, hours or weeks after a superlative.
  { pattern: /(?:最(?!近|后|初|新|终)[\u4e00-\u9fff]{1,3}?)的?\s*前?\s*([0-9]+|[一二三四五六七八九十两]+)\s*(?=天|日(?!均)|个?小时|周|个星期|个月)/ },
  { pattern: /(?:后|倒数)\s*([0-9]+|[一二三四五六七八九十两]+)\s*(?:名|个|位|家|款)?/, fromBottom: true },
  { pattern: /\bwhich (\d+|two|three|four|five|ten)\b/ },
  { pattern: /(?<![\w-])(\d+|two|three|four|five|ten) (?:categories|brands|cities|products|channels|devices|items|segments|payment methods)\b/ },
  // The dimension noun stays for the lexicon ("哪三个品类" groups by category).
  { pattern: /哪\s*([0-9]+|[一二三四五六七八九十两]+)\s*(?:个|家|款|座|位|类)/ },
  // An ordinal place ("second best", "排第三的品类", "第二高"): the ranking down to that place, which it ends with.
  { pattern: /\b(second|third|fourth|fifth|2nd|3rd|4th|5th)[\s-]+(?=best|top|highest|lowest|worst|largest|biggest|smallest|most|least)/ },
  { pattern: /(?:排名|排)?第\s*([2-9]|[二三四五六七八九])\s*(?=名|高|多|大|好|低|少|差|位|的)/ },
  { pattern: /([0-9]+|[一二三四五六七八九十两]+)\s*(?:个|大)(?=品类|品牌|城市|商品|渠道|设备|类目|国家|省)/ },
];


const SINGULAR = /哪一?档|哪一?组|(?:最高|最低|最多|最少|最好|最差|最大|最小|最快|最慢|最畅销|最火|最热销|最(?!近|后|初|新|终|多少)[\u4e00-\u9fff]{1,4}?)的(?!是|前|几|那些|哪些|\d)|哪个|哪一个|哪一家|哪家|哪款|哪座|哪一座|哪一款|哪一类|哪类|哪一天|哪天|哪一周|哪周(?!几)|哪一个月|哪种|哪一种|哪条|最高的是|最多的是|最低的是|最少的是|\bwhich (?!\w+s\b)\w+|\bwhat (?!\w+s\b)\w+ (?:has|had|was|is|did|do|does)\b|\bthe (?:best|top|highest|lowest|worst|peak|busiest|biggest|largest|smallest)\b(?! \d)/;
const ENGLISH_SINGULAR_SUPERLATIVE = /\b(?:best|worst|top|highest|lowest|biggest|smallest|cheapest|weakest|strongest|fastest|slowest) one\b|\b(?:best|worst|top|most|least|highest|lowest|biggest|largest|busiest|strongest|weakest|smallest|quietest|slowest)(?:[\s-](?:selling|performing|rated|viewed|popular))?\s+(?:category|brand|product|city|channel|device|country|province|tier|item|month|week|day|segment|customer|buyer|spender|client)\b(?!s)|\b(?:best|worst|highest|lowest|biggest|smallest)\s+(?:[a-z-]+\s+){1,4}?by\s+(?:category|brand|product|city|channel|device|country|province|tier|city tier|segment|gender|age band|payment method|customer|hour|day|week|month)\b(?!s)|#1\b|\bno\.? ?1\b|\bnumber (?:one|1)\b|\bwhat (?:sold|sells|sell) (?:the )?(?:most|best)\b|\b(?:best|worst|most|least)[\s-](?:selling|performing|rated|viewed|popular|favou?rited|carted|bought|purchased|searched|reviewed)\s+(?:[a-z]+\s+)?[a-z]+(?<!s)\b(?!\s+(?:by|per)\s+\w+s\b)|\b(?:highest|lowest|biggest|smallest)\s+[a-z]+\s+(?:category|brand|product|city|channel|device|country|province|tier|month|week|day|hour|customer)\b(?!s)|\b(?:busiest|quietest|peak|weakest|strongest|slowest|best|worst)\s+(?:trading\s+|selling\s+|business\s+)?(?:hour|day|weekday|month|week|time)\b(?!s)|\b(?:most|least)[\s-](?:used|common|popular)\s+(?:payment method|device|channel|category|brand|product|city)\b(?!s)/;
// Ranking verbs and plural head nouns ask for a list: "省份排一下序", "categories with the highest return rate".
const WHICH_SINGULAR = /哪一?档|哪一?组|哪一?段|\bwhich (?:has|had|is|was|gets|got|does|did|one)\b|\bwhich (?:[\w-]+ ){1,2}(?:brand|category|product|city|channel|device|country|province|tier|segment|customer|item)\b(?!s)|\bwhich (?!\w+s\b)(?!\d)\w+|\bwho\b|谁|\bwhat (?:hour|day|weekday|month|week|time of day)\b|哪个|哪一个|哪家|哪款|哪类|哪天|哪一天|哪一周|哪周(?!几)|哪一个月|星期几|周几|几点/;
const MANY_ASKED = /哪些|\btop\s*\d|前\s*[0-9一二三四五六七八九十两](?![0-9一二三四五六七八九十两]*\s*(?:周|天|日|个?月|年|个?星期|个?小时))|\b\d+\s+[a-z]+s\b|\bwhich (?!(?:has|is|was|gets|does)\b)\w+s\b(?! (?:brand|category|product|city|channel|device|country|province|tier|segment|customer|item)\b(?!s))|排序|排行|\branking\b|\brank\b/;
const ONE_OF_THEM = /\bwhich one\b|\bwhich single\b|\bthe single\b|\bonly one\b/;
const PLURAL = /哪些|\bwhich (?!(?:has|is|was|gets|does)\b)\w+s\b|\btop\b(?! (?:category|brand|product|city|channel|device|country|province|tier|item|segment|customer|buyer|spender|client|seller|performer|sku|store)\b(?!s)(?! (?:categories|brands|products|cities|channels|lines|items|types|groups|segments|tiers|skus|codes)\b))|前\s*[0-9一二三四五六七八九十两](?![0-9一二三四五六七八九十两]*\s*(?:周|天|日|个?月|年|个?星期|个?小时))|排序|排名|排行|排一下|排个|\brank(?:ed|ing)?\b|\bsort(?:ed)?\b|\b(?:categories|brands|products|cities|channels|devices|countries|provinces|items|skus|segments|tiers)\b/;

/** Spaces over [start, end): the words are read, and every other offset in the text stays where it was. */
export function blankSpan(text: string, start: number, end: number): string {
  return text.slice(0, start) + ' '.repeat(end - start) + text.slice(end);
}

function markTaken(taken: boolean[], start: number, end: number): void {
  for (let index = start; index < end && index < taken.length; index += 1) taken[index] = true;
}

function findLimit(text: string, taken: boolean[], valueSpansOf: () => readonly { start: number; end: number }[]): { value: number; fromBottom: boolean } | undefined {
  let valueSpans: readonly { start: number; end: number }[] | undefined;
  for (const { pattern, fromBottom } of LIMIT_PATTERNS) {
    const match = pattern.exec(text);
    const word = match?.[1];
    if (!match || !word) continue;
    // A number inside a value's name ("tier 1 cities", "iPhone 16") is the value's, not a "top N".
    const at = match.index + match[0].indexOf(word);
    valueSpans ??= valueSpansOf();
    if (valueSpans.some((span) => at >= span.start && at < span.end)) continue;
    // A number a period already took ("前10天的订单", "in the last 7 days") is no "top N"; days a ranking counts
    // ("销量最高的前3天") were kept from the time parser.
    if (taken[at]) continue;
    const value = ORDINAL_WORDS[word] ?? parseNumber(word);
    if (value === undefined || value <= 0 || value > 1000) continue;
    markTaken(taken, match.index, match.index + match[0].length);
    return { value, fromBottom: fromBottom === true };
  }
  return undefined;
}

function mergeFilter(filters: SemanticFilter[], dimension: string, values: string[], negated: boolean): void {
  const operator = negated ? 'not_in' : 'in';
  const existing = filters.find((filter) => filter.dimension === dimension && filter.operator === operator);
  if (existing) existing.values = [...new Set([...existing.values.map(String), ...values])];
  else filters.push({ dimension, operator, values: [...values] });
}

const DAY_TYPE_PHRASES = (() => {
  const dimension = findDimension('day_type');
  const phrases = dimension ? [...dimension.synonyms_en, ...dimension.synonyms_zh] : [];
  const escaped = phrases.map((phrase) => phrase.toLowerCase()).sort((left, right) => right.length - left.length).map((phrase) => escapeRegExp(phrase).replace(/ /g, '\\s*'));
  return new RegExp(escaped.length > 0 ? escaped.join('|') : '(?!)', 'g');
})();

const EXCLUDE_BEFORE = /(^\s*after|excluding|exclude|excludes|ignoring|not counting|\bleave|\bleaving|except(?: for)?|without|other than|not including|remove|minus|leave out|leaving out|not|non-?|outside(?: of)?(?: the)?|apart from|besides|aside from|除了|除去|不含|不包括|排除|去掉|去除|剔除|不要|不看|非|不算|除)\s*(?:the\s+)?$/;
// A value a share is taken within: "在耳机品类里", "耳机中", "within headphones", "among tier-1 cities".
const SCOPE_BEFORE = /(?:\bwithin|\bamong|\binside|\bout of|\b(?:share|percent|percentage|proportion|%) of|在|占)\s*(?:the\s+)?(?:all\s+)?(?:整个|全部|所有)?$/;
const SCOPE_AFTER = /^\s*(?:的)?\s*(?:品类|类目|品牌|城市|渠道|类|订单|用户|商品|销售额|成交额)?\s*(?:里面|里|之中|当中|中(?!国)|内)/
/** Nouns inside a numeric bound that still name what is counted ("orders over 300", "25岁以下的用户"); product nouns only describe the bound ("100元以下的商品"). */
const BOUND_NOUNS = /orders?|invoices?|transactions?|订单|单子|发票|users?|用户|customers?|客户|顾客|buyers?|买家|people|shoppers?|visitors?|访客|sales|销量|销售额/g;
/** The why-cue's words other than contribute/贡献, from the cue table. */
const OTHER_WHY_WORDS = new RegExp(CUE_PHRASES.why.map((phrase) => phrase.toLowerCase()).filter((phrase) => !/贡献|contribut/.test(phrase)).map((phrase) => (/^[a-z ]+$/.test(phrase) ? `\\b${phrase}\\b` : phrase)).join('|'));
const PRODUCT_NOUN = /products?|items?|goods|skus?|商品|产品|单品/;
const PEOPLE_WHO_BOUGHT = /\bhow many (?:distinct |different |unique |individual )?(?:customers|people|users|shoppers|clients|accounts)\b(?:(?!\b(?:and|but|than)\b)[^?,.]){0,50}?\b(?:placed|made|bought|ordered|paid|purchased|checked out|put through|shopped)\b(?! (?:more|less|fewer) than| (?:at least|over|under) \d)|(?:多少|几)(?:个|位|名)?(?:人|用户|客户|顾客|买家)[^，,。？?]{0,12}(?:下了?单|付了?款|支付了?|购买了?|买了)|(?:买|购买)(?:了|过)?[^，,。？?的]{1,10}的(?:人|用户|客户|顾客)/;
const PURCHASE_COUNTS = new Set(['orders', 'orders_created', 'units', 'gmv']);
const ANY_PAYMENT_STATUS = /\b(?:(?:whether )?paid or (?:not|unpaid)|paid and unpaid|(?:in|of) any status|regardless of (?:payment|status|whether (?:they were |it was )?paid)|including (?:the )?unpaid(?: ones| orders)?|incl\.? unpaid)\b|(?:不管|无论)(?:是否|有没有)?(?:付款|支付)(?:与否)?|(?:不论|不管)(?:订单)?状态|(?:含|包括|包含)未(?:付款|支付)(?:的)?/g;
const CHANGE_FROM_TO_EN = /\b(?:grow|grew|grown|growth|change[sd]?|increase[sd]?|rise|rose|risen|fall|fell|fallen|drop(?:ped)?|decline[sd]?|move[sd]?|go|went|gone|jump(?:ed)?|shift(?:ed)?)\b[^?.!]{0,40}?\b(from)\s+[a-z0-9 ,]{2,30}?\s+(to)\s+(?=[a-z0-9])/d;
const CHANGE_FROM_TO_ZH = /(从)\s*[^，,。？?从到]{1,12}?\s*(到)\s*[^，,。？?]{1,12}?(?:增长|涨|下降|降|变化|变动|提升|多了|少了|差了)/d;
const STATUS_COUNTS = new Set(['cancelled_orders', 'returned_orders']);
const COUNT_BOUND = /\b(?:more|fewer|less) than (?:once|twice|one time|\d+ times?|\d+(?:\.\d+)?)\b/g;
const PERIOD_OVER_PERIOD = /\b(day|week|month|quarter|year)[\s-]+(?:over|on)[\s-]+\1\b/g;
// "多少件商品", "how many products": the noun is counted; "收藏了商品", "bought products": it is the verb's object.
// "most viewed brand": the noun after a superlative verb is what is ranked, not what is counted.
const SUPERLATIVE_BEFORE = /\b(?:most|least)\s+(?:often\s+)?(?:bought|purchased|viewed|favourited|favorited)\s+$/;
const COUNTED_NOUN_BEFORE = /(?:多少|几)\s*件\s*$|销量\s*$|\bhow many\s+$|(?:收藏|购买|加购|浏览|下单)了\s*$|\b(?:bought|purchased|viewed|favourited|favorited)\s+(?:the\s+)?$/;
/** Retention is of new users by definition (cohorts); only metrics that split by new vs returning take the filter. */
let newVsReturningMetrics: Set<string> | undefined;
function splitsByNewVsReturning(metric: string): boolean {
  // Listed on first use: only a question about new users with another metric needs the catalogue walk.
  newVsReturningMetrics ??= new Set(listMetrics().filter((listing) => listing.dimensions.includes('new_vs_returning')).map((listing) => listing.id));
  return newVsReturningMetrics.has(metric);
}
/** Order metrics whose orders a status word can narrow, and the status each count-of-status metric names. */
const ORDER_LINE_METRICS = new Set(['units', 'gmv', 'orders', 'aov', 'units_per_order', 'avg_selling_price', 'buyers']);
const STATUS_OF_METRIC = [['cancelled_orders', 'cancelled'], ['returned_orders', 'returned']] as const;
const SCOPE_OF_ORDERS_BEFORE = /(?:\bfrom|\bon|\bin|\bof|\bfor|\bacross|来自|在)\s*(?:the\s+|all\s+|those\s+)?$/;
const CUSTOMER_ID = /(?:\bcustomer|\buser|\bshopper|\bbuyer|\bmember|客户|用户|顾客|买家|会员)\s*(?:id|编号)?\s*[#:：]?\s*(\d{3,}|(?<=(?:\bcustomer|\buser|\bshopper|\bbuyer|\bmember|客户|用户|顾客|买家|会员)\s?(?:id|编号|#)?\s?)\d{1,2}(?!\s*(?:岁|个|位|名|天|周|月|%|days?|weeks?|months?|years?|orders?|products?|items?)))(?![\d.])|(\d{1,})\s*号\s*(?:客户|用户|顾客|买家|会员)|(\d{3,})\s*(?:这个|这位|这名)\s*(?:客户|用户|顾客|买家|会员)/g;
/** "brand-new users who placed a paid order", "last week's buyers were new": new people counted as buyers. */
const NEW_PEOPLE_BUYING = String.raw`\b(?:brand[- ])?new (?:users|customers|shoppers) (?:who )?(?:bought|purchased|ordered|placed|paid)\b|\bbuyers were (?:brand[- ])?new\b`;
const NEW_BUYERS = new RegExp(String.raw`${NEW_PEOPLE_BUYING}|\b(?:brand[- ])?new (?:users|customers|shoppers) (?:who )?made a purchase\b|新(?:用户|客户|客|顾客)(?:里面|里|中|当中)?(?:有)?(?:多少|几)?(?:人|个)?(?:下单|购买|付款|下单付款|买了)`);
const NEW_USERS_AS_GROUP = new RegExp(String.raw`\b(?:for|among|from|of|by)\s+(?:the\s+)?new (?:users|customers|shoppers|visitors|buyers)\b|${NEW_PEOPLE_BUYING}|新(?:用户|客户|客|顾客|访客)(?:的|中|里|在|群体|贡献|带来|买了|下单|消费|花了)`);
const INCLUDE_BEFORE = /(?:including|incl\.?|包括|包含|含)\s*(?:the\s+)?$/;
const EXCLUDE_AFTER = /^\s*(以外|之外|除外|(?:那些|这些)?(?:都)?(?:不算|不要|不计))/;

/** The "previous period" phrases that are not offsets from an anchor period (only read when there is one). */
function withoutAnchoredOffsets(matches: RegExpExecArray[], text: string, asOf: string): RegExpExecArray[] {
  if (matches.length === 0) return matches;
  let periods: { index: number; matchedText: string }[];
  try {
    periods = findTimeExpressions(text, asOf);
  } catch {
    return matches;
  }
  // Only a longer period contains an anchored offset: "前一周" alone is also read as a rolling window.
  const contains = (period: { index: number; matchedText: string }, match: RegExpExecArray) =>
    period.matchedText.length > match[0].length && period.index <= match.index && match.index + match[0].length <= period.index + period.matchedText.length;
  return matches.filter((match) => !periods.some((period) => contains(period, match)));
}

const ORDERS_AS_SCOPE = /^(?:and |but |ok,? )?(?:just |only )?(?:(?:for|on|of|among|in)\s+|counting\s+)(?:the\s+)?(?:paid\s+)?(?:orders|invoices)(?:\s+(?:placed|made|paid))?\s+(?:on|in|with|via|through|from|by)\b/;
const ONLY_SCOPE = /\b(?:only|just)\b|仅|只(?:看|算|统计|考虑|包括)/;
const ASK_JOINED = /^\s*(?:,|，|、|and\b|以及|和|还有|及)/;
/** A metric listed as an item of its own: a separator before it, another item after it. */
const LIST_SEPARATOR_BEFORE = /[\s,，、:：]/;
// Sticky: read right where the phrase ends, so "\b" still sees the phrase's last character.
const LISTED_NEXT = /\s*(?:,|，|、|\band\b|和|以及)\s*\S/y;
const ASK_THEN_ANOTHER = /^[^,，。?？]*?\band (?:what|how|the|their|its)\b|^[^,，。?？]*?(?:以及|还有)/;
const TIME_GROUPINGS = new Set(['day', 'week', 'month', 'hour', 'weekday', 'day_type']);

/** "how many reviews", "number of returns", "多少条评价": a metric asked for as a count of its own noun. */
function countAskedFor(metricId: string, normalized: string): boolean {
  const metric = findMetric(metricId);
  if (!metric) return false;
  return [...metric.synonyms_en, ...metric.synonyms_zh].some((synonym) => {
    const phrase = synonym.toLowerCase();
    // Asked as a count of its own and joined to the next ask ("… and what average rating"); "how many conversations
    // were handed over" is the other metric's subset.
    const asked = ['how many ', 'number of ', '多少', '多少条', '多少个', '多少笔', '多少次'].some((asking) => {
      const at = normalized.indexOf(`${asking}${phrase}`);
      if (at < 0) return false;
      const after = normalized.slice(at + asking.length + phrase.length);
      // "how many buyers did we have in November and what was their repurchase rate": two asks in one clause.
      return ASK_JOINED.test(after.slice(0, 6)) || ASK_THEN_ANOTHER.test(after.slice(0, 60));
    });
    // Listed as an item of its own: "paid orders, revenue and average order value", "orders and AOV".
    let listed = false;
    for (let at = normalized.indexOf(phrase); at >= 0 && !listed; at = normalized.indexOf(phrase, at + 1)) {
      LISTED_NEXT.lastIndex = at + phrase.length;
      listed = (at === 0 || LIST_SEPARATOR_BEFORE.test(normalized[at - 1] as string)) && LISTED_NEXT.test(normalized);
    }
    return asked || listed;
  });
}

function safeResolve(text: string, asOf: string): ResolvedTimeExpression | undefined {
  try {
    return resolveTimeExpression(text, asOf);
  } catch {
    return undefined;
  }
}

/** Recognises metrics, dimensions, values, time and cues in a question, with what stayed unexplained. */
export function recognizeQuestion(question: string, asOf: string, values: ValueIndex, asWritten: string = question): Recognition {
  const normalized = normalizeQuestion(question);
  const taken: boolean[] = new Array(normalized.length).fill(false);
  const recognised: string[] = [];
  // "the same day last week", "上周同一天": a comparison, not a split by day.
  for (const match of normalized.matchAll(WEEK_EARLIER_ALL)) markTaken(taken, match.index, match.index + match[0].length);
  // "that month", "那天": the period the conversation is about (a follow-up keeps it), never a split by month or day.
  // "at least one hot water bottle": a bound, never "the least".
  const boundWordSpans: [number, number][] = [];
  for (const match of normalized.matchAll(/\bat (?:least|most)\b|至少|至多/g)) {
    markTaken(taken, match.index, match.index + match[0].length);
    boundWordSpans.push([match.index, match.index + match[0].length]);
  }
  for (const match of normalized.matchAll(THAT_PERIOD)) {
    markTaken(taken, match.index, match.index + match[0].length);
    recognised.push(match[0]);
  }
  const titles = wholeProductTitles(normalized, values);
  for (const title of titles) {
    markTaken(taken, title.start, title.end);
    recognised.push(normalized.slice(title.start, title.end));
  }

  // "前一周" / "the week before" alone compares with the previous period; written against an anchor
  // ("双十一前一周", "the week before Black Friday") it is a period of its own, read by the time rules.
  const previousOf = withoutAnchoredOffsets([...normalized.matchAll(PREVIOUS_OF)], normalized, asOf);
  for (const match of previousOf) markTaken(taken, match.index, match.index + match[0].length);
  let blanked = normalized;
  // "across the whole period", "over everything we have", "全部数据": every day of the data, named.
  const wholeData = wholeDataSpans(normalized);
  for (const span of wholeData) {
    markTaken(taken, span.start, span.end);
    recognised.push(normalized.slice(span.start, span.end).trim());
    blanked = blankSpan(blanked, span.start, span.end);
  }
  for (const title of titles) blanked = blankSpan(blanked, title.start, title.end);
  for (const match of previousOf) blanked = blankSpan(blanked, match.index, match.index + match[0].length);
  // "当天/那天" point at a period named elsewhere in the question, never at the as-of day.
  let timeText = blanked
    .replace(/当天|当日|那天|这一天|这天/g, (found) => ' '.repeat(found.length))
    .replace(THAT_PERIOD, (found) => ' '.repeat(found.length))
    // "周末vs工作日" names the weekday/weekend grouping, not last weekend.
    .replace(DAY_TYPE_PHRASES, (found) => ' '.repeat(found.length))
    // "上周日均" / "上周日活" are last week's daily average / DAU, not last Sunday.
    .replace(/日均|日活|周均|月均/g, (found) => ' '.repeat(found.length))
    // "销量最高的前3天" ranks days: its "前3天" is what is ranked, not the last three days.
    .replace(RANKED_TIME_BUCKETS, (found) => ' '.repeat(found.length));
  // "How much did Phones revenue grow from October to November?", "从10月到11月涨了多少": a change from one period
  // to another compares the two, it is no range spanning both.
  const changeFromTo = CHANGE_FROM_TO_EN.exec(timeText) ?? CHANGE_FROM_TO_ZH.exec(timeText);
  if (changeFromTo?.indices) {
    const [fromStart, fromEnd] = changeFromTo.indices[1] as [number, number];
    const [toStart, toEnd] = changeFromTo.indices[2] as [number, number];
    // Same lengths, so the matches' positions still point into the question.
    timeText = `${timeText.slice(0, fromStart)}${' '.repeat(fromEnd - fromStart)}${timeText.slice(fromEnd, toStart)}${toEnd - toStart === 2 ? 'vs' : '和'}${timeText.slice(toEnd)}`;
  }
  // "本月截至昨天", "year-to-date as of 30 November": the day after 截至 / as of ends the period named, it is no period.
  const endAnchor = END_ANCHOR.exec(timeText);
  const anchorDay = endAnchor ? safeResolve(endAnchor[1] ?? '', asOf) : undefined;
  const anchored = anchorDay && anchorDay.start === anchorDay.end && endAnchor ? blankSpan(timeText, endAnchor.index, endAnchor.index + endAnchor[0].length) : timeText;
  let time: ResolvedTimeExpression | undefined = safeResolve(anchored, asOf);
  if (time && anchorDay && anchored !== timeText && anchorDay.end <= time.end && anchorDay.end >= time.start) {
    if (anchorDay.end < time.end) time = { ...time, end: anchorDay.end, label_en: `${time.label_en} to ${anchorDay.end}`, label_zh: `${time.label_zh}截至${anchorDay.end}` };
    if (endAnchor) {
      markTaken(taken, endAnchor.index, endAnchor.index + endAnchor[0].length);
      recognised.push(endAnchor[0].trim());
    }
  } else if (anchored !== timeText) {
    time = safeResolve(timeText, asOf);
  }
  for (const match of time?.matches ?? []) {
    markTaken(taken, match.index, match.index + match.matchedText.length);
    recognised.push(match.matchedText);
  }
  // "do weekends convert better than weekdays?": weekend and weekday words apart from each other still name the
  // two day types, a grouping, not a restriction to either (nor last weekend against the one before).
  const dayTypeWords = new Set((time?.matches ?? []).filter((match) => match.modifierOnly && match.weekdays).map((match) => match.weekdays?.length));
  const bothDayTypes = dayTypeWords.has(2) && dayTypeWords.has(5);
  if (time && bothDayTypes) {
    const ranges = time.matches.filter((match) => !match.modifierOnly);
    time = ranges.length === 0 ? undefined : resolveTimeExpression(ranges.map((match) => match.matchedText).join(' '), asOf);
  }
  // "GMV month over month", "环比上月", "vs last month": the calendar unit's current period against the one before. A
  // period named inside the phrase ("上月" in "环比上月") is the one compared with, not the one asked about.
  // The period stays recognised: a follow-up ("和上个月比呢" after 本月) compares the conversation's period with it.
  let comparisonUnit: ComparisonUnit | undefined;
  const unitComparison = periodUnitComparison(normalized);
  if (unitComparison && (time?.matches ?? []).filter((match) => !match.modifierOnly).every((match) => match.index >= unitComparison.start && match.index < unitComparison.end)) {
    comparisonUnit = unitComparison.unit;
  }
  // Two named periods ("between September and October", "这周比上周"): the later one is current.
  const periods = (time?.matches ?? []).filter((match) => !match.modifierOnly && !match.superseded);
  if (time && periods.length >= 2) {
    const [earlier, later] = [...periods].sort((left, right) => left.start.localeCompare(right.start)).filter((_, index, all) => index === 0 || index === all.length - 1);
    // Overlapping periods ("since mid-September (from the week of Sep 15)") restate one period; they compare nothing.
    if (earlier && later && earlier.start !== later.start && earlier.end < later.start) {
      // "和上周一整周比": the whole earlier unit, as asked, even against a unit still running.
      const wholeEarlier = WHOLE_UNIT.test(normalized) ? { start: earlier.start, end: earlier.end, label_en: earlier.label_en, label_zh: earlier.label_zh } : undefined;
      time = { ...time, start: later.start, end: later.end, label_en: later.label_en, label_zh: later.label_zh, previous: wholeEarlier ?? comparedPeriod(later, earlier), comparison: 'named_period' };
    }
  }
  // "the first week of December (1st-7th)", "第二周（8-14号）": days restating a period already read explain nothing new.
  const periodsRead = [...(time?.matches ?? []), ...(time ? [time, time.previous] : [])];
  for (const match of normalized.matchAll(DAY_RANGE_ECHO)) {
    const [first, last] = [Number(match[1]), Number(match[2])];
    const echoes = periodsRead.some((period) => Number(period.start.slice(8)) === first && Number(period.end.slice(8)) === last);
    if (!echoes || taken.slice(match.index, match.index + match[0].length).some(Boolean)) continue;
    markTaken(taken, match.index, match.index + match[0].length);
    recognised.push(match[0].trim());
  }
  for (const match of normalized.matchAll(WHOLE_UNIT_ALL)) {
    markTaken(taken, match.index, match.index + match[0].length);
    recognised.push(match[0]);
  }

  // "customers who spent over £5,000", "下单超过3次的用户": bounds on each group's own total, read before bounds on an
  // order's amount so "more than 10 orders" is never an order worth over 10. The whole phrase is explained here.
  // "at least" was taken above so it never ranks; inside a bound it is the bound's own words.
  const takenElsewhere = (at: number) => taken[at] === true && !boundWordSpans.some(([from, to]) => at >= from && at < to);
  const thresholds = groupThresholds(normalized).filter((threshold) => !Array.from({ length: threshold.end - threshold.start }, (_, offset) => threshold.start + offset).some(takenElsewhere));
  for (const threshold of thresholds) {
    markTaken(taken, threshold.start, threshold.end);
    recognised.push(normalized.slice(threshold.start, threshold.end));
  }
  // "users under 25", "100元以下的商品", "orders over 300 yuan": bounds on a numeric dimension. Their numbers and bound
  // words are taken (never a top-N or band edge); the nouns inside stay for the lexicon ("orders" is still the metric).
  const boundFilters: SemanticFilter[] = [];
  if (titles.length > 0) boundFilters.push({ dimension: 'product', operator: 'in', values: [...new Set(titles.map((title) => title.title))] });
  // "top 5 products under ¥50": a product noun inside a price bound is the ranking's subject when the question ranks.
  let boundProductNoun = false;
  for (const bound of numericBounds(normalized)) {
    if (taken.slice(bound.start, bound.end).some(Boolean)) continue;
    markTaken(taken, bound.start, bound.end);
    for (const noun of normalized.slice(bound.start, bound.end).matchAll(BOUND_NOUNS)) {
      for (let index = bound.start + noun.index; index < bound.start + noun.index + noun[0].length; index += 1) taken[index] = false;
    }
    recognised.push(normalized.slice(bound.start, bound.end));
    if (bound.dimension === 'product_price' && PRODUCT_NOUN.test(normalized.slice(bound.start, bound.end))) boundProductNoun = true;
    boundFilters.push({ dimension: bound.dimension, operator: bound.operator, values: bound.values });
  }
  // "searched for 耳机", "searches mentioning 'iphone 16'": the words are looked for in the search text, never read as
  // the category or product that shares them.
  // "比平时", "vs an average day": the period against an ordinary one (its words are the comparison's).
  const baseline = baselineComparison(normalized);
  if (baseline) markTaken(taken, baseline.start, baseline.end);
  const searches = searchTermsIn(normalized);
  for (const search of searches) {
    if (taken.slice(search.start, search.end).some(Boolean)) continue;
    // The Chinese phrase splits its metric ("搜索…的人数"): the verb and the counted noun are read with the term.
    const chinese = /[\u4e00-\u9fff]/.test(normalized.slice(search.phraseStart, search.start));
    const counted = chinese ? /^\s*["”」』']?\s*的?\s*(?:人数|人|用户数?|访客数?|次数)?/.exec(normalized.slice(search.phraseEnd)) : null;
    markTaken(taken, chinese ? search.phraseStart : search.start, chinese ? search.phraseEnd + (counted?.[0].length ?? 0) : search.end);
    recognised.push(search.term);
    boundFilters.push({ dimension: 'search_query', operator: 'contains', values: [search.term] });
  }
  // "customers 17850, 12748 and 15061": several customers by id, each its own row.
  let listsCustomers = false;
  for (const match of normalized.matchAll(CUSTOMER_LIST)) {
    const ids = (match[1] ?? '').match(/\d{3,}/g) ?? [];
    mergeFilter(boundFilters, 'customer', ids, false);
    listsCustomers = true;
    markTaken(taken, match.index, match.index + match[0].length);
    recognised.push(match[0].trim());
  }
  // "stock code 22423", "货号85099B": a product by its code (product filters match SKUs).
  for (const match of normalized.matchAll(STOCK_CODE)) {
    // Hyphens between letters were made spaces by normalizing ("ph-app-0001" → "ph app-0001"); the code has them back.
    const code = (match[1] ?? match[2] ?? match[3] ?? '').toUpperCase().replace(/ /g, '-');
    // "WHITE HANGING HEART T-LIGHT HOLDER (85123A)": the code in brackets says which of the titled products is meant.
    const titled = match[0].trimStart().startsWith('(') ? boundFilters.find((filter) => filter.dimension === 'product') : undefined;
    if (titled) titled.values = [code];
    else mergeFilter(boundFilters, 'product', [code], false);
    markTaken(taken, match.index, match.index + match[0].length);
    recognised.push(match[0].trim());
  }
  for (const match of normalized.matchAll(ORDER_NUMBER)) {
    const number = match[1] ?? match[2];
    if (!number) continue;
    mergeFilter(boundFilters, 'order_number', [number.toUpperCase()], false);
    markTaken(taken, match.index, match.index + match[0].length);
    recognised.push(match[0].trim());
  }
  // "how much did customer 15061 spend", "客户17850下了多少单": one customer by id (the customer dimension's value).
  for (const match of normalized.matchAll(CUSTOMER_ID)) {
    const id = match[1] ?? match[2] ?? match[3];
    if (!id) continue;
    mergeFilter(boundFilters, 'customer', [id], false);
    markTaken(taken, match.index, match.index + match[0].length);
    recognised.push(match[0].trim());
  }
  const limitPhrase = findLimit(normalized, taken, () => values.find(normalized, [...taken]));
  const limit = limitPhrase?.value;
  const timeOrLimitTaken = [...taken];
  const strongMetrics: string[] = [];
  const weakMetrics: string[] = [];
  const specificMetrics = new Set<string>();
  const valueEnds: { end: number; dimension: string; negated: boolean }[] = [];
  const scopeDimensions: string[] = [];
  const dimensions: string[] = [];
  // Head nouns that only described a value ("tier-1 cities"): the grouping of a ranking that names no other.
  const describedDimensions: string[] = [];
  // Another dimension's noun right after a value ("phone brand"): what is being talked about, not a grouping.
  const nounsAfterValues: string[] = [];
  const filters: SemanticFilter[] = [...boundFilters];
  const cues = new Set<Cue>();
  // How many phrases named values of each dimension: "男女" names two, "移动端" one (that stands for several).
  const namedValues = new Map<string, number>();
  // Customers listed by id are named one by one: each is its own row.
  if (listsCustomers) namedValues.set('customer', boundFilters.find((filter) => filter.dimension === 'customer')?.values.length ?? 0);

  let includesUnpaidStatus = false;
  // "month-over-month", "week on week": a comparison with the previous period, not a split by month or week.
  const overPeriods = [...normalized.matchAll(PERIOD_OVER_PERIOD)];
  for (const match of overPeriods) markTaken(taken, match.index, match.index + match[0].length);
  const setAside: string[] = [];
  const excludedStatuses: string[] = [];
  let lastExcluded: number | undefined;
  let lastIncluded: number | undefined;
  const productSpans: [number, number][] = titles.map((title): [number, number] => [title.start, title.end]);
  const metricSpans = new Map<string, [number, number]>();
  for (const match of questionLexicon(values).findAll(normalized, taken)) {
    recognised.push(match.phrase);
    const term = match.meaning;
    if (term.kind === 'metric') {
      // "all of them incl cancelled", "the cancelled ones not returned": a status included or excluded, not a metric asked.
      const before = normalized.slice(Math.max(0, match.start - 16), match.start);
      // "excluding cancelled and returned orders": a status joined to an excluded one is excluded too.
      const joinedToExcluded = lastExcluded !== undefined && /^\s*(?:,|、|and|or|&|和|与|及|或|以及)\s*$/.test(normalized.slice(lastExcluded, match.start));
      // "Cancellations excluded, obviously": the exclusion written after the status.
      const excludedAfter = /^\s*(?:excluded|not included|not counted|left out|removed|aside|set aside)\b|^\s*(?:不算|除外|不计|排除在外)/.test(normalized.slice(match.end, match.end + 16));
      const excluding = joinedToExcluded || excludedAfter || /(?:\bnot(?: including| counting)?|\bleaving out|\bleave out|\bexcluding|\bexclude|\bwithout|\bignoring|\bexcept|不含|不包括|除了|不算|排除|剔除|非)\s*$/.test(before);
      if (excluding) {
        excludedStatuses.push(term.id);
        lastExcluded = match.end;
      }
      // "including cancellations and credit notes": a status joined to an included one is included too.
      const joinedToIncluded = lastIncluded !== undefined && /^\s*(?:,|、|and|or|&|和|与|及|或|以及)\s*$/.test(normalized.slice(lastIncluded, match.start));
      const including = !excluding && (INCLUDE_BEFORE.test(before) || joinedToIncluded);
      if (including) {
        lastIncluded = match.end;
        const word = INCLUDE_BEFORE.exec(before);
        if (word) markTaken(taken, match.start - before.length + word.index, match.start);
        // Orders counted with cancelled or returned ones are every order placed, paid or not.
        if (STATUS_COUNTS.has(term.id)) includesUnpaidStatus = true;
      }
      if (including || excluding) {
        setAside.push(term.id);
        continue;
      }
      const list = term.weak ? weakMetrics : strongMetrics;
      if (!metricSpans.has(term.id)) metricSpans.set(term.id, [match.start, match.end]);
      if (!list.includes(term.id)) list.push(term.id);
      if (!term.generic) specificMetrics.add(term.id);
    } else if (term.kind === 'dimension' && COUNTED_NOUN_BEFORE.test(normalized.slice(Math.max(0, match.start - 12), match.start)) && !SUPERLATIVE_BEFORE.test(normalized.slice(Math.max(0, match.start - 24), match.start)) && !asksDistinctCount(normalized)) {
      // "上周卖了多少件商品", "how many products did we sell": the noun is what is counted (units), not a grouping.
      continue;
    } else if (term.kind === 'dimension') {
      // "Apple products", "tier-1 cities": a dimension word right after a value describes it, unless the
      // question ranks or splits ("销售额最高的手机品牌是哪个" groups by brand).
      const nearValue = valueEnds.find((end) => match.start - end.end >= 0 && match.start - end.end <= 2);
      // A head noun of the value's own kind describes it ("tier-1 cities", "手机品类"); another dimension
      // right after a value is a grouping when the question groups ("成都按品牌看", "销售额最高的手机品牌").
      const explicitGrouping = nearValue !== undefined && /按|by|per/.test(normalized.slice(nearValue.end, match.start));
      const describesValue = nearValue !== undefined && !explicitGrouping && (DESCRIBES[nearValue.dimension] ?? [nearValue.dimension]).includes(term.id);
      const groupingSignal = GROUPING_SIGNAL.test(normalized);
      if (nearValue !== undefined && !describesValue && !nounsAfterValues.includes(term.id)) nounsAfterValues.push(term.id);
      if (!describesValue && (nearValue === undefined || groupingSignal) && !dimensions.includes(term.id)) dimensions.push(term.id);
      else if (describesValue && !describedDimensions.includes(term.id)) describedDimensions.push(term.id);
    } else if (term.kind === 'cue') cues.add(term.cue);
    else if (term.kind === 'value') {
      if (term.value.dimension === 'product') productSpans.push([match.start, match.end]);
      // "excluding Apple and Huawei", "leave out postage and other non-product lines": a value joined to an excluded
      // one by and/or/、 (and "other") is excluded too.
      const previousValue = valueEnds[valueEnds.length - 1];
      const listedAfterExcluded = previousValue !== undefined && previousValue.negated && /^\s*(?:,|、|and|or|&|和|与|及|或|以及)?\s*(?:(?:any |all )?others?|其他|其它|别的)?\s*$/.test(normalized.slice(previousValue.end, match.start));
      const negated = listedAfterExcluded || EXCLUDE_BEFORE.test(normalized.slice(Math.max(0, match.start - 16), match.start)) || EXCLUDE_AFTER.test(normalized.slice(match.end, match.end + 4));
      valueEnds.push({ end: match.end, dimension: term.value.dimension, negated });
      if (!negated && (SCOPE_BEFORE.test(normalized.slice(Math.max(0, match.start - 12), match.start)) || SCOPE_AFTER.test(normalized.slice(match.end, match.end + 8)))) {
        if (!scopeDimensions.includes(term.value.dimension)) scopeDimensions.push(term.value.dimension);
      }
      // "各个订单状态…（包括未支付的）", "by status, including pending": the value is kept in the grouping, not a filter.
      const included = !negated && INCLUDE_BEFORE.test(normalized.slice(Math.max(0, match.start - 10), match.start));
      if (included) {
        if (!dimensions.includes(term.value.dimension)) dimensions.push(term.value.dimension);
        // Orders of every status are asked for: paid orders would leave the included ones out.
        if (term.value.dimension === 'order_status') includesUnpaidStatus = true;
        continue;
      }
      mergeFilter(filters, term.value.dimension, term.value.values, negated);
      if (!negated) namedValues.set(term.value.dimension, (namedValues.get(term.value.dimension) ?? 0) + (term.value.lists ? term.value.values.length : 1));
    }
  }
  for (const match of cueLexicon.findAll(normalized, taken)) {
    recognised.push(match.phrase);
    cues.add(match.meaning);
  }
  // Superlatives may sit inside longer phrases other passes took ("卖得最多", "最低的三个").
  // Not inside a period, though: "12月第一周" is a week, not a "first".
  const periodSpans = (time?.matches ?? []).map((period) => [period.index, period.index + period.matchedText.length] as const);
  for (const match of cueLexicon.findAll(normalized)) {
    if (periodSpans.some(([start, end]) => match.start >= start && match.end <= end)) continue;
    if (/\bat\s+$|至$/.test(normalized.slice(Math.max(0, match.start - 3), match.start))) continue;
    if (match.meaning === 'top' || match.meaning === 'bottom') cues.add(match.meaning);
  }
  if (previousOf.length > 0 || overPeriods.length > 0 || comparisonUnit || baseline) cues.add('compare');
  // "老用户贡献了多少GMV": an amount (or a ranking), unless another why-word asks for an explanation.
  if (cues.has('why') && asksContributedAmount(normalized) && !OTHER_WHY_WORDS.test(normalized)) cues.delete('why');
  // "搜索“羽绒服”的人数": the search phrase names its own count when nothing else names a metric.
  if (searches.length > 0 && strongMetrics.length === 0 && weakMetrics.length === 0) strongMetrics.push(searchCountOf(normalized));
  if (boundProductNoun && dimensions.length === 0 && (limit !== undefined || cues.has('top') || cues.has('bottom'))) dimensions.push('product');
  // "biggest drop", "增长最快": a comparison that ranks the groups by their change.
  if (RANKED_CHANGE.test(normalized)) cues.add('top');
  // "销售额排名后五的品类": counting from the bottom decides the direction; 排名 only said it is a ranking.
  if (limitPhrase?.fromBottom) {
    cues.delete('top');
    cues.add('bottom');
  }
  // A search step only in a funnel named as such ("从搜索到加购再到下单的漏斗"): "搜索转化率" is a metric of its own.
  // "谁的客单价更高", "which … more, A or B": one group picked, as by a superlative.
  // "bought more than once", "spent more than £500": a bound on a count or amount, never "which bought more".
  const withoutBounds = thresholds.reduce((text, threshold) => blankSpan(text, threshold.start, threshold.end), normalized).replace(COUNT_BOUND, (found) => ' '.repeat(found.length));
  const comparative = cues.has('top') || cues.has('bottom') ? undefined : comparativeDirection(withoutBounds);
  if (comparative) cues.add(comparative);
  // "which city came second": a place in a ranking, highest first unless the question says lowest.
  const place = placeAskedFor(normalized);
  if (place !== undefined && !cues.has('bottom')) cues.add('top');
  // "orders under 300, 300-1000 and 1000+": a list of amount bands asks for a distribution over them.
  if (BAND_LIST.test(normalized)) cues.add('distribution');
  const eventSteps = eventStepsOf(normalized, cues.has('funnel'));
  if (!cues.has('funnel') && impliesFunnel(normalized, eventSteps.length)) cues.add('funnel');
  // Weak metrics count when nothing stronger was named, or when they refine a named one
  // ("share of visitors who favourited" → favourite rate, not visitors).
  // "Share of visitors who favourited" asks for a rate, not a count of favourites.
  if (SHARE_WORDS.test(normalized)) {
    for (const list of [weakMetrics, strongMetrics]) {
      for (const [count, rate] of RATE_OF_COUNT) {
        const index = list.indexOf(count);
        if (index >= 0 && !list.includes(rate)) list[index] = rate;
      }
    }
  }
  // "what % of people who added to cart ended up buying": the share of one step's users who reached the next.
  if ((SHARE_WORDS.test(normalized) || CONVERSION_WORDS.test(normalized) || DROP_OFF_WORDS.test(normalized)) && !cues.has('funnel')) {
    const dropOff = DROP_OFF_WORDS.test(normalized);
    // "what share of people who searched went on to buy": the search step counts here too.
    const steps = !dropOff && SEARCHED_THEN_BOUGHT.test(normalized) ? 'search,purchase' : eventSteps.join(',');
    const stepRate = (dropOff ? DROP_OFF_RATES : STEP_RATES)[steps];
    if (stepRate) {
      for (const list of [weakMetrics, strongMetrics]) {
        const index = list.findIndex((metric) => stepRate.replaces.includes(metric));
        if (index < 0) continue;
        const kept = list.filter((metric) => !stepRate.replaces.includes(metric));
        list.splice(0, list.length, ...kept.slice(0, index), stepRate.metric, ...kept.slice(index));
      }
    }
  }
  // "各订单状态的订单数": paid orders split by status would show one status; every order counts.
  if (dimensions.includes('order_status')) includesUnpaidStatus = true;
  // "orders placed last week, paid or not", "including unpaid ones", "in any status": every order placed.
  const anyStatus = [...normalized.matchAll(ANY_PAYMENT_STATUS)];
  for (const match of anyStatus) {
    markTaken(taken, match.index, match.index + match[0].length);
    recognised.push(match[0]);
    includesUnpaidStatus = true;
  }
  if (includesUnpaidStatus) {
    for (const list of [weakMetrics, strongMetrics]) {
      const index = list.indexOf('orders');
      if (index >= 0) list[index] = 'orders_created';
    }
  }
  // Set aside only while something else is asked: "not cancelled orders" alone keeps its metric (and is not refused).
  if (strongMetrics.length === 0 && weakMetrics.length === 0) weakMetrics.push(...new Set(setAside));
  const refining = weakMetrics.filter((metric) => (DOMINATES[metric] ?? []).some((dominatedMetric) => strongMetrics.includes(dominatedMetric)));
  // A generic noun ("用户" in "男性用户买得最多的品类") counts only when nothing more specific was said.
  const specificWeak = weakMetrics.filter((metric) => specificMetrics.has(metric));
  const named = strongMetrics.length > 0 ? [...strongMetrics, ...refining] : specificWeak.length > 0 ? specificWeak : weakMetrics;
  // "How many reviews and what average rating": a count asked for in its own words is not part of the other metric.
  const dominated = new Set(named.flatMap((metric) => DOMINATES[metric] ?? []).filter((metric) => !countAskedFor(metric, normalized)));
  let metrics = named.filter((metric) => !dominated.has(metric));
  // "units on cancelled invoices", "revenue from returned orders": a status word beside an order metric says which
  // orders it counts (a filter on their status), not a second metric to drop.
  for (const [statusMetric, status] of STATUS_OF_METRIC) {
    const span = metricSpans.get(statusMetric);
    const others = metrics.filter((metric) => metric !== statusMetric);
    if (!span || others.length === 0 || !others.every((metric) => ORDER_LINE_METRICS.has(metric))) continue;
    // Dropped as a weak word ("units on cancelled invoices"), or named as the orders another metric is taken from.
    const scope = !metrics.includes(statusMetric) || SCOPE_OF_ORDERS_BEFORE.test(normalized.slice(Math.max(0, span[0] - 12), span[0])) || /^\s*的/.test(normalized.slice(span[1]));
    if (!scope || filters.some((filter) => filter.dimension === 'order_status')) continue;
    filters.push({ dimension: 'order_status', operator: 'in', values: [status] });
    metrics = others;
  }
  // "How many orders are still sitting unpaid (pending)?": unpaid orders are never among paid orders; count all placed.
  if (filters.some((filter) => filter.dimension === 'order_status' && filter.operator === 'in' && filter.values.includes('pending'))) {
    metrics = metrics.map((metric) => (metric === 'orders' ? 'orders_created' : metric));
  }
  // "Excluding cancelled and returned orders, what was October GMV": those orders left out (their status).
  const leftOut = STATUS_OF_METRIC.filter(([statusMetric]) => excludedStatuses.includes(statusMetric)).map(([, status]) => status);
  if (leftOut.length > 0 && metrics.length > 0 && metrics.every((metric) => ORDER_LINE_METRICS.has(metric)) && !filters.some((filter) => filter.dimension === 'order_status')) {
    filters.push({ dimension: 'order_status', operator: 'not_in', values: leftOut });
  }
  // Named only by a generic noun ("用户") or implied by a value ("中文评价" → reviews): a follow-up keeps its metric.
  // "Just for orders placed on iOS?": orders named only as the scope of a filter; a follow-up keeps its metric.
  let metricsOnlyImplied = (strongMetrics.length === 0 && specificWeak.length === 0 && metrics.length > 0) || (metrics.every((metric) => metric === 'orders' || metric === 'orders_created') && ORDERS_AS_SCOPE.test(normalized));
  if (metrics.length === 0) {
    const implied = filters.map((filter) => METRIC_IMPLIED_BY_DIMENSION[filter.dimension]).find((metric) => metric !== undefined);
    if (implied) {
      metrics = [implied];
      metricsOnlyImplied = true;
    }
  }
  // "per" inside a metric's own name ("revenue per buyer") splits nothing.
  const wantsBreakdown = BREAKDOWN_WORDS.test([...metricSpans.values()].reduce((text, [start, end]) => blankSpan(text, start, end), normalized));
  // "only orders paid with Alipay …, which cities had the highest revenue per buyer": the orders are the scope.
  const ordersSpan = metricSpans.get('orders');
  if (ordersSpan && metrics.length > 1 && metrics.includes('orders') && /^\s*(?:paid|placed|made|that|which|with|from)\b/.test(normalized.slice(ordersSpan[1]))) {
    metrics = metrics.filter((metric) => metric !== 'orders');
  }

  // A dimension that also has a value ("手机品类", "tier-1 cities") is a filter, not a grouping; several
  // values asked for separately ("北上广深…分别", "男女用户…分别") are both.
  // Naming several values of one dimension ("男女用户", "iOS and Android") asks for each, unless a total is asked.
  // "Considering only orders paid with Alipay or WeChat Pay, which three cities …": the values scope the ranking of
  // another dimension; they are not groups of their own.
  const scopesAnotherGrouping = ONLY_SCOPE.test(normalized) && !wantsBreakdown && dimensions.length > 0;
  const splitValues = (wantsBreakdown || !WANTS_TOTAL.test(normalized)) && !scopesAnotherGrouping;
  const splits = (filter: SemanticFilter) => filter.values.length > 1 && filter.operator === 'in' && splitValues && (wantsBreakdown || (namedValues.get(filter.dimension) ?? 0) > 1);
  // "brands excluding Apple" still groups by brand: only an inclusion filter stands in for the grouping.
  const filteredDimensions = new Set(filters.filter((filter) => filter.operator === 'in' && !splits(filter)).map((filter) => filter.dimension));
  const groupings = dimensions.filter((dimension) => !filteredDimensions.has(dimension));
  if (bothDayTypes && !groupings.includes('day_type')) groupings.push('day_type');
  for (const filter of filters) {
    if (splits(filter) && !groupings.includes(filter.dimension)) groupings.push(filter.dimension);
  }
  // "top tier-1 cities by orders" ranks the cities inside tier 1; "tier-1 cities' GMV" stays a filter.
  const ranks = cues.has('top') || cues.has('bottom') || limit !== undefined;
  if (ranks && groupings.length === 0) groupings.push(...describedDimensions.filter((dimension) => !filters.some((filter) => filter.dimension === dimension && filter.operator === 'in')));

  // "每个品类卖得最好的商品": the noun after each/每个 names the groups the ranking is repeated in.
  let perGroup: string | undefined;
  const groupNoun = ranks ? perGroupNoun(normalized) : undefined;
  if (groupNoun) {
    const named = questionLexicon(values).findAll(groupNoun).find((match) => match.meaning.kind === 'dimension')?.meaning;
    const dimension = named?.kind === 'dimension' ? named.id : undefined;
    if (dimension && groupings.some((grouping) => grouping !== dimension)) {
      perGroup = dimension;
      groupings.splice(0, groupings.length, dimension, ...groupings.filter((grouping) => grouping !== dimension));
    }
  }
  // "For phones and for laptops, the top 3 brands": values named separately, with a top N of another dimension, are
  // the groups the ranking is repeated in.
  const splitGroup = filters.find((filter) => splits(filter))?.dimension;
  if (!perGroup && splitGroup && limit !== undefined && groupings.some((grouping) => grouping !== splitGroup && !TIME_GROUPINGS.has(grouping))) {
    perGroup = splitGroup;
    groupings.splice(0, groupings.length, splitGroup, ...groupings.filter((grouping) => grouping !== splitGroup));
  }
  // Words a shape rule explains ("排第几", "where does … rank") are understood, not unknown.
  for (const expression of SHAPE_RULE_EXPRESSIONS) {
    for (const match of normalized.matchAll(expression)) {
      markTaken(taken, match.index, match.index + shapeWordsLength(match[0]));
      // "is Apple the no.1 brand": the place asked about at the end is the rule's too.
      const place = RANK_PLACE_AT_END.exec(match[0]);
      if (place) markTaken(taken, match.index + place.index, match.index + match[0].length);
    }
  }
  let residual = normalized
    .split('')
    .map((character, index) => (taken[index] ? ' ' : character))
    .join('');
  let unknownWords = segmentWords(residual).filter((word) => {
    const lower = word.toLowerCase();
    return !STOPWORDS.has(lower) && !/^[\p{P}\p{S}\d\s]+$/u.test(lower) && !(lower.length === 1 && /[a-z]/.test(lower)) && !GENERIC_COUNT.test(lower);
  });
  // "how many WHITE HANGING HEART T-LIGHT HOLDERs did we sell": words that together name products of this shop
  // are a product filter (every title that has them all), not unknown words.
  let productText: string | undefined;
  const productPhrase = namedProducts(asWritten, residual, unknownWords, values);
  if (productPhrase && !filters.some((filter) => filter.dimension === 'product')) {
    filters.push({ dimension: 'product', operator: 'in', values: productPhrase.titles });
    // "Units for each hot water bottle design": one row per product the name covers.
    if (wantsBreakdown && productPhrase.titles.length > 1 && !groupings.includes('product')) groupings.push('product');
    recognised.push(productPhrase.text);
    productText = productPhrase.text;
    productSpans.push([productPhrase.start, productPhrase.end]);
    unknownWords = unknownWords.filter((word) => !productPhrase.words.includes(word));
    residual = blankSpan(residual, productPhrase.start, productPhrase.end);
  }

  // "AOV for new customers", "新用户的客单价": with another metric, new users are whose metric it is (a filter).
  if (metrics.includes('new_users') && metrics.length > 1 && NEW_USERS_AS_GROUP.test(normalized) && !filters.some((filter) => filter.dimension === 'new_vs_returning') && metrics.every((metric) => metric === 'new_users' || splitsByNewVsReturning(metric))) {
    metrics = metrics.filter((metric) => metric !== 'new_users');
    filters.push({ dimension: 'new_vs_returning', operator: 'in', values: ['new'] });
  }
  // "How many brand-new users placed a paid order?", "新客里面下单付款的有几个人": buyers who are new, not new users.
  if (metrics.length === 1 && metrics[0] === 'new_users' && NEW_BUYERS.test(normalized) && !filters.some((filter) => filter.dimension === 'new_vs_returning')) {
    metrics = ['buyers'];
    filters.push({ dimension: 'new_vs_returning', operator: 'in', values: ['new'] });
  }
  // "新用户和老用户的成交额": 新用户 names a group of new_vs_returning there, not the new-users metric.
  if ((groupings.includes('new_vs_returning') || filters.some((filter) => filter.dimension === 'new_vs_returning')) && metrics.includes('new_users') && metrics.length > 1) {
    metrics = metrics.filter((metric) => metric !== 'new_users');
    // "老客户的客单价比新客户高多少": both groups are named, so both are shown.
    const returningOnly = filters.find((filter) => filter.dimension === 'new_vs_returning' && filter.operator === 'in' && filter.values.length === 1 && filter.values[0] === 'returning');
    if (returningOnly) {
      returningOnly.values = ['new', 'returning'];
      if (!groupings.includes('new_vs_returning')) groupings.push('new_vs_returning');
    }
  }

  // "wow gmv for the last 6 wks", "mom revenue over the last 6 months": each week (month) of a period several units
  // long, a timeline of the unit compared, not the whole period against the one before it.
  const unitDays = { day: 1, week: 7, month: 28, quarter: 89, year: 365 } as const;
  if (unitComparison && !comparisonUnit && time && !time.matches.some((match) => match.index >= unitComparison.start && match.index < unitComparison.end) && unitComparison.unit !== 'quarter' && daysBetween(time.start, time.end) + 1 >= 3 * unitDays[unitComparison.unit]) {
    cues.delete('compare');
    cues.add(`grain:${unitComparison.unit}` as Cue);
  }
  // "How many customers outside the UK placed a paid order?", "how many people paid with WeChat Pay": people who
  // bought are counted (buyers), not their orders.
  if (thresholds.length === 0 && PEOPLE_WHO_BOUGHT.test(normalized) && !metrics.includes('buyers') && !metrics.some((metric) => !PURCHASE_COUNTS.has(metric))) {
    metrics = ['buyers'];
    metricsOnlyImplied = false;
  }
  // A bound on each group's total: that group is the grouping and its metric is asked for first.
  // The bound's metric is asked first unless another measure is named to rank or show ("of the products with 4,000+
  // views, which convert worst": conversion first, views kept for the bound).
  const namedOthers = metrics.filter((metric) => !thresholds.some((threshold) => threshold.metric === metric) && specificMetrics.has(metric));
  for (const threshold of [...thresholds].reverse()) {
    if (!groupings.includes(threshold.dimension)) groupings.unshift(threshold.dimension);
    metrics = namedOthers.length > 0 ? [...metrics.filter((metric) => metric !== threshold.metric), threshold.metric] : [threshold.metric, ...metrics.filter((metric) => metric !== threshold.metric)];
  }
  // "哪类咨询最多" names only a grouping: the grouping implies the metric, as a filter value would.
  if (metrics.length === 0) {
    const implied = groupings.map((dimension) => METRIC_IMPLIED_BY_DIMENSION[dimension]).find((metric) => metric !== undefined);
    if (implied) {
      metrics = [implied];
      metricsOnlyImplied = true;
    }
  }

  return {
    normalized,
    metrics,
    genericMetrics: metrics.filter((metric) => !specificMetrics.has(metric)),
    dimensions: groupings,
    filters,
    cues,
    time,
    limit,
    // "best selling product" (one noun, singular) asks for one row; "best-selling products" for a list.
    // "among phone brands, which one …": one row, though a plural names the group it is picked from.
    // "which age group spends the most on beauty products": a singular after "which" decides, whatever plural follows.
    // "男生和女生谁的客单价更高", "which gender spends more, male or female": the one group asked for; set up as a
    // comparison ("iOS vs Android: which made more") both groups are shown, the higher first.
    singular: !BOTH_ASKED.test(normalized) && ((comparative !== undefined && WHICH_SINGULAR.test(normalized) && !SET_SIDE_BY_SIDE.test(normalized)) || (!(comparative && filters.some(splits)) && (SINGULAR.test(normalized) || ENGLISH_SINGULAR_SUPERLATIVE.test(normalized) || WHICH_SINGULAR.test(normalized)) && (!PLURAL.test(normalized) || ONE_OF_THEM.test(normalized) || (WHICH_SINGULAR.test(normalized) && !MANY_ASKED.test(normalized))))),
    unknownWords,
    residual,
    recognised,
    eventSteps,
    ...(place !== undefined ? { place } : {}),
    ...(perGroup ? { perGroup } : {}),
    ...(productText ? { productText } : {}),
    withoutProducts: productSpans.reduce((text, [start, end]) => blankSpan(text, start, end), normalized),
    // Numbers the time parser or the limit took ("2011年11月", "top 5") are never band edges.
    bandEdges: bandEdgesOf(normalized.split('').map((character, index) => (timeOrLimitTaken[index] ? ' ' : character)).join('')),
    compareShiftDays: WEEK_EARLIER.test(normalized) ? 7 : undefined,
    ...(comparisonUnit ? { comparisonUnit } : {}),
    ...(baseline ? { againstUsual: true } : {}),
    wantsBreakdown,
    pointsBack: POINTS_BACK.test(normalized),
    scopeDimensions,
    nounsAfterValues,
    metricsOnlyImplied,
    ...(wholeData.length > 0 && !time ? { wholeData: true } : {}),
    ...(thresholds.length > 0 ? { thresholds: thresholds.map(({ metric, operator, values, dimension }) => ({ metric, operator, values, dimension })) } : {}),
  };
}
