import { asksYearOverYear, previousOfRange, findDimension, findMetric, METRICS, type WarehouseProfile } from '../../sql/semantic/index.ts';
import { yearAgoPeriod } from '../../sql/semantic/time/time-period.ts';
import type { SemanticFilter } from '../../sql/semantic/compile/semantic-query.ts';
import type { ValueIndex } from '../../sql/values/value-index.ts';
import { normalizeQuestion } from '../../text/normalize-question.ts';
import type { AnalysisRequest } from '../analysis/analysis-request.ts';
import type { Language } from '../../text/language.ts';
import { buildRequest, CALENDAR_GRAINS, chooseTime, isAboutAmounts, previousPeriodOf, timelineComparisonAsked, type DataWindow } from './build-request.ts';
import { forecastTargetDays, MAX_FORECAST_DAYS, recognizeModelIntent } from './model-intents.ts';
import { readingOf } from './restate-request.ts';
import { blankSpan, RATE_OF_COUNT, recognizeQuestion, SHARE_WORDS, type Recognition } from './recognize-question.ts';
import { applyCorrections, findCorrections, nearestEntries, unexplainedWords, type Suggestion } from './coverage.ts';
import { questionLexicon } from './question-lexicon.ts';
import { expandAbbreviations } from './rules/abbreviation-rules.ts';
import { comparesPeriods } from './rules/comparison-rules.ts';
import { grainSpans, grainsAskedFor } from './rules/grain-rules.ts';
import { applyRetentionWording } from './retention-wording.ts';
import { retentionClarification, retentionPlan } from './retention-request.ts';
import { offTopicRefusal, offTopicRuleFor, refusalFor } from './rules/refusal-rules.ts';
import { asksQuantityPerUnit } from './rules/per-unit-rules.ts';
import { perUnitRatioMetric } from './per-unit-metric.ts';
import { absentCountries, absentCountriesQuestion } from './absent-places.ts';
import { asksUnitsSold } from './rules/quantity-rules.ts';
import { unexplainedSubsetWords } from './rules/subset-word-rules.ts';
import { asksDistinctCount } from './rules/distinct-count-rules.ts';
import { asksShareOfTotal } from './rules/share-rules.ts';
import { rankingSubjectOf } from './rules/ranking-subject-rules.ts';
import { perGroupNoun } from './rules/per-group-rules.ts';
import { contrastsWithTheRest } from './rules/rest-contrast-rules.ts';
import { contrastWithTheRest } from './group-against-rest.ts';
import { rankableFromFilters } from './rankable-from-filters.ts';
import { singleEventDimensionMismatch } from './single-event-dimensions.ts';
import { unexplainedGroupingSlots } from './grouping-slot-check.ts';
import { judgedAs } from './rules/evaluative-ranking-rules.ts';
import { asksRankPosition } from './rules/rank-position-rules.ts';
import type { Understanding } from './understanding.ts';
import { fixedPhrasingReading } from './word-readings.ts';
import { funnelFollowUp } from './funnel-follow-up.ts';
import { asksRunningTotal } from './rules/running-total-rules.ts';
import { pointsAtLeadingRow } from './rules/leading-row-rules.ts';
import { currenciesNamed } from './rules/currency-rules.ts';
import { asksAboutShownRows } from './rules/shown-rows-rules.ts';
import { bareBound } from './rules/group-threshold-rules.ts';
import { asksVagueSize } from './rules/vague-size-rules.ts';
import { contextClauses } from './rules/context-clause-rules.ts';
import { pointedPeriodRange, type FocusedPeriod } from './focused-period.ts';
import { runningTotalOf } from './running-total.ts';
import { changeDriverSpans } from './rules/change-driver-rules.ts';
import { purchasedItemsSpans } from './rules/purchased-items-rules.ts';
import { dimensionMismatch } from './dimension-fit.ts';
import { weekdayConflictQuestion } from './weekday-conflict.ts';

const FOLLOW_UP_START = /^(?:(?:ok|okay|right|cool|great|thanks|fine|好的?|嗯|行)[,，]?\s*)?(and|what about|how about|same|now|only|just|instead|then|add|also|as an? (?:percentage|percent|share|%|proportion|fraction)|which one|which of (?:them|those|these|the two)|switch to|change (?:it )?to|swap to|make it|加上|再加|都|那|那么|再|只看|仅看|只要|换成|改成|改为|如果|要是|还有|其中|这些|这些订单|这些用户|它们)|\b(?:of|among) (?:those|them|these)\b/;
/** "整体呢", "overall?": the total of what the previous answer split. */
const WHOLE = /整体|总体|合计|总共|一共|整周|整个月|加起来|总数就行|给个总数|总的就行|\boverall\b|\bin total\b|\bas a whole\b|\b(?:whole|entire) (?:week|month|period|day)\b|\b(?:added up|combined|the total is fine|just the total)\b/;
/** "add bounce rate", "再加上转化率": one more metric beside those shown. */
const ADDS_METRIC = /^(?:(?:ok|and|also|pls|please)\s+)?(?:add|also show|include|plus)\b|^(?:再)?(?:加上|加一列|再加|顺便加上|也看下)|^(?:(?:and|plus|with)\s+)?[a-z' ]{2,30}\s+(?:too|as well)\s*[?.!]*$|^(?:再)?(?:把)?[\u4e00-\u9fffa-z]{1,8}也(?:加上|看下|放进来|列出来)/;
/** Pronouns for people: they point at a customer, not at a product or a city. */
const PERSON_PRONOUN = /\b(?:he|she|him|her|they|them)\b|他|她/;
/** "the busiest hour", "周几最忙": how busy is counted in orders. */
const BUSY_WORDS = /\b(?:busiest|quietest|busy|quiet)\b|最忙|最闲|最冷清|繁忙/;
/** "哪个品类最好" and nothing else: only a judgement, no ranking word that implies a measure (top, 排名, 前三). */
const EVALUATIVE_ONLY = /^(?!.*(?:\btop\b|\bbottom\b|排名|排行|前\s*[0-9一二三四五六七八九十两]|\bperforming\b|\bbusiest\b|\bquietest\b|最忙|最闲))/;
const FOLLOW_UP_END = /呢\s*[??]?$|\binstead\b|两类人|两组人|这两类|这两组|两边|每组|各组|\b(?:both groups|each group|the two groups|both segments|each segment)\b/;
/** "what's their avg rating?", "它们的转化率": a pronoun for what the previous answer was about. */
const FOLLOW_UP_PRONOUN = /\b(?:their|its|those|these|them|they|he|she|him|her)\b|\bwhat'?s that\b|(?<!\b(?:is|are|was|were) )\bthere\b(?! (?:is|are|was|were|any)\b)|那边|那里|\bthat (?:same )?(?:day|week|month|year)\b|那天|当天|那个月|当月|他(?!们的)|她(?!们的)|\b(?:is|was|of) (?:that|this)\b[?.!]*$|\b(?:is|was|of) that\b|他们的|她们的|它们的|这些|那些|这占|占全部|占总/;
const VAGUE = /表现|情况|怎么样|如何|好不好|最好|最差|数据|分析|指标|数字|涨|跌|上升|下降|performance|performing|doing|how are we|how did we|best|worst|overview|summary|numbers|figures|data|analy[sz]e|metrics?|going up|going down|increas|decreas|概况|概览|咋样|怎样|生意|业绩|报告|汇总|\bbusiness\b|what happened|insights?|\breport\b|key metrics|\bkpis?\b|focus on/;
const ANALYTIC_WORDS = /\b(by|per|each|top|which|trend|compare)\b|按|各|每|哪|趋势|对比|排名|前\d/;
// Words left over that are not content (the coverage check handles those) barely lower confidence.
const UNKNOWN_WORD_PENALTY = 0.03;

function isMetricsRequest(memory: unknown): memory is AnalysisRequest {
  return typeof memory === 'object' && memory !== null && (memory as AnalysisRequest).analysis === 'metrics';
}

function mergeFilters(previous: SemanticFilter[], current: SemanticFilter[]): SemanticFilter[] {
  const replaced = new Set(current.map((filter) => filter.dimension));
  return [...previous.filter((filter) => !replaced.has(filter.dimension)), ...current];
}

const OF_THE_WHOLE = /\bof (?:all|total|the total|every)\b|占(?:全部|所有|总|已支付的?|支付的?)(?:订单|单|买家|用户|访客|成交额)|\bof (?:the |that |this )?(?:[a-z]+['’]s |(?:week|month|day)['’]?s? )(?:buyers|customers|orders|visitors|revenue|gmv|sales)\b|占(?:全部|所有|总)/;
const WHOLE_COUNTS = new Set(['orders', 'orders_created', 'buyers', 'uv', 'gmv']);
const WEEKDAY_WITHIN_WEEK = /(?:一周|每周|一个星期)(?:里|中|内|当中)?的?哪(?:一)?天/;

/** "跟黑五比呢", "compared with Black Friday": the period named is what the conversation's period is compared with. */
const COMPARED_WITH = /(?:跟|和|与|同)\s*\S{1,10}?(?:比|相比|对比)|\bcompared? (?:to|with)\b|\bvs\.?(?!\w)|\bversus\b|\bagainst\b/;

/** The leading row of the previous answer, which "that category" / "它" points at. */
export interface Focus {
  /** The first non-time dimension of the leading row and its value ("category", "Laptops"). */
  dimension?: string;
  value?: string;
  /** The day, week or month the leading row stands for, when the answer was over time. */
  period?: FocusedPeriod;
  /** Every row's value of that dimension, for "each of them" in the next question. */
  shown?: { dimension: string; values: string[] };
}

/** The question with every metric phrase blanked, for pronouns that stand on their own (read only when one is there). */
function withoutMetricPhrases(normalized: string, values: ValueIndex): string {
  return questionLexicon(values).findAll(normalized).filter((match) => match.meaning.kind === 'metric').reduce((text, match) => blankSpan(text, match.start, match.end), normalized);
}

/** Carries the previous question's metric, grouping, filters and period into a follow-up that leaves them out. */
function inheritFrom(previous: AnalysisRequest, recognition: Recognition, focus?: Focus): { recognition: Recognition; timeRange?: unknown; compareTo?: unknown } {
  const query = previous.query as { metrics: string[]; dimensions?: string[]; filters?: SemanticFilter[]; timeRange: unknown; compareTo?: unknown; orderBy?: { direction?: string }; limit?: number };
  const inherited: Recognition = { ...recognition, cues: new Set(recognition.cues) };
  // "只看周末呢", "what about just weekdays?": weekends or weekdays of the conversation's period, not the latest ones.
  const days = inherited.time?.weekdays;
  if (days && inherited.time?.matches.every((match) => match.modifierOnly)) {
    inherited.filters = [...inherited.filters.filter((filter) => filter.dimension !== 'weekday'), { dimension: 'weekday', operator: 'in', values: [...days] }];
    inherited.time = undefined;
  }
  // "女性用户呢" after a return rate, "中文评价的呢" after an average rating: a metric only implied by a generic noun or
  // by a value's dimension does not replace the one the conversation is about.
  // "as a percentage of all orders?": the metric named is what the share is of, not a new ask.
  const shareOfNamedWhole = SHARE_WORDS.test(recognition.normalized) && OF_THE_WHOLE.test(recognition.normalized) && inherited.metrics.length > 0 && inherited.metrics.every((metric) => WHOLE_COUNTS.has(metric));
  // "And how much of that came from customers outside the UK?": the same measure, for the part named.
  const partOfThat = PART_OF_THAT.test(recognition.normalized) && inherited.metrics.every((metric) => recognition.genericMetrics.includes(metric));
  if (inherited.metrics.length === 0 || inherited.metricsOnlyImplied || shareOfNamedWhole || partOfThat) {
    inherited.metrics = [...query.metrics];
    // "as a percentage of all orders?" after the cancelled orders: the cancellation rate.
    if (SHARE_WORDS.test(recognition.normalized)) inherited.metrics = inherited.metrics.map((metric) => RATE_OF_COUNT.find(([count]) => count === metric)?.[1] ?? metric);
  }
  // "add bounce rate", "再加上转化率": the metric named joins the ones shown.
  else if (ADDS_METRIC.test(recognition.normalized)) inherited.metrics = [...new Set([...query.metrics, ...inherited.metrics])];
  const newGrain = [...inherited.cues].some((cue) => cue.startsWith('grain:')) || inherited.cues.has('trend');
  // "Break that into new and returning buyers" after weekly buyers: each week, split further.
  if (SPLIT_FURTHER.test(recognition.normalized) && !INSTEAD.test(recognition.normalized) && inherited.dimensions.length > 0 && !newGrain) {
    inherited.dimensions = [...new Set([...(query.dimensions ?? []), ...inherited.dimensions])].slice(0, 3);
  }
  // "整体跟节前一周比呢", "overall?": the total of what was shown, not its rows again.
  const whole = WHOLE.test(recognition.normalized);
  if (inherited.dimensions.length === 0 && !newGrain && !inherited.pointsBack && !whole) inherited.dimensions = [...(query.dimensions ?? [])];
  // "gmv tier1 vs tier2" then "by month": the groups set side by side stay apart in each month.
  else if (inherited.dimensions.length === 0 && newGrain) {
    inherited.dimensions = (query.dimensions ?? []).filter((dimension) => (query.filters ?? []).some((filter) => filter.dimension === dimension && filter.operator === 'in' && filter.values.length > 1));
  }
  // Grouping by a dimension the previous question filtered on ("and the other brands?") lifts that filter;
  // "other" turns it into an exclusion.
  const others = /\bother\b|\bothers\b|其他|其它|别的|其余/.test(recognition.normalized);
  const previousFilters = (query.filters ?? []).flatMap((filter): SemanticFilter[] => {
    if (!recognition.dimensions.includes(filter.dimension)) return [filter];
    // "Which country was the largest contributor among those?" after the total outside the UK: still outside it.
    if (filter.operator === 'not_in') return [filter];
    return others && filter.operator === 'in' ? [{ ...filter, operator: 'not_in' }] : [];
  });
  // "And in October?" after the customers who spent over ¥20,000: the same groups kept by the same bound (counted
  // again when they were counted).
  const previousThresholds = (query as { thresholds?: { metric: string; operator: 'gt' | 'gte' | 'lt' | 'lte' | 'between'; values: number[] }[] }).thresholds;
  if (!inherited.thresholds && previousThresholds?.length && query.dimensions?.[0] && inherited.dimensions.includes(query.dimensions[0])) {
    inherited.thresholds = previousThresholds.map((threshold) => ({ ...threshold, dimension: query.dimensions?.[0] as string }));
    // "List those customers" after their count: the list, not the count again.
    if ((query as { countOf?: unknown }).countOf && !LIST_THEM.test(recognition.normalized)) inherited.countsGroups = true;
  }
  // "add EIRE also", "再加上北京": the value joins the ones the conversation set side by side.
  if (ADDS_VALUE.test(recognition.normalized)) {
    for (const filter of inherited.filters) {
      const before = previousFilters.find((candidate) => candidate.dimension === filter.dimension && candidate.operator === 'in' && filter.operator === 'in');
      if (before) filter.values = [...new Set([...before.values, ...filter.values])];
    }
  }
  // "How does that compare with women's clothing?": the value named now is set beside the previous one, as groups.
  if (COMPARED_WITH.test(recognition.normalized) && !recognition.time) {
    for (const filter of inherited.filters) {
      const before = previousFilters.find((candidate) => candidate.dimension === filter.dimension && candidate.operator === 'in' && filter.operator === 'in');
      if (!before || before.values.every((value) => filter.values.includes(value))) continue;
      filter.values = [...new Set([...before.values, ...filter.values])];
      if (!inherited.dimensions.includes(filter.dimension)) inherited.dimensions = [filter.dimension, ...inherited.dimensions.filter((dimension) => findDimension(dimension)?.kind !== 'time')];
      inherited.comparesGroupsOnly = true;
      inherited.cues.delete('compare');
    }
  }
  inherited.filters = mergeFilters(previousFilters, inherited.filters);
  // "他这个月花了多少" after the products customer 66 bought: a person pronoun points at a customer, never at a product.
  const personOnly = PERSON_PRONOUN.test(recognition.normalized) && focus?.dimension !== 'customer';
  // "back to it - dwell time by channel": grouped by the row's own dimension, the turn is about every value again.
  // ("the daily trend for that category" names the row's dimension to point at it, not to group by it.)
  const groupsByFocus = focus?.dimension !== undefined && recognition.dimensions.includes(focus.dimension) && /\bby\b|\bper\b|按/.test(recognition.normalized) && !/\b(?:that|this|the same)\b|这个|那个|该/.test(recognition.normalized);
  if (inherited.pointsBack && focus?.dimension !== undefined && focus.value !== undefined && !personOnly && !groupsByFocus && !inherited.filters.some((filter) => filter.dimension === focus.dimension && filter.operator !== 'not_in')) {
    // The row itself replaces an exclusion it was picked from ("among those outside the UK" → Germany).
    inherited.filters = [...inherited.filters.filter((filter) => filter.dimension !== focus.dimension), { dimension: focus.dimension, operator: 'in', values: [focus.value] }];
    // The row keeps its label ("organic: 39.66 %") so the answer says which one "it" was, unless the turn groups by
    // something of its own ("这个品类里浏览量前三的品牌") or asks about a person ("他买了什么" lists products).
    const rest = inherited.dimensions.filter((dimension) => dimension !== focus.dimension);
    const groupsOwn = rest.some((dimension) => findDimension(dimension)?.kind !== 'time');
    inherited.dimensions = groupsOwn || focus.dimension === 'customer' ? rest : [focus.dimension, ...rest];
  }
  if (query.orderBy && !newGrain && !whole && !inherited.pointsBack && !inherited.cues.has('top') && !inherited.cues.has('bottom')) {
    inherited.cues.add(query.orderBy.direction === 'asc' ? 'bottom' : 'top');
    inherited.limit ??= query.limit;
  } else if (query.orderBy && query.limit !== undefined && !newGrain && !whole && !inherited.pointsBack && inherited.dimensions.length > 0) {
    // "and the fewest?" after the city with the most buyers, "now rank them by aov instead" after a top 3: as many
    // rows as the ranking before, unless this turn says how many.
    inherited.limit ??= query.limit;
  }
  if (query.compareTo && !inherited.cues.has('compare') && !inherited.comparesGroupsOnly) inherited.cues.add('compare');
  // "show it by month across all the data": the period named is all of it, not the conversation's.
  const timeRange = inherited.time || inherited.wholeData ? undefined : (query.timeRange as { start: string; end: string });
  // Comparing an inherited period: the period just before it (or a week earlier), unless one was inherited.
  // "比去年同期呢": the inherited period against the same dates a year earlier.
  const yearAgo = !inherited.time && timeRange && asksYearOverYear(recognition.normalized) ? yearAgoPeriod(timeRange) : undefined;
  const compareTo = inherited.time || inherited.wholeData ? undefined : (yearAgo ?? query.compareTo ?? (inherited.cues.has('compare') && timeRange ? previousPeriodOf(timeRange, inherited.compareShiftDays) : undefined));
  return { recognition: inherited, timeRange, compareTo };
}

/** A period the question named, not the whole data an unnamed one falls back to. */
function namedPeriod(range: unknown, window: DataWindow): boolean {
  const period = range as { start?: string; end?: string } | undefined;
  return typeof period?.start === 'string' && typeof period.end === 'string' && !(period.start <= window.start && period.end >= window.asOf);
}

/** Behaviour models that take one customer. */
const PER_CUSTOMER_TOOLS = new Set(['recommend_products', 'predict_purchase']);

/** The previous request's filter to exactly one customer, when it had one: who the conversation is about. */
function singleCustomerFilter(previous: UnderstandInput['previous']): SemanticFilter | undefined {
  if (!isMetricsRequest(previous)) return undefined;
  return ((previous.query.filters as SemanticFilter[] | undefined) ?? []).find((filter) => filter.dimension === 'customer' && filter.operator === 'in' && filter.values.length === 1);
}

/**
 * "OK, recommend 3 products for them" after a question about customer 5000 (or "给他推荐几个商品" after 上周谁花钱最多):
 * the customer the conversation is about, when the question points back and names none.
 */
function withCustomerFromContext(understanding: Understanding, input: UnderstandInput): Understanding {
  if (understanding.kind !== 'model' || !PER_CUSTOMER_TOOLS.has(understanding.toolName) || 'user_id' in understanding.arguments) return understanding;
  if (!FOLLOW_UP_PRONOUN.test(normalizeQuestion(input.question))) return understanding;
  const filtered = singleCustomerFilter(input.previous)?.values[0];
  const customer = filtered ?? (input.focus?.dimension === 'customer' ? input.focus.value : undefined);
  const userId = Number(customer);
  if (customer === undefined || !Number.isInteger(userId)) {
    if ('product_id' in understanding.arguments) return understanding;
    const question = input.language === 'zh' ? '要给哪位客户推荐?请给出客户编号,例如“给用户 5000 推荐商品”。' : 'Which customer should I recommend for? Give the customer id, for example "recommend products for user 5000".';
    return { kind: 'clarify', question, options: [], confidence: 0.3, notes: [...understanding.notes, 'a customer pointed at with none in the conversation'] };
  }
  return { ...understanding, arguments: { ...understanding.arguments, user_id: userId }, notes: [...understanding.notes, `the customer the conversation is about: ${userId}`] };
}

export interface UnderstandInput {
  question: string;
  language: Language;
  window: DataWindow;
  values: ValueIndex;
  /** The planner memory of the previous turn, when this is a follow-up. */
  previous?: unknown;
  /** The leading row of the previous answer. */
  focus?: Focus;
  /** What this warehouse can answer; metrics and dimensions without data are explained, not computed. */
  profile?: WarehouseProfile;
  /** One of a few fixed phrasings asked again and again (a follow-up chip): its words are read once (word-readings.ts). */
  fixedPhrasing?: boolean;
  /** The previous turn asked about a reading it offered ("best by which measure?"): this turn refines that reading. */
  refinesOffered?: boolean;
  /** The shop's currency (ISO code) when recorded: amounts are never converted to another. */
  currency?: string | null;
}

// Topics that could be data a shop joins to its sales (weather); writing tasks, news and small talk stay refused.
const TOPIC_NAMES: Record<string, { en: string; zh: string }> = { weather: { en: 'weather', zh: '天气' } };

/** What can be answered instead of data the shop does not have. */
function availableInstead(language: Language): string[] {
  return ['gmv', 'orders', 'conversion_rate'].map((id) => (language === 'zh' ? findMetric(id)?.name_zh : findMetric(id)?.name_en) ?? id);
}

/** A clarifying answer naming each recognised metric or dimension this warehouse has no data for. */
function unavailableOnWarehouse(recognition: Recognition, profile: WarehouseProfile | undefined, language: Language): { question: string; options: string[] } | undefined {
  if (!profile) return undefined;
  const named = [
    ...recognition.metrics.map((id) => ({ id, definition: findMetric(id), reason: profile.unavailableMetrics[id] })),
    // Leaving out a value the data has ("leave out postage and fees") is answerable however sparse its dimension.
    ...[...new Set([...recognition.dimensions, ...recognition.filters.filter((filter) => filter.operator !== 'not_in').map((filter) => filter.dimension)])].map((id) => ({ id, definition: findDimension(id), reason: profile.unavailableDimensions[id] })),
    // A funnel counts the users of each behaviour event: without events (an order-only import) every step is 0.
    ...(recognition.cues.has('funnel') && !recognition.metrics.includes('pv') ? [{ id: 'pv', definition: findMetric('pv'), reason: profile.unavailableMetrics.pv }] : []),
  ].filter((entry) => entry.reason !== undefined && entry.definition !== undefined);
  if (named.length === 0) return undefined;
  const zh = language === 'zh';
  const parts = named.map((entry) => `${zh ? entry.definition?.name_zh : entry.definition?.name_en}: ${zh ? entry.reason?.zh : entry.reason?.en}`);
  const alternatives = METRICS.filter((metric) => !profile.unavailableMetrics[metric.id] && !metric.id.startsWith('support_') && !['handoffs', 'handoff_rate', 'policy_denials'].includes(metric.id))
    .slice(0, 4)
    .map((metric) => (zh ? metric.name_zh : metric.name_en));
  return zh
    ? { question: `这个问题在当前数据上无法回答——${parts.join(';')}。可以回答的例如:${alternatives.join('、')}。`, options: alternatives }
    : { question: `I cannot answer that on this data — ${parts.join('; ')}. I can answer, for example: ${alternatives.join(', ')}.`, options: alternatives };
}

/** Recognition after rewriting shorthand and slips of catalogue words; the rewrites are kept as notes. */
/**
 * "I'm preparing the board pack — what did revenue come to in November?": clauses that only give context
 * (rules/context-clause-rules.ts) and in which nothing but a period was recognised change no number; their words pass
 * the coverage check. A period named only there ("I'm told acquisition was strong around Double 11") is set aside
 * when the ask names its own.
 */
function setContextAside(recognition: Recognition, input: WordsInput, notes: string[]): Recognition {
  const { normalized } = recognition;
  // A clause that names a value, a number of rows or a specific measure limits or asks: it is never set aside —
  // unless it reports what someone else says or restates a definition ("the marketing team keeps telling me
  // livestream is our engine"); the answer's first sentence shows what was asked. Those need no reading of their own.
  const context = contextClauses(normalized).filter(({ start, end, reported }) => {
    if (reported) return true;
    const clause = recognizeQuestion(normalized.slice(start, end), input.window.asOf, input.values);
    return clause.filters.length === 0 && clause.limit === undefined && clause.metrics.every((metric) => clause.genericMetrics.includes(metric));
  }).map(({ start, end }): [number, number] => [start, end]);
  if (context.length === 0) return recognition;
  notes.push(`set aside as context: ${context.map(([from, to]) => `"${normalized.slice(from, to)}"`).join(', ')}`);
  const inContext = (at: number) => context.some(([from, to]) => at >= from && at < to);
  const timeInside = (recognition.time?.matches ?? []).some((match) => inContext(match.index));
  const blanked = context.reduce((text, [from, to]) => blankSpan(text, from, to), normalized);
  const again = recognizeQuestion(blanked, input.window.asOf, input.values, input.question);
  // The ask read without the context, unless only the context named the period ("Everyone's talking about Double 11.
  // Did the day itself beat the day before?"): then the context's words are only passed over.
  if ((again.metrics.length > 0 || again.dimensions.length > 0) && (again.time !== undefined || again.wholeData === true || !timeInside)) return again;
  explainSpans(recognition, context);
  recognition.unknownWords = recognition.unknownWords.filter((word) => !context.some(([from, to]) => normalized.slice(from, to).includes(word)));
  return recognition;
}

function recognizeCovered(normalized: string, input: WordsInput, notes: string[]): Recognition {
  const expanded = expandAbbreviations(normalized);
  for (const rewrite of expanded.rewrites) notes.push(`read "${rewrite.from}" as "${rewrite.to}"`);
  // The question as written too: capitals tell a product name ("AirPods") from an ordinary word.
  let recognition = recognizeQuestion(expanded.text, input.window.asOf, input.values, input.question);
  const corrections = findCorrections(recognition.residual, questionLexicon(input.values).entriesList());
  if (corrections.length > 0) {
    const corrected = recognizeQuestion(applyCorrections(expanded.text, corrections), input.window.asOf, input.values, input.question);
    // A correction counts only when it explains more of the question than the words it replaced.
    if (corrected.residual.replace(/\s/g, '').length < recognition.residual.replace(/\s/g, '').length) {
      recognition = corrected;
      for (const correction of corrections) notes.push(`read "${correction.from}" as "${correction.to}"`);
    }
  }
  recognition = setContextAside(recognition, input, notes);
  for (const grain of grainsAskedFor(recognition.normalized)) recognition.cues.add(`grain:${grain}`);
  // "一周里哪天订单最多": the 哪天 of a week is a weekday, not a date as well.
  if (recognition.cues.has('grain:weekday') && WEEKDAY_WITHIN_WEEK.test(recognition.normalized)) {
    recognition.dimensions = recognition.dimensions.filter((dimension) => dimension !== 'day');
    recognition.cues.delete('grain:day');
  }
  explainSpans(recognition, grainSpans(recognition.normalized));
  applyRetentionWording(recognition, notes);
  // "which category drove the GMV difference": what moved a number between two periods is a contribution analysis.
  // "用户 1234 上个月买了什么": the products bought and how many, not a count of buyers.
  const bought = purchasedItemsSpans(recognition.normalized);
  if (bought && !recognition.cues.has('top') && !recognition.cues.has('bottom')) {
    if (!recognition.dimensions.includes('product')) recognition.dimensions = ['product', ...recognition.dimensions];
    const named = recognition.metrics.filter((metric) => metric !== 'buyers' && !recognition.genericMetrics.includes(metric));
    recognition.metrics = named.length > 0 ? named : ['units'];
    explainSpans(recognition, bought);
  }
  const drivers = changeDriverSpans(recognition.normalized, recognition.cues.has('compare') || recognition.time?.comparison === 'named_period');
  if (drivers) {
    recognition.cues.add('why');
    explainSpans(recognition, drivers);
  }
  return recognition;
}

/** Words a rule explained leave the residual, so the coverage check does not ask about them. */
function explainSpans(recognition: Recognition, spans: readonly (readonly [number, number])[]): void {
  const residual = recognition.residual.split('');
  for (const [start, end] of spans) residual.fill(' ', start, end);
  recognition.residual = residual.join('');
}

function notUnderstood(words: string[], suggestions: Suggestion[], language: Language, reading?: string): { question: string; options: string[] } {
  const quoted = words.map((word) => (language === 'zh' ? `“${word}”` : `"${word}"`)).join(language === 'zh' ? '、' : ', ');
  const names = suggestions.map((suggestion) => suggestion.name);
  if (language === 'zh') {
    const nearest = names.length > 0 ? `最接近的是:${names.join('、')}。` : '';
    const understood = reading ? `我理解的是:${reading};` : '';
    return { question: `我没理解${quoted}。${understood}${nearest}您是指哪一个?`, options: reading ? ['就按这个理解', ...names] : names };
  }
  const nearest = names.length > 0 ? ` The closest I have: ${names.join(', ')}.` : '';
  const understood = reading ? ` I understood: ${reading}.` : '';
  return { question: `I did not understand ${quoted}.${understood}${nearest} Which do you mean?`, options: reading ? ['yes, as understood', ...names] : names };
}

/** "top 10 customers by spend", "销量排行榜": the ranking's implied subject becomes its grouping. */
function applyRankingSubject(recognition: Recognition, values: ValueIndex, notes: string[]): void {
  const implied = rankingSubjectOf(recognition.normalized);
  if (!implied || !findDimension(implied.subject.dimension)) return;
  const { dimension, onlyWhenUngrouped, defaultMetric, meaninglessMetrics } = implied.subject;
  // "the best seller in each category": the subject is ranked inside each group the question names.
  const groupNoun = perGroupNoun(recognition.normalized);
  const eachGroup = groupNoun ? questionLexicon(values).findAll(groupNoun).find((match) => match.meaning.kind === 'dimension')?.meaning : undefined;
  const perGroup = eachGroup?.kind === 'dimension' && recognition.dimensions.length === 1 && recognition.dimensions[0] === eachGroup.id && eachGroup.id !== dimension ? eachGroup.id : undefined;
  // "the biggest single invoice" names the subject's own dimension: still this ranking.
  if (onlyWhenUngrouped && !perGroup && recognition.dimensions.some((id) => id !== dimension)) return;
  if (perGroup) {
    recognition.dimensions = [perGroup, dimension];
    recognition.perGroup = perGroup;
  } else if (!recognition.dimensions.includes(dimension)) recognition.dimensions = [dimension, ...recognition.dimensions];
  if (!recognition.cues.has('top') && !recognition.cues.has('bottom')) recognition.cues.add('top');
  // "top customers": the noun names what is ranked, not a count of customers.
  const named = recognition.metrics.filter((metric) => !recognition.genericMetrics.includes(metric) && !meaninglessMetrics.includes(metric));
  recognition.metrics = named.length > 0 ? named : [defaultMetric];
  explainSpans(recognition, implied.spans);
  notes.push(`ranking subject: ${dimension}`);
}

/** Dimensions whose values a product ranking may sit inside ("top headphones by revenue", "销量最高的手机"). */
const PRODUCT_KINDS = new Set(['product']);

/**
 * A ranking that names no grouping but filters on a product attribute ranks the products inside it:
 * "top headphones by revenue" is not the total revenue of headphones.
 */
const WHAT_SELLS = /(?:什么|啥)(?!时候|时间)[^，,。?？]{0,4}(?:卖|销)|\bwhat (?:\w+ )?(?:sells|sold|is selling|are selling|(?:do|did) (?:we|they|people) (?:sell|buy))\b/;
const SALES_METRICS = new Set(['gmv', 'units', 'orders']);

function applyProductRanking(recognition: Recognition, notes: string[]): void {
  const ranks = recognition.cues.has('top') || recognition.cues.has('bottom') || recognition.limit !== undefined;
  const grain = [...recognition.cues].some((cue) => cue.startsWith('grain:')) || recognition.cues.has('trend');
  if (!ranks || grain || recognition.dimensions.length > 0) return;
  const productFilter = recognition.filters.some((filter) => filter.operator === 'in' && PRODUCT_KINDS.has(findDimension(filter.dimension)?.kind ?? '') && filter.dimension !== 'product');
  // "什么卖得好", "what sells best": the things sold are products (a total would answer another question).
  const asksWhatSells = WHAT_SELLS.test(recognition.normalized) && recognition.metrics.every((metric) => SALES_METRICS.has(metric));
  if (!productFilter && !asksWhatSells) return;
  // "手机品牌成交额排第二的", "phone brands ranked by units": the noun after the value is what is ranked.
  const namedAfterValue = recognition.nounsAfterValues.find((dimension) => dimension !== 'product' && findDimension(dimension) !== undefined);
  if (namedAfterValue) {
    recognition.dimensions = [namedAfterValue];
    notes.push(`ranking inside a product filter: ranked the ${namedAfterValue} named after the value`);
    return;
  }
  recognition.dimensions = ['product'];
  notes.push(productFilter ? 'ranking inside a product filter: ranked products' : 'what sells: ranked products');
}

/**
 * What a question's words say on their own, before the conversation is taken into account: a finished reading
 * (a refusal, a behaviour model, a close call) or the recognition with what stayed unexplained. It depends only on
 * the question, its language, the data window and the value index (WordsInput: the type keeps the previous turn and
 * the warehouse profile out), so a fixed phrasing such as a follow-up chip is read once per value index and window
 * (word-readings.ts).
 */
export type WordsInput = Pick<UnderstandInput, 'question' | 'language' | 'window' | 'values'>;

export type WordsReading =
  | { understanding: Understanding }
  | { normalized: string; recognition: Recognition; notes: string[]; unexplained: string[]; uniqueSuggestions: Suggestion[] };

function readWords(input: WordsInput): WordsReading {
  const { language, window } = input;
  // "Customer IDs are enough, I don't need names or contact details": personal data said not to be wanted asks for none.
  const normalized = normalizeQuestion(input.question).replace(NOT_WANTED_PERSONAL, (found) => ' '.repeat(found.length));
  const refusal = refusalFor(normalized, language);
  // Data the shop does not have (profit, stock, ad spend) is said and asked about, with what can be answered instead;
  // writes, personal data and injections are refused.
  if (refusal?.reason === 'no_data') return { understanding: { kind: 'clarify', question: refusal.message, options: availableInstead(language), confidence: 0.2, notes: ['no such data: cost, margin, stock or ad spend'] } };
  if (refusal) return { understanding: { kind: 'refuse', reason: refusal.reason, message: refusal.message, confidence: 0.95, notes: [`refusal rule: ${refusal.reason}`] } };

  const rewriteNotes: string[] = [];
  const recognition = recognizeCovered(normalized, input, rewriteNotes);
  const notes = [`recognised: ${recognition.recognised.join(', ') || '(nothing)'}`, ...rewriteNotes];
  if (recognition.unknownWords.length > 0) notes.push(`unexplained words: ${recognition.unknownWords.join(', ')}`);

  // Off-topic words are refused the same way in a follow-up as in a new conversation.
  const offTopicRule = offTopicRuleFor(recognition.residual, normalized);
  // "下雨天哪个品类卖得最好", "which weather drives the most sales": an analytic question about data the shop does not
  // have is asked about; a question only about the weather is refused.
  if (offTopicRule && TOPIC_NAMES[offTopicRule.meaning.topic] && (recognition.metrics.length > 0 || recognition.dimensions.length > 0)) {
    const topic = offTopicRule.meaning.topic;
    const question = language === 'zh'
      ? `店铺数据里没有${TOPIC_NAMES[topic]?.zh ?? '这类'}数据,无法按它分析。可以看的例如:${availableInstead(language).join('、')}。`
      : `The shop's data has no ${TOPIC_NAMES[topic]?.en ?? 'such'} data, so I cannot analyse by it. I can show, for example: ${availableInstead(language).join(', ')}.`;
    return { understanding: { kind: 'clarify', question, options: availableInstead(language), confidence: 0.2, notes: [...notes, `off-topic data in an analytic question: ${offTopicRule.id}`] } };
  }
  if (offTopicRule) {
    const offTopic = offTopicRefusal(language);
    return { understanding: { kind: 'refuse', reason: offTopic.reason, message: offTopic.message, confidence: 0.9, notes: [...notes, `off-topic: ${offTopicRule.id}`] } };
  }

  // Before the models too: "how many snacks will we sell next week" forecasts units.
  if (asksUnitsSold(recognition.normalized) && (recognition.metrics.includes('gmv') || recognition.metrics.length === 0)) {
    recognition.metrics = recognition.metrics.length === 0 ? ['units'] : [...new Set(recognition.metrics.map((metric) => (metric === 'gmv' ? 'units' : metric)))];
    notes.push('a count of things sold: units, not GMV');
  }
  // A bound on each customer's total ("累计消费超过5000元的客户有多少") is a count, whatever segment words sit beside it.
  const modelReading = recognition.thresholds?.length ? undefined : recognizeModelIntent(recognition, window);
  if (modelReading?.kind === 'close_call') {
    // Two equally specific readings: offer both rather than pick one by list order.
    const labels = modelReading.options.map((option) => option.label[language]);
    const question = language === 'zh' ? `这个问题可以有两种理解:${labels.join(',还是')}?` : `I can read this two ways: ${labels.join(', or ')}. Which do you mean?`;
    return { understanding: { kind: 'clarify', question, options: labels, confidence: 0.4, notes: [...notes, `close call between ${modelReading.options.map((option) => option.toolName).join(' and ')}`] } };
  }
  if (modelReading) {
    const { toolName, arguments: toolArguments } = modelReading.intent;
    // "Forecast our full-year 2026 revenue": further ahead than the model forecasts is asked about, never cut short.
    const ahead = toolName === 'forecast_metric' ? forecastTargetDays(recognition, window.asOf) : undefined;
    if (ahead !== undefined && ahead > MAX_FORECAST_DAYS) {
      const question = language === 'zh'
        ? `这个时段在数据结束后 ${ahead} 天才结束,而预测最多只看未来 ${MAX_FORECAST_DAYS} 天。要看未来 ${MAX_FORECAST_DAYS} 天的预测吗?`
        : `That period ends ${ahead} days after the data does; forecasts reach at most ${MAX_FORECAST_DAYS} days ahead. Shall I forecast the next ${MAX_FORECAST_DAYS} days?`;
      return { understanding: { kind: 'clarify', question, options: [language === 'zh' ? `预测未来${MAX_FORECAST_DAYS}天` : `forecast the next ${MAX_FORECAST_DAYS} days`], confidence: 0.3, notes: [...notes, `forecast ${ahead} days ahead, beyond ${MAX_FORECAST_DAYS}`] } };
    }
    const confidence = Math.max(0, 0.85 - UNKNOWN_WORD_PENALTY * Math.max(0, recognition.unknownWords.length - 2));
    return { understanding: { kind: 'model', toolName, arguments: toolArguments, confidence, notes: [...notes, `behaviour model: ${toolName}`] } };
  }

  applyRankingSubject(recognition, input.values, notes);
  applyProductRanking(recognition, notes);
  // In a funnel, 流失 / "lose" is the drop-off between its steps, which the funnel shows, not a subset of users.
  const subsetWords = recognition.cues.has('funnel') ? [] : unexplainedSubsetWords(recognition.residual, recognition.normalized);
  const slotWords = unexplainedGroupingSlots(recognition.normalized, recognition.residual, questionLexicon(input.values));
  const unexplained = [...new Set([...unexplainedWords(recognition.residual, recognition.cues, recognition.normalized), ...subsetWords, ...slotWords])];
  const suggestions = unexplained.flatMap((word) => nearestEntries(word, questionLexicon(input.values).entriesList(), language, 2));
  const uniqueSuggestions = suggestions.filter((suggestion, index) => suggestions.findIndex((other) => other.id === suggestion.id) === index).slice(0, 3);
  if (unexplained.length > 0) notes.push(`not understood: ${unexplained.join(', ')}`);

  return { normalized, recognition, notes, unexplained, uniqueSuggestions };
}


/**
 * "本月每天的GMV和上月对比": the days (weeks, months) of two periods are different dates, so no one query sets them
 * side by side; rather than the trend of one period without the comparison, ask which of the two answers is meant.
 */
function timelineComparison(request: AnalysisRequest, recognition: Recognition, input: UnderstandInput): { question: string; options: string[] } | undefined {
  if (request.analysis !== 'metrics' || request.query.compareTo || !timelineComparisonAsked(recognition, input.window)) return undefined;
  const { timeRange, compareTo } = chooseTime(recognition, input.window, true);
  if (!compareTo) return undefined;
  const dimensions = (request.query.dimensions as string[] | undefined) ?? [];
  // One timeline across both periods, or the two periods' totals side by side.
  const across: AnalysisRequest = { analysis: 'metrics', query: { ...request.query, timeRange: { start: compareTo.start < timeRange.start ? compareTo.start : timeRange.start, end: compareTo.end > timeRange.end ? compareTo.end : timeRange.end } } };
  const totals: AnalysisRequest = { analysis: 'metrics', query: { ...request.query, dimensions: dimensions.filter((dimension) => !CALENDAR_GRAINS.includes(dimension)), timeRange, compareTo } };
  const options = [across, totals]
    .map((reading) => readingOf(reading, input.language, (dimension, value, answerLanguage) => input.values.label(dimension, value, answerLanguage)))
    .filter((reading): reading is string => reading !== undefined);
  return input.language === 'zh'
    ? { question: `两个时期的日期不同，无法逐日（周、月）并排对比。您要看的是:${options.join(';还是')}?`, options }
    : { question: `The two periods have different dates, so I cannot set them side by side day by day (or week by week). Do you mean: ${options.join('; or ')}?`, options };
}

/** "break that into …", "split it by …", "再按渠道拆一下": the grouping shown, split further. */
const SPLIT_FURTHER = /\b(?:break|split|divide) (?:that|it|this|them|those) (?:down |up |out )?(?:into|by)\b|再按|再拆|进一步拆/;
/** "how are our customers doing", "客户情况怎么样": no measure named. */
const VAGUE_HOW = /\bhow (?:are|is|were|was) (?:our |the |my )?[a-z]+ (?:doing|performing|going|looking)\b|(?:情况|表现)(?:怎么样|如何|咋样)/;
/** "by city tier instead", "换成按城市": the grouping named replaces the one shown. */
const INSTEAD = /\binstead\b|换成|改成|改为|改按/;
/** "List those customers", "show me them", "列出来": the rows of a count just given. */
const LIST_THEM = /\b(?:list|show(?: me)?|give me|who are) (?:those|them|these|the)\b|列出来|列一下|都有谁|是哪些/;
/** A value added to the ones shown: "add EIRE also", "and Spain too", "再加上北京". */
const ADDS_VALUE = /^(?:(?:ok|and|also|pls|please|now)\s+)?(?:add|include|plus)\b|\b(?:also|too|as well)\s*[?.!]*$|^(?:再)?(?:加上|再加|也加上|把.{1,12}也加上)/;
/** "how much of that came from …", "其中多少来自…": a part of the measure just shown. */
const PART_OF_THAT = /\bhow (?:much|many) of (?:that|this|it|those|these|them)\b|其中(?:有)?多少/;

/** Personal data the user says they do not want. */
const NOT_WANTED_PERSONAL = /\b(?:i |we )?(?:don't|do not|won't|will not|no need to|never) (?:need|want|require|ask for|show)(?: any)?(?: their| the)? (?:(?:full |real )?names?|e-?mails?|phone(?: number)?s?|contact(?: details| info)?|addresses)(?:(?:,| or| and| nor)+ (?:their )?(?:(?:full |real )?names?|e-?mails?|phone(?: number)?s?|contact(?: details| info)?|addresses))*/g;

/** Things counted inside an order: units, whatever the question calls them. */
const COUNTED_ITEMS = /\b(?:items|products|units|pieces|things|lines|articles)\b|多少件|几件|多少个商品|几个商品|件商品|多少样/;

/** "As a rate?", "as a pct", "换成比例呢": the count just shown as its rate (RATE_OF_COUNT), a follow-up of its own. */
const AS_A_RATE = /\bas (?:an? )?(?:rate|percentage|percent|pct|%|share|proportion|ratio|fraction)\b|(?:换成|用|看)(?:比例|比率|百分比|占比)|^(?:那)?(?:比例|比率|占比|百分比)(?:呢|是多少|多少)?[?？]?$/;

/** The offline planner's reading of a question: an analysis to run, a clarifying question, or a refusal. */
export function understandQuestion(input: UnderstandInput): Understanding {
  const { language, window } = input;
  const words = input.fixedPhrasing ? fixedPhrasingReading(input, readWords) : readWords(input);
  if ('understanding' in words) return withCustomerFromContext(words.understanding, input);
  let { recognition } = words;
  const { normalized, notes, unexplained, uniqueSuggestions } = words;
  // "rev last month in USD": the shop's amounts are in its own currency and are never converted.
  const otherCurrency = input.currency ? currenciesNamed(normalized).find((code) => code !== input.currency) : undefined;
  if (otherCurrency && input.currency) {
    const question = language === 'zh'
      ? `这家店的金额都以 ${input.currency} 记录,我不做币种换算(问题里提到的是 ${otherCurrency})。要按 ${input.currency} 看吗?`
      : `This shop's amounts are recorded in ${input.currency} and I do not convert currencies (the question names ${otherCurrency}). Shall I answer in ${input.currency}?`;
    return { kind: 'clarify', question, options: language === 'zh' ? [`按 ${input.currency}`] : [`in ${input.currency}`], confidence: 0.3, notes: [...notes, `currency ${otherCurrency} is not the shop's ${input.currency}`] };
  }
  // "products that didn't sell", "一台都没卖出去的": groups come from the rows that happened, so a product with no
  // order at all in the period is in none of them; asked, never answered with "no data" or with the best sellers.
  const unsoldBound = recognition.thresholds?.find((threshold) => threshold.operator === 'lte' && threshold.values[0] === 0);
  if (unsoldBound) {
    const question = language === 'zh'
      ? '我只能按期间内发生过的订单来分组,整个期间一单都没有的商品不在这些数据里,所以没法可靠地列出“没卖出去”的商品。要看销量最低的商品吗?'
      : 'I group by the orders that happened, so a product with no order at all in the period is in none of them and I cannot reliably list the ones that did not sell. Shall I show the products with the fewest units sold instead?';
    return { kind: 'clarify', question, options: language === 'zh' ? ['销量最低的商品'] : ['products with the fewest units sold'], confidence: 0.3, notes: [...notes, 'groups with nothing sold cannot be listed from the facts'] };
  }
  // "How many large orders?": the size needs a bound the user sets; any picked here would answer another question.
  if (asksVagueSize(normalized) && !recognition.filters.some((filter) => filter.dimension === 'order_amount')) {
    const question = language === 'zh'
      ? '“大单/小单”按多少金额算?请给出界线,例如“500元以上的订单”,或者看“订单金额分布”。'
      : 'What counts as a large (or small) order? Give the bound, for example "orders over 500", or ask for the distribution of order amounts.';
    return { kind: 'clarify', question, options: language === 'zh' ? ['订单金额分布'] : ['distribution of order amounts'], confidence: 0.3, notes: [...notes, 'an order size with no bound'] };
  }
  // "Sunday, Dec 5" when Dec 5 is a Friday: asked back, never answered for one of the two days.
  const weekdayConflict = weekdayConflictQuestion(recognition.time?.matches ?? [], language);
  if (weekdayConflict) return { kind: 'clarify', question: weekdayConflict.question, options: weekdayConflict.options, confidence: 0.3, notes: [...notes, weekdayConflict.note] };

  const shapeOnly = recognition.cues.has('funnel') || recognition.cues.has('cohort') || (recognition.cues.has('distribution') && recognition.metrics.length === 0);
  // "whats that as a % of total?": a share of what was just shown is content of its own.
  const hasContent = recognition.dimensions.length > 0 || recognition.filters.length > 0 || recognition.time !== undefined || recognition.limit !== undefined || recognition.cues.size > 0 || asksShareOfTotal(normalized) || AS_A_RATE.test(normalized);
  // A period alone ("today") next to unknown words is not a question about the data ("what's the weather today").
  const analyticContent = recognition.dimensions.length > 0 || recognition.filters.length > 0 || recognition.limit !== undefined || recognition.cues.size > 0;
  // "平均每单多少钱" right after "75号用户上个月下了几单": a short question with only a metric stays about the one customer
  // the conversation is about.
  const aboutOneCustomer = singleCustomerFilter(input.previous) !== undefined;
  // "加购率多少" right after "零食类目上周多少访客": a bare metric keeps the scope the conversation set, as its period.
  const scoped = isMetricsRequest(input.previous) && ((input.previous.query.filters as unknown[] | undefined) ?? []).length > 0;
  const bareMetric = recognition.metrics.length > 0 && recognition.filters.length === 0 && recognition.dimensions.length === 0 && recognition.time === undefined && (/\p{Script=Han}/u.test(normalized) ? normalized.replace(/[\s\p{P}]/gu, '').length <= 10 : normalized.split(/\s+/).length <= 6);
  // "and what's its repeat purchase rate?", "这个等级的退货率" after an answer that named one row: that row.
  const leadingRow = isMetricsRequest(input.previous) && input.previous.query.limit === 1 && input.focus !== undefined && pointsAtLeadingRow(normalized);
  // A leading row that is only a day, week or month: "its" is that period.
  const periodOnlyFocus = input.focus?.period !== undefined && input.focus.dimension === undefined;
  const followUp = isMetricsRequest(input.previous) && !shapeOnly && (recognition.metrics.length === 0 ? hasContent || WHOLE.test(normalized) : input.refinesOffered === true || FOLLOW_UP_START.test(normalized) || ADDS_METRIC.test(normalized) || SPLIT_FURTHER.test(normalized) || FOLLOW_UP_END.test(normalized) || FOLLOW_UP_PRONOUN.test(normalized) || recognition.pointsBack || leadingRow || ((aboutOneCustomer || scoped) && bareMetric));

  // "What about over £2,000?" after the customers who spent over £1,000: the same groups, kept by the new bound.
  const previousThresholds = isMetricsRequest(input.previous) ? (input.previous.query as { thresholds?: { metric: string }[] }).thresholds : undefined;
  const newBound = previousThresholds?.length ? bareBound(normalized) : undefined;
  if (newBound && isMetricsRequest(input.previous) && previousThresholds?.[0]) {
    const query = { ...input.previous.query, thresholds: [{ metric: previousThresholds[0].metric, ...newBound }] };
    return { kind: 'analysis', request: { ...input.previous, query }, confidence: 0.8, notes: [...notes, 'follow-up: the previous groups, kept by the new bound'] };
  }
  const funnelAgain = unexplained.length === 0 ? funnelFollowUp(input.previous, recognition, language) : undefined;
  if (funnelAgain) return { kind: 'analysis', request: funnelAgain, confidence: 0.8, notes: [...notes, 'follow-up: the previous funnel again, with what this turn changed'] };

  // "How many orders did they place?" after a one-row answer ("October's top customer"): they are that row.
  // "And the cancellation rate that week?" after the week with the highest revenue: that week, not a new ranking.
  const previousRange = isMetricsRequest(input.previous) ? (input.previous.query as { timeRange?: { start: string; end: string } }).timeRange : undefined;
  const pointedRange = followUp && isMetricsRequest(input.previous) && input.previous.query.limit === 1 && input.focus?.period && previousRange && !recognition.time
    ? pointedPeriodRange(normalized, input.focus.period, previousRange, periodOnlyFocus && (recognition.pointsBack || leadingRow))
    : undefined;
  if (pointedRange) recognition.pointsBack = true;
  if (followUp && isMetricsRequest(input.previous) && input.previous.query.limit === 1 && input.focus && !recognition.pointsBack && (/\b(?:they|them|their)\b|他们|她们/.test(normalized) || leadingRow)) recognition.pointsBack = true;
  let inheritedTime: { timeRange?: unknown; compareTo?: unknown } = {};
  if (followUp && isMetricsRequest(input.previous)) {
    const inherited = inheritFrom(input.previous, recognition, input.focus);
    recognition = inherited.recognition;
    inheritedTime = inherited;
    notes.push('follow-up: reused the previous question’s metric, grouping, filters and period where this one left them out');
  } else if (isMetricsRequest(input.previous) && !recognition.time && !recognition.wholeData) {
    // "哪天订单最少？" right after a day-by-day answer: which of the days just shown, not of all the data.
    const shown = (input.previous.query.dimensions as string[] | undefined) ?? [];
    if (grainsAskedFor(normalized).some((grain) => shown.includes(grain))) {
      inheritedTime = { timeRange: input.previous.query.timeRange };
      notes.push('which day/week of the period just shown: kept its period');
    } else if (namedPeriod(input.previous.query.timeRange, input.window) && !input.previous.query.compareTo) {
      // "repurchase rate on the mini program?" after "last month's buyers by device": a conversation keeps the period
      // it named until a question names another; the answer's first sentence says which.
      inheritedTime = { timeRange: input.previous.query.timeRange };
      notes.push('the conversation’s period kept');
    }
  }

  // "它排第几?" with nothing before it: ask what "it" is instead of refusing or guessing.
  // Only when the question names nothing else to anchor it ("grew its orders", "the week before it" point inside it).
  // ("What did they buy?" names products only as what was bought: it still points at nobody.)
  const namedDimensions = recognition.dimensions.filter((dimension) => !(dimension === 'product' && purchasedItemsSpans(normalized)));
  // A pronoun inside a metric's own phrase ("goods returned against them") points at nothing.
  if (!isMetricsRequest(input.previous) && (recognition.pointsBack || (FOLLOW_UP_PRONOUN.test(normalized) && FOLLOW_UP_PRONOUN.test(withoutMetricPhrases(normalized, input.values)))) && recognition.filters.length === 0 && namedDimensions.length === 0 && recognition.time === undefined) {
    return language === 'zh'
      ? { kind: 'clarify', question: '“它/这个”指的是什么?请说出要看的品类、品牌、城市或商品,以及指标(例如成交额、订单数)。', options: ['各品类的成交额', '各城市的订单数'], confidence: 0.2, notes: [...notes, 'points back with nothing before it'] }
      : { kind: 'clarify', question: 'What does "it" refer to? Name the category, brand, city or product, and the measure (for example GMV or orders).', options: ['GMV by category', 'orders by city'], confidence: 0.2, notes: [...notes, 'points back with nothing before it'] };
  }
  if (unexplained.length > 0 && !followUp && recognition.metrics.length === 0 && !shapeOnly) {
    const clarification = notUnderstood(unexplained, uniqueSuggestions, language);
    return { kind: 'clarify', question: clarification.question, options: clarification.options, confidence: 0.2, notes };
  }

  let rankedWithoutMetric = false;
  const ranks = recognition.cues.has('top') || recognition.cues.has('bottom') || recognition.limit !== undefined;
  const impliedMetric = recognition.dimensions.map((dimension) => findDimension(dimension)?.default_metric).find(Boolean);
  if (recognition.metrics.length === 0 && !shapeOnly && ranks && impliedMetric) {
    // "top search terms": a dimension that exists on one kind of event is ranked by its own count.
    recognition.metrics = [impliedMetric];
    notes.push(`no metric named: ${impliedMetric}, the measure of ${recognition.dimensions.join(', ')}`);
  }
  if (recognition.metrics.length === 0 && !shapeOnly && ranks && recognition.dimensions.length > 0) {
    // "哪个城市最差" ranks without naming a measure: rank by GMV (by orders when it asks how busy) and say so in the
    // answer's first sentence, which names the measure; the question is answered, not sent back (issue 9).
    const busy = BUSY_WORDS.test(normalized);
    recognition.metrics = [busy ? 'orders' : 'gmv'];
    notes.push(`no metric named: ranked by ${busy ? 'paid orders' : 'GMV'}`);
    rankedWithoutMetric = EVALUATIVE_ONLY.test(normalized);
  }

  // "有多少种不同的搜索词", "how many cities had activity": counting a dimension's values needs no metric named; the
  // dimension's own measure or paid orders decide which values count.
  if (recognition.metrics.length === 0 && !shapeOnly && recognition.dimensions.length > 0 && asksDistinctCount(normalized)) {
    recognition.metrics = [impliedMetric ?? 'orders'];
    notes.push(`no metric named: values counted by ${recognition.metrics[0]}`);
  }
  // "华为在手机品类里的份额": a share of named values with no metric is a share of sales (GMV), said in the restatement.
  if (recognition.metrics.length === 0 && !shapeOnly && recognition.filters.length > 0 && asksShareOfTotal(normalized)) {
    recognition.metrics = ['gmv'];
    notes.push('share with no metric named: share of GMV');
  }
  if (recognition.metrics.length === 0 && !shapeOnly) {
    if (VAGUE.test(normalized) || analyticContent || ANALYTIC_WORDS.test(normalized) || (recognition.time !== undefined && recognition.unknownWords.length === 0)) {
      return {
        kind: 'clarify',
        question: language === 'zh' ? '您想看哪个指标?例如成交额、订单数或转化率。' : 'Which metric do you mean? For example GMV, orders or conversion rate.',
        options: language === 'zh' ? ['成交额', '订单数', '转化率'] : ['GMV', 'orders', 'conversion rate'],
        confidence: 0.3,
        notes: [...notes, 'no metric recognised'],
      };
    }
    const offTopic = offTopicRefusal(language);
    return { kind: 'refuse', reason: offTopic.reason, message: offTopic.message, confidence: 0.5, notes: [...notes, 'nothing analytic recognised'] };
  }

  // "How are our customers doing?": a generic noun and a vague ask name no measure; asked, not answered with buyers.
  if (!followUp && recognition.metrics.length > 0 && recognition.metrics.every((metric) => recognition.genericMetrics.includes(metric)) && recognition.dimensions.length === 0 && recognition.filters.length === 0 && recognition.time === undefined && VAGUE_HOW.test(normalized)) {
    return {
      kind: 'clarify',
      question: language === 'zh' ? '您想看哪个指标?例如购买人数、复购率或客单价。' : 'Which measure do you mean? For example buyers, repurchase rate or average order value.',
      options: language === 'zh' ? ['购买人数', '复购率', '客单价'] : ['buyers', 'repurchase rate', 'average order value'],
      confidence: 0.3,
      notes: [...notes, 'a vague ask about a generic noun'],
    };
  }
  // "GMV per buyer", "spends the most per order": the catalogue's ratio of the named quantity to the counted unit.
  if (asksQuantityPerUnit(recognition.normalized) && recognition.metrics.length > 0 && !recognition.metrics.some((id) => findMetric(id)?.formula.kind === 'ratio')) {
    // "how many items on an invoice", "每张订单里有多少件商品": the counted things are units, the order only the unit.
    const counted = COUNTED_ITEMS.test(recognition.normalized) && !recognition.metrics.includes('units') ? ['units', ...recognition.metrics] : recognition.metrics;
    const ratio = perUnitRatioMetric(counted, recognition.normalized);
    if (ratio) {
      notes.push(`${recognition.metrics.join(', ')} per unit read as ${ratio}`);
      recognition.metrics = [ratio];
    }
  }
  // "orders per customer": a quantity per order or person that no ratio metric names has no answer here.
  if (asksQuantityPerUnit(recognition.normalized) && recognition.metrics.length > 0 && !recognition.metrics.some((id) => findMetric(id)?.formula.kind === 'ratio') && !recognition.cues.has('why')) {
    const ratios = ['aov', 'arpu', 'conversion_rate'].map((id) => (language === 'zh' ? findMetric(id)?.name_zh : findMetric(id)?.name_en) ?? id);
    return language === 'zh'
      ? { kind: 'clarify', question: `我还不能按订单或按人计算这个平均数。可以回答的比率有:${ratios.join('、')};或者看总量。`, options: ratios, confidence: 0.3, notes: [...notes, 'quantity per order or person without a ratio metric'] }
      : { kind: 'clarify', question: `I cannot compute that per order or per person yet. Ratios I can answer: ${ratios.join(', ')}; or ask for the total.`, options: ratios, confidence: 0.3, notes: [...notes, 'quantity per order or person without a ratio metric'] };
  }

  // "评分分布": a distribution of something other than prices or order amounts has no answer; an average would
  // answer a different question.
  if (recognition.cues.has('distribution') && recognition.metrics.length > 0 && !isAboutAmounts(recognition) && recognition.dimensions.length === 0 && ![...recognition.cues].some((cue) => cue.startsWith('grain:'))) {
    const name = recognition.metrics.map((id) => (language === 'zh' ? findMetric(id)?.name_zh : findMetric(id)?.name_en) ?? id).join(language === 'zh' ? '、' : ', ');
    return language === 'zh'
      ? { kind: 'clarify', question: `我能画出商品价格和订单金额的分布,但不能画${name}的分布。可以改看${name}的平均值,或按某个维度拆分(例如按品类)。`, options: [`${name}`, `各品类的${name}`], confidence: 0.3, notes: [...notes, 'distribution of a non-amount metric'] }
      : { kind: 'clarify', question: `I can show distributions of product prices and order amounts, not of ${name}. I can show ${name} overall or split by a dimension (for example by category).`, options: [`${name}`, `${name} by category`], confidence: 0.3, notes: [...notes, 'distribution of a non-amount metric'] };
  }

  // "GMV in the US" on a shop with no US rows: said and asked, never answered for everyone.
  const absent = absentCountries(recognition.normalized, input.question, input.values);
  if (absent.length > 0) {
    const asked = absentCountriesQuestion(absent, input.values, language);
    return { kind: 'clarify', question: asked.question, options: asked.options, confidence: 0.2, notes: [...notes, `no data for ${absent.join(', ')}`] };
  }
  const singleEvent = singleEventDimensionMismatch(recognition, language);
  if (singleEvent) return { kind: 'clarify', question: singleEvent.question, options: singleEvent.options, confidence: 0.3, notes: [...notes, 'split by a value only one kind of event carries'] };
  // "请列出11月每天的累计成交额", "cumulative revenue by week": running totals along the timeline (checked below);
  // "本月截至昨天的累计成交额" is one total.
  const overTime = recognition.cues.has('trend') || recognition.dimensions.some((dimension) => ['day', 'week', 'month', 'hour'].includes(dimension)) || [...recognition.cues].some((cue) => cue.startsWith('grain:'));
  const runningTotal = overTime && asksRunningTotal(normalized);
  const misfit = dimensionMismatch(recognition, language);
  if (misfit) return { kind: 'clarify', question: misfit.question, options: misfit.options, confidence: 0.3, notes: [...notes, 'a split or filter the metric does not have'] };
  const unavailable = unavailableOnWarehouse(recognition, input.profile, language);
  if (unavailable) return { kind: 'clarify', question: unavailable.question, options: unavailable.options, confidence: 0.2, notes: [...notes, 'needs data this warehouse does not have'] };

  // "worst cart abandonment": for a metric where lower is better, the worst is the highest value.
  const judged = ranks ? judgedAs(recognition.normalized) : undefined;
  if (judged && recognition.metrics.length > 0 && recognition.metrics.every((id) => findMetric(id)?.higher_is_better === false)) {
    const wanted = judged === 'worst' ? 'top' : 'bottom';
    recognition.cues.delete(wanted === 'top' ? 'bottom' : 'top');
    recognition.cues.add(wanted);
    notes.push(`${judged} of a metric where lower is better: ${wanted === 'top' ? 'highest' : 'lowest'} first`);
  }
  // "GMV排名", "各个直播间的GMV排名": a ranking with nothing to rank would answer one total, another question.
  const rankedGrain = [...recognition.cues].some((cue) => cue.startsWith('grain:')) || recognition.cues.has('trend');
  const comparing = recognition.cues.has('compare') || comparesPeriods(recognition.normalized) || recognition.time?.comparison === 'named_period';
  const rankable = ranks && recognition.dimensions.length === 0 ? rankableFromFilters(recognition) : undefined;
  if (rankable) {
    recognition.dimensions = [rankable];
    notes.push(`ranking among the filtered values: ${rankable}`);
  }
  if (ranks && recognition.dimensions.length === 0 && !rankedGrain && !comparing && !shapeOnly && !recognition.cues.has('why') && !recognition.cues.has('distribution') && !asksRankPosition(recognition.normalized)) {
    const metric = recognition.metrics.map((id) => (language === 'zh' ? findMetric(id)?.name_zh : findMetric(id)?.name_en) ?? id).join(language === 'zh' ? '、' : ', ');
    const groups = ['category', 'brand', 'product', 'city'].map((id) => findDimension(id)).filter((dimension) => dimension !== undefined);
    const options = groups.map((dimension) => (language === 'zh' ? `各${dimension.name_zh}的${metric}排名` : `${metric} by ${dimension.name_en.toLowerCase()}, ranked`));
    const question = language === 'zh' ? `要按什么给${metric}排名?例如按品类、品牌、商品或城市。` : `Rank ${metric} by what? For example by category, brand, product or city.`;
    return { kind: 'clarify', question, options, confidence: 0.3, notes: [...notes, 'a ranking that names nothing to rank'] };
  }
  // "英国和海外（非英国）客户": a value and everything but it, side by side, is the value against the rest.
  const againstItself = recognition.filters.some((filter) => filter.operator === 'in' && recognition.filters.some((other) => other.operator === 'not_in' && other.dimension === filter.dimension && other.values.every((value) => filter.values.includes(value))));
  if (againstItself) recognition.filters = recognition.filters.filter((filter) => !(filter.operator === 'not_in' && recognition.filters.some((other) => other.operator === 'in' && other.dimension === filter.dimension)));
  if (!followUp && (againstItself || contrastsWithTheRest(recognition.normalized))) {
    const contrast = contrastWithTheRest(recognition, input.values, language, notes);
    if (contrast) return contrast;
  }

  const retention = retentionPlan(recognition);
  const retentionAsk = retentionClarification(recognition, retention, language);
  if (retentionAsk) return { kind: 'clarify', question: retentionAsk.question, options: retentionAsk.options, confidence: 0.3, notes: [...notes, 'a retention split or filter the cohorts cannot take'] };
  if (retention?.kind === 'metrics' && retention.defaulted) notes.push(`no retention kind named: ${retention.metrics.join(', ')}`);

  const request = buildRequest(recognition, window, language);
  // "为什么这么高" after "上个月的转化率": the change of the period the conversation is about (and its filters),
  // against the period before it, not last week's.
  const inheritedRange = inheritedTime.timeRange as { start: string; end: string } | undefined;
  if (request.analysis === 'contribution' && followUp && inheritedRange && !recognition.time) {
    request.query.timeRange = inheritedRange;
    const previousCompare = isMetricsRequest(input.previous) ? (input.previous.query as { compareTo?: { start: string; end: string } }).compareTo : undefined;
    request.query.compareTo = previousCompare ?? previousOfRange(inheritedRange);
    notes.push('follow-up why: the previous answer’s period against the one before it');
  }
  if (runningTotal) {
    const running = runningTotalOf(request, language);
    if (running.kind === 'clarify') return { kind: 'clarify', question: running.question, options: running.options, confidence: running.confidence, notes: [...notes, 'running total the metric or shape cannot take'] };
    notes.push('running total along the timeline');
  }
  if (request.analysis === 'metrics') {
    const timeDimension = ((request.query.dimensions as string[] | undefined) ?? []).some((dimension) => ['day', 'week', 'month'].includes(dimension));
    if (inheritedTime.timeRange) request.query.timeRange = inheritedTime.timeRange;
    // "and in october?" after "what % of all orders is that": the same share, for the new period.
    const previousShare = followUp && isMetricsRequest(input.previous) ? input.previous.query.share : undefined;
    const sameMetrics = isMetricsRequest(input.previous) && JSON.stringify(request.query.metrics) === JSON.stringify(input.previous.query.metrics);
    if (previousShare && !request.query.share && !request.query.average && sameMetrics) request.query.share = previousShare;
    // "And in October?" after "average daily paid orders in November": the same average, for the new period.
    const previousAverage = followUp && isMetricsRequest(input.previous) ? (input.previous.query as { average?: { per: string } }).average : undefined;
    if (previousAverage && !request.query.average && !request.query.share && sameMetrics && !timeDimension) request.query.average = previousAverage;
    if (inheritedTime.compareTo && !recognition.time && !timeDimension) request.query.compareTo = inheritedTime.compareTo;
    if (timeDimension) delete request.query.compareTo;
    // "和上个月比呢" after "本月的GMV": the earlier period named now is what the previous answer is compared with.
    const previousRange = followUp && isMetricsRequest(input.previous) ? (input.previous.query as { timeRange?: { start: string; end: string } }).timeRange : undefined;
    // "跟黑五比呢" after 双十一: compared with the period named, earlier or later, when the follow-up says so.
    const namedAfter = recognition.time !== undefined && previousRange !== undefined && recognition.time.start > previousRange.end && COMPARED_WITH.test(recognition.normalized);
    if (previousRange && recognition.time && (recognition.cues.has('compare') || comparesPeriods(recognition.normalized)) && !timeDimension && (recognition.time.end < previousRange.start || namedAfter) && recognition.time.comparison !== 'named_period') {
      request.query.timeRange = previousRange;
      request.query.compareTo = { start: recognition.time.start, end: recognition.time.end };
      notes.push('follow-up comparison: kept the previous period and compared it with the one named now');
    }
  }
  // "How many orders did each of them place?" after the top 5 customers: those five, each, with the new measure.
  const shown = input.focus?.shown;
  if (followUp && shown && request.analysis === 'metrics' && asksAboutShownRows(normalized) && shown.values.length > 0) {
    const query = request.query as { dimensions?: string[]; filters?: SemanticFilter[]; orderBy?: unknown; limit?: unknown; offset?: unknown; limitPerGroup?: unknown };
    query.filters = [...(query.filters ?? []).filter((filter) => filter.dimension !== shown.dimension), { dimension: shown.dimension, operator: 'in', values: shown.values }];
    query.dimensions = [shown.dimension, ...(query.dimensions ?? []).filter((dimension) => dimension !== shown.dimension && CALENDAR_GRAINS.includes(dimension))];
    delete query.orderBy;
    delete query.limit;
    delete query.offset;
    delete query.limitPerGroup;
    notes.push('follow-up: each of the rows just shown');
  }
  if (pointedRange && request.analysis === 'metrics') {
    request.query.timeRange = pointedRange;
    delete request.query.compareTo;
    notes.push('follow-up: the period the previous answer led with');
  }
  const timeline = timelineComparison(request, recognition, input);
  if (timeline) return { kind: 'analysis', request, confidence: 0.4, notes: [...notes, 'period comparison of a timeline the periods do not share'], clarification: timeline };
  if (unexplained.length > 0) {
    // Never answer around a word that could change the answer: say what was understood and ask.
    const clarification = notUnderstood(unexplained, uniqueSuggestions, language, readingOf(request, language, (dimension, value, answerLanguage) => input.values.label(dimension, value, answerLanguage)) ?? '');
    return { kind: 'analysis', request, confidence: 0.2, notes, clarification };
  }
  if (rankedWithoutMetric) {
    // "哪个城市表现最好" names no measure: "best" by GMV is a guess, so it is proposed, not answered.
    const reading = readingOf(request, language, (dimension, value, answerLanguage) => input.values.label(dimension, value, answerLanguage)) ?? '';
    const clarification = language === 'zh'
      ? { question: `“最好/最差”按哪个指标算?我的理解是:${reading}。`, options: ['就按这个理解', '订单数', '转化率'] }
      : { question: `Best or worst by which measure? I would read it as: ${reading}.`, options: ['yes, as understood', 'orders', 'conversion rate'] };
    return { kind: 'analysis', request, confidence: 0.4, notes, clarification };
  }
  const confidence = Math.max(0, 0.85 - UNKNOWN_WORD_PENALTY * recognition.unknownWords.length);
  return { kind: 'analysis', request, confidence, notes };
}
