import {
  addDays,
  addMonths,
  dateParts,
  daysInMonth,
  isoWeekday,
  makeDate,
  rangeLength,
  startOfIsoWeek,
  type DateRange,
  type IsoDate,
} from './calendar-date.ts';

/** Calendar unit of a period, which decides what "the previous period" is. */
export type PeriodUnit = 'day' | 'week' | 'month' | 'quarter' | 'half' | 'year';

/** A period as one rule recognised it, before clipping to the data's as-of date. */
export interface RawPeriod extends DateRange {
  unit?: PeriodUnit;
  label_en: string;
  label_zh: string;
  /** ISO weekdays to keep (weekends = [6, 7]). */
  weekdays?: number[];
  /** Only a weekday filter ("weekends"): the range is a fallback used when nothing else names a period. */
  modifierOnly?: boolean;
  /** One of a pair written around one anchor ("双十一前一周和后一周"), compared with the other. */
  pairedComparison?: boolean;
  /**
   * "跟前7天比", "vs the prior 30 days": a window of this many days right before the period it is compared with
   * (start and end are that window before the rolling one, for when nothing else names a period).
   */
  precedingDays?: number;
  /** Dates written out ("11月1日到11月10日", "9.24"): beside a festival they name, they give the period. */
  explicit?: boolean;
  /** A festival or shopping event ("双十一", "Black Friday"). */
  event?: boolean;
  /** The weekday written beside a date ("Sunday 12 December") is not that date's: the question is asked back. */
  weekdayConflict?: { written: number; actual: number };
}

export interface TimeRule {
  name: string;
  pattern: RegExp;
  /**
   * A cheap test that every text the pattern matches passes (words or characters each of its alternatives must
   * contain, with the pattern's i/u flags): most questions name no date, so most patterns need not run. Left out
   * where the pattern is itself a list of words. `time-rule-guards.test.ts` checks it against every match.
   */
  guard?: RegExp;
  resolve: (match: RegExpExecArray, asOf: IsoDate) => RawPeriod | undefined;
}

export const ENGLISH_MONTHS = [
  'january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december',
] as const;
export const MONTH_PATTERN = 'january|february|march|april|may|june|july|august|september|october|november|december|jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec';

export function englishMonth(text: string): number | undefined {
  const lower = text.toLowerCase();
  const index = ENGLISH_MONTHS.findIndex((name) => name.startsWith(lower.slice(0, 3)));
  return index === -1 ? undefined : index + 1;
}

export function validDay(year: number, month: number, day: number): boolean {
  return month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}

/** Year of the most recent (month, day) on or before the as-of date: "Nov 11" in Jan 2026 means 2025. */
export function recentYear(month: number, day: number, asOf: IsoDate): number {
  const { year } = dateParts(asOf);
  return makeDate(year, month, Math.min(day, daysInMonth(year, month))) <= asOf ? year : year - 1;
}

export function monthPeriod(year: number, month: number): DateRange {
  return { start: makeDate(year, month, 1), end: makeDate(year, month, daysInMonth(year, month)) };
}

export function quarterPeriod(year: number, quarter: number): DateRange {
  const firstMonth = (quarter - 1) * 3 + 1;
  return { start: makeDate(year, firstMonth, 1), end: monthPeriod(year, firstMonth + 2).end };
}

export function weekPeriod(date: IsoDate): DateRange {
  const start = startOfIsoWeek(date);
  return { start, end: addDays(start, 6) };
}

/** The most recent Saturday–Sunday on or before the as-of date (just Saturday if the as-of day is one). */
export function latestWeekend(asOf: IsoDate): DateRange {
  const weekday = isoWeekday(asOf);
  if (weekday >= 6) return { start: addDays(asOf, 6 - weekday), end: addDays(asOf, 7 - weekday) };
  const lastSunday = addDays(asOf, -weekday);
  return { start: addDays(lastSunday, -1), end: lastSunday };
}

/** Last day of the calendar unit that starts at `start`. */
function naturalEnd(start: IsoDate, months: number): IsoDate {
  return addDays(addMonths(start, months), -1);
}

const UNIT_MONTHS: Partial<Record<PeriodUnit, number>> = { month: 1, quarter: 3, half: 6, year: 12 };

/** Where the calendar unit a period names ends (a week on its Sunday, a month on its last day); its own end otherwise. */
export function naturalUnitEnd(period: DateRange & { unit?: PeriodUnit }): IsoDate {
  if (period.unit === 'week') return addDays(period.start, 6);
  const months = period.unit ? UNIT_MONTHS[period.unit] : undefined;
  return months === undefined ? period.end : naturalEnd(period.start, months);
}

/**
 * The period just before: the previous calendar unit (whole, or the same number of days when the current
 * one is only partly over), or for ad-hoc ranges the same number of days immediately before.
 */
export function previousPeriod(period: DateRange & { unit?: PeriodUnit }): DateRange {
  const months = period.unit ? UNIT_MONTHS[period.unit] : undefined;
  if (period.unit === 'week') return { start: addDays(period.start, -7), end: addDays(period.end, -7) };
  if (months !== undefined) {
    const start = addMonths(period.start, -months);
    const whole = period.end === naturalEnd(period.start, months);
    return { start, end: whole ? naturalEnd(start, months) : addMonths(period.end, -months) };
  }
  const length = rangeLength(period);
  const end = addDays(period.start, -1);
  return { start: addDays(end, 1 - length), end };
}

/**
 * The period before a plain date range: the previous calendar month(s) when the range is whole months (Oct 1–31 →
 * Sep 1–30), otherwise the same number of days just before.
 */
export function previousOfRange(range: DateRange): DateRange {
  const start = dateParts(range.start);
  const end = dateParts(range.end);
  const wholeMonths = start.day === 1 && end.day === daysInMonth(end.year, end.month);
  const months = (end.year - start.year) * 12 + (end.month - start.month) + 1;
  if (wholeMonths && months === 1) return previousPeriod({ ...range, unit: 'month' });
  return previousPeriod(range);
}

/** The same dates one year earlier (Feb 29 becomes Feb 28). */
export function yearAgoPeriod(period: DateRange): DateRange {
  return { start: addMonths(period.start, -12), end: addMonths(period.end, -12) };
}
