import { dateParts, makeDate, type IsoDate } from './calendar-date.ts';
import { parseNumber } from '../../../text/number-words.ts';
import { englishMonth, recentYear, validDay, type RawPeriod } from './time-period.ts';

/** Pieces of written dates shared by the date rules: numbers, Chinese date parts, range separators. */
export const ZH_NUM = '[0-9〇零一二两三四五六七八九十]';
export const ZH_YEAR = `([0-9]{4}|[〇零一二三四五六七八九]{4})\\s*年\\s*`;
export const ZH_MONTH = `(${ZH_NUM}{1,3})\\s*月`;
export const ZH_DAY = `(${ZH_NUM}{1,3})\\s*[日号]`;
export const SEPARATOR = `\\s*(?:to|through|thru|until|till|and|-|–|—|~|到|至)\\s*`;
export const ORDINAL = '(?:st|nd|rd|th)?';

export interface DateParts {
  year?: number;
  month: number;
  day: number;
}

export function number(text: string | undefined): number | undefined {
  return text === undefined ? undefined : parseNumber(text);
}

/** A date whose year may be missing: the most recent such date on or before the as-of date. */
export function placeDate(parts: DateParts, asOf: IsoDate): IsoDate | undefined {
  const year = parts.year ?? recentYear(parts.month, parts.day, asOf);
  return validDay(year, parts.month, parts.day) ? makeDate(year, parts.month, parts.day) : undefined;
}

export function dayLabel(date: IsoDate): { label_en: string; label_zh: string } {
  const { year, month, day } = dateParts(date);
  return { label_en: date, label_zh: `${year}年${month}月${day}日` };
}

export function single(parts: DateParts | undefined, asOf: IsoDate): RawPeriod | undefined {
  if (!parts) return undefined;
  const date = placeDate(parts, asOf);
  return date === undefined ? undefined : { start: date, end: date, unit: 'day', explicit: true, ...dayLabel(date) };
}

/** from–to; a year missing on the start comes from the end, a missing end year from the start. */
export function between(from: DateParts | undefined, to: DateParts | undefined, asOf: IsoDate): RawPeriod | undefined {
  if (!from || !to) return undefined;
  const start = placeDate({ ...from, year: from.year ?? to.year }, asOf);
  if (start === undefined) return undefined;
  let endYear = to.year ?? dateParts(start).year;
  if (to.year === undefined && (to.month < from.month || (to.month === from.month && to.day < from.day))) endYear += 1;
  if (!validDay(endYear, to.month, to.day)) return undefined;
  const end = makeDate(endYear, to.month, to.day);
  if (end < start) return undefined;
  return { start, end, explicit: true, label_en: `${start} to ${end}`, label_zh: `${dayLabel(start).label_zh}至${dayLabel(end).label_zh}` };
}

export function parts(year: string | undefined, month: string | undefined, day: string | undefined): DateParts | undefined {
  const monthNumber = number(month);
  const dayNumber = number(day);
  if (monthNumber === undefined || dayNumber === undefined) return undefined;
  return { year: number(year), month: monthNumber, day: dayNumber };
}

export function englishParts(year: string | undefined, monthName: string | undefined, day: string | undefined): DateParts | undefined {
  const month = monthName === undefined ? undefined : englishMonth(monthName);
  return month === undefined ? undefined : parts(year, String(month), day);
}
