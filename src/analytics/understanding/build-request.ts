import { asksYearOverYear, findDimension, findMetric, timeQueryParts } from '../../sql/semantic/index.ts';
import { monthPeriod, previousOfRange, previousPeriod, quarterPeriod, weekPeriod, yearAgoPeriod } from '../../sql/semantic/time/time-period.ts';
import { addDays, dateParts, daysBetween, rangeLength } from '../../sql/semantic/time/calendar-date.ts';
import type { SemanticFilter } from '../../sql/semantic/compile/semantic-query.ts';
import { asksRankPosition } from './rules/rank-position-rules.ts';
import { asksDistinctCount } from './rules/distinct-count-rules.ts';
import type { AnalysisRequest } from '../analysis/analysis-request.ts';
import type { Language } from '../../text/language.ts';
import type { Recognition } from './recognize-question.ts';
import { comparesPeriods, type ComparisonUnit } from './rules/comparison-rules.ts';
import { asksShareOfTotal } from './rules/share-rules.ts';
import { asksTopTogether } from './rules/combined-top-rules.ts';
import { averagePeriodAskedFor } from './rules/average-rules.ts';
import { retentionPlan } from './retention-request.ts';

export interface DataWindow {
  start: string;
  asOf: string;
}

const TIME_DIMENSIONS = ['day', 'week', 'month', 'hour', 'weekday'];
/** Time grains that are a timeline: two periods have different dates, so a comparison cannot share their rows. */
export const CALENDAR_GRAINS = ['day', 'week', 'month'];
const WHY_DEFAULT_DIMENSIONS = ['category', 'city_tier', 'device', 'channel'];

/** Whether a question is about prices or order amounts, the only things ShopLens draws distributions of. */
export function isAboutAmounts(recognition: Recognition): boolean {
  // Orders or GMV counted in amount bands ("how many orders under 300, 300-1000 and 1000+") are about order amounts.
  if (recognition.bandEdges.length >= 3 && recognition.metrics.length > 0 && recognition.metrics.every((id) => ['orders', 'gmv', 'orders_created'].includes(id))) return true;
  return /价格|价位|单价|price|金额|amount|客单|order value|order size|size band|invoices? values?|basket size|订单大小|单笔|spend|yuan|rmb|元|镑|pounds?\b|¥|£|\$/.test(recognition.normalized);
}

/**
 * "各支付方式的订单占比" shares the groups of a breakdown; "支付宝付款的订单占比" shares the filtered part of the
 * total (its filter is left out of the total). Only counts and sums have shares.
 */
function shareOfTotal(recognition: Recognition, metrics: string[], dimensions: string[], filters: SemanticFilter[]): { excludeFilters: string[] } | undefined {
  if (!asksShareOfTotal(recognition.normalized)) return undefined;
  if (!metrics.some((id) => findMetric(id)?.formula.kind !== 'ratio')) return undefined;
  // "男性和女性客户分别贡献了多少比例的销售额": each named group's share of everything, not of the named groups only.
  if (dimensions.length > 0) return { excludeFilters: filters.filter((filter) => filter.operator === 'in' && dimensions.includes(filter.dimension)).map((filter) => filter.dimension) };
  // "what % of revenue comes from outside the UK": an excluded value is the part too.
  // So is a bound ("300元以上的订单占比": orders over 300 of all orders).
  const parts = filters.map((filter) => filter.dimension);
  // A value named as the scope stays in the total ("苹果在耳机品类里的份额": Apple's share of headphones), unless
  // every value is, when there is no other part to take the share of.
  const outsideScope = parts.filter((dimension) => !recognition.scopeDimensions.includes(dimension));
  const excluded = outsideScope.length > 0 ? outsideScope : parts;
  return excluded.length > 0 ? { excludeFilters: excluded } : undefined;
}

/** Last 7 days vs the 7 before: the default for "环比"/"why" questions that name no period. */
function lastWeekPair(window: DataWindow): { timeRange: { start: string; end: string }; compareTo: { start: string; end: string } } {
  return {
    timeRange: { start: addDays(window.asOf, -6), end: window.asOf },
    compareTo: { start: addDays(window.asOf, -13), end: addDays(window.asOf, -7) },
  };
}

/** The ordinary level a period is compared with ("比平时"): the 28 days before it, within the data. */
const USUAL_DAYS = 28;
function usualPeriodBefore(range: { start: string; end: string }, window: DataWindow): { start: string; end: string } | undefined {
  const end = addDays(range.start, -1);
  const start = addDays(range.start, -USUAL_DAYS);
  if (end < window.start) return undefined;
  return { start: start < window.start ? window.start : start, end };
}

/** The calendar unit holding the as-of date, up to the as-of date ("this month so far"). */
function currentUnitToDate(unit: ComparisonUnit, asOf: string): { start: string; end: string } {
  const { year, month } = dateParts(asOf);
  const whole = unit === 'day' ? { start: asOf, end: asOf } : unit === 'week' ? weekPeriod(asOf) : unit === 'month' ? monthPeriod(year, month) : quarterPeriod(year, Math.ceil(month / 3));
  return { start: whole.start, end: asOf < whole.end ? asOf : whole.end };
}

interface TimeChoice {
  timeRange: { start: string; end: string };
  compareTo?: { start: string; end: string };
  filters: SemanticFilter[];
  assumedAllData: boolean;
}

/**
 * The period just before `range` (a whole calendar month: the month before; otherwise the same number of days), or
 * `shiftDays` earlier when given ("a week earlier").
 */
export function previousPeriodOf(range: { start: string; end: string }, shiftDays?: number): { start: string; end: string } {
  if (shiftDays === undefined) return previousOfRange(range);
  return { start: addDays(range.start, -shiftDays), end: addDays(range.end, -shiftDays) };
}

const COMPARED_VALUES = /\bvs\.?\b|versus|\bcompare|对比|比较|和.{1,8}比|分别/;
const FUNNEL_SPLIT = /按|分(?!钟|布)|各|每个|\bby\b|\bper\b|\beach\b|\bsplit\b|broken down|breakdown/;

export function chooseTime(recognition: Recognition, window: DataWindow, compare: boolean): TimeChoice {
  if (recognition.time && !(compare && recognition.comparisonUnit)) {
    const parts = timeQueryParts(recognition.time, { compare });
    const compareTo = compare && recognition.againstUsual ? usualPeriodBefore(parts.timeRange, window) : compare && recognition.compareShiftDays ? previousPeriodOf(parts.timeRange, recognition.compareShiftDays) : parts.compareTo;
    return { timeRange: parts.timeRange, compareTo, filters: parts.filters, assumedAllData: false };
  }
  if (compare && recognition.comparisonUnit) {
    // "GMV环比上月": this month so far against last month; 上月 named the period compared with.
    const current = currentUnitToDate(recognition.comparisonUnit, window.asOf);
    return { timeRange: current, compareTo: previousPeriod({ ...current, unit: recognition.comparisonUnit }), filters: [], assumedAllData: false };
  }
  if (compare) {
    const pair = lastWeekPair(window);
    // 同比 / YoY with no period named: the last week against the same dates a year earlier.
    if (asksYearOverYear(recognition.normalized)) return { timeRange: pair.timeRange, compareTo: yearAgoPeriod(pair.timeRange), filters: [], assumedAllData: false };
    return { ...pair, filters: [], assumedAllData: false };
  }
  // "across the whole period": all of the data, as asked rather than assumed.
  return { timeRange: { start: window.start, end: window.asOf }, filters: [], assumedAllData: recognition.wholeData !== true };
}

function namedGrain(recognition: Recognition): string | undefined {
  return ['hour', 'weekday', 'month', 'week', 'day'].find((grain) => recognition.cues.has(`grain:${grain}` as never) || recognition.dimensions.includes(grain));
}

function trendGrain(recognition: Recognition, timeRange: { start: string; end: string }): string {
  return namedGrain(recognition) ?? (rangeLength(timeRange) > 62 ? 'week' : 'day');
}

/** The calendar grains (day, week, month) the question groups by, a trend without a named grain counting as one. */
function calendarGrainsAsked(recognition: Recognition): string[] {
  const grains = CALENDAR_GRAINS.filter((grain) => recognition.cues.has(`grain:${grain}` as never) || recognition.dimensions.includes(grain));
  if (recognition.cues.has('trend') && grains.length === 0 && !['hour', 'weekday'].includes(namedGrain(recognition) ?? '')) return ['trend'];
  return grains;
}

/**
 * "平均每天的订单" is one number per group: the words that would ask for a daily series are the average's own.
 * "上周平均每天的日活": DAU is already an average per active day (÷ active_days), so "per day" asks for no series.
 */
function averageOf(per: string | undefined, recognition: Recognition, metrics: string[]): { averaged: boolean; dailyAlready: boolean } {
  if (per === undefined || recognition.cues.has('trend')) return { averaged: false, dailyAlready: false };
  const formulas = metrics.map((id) => findMetric(id)?.formula);
  return {
    averaged: formulas.every((formula) => formula?.kind !== 'ratio'),
    dailyAlready: per === 'day' && formulas.every((formula) => formula?.kind === 'ratio' && formula.denominator === 'active_days'),
  };
}

/**
 * "本周每天的GMV对比上周同一天": days of one week against the same weekdays of another are weekday rows with both
 * periods' values; the question's day grain becomes weekday. Only when each weekday occurs once in each period.
 */
function sameWeekdays(time: { timeRange: { start: string; end: string }; compareTo?: { start: string; end: string } }): boolean {
  const { timeRange, compareTo } = time;
  if (!compareTo || rangeLength(timeRange) > 7 || rangeLength(compareTo) !== rangeLength(timeRange)) return false;
  return daysBetween(compareTo.start, timeRange.start) % 7 === 0;
}

function mergedFilters(...lists: SemanticFilter[][]): SemanticFilter[] {
  const byKey = new Map<string, SemanticFilter>();
  for (const filter of lists.flat()) byKey.set(`${filter.dimension}:${filter.operator}`, filter);
  return [...byKey.values()];
}

/**
 * The value whose rank is asked: a single-value filter, preferably on a dimension the question also names
 * ("杭州…在所有城市里", "Shanghai … among cities"); never the scope of the ranking ("在耳机品类里").
 */
function rankedValue(recognition: Recognition, dimensions: string[]): { dimension: string; filter: SemanticFilter } | undefined {
  const candidates = recognition.filters.filter((filter) => filter.operator === 'in' && filter.values.length === 1 && !recognition.scopeDimensions.includes(filter.dimension));
  const filter = candidates.find((candidate) => dimensions.includes(candidate.dimension)) ?? candidates.find((candidate) => recognition.nounsAfterValues.includes(candidate.dimension)) ?? (candidates.length === 1 ? candidates[0] : undefined);
  return filter ? { dimension: filter.dimension, filter } : undefined;
}

/**
 * A funnel has no metric, so "new users" in "funnel for new users" names whose funnel it is: the new users of the
 * period (dropped before, which answered for everyone).
 */
function withNewUsersFilter(recognition: Recognition, filters: SemanticFilter[]): SemanticFilter[] {
  if (!recognition.metrics.includes('new_users') || filters.some((filter) => filter.dimension === 'new_vs_returning')) return filters;
  return [...filters, { dimension: 'new_vs_returning', operator: 'in', values: ['new'] }];
}

/** Whether the question compares periods, the timeline grains it groups by, and whether its days become weekdays. */
interface ComparisonPlan {
  comparisonAsked: boolean;
  calendarGrains: string[];
  dayByWeekday: boolean;
}

export function comparisonPlan(recognition: Recognition, window: DataWindow): ComparisonPlan {
  const { cues } = recognition;
  // The compiler cannot compare periods and split by day/week/month at once; a trend question wins. Hours of the day
  // and days of the week recur in both periods, so they are compared like any grouping ("orders by hour on Double 11
  // vs the day before").
  // Each metric once: "转化率（购买人数/UV）" names the conversion rate and then its definition.
  const metrics = recognition.metrics.length > 0 ? [...new Set(recognition.metrics)] : ['gmv'];
  const averagesGrains = Object.values(averageOf(averagePeriodAskedFor(recognition.normalized), recognition, metrics)).some(Boolean);
  let calendarGrains = averagesGrains ? [] : calendarGrainsAsked(recognition);
  // Two values of one grouped dimension ("男女", "iOS vs Android") compare groups, not periods, unless the
  // question also names a period comparison.
  // So does a grouping with no period named ("各年龄段客单价对比", "weekday vs weekend conversion").
  const comparesGroups =
    recognition.filters.some((filter) => filter.operator === 'in' && filter.values.length >= 2 && recognition.dimensions.includes(filter.dimension)) ||
    (recognition.time === undefined && recognition.dimensions.some((dimension) => !TIME_DIMENSIONS.includes(dimension))) ||
    // Weekends against weekdays are two groups of the same period.
    recognition.dimensions.includes('day_type');
  const periodComparison = recognition.time?.comparison === 'named_period' || recognition.compareShiftDays !== undefined || comparesPeriods(recognition.normalized);
  const comparisonAsked = (cues.has('compare') && !recognition.comparesGroupsOnly && (!comparesGroups || periodComparison)) || recognition.time?.comparison === 'named_period';
  let dayByWeekday = false;
  // Days compared as weekdays only when another period is named ("每天的订单，和上周比"); "每天卖多少件，想看变化" over a
  // named range is a daily timeline, which shows the change.
  const otherPeriodNamed = recognition.time?.comparison === 'named_period' || recognition.compareShiftDays !== undefined || recognition.comparisonUnit !== undefined || recognition.againstUsual === true || !recognition.time || ANOTHER_PERIOD.test(recognition.normalized);
  if (comparisonAsked && otherPeriodNamed && calendarGrains.length === 1 && calendarGrains[0] === 'day' && sameWeekdays(chooseTime(recognition, window, true))) {
    dayByWeekday = true;
    calendarGrains = [];
  }
  return { comparisonAsked, calendarGrains, dayByWeekday };
}

/**
 * A second period named against a timeline (day, week, month) the periods do not share ("本月每天GMV和上月对比",
 * "monthly GMV vs last year"): no semantic query holds both, so it is asked about rather than answered as one
 * period's trend. "每月评分的变化" names no second period: a trend.
 */
export function timelineComparisonAsked(recognition: Recognition, window: DataWindow): boolean {
  const plan = comparisonPlan(recognition, window);
  const secondPeriod = recognition.time?.comparison === 'named_period' || recognition.compareShiftDays !== undefined || asksYearOverYear(recognition.normalized);
  return plan.comparisonAsked && secondPeriod && plan.calendarGrains.length > 0;
}

/**
 * Turns a recognition into a semantic request, for the question shapes analysts ask most: lookups,
 * breakdowns, top/bottom N, trends, comparisons, funnels, cohorts, distributions and "why did X change".
 */
export function buildRequest(asked: Recognition, window: DataWindow, language: Language): AnalysisRequest {
  const retention = retentionPlan(asked);
  // A retention number, split or ranking is the catalogue's retention metrics on first-activity cohorts.
  const recognition: Recognition = retention?.kind === 'metrics' ? { ...asked, metrics: retention.metrics, cues: new Set([...asked.cues].filter((cue) => cue !== 'cohort')) } : asked;
  const { cues } = recognition;
  const [metric] = recognition.metrics;

  if (cues.has('why') && metric) {
    const time = recognition.time ? timeQueryParts(recognition.time, { compare: true }) : { ...lastWeekPair(window), filters: [] };
    const named = recognition.dimensions.filter((dimension) => !TIME_DIMENSIONS.includes(dimension));
    return {
      analysis: 'contribution',
      query: {
        metric,
        dimensions: named.length > 0 ? named : WHY_DEFAULT_DIMENSIONS,
        timeRange: time.timeRange,
        compareTo: time.compareTo ?? lastWeekPair(window).compareTo,
        filters: mergedFilters(recognition.filters, time.filters),
        language,
      },
    };
  }

  // Each metric once: "转化率（购买人数/UV）" names the conversion rate and then its definition.
  const metrics = recognition.metrics.length > 0 ? [...new Set(recognition.metrics)] : ['gmv'];
  const { comparisonAsked, calendarGrains, dayByWeekday } = comparisonPlan(recognition, window);
  const compare = comparisonAsked && calendarGrains.length === 0;
  const time = chooseTime(recognition, window, compare);
  const filters = mergedFilters(recognition.filters, time.filters);

  if (cues.has('funnel')) {
    // A funnel is split only when the question says by what ("按渠道", "by device"): "from product view to checkout"
    // names a step, not a split by product.
    // "Compare the funnel on iOS vs Android": two or more values named side by side split it by their dimension.
    const sideBySide = COMPARED_VALUES.test(recognition.normalized) ? recognition.filters.find((filter) => filter.operator === 'in' && filter.values.length >= 2)?.dimension : undefined;
    const dimension = FUNNEL_SPLIT.test(recognition.normalized) ? (recognition.dimensions.find((candidate) => !TIME_DIMENSIONS.includes(candidate)) ?? sideBySide) : sideBySide;
    const steps = recognition.eventSteps.length >= 2 ? recognition.eventSteps : undefined;
    return { analysis: 'funnel', query: { timeRange: time.timeRange, filters: withNewUsersFilter(recognition, filters), ...(steps ? { steps } : {}), ...(dimension ? { dimension } : {}), language } };
  }
  if (retention?.kind === 'table') {
    const { mode, days, weeks } = retention;
    return { analysis: 'retention', query: { timeRange: time.timeRange, mode, ...(days ? { days } : {}), ...(weeks ? { weeks } : {}), filters, language } };
  }
  // Numbers are band edges only when the question asks for bands. Distributions are of prices and order
  // amounts: "每个小时的下单分布" is orders by hour, and "评分分布" is not a price distribution.
  const aboutAmounts = isAboutAmounts(recognition);
  const banded = recognition.bandEdges.length >= 2 && cues.has('distribution') && (!metric || aboutAmounts);
  const grouped = recognition.dimensions.length > 0 || [...cues].some((cue) => cue.startsWith('grain:'));
  if ((cues.has('distribution') || banded) && (banded || aboutAmounts || (!metric && !grouped))) {
    const aboutOrders = /订单|客单|order|basket|spend/.test(recognition.normalized) || recognition.metrics.some((id) => ['orders', 'gmv', 'aov'].includes(id));
    const aboutProducts = /商品价格|价格带|价格段|价格区间|价位|单价|product price|unit price|price band|prices?\b|商品/.test(recognition.normalized) && !/订单金额|order (value|amount|size)|invoice value/.test(recognition.normalized);
    const subject = aboutOrders && !aboutProducts ? 'order_amount' : 'product_price';
    // "orders under 300, 300-1000 and 1000+": the bounds are the bands, not a filter on the amount banded.
    const kept = banded ? filters.filter((filter) => filter.dimension !== subject) : filters;
    return { analysis: 'distribution', query: { subject, timeRange: time.timeRange, filters: kept, ...(banded ? { edges: recognition.bandEdges } : {}), language } };
  }

  // Against an ordinary period, counts and sums are compared per day (a day against 28 days would say nothing).
  const averagePer = averagePeriodAskedFor(recognition.normalized) ?? (recognition.againstUsual && time.compareTo ? 'day' : undefined);
  const { averaged, dailyAlready } = averageOf(averagePer, recognition, metrics);
  let dimensions = [...recognition.dimensions];
  // A metric already averaged per day (DAU) keeps a coarser grouping ("每周的日均DAU": each week's DAU); an averaged
  // count or sum drops every calendar grain (the compiler averages over the whole period only).
  const averagedGrains = dailyAlready && !averaged ? ['day'] : CALENDAR_GRAINS;
  if (averaged || dailyAlready) dimensions = dimensions.filter((dimension) => !averagedGrains.includes(dimension));
  if (dayByWeekday) dimensions = ['weekday', ...dimensions.filter((dimension) => dimension !== 'day' && dimension !== 'weekday')];
  if (cues.has('trend') && !dimensions.some((dimension) => TIME_DIMENSIONS.includes(dimension))) {
    dimensions = [trendGrain(recognition, time.timeRange), ...dimensions];
  }
  for (const grain of TIME_DIMENSIONS) {
    if ((averaged || dailyAlready || dayByWeekday) && (dayByWeekday ? CALENDAR_GRAINS : averagedGrains).includes(grain)) continue;
    if (cues.has(`grain:${grain}` as never) && !dimensions.includes(grain)) dimensions.unshift(grain);
  }
  dimensions = dimensions.slice(0, 3);
  const rankOf = asksRankPosition(recognition.normalized) ? rankedValue(recognition, dimensions) : undefined;
  if (rankOf) {
    // Every value of the dimension ranked, the named one's filter lifted: the answer says where it stands.
    return {
      analysis: 'metrics',
      query: {
        metrics: metrics.slice(0, 1),
        dimensions: [rankOf.dimension],
        filters: filters.filter((filter) => filter !== rankOf.filter),
        timeRange: time.timeRange,
        orderBy: { metric: metrics[0], direction: cues.has('bottom') && !cues.has('top') ? 'asc' : 'desc' },
        rankOf: { dimension: rankOf.dimension, value: rankOf.filter.values[0] },
        language,
      },
    };
  }
  // "Top 3 search terms by number of distinct searchers" ranks; it counts nothing.
  const rankedByCount = recognition.limit !== undefined && (cues.has('top') || cues.has('bottom'));
  // "customers who spent over £5,000": the groups kept by their own total ("how many" counts them).
  const thresholds = recognition.thresholds?.map(({ metric, operator, values }) => ({ metric, operator, values }));
  const countsKept = thresholds !== undefined && (HOW_MANY.test(recognition.normalized) || recognition.countsGroups === true) && !rankedByCount;
  const counted = (asksDistinctCount(recognition.normalized) || countsKept) && !rankedByCount ? (countsKept ? recognition.thresholds?.[0]?.dimension : undefined) ?? dimensions.find((dimension) => !TIME_DIMENSIONS.includes(dimension)) : undefined;
  if (counted) {
    const named = recognition.metrics.filter((id) => !recognition.genericMetrics.includes(id));
    const metric = thresholds?.[0]?.metric ?? named[0] ?? findDimension(counted)?.default_metric ?? 'orders';
    const kept = thresholds ? { thresholds, metrics: [...new Set([metric, ...thresholds.map((threshold) => threshold.metric)])] } : { metrics: [metric] };
    return {
      analysis: 'metrics',
      query: { ...kept, dimensions: [counted], filters, timeRange: time.timeRange, orderBy: { metric, direction: 'desc' }, countOf: { dimension: counted }, language },
    };
  }
  const ranked = (cues.has('top') || cues.has('bottom') || recognition.limit !== undefined) && dimensions.length > 0;
  const query: Record<string, unknown> = { metrics, dimensions, filters, timeRange: time.timeRange, language };
  if (time.compareTo) query.compareTo = time.compareTo;
  if (ranked) {
    const falling = /drop|fell|fall|declin|decreas|下降|下跌|跌|减少|降幅|掉|下滑|降得/.test(recognition.normalized);
    const rising = /grew|grow|rose|rise|increas|增长|上涨|涨|增加|增幅/.test(recognition.normalized);
    if (time.compareTo && (falling || rising)) {
      // "Which category dropped the most?" ranks by the change, not by the level.
      query.orderBy = { field: `${metrics[0]}_change`, direction: falling ? 'asc' : 'desc' };
    } else {
      query.orderBy = { metric: metrics[0], direction: cues.has('bottom') && !cues.has('top') ? 'asc' : 'desc' };
    }
    query.limit = recognition.limit ?? (recognition.singular ? 1 : 10);
    if (recognition.place !== undefined && !recognition.perGroup) {
      query.limit = 1;
      query.offset = recognition.place - 1;
    }
  }
  if (ranked && recognition.perGroup && dimensions[0] === recognition.perGroup && dimensions.length >= 2 && !time.compareTo) {
    // "每个品类卖得最好的商品": the first N inside each group, not the first N overall.
    query.limitPerGroup = recognition.limit ?? 1;
    delete query.limit;
  }
  if (thresholds) {
    query.thresholds = thresholds;
    query.metrics = [...new Set([...metrics, ...thresholds.map((threshold) => threshold.metric)])];
    query.orderBy ??= { metric: thresholds[0]?.metric, direction: 'desc' };
  }
  if (averaged) query.average = { per: averagePer };
  const share = averaged ? undefined : shareOfTotal(recognition, metrics, dimensions, filters);
  if (share && !time.compareTo) query.share = share;
  // "what share of revenue came from our top 10 customers": the ten together, when their metrics add up.
  const summable = metrics.every((id) => findMetric(id)?.additive === true);
  if (query.limit !== undefined && query.orderBy && !time.compareTo && !query.limitPerGroup && summable && asksTopTogether(recognition.normalized)) query.combineTop = true;
  // "cancelled invoices by country": the groups that had any, unless the question looks for the smallest or for none.
  const lowestFirst = (query.orderBy as { direction?: string } | undefined)?.direction === 'asc';
  // Hours of the day and days of the week are groupings, not a timeline: a shop that never trades at night or on
  // Saturdays has no such rows ("gmv by hour of day" lists the hours it traded).
  // A bound that keeps zeros ("products that didn't sell") is itself the answer's rows.
  const keepsZeros = thresholds?.some(admitsZero) === true;
  if (!keepsZeros && !time.compareTo && !lowestFirst && !query.rankOf && !query.countOf && !ASKS_ABOUT_NONE.test(recognition.normalized) && dimensions.length > 0 && dimensions.every((dimension) => !CALENDAR_GRAINS.includes(dimension))) {
    query.omitZeroRows = true;
  }
  // "哪一天的成交额最低", "the quietest hour": a day or hour with no activity at all (a shop closed on Saturdays) is no
  // low day; the lowest is among those with data, as the answer says.
  const rankedTime = query.limit !== undefined && dimensions.length === 1 && ['day', 'hour', 'weekday', 'week', 'month'].includes(dimensions[0] as string);
  if (rankedTime && lowestFirst && !time.compareTo && !ASKS_ABOUT_NONE.test(recognition.normalized)) query.omitZeroRows = true;
  return { analysis: 'metrics', query };
}

/** Whether a group whose total is 0 passes the bound (bounds read from questions are never negative). */
function admitsZero({ operator, values: [bound = 0] }: { operator: string; values: number[] }): boolean {
  return operator === 'lte' ? bound >= 0 : operator === 'lt' ? bound > 0 : operator === 'between' ? bound === 0 : false;
}

/** "How many customers …", "有多少客户": the groups kept are counted, not listed. */
const HOW_MANY = /how many|number of|count of|\bcount\b|多少|几个|几位|几家|几款|有几/;

/** Words that set a period against another one, unlike a change word alone ("变化", "change"). */
const ANOTHER_PERIOD = /环比|同比|上一(?:期|周期)|上期|比上|和上|跟上|与上|较上|相比上|对比上|比前|去年同期|(?:跟|和|与|同)[^，,。？?\s]{1,8}比|\b(?:previous|prior|last (?:week|month|year)|period over period|over (?:week|month|year)|wow|mom|yoy|vs\.?|versus|compared (?:to|with)|against)\b/;

/** Questions about groups without any ("哪些城市没有订单", "countries with zero returns") keep the zeros. */
const ASKS_ABOUT_NONE = /没有|为零|为0|是0|零单|\bzero\b|\bnone\b|\bno (?:orders|sales|returns|buyers|visitors|reviews|cancellations)\b|\bwithout\b|\bnever\b/;
