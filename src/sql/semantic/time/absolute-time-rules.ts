import { addDays, dateParts, makeDate, type IsoDate } from './calendar-date.ts';
import { englishMonth, monthPeriod, MONTH_PATTERN, quarterPeriod, recentYear, type RawPeriod, type TimeRule } from './time-period.ts';
import { between, englishParts, number, ORDINAL, parts, SEPARATOR, single, ZH_DAY, ZH_MONTH, ZH_NUM, ZH_YEAR } from './date-parts.ts';

/**
 * A festival's pattern with an optional year before ("2024年双十一", "2024 Double 11") or after ("Black Friday
 * 2024", "singles day in 2023"): captured first and last, so the festival is that year's, not the latest one.
 */
function withYear(pattern: RegExp): RegExp {
  return new RegExp(
    `(?:\\b(\\d{4})\\s*(?:年\\s*(?:的\\s*)?)?|(${RELATIVE_YEAR_BEFORE})\\s*(?:的\\s*)?)?(?:${pattern.source})(?:\\s+(${RELATIVE_YEAR_AFTER}))?(?:\\s*,?\\s*(?:in\\s+|of\\s+)?(\\d{4})\\b)?`,
    pattern.flags,
  );
}

/** "去年双十一", "last year's Singles Day", "Black Friday next year": the festival of a year counted from today. */
const RELATIVE_YEAR_BEFORE = "前年|去年|今年|明年|\\b(?:the\\s+)?(?:last|previous|this|next)\\s+year['’]?s?";
const RELATIVE_YEAR_AFTER = '(?:last|this|next)\\s+year\\b';
const RELATIVE_YEAR_OFFSET: Record<string, number> = { 前年: -2, 去年: -1, 今年: 0, 明年: 1, last: -1, previous: -1, this: 0, next: 1 };

function namedYear(match: RegExpExecArray, asOf: IsoDate): number | undefined {
  const relative = match[2] ?? match[match.length - 2];
  if (relative !== undefined) {
    const word = /前年|去年|今年|明年/u.exec(relative)?.[0] ?? /last|previous|this|next/iu.exec(relative)?.[0]?.toLowerCase() ?? '';
    const offset = RELATIVE_YEAR_OFFSET[word];
    return offset === undefined ? undefined : dateParts(asOf).year + offset;
  }
  const text = match[1] ?? match[match.length - 1];
  const year = text === undefined ? undefined : Number(text);
  return year !== undefined && year >= 1990 && year <= 2100 ? year : undefined;
}

function holiday(month: number, firstDay: number, lastDay: number, label_en: string, label_zh: string) {
  return (match: RegExpExecArray, asOf: IsoDate): RawPeriod => {
    const named = namedYear(match, asOf);
    const year = named ?? recentYear(month, firstDay, asOf);
    const suffix = named === undefined ? { en: '', zh: '' } : { en: ` ${named}`, zh: `${named}年` };
    return { start: makeDate(year, month, firstDay), end: makeDate(year, month, lastDay), event: true, label_en: `${label_en}${suffix.en}`, label_zh: `${suffix.zh}${label_zh}` };
  };
}

/**
 * A day written with slashes: month/day when only that reading is a date, day/month when only that one is. When both
 * are (9/12/2010 is 12 September in the US and 9 December in the UK) the one nearest before today wins, so a day the
 * shop has data for is read over one months earlier; the answer's first sentence shows the date it took.
 */
function slashedDate(first: string | undefined, second: string | undefined, year: string | undefined, asOf: IsoDate): RawPeriod | undefined {
  const readings = [single(parts(year, first, second), asOf), single(parts(year, second, first), asOf)].filter((reading): reading is RawPeriod => reading !== undefined);
  const past = readings.filter((reading) => reading.start <= asOf).sort((left, right) => right.start.localeCompare(left.start));
  return past[0] ?? readings[0];
}

function blackFriday(match: RegExpExecArray, asOf: IsoDate): RawPeriod {
  const fridayOf = (year: number) => {
    const first = makeDate(year, 11, 1);
    const firstThursday = addDays(first, (4 - new Date(`${first}T00:00:00Z`).getUTCDay() + 7) % 7);
    return addDays(firstThursday, 22);
  };
  const { year } = dateParts(asOf);
  const named = namedYear(match, asOf);
  const friday = named !== undefined ? fridayOf(named) : fridayOf(year) <= asOf ? fridayOf(year) : fridayOf(year - 1);
  const text = match[0].toLowerCase();
  // The shopping days around it, as retailers name them: its Monday-to-Sunday week, its weekend, Cyber Monday, and
  // Black Friday through Cyber Monday.
  if (/cyber|bfcm|网络星期一/.test(text) && /black|黑|bfcm/.test(text)) {
    return { start: friday, end: addDays(friday, 3), event: true, label_en: 'Black Friday to Cyber Monday', label_zh: '黑五至网络星期一' };
  }
  if (/cyber|网络星期一/.test(text)) return { start: addDays(friday, 3), end: addDays(friday, 3), unit: 'day', event: true, label_en: 'Cyber Monday', label_zh: '网络星期一' };
  if (/weekend|周末/.test(text)) return { start: friday, end: addDays(friday, 2), event: true, label_en: 'Black Friday weekend', label_zh: '黑五周末' };
  if (/week|周/.test(text)) return { start: addDays(friday, -4), end: addDays(friday, 2), unit: 'week', event: true, label_en: 'Black Friday week', label_zh: '黑五当周' };
  return { start: friday, end: friday, unit: 'day', event: true, label_en: 'Black Friday', label_zh: '黑色星期五' };
}

// Spelled out: toLocaleString builds an Intl formatter per call, a tenth of a question's reading time.
const MONTH_NAMES = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'] as const;

function monthRule(year: number | undefined, month: number | undefined, asOf: IsoDate): RawPeriod | undefined {
  if (month === undefined || month < 1 || month > 12) return undefined;
  const placedYear = year ?? recentYear(month, 1, asOf);
  const name = MONTH_NAMES[month - 1];
  return { ...monthPeriod(placedYear, month), unit: 'month', label_en: `${name} ${placedYear}`, label_zh: `${placedYear}年${month}月` };
}

const PART_DAYS: Record<string, { first: number; last?: number; en: string; zh: string }> = {
  early: { first: 1, last: 10, en: 'early', zh: '上旬' },
  mid: { first: 11, last: 20, en: 'mid', zh: '中旬' },
  late: { first: 21, en: 'late', zh: '下旬' },
};
const ZH_PARTS: Record<string, keyof typeof PART_DAYS> = { 上旬: 'early', 月初: 'early', 初: 'early', 中旬: 'mid', 月中: 'mid', 下旬: 'late', 月底: 'late', 底: 'late', 月末: 'late', 末: 'late' };
const EN_PARTS: Record<string, keyof typeof PART_DAYS> = { early: 'early', beginning: 'early', start: 'early', mid: 'mid', middle: 'mid', late: 'late', end: 'late' };

/** "11月上旬", "mid October": days 1–10, 11–20 or 21 to the month's end. */
function monthPartRule(year: number | undefined, month: number | undefined, part: keyof typeof PART_DAYS | undefined, asOf: IsoDate): RawPeriod | undefined {
  const whole = monthRule(year, month, asOf);
  if (!whole || !part) return undefined;
  const days = PART_DAYS[part]!;
  const start = addDays(whole.start, days.first - 1);
  const end = days.last === undefined ? whole.end : addDays(whole.start, days.last - 1);
  return { start, end, unit: 'day', label_en: `${days.en} ${whole.label_en} (${start} to ${end})`, label_zh: `${whole.label_zh}${days.zh}` };
}

/** "the first 10 days of November", "11月前10天". */
function monthFirstDaysRule(year: number | undefined, month: number | undefined, count: number | undefined, asOf: IsoDate): RawPeriod | undefined {
  const whole = monthRule(year, month, asOf);
  if (!whole || count === undefined || count < 1 || count > 31) return undefined;
  const end = addDays(whole.start, count - 1);
  if (end > whole.end) return undefined;
  return { start: whole.start, end, unit: 'day', label_en: `the first ${count} days of ${whole.label_en}`, label_zh: `${whole.label_zh}前${count}天` };
}

/** "the last ten days of November", "10月最后5天": the month's final days. */
function monthLastDaysRule(year: number | undefined, month: number | undefined, count: number | undefined, asOf: IsoDate): RawPeriod | undefined {
  const whole = monthRule(year, month, asOf);
  if (!whole || count === undefined || count < 1 || count > 31) return undefined;
  const start = addDays(whole.end, 1 - count);
  if (start < whole.start) return undefined;
  return { start, end: whole.end, unit: 'day', label_en: `the last ${count} days of ${whole.label_en}`, label_zh: `${whole.label_zh}最后${count}天` };
}

/** "the first half of November", "11月上半月": days 1–15, or 16 to the month's end. */
function monthHalfRule(year: number | undefined, month: number | undefined, second: boolean, asOf: IsoDate): RawPeriod | undefined {
  const whole = monthRule(year, month, asOf);
  if (!whole) return undefined;
  const start = second ? addDays(whole.start, 15) : whole.start;
  const end = second ? whole.end : addDays(whole.start, 14);
  return { start, end, unit: 'day', label_en: `the ${second ? 'second' : 'first'} half of ${whole.label_en}`, label_zh: `${whole.label_zh}${second ? '下' : '上'}半月` };
}

const COUNT_WORD_NUMBERS: Readonly<Record<string, number>> = { two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10, eleven: 11, twelve: 12, fifteen: 15, twenty: 20 };

const WEEK_ORDINALS: Readonly<Record<string, number>> = {
  first: 1, '1st': 1, second: 2, '2nd': 2, third: 3, '3rd': 3, fourth: 4, '4th': 4, last: -1, final: -1,
  一: 1, '1': 1, 二: 2, '2': 2, 三: 3, '3': 3, 四: 4, '4': 4, 最后一: -1, 最后: -1, 末: -1,
};

/** "the first week of November", "11月第二周", "10月最后一周": days 1–7, 8–14, 15–21, 22–28, or the last seven. */
function weekOfMonthRule(year: number | undefined, month: number | undefined, ordinal: string | undefined, asOf: IsoDate): RawPeriod | undefined {
  const whole = monthRule(year, month, asOf);
  const which = WEEK_ORDINALS[(ordinal ?? '').toLowerCase()];
  if (!whole || which === undefined) return undefined;
  const start = which === -1 ? addDays(whole.end, -6) : addDays(whole.start, (which - 1) * 7);
  const end = addDays(start, 6);
  const en = which === -1 ? 'last' : (['first', 'second', 'third', 'fourth'] as const)[which - 1];
  const zh = which === -1 ? '最后一' : (['一', '二', '三', '四'] as const)[which - 1];
  return { start, end, unit: 'day', label_en: `the ${en} week of ${whole.label_en}`, label_zh: `${whole.label_zh}第${zh}周`.replace('第最后一', '最后一') };
}

function lastWeekendOfMonth(month: RawPeriod | undefined): RawPeriod | undefined {
  if (!month) return undefined;
  const weekday = new Date(`${month.end}T00:00:00Z`).getUTCDay();
  const sunday = addDays(month.end, -weekday);
  // A month ending on a Saturday: its last full weekend is the one before (the last Sunday decides).
  const saturday = addDays(sunday, -1);
  return { start: saturday, end: sunday, unit: 'week', label_en: `the last weekend of ${month.label_en}`, label_zh: `${month.label_zh}最后一个周末` };
}

function quarterRule(year: number | undefined, quarter: number | undefined, asOf: IsoDate): RawPeriod | undefined {
  if (quarter === undefined || quarter < 1 || quarter > 4) return undefined;
  const placedYear = year ?? recentYear((quarter - 1) * 3 + 1, 1, asOf);
  return { ...quarterPeriod(placedYear, quarter), unit: 'quarter', label_en: `Q${quarter} ${placedYear}`, label_zh: `${placedYear}年第${quarter}季度` };
}

function halfRule(half: 1 | 2, asOf: IsoDate): RawPeriod {
  const year = recentYear(half === 1 ? 1 : 7, 1, asOf);
  const start = makeDate(year, half === 1 ? 1 : 7, 1);
  const end = half === 1 ? makeDate(year, 6, 30) : makeDate(year, 12, 31);
  return { start, end, unit: 'half', label_en: `H${half} ${year}`, label_zh: `${year}年${half === 1 ? '上' : '下'}半年` };
}

const QUARTER_WORDS: Readonly<Record<string, number>> = { first: 1, second: 2, third: 3, fourth: 4, '1st': 1, '2nd': 2, '3rd': 3, '4th': 4 };

/** Explicit dates, date ranges, months, quarters, halves and shopping festivals. */
export const ABSOLUTE_TIME_RULES: TimeRule[] = [
  {
    name: 'ISO date range', guard: /\d/u,
    pattern: new RegExp(`(\\d{4})[-/.](\\d{1,2})[-/.](\\d{1,2})${SEPARATOR}(?:(\\d{4})[-/.])?(\\d{1,2})[-/.](\\d{1,2})`, 'gu'),
    resolve: (m, asOf) => between(parts(m[1], m[2], m[3]), parts(m[4] ?? m[1], m[5], m[6]), asOf),
  },
  {
    name: 'Chinese date range', guard: /月/u,
    pattern: new RegExp(`(?:${ZH_YEAR})?${ZH_MONTH}\\s*${ZH_DAY}${SEPARATOR}(?:${ZH_YEAR})?(?:${ZH_MONTH})?\\s*${ZH_DAY}`, 'gu'),
    resolve: (m, asOf) => between(parts(m[1], m[2], m[3]), parts(m[4], m[5] ?? m[2], m[6]), asOf),
  },
  {
    name: 'English date range', guard: /\d/iu,
    pattern: new RegExp(
      `\\b(${MONTH_PATTERN})\\.?\\s+(\\d{1,2})${ORDINAL}(?:,?\\s+(\\d{4}))?${SEPARATOR}(?:(${MONTH_PATTERN})\\.?\\s+)?(\\d{1,2})${ORDINAL}(?:,?\\s+(\\d{4}))?\\b`,
      'giu',
    ),
    resolve: (m, asOf) => between(englishParts(m[3] ?? m[6], m[1], m[2]), englishParts(m[6], m[4] ?? m[1], m[5]), asOf),
  },
  {
    // "1-7 dec", "1st to 7th of December 2010": days first, then the month.
    name: 'English day range', guard: /\d/iu,
    // "between the 1st and the 7th of December" too.
    pattern: new RegExp(`\\b(\\d{1,2})${ORDINAL}${SEPARATOR}(?:the\\s+)?(\\d{1,2})${ORDINAL}\\s+(?:of\\s+)?(${MONTH_PATTERN})\\.?(?:,?\\s+(\\d{4}))?\\b`, 'giu'),
    resolve: (m, asOf) => between(englishParts(m[4], m[3], m[1]), englishParts(m[4], m[3], m[2]), asOf),
  },
  {
    name: 'month/day range', guard: /\//u,
    pattern: new RegExp(`(?<![\\d/])(\\d{1,2})/(\\d{1,2})${SEPARATOR}(\\d{1,2})/(\\d{1,2})(?![\\d/])`, 'gu'),
    resolve: (m, asOf) => between(parts(undefined, m[1], m[2]), parts(undefined, m[3], m[4]), asOf),
  },
  {
    name: 'ISO date', guard: /\d/u,
    pattern: /(?<!\d)(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?!\d)/gu,
    resolve: (m, asOf) => single(parts(m[1], m[2], m[3]), asOf),
  },
  {
    // "2011-11", "2011/11", "11/2011": a month, never band edges or a date.
    name: 'numeric month', guard: /\d/u,
    pattern: /(?<![\d/.-])(\d{4})[-/.](\d{1,2})(?![\d/.-])|(?<![\d/.-])(\d{1,2})[-/.](\d{4})(?![\d/.-])/gu,
    resolve: (m, asOf) => {
      const year = number(m[1] ?? m[4]);
      const month = number(m[2] ?? m[3]);
      if (year === undefined || year < 1990 || year > 2100 || month === undefined || month < 1 || month > 12) return undefined;
      return monthRule(year, month, asOf);
    },
  },
  {
    // "on 11/11", "12/24", "9/12/2010": month/day as in the US and China, day/month as in the UK; see slashedDate.
    name: 'numeric month/day', guard: /\//u,
    pattern: /(?<![\d/.-])(\d{1,2})\/(\d{1,2})(?:\/(\d{4}))?(?![\d/.-])/gu,
    resolve: (m, asOf) => slashedDate(m[1], m[2], m[3], asOf),
  },
  {
    name: 'Chinese date', guard: /月/u,
    pattern: new RegExp(`(?:${ZH_YEAR})?${ZH_MONTH}\\s*${ZH_DAY}`, 'gu'),
    resolve: (m, asOf) => single(parts(m[1], m[2], m[3]), asOf),
  },
  {
    name: 'English date', guard: /\d/iu,
    pattern: new RegExp(`\\b(${MONTH_PATTERN})\\.?\\s+(\\d{1,2})${ORDINAL}(?:,?\\s+(\\d{4}))?\\b|\\b(\\d{1,2})${ORDINAL}\\s+(?:of\\s+)?(${MONTH_PATTERN})\\b(?:,?\\s+(\\d{4}))?`, 'giu'),
    resolve: (m, asOf) => single(m[1] ? englishParts(m[3], m[1], m[2]) : englishParts(m[6], m[5], m[4]), asOf),
  },
  {
    name: 'Chinese part of a month', guard: /月/u,
    pattern: new RegExp(`(?:${ZH_YEAR})?${ZH_MONTH}份?\\s*(上旬|中旬|下旬|月初|月中|月底|月末|初|底|末)`, 'gu'),
    resolve: (m, asOf) => monthPartRule(number(m[1]), number(m[2]), ZH_PARTS[m[3] ?? ''], asOf),
  },
  {
    // "中旬呢?" with no month named: that part of the as-of date's month.
    name: 'Chinese part of this month', guard: /旬/u,
    pattern: /(?<![月\d])(上旬|中旬|下旬)/gu,
    resolve: (m, asOf) => monthPartRule(Number(asOf.slice(0, 4)), Number(asOf.slice(5, 7)), ZH_PARTS[m[1] ?? ''], asOf),
  },
  {
    name: 'Chinese first days of a month', guard: /月/u,
    pattern: new RegExp(`(?:${ZH_YEAR})?${ZH_MONTH}份?\\s*(?:的)?前\\s*(${ZH_NUM}{1,3})\\s*[天日]`, 'gu'),
    resolve: (m, asOf) => monthFirstDaysRule(number(m[1]), number(m[2]), number(m[3]), asOf),
  },
  {
    name: 'English part of a month', guard: /early|mid|late|beginning|start|end/iu,
    pattern: new RegExp(`\\b(early|mid|middle|late|beginning|start|end)(?:[\\s-]+of)?[\\s-]+(${MONTH_PATTERN})\\b\\.?(?:\\s+(\\d{4}))?`, 'giu'),
    resolve: (m, asOf) => monthPartRule(number(m[3]), englishMonth(m[2] ?? ''), EN_PARTS[(m[1] ?? '').toLowerCase()], asOf),
  },
  {
    name: 'English first days of a month', guard: /first/iu,
    pattern: new RegExp(`\\b(?:the\\s+)?first\\s+(\\d{1,2}|ten|five|seven|three|two|fifteen|twenty)\\s+days\\s+(?:of|in)\\s+(${MONTH_PATTERN})\\b\\.?(?:\\s+(\\d{4}))?`, 'giu'),
    resolve: (m, asOf) => monthFirstDaysRule(number(m[3]), englishMonth(m[2] ?? ''), number(m[1]) ?? ({ two: 2, three: 3, five: 5, seven: 7, ten: 10, fifteen: 15, twenty: 20 } as Record<string, number>)[(m[1] ?? '').toLowerCase()], asOf),
  },
  {
    name: 'English last days of a month', guard: /last|final/iu,
    pattern: new RegExp(`\\b(?:the\\s+)?(?:last|final)\\s+(\\d{1,2}|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty)\\s+days\\s+(?:of|in)\\s+(${MONTH_PATTERN})\\b\\.?(?:\\s+(\\d{4}))?`, 'giu'),
    resolve: (m, asOf) => monthLastDaysRule(number(m[3]), englishMonth(m[2] ?? ''), number(m[1]) ?? COUNT_WORD_NUMBERS[(m[1] ?? '').toLowerCase()], asOf),
  },
  {
    name: 'Chinese last days of a month', guard: /月/u,
    pattern: new RegExp(`(?:${ZH_YEAR})?${ZH_MONTH}份?\\s*(?:的)?最后\\s*(${ZH_NUM}{1,3})\\s*[天日]`, 'gu'),
    resolve: (m, asOf) => monthLastDaysRule(number(m[1]), number(m[2]), number(m[3]), asOf),
  },
  {
    name: 'half of a month', guard: /half|半月/iu,
    pattern: new RegExp(`\\b(?:the\\s+)?(first|second|1st|2nd|latter)\\s+half\\s+(?:of|in)\\s+(${MONTH_PATTERN})\\b\\.?(?:\\s+(\\d{4}))?|(?:${ZH_YEAR})?${ZH_MONTH}份?\\s*(?:的)?(上|下)半月`, 'giu'),
    resolve: (m, asOf) => (m[2] ? monthHalfRule(number(m[3]), englishMonth(m[2]), /second|2nd|latter/i.test(m[1] ?? ''), asOf) : monthHalfRule(number(m[4]), number(m[5]), m[6] === '下', asOf)),
  },
  {
    name: 'Chinese week of a month', guard: /月/u,
    pattern: new RegExp(`(?:${ZH_YEAR})?${ZH_MONTH}份?\\s*(?:的)?\\s*(?:第\\s*([一二三四1-4])|(最后一|最后|末))\\s*(?:个)?\\s*(?:周|星期|礼拜)`, 'gu'),
    resolve: (m, asOf) => weekOfMonthRule(number(m[1]), number(m[2]), m[3] ?? m[4], asOf),
  },
  {
    name: 'English week of a month', guard: /week/iu,
    pattern: new RegExp(`\\b(?:the\\s+)?(first|1st|second|2nd|third|3rd|fourth|4th|last|final)\\s+week\\s+(?:of|in)\\s+(${MONTH_PATTERN})\\b\\.?(?:\\s+(\\d{4}))?`, 'giu'),
    resolve: (m, asOf) => weekOfMonthRule(number(m[3]), englishMonth(m[2] ?? ''), m[1], asOf),
  },
  {
    // "the last weekend of October", "10月最后一个周末": that month's last Saturday and Sunday.
    name: 'last weekend of a month', guard: /weekend|周末/iu,
    pattern: new RegExp(`\\b(?:the\\s+)?last\\s+weekend\\s+(?:of|in)\\s+(${MONTH_PATTERN})\\b\\.?(?:\\s+(\\d{4}))?|(?:${ZH_YEAR})?${ZH_MONTH}份?\\s*(?:的)?\\s*最后一个?\\s*周末`, 'giu'),
    resolve: (m, asOf) => lastWeekendOfMonth(m[1] ? monthRule(number(m[2]), englishMonth(m[1]), asOf) : monthRule(number(m[3]), number(m[4]), asOf)),
  },
  {
    // "9、10、11月每月新增用户数": months listed with one 月 at the end, from the first to the last.
    name: 'Chinese listed months', guard: /月/u,
    pattern: /(?<![\d.])(1[0-2]|0?[1-9])(?:\s*[、,，和与及]\s*(?:1[0-2]|0?[1-9]))+\s*月份?/gu,
    resolve: (m, asOf) => {
      const months = (m[0].match(/\d+/g) ?? []).map(Number);
      const first = monthRule(undefined, months[0], asOf);
      const last = monthRule(undefined, months[months.length - 1], asOf);
      if (!first || !last || first.start > last.start) return undefined;
      return { start: first.start, end: last.end, label_en: `${first.label_en} to ${last.label_en}`, label_zh: `${first.label_zh}至${last.label_zh}` };
    },
  },
  {
    name: 'Chinese month', guard: /月/u,
    pattern: new RegExp(`(?:${ZH_YEAR})?${ZH_MONTH}份?`, 'gu'),
    resolve: (m, asOf) => monthRule(number(m[1]), number(m[2]), asOf),
  },
  {
    name: 'English month', guard: /jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec/iu,
    pattern: new RegExp(`\\b(${MONTH_PATTERN})\\b\\.?(?:\\s+(\\d{4}))?`, 'giu'),
    resolve: (m, asOf) => {
      // "may" is usually the verb: only a month with a preposition before it or a year after it.
      const preposition = /\b(?:in|during|of|for|since|from)\s+$/i.test(m.input.slice(0, m.index));
      if ((m[1] ?? '').toLowerCase() === 'may' && !preposition && m[2] === undefined) return undefined;
      return monthRule(number(m[2]), englishMonth(m[1] ?? ''), asOf);
    },
  },
  {
    name: 'year', guard: /年|\d/iu,
    pattern: new RegExp(`${ZH_YEAR}(?!\\s*${ZH_NUM}{1,2}\\s*月)|\\b(?:in|during|for|of|year)\\s+(\\d{4})\\b(?![-/.]\\d)`, 'giu'),
    resolve: (m) => {
      const year = number(m[1] ?? m[2]);
      if (year === undefined || year < 1990 || year > 2100) return undefined;
      return { start: makeDate(year, 1, 1), end: makeDate(year, 12, 31), unit: 'year', label_en: String(year), label_zh: `${year}年` };
    },
  },
  {
    name: 'quarter', guard: /q|季度/iu,
    pattern: new RegExp(
      `\\bQ([1-4])\\b(?:\\s*(\\d{4}))?|\\b(\\d{4})\\s*Q([1-4])\\b|(?:${ZH_YEAR})?第?([一二三四1-4])\\s*季度|\\b(first|second|third|fourth|1st|2nd|3rd|4th)\\s+quarter\\b(?:\\s+(?:of\\s+)?(\\d{4}))?`,
      'giu',
    ),
    resolve: (m, asOf) => {
      if (m[1]) return quarterRule(number(m[2]), Number(m[1]), asOf);
      if (m[4]) return quarterRule(number(m[3]), Number(m[4]), asOf);
      if (m[6]) return quarterRule(number(m[5]), number(m[6]), asOf);
      return quarterRule(number(m[8]), QUARTER_WORDS[(m[7] ?? '').toLowerCase()], asOf);
    },
  },
  { name: 'first half', guard: /上半年|half|h1/iu, pattern: /上半年|\bfirst\s+half(?:\s+of\s+the\s+year)?\b|\bH1\b/giu, resolve: (_, asOf) => halfRule(1, asOf) },
  { name: 'second half', guard: /下半年|half|h2/iu, pattern: /下半年|\bsecond\s+half(?:\s+of\s+the\s+year)?\b|\bH2\b/giu, resolve: (_, asOf) => halfRule(2, asOf) },
  {
    name: 'National Day', guard: /国庆|十一|national|golden/iu,
    // "国庆7天": the seven days are the holiday's own, not a count left over.
    pattern: withYear(/国庆(?:节|黄金周|假期|长假|期间)?(?:\s*[7七]\s*[天日](?:假期|长假|小长假)?)?|(?<!双\s*)十一(?:假期|黄金周|长假|期间)|\bnational\s+day(?:\s+(?:holiday|holidays|golden\s+week|week))?\b|\bgolden\s+week\b/giu),
    resolve: holiday(10, 1, 7, 'National Day holiday (Oct 1–7)', '国庆假期（10月1日–7日）'),
  },
  {
    name: 'Double 11', guard: /双|double|singles|光棍节|11\.11/iu,
    // A suffix such as 期间 belongs to the festival, so "双十一期间" never reads as National Day's "十一期间".
    pattern: withYear(/双\s*(?:十一|11)(?:期间|当天|大促|活动|购物节|那天)?|\bdouble\s*(?:11|eleven)\b|\bsingles['’]?\s*day\b|光棍节|(?<![\d.])11\.11(?![\d.])/giu),
    resolve: holiday(11, 11, 11, 'Double 11 (Nov 11)', '双十一（11月11日）'),
  },
  {
    name: 'Double 12', guard: /双|double|12\.12/iu,
    pattern: withYear(/双\s*(?:十二|12)|\bdouble\s*(?:12|twelve)\b|(?<![\d.])12\.12(?![\d.])/giu),
    resolve: holiday(12, 12, 12, 'Double 12 (Dec 12)', '双十二（12月12日）'),
  },
  {
    name: '618', guard: /618|六一八/u,
    pattern: withYear(/(?<![\d.])618(?:大促|购物节)?(?![\d.])|六一八/gu),
    resolve: holiday(6, 18, 18, '618 festival (Jun 18)', '618（6月18日）'),
  },
  { name: "New Year's Day", guard: /元旦|new/iu, pattern: withYear(/元旦|\bnew\s+year['’]?s\s+day\b/giu), resolve: holiday(1, 1, 1, "New Year's Day", '元旦') },
  { name: 'Christmas', guard: /圣诞|christmas/iu, pattern: withYear(/圣诞节?|\bchristmas(?:\s+day)?\b/giu), resolve: holiday(12, 25, 25, 'Christmas Day', '圣诞节') },
  {
    name: 'Black Friday', guard: /黑色星期五|黑五|black|cyber|bfcm|网络星期一/iu,
    pattern: withYear(
      /(?:\bthe\s+week\s+of\s+)?(?:黑色星期五|黑五|\bblack\s+friday\b)(?:['’]s)?(?:\s*(?:weekend\b|week\b|周末|当周|那一?周|这一?周|一周|周(?![一二三四五六日天])|(?:to|through|thru|till|until|and|-|–|到|至)\s*(?:\bcyber\s+monday\b|网络星期一)))?|\bcyber\s+monday\b|网络星期一|\bbfcm\b/giu,
    ),
    resolve: blackFriday,
  },
];

