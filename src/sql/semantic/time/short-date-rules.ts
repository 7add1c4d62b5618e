import { dateParts, type IsoDate } from './calendar-date.ts';
import { between, number, parts, single, ZH_MONTH, ZH_NUM, ZH_YEAR, type DateParts } from './date-parts.ts';
import type { RawPeriod, TimeRule } from './time-period.ts';

/**
 * A number like 4.5 is a rating, a price or a share far more often than April 5: a dotted month.day is not a date
 * after a bound, price or rating word, nor before a unit.
 */
const NOT_AFTER = String.raw`(?<![A-Za-z\d.,$¥￥€£<>≥≤=+*/])(?<!\d\.\d+\s*(?:-|–|—|~|到|至|to)\s*)(?<!(?:rating|rated|score[ds]?|stars?|price[ds]?|cost(?:s|ing)?|above|below|over|under|than|least|most|评分|评价|星级|价格|单价|均价|金额|超过|高于|低于|大于|小于|不低于|不高于|至少|最多)(?:\s+(?:between|of|is|at|from))?\s*)`;
const NOT_BEFORE = String.raw`(?![\d.,%]|\s*(?:分|星|倍|元|块|折|万|千|百|个|件|%|点|时|x\b|k\b|w\b|m\b|am\b|pm\b|h\b|stars?\b|points?\b|pts\b|percent\b|yuan\b|rmb\b|dollars?\b|usd\b|times\b|以上|以下|以内))`;
const DOTTED_SEPARATOR = String.raw`\s*(?:-|–|—|~|到|至|to|through|thru|until|till)\s*`;

/** The month named last before `index` ("12月8号到14号 对比 1号到7号": December), with its year if written. */
function monthBefore(text: string, index: number): { year?: string; month: string } | undefined {
  let last: RegExpExecArray | undefined;
  for (const match of text.slice(0, index).matchAll(new RegExp(`(?:${ZH_YEAR})?${ZH_MONTH}(?!\\s*份?\\s*(?:以来|以后|之后))`, 'gu'))) last = match;
  return last?.[2] === undefined ? undefined : { ...(last[1] === undefined ? {} : { year: last[1] }), month: last[2] };
}

const ENGLISH_MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

/** The English month named last before `index` ("the first week of December (1st-7th)": December). */
function englishMonthBefore(text: string, index: number): { month: string } | undefined {
  let last: RegExpExecArray | undefined;
  for (const match of text.slice(0, index).matchAll(/\b(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\b/giu)) last = match;
  const month = last ? ENGLISH_MONTHS.indexOf((last[1] ?? '').toLowerCase()) + 1 : 0;
  return month > 0 ? { month: String(month) } : undefined;
}

/** "(1st-7th)", "the second week (8th-14th)" after a month named in English: those days of that month. */
function englishDayRange(match: RegExpExecArray, asOf: IsoDate): RawPeriod | undefined {
  const first = number(match[1]);
  const last = number(match[2]);
  const named = englishMonthBefore(match.input, match.index);
  if (first === undefined || last === undefined || !named || first > last) return undefined;
  const from = parts(undefined, named.month, match[1]);
  return from ? between(from, { ...(from.year === undefined ? {} : { year: from.year }), month: from.month, day: last }, asOf) : undefined;
}

/** "1号到7号" with no month named: the latest such days up to the as-of date (this month's, or last month's). */
function latestMonthOf(firstDay: number, asOf: IsoDate): DateParts {
  const { year, month, day } = dateParts(asOf);
  if (firstDay <= day) return { year, month, day: firstDay };
  return month === 1 ? { year: year - 1, month: 12, day: firstDay } : { year, month: month - 1, day: firstDay };
}

function dayRange(match: RegExpExecArray, asOf: IsoDate): RawPeriod | undefined {
  const first = number(match[1]);
  const last = number(match[2]);
  if (first === undefined || last === undefined) return undefined;
  const named = monthBefore(match.input, match.index);
  const from = named ? parts(named.year, named.month, match[1]) : latestMonthOf(first, asOf);
  if (!from) return undefined;
  return between(from, { ...(from.year === undefined ? {} : { year: from.year }), month: from.month, day: last }, asOf);
}

/** Month.day dates as typed in chat ("9.24", "9.24-9.30", "10.1-7") and day ranges that take the month named before them. */
export const SHORT_DATE_RULES: TimeRule[] = [
  {
    name: 'dotted date range', guard: /\d\.\d/iu,
    pattern: new RegExp(`${NOT_AFTER}(\\d{1,2})\\.(\\d{1,2})${DOTTED_SEPARATOR}(?:(\\d{1,2})\\.)?(\\d{1,2})${NOT_BEFORE}`, 'giu'),
    resolve: (m, asOf) => between(parts(undefined, m[1], m[2]), parts(undefined, m[3] ?? m[1], m[4]), asOf),
  },
  {
    name: 'dotted date', guard: /\d\.\d/iu,
    pattern: new RegExp(`${NOT_AFTER}(\\d{1,2})\\.(\\d{1,2})${NOT_BEFORE}(?:\\s*[日号])?`, 'giu'),
    resolve: (m, asOf) => single(parts(undefined, m[1], m[2]), asOf),
  },
  {
    // "orders on Monday 13th", "Sunday the 12th", "on the 9th": a day of the month named alone is the latest such
    // day up to the as-of date. Not a place ("2nd most", "came 2nd in GMV") or a day before a month ("9th Dec").
    name: 'ordinal day of the month', guard: /\d(?:st|nd|rd|th)\b/iu,
    // Only after "on" or a weekday: "came 2nd in GMV" is a place, not the 2nd of the month.
    pattern: new RegExp(`(?:\\bon\\s+(?:the\\s+)?|\\b(?:mon|tues|wednes|thurs|fri|satur|sun)day,?\\s+(?:the\\s+)?)(\\d{1,2})(?:st|nd|rd|th)\\b(?!\\s*(?:of\\s+)?(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec))`, 'giu'),
    resolve: (m, asOf) => {
      const day = number(m[1]);
      return day === undefined || day < 1 || day > 31 ? undefined : single(latestMonthOf(day, asOf), asOf);
    },
  },
  {
    // "the first week of December (1st-7th) vs the second (8th-14th)": day ranges in brackets take the month named
    // before them in English.
    name: 'bracketed day range', guard: /\(\s*\d/iu,
    pattern: /\(\s*(\d{1,2})(?:st|nd|rd|th)?\s*(?:-|–|—|to)\s*(\d{1,2})(?:st|nd|rd|th)?\s*\)/giu,
    resolve: englishDayRange,
  },
  {
    // "12月8号到14号的订单数 对比 1号到7号": the second range is in December too.
    name: 'Chinese day range', guard: /[日号]/u,
    pattern: new RegExp(`(?<![\\d〇零一二两三四五六七八九十月.])(${ZH_NUM}{1,3})\\s*[日号]\\s*(?:到|至|-|–|—|~)\\s*(${ZH_NUM}{1,3})\\s*[日号]`, 'gu'),
    resolve: dayRange,
  },
];
