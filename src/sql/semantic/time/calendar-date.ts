/**
 * Plain calendar dates as 'YYYY-MM-DD' strings. Arithmetic goes through UTC so that no local time zone or
 * daylight-saving shift can move a date.
 */
export type IsoDate = string;

export interface DateRange {
  start: IsoDate;
  end: IsoDate;
}

function toUtc(date: IsoDate): Date {
  const [year, month, day] = date.split('-').map(Number);
  return new Date(Date.UTC(year ?? 1970, (month ?? 1) - 1, day ?? 1));
}

function fromUtc(date: Date): IsoDate {
  return date.toISOString().slice(0, 10);
}

export function makeDate(year: number, month: number, day: number): IsoDate {
  return fromUtc(new Date(Date.UTC(year, month - 1, day)));
}

export function addDays(date: IsoDate, days: number): IsoDate {
  const value = toUtc(date);
  value.setUTCDate(value.getUTCDate() + days);
  return fromUtc(value);
}

/** Same day of month `months` later, clamped to the month's last day (Mar 31 - 1 month = Feb 28). */
export function addMonths(date: IsoDate, months: number): IsoDate {
  const { year, month, day } = dateParts(date);
  const target = new Date(Date.UTC(year, month - 1 + months, 1));
  const lastDay = daysInMonth(target.getUTCFullYear(), target.getUTCMonth() + 1);
  return makeDate(target.getUTCFullYear(), target.getUTCMonth() + 1, Math.min(day, lastDay));
}

export function dateParts(date: IsoDate): { year: number; month: number; day: number } {
  const value = toUtc(date);
  return { year: value.getUTCFullYear(), month: value.getUTCMonth() + 1, day: value.getUTCDate() };
}

export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** ISO weekday: Monday 1 … Sunday 7. */
export function isoWeekday(date: IsoDate): number {
  const day = toUtc(date).getUTCDay();
  return day === 0 ? 7 : day;
}

export function startOfIsoWeek(date: IsoDate): IsoDate {
  return addDays(date, 1 - isoWeekday(date));
}

export function daysBetween(start: IsoDate, end: IsoDate): number {
  return Math.round((toUtc(end).getTime() - toUtc(start).getTime()) / 86_400_000);
}

/** Number of days in a range, both ends included. */
export function rangeLength(range: DateRange): number {
  return daysBetween(range.start, range.end) + 1;
}

export function minDate(first: IsoDate, second: IsoDate): IsoDate {
  return first <= second ? first : second;
}

export function maxDate(first: IsoDate, second: IsoDate): IsoDate {
  return first >= second ? first : second;
}
