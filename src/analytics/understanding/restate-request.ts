import type { JsonValue } from '../../sql/json-values.ts';
import { findDimension, findMetric } from '../../sql/semantic/index.ts';
import type { Language } from '../../text/language.ts';

type LabelValue = (columnId: string, value: JsonValue, language: Language) => string;

interface RequestLike {
  analysis?: unknown;
  query?: {
    metrics?: unknown;
    metric?: unknown;
    dimensions?: unknown;
    dimension?: unknown;
    filters?: unknown;
    timeRange?: { start?: unknown; end?: unknown };
    compareTo?: { start?: unknown; end?: unknown };
    limit?: unknown;
    limitPerGroup?: unknown;
    offset?: unknown;
    share?: unknown;
    average?: unknown;
    cumulative?: unknown;
    combineTop?: unknown;
    thresholds?: unknown;
    orderBy?: { direction?: unknown; field?: unknown; metric?: unknown };
    steps?: unknown;
    subject?: unknown;
  };
}

const TIME_NAMES: Record<string, { en: string; zh: string }> = {
  day: { en: 'day', zh: '天' },
  week: { en: 'week', zh: '周' },
  month: { en: 'month', zh: '月' },
  hour: { en: 'hour of day', zh: '小时' },
  weekday: { en: 'day of week', zh: '星期' },
};

function strings(value: unknown): string[] {
  if (Array.isArray(value)) return value.filter((item): item is string => typeof item === 'string');
  return typeof value === 'string' ? [value] : [];
}

function metricName(id: string, zh: boolean): string {
  const metric = findMetric(id);
  return metric ? (zh ? metric.name_zh : metric.name_en) : id;
}

function dimensionName(id: string, zh: boolean): string {
  const time = TIME_NAMES[id];
  if (time) return zh ? time.zh : time.en;
  const dimension = findDimension(id);
  return dimension ? (zh ? dimension.name_zh : dimension.name_en.toLowerCase()) : id;
}

/** "category" → "categories", "city tier" → "city tiers", "day of week" → "days of week". */
function plural(name: string): string {
  const [head, ...rest] = name.split(' of ');
  const word = head ?? name;
  const plain = /[^aeiou]y$/.test(word) ? `${word.slice(0, -1)}ies` : /(s|x|ch|sh)$/.test(word) ? `${word}es` : `${word}s`;
  return [plain, ...rest].join(' of ');
}

const BOUND_WORDS: Readonly<Record<string, { en: string; zh: string }>> = {
  lt: { en: 'under', zh: '低于' },
  lte: { en: 'at most', zh: '不超过' },
  gt: { en: 'over', zh: '高于' },
  gte: { en: 'at least', zh: '不低于' },
  eq: { en: 'of', zh: '为' },
  between: { en: 'between', zh: '在' },
  contains: { en: 'containing', zh: '包含' },
};

function range(value: { start?: unknown; end?: unknown } | undefined, zh: boolean): string | undefined {
  if (typeof value?.start !== 'string' || typeof value.end !== 'string') return undefined;
  if (value.start === value.end) return value.start;
  return zh ? `${value.start} 至 ${value.end}` : `${value.start} to ${value.end}`;
}

/**
 * The first sentence of an answer: the question as understood — metric, breakdown, filters, period, ranking and
 * comparison — in the user's language, so a misunderstanding is visible before any number is read.
 */
export function restateRequest(request: RequestLike, language: Language, labelValue?: LabelValue): string | undefined {
  const reading = readingOf(request, language, labelValue);
  if (reading === undefined) return undefined;
  return language === 'zh' ? `您问的是:${reading}。` : `You asked for ${reading}.`;
}

/**
 * The understood question as a phrase ("the top 5 categories by GMV from … to …"), for the answer's first
 * sentence and for clarifying questions that say what was understood.
 */
export function readingOf(request: RequestLike, language: Language, labelValue?: LabelValue): string | undefined {
  const reading = coreReading(request, language, labelValue);
  const clause = reading === undefined ? undefined : keptGroupsClause(request, language);
  return clause ? `${reading}${clause}` : reading;
}

// A group's total "of at least 3" reads better than "at least 3" after the metric's name.
const THRESHOLD_WORDS: Readonly<Record<string, { en: string; zh: string }>> = {
  ...BOUND_WORDS,
  lte: { en: 'of at most', zh: '不超过' },
  gte: { en: 'of at least', zh: '不低于' },
  between: { en: 'between', zh: '介于' },
};

/** "customer with GMV over 5,000" phrases of the query's thresholds, in the answer's language. */
function thresholdPhrases(query: NonNullable<RequestLike['query']>, zh: boolean): string[] {
  return (Array.isArray(query.thresholds) ? (query.thresholds as unknown[]) : []).flatMap((threshold) => {
    const candidate = threshold as { metric?: unknown; operator?: unknown; values?: unknown };
    const bound = typeof candidate.operator === 'string' ? THRESHOLD_WORDS[candidate.operator] : undefined;
    if (typeof candidate.metric !== 'string' || !bound || !Array.isArray(candidate.values)) return [];
    const values = candidate.values.map((value) => (typeof value === 'number' ? value.toLocaleString('en-US') : String(value)));
    const name = metricName(candidate.metric, zh);
    return [zh ? `${name}${bound.zh} ${values.join(' 至 ')}${candidate.operator === 'between' ? ' 之间' : ''} ` : `${name} ${bound.en} ${values.join(' and ')}`];
  });
}

/** A list kept by each group's own total says which groups it keeps (a count says so in its own words). */
function keptGroupsClause(request: RequestLike, language: Language): string | undefined {
  const query = request.query;
  if (!query || (query as { countOf?: unknown }).countOf) return undefined;
  const zh = language === 'zh';
  const phrases = thresholdPhrases(query, zh);
  const group = [...strings(query.dimensions)][0];
  if (phrases.length === 0 || !group) return undefined;
  const name = dimensionName(group, zh);
  return zh ? `(仅含${phrases.join('且')}的${name})` : ` (only ${plural(name)} with ${phrases.join(' and ')})`;
}

function coreReading(request: RequestLike, language: Language, labelValue?: LabelValue): string | undefined {
  const query = request.query;
  if (!query || typeof request.analysis !== 'string') return undefined;
  const zh = language === 'zh';
  const per = (query.average as { per?: unknown } | undefined)?.per;
  const averageWord = per === 'day' ? ['average daily ', '日均'] : per === 'week' ? ['average weekly ', '周均'] : per === 'month' ? ['average monthly ', '月均'] : query.cumulative === true ? ['cumulative ', '累计'] : ['', ''];
  const metrics = [...strings(query.metrics), ...strings(query.metric)].map((id) => `${zh ? averageWord[1] : averageWord[0]}${metricName(id, zh)}`);
  // A grouping kept to one value ("its repeat rate" after the top channel) reads as that value, not "by channel".
  const oneValue = new Set((Array.isArray(query.filters) ? query.filters : []).flatMap((filter) => {
    const candidate = filter as { dimension?: unknown; operator?: unknown; values?: unknown };
    return candidate.operator === 'in' && Array.isArray(candidate.values) && candidate.values.length === 1 && typeof candidate.dimension === 'string' ? [candidate.dimension] : [];
  }));
  const dimensions = [...strings(query.dimensions), ...strings(query.dimension)].filter((id) => !oneValue.has(id)).map((id) => dimensionName(id, zh));
  const grouped = new Set([...strings(query.dimensions), ...strings(query.dimension)]);
  // Each well-formed filter once, with its values named in the answer's language.
  const namedFilters = (Array.isArray(query.filters) ? query.filters : []).flatMap((filter) => {
    const candidate = filter as { dimension?: unknown; operator?: unknown; values?: unknown };
    if (typeof candidate.dimension !== 'string' || !Array.isArray(candidate.values)) return [];
    const dimension = candidate.dimension;
    const values = (candidate.values as JsonValue[]).map((value) => (labelValue ? labelValue(dimension, value, language) : String(value)));
    return [{ dimension, operator: candidate.operator, negated: candidate.operator === 'not_in', values }];
  });
  const filters = namedFilters.flatMap(({ dimension, operator, negated, values }) => {
    // "男女用户" groups by gender and keeps those values: the grouping already says it; one value kept ("its repeat
    // rate" after the top channel) is named.
    if (operator === 'in' && grouped.has(dimension) && values.length > 1) return [];
    const name = dimensionName(dimension, zh);
    // Bounds ("users under 25", "100元以下的商品") read with their comparison: "order amount over 300", "订单金额不低于300".
    const bound = typeof operator === 'string' ? BOUND_WORDS[operator] : undefined;
    if (bound) return [zh ? `${name}${bound.zh}${values.join('至')}${operator === 'between' ? '之间' : ''}` : `${name.toLowerCase()} ${bound.en} ${values.join(' and ')}`];
    // A value that carries its kind already ("客户 9313", "customer 9313", "guest checkouts") is not named twice.
    const standsAlone = findDimension(dimension)?.labels_stand_alone === true;
    if (standsAlone && negated) return [zh ? `不含${values.join('、')}` : `excluding ${values.join(' and ')}`];
    if (!negated && (standsAlone || values.every((value) => value.toLowerCase().startsWith(name.toLowerCase())))) return [values.join(zh ? '、' : ' or ')];
    return [zh ? `${name}${negated ? '不含' : '为'}${values.join('、')}` : `${name} ${negated ? 'not ' : ''}${values.join(' or ')}`];
  });
  // "How many customers spent over £5,000": the count says which bound they passed.
  const thresholds = thresholdPhrases(query, zh);
  // Filters a share keeps in its total are its scope: "Apple's share within headphones" is not a share of all GMV.
  const shareExcluded = (query.share as { excludeFilters?: unknown } | undefined)?.excludeFilters;
  const scope = Array.isArray(shareExcluded) && shareExcluded.length > 0
    ? namedFilters.filter(({ dimension }) => !shareExcluded.includes(dimension)).map(({ values }) => values.join(zh ? '、' : ' or '))
    : [];
  const period = range(query.timeRange, zh);
  const compared = range(query.compareTo, zh);
  const limit = typeof query.limit === 'number' ? query.limit : undefined;
  // "which city came second": one row below the first (offset).
  const place = typeof query.offset === 'number' && query.offset > 0 ? query.offset + 1 : undefined;
  const lowest = query.orderBy?.direction === 'asc';
  // Ranked by the change between the periods ("biggest drop"), not by the level.
  const byChange = [query.orderBy?.field, query.orderBy?.metric].some((field) => typeof field === 'string' && field.endsWith('_change'));

  let subject: string;
  switch (request.analysis) {
    case 'funnel':
      subject = zh ? '转化漏斗' : 'the conversion funnel';
      break;
    case 'retention':
      subject = zh ? '留存' : 'retention';
      break;
    case 'distribution':
      subject = query.subject === 'order_amount' ? (zh ? '订单金额分布' : 'the distribution of order amounts') : zh ? '商品价格分布' : 'the distribution of product prices';
      break;
    case 'contribution':
      subject = zh ? `${metrics.join('、')}变化的来源` : `what drove the change in ${metrics.join(', ')}`;
      break;
    default:
      subject = metrics.join(zh ? '、' : ', ');
      // "各支付方式的订单占比": the share of the total is part of what was asked.
      if (query.share && scope.length > 0) subject = zh ? `${subject}及其在${scope.join('、')}中的占比` : `${subject} and its share of the total for ${scope.join(', ')}`;
      else if (query.share) subject = zh ? `${subject}及其占比` : `${subject} and its share of the total`;
  }
  // "How many countries did we sell to?": the number of values, not the values.
  const countOf = (query as { countOf?: { dimension?: unknown } }).countOf;
  if (countOf && typeof countOf.dimension === 'string' && dimensions.length > 0) {
    const counted = dimensions[0] as string;
    if (thresholds.length > 0) {
      if (zh) return [period ? `${period},` : '', filters.length > 0 ? `${filters.join('、')}时` : '', `${thresholds.join('且')}的${counted}数量`].filter(Boolean).join('');
      return [`the number of ${plural(counted)} with ${thresholds.join(' and ')}`, filters.length > 0 ? `for ${filters.join(', ')}` : '', period ? `from ${period}` : ''].filter(Boolean).join(' ');
    }
    if (zh) return [period ? `${period},` : '', filters.length > 0 ? `${filters.join('、')}时` : '', `有${subject}的${counted}数量`].filter(Boolean).join('');
    return [`the number of ${plural(counted)} with ${subject}`, filters.length > 0 ? `for ${filters.join(', ')}` : '', period ? `from ${period}` : ''].filter(Boolean).join(' ');
  }
  const perGroup = typeof query.limitPerGroup === 'number' && dimensions.length >= 2 ? query.limitPerGroup : undefined;
  if (perGroup !== undefined) {
    // "每个品类里成交额最高的 1 个商品": the ranking is repeated within each value of the first dimension.
    const [group, ranked] = dimensions as [string, string];
    if (zh) return [period ? `${period},` : '', filters.length > 0 ? `${filters.join('、')}时` : '', `每个${group}里${subject}${lowest ? '最低' : '最高'}的 ${perGroup} 个${ranked}`].filter(Boolean).join('');
    return [`the ${lowest ? 'bottom' : 'top'} ${perGroup} ${perGroup === 1 ? ranked : plural(ranked)} by ${subject} in each ${group}`, filters.length > 0 ? `for ${filters.join(', ')}` : '', period ? `from ${period}` : ''].filter(Boolean).join(' ');
  }
  if (query.combineTop === true && limit !== undefined && dimensions.length > 0) {
    // "what share of revenue came from our top 10 customers": the ten together, one row.
    const [ranked] = dimensions as [string];
    if (zh) return [period ? `${period},` : '', filters.length > 0 ? `${filters.join('、')}时` : '', `${metrics.join('、')}${lowest ? '最低' : '最高'}的前 ${limit} 个${ranked}合计的${subject}`].filter(Boolean).join('');
    return [`the ${lowest ? 'bottom' : 'top'} ${limit} ${plural(ranked)} by ${metrics.join(', ')} together: ${subject}`, filters.length > 0 ? `for ${filters.join(', ')}` : '', period ? `from ${period}` : ''].filter(Boolean).join(' ');
  }
  if (zh) {
    const parts = [
      period ? `${period},` : '',
      filters.length > 0 ? `${filters.join('、')}时` : '',
      dimensions.length > 0 && request.analysis !== 'contribution' ? `按${dimensions.join('、')}的` : '',
      subject,
      limit !== undefined ? (byChange ? `${lowest ? '降幅' : '增幅'}最大的${limit === 1 ? '一项' : `前 ${limit} 项`}` : limit === 1 ? (place ? `${lowest ? '倒数' : ''}第 ${place} 的一项` : `${lowest ? '最低' : '最高'}的一项`) : `${lowest ? '最低' : '最高'}的前 ${limit} 项`) : '',
      compared ? `,并与 ${compared} 对比` : '',
    ];
    return parts.filter(Boolean).join('');
  }
  const parts = [
    limit !== undefined
      ? byChange
        ? limit === 1 ? `the ${dimensions[0] ?? 'item'} with the biggest ${lowest ? 'drop' : 'increase'} in` : `the ${limit} ${plural(dimensions[0] ?? 'item')} with the biggest ${lowest ? 'drops' : 'increases'} in`
        : limit === 1 ? (place ? `the ${dimensions[0] ?? 'item'} in place ${place}${lowest ? ' from the bottom' : ''} by` : `the ${dimensions[0] ?? 'item'} with the ${lowest ? 'lowest' : 'highest'}`) : `the ${lowest ? 'bottom' : 'top'} ${limit} ${plural(dimensions[0] ?? 'item')} by`
      : '',
    subject,
    dimensions.length > 0 && limit === undefined && request.analysis !== 'contribution' ? `by ${dimensions.join(', ')}` : '',
    filters.length > 0 ? `for ${filters.join(', ')}` : '',
    period ? `from ${period}` : '',
    compared ? `compared with ${compared}` : '',
  ];
  return parts.filter(Boolean).join(' ');
}
