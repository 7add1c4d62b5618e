import { addDays, addMonths, dateParts, daysBetween, makeDate, startOfIsoWeek, type IsoDate } from './calendar-date.ts';
import { ENGLISH_NUMBER_PATTERN, NUMBER_CHARS, parseNumber } from '../../../text/number-words.ts';
import { latestWeekend, monthPeriod, quarterPeriod, weekPeriod, type RawPeriod, type TimeRule } from './time-period.ts';

function day(date: IsoDate, label_en: string, label_zh: string): RawPeriod {
  return { start: date, end: date, unit: 'day', label_en, label_zh };
}

function rolling(count: number, unit: string, asOf: IsoDate): RawPeriod | undefined {
  const normalised = unit.toLowerCase();
  const isWeek = /^(week|周|星期|礼拜)/.test(normalised);
  const isMonth = /^(month|月)/.test(normalised);
  // A "month" in a rolling window is 30 days, so 近一个月 and "last 30 days" agree.
  const days = count * (isWeek ? 7 : isMonth ? 30 : 1);
  if (!Number.isInteger(count) || count < 1 || days > 3660) return undefined;
  const unitEn = isWeek ? 'week' : isMonth ? 'month' : 'day';
  const unitZh = isWeek ? '周' : isMonth ? '个月' : '天';
  return {
    start: addDays(asOf, 1 - days),
    end: asOf,
    label_en: `last ${count} ${unitEn}${count === 1 ? '' : 's'}`,
    label_zh: `近${count}${unitZh}`,
  };
}

/** The same rolling window one window earlier, marked as the one a comparison is made with. */
function preceding(count: number, unit: string, asOf: IsoDate): RawPeriod | undefined {
  const window = rolling(count, unit, asOf);
  if (!window) return undefined;
  const days = daysBetween(window.start, window.end) + 1;
  return { start: addDays(window.start, -days), end: addDays(window.start, -1), label_en: `the previous ${window.label_en.replace(/^last /, '')}`, label_zh: `之前${window.label_zh.replace(/^近/, '')}`, precedingDays: days };
}

const N_ZH = `[${NUMBER_CHARS}]{1,6}`;
const N_EN = `(?:(?:twenty|thirty|forty|fifty|sixty|ninety)[\\s-](?:one|two|three|four|five|six|seven|eight|nine)|${ENGLISH_NUMBER_PATTERN})`;

/** Today, yesterday, this/last week, month, quarter, year, rolling windows and weekends. */
export const RELATIVE_TIME_RULES: TimeRule[] = [
  { name: 'today', pattern: /\btoday\b|今天|今日|当天/giu, resolve: (_, asOf) => day(asOf, 'today', '今天') },
  {
    name: 'yesterday',
    pattern: /\byesterday\b|昨天|昨日/giu,
    resolve: (_, asOf) => day(addDays(asOf, -1), 'yesterday', '昨天'),
  },
  {
    name: 'day before yesterday',
    pattern: /\b(?:the\s+)?day\s+before\s+yesterday\b|前天/giu,
    resolve: (_, asOf) => day(addDays(asOf, -2), 'the day before yesterday', '前天'),
  },
  {
    name: 'days ago', guard: /ago|天前/iu,
    pattern: new RegExp(`\\b(${N_EN})\\s+days?\\s+ago\\b|(${N_ZH})\\s*天前`, 'giu'),
    resolve: (match, asOf) => {
      const count = parseNumber(match[1] ?? match[2] ?? '');
      if (count === undefined) return undefined;
      return day(addDays(asOf, -count), `${count} days ago`, `${count}天前`);
    },
  },
  {
    name: 'this week',
    pattern: /\bthis\s+week\b|\bweek\s+to\s+date\b|\bwtd\b|\b(?:for\s+|in\s+)?the\s+week\s+so\s+far\b|本周(?:到目前|至今|以来)?|这周(?:到现在|到目前)?|这一周|本星期|这个星期|这星期|本礼拜|这个礼拜/giu,
    resolve: (_, asOf) => ({ ...weekPeriod(asOf), unit: 'week', label_en: 'this week', label_zh: '本周' }),
  },
  {
    name: 'last week',
    pattern: /\b(?:last|previous|prior)\s+week\b|上周|上一周|上星期|上个星期|上礼拜|上个礼拜/giu,
    resolve: (_, asOf) => ({ ...weekPeriod(addDays(asOf, -7)), unit: 'week', label_en: 'last week', label_zh: '上周' }),
  },
  {
    // "上周三", "last Wednesday", "this Monday": one day of a named week.
    name: 'day of a week', guard: /周|星期|礼拜|day/iu,
    // "上周一共" is "last week in total", not last Monday: 一 followed by 共/起/下… is not a weekday; nor is
    // "上周一线城市" / "本周三线" (a city tier follows).
    pattern: /(上|本|这)(?:个)?(?:周|星期|礼拜)([一二三四五六日天])(?<!一(?=[共起下些样直定点致切般半]))(?![线]|整周)|\b(last|this)\s+(monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b/giu,
    resolve: (match, asOf) => {
      const zhDays = '一二三四五六日';
      const enDays = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'];
      const weekday = match[2] ? (match[2] === '天' ? 7 : zhDays.indexOf(match[2]) + 1) : enDays.indexOf((match[4] ?? '').toLowerCase()) + 1;
      if (weekday < 1) return undefined;
      const lastWeek = match[1] === '上' || (match[3] ?? '').toLowerCase() === 'last';
      const monday = startOfIsoWeek(lastWeek ? addDays(asOf, -7) : asOf);
      const date = addDays(monday, weekday - 1);
      const label = match[0];
      return day(date, label, label);
    },
  },
  {
    name: 'week before last',
    pattern: /\b(?:the\s+)?week\s+before\s+last\b|上上周|上上个星期|上上个礼拜/giu,
    resolve: (_, asOf) => ({ ...weekPeriod(addDays(asOf, -14)), unit: 'week', label_en: 'the week before last', label_zh: '上上周' }),
  },
  {
    name: 'this month',
    pattern: /\bthis\s+month\b|\bmonth\s+to\s+date\b|\bMTD\b|\b(?:for\s+|in\s+)?the\s+month\s+so\s+far\b|本月|这个月|当月|这月/giu,
    resolve: (_, asOf) => {
      const { year, month } = dateParts(asOf);
      return { ...monthPeriod(year, month), unit: 'month', label_en: 'this month', label_zh: '本月' };
    },
  },
  {
    name: 'last month',
    pattern: /\b(?:last|previous|prior)\s+month\b|上个月|上一个月|上月/giu,
    resolve: (_, asOf) => {
      const { year, month } = dateParts(addMonths(asOf, -1));
      return { ...monthPeriod(year, month), unit: 'month', label_en: 'last month', label_zh: '上个月' };
    },
  },
  {
    name: 'month before last',
    pattern: /\b(?:the\s+)?month\s+before\s+last\b|上上个月|上上月/giu,
    resolve: (_, asOf) => {
      const { year, month } = dateParts(addMonths(asOf, -2));
      return { ...monthPeriod(year, month), unit: 'month', label_en: 'the month before last', label_zh: '上上个月' };
    },
  },
  {
    name: 'this quarter',
    pattern: /\bthis\s+quarter\b|\bquarter\s+to\s+date\b|\bQTD\b|\b(?:for\s+|in\s+)?the\s+quarter\s+so\s+far\b|本季度|这个季度|这季度|当季/giu,
    resolve: (_, asOf) => {
      const { year, month } = dateParts(asOf);
      return { ...quarterPeriod(year, Math.ceil(month / 3)), unit: 'quarter', label_en: 'this quarter', label_zh: '本季度' };
    },
  },
  {
    name: 'last quarter',
    pattern: /\b(?:last|previous|prior)\s+quarter\b|上季度|上个季度|上一季度|上一个季度/giu,
    resolve: (_, asOf) => {
      const { year, month } = dateParts(addMonths(asOf, -3));
      return { ...quarterPeriod(year, Math.ceil(month / 3)), unit: 'quarter', label_en: 'last quarter', label_zh: '上季度' };
    },
  },
  {
    name: 'this year',
    pattern: /\bthis\s+year\b|\byear\s+to\s+date\b|\bYTD\b|\b(?:for\s+|in\s+)?the\s+year\s+so\s+far\b|今年|本年度?|今年以来/giu,
    resolve: (_, asOf) => {
      const { year } = dateParts(asOf);
      return { start: makeDate(year, 1, 1), end: makeDate(year, 12, 31), unit: 'year', label_en: 'this year', label_zh: '今年' };
    },
  },
  {
    name: 'last year',
    // "去年同期", "same period last year" compare with a year earlier; they are not all of last year.
    pattern: /(?<!same\s+period\s+)\b(?:last|previous|prior)\s+year\b|去年(?!同期)|上一年/giu,
    resolve: (_, asOf) => {
      const year = dateParts(asOf).year - 1;
      return { start: makeDate(year, 1, 1), end: makeDate(year, 12, 31), unit: 'year', label_en: 'last year', label_zh: '去年' };
    },
  },
  {
    name: 'year before last',
    pattern: /\bthe\s+year\s+before\s+last\b|前年/giu,
    resolve: (_, asOf) => {
      const year = dateParts(asOf).year - 2;
      return { start: makeDate(year, 1, 1), end: makeDate(year, 12, 31), unit: 'year', label_en: 'the year before last', label_zh: '前年' };
    },
  },
  {
    // A future year: named so it is never dropped; the answer then says the warehouse has no data for it.
    name: 'next year',
    pattern: /\bnext\s+year\b|明年|下一年/giu,
    resolve: (_, asOf) => {
      const year = dateParts(asOf).year + 1;
      return { start: makeDate(year, 1, 1), end: makeDate(year, 12, 31), unit: 'year', label_en: 'next year', label_zh: '明年' };
    },
  },
  {
    // "跟前7天比", "和之前两周相比": the window before the compared period, not the rolling last 7 days again ("前一天",
    // "前一周" are the period just before, read by the understanding).
    name: 'preceding window (Chinese)', guard: /前|上/u,
    pattern: new RegExp(`(?:跟|和|与|同|比|较|对比|相比)\\s*(?:之前|此前|前面|上|前)的?\\s*(?![一1]\\s*(?:个)?\\s*(?:天|日|周|星期|礼拜|月))(${N_ZH})\\s*(?:个)?\\s*(天|日|周|星期|礼拜|月)`, 'gu'),
    resolve: (match, asOf) => preceding(parseNumber(match[1] ?? '') ?? Number.NaN, match[2] ?? '天', asOf),
  },
  {
    name: 'preceding window (English)', guard: /previous|prior|preceding|before/iu,
    pattern: new RegExp(`\\b(?:the\\s+)?(?:previous|prior|preceding)\\s+(${N_EN})\\s+(days?|weeks?|months?)\\b|\\bthe\\s+(${N_EN})\\s+(days?|weeks?|months?)\\s+(?:before|prior)\\b`, 'giu'),
    resolve: (match, asOf) => preceding(parseNumber(match[1] ?? match[3] ?? '') ?? Number.NaN, match[2] ?? match[4] ?? 'day', asOf),
  },
  {
    name: 'rolling window (English)', guard: /day|week|month/iu,
    pattern: new RegExp(
      `\\b(?:(?:last|past|previous|recent|trailing)\\s+(${N_EN})\\s+|(?:past|recent|trailing)\\s+)(days?|weeks?|months?)\\b`,
      'giu',
    ),
    resolve: (match, asOf) => rolling(match[1] === undefined ? 1 : (parseNumber(match[1]) ?? Number.NaN), match[2] ?? 'day', asOf),
  },
  {
    // British English: "this fortnight", "over the past fortnight" are the last 14 days.
    name: 'fortnight', guard: /fortnight/iu,
    pattern: /\b(?:(?:this|the|last|past|previous|recent|over the past|in the last)\s+)?fortnight\b/giu,
    resolve: (_, asOf) => rolling(14, 'day', asOf),
  },
  {
    name: 'rolling window (Chinese)', guard: /近|过去|前/u,
    pattern: new RegExp(`(?:最近|近|过去|前)的?\\s*(${N_ZH})\\s*(?:个)?\\s*(天|日|周|星期|礼拜|月)`, 'gu'),
    resolve: (match, asOf) => rolling(parseNumber(match[1] ?? '') ?? Number.NaN, match[2] ?? '天', asOf),
  },
  {
    // 两周内, 7天以来: a bare count needs 内/以来, because 七日留存 or 七天无理由 are not periods.
    name: 'within window (Chinese)', guard: /内|以来/u,
    pattern: new RegExp(`(${N_ZH})\\s*(?:个)?\\s*(天|日|周|星期|礼拜|月)\\s*(?:以内|内|以来)`, 'gu'),
    resolve: (match, asOf) => rolling(parseNumber(match[1] ?? '') ?? Number.NaN, match[2] ?? '天', asOf),
  },
  {
    name: 'last weekend',
    pattern: /\b(?:last|previous)\s+weekend\b|上周末|上个周末/giu,
    resolve: (_, asOf) => {
      const sunday = addDays(startOfIsoWeek(asOf), -1);
      return { start: addDays(sunday, -1), end: sunday, unit: 'week', label_en: 'last weekend', label_zh: '上周末' };
    },
  },
  {
    name: 'weekend before last',
    pattern: /\b(?:the\s+)?weekend\s+before\s+last\b|上上周末|上上个周末/giu,
    resolve: (_, asOf) => {
      const sunday = addDays(startOfIsoWeek(asOf), -8);
      return { start: addDays(sunday, -1), end: sunday, unit: 'week', label_en: 'the weekend before last', label_zh: '上上周末' };
    },
  },
  {
    name: 'this weekend',
    pattern: /\bthis\s+weekend\b|本周末|这周末|这个周末/giu,
    resolve: (_, asOf) => {
      const saturday = addDays(startOfIsoWeek(asOf), 5);
      return { start: saturday, end: addDays(saturday, 1), unit: 'week', label_en: 'this weekend', label_zh: '本周末' };
    },
  },
  {
    name: 'weekends',
    pattern: /\b(?:on\s+)?weekends?\b|周末|双休日/giu,
    resolve: (_, asOf) => ({
      ...latestWeekend(asOf),
      unit: 'week',
      label_en: 'weekends',
      label_zh: '周末',
      weekdays: [6, 7],
      modifierOnly: true,
    }),
  },
  {
    // "on Sundays", "每周日": one day of the week, every week of the period (the latest one when no period is named).
    name: 'one weekday, every week',
    pattern: /\b(?:on\s+)?(mondays|tuesdays|wednesdays|thursdays|fridays|saturdays|sundays)\b|(?:每个?|逢)(?:周|星期|礼拜)([一二三四五六日天])/giu,
    resolve: (match, asOf) => {
      const english = ['mondays', 'tuesdays', 'wednesdays', 'thursdays', 'fridays', 'saturdays', 'sundays'].indexOf((match[1] ?? '').toLowerCase()) + 1;
      const weekday = english > 0 ? english : match[2] === '天' ? 7 : '一二三四五六日'.indexOf(match[2] ?? '') + 1;
      if (weekday < 1) return undefined;
      const monday = startOfIsoWeek(asOf);
      const thisWeeks = addDays(monday, weekday - 1);
      const latest = thisWeeks <= asOf ? thisWeeks : addDays(thisWeeks, -7);
      const label = match[0].trim();
      return { start: latest, end: latest, unit: 'week', label_en: label, label_zh: label, weekdays: [weekday], modifierOnly: true };
    },
  },
  {
    name: 'weekdays',
    pattern: /\b(?:on\s+)?(?:weekdays|workdays|working\s+days|business\s+days)\b|工作日/giu,
    resolve: (_, asOf) => {
      const monday = startOfIsoWeek(addDays(asOf, -7));
      return { start: monday, end: addDays(monday, 4), unit: 'week', label_en: 'weekdays', label_zh: '工作日', weekdays: [1, 2, 3, 4, 5], modifierOnly: true };
    },
  },
];
